/* nd-cli.c
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
#include "nd-enum-types.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-store.h"

/* The headless half of DESIGN.md's command-line contract: dispatch,
 * the global options and the helpers every command shares. Commands
 * print data on stdout and nothing else, so that scripts can pipe it;
 * every error is one line on stderr. */

static const NdCliCommand commands[] = {
  {
    "import",
    /* Translators: the arguments of "newsdesk import"; keep the words in capitals */
    N_("FILE…"),
    N_("Import plain-text items or JSON exports"),
    /* Translators: help text of "newsdesk import" */
    N_("Each file is a plain-text item like those editors write, or a JSON "
       "file made by “newsdesk export”. The id of each new item is printed on "
       "its own line. A file that cannot be imported is reported and the "
       "others are still imported; the exit status is then 1."),
    nd_cli_cmd_import,
  },
  {
    "list",
    NULL,
    N_("List items, newest first"),
    /* Translators: help text of "newsdesk list" */
    N_("Statuses: draft, ready, scheduled, published, withdrawn.\n"
       "Kinds: news, press-release, event, publication."),
    nd_cli_cmd_list,
  },
  {
    "search",
    /* Translators: the arguments of "newsdesk search"; keep the words in capitals */
    N_("QUERY…"),
    N_("Search the title, teaser, body and tags of all items"),
    /* Translators: help text of "newsdesk search" */
    N_("The words are searched together, best match first; the last word "
       "also matches as the beginning of a word."),
    nd_cli_cmd_search,
  },
  {
    "show",
    /* Translators: the arguments of "newsdesk show"; keep the words in capitals */
    N_("ID"),
    N_("Show an item"),
    NULL,
    nd_cli_cmd_show,
  },
  {
    "export",
    /* Translators: the arguments of "newsdesk export"; keep the words in capitals */
    N_("ID"),
    N_("Export an item as JSON, plain text or HTML"),
    /* Translators: help text of "newsdesk export" */
    N_("The JSON export keeps everything, images and revisions included, "
       "and can be imported again with “newsdesk import”."),
    nd_cli_cmd_export,
  },
  {
    "set",
    /* Translators: the arguments of "newsdesk set"; keep the words in capitals */
    N_("ID"),
    N_("Change the fields of an item"),
    /* Translators: help text of "newsdesk set" */
    N_("All values are checked before anything is saved; the change is "
       "saved as one new revision. An empty --date removes the date.\n"
       "Statuses: draft, ready, scheduled, published, withdrawn.\n"
       "Kinds: news, press-release, event, publication."),
    nd_cli_cmd_set,
  },
  {
    "tag",
    /* Translators: the arguments of "newsdesk tag"; keep the words in capitals */
    N_("ID TAG…"),
    N_("Add tags to an item"),
    /* Translators: help text of "newsdesk tag" */
    N_("A tag the item already has, in any spelling, is left as it is."),
    nd_cli_cmd_tag,
  },
  {
    "untag",
    /* Translators: the arguments of "newsdesk untag"; keep the words in capitals */
    N_("ID TAG…"),
    N_("Remove tags from an item"),
    /* Translators: help text of "newsdesk untag" */
    N_("Tags are matched in any spelling (“ECCP” removes “eccp”). A tag the "
       "item does not have is reported; the exit status is 1 only when the "
       "item had none of the given tags."),
    nd_cli_cmd_untag,
  },
  {
    "check",
    /* Translators: the arguments of "newsdesk check"; keep the words in capitals */
    N_("ID"),
    N_("Check whether an item is ready to publish"),
    /* Translators: help text of "newsdesk check" */
    N_("Prints every problem found. The exit status is 1 when there is an "
       "error; warnings alone do not fail the check."),
    nd_cli_cmd_check,
  },
  {
    "attach",
    /* Translators: the arguments of "newsdesk attach"; keep the words in capitals */
    N_("ID FILE"),
    N_("Attach an image file to an item"),
    /* Translators: help text of "newsdesk attach" */
    N_("JPEG, PNG, WebP and GIF files up to 50 MB are taken; the file is "
       "checked in full and stored in the database once, however many items "
       "use it. The image fills the item's first image without a file (such "
       "as one an import left with its credit), keeping the credit, alt text "
       "and caption it has unless new ones are given; else it is added. "
       "--lead fills or replaces the lead image instead. What is still "
       "missing is taken from the file's IPTC and XMP metadata, and marked "
       "“from the file”.\n"
       "The credit belongs to this item's use of the image, as alt text and "
       "caption do: setting it never changes another item. Where the item "
       "gives none, a file already in the library brings the library's "
       "credit, before the file's own.\n"
       "With --image SHA256 (see “newsdesk images”), an image of the library "
       "is reused; then no FILE is given."),
    nd_cli_cmd_attach,
  },
  {
    "credits",
    /* Translators: the arguments of "newsdesk credits"; keep the words in capitals */
    N_("ID"),
    N_("List the credits of an item's images"),
    /* Translators: help text of "newsdesk credits" */
    N_("One line per image, in order: its number, its credit and its "
       "caption. --json also gives creator, copyright, licence, source, alt "
       "text and which fields are the file's own."),
    nd_cli_cmd_credits,
  },
  {
    "images",
    /* Translators: the arguments of "newsdesk images"; keep the words in capitals */
    N_("[QUERY…]"),
    N_("List the image library, newest first"),
    /* Translators: help text of "newsdesk images" */
    N_("Every image file in the database with the number of items using it. "
       "The credit shown is the library's, the default for the next item "
       "that uses the image. With a query, only images whose credit (the "
       "library's or an item's), creator, copyright, source, alt text or "
       "caption contain every word, or whose SHA-256 starts with it."),
    nd_cli_cmd_images,
  },
  {
    "export-images",
    /* Translators: the arguments of "newsdesk export-images"; keep the words in capitals */
    N_("ID FOLDER"),
    N_("Write an item's image files with their credits embedded"),
    /* Translators: help text of "newsdesk export-images" */
    N_("Each image file of the item is copied into FOLDER (made if missing) "
       "as N-SHA256.EXT, with its credit, copyright, creator, caption, alt "
       "text, source and licence written into the copy's IPTC and XMP "
       "metadata, so that they travel with the file. The stored originals "
       "are not changed. The paths written are printed, one per line. GIF "
       "files cannot carry this metadata and are copied as they are."),
    nd_cli_cmd_export_images,
  },
  {
    "target",
    /* Translators: the arguments of "newsdesk target"; keep the words in
     * capitals, and add, list and remove as they are */
    N_("add|list|remove …"),
    N_("Add, list or remove CMS accounts (publishing targets)"),
    /* Translators: help text of "newsdesk target" */
    N_("newsdesk target add NAME --type wordpress --url URL --user USER "
       "[--password-stdin] [--ca-file FILE] [--category KIND=CATEGORY]\n"
       "newsdesk target list [--json]\n"
       "newsdesk target remove NAME\n"
       "Passwords are kept in the keyring, never in the database. Run "
       "“newsdesk target add --help” for the details."),
    nd_cli_cmd_target,
  },
  {
    "publish",
    /* Translators: the arguments of "newsdesk publish"; keep the words in capitals */
    N_("ID…"),
    N_("Publish items to a CMS account, or update them there"),
    /* Translators: help text of "newsdesk publish" */
    N_("Each item is checked first; one that fails the checklist is not "
       "sent. An item published to the target before updates its post, "
       "unless someone changed the post on the site since: then it stops "
       "with a conflict, and --force overwrites. A date in the future "
       "schedules the post. Every publication is an outbox job first, and "
       "each is tried once: one that cannot reach the site is queued, safe "
       "in the outbox, and the time of its next attempt is printed "
       "(“newsdesk outbox --run” or the window sends it then, “--run --now” "
       "at once). Without --password-file the password comes from the "
       "keyring. The address of each post is printed; the exit status is 1 "
       "when any item failed, 75 when some were queued for later and none "
       "failed."),
    nd_cli_cmd_publish,
  },
  {
    "withdraw",
    /* Translators: the arguments of "newsdesk withdraw"; keep the words in capitals */
    N_("ID"),
    N_("Take a published item back: its post becomes a draft"),
    /* Translators: help text of "newsdesk withdraw" */
    N_("The post stays on the site as a draft and the item is marked "
       "withdrawn. Without --password-file the password comes from the "
       "keyring."),
    nd_cli_cmd_withdraw,
  },
  {
    "outbox",
    NULL,
    N_("List the outbox of publishing jobs, or work it"),
    /* Translators: help text of "newsdesk outbox" */
    N_("One line per job that is not done: id, state, action, item, target, "
       "where it stands (due now, or waiting until its next attempt), its "
       "attempts, and its last error with the time it happened. --run tries "
       "each job that is due once (passwords from the keyring) and names each "
       "job that waits, once; --run --now tries the waiting ones at once too. "
       "The exit status is 1 when a job failed, 75 when jobs still wait in the "
       "outbox, else 0."),
    nd_cli_cmd_outbox,
  },
};

