/* nd-cli-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "nd-cli.h"
#include "nd-kinds.h"
#include "nd-types.h"

G_BEGIN_DECLS

/* Returned by nd_cli_parse_options() when the command should go on. */
#define ND_CLI_CONTINUE (-1)

typedef struct _NdCliCommand NdCliCommand;

/* One command: @argv[0] is the command word, the rest is what followed
 * it (with "--db FILE" already removed). Returns an ND_CLI_EXIT_* code. */
typedef int (*NdCliCommandFunc) (const NdCliCommand *command,
                                 const char         *db_path,
                                 int                 argc,
                                 char              **argv);

struct _NdCliCommand
{
  const char       *name;         /* the command word, never translated */
  const char       *parameters;   /* N_(): "ID TAG…", or NULL */
  const char       *summary;      /* N_(): one line for the help */
  const char       *description;  /* N_(): more help below the options, or NULL */
  NdCliCommandFunc  run;
};

/* The commands (nd-cli-items.c, nd-cli-edit.c, nd-cli-io.c). */
int       nd_cli_cmd_list          (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_search        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_show          (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_check         (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_set           (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_tag           (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_untag         (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_import        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_export        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);

/* The image commands (nd-cli-images.c). */
int       nd_cli_cmd_attach        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_credits       (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_images        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_export_images (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);

/* The publishing targets: target add|list|remove (nd-cli-targets.c). */
int       nd_cli_cmd_target        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);

/* Publishing: publish, withdraw, outbox (nd-cli-publish.c). */
int       nd_cli_cmd_publish       (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_withdraw      (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);
int       nd_cli_cmd_outbox        (const NdCliCommand  *command,
                                    const char          *db_path,
                                    int                  argc,
                                    char               **argv);

/* "newsdesk: MESSAGE" on stderr. */
void      nd_cli_print_error       (const char          *format,
                                    ...) G_GNUC_PRINTF (1, 2);
/* The same, followed by the hint to --help; returns ND_CLI_EXIT_USAGE. */
int       nd_cli_usage_error       (const char          *format,
                                    ...) G_GNUC_PRINTF (1, 2);
/* Prints @error's message and returns ND_CLI_EXIT_USER_ERROR. */
int       nd_cli_report_error      (const GError        *error);

/* Parses the options of @command (@entries may be NULL) with a
 * GOptionContext that also knows -h/--help. Returns ND_CLI_CONTINUE, or
 * the exit code when the help was shown or the options were bad. */
int       nd_cli_parse_options     (const NdCliCommand  *command,
                                    const GOptionEntry  *entries,
                                    int                 *argc,
                                    char              ***argv);
/* Checks the number of positional arguments left after the options
 * (argv[0], the command word, not counted); @max -1: no upper bound.
 * Returns ND_CLI_CONTINUE or ND_CLI_EXIT_USAGE after telling why. */
int       nd_cli_check_arguments   (const NdCliCommand  *command,
                                    int                  argc,
                                    char               **argv,
                                    int                  min,
                                    int                  max);

/* TRUE when every string of @args (NULL-terminated) is UTF-8; else
 * prints which is not. */
gboolean  nd_cli_check_utf8        (char               **args);

/* Opens the store or prints why not. (transfer full) (nullable) */
NdStore  *nd_cli_open_store        (const char          *db_path);
/* For the commands that only read: a database that cannot be written is
 * opened read-only (ND_STORE_OPEN_ALLOW_READ_ONLY). */
NdStore  *nd_cli_open_store_for_reading (const char     *db_path);
/* Loads the item named by a UUID or a unique prefix, or prints why not.
 * (transfer full) (nullable) */
NdItem   *nd_cli_load_item         (NdStore             *store,
                                    const char          *id);

/* Parse a stable key or print an error listing the valid keys. */
gboolean  nd_cli_parse_kind        (const char          *key,
                                    NdItemKind          *kind);
gboolean  nd_cli_parse_status      (const char          *key,
                                    NdItemStatus        *status);

/* Pretty, UTF-8 JSON followed by a newline on stdout. */
void      nd_cli_print_json        (JsonNode            *node);
/* Adds the member @name with @value, or null for NULL, to the object
 * @builder is building. */
void      nd_cli_json_add_string   (JsonBuilder         *builder,
                                    const char          *name,
                                    const char          *value);
/* Writes bytes to stdout as they are (no charset conversion). */
void      nd_cli_write_stdout      (const char          *data,
                                    gsize                length);

/* The width of @text in terminal columns (counting characters). */
guint     nd_cli_text_width        (const char          *text);
/* @text with its lines broken at spaces to at most @width columns.
 * (transfer full) */
char     *nd_cli_wrap              (const char          *text,
                                    guint                width);
/* "LABEL  VALUE" with LABEL padded to @width columns. */
void      nd_cli_print_field       (const char          *label,
                                    guint                width,
                                    const char          *value);

G_END_DECLS
