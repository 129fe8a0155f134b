/* nd-cli-edit.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "nd-cli-private.h"
#include "nd-date.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-store.h"
#include "nd-tag.h"

/* The editing commands: set, tag and untag. Each loads the item, checks
 * every value before touching it, and saves once with reason EDIT, so a
 * command is one transaction and one revision, or nothing at all. */

/* The shape of a BCP 47 tag ("de", "en-GB", "sr-Latn-RS"), with the
 * customary case applied; "de_AT" is taken as "de-AT" since that is how
 * locales spell it. Returns NULL for anything else. (transfer full) */
static char *
normalize_language (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "_", '-');
  g_auto(GStrv) subtags = g_strsplit (copy, "-", -1);

  if (subtags[0] == NULL || strlen (copy) > nd_field_get_limit (ND_FIELD_LANGUAGE)->max)
    return NULL;

  for (guint i = 0; subtags[i] != NULL; i++)
    {
      char *subtag = subtags[i];
      gsize length = strlen (subtag);
      gboolean alpha = TRUE;

      if (length == 0 || length > 8)
        return NULL;

      for (gsize j = 0; j < length; j++)
        {
          if (!g_ascii_isalnum (subtag[j]))
            return NULL;
          if (!g_ascii_isalpha (subtag[j]))
            alpha = FALSE;
        }

      for (gsize j = 0; j < length; j++)
        subtag[j] = g_ascii_tolower (subtag[j]);

      if (i == 0)
        {
          /* The language itself: two or three letters. */
          if (!alpha || length < 2 || length > 3)
            return NULL;
        }
      else if (alpha && length == 4)
        {
          /* A script, "Latn". */
          subtag[0] = g_ascii_toupper (subtag[0]);
        }
      else if (alpha && length == 2)
        {
          /* A region, "AT". */
          subtag[0] = g_ascii_toupper (subtag[0]);
          subtag[1] = g_ascii_toupper (subtag[1]);
        }
    }

  return g_strjoinv ("-", subtags);
}

static char *
read_stdin (gsize   *length,
            GError **error)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  char buffer[8192];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (contents, buffer, n);

  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not read the standard input"));
      return NULL;
    }

  *length = contents->len;

  return g_string_free (g_steal_pointer (&contents), FALSE);
}

/* CRLF and CR become LF, as a text import makes them. (transfer full) */
static char *
normalize_line_ends (const char *text)
{
  GString *s = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\r')
        g_string_append_c (s, *p);
      else if (p[1] != '\n')
        g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

/* The body as UTF-8 text from a file, or from stdin for "-", with its
 * line ends made LF. A NUL byte is refused, not taken as the end. */
static char *
read_body_file (const char  *path,
                GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    {
      if (!(contents = read_stdin (&length, error)))
        return NULL;
    }
  else if (!g_file_get_contents (path, &contents, &length, error))
    {
      return NULL;
    }

  /* A NUL byte first: it is no UTF-8 either, but the message should say
   * what it is. */
  if (memchr (contents, '\0', length) != NULL)
    {
      nd_field_check (ND_FIELD_BODY, contents, (gssize) length, error);
      return NULL;
    }

  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name given to --body-file */
                   _("“%s” is not UTF-8 text"),
                   g_str_equal (path, "-") ? _("standard input") : display);
      return NULL;
    }

  if (!nd_field_check (ND_FIELD_BODY, contents, (gssize) length, error))
    return NULL;

  return normalize_line_ends (contents);
}

/* The new values of "set", checked and normalised; NULL: unchanged. */
typedef struct
{
  char         *title;
  char         *teaser;
  char         *body;
  char         *date;       /* "" removes the date */
  char         *language;
  char         *author;
  char         *slug;
  gboolean      has_kind;
  NdItemKind    kind;
  gboolean      has_status;
  NdItemStatus  status;
} SetValues;

