/* nd-cli-items.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-checklist.h"
#include "nd-cli-private.h"
#include "nd-date.h"
#include "nd-image.h"
#include "nd-item-json.h"
#include "nd-item.h"
#include "nd-store-outbox.h"
#include "nd-search-query.h"
#include "nd-store.h"

/* The reading commands: list, search, show and check. */

/* The length of the short id in human output: enough to be unique in
 * any real newsroom, and accepted back as a prefix by every command. */
#define SHORT_ID_LENGTH 8

static char *
dup_display_date (const char *iso)
{
  char *text = NULL;

  if (iso != NULL && *iso != '\0')
    text = nd_date_format_for_display (iso);

  /* Translators: shown instead of the date of an item that has none */
  return text != NULL ? text : g_strdup (_("–"));
}

static char *
dup_tags_joined (NdItem *item)
{
  const char * const *tags = nd_item_get_tags (item);

  if (tags == NULL || tags[0] == NULL)
    return NULL;

  /* Translators: the separator between tags in a list, "ECCP, Cluster" */
  return g_strjoinv (_(", "), (char **) tags);
}

static void
append_padded (GString    *line,
               const char *text,
               guint       width)
{
  g_string_append (line, text);
  for (guint i = nd_cli_text_width (text); i < width; i++)
    g_string_append_c (line, ' ');
}

/* One item per line: short id, date, status, title, [tags], with the
 * date and status columns aligned over all lines. */
static void
print_items_human (GPtrArray *items)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  guint date_width = 0;
  guint status_width = 0;

  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);
      char *date = dup_display_date (nd_item_get_date (item));
      const char *status = nd_item_status_to_display (nd_item_get_status (item));

      date_width = MAX (date_width, nd_cli_text_width (date));
      status_width = MAX (status_width, nd_cli_text_width (status));
      g_ptr_array_add (dates, date);
    }

  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *short_id = g_strndup (nd_item_get_id (item), SHORT_ID_LENGTH);
      g_autofree char *tags = dup_tags_joined (item);

      append_padded (line, short_id, SHORT_ID_LENGTH + 2);
      append_padded (line, g_ptr_array_index (dates, i), date_width + 2);
      append_padded (line, nd_item_status_to_display (nd_item_get_status (item)),
                     status_width + 2);
      g_string_append (line, nd_item_get_title (item));
      if (tags != NULL)
        g_string_append_printf (line, "  [%s]", tags);

      g_print ("%s\n", line->str);
    }
}

static void
add_tags_member (JsonBuilder *builder,
                 NdItem      *item)
{
  const char * const *tags = nd_item_get_tags (item);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
}

static void
print_items_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);
      const char *date = nd_item_get_date (item);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, nd_item_get_id (item));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, nd_item_get_title (item));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, nd_item_kind_to_key (nd_item_get_kind (item)));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, nd_item_status_to_key (nd_item_get_status (item)));
      json_builder_set_member_name (builder, "date");
      if (date != NULL && *date != '\0')
        json_builder_add_string_value (builder, date);
      else
        json_builder_add_null_value (builder);
      add_tags_member (builder, item);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  nd_cli_print_json (root);
}

static void
print_items (GPtrArray  *items,
             gboolean    json,
             const char *nothing_found)
{
  if (json)
    print_items_json (items);
  else if (items->len > 0)
    print_items_human (items);
  else
    /* stdout stays empty, so that scripts see no items as no lines. */
    g_printerr ("%s\n", nothing_found);
}

int
nd_cli_cmd_list (const NdCliCommand  *command,
                 const char          *db_path,
                 int                  argc,
                 char               **argv)
{
  g_autofree char *status_key = NULL;
  g_autofree char *kind_key = NULL;
  g_autofree char *tag = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "status", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &status_key,
      N_("Only items with this status"), N_("STATUS") },
    { "kind", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &kind_key,
      N_("Only items of this kind"), N_("KIND") },
    { "tag", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &tag,
      N_("Only items with this tag, in any spelling"), N_("TAG") },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 0, 0)) != ND_CLI_CONTINUE)
    return status;

  if (status_key != NULL)
    {
      NdItemStatus value;

      if (!nd_cli_parse_status (status_key, &value))
        return ND_CLI_EXIT_USER_ERROR;
      filter.status = value;
    }

  if (kind_key != NULL)
    {
      NdItemKind value;

      if (!nd_cli_parse_kind (kind_key, &value))
        return ND_CLI_EXIT_USER_ERROR;
      filter.kind = value;
    }

  if (tag != NULL)
    {
      /* Taken as bytes, so that UTF-8 works whatever the locale. */
      char *tags[] = { tag, NULL };

      if (!nd_cli_check_utf8 (tags))
        return ND_CLI_EXIT_USER_ERROR;
    }

  filter.tag = tag;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  items = nd_store_list_items (store, &filter, &error);
  if (items == NULL)
    return nd_cli_report_error (error);

  /* Translators: printed on stderr when "newsdesk list" finds nothing */
  print_items (items, json, _("No items."));

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_search (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *nothing_found = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, -1)) != ND_CLI_CONTINUE)
    return status;

  if (!nd_cli_check_utf8 (argv + 1))
    return ND_CLI_EXIT_USER_ERROR;

  query = g_strjoinv (" ", argv + 1);

  if (!nd_search_query_check (query, &error))
    return nd_cli_report_error (error);

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  items = nd_store_search (store, query, 0, &error);
  if (items == NULL)
    return nd_cli_report_error (error);

  /* Translators: printed on stderr when a search finds nothing; %s is the query */
  nothing_found = g_strdup_printf (_("No items match “%s”."), query);
  print_items (items, json, nothing_found);

  return ND_CLI_EXIT_OK;
}

