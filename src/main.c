/* main.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nd-application.h"
#include "nd-cli.h"

/* main() only dispatches: a command runs headless (src/cli), anything else
 * opens the window (src/ui). Both use the same core API. */
int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");

  /* NEWSDESK_LOCALEDIR lets the tests use the catalogs of the build tree. */
  localedir = g_getenv ("NEWSDESK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (nd_cli_wants_command (argc, argv))
    return nd_cli_run (argc, argv);

  db_path = nd_cli_take_db_path (&argc, &argv);

  return nd_application_run (db_path, argc, argv);
}
