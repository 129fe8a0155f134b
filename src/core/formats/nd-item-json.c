/* nd-item-json.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-json.h"
#include "nd-json.h"
#include "nd-kinds.h"
#include "nd-remote-item.h"
#include "nd-revision.h"
#include "nd-slug.h"

G_DEFINE_QUARK (nd-item-json-error-quark, nd_item_json_error)

/* Names the field that failed; @image is 0 for the item itself, else the
 * 1-based position of the image the field belongs to. */
static gboolean
invalid_field (GError     **error,
               const char  *field,
               guint        image)
{
  g_assert (field != NULL);

  if (image == 0)
    g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                 /* Translators: %s is a key of the item's JSON form, e.g. "date" */
                 _("Invalid value for “%s” in the item"), field);
  else
    g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                 /* Translators: %s is a key of an image in the item's JSON
                  * form, e.g. "sha256"; %u is the image's position, from 1 */
                 _("Invalid value for “%s” in image %u of the item"), field, image);

  return FALSE;
}

static char *
format_timestamp (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  g_assert (dt != NULL);

  utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  g_assert (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  g_assert (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_timestamp (JsonBuilder *builder,
               const char  *name,
               GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value != NULL)
    text = format_timestamp (value);

  add_string (builder, name, text);
}

static void
add_image (JsonBuilder     *builder,
           NdImage         *image,
           NdItemJsonFlags  flags)
{
  GBytes *data = nd_image_get_data (image);

  g_assert (JSON_IS_BUILDER (builder));
  g_assert (ND_IS_IMAGE (image));

  json_builder_begin_object (builder);
  add_string (builder, "role", nd_image_role_to_key (nd_image_get_role (image)));
  add_string (builder, "credit", nd_image_get_credit (image));
  add_string (builder, "creator", nd_image_get_creator (image));
  add_string (builder, "copyright", nd_image_get_copyright (image));
  add_string (builder, "license", nd_image_get_license (image));
  add_string (builder, "source", nd_image_get_source (image));
  add_string (builder, "alt", nd_image_get_alt_text (image));
  add_string (builder, "caption", nd_image_get_caption (image));
  add_string (builder, "sha256", nd_image_get_sha256 (image));
  add_string (builder, "mime", nd_image_get_mime_type (image));
  add_int (builder, "size", (gint64) nd_image_get_size (image));
  add_int (builder, "width", nd_image_get_width (image));
  add_int (builder, "height", nd_image_get_height (image));

  if ((flags & ND_ITEM_JSON_IMAGE_DATA) != 0 && data != NULL)
    {
      gsize size;
      const guchar *bytes = g_bytes_get_data (data, &size);
      g_autofree char *base64 = g_base64_encode (bytes, size);

      add_string (builder, "data", base64);
    }

  json_builder_end_object (builder);
}

/**
 * nd_item_to_json:
 * @item: a #NdItem
 * @flags: whether image bytes are included
 *
 * Returns: (transfer full): the item as a JSON object
 */
JsonNode *
nd_item_to_json (NdItem          *item,
                 NdItemJsonFlags  flags)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const char * const *tags;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_string (builder, "id", nd_item_get_id (item));
  add_string (builder, "kind", nd_item_kind_to_key (nd_item_get_kind (item)));
  add_string (builder, "status", nd_item_status_to_key (nd_item_get_status (item)));
  add_string (builder, "language", nd_item_get_language (item));
  add_string (builder, "title", nd_item_get_title (item));
  add_string (builder, "teaser", nd_item_get_teaser (item));
  add_string (builder, "body", nd_item_get_body (item));
  add_string (builder, "date", nd_item_get_date (item));
  add_string (builder, "slug", nd_item_get_slug (item));
  add_string (builder, "author", nd_item_get_author (item));
  add_timestamp (builder, "created", nd_item_get_created (item));
  add_timestamp (builder, "updated", nd_item_get_updated (item));
  add_int (builder, "revision", nd_item_get_revision (item));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  tags = nd_item_get_tags (item);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    add_image (builder, nd_item_get_image (item, i), flags);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The CMS's stamp ("2024-05-14T09:30:00", UTC without a zone, as
 * WordPress's modified_gmt) as ISO 8601 with its zone; NULL stays NULL,
 * and a stamp that does not parse is passed on as it is. */
static char *
dup_remote_stamp (const char *stamp)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (stamp == NULL || *stamp == '\0')
    return NULL;
  if (!(dt = g_date_time_new_from_iso8601 (stamp, utc)))
    return g_strdup (stamp);

  return format_timestamp (dt);
}

/* WordPress's ids are numbers, and scripts use them as such; an id of
 * another form (a later CMS) stays a string. */
static void
add_remote_id (JsonBuilder *builder,
               const char  *remote_id)
{
  guint64 id;

  json_builder_set_member_name (builder, "remote_id");
  if (remote_id != NULL &&
      g_ascii_string_to_unsigned (remote_id, 10, 1, G_MAXINT64, &id, NULL))
    json_builder_add_int_value (builder, (gint64) id);
  else if (remote_id != NULL)
    json_builder_add_string_value (builder, remote_id);
  else
    json_builder_add_null_value (builder);
}

static void
add_remote (JsonBuilder        *builder,
            const NdRemoteItem *remote)
{
  g_autofree char *modified = dup_remote_stamp (remote->remote_modified);

  json_builder_begin_object (builder);
  add_string (builder, "target", remote->target);
  add_remote_id (builder, remote->remote_id);
  add_string (builder, "url", remote->url);
  add_int (builder, "published_revision", remote->published_revision);
  add_string (builder, "status", remote->status);
  add_string (builder, "modified", modified);
  add_timestamp (builder, "published", remote->published);
  json_builder_end_object (builder);
}

/**
 * nd_item_to_json_with_remote:
 * @item: a #NdItem
 * @remote: (element-type NdRemoteItem): where it was published
 *   (nd_store_list_remote_items())
 * @flags: whether image bytes are included
 *
 * Returns: (transfer full): the item as a JSON object, with "remote"
 */
JsonNode *
nd_item_to_json_with_remote (NdItem          *item,
                             GPtrArray       *remote,
                             NdItemJsonFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);
  g_return_val_if_fail (remote != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < remote->len; i++)
    add_remote (builder, g_ptr_array_index (remote, i));
  json_builder_end_array (builder);

  node = nd_item_to_json (item, flags);
  json_object_set_member (json_node_get_object (node), "remote", json_builder_get_root (builder));

  return g_steal_pointer (&node);
}