static void
set_values_clear (SetValues *values)
{
  g_clear_pointer (&values->title, g_free);
  g_clear_pointer (&values->teaser, g_free);
  g_clear_pointer (&values->body, g_free);
  g_clear_pointer (&values->date, g_free);
  g_clear_pointer (&values->language, g_free);
  g_clear_pointer (&values->author, g_free);
  g_clear_pointer (&values->slug, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SetValues, set_values_clear)

static char *
dup_stripped (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

/* Text options are taken as bytes (ARG_FILENAME) and checked here, so
 * that UTF-8 text works whatever the locale's charset says. @options
 * may have NULL holes (options not given). */
static gboolean
options_are_utf8 (char  **options,
                  guint   n_options)
{
  g_autofree char **given = g_new0 (char *, n_options + 1);
  guint n = 0;

  for (guint i = 0; i < n_options; i++)
    {
      if (options[i] != NULL)
        given[n++] = options[i];
    }

  return nd_cli_check_utf8 (given);
}

/* The text values against nd-limits.h: length, line breaks, control
 * characters; prints the first that is wrong. */
static gboolean
check_text_values (const SetValues *values)
{
  const struct { NdField field; const char *text; } fields[] = {
    { ND_FIELD_TITLE,  values->title },
    { ND_FIELD_TEASER, values->teaser },
    { ND_FIELD_AUTHOR, values->author },
    { ND_FIELD_SLUG,   values->slug },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!nd_field_check (fields[i].field, fields[i].text, -1, &error))
        {
          nd_cli_report_error (error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Checks the raw option values into @values; on a bad one prints why
 * and returns FALSE. Nothing is loaded or written before this passed. */
static gboolean
check_set_values (const char *title,
                  const char *teaser,
                  const char *body_file,
                  const char *date,
                  const char *kind,
                  const char *language,
                  const char *status,
                  const char *author,
                  const char *slug,
                  SetValues  *values)
{
  g_autoptr(GError) error = NULL;

  values->title = dup_stripped (title);
  values->teaser = dup_stripped (teaser);
  values->author = dup_stripped (author);
  values->slug = dup_stripped (slug);

  if (!check_text_values (values))
    return FALSE;

  if (values->slug != NULL && strpbrk (values->slug, " \t\r\n/") != NULL)
    {
      nd_cli_print_error (_("A slug cannot contain spaces or slashes"));
      return FALSE;
    }

  if (date != NULL)
    {
      g_autofree char *stripped = dup_stripped (date);

      if (*stripped == '\0')
        values->date = g_strdup ("");
      else if (!(values->date = nd_date_parse (stripped, &error)))
        {
          nd_cli_report_error (error);
          return FALSE;
        }
    }

  if (language != NULL && !(values->language = normalize_language (language)))
    {
      /* Translators: %s is what the user typed as a language */
      nd_cli_print_error (_("“%s” is not a language tag; use one such as de, en or de-AT"),
                          language);
      return FALSE;
    }

  if (kind != NULL)
    {
      if (!nd_cli_parse_kind (kind, &values->kind))
        return FALSE;
      values->has_kind = TRUE;
    }

  if (status != NULL)
    {
      if (!nd_cli_parse_status (status, &values->status))
        return FALSE;
      values->has_status = TRUE;
    }

  if (body_file != NULL && !(values->body = read_body_file (body_file, &error)))
    {
      nd_cli_report_error (error);
      return FALSE;
    }

  return TRUE;
}

/* Applies @values to @item; TRUE when anything actually changed. */
static gboolean
apply_set_values (NdItem          *item,
                  const SetValues *values)
{
  gboolean changed = FALSE;

#define APPLY_STRING(field)                                            \
  G_STMT_START {                                                       \
    if (values->field != NULL &&                                       \
        g_strcmp0 (nd_item_get_##field (item), values->field) != 0)    \
      {                                                                \
        nd_item_set_##field (item, values->field);                     \
        changed = TRUE;                                                \
      }                                                                \
  } G_STMT_END

  APPLY_STRING (title);
  APPLY_STRING (teaser);
  APPLY_STRING (body);
  APPLY_STRING (language);
  APPLY_STRING (author);
  APPLY_STRING (slug);

#undef APPLY_STRING

  if (values->date != NULL)
    {
      const char *date = *values->date != '\0' ? values->date : NULL;

      if (g_strcmp0 (nd_item_get_date (item), date) != 0)
        {
          nd_item_set_date (item, date);
          changed = TRUE;
        }
    }

  if (values->has_kind && nd_item_get_kind (item) != values->kind)
    {
      nd_item_set_kind (item, values->kind);
      changed = TRUE;
    }

  if (values->has_status && nd_item_get_status (item) != values->status)
    {
      nd_item_set_status (item, values->status);
      changed = TRUE;
    }

  return changed;
}

static int
save_item (NdStore *store,
           NdItem  *item)
{
  g_autoptr(GError) error = NULL;

  if (!nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error))
    return nd_cli_report_error (error);

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_set (const NdCliCommand  *command,
                const char          *db_path,
                int                  argc,
                char               **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *teaser = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *date = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *language = NULL;
  g_autofree char *status_key = NULL;
  g_autofree char *author = NULL;
  g_autofree char *slug = NULL;
  g_auto(SetValues) values = { 0 };
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "title", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &title,
      N_("The title"), N_("TEXT") },
    { "teaser", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &teaser,
      N_("The teaser, the paragraph after the title"), N_("TEXT") },
    { "body-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &body_file,
      N_("Read the body (CommonMark) from FILE; “-” reads the standard input"), N_("FILE") },
    { "date", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &date,
      N_("The date of publication, e.g. 2024-05-14 or “14.05.2024 10:30”"), N_("DATE") },
    { "kind", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &kind,
      N_("The kind: news, press-release, event or publication"), N_("KIND") },
    { "language", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &language,
      N_("The language, e.g. de or en"), N_("LANGUAGE") },
    { "status", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &status_key,
      N_("The status: draft, ready, scheduled, published or withdrawn"), N_("STATUS") },
    { "author", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &author,
      N_("The author"), N_("NAME") },
    { "slug", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &slug,
      N_("The last part of the item's web address"), N_("SLUG") },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  if (title == NULL && teaser == NULL && body_file == NULL && date == NULL &&
      kind == NULL && language == NULL && status_key == NULL && author == NULL &&
      slug == NULL)
    return nd_cli_usage_error (_("Nothing to set; give at least one option such as --title"));

  if (!options_are_utf8 ((char *[]) { title, teaser, date, language, author, slug }, 6))
    return ND_CLI_EXIT_USER_ERROR;

  if (!check_set_values (title, teaser, body_file, date, kind, language,
                         status_key, author, slug, &values))
    return ND_CLI_EXIT_USER_ERROR;

  if (!(store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(item = nd_cli_load_item (store, argv[1])))
    return ND_CLI_EXIT_USER_ERROR;

  /* Setting what is already there records no empty revision. */
  if (!apply_set_values (item, &values))
    return ND_CLI_EXIT_OK;

  return save_item (store, item);
}

/* Every tag must have a key (not be empty or blank) and be within the
 * limits of nd-limits.h; tells otherwise. */
static gboolean
check_tags (char **tags)
{
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      if (!nd_field_check (ND_FIELD_TAG, tags[i], -1, &error))
        {
          nd_cli_report_error (error);
          return FALSE;
        }

      key = nd_tag_key (tags[i]);
      if (key == NULL)
        {
          nd_cli_print_error (_("A tag cannot be empty"));
          return FALSE;
        }
    }

  return TRUE;
}

/* The start of tag and untag: "ID TAG..." checked, the store open and
 * the item loaded. Returns ND_CLI_CONTINUE or the exit code. */
static int
open_tagging (const NdCliCommand   *command,
              const char           *db_path,
              int                  *argc,
              char               ***argv,
              NdStore             **store,
              NdItem              **item)
{
  int status;

  if ((status = nd_cli_parse_options (command, NULL, argc, argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, *argc, *argv, 2, -1)) != ND_CLI_CONTINUE)
    return status;
  if (!nd_cli_check_utf8 (*argv + 2) || !check_tags (*argv + 2))
    return ND_CLI_EXIT_USER_ERROR;

  if (!(*store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(*item = nd_cli_load_item (*store, (*argv)[1])))
    return ND_CLI_EXIT_USER_ERROR;

  return ND_CLI_CONTINUE;
}

int
nd_cli_cmd_tag (const NdCliCommand  *command,
                const char          *db_path,
                int                  argc,
                char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  int status;

  if ((status = open_tagging (command, db_path, &argc, &argv, &store, &item)) != ND_CLI_CONTINUE)
    return status;

  /* A tag the item has in another spelling keeps its first spelling. */
  for (int i = 2; i < argc; i++)
    changed |= nd_item_add_tag (item, argv[i]);

  if (!changed)
    return ND_CLI_EXIT_OK;

  if (!nd_limits_check_tag_count (g_strv_length ((char **) nd_item_get_tags (item)), &error))
    return nd_cli_report_error (error);

  return save_item (store, item);
}

int
nd_cli_cmd_untag (const NdCliCommand  *command,
                  const char          *db_path,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  guint removed = 0;
  int status;

  if ((status = open_tagging (command, db_path, &argc, &argv, &store, &item)) != ND_CLI_CONTINUE)
    return status;

  /* Removing what is not there is reported, but only fails the command
   * when nothing at all was removed: "untag ID a b" where only "b" is
   * gone already did what was asked for "a". */
  for (int i = 2; i < argc; i++)
    {
      if (nd_item_remove_tag (item, argv[i]))
        removed++;
      else
        /* Translators: the first %s is an item id as typed, the second a tag */
        nd_cli_print_error (_("Item “%s” has no tag “%s”"), argv[1], argv[i]);
    }

  if (removed == 0)
    return ND_CLI_EXIT_USER_ERROR;

  return save_item (store, item);
}