/* Help texts are wrapped to fit an 80-column terminal. */
#define HELP_WIDTH 78

/* Helpers shared by the commands */

char *
nd_cli_wrap (const char *text,
             guint       width)
{
  g_autoptr(GString) wrapped = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (width > 0, NULL);

  wrapped = g_string_new (NULL);
  lines = g_strsplit (text, "\n", -1);

  /* Breaks at spaces only; a word longer than @width stays whole. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint column = 0;

      if (i > 0)
        g_string_append_c (wrapped, '\n');

      for (guint j = 0; words[j] != NULL; j++)
        {
          guint word_width = nd_cli_text_width (words[j]);

          if (*words[j] == '\0')
            continue;

          if (column > 0 && column + 1 + word_width > width)
            {
              g_string_append_c (wrapped, '\n');
              column = 0;
            }
          else if (column > 0)
            {
              g_string_append_c (wrapped, ' ');
              column++;
            }

          g_string_append (wrapped, words[j]);
          column += word_width;
        }
    }

  return g_string_free (g_steal_pointer (&wrapped), FALSE);
}

void
nd_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("newsdesk: %s\n", message);
}

static void
print_help_hint (void)
{
  /* Translators: printed after a usage error */
  g_printerr ("%s\n", _("Try “newsdesk --help”."));
}

