/* nd-export.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-export"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <errno.h>
#include <glib/gstdio.h>

#include "nd-export.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-item.h"
#include "nd-item-json.h"
#include "nd-json.h"
#include "nd-kinds.h"
#include "nd-render.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-text-format.h"

#define EXPORT_FORMAT_NAME "newsdesk-item"

/* The version of the export format this build writes and reads. A newer
 * one may carry data we would silently drop, so it is refused. */
#define EXPORT_FORMAT_VERSION 1

gboolean
nd_export_format_from_key (const char     *key,
                           NdExportFormat *format)
{
  static const struct {
    const char     *key;
    NdExportFormat  format;
  } formats[] = {
    { "json", ND_EXPORT_FORMAT_JSON },
    { "text", ND_EXPORT_FORMAT_TEXT },
    { "html", ND_EXPORT_FORMAT_HTML },
  };

  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (formats[i].key, key) == 0)
        {
          if (format != NULL)
            *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

static JsonNode *
revision_to_json (NdRevision *revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) snapshot = NULL;
  g_autofree char *created = NULL;
  GDateTime *created_dt = nd_revision_get_created (revision);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, nd_revision_get_number (revision));

  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder,
                                 nd_revision_reason_to_key (nd_revision_get_reason (revision)));

  json_builder_set_member_name (builder, "created");
  if (created_dt != NULL && (created = g_date_time_format_iso8601 (created_dt)))
    json_builder_add_string_value (builder, created);
  else
    json_builder_add_null_value (builder);

  /* The snapshot goes in as an object, not as a string holding JSON, so
   * that the export stays readable and diffable. */
  json_builder_set_member_name (builder, "snapshot");
  snapshot = nd_json_parse (ND_JSON_SOURCE_STORED, nd_revision_get_snapshot (revision), -1, NULL);
  if (snapshot != NULL)
    json_builder_add_value (builder, g_steal_pointer (&snapshot));
  else
    json_builder_add_string_value (builder, nd_revision_get_snapshot (revision));

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
export_json (NdStore  *store,
             NdItem   *item,
             GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  revisions = nd_store_list_revisions (store, nd_item_get_id (item), error);
  if (revisions == NULL)
    return NULL;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT_NAME);

  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_FORMAT_VERSION);

  json_builder_set_member_name (builder, "item");
  json_builder_add_value (builder, nd_item_to_json (item, ND_ITEM_JSON_IMAGE_DATA));

  json_builder_set_member_name (builder, "revisions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < revisions->len; i++)
    json_builder_add_value (builder, revision_to_json (g_ptr_array_index (revisions, i)));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

char *
nd_export_item (NdStore         *store,
                const char      *id,
                NdExportFormat   format,
                GError         **error)
{
  g_autoptr(NdItem) item = NULL;

  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(item = nd_store_load_item (store, id, error)))
    return NULL;

  switch (format)
    {
    case ND_EXPORT_FORMAT_JSON:
      return export_json (store, item, error);

    case ND_EXPORT_FORMAT_TEXT:
      return nd_text_format_write (item);

    case ND_EXPORT_FORMAT_HTML:
      return nd_render_item_html (item);

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Image files */

GStrv
nd_export_item_images (NdItem      *item,
                       const char  *dir,
                       GStrv       *without_metadata,
                       GError     **error)
{
  g_autoptr(GStrvBuilder) written = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) unmarked = g_strv_builder_new ();

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   /* Translators: the first %s is a folder, the second the reason */
                   _("The folder “%s” cannot be made: %s"), display, g_strerror (errsv));
      return NULL;
    }

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);
      g_autoptr(GBytes) copy = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      gconstpointer data;
      gsize length;

      if (!nd_image_has_data (image))
        continue;

      name = g_strdup_printf ("%u-%.12s.%s", i + 1, nd_image_get_sha256 (image),
                              nd_image_file_extension (nd_image_get_mime_type (image)));
      path = g_build_filename (dir, name, NULL);

      copy = nd_image_file_dup_with_metadata (image, &local_error);
      if (copy == NULL &&
          g_error_matches (local_error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_UNSUPPORTED))
        {
          copy = g_bytes_ref (nd_image_get_data (image));
          g_strv_builder_add (unmarked, path);
        }
      else if (copy == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      data = g_bytes_get_data (copy, &length);
      if (!g_file_set_contents (path, data, length, error))
        return NULL;

      g_strv_builder_add (written, path);
    }

  if (without_metadata != NULL)
    *without_metadata = g_strv_builder_end (unmarked);

  return g_strv_builder_end (written);
}

/* Parsing */

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID, message);
}