/**
 * nd_item_to_json_string:
 * @item: a #NdItem
 * @flags: whether image bytes are included
 * @pretty: whether to indent
 *
 * Returns: (transfer full): the item as JSON text
 */
char *
nd_item_to_json_string (NdItem          *item,
                        NdItemJsonFlags  flags,
                        gboolean         pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  node = nd_item_to_json (item, flags);

  return json_to_string (node, pretty);
}

/* Reading. Each reader leaves *out alone when the member is absent or
 * null, and fails only for a value of the wrong type. */

static gboolean
is_null_or_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert (out != NULL);

  if (is_null_or_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = json_node_get_string (node);

  return TRUE;
}

static gboolean
read_uint (JsonObject *object,
           const char *name,
           guint64     max,
           guint64    *out)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  g_assert (out != NULL);

  if (is_null_or_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  value = json_node_get_int (node);
  if (value < 0 || (guint64) value > max)
    return FALSE;

  *out = (guint64) value;

  return TRUE;
}

static gboolean
read_timestamp (JsonObject  *object,
                const char  *name,
                GDateTime  **out)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text = NULL;

  g_assert (out != NULL && *out == NULL);

  if (!read_string (object, name, &text))
    return FALSE;

  if (text == NULL)
    return TRUE;

  *out = g_date_time_new_from_iso8601 (text, utc);

  return *out != NULL;
}