int
nd_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("newsdesk: %s\n", message);
  print_help_hint ();

  return ND_CLI_EXIT_USAGE;
}

int
nd_cli_report_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, ND_CLI_EXIT_USER_ERROR);

  nd_cli_print_error ("%s", error->message);

  return ND_CLI_EXIT_USER_ERROR;
}

void
nd_cli_write_stdout (const char *data,
                     gsize       length)
{
  g_return_if_fail (data != NULL || length == 0);

  /* g_print() would convert to the locale's charset; data (JSON, an
   * export) must reach a pipe byte for byte. */
  fflush (stdout);
  if (length > 0)
    fwrite (data, 1, length, stdout);
}

/* Everything g_print() and g_printerr() write goes through here: text
 * from the store or from a file may hold control characters (an older
 * version let them in, a site sent them), and on a terminal ESC and BEL
 * are commands, not text. They are shown as visible stand-ins. The rest
 * is what GLib does without a handler: the console's charset, flushed. */
static void
print_printable (FILE       *stream,
                 const char *text)
{
  g_autofree char *printable = nd_text_dup_printable (text);
  g_autofree char *converted = NULL;
  const char *charset;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (printable, -1, charset, "UTF-8", "?",
                                         NULL, NULL, NULL);

  fputs (converted != NULL ? converted : printable, stream);
  fflush (stream);
}

static void
print_cb (const char *text)
{
  print_printable (stdout, text);
}

static void
printerr_cb (const char *text)
{
  print_printable (stderr, text);
}

/* JSON strings may hold DEL and the C1 controls raw (json-glib escapes
 * only C0): written as \u escapes they mean the same and a terminal sees
 * no command. Outside strings JSON has only ASCII, so every such byte
 * sequence is inside a string. (transfer full) */
static char *
escape_json_controls (const char *json,
                      gsize      *length)
{
  GString *s = g_string_sized_new (*length);

  for (gsize i = 0; i < *length; i++)
    {
      guchar c = (guchar) json[i];

      if (c == 0x7f)
        g_string_append (s, "\\u007f");
      else if (c == 0xc2 && i + 1 < *length &&
               (guchar) json[i + 1] >= 0x80 && (guchar) json[i + 1] <= 0x9f)
        g_string_append_printf (s, "\\u%04x", (guchar) json[++i]);
      else
        g_string_append_c (s, (char) c);
    }

  *length = s->len;

  return g_string_free (s, FALSE);
}

void
nd_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  gsize length = 0;

  g_return_if_fail (node != NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  escaped = escape_json_controls (text, &length);

  nd_cli_write_stdout (escaped, length);
  nd_cli_write_stdout ("\n", 1);
}

guint
nd_cli_text_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

void
nd_cli_print_field (const char *label,
                    guint       width,
                    const char *value)
{
  guint label_width;
  g_autoptr(GString) line = NULL;

  g_return_if_fail (label != NULL);

  label_width = nd_cli_text_width (label);
  line = g_string_new (label);
  if (value != NULL && *value != '\0')
    {
      for (guint i = label_width; i < width + 1; i++)
        g_string_append_c (line, ' ');
      g_string_append (line, value);
    }

  g_print ("%s\n", line->str);
}

