/* nd-cli-io.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "nd-cli-private.h"
#include "nd-export.h"
#include "nd-import.h"
#include "nd-limits.h"
#include "nd-item.h"
#include "nd-store.h"
#include "nd-text-format.h"

/* The commands that move items in and out: import and export. */

int
nd_cli_cmd_import (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  gboolean replace = FALSE;
  guint n_failed = 0;
  int status;
  const GOptionEntry entries[] = {
    { "replace", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &replace,
      N_("Let a JSON export replace the item with the same id"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, -1)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  /* Each file is its own transaction: a bad file does not keep the good
   * ones out, and the exit status says that something went wrong. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) ids = NULL;

      if (!nd_import_file (store, file,
                           replace ? ND_IMPORT_REPLACE : ND_IMPORT_NONE,
                           &ids, &error))
        {
          /* The importer's message already names the file. */
          nd_cli_report_error (error);
          n_failed++;
          continue;
        }

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        g_print ("%s\n", ids[j]);
    }

  return n_failed > 0 ? ND_CLI_EXIT_USER_ERROR : ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_export (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autofree char *format_key = NULL;
  g_autofree char *output = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  NdExportFormat format = ND_EXPORT_FORMAT_JSON;
  gsize length;
  int status;
  const GOptionEntry entries[] = {
    { "format", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &format_key,
      N_("json (the default), text or html"), N_("FORMAT") },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  if (format_key != NULL && !nd_export_format_from_key (format_key, &format))
    {
      /* Translators: %s is what the user typed; json, text and html are
       * the values to type and stay as they are */
      nd_cli_print_error (_("Unknown format “%s”; use one of: json, text, html"), format_key);
      return ND_CLI_EXIT_USER_ERROR;
    }

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  if (!(id = nd_store_resolve_id (store, argv[1], &error)))
    return nd_cli_report_error (error);

  if (!(text = nd_export_item (store, id, format, &error)))
    return nd_cli_report_error (error);

  /* A note, not an error: the export is what was asked for. */
  if (format == ND_EXPORT_FORMAT_TEXT)
    {
      g_autoptr(NdItem) item = nd_store_load_item (store, id, &error);
      g_autofree char *losses = item != NULL ? nd_text_format_dup_losses (item) : NULL;

      g_clear_error (&error);
      if (losses != NULL)
        nd_cli_print_error ("%s", losses);
    }

  length = strlen (text);

  if (output != NULL)
    {
      /* Atomically: an earlier export at that place is either kept whole
       * or replaced whole. */
      if (!g_file_set_contents (output, text, length, &error))
        return nd_cli_report_error (error);
      return ND_CLI_EXIT_OK;
    }

  /* On a terminal a control character that old data may hold would be
   * a command; into a pipe or a file the export goes byte for byte. */
  if (isatty (STDOUT_FILENO))
    {
      g_autofree char *printable = nd_text_dup_printable (text);

      g_free (text);
      text = g_steal_pointer (&printable);
      length = strlen (text);
    }

  nd_cli_write_stdout (text, length);
  /* A terminal prompt should not end up after the last line. */
  if (length > 0 && text[length - 1] != '\n')
    nd_cli_write_stdout ("\n", 1);

  return ND_CLI_EXIT_OK;
}

void
nd_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
