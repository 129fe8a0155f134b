/* nd-cli.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of the command-line contract (DESIGN.md). */
#define ND_CLI_EXIT_OK         0
#define ND_CLI_EXIT_USER_ERROR 1
#define ND_CLI_EXIT_USAGE      2
/* publish, withdraw, outbox --run: nothing failed for good, but some
 * items wait in the outbox for a later attempt (the site was not there).
 * sysexits.h's EX_TEMPFAIL, which mail programs give for a queued mail. */
#define ND_CLI_EXIT_QUEUED     75

/* TRUE when argv names a command (or asks for --help/--version), so that
 * main() runs headless instead of opening the window. "--db FILE" alone
 * is no command: it opens the window on that database. */
gboolean  nd_cli_wants_command (int    argc,
                                char **argv);

/* Runs one command and returns the exit code. Output goes to stdout,
 * errors as one translated line each to stderr. */
int       nd_cli_run           (int    argc,
                                char **argv);

/* The database path chosen by --db, else $NEWSDESK_DB, else the default.
 * Removes "--db FILE" / "--db=FILE" from argv. (transfer full) */
char     *nd_cli_take_db_path  (int    *argc,
                                char ***argv);

G_END_DECLS