static NdRevision *
revision_from_json (JsonNode  *node,
                    guint      position,
                    GError   **error)
{
  JsonObject *object;
  JsonNode *member;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *snapshot = NULL;
  NdRevisionReason reason;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   /* Translators: %u is the position of a revision in the export */
                   _("revision %u is not an object"), position);
      return NULL;
    }

  object = json_node_get_object (node);

  member = json_object_get_member (object, "number");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64 ||
      (number = json_node_get_int (member)) < 1 || number > G_MAXUINT)
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   _("revision %u has no valid number"), position);
      return NULL;
    }

  member = json_object_get_member (object, "reason");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      !nd_revision_reason_from_key (json_node_get_string (member), &reason))
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   _("revision %u has no valid reason"), position);
      return NULL;
    }

  member = json_object_get_member (object, "created");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      if (json_node_get_value_type (member) == G_TYPE_STRING)
        created = g_date_time_new_from_iso8601 (json_node_get_string (member), utc);

      if (created == NULL)
        {
          g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                       _("revision %u has no valid creation time"), position);
          return NULL;
        }
    }

  member = json_object_get_member (object, "snapshot");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      snapshot = json_to_string (member, FALSE);
    }
  else if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
           json_node_get_value_type (member) == G_TYPE_STRING)
    {
      /* Accept a snapshot kept as a string, as long as it is JSON (and
       * bounded like the file around it). */
      g_autoptr(JsonNode) parsed = nd_json_parse (ND_JSON_SOURCE_FILE, json_node_get_string (member), -1, NULL);

      if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
        snapshot = json_to_string (parsed, FALSE);
    }

  if (snapshot == NULL)
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   _("revision %u has no valid snapshot"), position);
      return NULL;
    }

  return nd_revision_new ((guint) number, reason, created, snapshot);
}

static gboolean
parse_export_object (JsonNode    *node,
                     NdItem     **out_item,
                     GPtrArray  **out_revisions,
                     GError     **error)
{
  JsonObject *object;
  JsonNode *member;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, _("this is not a Newsdesk item export"));
      return FALSE;
    }

  object = json_node_get_object (node);

  member = json_object_get_member (object, "format");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (member), EXPORT_FORMAT_NAME) != 0)
    {
      set_invalid (error, _("this is not a Newsdesk item export (no \"format\": \"newsdesk-item\")"));
      return FALSE;
    }

  member = json_object_get_member (object, "version");
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64 ||
      (version = json_node_get_int (member)) < 1)
    {
      set_invalid (error, _("the export has no valid format version"));
      return FALSE;
    }

  if (version > EXPORT_FORMAT_VERSION)
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   /* Translators: %d is a version number of the export format */
                   _("the export is in format version %d, which only a newer Newsdesk can read; "
                     "update Newsdesk to import it"),
                   (int) MIN (version, G_MAXINT));
      return FALSE;
    }

  member = json_object_get_member (object, "item");
  if (member == NULL)
    {
      set_invalid (error, _("the export contains no item"));
      return FALSE;
    }

  if (!(item = nd_item_from_json (member, error)))
    return FALSE;

  revisions = g_ptr_array_new_with_free_func (g_object_unref);
  member = json_object_get_member (object, "revisions");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          set_invalid (error, _("the export’s revisions are not a list"));
          return FALSE;
        }

      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          NdRevision *revision = revision_from_json (json_array_get_element (array, i),
                                                     i + 1, error);

          if (revision == NULL)
            return FALSE;

          /* The store keeps one revision per number, oldest first. */
          if (revisions->len > 0 &&
              nd_revision_get_number (revision) <=
              nd_revision_get_number (g_ptr_array_index (revisions, revisions->len - 1)))
            {
              g_object_unref (revision);
              g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                           _("revision %u does not follow the one before it"), i + 1);
              return FALSE;
            }

          g_ptr_array_add (revisions, revision);
        }
    }

  *out_item = g_steal_pointer (&item);
  *out_revisions = g_steal_pointer (&revisions);

  return TRUE;
}

gboolean
nd_export_parse_json (const char  *data,
                      gsize        length,
                      GPtrArray  **items,
                      GPtrArray  **revisions,
                      GError     **error)
{
  g_autoptr(GPtrArray) all_items = NULL;
  g_autoptr(GPtrArray) all_revisions = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *parse_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Bounded in size and depth before json-glib parses it. */
  if (!(root = nd_json_parse (ND_JSON_SOURCE_FILE, data, (gssize) length, &parse_error)))
    {
      g_set_error_literal (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID, parse_error->message);
      g_error_free (parse_error);
      return FALSE;
    }

  all_items = g_ptr_array_new_with_free_func (g_object_unref);
  all_revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint n = json_array_get_length (array);

      if (n == 0)
        {
          set_invalid (error, _("the export contains no items"));
          return FALSE;
        }

      for (guint i = 0; i < n; i++)
        {
          NdItem *item = NULL;
          GPtrArray *item_revisions = NULL;

          if (!parse_export_object (json_array_get_element (array, i),
                                    &item, &item_revisions, error))
            {
              /* Translators: %u is the position of an item in an export */
              g_prefix_error (error, _("item %u: "), i + 1);
              return FALSE;
            }

          g_ptr_array_add (all_items, item);
          g_ptr_array_add (all_revisions, item_revisions);
        }
    }
  else
    {
      NdItem *item = NULL;
      GPtrArray *item_revisions = NULL;

      if (!parse_export_object (root, &item, &item_revisions, error))
        return FALSE;

      g_ptr_array_add (all_items, item);
      g_ptr_array_add (all_revisions, item_revisions);
    }

  if (items != NULL)
    *items = g_steal_pointer (&all_items);
  if (revisions != NULL)
    *revisions = g_steal_pointer (&all_revisions);

  return TRUE;
}
