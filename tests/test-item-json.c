/* test-item-json.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-item-json"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-json.h"
#include "nd-store-outbox.h"
#include "nd-test-utils.h"

#define TEST_ID "3f2b8c1e-5a7d-4e9f-8b21-0c6d4e8f1a23"

static NdItem *
make_full_item (void)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) lead = nd_image_new ();
  g_autoptr(NdImage) slot = nd_image_new ();
  g_autoptr(GBytes) jpeg = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 5, 14, 8, 0, 0);
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2024, 5, 15, 9, 30, 5);
  const char * const tags[] = { "ECCP", "Brüssel", "Cluster Konferenz", NULL };

  nd_item_set_id (item, TEST_ID);
  nd_item_set_kind (item, ND_ITEM_KIND_PRESS_RELEASE);
  nd_item_set_status (item, ND_ITEM_STATUS_SCHEDULED);
  nd_item_set_language (item, "de");
  nd_item_set_title (item, "Clusterkonferenz 2024 in Brüssel");
  nd_item_set_teaser (item, "Ein „Teaser“ mit Anführungszeichen.");
  nd_item_set_body (item, "Erster Absatz.\n\n*Zweiter* Absatz mit \"Zitat\" und \\ Backslash.\n");
  nd_item_set_date (item, "2024-05-14T10:30:00+02:00");
  nd_item_set_slug (item, "clusterkonferenz-2024");
  nd_item_set_author (item, "Erika Mustermann");
  nd_item_set_created (item, created);
  nd_item_set_updated (item, updated);
  nd_item_set_revision (item, 4);
  nd_item_set_tags (item, tags);

  nd_image_set_role (lead, ND_IMAGE_ROLE_LEAD);
  nd_image_set_data (lead, jpeg, "image/jpeg", 800, 600);
  nd_image_set_credit (lead, "Foto: Max Muster");
  nd_image_set_creator (lead, "Max Muster");
  nd_image_set_copyright (lead, "© 2024 Max Muster");
  nd_image_set_license (lead, "CC BY 4.0");
  nd_image_set_source (lead, "https://example.org/bild");
  nd_image_set_alt_text (lead, "Podium der Konferenz");
  nd_image_set_caption (lead, "Die Eröffnung");
  nd_item_add_image (item, lead);

  nd_image_set_role (slot, ND_IMAGE_ROLE_INLINE);
  nd_image_set_caption (slot, "Noch ohne Datei");
  nd_item_add_image (item, slot);

  return item;
}

static void
assert_images_equal (NdImage *a,
                     NdImage *b,
                     gboolean with_data)
{
  g_assert_cmpint (nd_image_get_role (a), ==, nd_image_get_role (b));
  g_assert_cmpstr (nd_image_get_credit (a), ==, nd_image_get_credit (b));
  g_assert_cmpstr (nd_image_get_creator (a), ==, nd_image_get_creator (b));
  g_assert_cmpstr (nd_image_get_copyright (a), ==, nd_image_get_copyright (b));
  g_assert_cmpstr (nd_image_get_license (a), ==, nd_image_get_license (b));
  g_assert_cmpstr (nd_image_get_source (a), ==, nd_image_get_source (b));
  g_assert_cmpstr (nd_image_get_alt_text (a), ==, nd_image_get_alt_text (b));
  g_assert_cmpstr (nd_image_get_caption (a), ==, nd_image_get_caption (b));
  g_assert_cmpstr (nd_image_get_sha256 (a), ==, nd_image_get_sha256 (b));
  g_assert_cmpstr (nd_image_get_mime_type (a), ==, nd_image_get_mime_type (b));
  g_assert_cmpuint (nd_image_get_size (a), ==, nd_image_get_size (b));
  g_assert_cmpuint (nd_image_get_width (a), ==, nd_image_get_width (b));
  g_assert_cmpuint (nd_image_get_height (a), ==, nd_image_get_height (b));

  if (with_data && nd_image_has_data (a))
    {
      g_assert_true (nd_image_has_data (b));
      g_assert_true (g_bytes_equal (nd_image_get_data (a), nd_image_get_data (b)));
    }
  else
    {
      g_assert_false (nd_image_has_data (b));
    }
}

static void
assert_items_equal (NdItem   *a,
                    NdItem   *b,
                    gboolean  with_data)
{
  const char * const *tags_a = nd_item_get_tags (a);
  const char * const *tags_b = nd_item_get_tags (b);

  g_assert_cmpstr (nd_item_get_id (a), ==, nd_item_get_id (b));
  g_assert_cmpint (nd_item_get_kind (a), ==, nd_item_get_kind (b));
  g_assert_cmpint (nd_item_get_status (a), ==, nd_item_get_status (b));
  g_assert_cmpstr (nd_item_get_language (a), ==, nd_item_get_language (b));
  g_assert_cmpstr (nd_item_get_title (a), ==, nd_item_get_title (b));
  g_assert_cmpstr (nd_item_get_teaser (a), ==, nd_item_get_teaser (b));
  g_assert_cmpstr (nd_item_get_body (a), ==, nd_item_get_body (b));
  g_assert_cmpstr (nd_item_get_date (a), ==, nd_item_get_date (b));
  g_assert_cmpstr (nd_item_get_slug (a), ==, nd_item_get_slug (b));
  g_assert_cmpstr (nd_item_get_author (a), ==, nd_item_get_author (b));
  g_assert_true ((nd_item_get_created (a) == NULL) == (nd_item_get_created (b) == NULL));
  if (nd_item_get_created (a) != NULL)
    g_assert_true (g_date_time_equal (nd_item_get_created (a), nd_item_get_created (b)));
  g_assert_true ((nd_item_get_updated (a) == NULL) == (nd_item_get_updated (b) == NULL));
  if (nd_item_get_updated (a) != NULL)
    g_assert_true (g_date_time_equal (nd_item_get_updated (a), nd_item_get_updated (b)));
  g_assert_cmpuint (nd_item_get_revision (a), ==, nd_item_get_revision (b));

  g_assert_cmpuint (g_strv_length ((char **) tags_a), ==, g_strv_length ((char **) tags_b));
  for (guint i = 0; tags_a[i] != NULL; i++)
    g_assert_cmpstr (tags_a[i], ==, tags_b[i]);

  g_assert_cmpuint (nd_item_get_n_images (a), ==, nd_item_get_n_images (b));
  for (guint i = 0; i < nd_item_get_n_images (a); i++)
    assert_images_equal (nd_item_get_image (a, i), nd_item_get_image (b, i), with_data);
}

static void
test_round_trip (void)
{
  g_autoptr(NdItem) item = make_full_item ();
  const NdItemJsonFlags flags[] = { ND_ITEM_JSON_IMAGE_DATA, ND_ITEM_JSON_NONE };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(JsonNode) node = nd_item_to_json (item, flags[i]);
      g_autoptr(NdItem) back = NULL;
      g_autoptr(GError) error = NULL;

      back = nd_item_from_json (node, &error);
      g_assert_no_error (error);
      assert_items_equal (item, back, flags[i] == ND_ITEM_JSON_IMAGE_DATA);
    }
}

static void
test_round_trip_string (void)
{
  g_autoptr(NdItem) item = make_full_item ();
  g_autoptr(NdItem) empty = nd_item_new ();
  g_autofree char *text = nd_item_to_json_string (item, ND_ITEM_JSON_IMAGE_DATA, TRUE);
  g_autofree char *empty_text = nd_item_to_json_string (empty, ND_ITEM_JSON_NONE, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NdItem) back = NULL;
  g_autoptr(NdItem) empty_back = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  back = nd_item_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  assert_items_equal (item, back, TRUE);

  json_parser_load_from_data (parser, empty_text, -1, &error);
  g_assert_no_error (error);
  empty_back = nd_item_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  assert_items_equal (empty, empty_back, TRUE);
}

static void
test_keys (void)
{
  g_autoptr(NdItem) item = make_full_item ();
  g_autoptr(NdItem) empty = nd_item_new ();
  g_autoptr(JsonNode) with_data = nd_item_to_json (item, ND_ITEM_JSON_IMAGE_DATA);
  g_autoptr(JsonNode) without_data = nd_item_to_json (item, ND_ITEM_JSON_NONE);
  g_autoptr(JsonNode) empty_node = nd_item_to_json (empty, ND_ITEM_JSON_NONE);
  JsonObject *object = json_node_get_object (with_data);
  JsonObject *empty_object = json_node_get_object (empty_node);
  JsonArray *images = json_object_get_array_member (object, "images");
  JsonObject *lead = json_array_get_object_element (images, 0);
  JsonObject *slot = json_array_get_object_element (images, 1);
  JsonObject *lead_without = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (without_data), "images"), 0);
  JsonArray *tags = json_object_get_array_member (object, "tags");
  g_autoptr(GBytes) jpeg = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);
  g_autofree char *base64 = NULL;
  gsize size;
  const guchar *bytes = g_bytes_get_data (jpeg, &size);

  base64 = g_base64_encode (bytes, size);

  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, TEST_ID);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "press-release");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "scheduled");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "de");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==,
                   "2024-05-14T10:30:00+02:00");
  g_assert_cmpstr (json_object_get_string_member (object, "created"), ==,
                   "2024-05-14T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "updated"), ==,
                   "2024-05-15T09:30:05Z");
  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 4);
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "Brüssel");
  /* Where it is published is the database's, not the item's */
  g_assert_false (json_object_has_member (object, "remote"));

  g_assert_cmpstr (json_object_get_string_member (lead, "role"), ==, "lead");
  g_assert_cmpstr (json_object_get_string_member (lead, "alt"), ==, "Podium der Konferenz");
  g_assert_cmpstr (json_object_get_string_member (lead, "sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (lead, "mime"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (lead, "size"), ==, (gint64) size);
  g_assert_cmpint (json_object_get_int_member (lead, "width"), ==, 800);
  g_assert_cmpstr (json_object_get_string_member (lead, "data"), ==, base64);
  g_assert_false (json_object_has_member (lead_without, "data"));
  g_assert_cmpstr (json_object_get_string_member (lead_without, "sha256"), ==, sha256);

  /* A slot without a file: null, not "", and never "data". */
  g_assert_true (json_object_get_null_member (slot, "sha256"));
  g_assert_true (json_object_get_null_member (slot, "mime"));
  g_assert_false (json_object_has_member (slot, "data"));
  g_assert_cmpstr (json_object_get_string_member (slot, "role"), ==, "inline");

  g_assert_true (json_object_get_null_member (empty_object, "date"));
  g_assert_true (json_object_get_null_member (empty_object, "created"));
  g_assert_true (json_object_get_null_member (empty_object, "updated"));
  g_assert_cmpstr (json_object_get_string_member (empty_object, "title"), ==, "");
}

static void
test_missing_optional (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser,
                              "{ \"id\": \"" TEST_ID "\", \"title\": \"Nur Titel\","
                              "  \"teaser\": null, \"images\": [ { \"caption\": \"c\" } ],"
                              "  \"future-key\": 1 }",
                              -1, &error);
  g_assert_no_error (error);
  item = nd_item_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (item), ==, "Nur Titel");
  g_assert_cmpstr (nd_item_get_teaser (item), ==, "");
  g_assert_cmpstr (nd_item_get_body (item), ==, "");
  g_assert_cmpstr (nd_item_get_author (item), ==, "");
  /* Without a slug it gets the one its title gives (nd_slug_from_title()) */
  g_assert_cmpstr (nd_item_get_slug (item), ==, "nur-titel");
  g_assert_null (nd_item_get_date (item));
  g_assert_cmpint (nd_item_get_kind (item), ==, ND_ITEM_KIND_NEWS);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (item, 0)), ==, "");
  g_assert_null (nd_image_get_sha256 (nd_item_get_image (item, 0)));
}