static char *
dup_enum_keys (GType         enum_type,
               const char * (*to_key) (int value))
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (enum_type);
  g_autoptr(GString) keys = g_string_new (NULL);

  g_assert (enum_class != NULL);

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      if (keys->len > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, to_key (enum_class->values[i].value));
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static const char *
kind_key (int value)
{
  return nd_item_kind_to_key ((NdItemKind) value);
}

static const char *
status_key (int value)
{
  return nd_item_status_to_key ((NdItemStatus) value);
}

gboolean
nd_cli_parse_kind (const char *key,
                   NdItemKind *kind)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (key != NULL && nd_item_kind_from_key (key, kind))
    return TRUE;

  valid = dup_enum_keys (ND_TYPE_ITEM_KIND, kind_key);
  /* Translators: the first %s is what the user typed, the second the
   * list of valid keys, which stay in English ("news, press-release, …") */
  nd_cli_print_error (_("Unknown kind “%s”; use one of: %s"), key, valid);

  return FALSE;
}

gboolean
nd_cli_parse_status (const char   *key,
                     NdItemStatus *status)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (status != NULL, FALSE);

  if (key != NULL && nd_item_status_from_key (key, status))
    return TRUE;

  valid = dup_enum_keys (ND_TYPE_ITEM_STATUS, status_key);
  /* Translators: the first %s is what the user typed, the second the
   * list of valid keys, which stay in English ("draft, ready, …") */
  nd_cli_print_error (_("Unknown status “%s”; use one of: %s"), key, valid);

  return FALSE;
}

gboolean
nd_cli_check_utf8 (char **args)
{
  g_return_val_if_fail (args != NULL, FALSE);

  /* Tags and queries are stored as text: bytes from a non-UTF-8 shell
   * would end up as garbage in the database. */
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (!g_utf8_validate (args[i], -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (args[i], -1);

          /* Translators: %s is an argument, with its bad bytes replaced */
          nd_cli_print_error (_("“%s” is not valid UTF-8 text"), valid);
          return FALSE;
        }
    }

  return TRUE;
}

static NdStore *
open_store (const char       *db_path,
            NdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  store = nd_store_open_full (db_path, flags, &error);
  if (store == NULL)
    {
      /* The store's messages are translated and name the problem
       * (not a database, made by a newer version, locked, …). */
      nd_cli_report_error (error);
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* A command that writes is refused at once on a database it cannot
 * write ("cannot be written"), before it reads its input or the network. */
NdStore *
nd_cli_open_store (const char *db_path)
{
  return open_store (db_path, ND_STORE_OPEN_DEFAULT);
}

NdStore *
nd_cli_open_store_for_reading (const char *db_path)
{
  return open_store (db_path, ND_STORE_OPEN_ALLOW_READ_ONLY);
}

NdItem *
nd_cli_load_item (NdStore    *store,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;

  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  item = nd_store_load_item (store, id, &error);
  if (item == NULL)
    {
      nd_cli_report_error (error);
      return NULL;
    }

  return g_steal_pointer (&item);
}

int
nd_cli_check_arguments (const NdCliCommand  *command,
                        int                  argc,
                        char               **argv,
                        int                  min,
                        int                  max)
{
  int n = argc - 1;

  g_return_val_if_fail (command != NULL, ND_CLI_EXIT_USAGE);

  if (n < min)
    /* Translators: the first %s is a command ("tag"), the second its
     * arguments as the help shows them ("ID TAG…") */
    return nd_cli_usage_error (_("Missing arguments: newsdesk %s %s"),
                               command->name,
                               command->parameters != NULL ? _(command->parameters) : "");

  if (max >= 0 && n > max)
    /* Translators: %s is a word the user typed that the command does not take */
    return nd_cli_usage_error (_("Unexpected argument “%s”"), argv[max + 1]);

  return ND_CLI_CONTINUE;
}

int
nd_cli_parse_options (const NdCliCommand   *command,
                      const GOptionEntry   *entries,
                      int                  *argc,
                      char               ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  gboolean help = FALSE;
  const GOptionEntry help_entries[] = {
    { "help", 'h', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &help,
      N_("Show this help"), NULL },
    { NULL }
  };

  g_return_val_if_fail (command != NULL, ND_CLI_EXIT_USAGE);

  /* The usage line reads "newsdesk list [OPTION…]", as gio's commands do. */
  prgname = g_strconcat ("newsdesk ", command->name, NULL);
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (command->description != NULL)
    {
      /* Translated here, so that it can be wrapped; GOptionContext
       * finds no translation for the result and keeps it as it is. */
      g_autofree char *description = nd_cli_wrap (_(command->description), HELP_WIDTH);

      g_option_context_set_description (context, description);
    }
  /* Our own -h/--help: GLib's would print and exit() on its own. */
  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    return nd_cli_usage_error ("%s", error->message);

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
      return ND_CLI_EXIT_OK;
    }

  return ND_CLI_CONTINUE;
}

/* Dispatch */

static const NdCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

/* Two aligned columns: "  left   right". */
static void
append_rows (GString    *text,
             GPtrArray  *left,
             GPtrArray  *right,
             guint       width)
{
  for (guint i = 0; i < left->len; i++)
    {
      const char *cell = g_ptr_array_index (left, i);

      g_string_append_printf (text, "  %s", cell);
      for (guint j = nd_cli_text_width (cell); j < width + 3; j++)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (right, i));
    }
}