static const char *
image_role_to_display (NdImageRole role)
{
  switch (role)
    {
    case ND_IMAGE_ROLE_LEAD:
      /* Translators: the role of an image in an item */
      return _("Lead image");
    case ND_IMAGE_ROLE_INLINE:
      /* Translators: the role of an image in an item (one within the text) */
      return _("Inline image");
    default:
      g_assert_not_reached ();
    }
}

static guint
max_label_width (const char * const *labels)
{
  guint width = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    width = MAX (width, nd_cli_text_width (labels[i]));

  return width;
}

static void
print_image (NdImage *image,
             guint    number)
{
  /* Translators: labels of an image's fields in "newsdesk show" */
  const char *labels[] = { _("File:"), _("Credit:"), _("Alt text:"), _("Caption:"), NULL };
  guint width = max_label_width (labels);
  g_autofree char *file = NULL;

  g_print ("  %u. %s\n", number, image_role_to_display (nd_image_get_role (image)));

  if (nd_image_get_sha256 (image) != NULL)
    {
      g_autofree char *size = g_format_size (nd_image_get_size (image));
      const char *mime = nd_image_get_mime_type (image);

      if (nd_image_get_width (image) > 0 && nd_image_get_height (image) > 0)
        /* Translators: an image file: MIME type, width × height in pixels, size */
        file = g_strdup_printf (_("%s, %u × %u pixels, %s"),
                                mime != NULL ? mime : "?",
                                nd_image_get_width (image),
                                nd_image_get_height (image),
                                size);
      else
        /* Translators: an image file: MIME type, size */
        file = g_strdup_printf (_("%s, %s"), mime != NULL ? mime : "?", size);
    }
  else
    /* Translators: an image slot whose file has not been attached yet */
    file = g_strdup (_("none attached yet"));

  g_print ("     ");
  nd_cli_print_field (labels[0], width, file);
  g_print ("     ");
  nd_cli_print_field (labels[1], width, nd_image_get_credit (image));
  g_print ("     ");
  nd_cli_print_field (labels[2], width, nd_image_get_alt_text (image));
  g_print ("     ");
  nd_cli_print_field (labels[3], width, nd_image_get_caption (image));
}

/* A post's status on the CMS (WordPress's keys), as "show" says it. */
static const char *
remote_status_to_display (const char *status)
{
  if (status == NULL)
    /* Translators: the status of a post on the site is not known */
    return _("status unknown");
  if (strcmp (status, "publish") == 0)
    /* Translators: the status of a post on the site */
    return _("online");
  if (strcmp (status, "future") == 0)
    /* Translators: the status of a post on the site */
    return _("scheduled on the site");
  if (strcmp (status, "draft") == 0)
    /* Translators: the status of a post on the site */
    return _("draft on the site");
  if (strcmp (status, "pending") == 0)
    /* Translators: the status of a post on the site */
    return _("pending review on the site");
  if (strcmp (status, "trash") == 0)
    /* Translators: the status of a post on the site */
    return _("in the site’s trash");

  return status;
}

/* When the CMS last changed the post (its stamp is UTC), or when we last
 * wrote it, in the user's locale and time zone. (transfer full) */
static char *
dup_remote_date (const NdRemoteItem *remote)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) stamp = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (remote->remote_modified != NULL)
    stamp = g_date_time_new_from_iso8601 (remote->remote_modified, utc);
  if (stamp == NULL && remote->published != NULL)
    stamp = g_date_time_ref (remote->published);
  if (stamp == NULL)
    return g_strdup ("?");

  local = g_date_time_to_local (stamp);
  /* %x is the locale's own date format: 14.05.2024 in German. */
  return g_date_time_format (local, "%x %H:%M");
}

/* "test-site: https://example.org/2024/05/post/ (online, 14.05.2024 09:30)" */
static char *
dup_remote_line (const NdRemoteItem *remote)
{
  g_autofree char *date = dup_remote_date (remote);

  /* Translators: where an item is published, in "newsdesk show": the
   * target's name, the post's address, its status on the site and the
   * date and time it was last changed there */
  return g_strdup_printf (_("%s: %s (%s, %s)"),
                          remote->target != NULL ? remote->target : "?",
                          remote->url != NULL ? remote->url : "?",
                          remote_status_to_display (remote->status),
                          date);
}