/* A slug given, even an empty one, is kept as it is: an export reads
 * back as it was written. */
static void
test_slug_kept (void)
{
  const char *texts[] = {
    "{ \"id\": \"" TEST_ID "\", \"title\": \"Größe zählt\", \"language\": \"de\" }",
    "{ \"id\": \"" TEST_ID "\", \"title\": \"Größe zählt\", \"language\": \"de\", \"slug\": null }",
    "{ \"id\": \"" TEST_ID "\", \"title\": \"Größe zählt\", \"slug\": \"\" }",
    "{ \"id\": \"" TEST_ID "\", \"title\": \"Größe zählt\", \"slug\": \"eigener\" }",
  };
  const char *slugs[] = { "groesse-zaehlt", "groesse-zaehlt", "", "eigener" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(NdItem) item = NULL;
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, texts[i], -1, &error);
      g_assert_no_error (error);
      item = nd_item_from_json (json_parser_get_root (parser), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (nd_item_get_slug (item), ==, slugs[i]);
    }
}

/* Each case is the valid item with one change. */
typedef void (*Corrupt) (JsonObject *object);

static JsonObject *
first_image (JsonObject *object)
{
  return json_array_get_object_element (json_object_get_array_member (object, "images"), 0);
}

static void
corrupt_id (JsonObject *object)
{
  json_object_set_string_member (object, "id", "not-a-uuid");
}