static void
append_paragraph (GString    *text,
                  const char *paragraph)
{
  g_autofree char *wrapped = nd_cli_wrap (paragraph, HELP_WIDTH);

  g_string_append_printf (text, "%s\n", wrapped);
}

static void
print_help (void)
{
  g_autoptr(GPtrArray) command_cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) command_texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) option_cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) option_texts = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (commands[i].parameters != NULL)
        g_ptr_array_add (command_cells,
                         g_strdup_printf ("%s %s", commands[i].name, _(commands[i].parameters)));
      else
        g_ptr_array_add (command_cells, g_strdup (commands[i].name));
      g_ptr_array_add (command_texts, (char *) _(commands[i].summary));
    }

  /* Translators: "FILE" is the value of the --db option, as in the usage lines */
  g_ptr_array_add (option_cells, g_strdup_printf ("--db %s", _("FILE")));
  g_ptr_array_add (option_texts, (char *) _("Use this database file"));
  g_ptr_array_add (option_cells, g_strdup ("-h, --help"));
  g_ptr_array_add (option_texts, (char *) _("Show this help"));
  g_ptr_array_add (option_cells, g_strdup ("--version"));
  g_ptr_array_add (option_texts, (char *) _("Show the version"));

  for (guint i = 0; i < command_cells->len; i++)
    width = MAX (width, nd_cli_text_width (g_ptr_array_index (command_cells, i)));
  for (guint i = 0; i < option_cells->len; i++)
    width = MAX (width, nd_cli_text_width (g_ptr_array_index (option_cells, i)));

  /* Translators: the heading of the help, followed by the command lines */
  g_string_append_printf (text, "%s\n", _("Usage:"));
  /* Translators: keep the words in capitals as the other help texts have them */
  g_string_append_printf (text, "  newsdesk %s\n", _("[--db FILE] COMMAND [OPTION…]"));
  g_string_append_printf (text, "  newsdesk %s\n\n", _("[--db FILE]"));
  append_paragraph (text, _("Newsdesk writes, tags and publishes news items. Without a "
                             "command it opens the editor window."));
  g_string_append_c (text, '\n');

  /* Translators: a heading of the help */
  g_string_append_printf (text, "%s\n", _("Commands:"));
  append_rows (text, command_cells, command_texts, width);

  /* Translators: a heading of the help */
  g_string_append_printf (text, "\n%s\n", _("Options:"));
  append_rows (text, option_cells, option_texts, width);

  g_string_append_c (text, '\n');
  append_paragraph (text, _("Without --db the database is $NEWSDESK_DB, or else "
                             "$XDG_DATA_HOME/newsdesk/newsdesk.db."));
  append_paragraph (text, _("ID is the id of an item, or enough of its beginning to "
                             "name only one item."));
  append_paragraph (text, _("Run “newsdesk COMMAND --help” for the options of a command."));

  g_print ("%s", text->str);
}