static gboolean
is_sha256 (const char *text)
{
  g_assert (text != NULL);

  if (strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* g_base64_decode() accepts anything, so check the alphabet and the
 * padding first: a corrupt export must not become a corrupt image. */
static GBytes *
decode_base64 (const char *text)
{
  gsize len = 0;
  gsize padding = 0;
  guchar *data;
  gsize size;

  g_assert (text != NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;

      if (*p == '=')
        padding++;
      else if (padding > 0 ||
               !(g_ascii_isalnum (*p) || *p == '+' || *p == '/'))
        return NULL;

      len++;
    }

  if (len % 4 != 0 || padding > 2)
    return NULL;

  data = g_base64_decode (text, &size);

  return g_bytes_new_take (data, size);
}

typedef struct
{
  const char *name;
  void      (*set) (NdImage    *image,
                    const char *value);
} ImageText;

static const ImageText image_texts[] = {
  { "credit", nd_image_set_credit },
  { "creator", nd_image_set_creator },
  { "copyright", nd_image_set_copyright },
  { "license", nd_image_set_license },
  { "source", nd_image_set_source },
  { "alt", nd_image_set_alt_text },
  { "caption", nd_image_set_caption },
};

static gboolean
read_image_texts (JsonObject  *object,
                  NdImage     *image,
                  guint        position,
                  GError     **error)
{
  g_assert (ND_IS_IMAGE (image));

  for (guint i = 0; i < G_N_ELEMENTS (image_texts); i++)
    {
      const char *value = "";

      if (!read_string (object, image_texts[i].name, &value))
        return invalid_field (error, image_texts[i].name, position);

      image_texts[i].set (image, value);
    }

  return TRUE;
}

/* Checks "data" against "sha256" and "size" and sets the file fields. */
static gboolean
read_image_file (JsonObject  *object,
                 NdImage     *image,
                 guint        position,
                 GError     **error)
{
  g_autoptr(GBytes) data = NULL;
  const char *sha256 = NULL;
  const char *mime = NULL;
  const char *base64 = NULL;
  guint64 size = 0;
  guint64 width = 0;
  guint64 height = 0;

  g_assert (ND_IS_IMAGE (image));

  if (!read_string (object, "sha256", &sha256) ||
      (sha256 != NULL && !is_sha256 (sha256)))
    return invalid_field (error, "sha256", position);
  if (!read_string (object, "mime", &mime))
    return invalid_field (error, "mime", position);
  if (!read_uint (object, "size", G_MAXUINT64, &size))
    return invalid_field (error, "size", position);
  if (!read_uint (object, "width", G_MAXUINT, &width))
    return invalid_field (error, "width", position);
  if (!read_uint (object, "height", G_MAXUINT, &height))
    return invalid_field (error, "height", position);
  if (!read_string (object, "data", &base64))
    return invalid_field (error, "data", position);

  if (base64 == NULL)
    {
      nd_image_set_file_info (image, sha256, mime, size, (guint) width, (guint) height);
      return TRUE;
    }

  if (!(data = decode_base64 (base64)))
    return invalid_field (error, "data", position);

  nd_image_set_data (image, data, mime, (guint) width, (guint) height);

  if (sha256 != NULL && g_ascii_strcasecmp (sha256, nd_image_get_sha256 (image)) != 0)
    return invalid_field (error, "data", position);
  if (json_object_has_member (object, "size") && size != nd_image_get_size (image))
    return invalid_field (error, "size", position);

  return TRUE;
}

static NdImage *
read_image (JsonNode  *node,
            guint      position,
            GError   **error)
{
  g_autoptr(NdImage) image = nd_image_new ();
  JsonObject *object;
  const char *role_key = NULL;
  NdImageRole role = ND_IMAGE_ROLE_INLINE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                   /* Translators: %u is the image's position, from 1 */
                   _("Image %u of the item is not a JSON object"), position);
      return NULL;
    }

  object = json_node_get_object (node);

  if (!read_string (object, "role", &role_key) ||
      (role_key != NULL && !nd_image_role_from_key (role_key, &role)))
    {
      invalid_field (error, "role", position);
      return NULL;
    }
  nd_image_set_role (image, role);

  if (!read_image_texts (object, image, position, error) ||
      !read_image_file (object, image, position, error))
    return NULL;

  return g_steal_pointer (&image);
}

static gboolean
read_images (JsonObject  *object,
             NdItem      *item,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "images");
  JsonArray *array;

  if (is_null_or_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid_field (error, "images", 0);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(NdImage) image = NULL;

      if (!(image = read_image (json_array_get_element (array, i), i + 1, error)))
        return FALSE;

      nd_item_add_image (item, image);
    }

  return TRUE;
}

static gboolean
read_tags (JsonObject  *object,
           NdItem      *item,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "tags");
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  JsonArray *array;

  if (is_null_or_absent (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid_field (error, "tags", 0);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid_field (error, "tags", 0);

      g_ptr_array_add (tags, (gpointer) json_node_get_string (element));
    }
  g_ptr_array_add (tags, NULL);

  nd_item_set_tags (item, (const char * const *) tags->pdata);

  return TRUE;
}