static void
remove_id (JsonObject *object)
{
  json_object_remove_member (object, "id");
}

static void
corrupt_kind (JsonObject *object)
{
  json_object_set_string_member (object, "kind", "blog-post");
}

static void
corrupt_kind_type (JsonObject *object)
{
  json_object_set_int_member (object, "kind", 1);
}

static void
corrupt_status (JsonObject *object)
{
  json_object_set_string_member (object, "status", "deleted");
}

static void
corrupt_date (JsonObject *object)
{
  json_object_set_string_member (object, "date", "2024-02-31");
}

static void
corrupt_date_text (JsonObject *object)
{
  json_object_set_string_member (object, "date", "14.05.2024");
}

static void
corrupt_tags (JsonObject *object)
{
  json_object_set_string_member (object, "tags", "ECCP, Brüssel");
}

static void
corrupt_tag_element (JsonObject *object)
{
  json_array_add_int_element (json_object_get_array_member (object, "tags"), 3);
}

static void
corrupt_title (JsonObject *object)
{
  json_object_set_boolean_member (object, "title", TRUE);
}

static void
corrupt_revision (JsonObject *object)
{
  json_object_set_int_member (object, "revision", -1);
}

static void
corrupt_created (JsonObject *object)
{
  json_object_set_string_member (object, "created", "yesterday");
}