char *
nd_cli_take_db_path (int    *argc,
                     char ***argv)
{
  g_autofree char *path = NULL;
  int in, out;

  g_return_val_if_fail (argc != NULL, NULL);
  g_return_val_if_fail (argv != NULL, NULL);

  /* Only the pointers move: the strings belong to the caller (main's
   * argv), so removed ones are not freed. A "--db" without a value stays
   * where it is, for nd_cli_run() to report as bad usage. The last
   * --db wins, as with most options. */
  for (in = out = 1; in < *argc; in++)
    {
      const char *arg = (*argv)[in];

      if (g_str_equal (arg, "--"))
        {
          /* After "--" everything is an argument, even "--db". */
          for (; in < *argc; in++)
            (*argv)[out++] = (*argv)[in];
          break;
        }

      if (g_str_equal (arg, "--db") && in + 1 < *argc && (*argv)[in + 1][0] != '\0')
        {
          g_free (path);
          path = g_strdup ((*argv)[++in]);
          continue;
        }

      if (g_str_has_prefix (arg, "--db=") && arg[strlen ("--db=")] != '\0')
        {
          g_free (path);
          path = g_strdup (arg + strlen ("--db="));
          continue;
        }

      (*argv)[out++] = (*argv)[in];
    }

  if (*argc > 0)
    {
      *argc = out;
      (*argv)[out] = NULL;
    }

  if (path == NULL)
    path = nd_store_dup_default_path ();

  return g_steal_pointer (&path);
}

gboolean
nd_cli_wants_command (int    argc,
                      char **argv)
{
  g_autofree char **copy = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (argc >= 0, FALSE);

  if (argc <= 1 || argv == NULL)
    return FALSE;

  copy = g_new0 (char *, argc + 1);
  memcpy (copy, argv, sizeof (char *) * argc);
  path = nd_cli_take_db_path (&argc, &copy);

  /* Anything but --db is for us: a command, --help, --version, or
   * something unknown, which is better told than opening a window. */
  return argc > 1;
}

static int
run_command (int    argc,
             char **argv)
{
  g_autofree char *db_path = NULL;
  const NdCliCommand *command;
  gboolean help = FALSE;
  gboolean version = FALSE;
  int first = 1;

  db_path = nd_cli_take_db_path (&argc, &argv);

  /* A "--db" that nd_cli_take_db_path() left: it had no value. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--db="))
        /* Translators: %s is an option, e.g. "--db" */
        return nd_cli_usage_error (_("Missing value for “%s”"), "--db");
    }

  /* Global options before the command. */
  for (; first < argc && argv[first][0] == '-'; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        help = TRUE;
      else if (g_str_equal (arg, "--version"))
        version = TRUE;
      else if (g_str_equal (arg, "--"))
        {
          first++;
          break;
        }
      else
        /* Translators: %s is what the user typed, e.g. "--jsno" */
        return nd_cli_usage_error (_("Unknown option “%s”"), arg);
    }

  if (version && !help)
    {
      g_print ("newsdesk %s\n", PACKAGE_VERSION);
      return ND_CLI_EXIT_OK;
    }

  if (first >= argc)
    {
      if (help)
        {
          print_help ();
          return ND_CLI_EXIT_OK;
        }

      /* Only "--" was given. */
      return nd_cli_usage_error (_("Missing command"));
    }

  command = find_command (argv[first]);
  if (command == NULL)
    /* Translators: %s is what the user typed as the command */
    return nd_cli_usage_error (_("Unknown command “%s”"), argv[first]);

  if (help)
    {
      /* "newsdesk --help list" shows the help of "list". */
      char *help_argv[] = { argv[first], (char *) "--help", NULL };

      return command->run (command, db_path, 2, help_argv);
    }

  return command->run (command, db_path, argc - first, argv + first);
}

int
nd_cli_run (int    argc,
            char **argv)
{
  g_autofree char **copy = NULL;
  GPrintFunc old_print;
  GPrintFunc old_printerr;
  int status;

  g_return_val_if_fail (argc >= 1, ND_CLI_EXIT_USAGE);
  g_return_val_if_fail (argv != NULL, ND_CLI_EXIT_USAGE);

  /* Commands shuffle argv; keep the caller's array as it was. */
  copy = g_new0 (char *, argc + 1);
  memcpy (copy, argv, sizeof (char *) * argc);

  g_set_prgname ("newsdesk");
  old_print = g_set_print_handler (print_cb);
  old_printerr = g_set_printerr_handler (printerr_cb);
  status = run_command (argc, copy);

  /* A full disk or a closed pipe must not look like success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      nd_cli_print_error (_("Could not write the output"));
      if (status == ND_CLI_EXIT_OK)
        status = ND_CLI_EXIT_USER_ERROR;
    }

  g_set_print_handler (old_print);
  g_set_printerr_handler (old_printerr);

  return status;
}