typedef struct
{
  const char *name;
  void      (*set) (NdItem     *item,
                    const char *value);
} ItemText;

/* Absent or null, these become "". */
static const ItemText item_texts[] = {
  { "title", nd_item_set_title },
  { "teaser", nd_item_set_teaser },
  { "body", nd_item_set_body },
  { "slug", nd_item_set_slug },
  { "author", nd_item_set_author },
};

static gboolean
read_item_texts (JsonObject  *object,
                 NdItem      *item,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_texts); i++)
    {
      const char *value = "";

      if (!read_string (object, item_texts[i].name, &value))
        return invalid_field (error, item_texts[i].name, 0);

      item_texts[i].set (item, value);
    }

  /* JSON written elsewhere may have no slug: it gets the one the editor
   * would give its title. An explicit "" (an item that had none when it
   * was exported) is kept, so that an export reads back as it was. */
  if (is_null_or_absent (json_object_get_member (object, "slug")))
    {
      g_autofree char *slug = nd_slug_from_title (nd_item_get_title (item), nd_item_get_language (item));

      nd_item_set_slug (item, slug);
    }

  return TRUE;
}

/* id, kind, status, language and date. */
static gboolean
read_item_identity (JsonObject  *object,
                    NdItem      *item,
                    GError     **error)
{
  const char *id = NULL;
  const char *kind_key = NULL;
  const char *status_key = NULL;
  const char *language = NULL;
  const char *date = NULL;
  NdItemKind kind = ND_ITEM_KIND_NEWS;
  NdItemStatus status = ND_ITEM_STATUS_DRAFT;

  if (!read_string (object, "id", &id) || id == NULL || !g_uuid_string_is_valid (id))
    return invalid_field (error, "id", 0);
  if (!read_string (object, "kind", &kind_key) ||
      (kind_key != NULL && !nd_item_kind_from_key (kind_key, &kind)))
    return invalid_field (error, "kind", 0);
  if (!read_string (object, "status", &status_key) ||
      (status_key != NULL && !nd_item_status_from_key (status_key, &status)))
    return invalid_field (error, "status", 0);
  if (!read_string (object, "language", &language))
    return invalid_field (error, "language", 0);
  if (!read_string (object, "date", &date) ||
      (date != NULL && !nd_date_is_valid (date)))
    return invalid_field (error, "date", 0);

  nd_item_set_id (item, id);
  nd_item_set_kind (item, kind);
  nd_item_set_status (item, status);
  if (language != NULL)
    nd_item_set_language (item, language);
  nd_item_set_date (item, date);

  return TRUE;
}

static gboolean
read_item_bookkeeping (JsonObject  *object,
                       NdItem      *item,
                       GError     **error)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  guint64 revision = 0;

  if (!read_timestamp (object, "created", &created))
    return invalid_field (error, "created", 0);
  if (!read_timestamp (object, "updated", &updated))
    return invalid_field (error, "updated", 0);
  if (!read_uint (object, "revision", G_MAXUINT, &revision))
    return invalid_field (error, "revision", 0);

  nd_item_set_created (item, created);
  nd_item_set_updated (item, updated);
  nd_item_set_revision (item, (guint) revision);

  return TRUE;
}

/**
 * nd_item_from_json:
 * @node: (nullable): a JSON object as written by nd_item_to_json()
 * @error: return location for a #GError
 *
 * Unknown keys are ignored, so that newer exports still load.
 *
 * Returns: (transfer full): the item, or %NULL with @error set
 */
NdItem *
nd_item_from_json (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(NdItem) item = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID,
                           _("The item is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  item = nd_item_new ();

  if (!read_item_identity (object, item, error) ||
      !read_item_texts (object, item, error) ||
      !read_item_bookkeeping (object, item, error) ||
      !read_tags (object, item, error) ||
      !read_images (object, item, error))
    return NULL;

  return g_steal_pointer (&item);
}

NdItem *
nd_item_from_revision (NdRevision  *revision,
                       GError     **error)
{
  const char *snapshot;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ND_IS_REVISION (revision), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  snapshot = nd_revision_get_snapshot (revision);
  root = nd_json_parse (ND_JSON_SOURCE_STORED, snapshot != NULL ? snapshot : "", -1, error);
  if (root == NULL)
    return NULL;

  return nd_item_from_json (root, error);
}