static void
corrupt_role (JsonObject *object)
{
  json_object_set_string_member (first_image (object), "role", "hero");
}

static void
corrupt_data (JsonObject *object)
{
  /* Valid base64, but not the bytes the sha256 names. */
  json_object_set_string_member (first_image (object), "data", "aGVsbG8gd29ybGQ=");
}

static void
corrupt_base64 (JsonObject *object)
{
  json_object_set_string_member (first_image (object), "data", "not base64!");
}

static void
corrupt_sha256 (JsonObject *object)
{
  json_object_set_string_member (first_image (object), "sha256", "abc");
}

static void
corrupt_image_type (JsonObject *object)
{
  json_array_add_string_element (json_object_get_array_member (object, "images"), "x.jpg");
}

static void
corrupt_images (JsonObject *object)
{
  json_object_set_int_member (object, "images", 2);
}

static void
test_invalid (void)
{
  const struct {
    Corrupt     corrupt;
    const char *field;
  } cases[] = {
    { corrupt_id, "id" },
    { remove_id, "id" },
    { corrupt_kind, "kind" },
    { corrupt_kind_type, "kind" },
    { corrupt_status, "status" },
    { corrupt_date, "date" },
    { corrupt_date_text, "date" },
    { corrupt_tags, "tags" },
    { corrupt_tag_element, "tags" },
    { corrupt_title, "title" },
    { corrupt_revision, "revision" },
    { corrupt_created, "created" },
    { corrupt_role, "role" },
    { corrupt_data, "data" },
    { corrupt_base64, "data" },
    { corrupt_sha256, "sha256" },
    { corrupt_image_type, NULL },
    { corrupt_images, "images" },
  };
  g_autoptr(NdItem) item = make_full_item ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = nd_item_to_json (item, ND_ITEM_JSON_IMAGE_DATA);
      g_autoptr(NdItem) back = NULL;
      g_autoptr(GError) error = NULL;

      cases[i].corrupt (json_node_get_object (node));
      back = nd_item_from_json (node, &error);
      g_assert_null (back);
      g_assert_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID);
      if (cases[i].field != NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].field);

          g_assert_nonnull (strstr (error->message, quoted));
        }
    }
}