static void
print_item_human (NdItem    *item,
                  GPtrArray *remote)
{
  /* Translators: labels of an item's fields in "newsdesk show"; they are
   * aligned, so keep them short */
  const char *labels[] = {
    _("Title:"), _("ID:"), _("Kind:"), _("Status:"), _("Language:"), _("Date:"),
    _("Author:"), _("Slug:"), _("Tags:"), _("Revision:"), _("Images:"), _("Targets:"), NULL
  };
  guint width = max_label_width (labels);
  g_autofree char *date = dup_display_date (nd_item_get_date (item));
  g_autofree char *tags = dup_tags_joined (item);
  g_autofree char *revision = g_strdup_printf ("%u", nd_item_get_revision (item));
  guint n_images = nd_item_get_n_images (item);

  nd_cli_print_field (labels[0], width, nd_item_get_title (item));
  nd_cli_print_field (labels[1], width, nd_item_get_id (item));
  nd_cli_print_field (labels[2], width, nd_item_kind_to_display (nd_item_get_kind (item)));
  nd_cli_print_field (labels[3], width, nd_item_status_to_display (nd_item_get_status (item)));
  nd_cli_print_field (labels[4], width, nd_item_get_language (item));
  nd_cli_print_field (labels[5], width, date);
  if (*nd_item_get_author (item) != '\0')
    nd_cli_print_field (labels[6], width, nd_item_get_author (item));
  if (*nd_item_get_slug (item) != '\0')
    nd_cli_print_field (labels[7], width, nd_item_get_slug (item));
  /* Translators: shown for an item without tags */
  nd_cli_print_field (labels[8], width, tags != NULL ? tags : _("none"));
  nd_cli_print_field (labels[9], width, revision);

  for (guint i = 0; i < remote->len; i++)
    {
      g_autofree char *line = dup_remote_line (g_ptr_array_index (remote, i));

      nd_cli_print_field (i == 0 ? labels[11] : "", width, line);
    }

  if (n_images == 0)
    /* Translators: shown for an item without images */
    nd_cli_print_field (labels[10], width, _("none"));
  else
    nd_cli_print_field (labels[10], width, NULL);
  for (guint i = 0; i < n_images; i++)
    print_image (nd_item_get_image (item, i), i + 1);

  if (*nd_item_get_teaser (item) != '\0')
    g_print ("\n%s\n", nd_item_get_teaser (item));
  if (*nd_item_get_body (item) != '\0')
    g_print ("\n%s\n", nd_item_get_body (item));
}

int
nd_cli_cmd_show (const NdCliCommand  *command,
                 const char          *db_path,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) remote = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(item = nd_cli_load_item (store, argv[1])))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(remote = nd_store_list_remote_items (store, nd_item_get_id (item), &error)))
    {
      nd_cli_print_error ("%s", error->message);
      return ND_CLI_EXIT_USER_ERROR;
    }

  if (json)
    {
      /* Without the image bytes: they belong in "export", not on a terminal. */
      g_autoptr(JsonNode) node = nd_item_to_json_with_remote (item, remote, ND_ITEM_JSON_NONE);

      nd_cli_print_json (node);
    }
  else
    {
      print_item_human (item, remote);
    }

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_check (const NdCliCommand  *command,
                  const char          *db_path,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_errors = 0;
  int status;

  if ((status = nd_cli_parse_options (command, NULL, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(item = nd_cli_load_item (store, argv[1])))
    return ND_CLI_EXIT_USER_ERROR;

  problems = nd_item_check (item);

  for (guint i = 0; i < problems->len; i++)
    {
      const NdCheckProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = NULL;

      switch (problem->severity)
        {
        case ND_CHECK_ERROR:
          n_errors++;
          /* Translators: one problem found by "newsdesk check" that blocks publication */
          line = g_strdup_printf (_("✗ Error: %s"), problem->message);
          break;
        case ND_CHECK_WARNING:
          /* Translators: one problem found by "newsdesk check" that does not block publication */
          line = g_strdup_printf (_("! Warning: %s"), problem->message);
          break;
        default:
          g_assert_not_reached ();
        }

      g_print ("%s\n", line);
    }

  if (n_errors > 0)
    {
      /* Translators: on stderr after the list of "newsdesk check";
       * %u is the number of errors listed */
      nd_cli_print_error (ngettext ("Not ready to publish: %u error",
                                    "Not ready to publish: %u errors",
                                    n_errors),
                          n_errors);
      return ND_CLI_EXIT_USER_ERROR;
    }

  /* Translators: the last line of "newsdesk check" when the item passes */
  g_print ("%s\n", _("✓ Ready to publish."));

  return ND_CLI_EXIT_OK;
}