static void
test_not_an_object (void)
{
  const char *texts[] = { "[]", "\"item\"", "42", "null" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) none = nd_item_from_json (NULL, &error);

  g_assert_null (none);
  g_assert_error (error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (texts[i], NULL);
      g_autoptr(NdItem) back = NULL;
      g_autoptr(GError) local_error = NULL;

      back = nd_item_from_json (node, &local_error);
      g_assert_null (back);
      g_assert_error (local_error, ND_ITEM_JSON_ERROR, ND_ITEM_JSON_ERROR_INVALID);
    }
}

static NdRemoteItem *
make_remote (const char *target,
             const char *remote_id,
             const char *status,
             const char *modified)
{
  NdRemoteItem *remote = g_new0 (NdRemoteItem, 1);

  remote->target = g_strdup (target);
  remote->remote_id = g_strdup (remote_id);
  remote->url = g_strdup_printf ("https://%s.example.org/?p=%s", target, remote_id);
  remote->status = g_strdup (status);
  remote->remote_modified = g_strdup (modified);
  remote->published_revision = 3;
  remote->published = g_date_time_new_utc (2024, 5, 14, 9, 30, 1);
  remote->digest = g_strdup ("v1:0123");

  return remote;
}

/* show --json: one object per target the item was published to, with
 * the CMS's id as a number, its status and its stamp in ISO 8601; and an
 * import of that JSON is never taken for a publication. */
static void
test_remote (void)
{
  g_autoptr(NdItem) item = make_full_item ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_remote_item_free);
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_remote_item_free);
  g_autoptr(JsonNode) empty_node = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NdItem) back = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *remote;
  JsonObject *first, *second;

  empty_node = nd_item_to_json_with_remote (item, none, ND_ITEM_JSON_NONE);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (empty_node), "remote")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (empty_node),
                                                                         "remote")), ==, 0);

  g_ptr_array_add (two, make_remote ("intranet", "17", "publish", "2024-05-14T09:30:01"));
  g_ptr_array_add (two, make_remote ("website", "4711", "future", NULL));
  node = nd_item_to_json_with_remote (item, two, ND_ITEM_JSON_NONE);
  remote = json_object_get_array_member (json_node_get_object (node), "remote");
  g_assert_cmpuint (json_array_get_length (remote), ==, 2);

  first = json_array_get_object_element (remote, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "target"), ==, "intranet");
  g_assert_cmpint (json_object_get_int_member (first, "remote_id"), ==, 17);
  g_assert_cmpstr (json_object_get_string_member (first, "url"), ==, "https://intranet.example.org/?p=17");
  g_assert_cmpint (json_object_get_int_member (first, "published_revision"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (first, "modified"), ==, "2024-05-14T09:30:01Z");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2024-05-14T09:30:01Z");
  /* the digest is bookkeeping, not for scripts */
  g_assert_false (json_object_has_member (first, "digest"));

  second = json_array_get_object_element (remote, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "target"), ==, "website");
  g_assert_cmpint (json_object_get_int_member (second, "remote_id"), ==, 4711);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "future");
  g_assert_true (json_object_get_null_member (second, "modified"));

  /* The rest of the item is as without "remote" */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "title"), ==,
                   nd_item_get_title (item));

  /* Read back, "remote" is ignored: the item is the same */
  back = nd_item_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (back), ==, nd_item_get_title (item));
  g_assert_cmpint (nd_item_get_status (back), ==, nd_item_get_status (item));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/item-json/round-trip", test_round_trip);
  g_test_add_func ("/item-json/round-trip-string", test_round_trip_string);
  g_test_add_func ("/item-json/keys", test_keys);
  g_test_add_func ("/item-json/remote", test_remote);
  g_test_add_func ("/item-json/slug-kept", test_slug_kept);
  g_test_add_func ("/item-json/missing-optional", test_missing_optional);
  g_test_add_func ("/item-json/invalid", test_invalid);
  g_test_add_func ("/item-json/not-an-object", test_not_an_object);

  return g_test_run ();
}
