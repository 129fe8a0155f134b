/* test-import-export.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import-export"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "nd-export.h"
#include "nd-image.h"
#include "nd-import.h"
#include "nd-item-json.h"
#include "nd-item.h"
#include "nd-json.h"
#include "nd-limits.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-text-format.h"
#include "nd-test-utils.h"

#define SAMPLE_NAME "meldung-clusterkonferenz-2024.txt"

typedef struct
{
  char    *dir;
  NdStore *store;
  NdStore *other;
} Fixture;

static NdStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  NdStore *store = nd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("newsdesk-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = open_store (fixture, "one.db");
  fixture->other = open_store (fixture, "two.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->other);
  nd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static guint
count_items (NdStore *store)
{
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n = nd_store_count_items (store, &filter, &error);

  g_assert_no_error (error);

  return n;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

static NdItem *
load_item (NdStore    *store,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_store_load_item (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);

  return item;
}

static char **
import_bytes (NdStore       *store,
              const char    *data,
              NdImportFlags  flags)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, strlen (data));
  g_autoptr(GError) error = NULL;
  char **ids = NULL;

  nd_import_bytes (store, bytes, "export.json", flags, &ids, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);

  return ids;
}

static void
assert_same_text_fields (NdItem *a,
                         NdItem *b)
{
  g_assert_cmpint (nd_item_get_kind (a), ==, nd_item_get_kind (b));
  g_assert_cmpstr (nd_item_get_language (a), ==, nd_item_get_language (b));
  g_assert_cmpstr (nd_item_get_date (a), ==, nd_item_get_date (b));
  g_assert_cmpstr (nd_item_get_title (a), ==, nd_item_get_title (b));
  g_assert_cmpstr (nd_item_get_teaser (a), ==, nd_item_get_teaser (b));
  g_assert_cmpstr (nd_item_get_body (a), ==, nd_item_get_body (b));
  g_assert_cmpuint (nd_item_get_n_images (a), ==, nd_item_get_n_images (b));

  for (guint i = 0; i < nd_item_get_n_images (a); i++)
    {
      NdImage *ia = nd_item_get_image (a, i);
      NdImage *ib = nd_item_get_image (b, i);

      g_assert_cmpint (nd_image_get_role (ia), ==, nd_image_get_role (ib));
      g_assert_cmpstr (nd_image_get_credit (ia), ==, nd_image_get_credit (ib));
      g_assert_cmpstr (nd_image_get_alt_text (ia), ==, nd_image_get_alt_text (ib));
      g_assert_cmpstr (nd_image_get_caption (ia), ==, nd_image_get_caption (ib));
    }
}

static void
test_import_sample (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = nd_test_data_path (SAMPLE_NAME);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) paragraphs = NULL;
  NdImage *image;

  g_assert_true (nd_import_file (fixture->store, file, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_true (g_uuid_string_is_valid (ids[0]));
  g_assert_cmpuint (count_items (fixture->store), ==, 1);

  item = load_item (fixture->store, ids[0]);
  g_assert_cmpstr (nd_item_get_id (item), ==, ids[0]);
  g_assert_cmpint (nd_item_get_kind (item), ==, ND_ITEM_KIND_NEWS);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpstr (nd_item_get_language (item), ==, "de");
  g_assert_cmpstr (nd_item_get_date (item), ==, "2024-05-14");
  g_assert_cmpstr (nd_item_get_title (item), ==,
                   "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel");
  g_assert_true (g_str_has_prefix (nd_item_get_teaser (item),
                                   "Anfang Mai 2024 fand die Europäische Clusterkonferenz"));
  g_assert_true (g_str_has_suffix (nd_item_get_teaser (item),
                                   "die Clusterpolitik zu diskutieren."));
  paragraphs = g_strsplit (nd_item_get_body (item), "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 4);
  g_assert_true (g_str_has_prefix (paragraphs[0], "Dr. Ole Janssen"));
  g_assert_true (g_str_has_suffix (paragraphs[3], "vernetzen."));

  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  image = nd_item_get_image (item, 0);
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_LEAD);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "© VDI/VDE-IT");
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Europäische Clusterkonferenz 2024");
  g_assert_true (g_str_has_prefix (nd_image_get_alt_text (image), "Das Bild zeigt sechs Personen"));
  g_assert_false (nd_image_has_data (image));

  /* The import is a save point. */
  revisions = nd_store_list_revisions (fixture->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (revisions, 0)), ==,
                   ND_REVISION_REASON_IMPORT);
}

static void
assert_import_fails (Fixture    *fixture,
                     const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (basename, ": ", NULL);
  g_auto(GStrv) ids = NULL;

  g_assert_false (nd_import_file (fixture->store, file, ND_IMPORT_NONE, &ids, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (ids);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (count_items (fixture->store), ==, 0);
}

static void
test_import_bad_files (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const struct { const char *name; const char *data; gssize length; } files[] = {
    { "empty.txt", "", 0 },
    { "blank.txt", "  \n\t\n", -1 },
    { "bom-only.txt", "\xEF\xBB\xBF", -1 },
    { "latin1.txt", "Meldung\n14.05.2024\n\nR\xfc" "ckblick\n", -1 },
    { "no-title.txt", "Meldung\n14.05.2024\n\n\n", -1 },
    { "unknown-kind.txt", "Nachricht\n14.05.2024\n\nTitel\n\nTeaser.\n", -1 },
    { "bad-date.txt", "Meldung\n31.02.2024\n\nTitel\n\nTeaser.\n", -1 },
    { "broken.json", "{ \"format\": \"newsdesk-item\", ", -1 },
    { "other.json", "{ \"format\": \"something-else\", \"version\": 1 }", -1 },
    { "empty-array.json", "[]", -1 },
  };
  g_autofree char *png = nd_test_data_path ("logo.png");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = write_file (fixture, files[i].name, files[i].data, files[i].length);

      assert_import_fails (fixture, path);
    }

  assert_import_fails (fixture, png);
  assert_import_fails (fixture, missing);
  assert_import_fails (fixture, fixture->dir);
}

/* Imports the sample into @store with tags, the logo as image data and a
 * second revision. (transfer full) */
static NdItem *
add_rich_item (NdStore *store)
{
  g_autoptr(GBytes) sample = nd_test_load_data (SAMPLE_NAME);
  g_autoptr(GBytes) logo = nd_test_load_data ("logo.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;
  gsize length;
  const char *data = g_bytes_get_data (sample, &length);

  item = nd_text_format_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_IMPORT, &error));
  g_assert_no_error (error);

  nd_item_add_tag (item, "ECCP");
  nd_item_add_tag (item, "Clusterpolitik");
  nd_item_add_tag (item, "Brüssel");
  nd_image_set_data (nd_item_get_image (item, 0), logo, "image/png", 640, 480);
  nd_item_set_status (item, ND_ITEM_STATUS_READY);
  nd_item_set_author (item, "Redaktion");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_MANUAL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&item);
}

static void
assert_same_item (NdItem *a,
                  NdItem *b)
{
  const char * const *tags_a = nd_item_get_tags (a);
  const char * const *tags_b = nd_item_get_tags (b);

  assert_same_text_fields (a, b);
  g_assert_cmpstr (nd_item_get_id (a), ==, nd_item_get_id (b));
  g_assert_cmpint (nd_item_get_status (a), ==, nd_item_get_status (b));
  g_assert_cmpstr (nd_item_get_author (a), ==, nd_item_get_author (b));
  g_assert_cmpstr (nd_item_get_slug (a), ==, nd_item_get_slug (b));
  g_assert_cmpuint (nd_item_get_revision (a), ==, nd_item_get_revision (b));
  g_assert_true (g_strv_equal ((const char * const *) tags_a, (const char * const *) tags_b));

  for (guint i = 0; i < nd_item_get_n_images (a); i++)
    {
      NdImage *ia = nd_item_get_image (a, i);
      NdImage *ib = nd_item_get_image (b, i);

      g_assert_cmpstr (nd_image_get_sha256 (ia), ==, nd_image_get_sha256 (ib));
      g_assert_cmpstr (nd_image_get_mime_type (ia), ==, nd_image_get_mime_type (ib));
      g_assert_cmpuint (nd_image_get_width (ia), ==, nd_image_get_width (ib));
      g_assert_cmpuint (nd_image_get_height (ia), ==, nd_image_get_height (ib));
      g_assert_nonnull (nd_image_get_data (ib));
      g_assert_true (g_bytes_equal (nd_image_get_data (ia), nd_image_get_data (ib)));
    }
}

static void
assert_same_revisions (NdStore    *a,
                       NdStore    *b,
                       const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ra = nd_store_list_revisions (a, id, &error);
  g_autoptr(GPtrArray) rb = NULL;

  g_assert_no_error (error);
  rb = nd_store_list_revisions (b, id, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ra->len, ==, 2);
  g_assert_cmpuint (ra->len, ==, rb->len);

  for (guint i = 0; i < ra->len; i++)
    {
      NdRevision *va = g_ptr_array_index (ra, i);
      NdRevision *vb = g_ptr_array_index (rb, i);
      g_autoptr(NdItem) sa = nd_item_from_revision (va, &error);
      g_autoptr(NdItem) sb = NULL;

      g_assert_no_error (error);
      sb = nd_item_from_revision (vb, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (nd_revision_get_number (va), ==, nd_revision_get_number (vb));
      g_assert_cmpint (nd_revision_get_reason (va), ==, nd_revision_get_reason (vb));
      g_assert_true (g_date_time_equal (nd_revision_get_created (va),
                                        nd_revision_get_created (vb)));
      g_assert_cmpstr (nd_item_get_title (sa), ==, nd_item_get_title (sb));
      g_assert_cmpint (nd_item_get_status (sa), ==, nd_item_get_status (sb));
    }

  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (ra, 0)), ==, ND_REVISION_REASON_IMPORT);
  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (ra, 1)), ==, ND_REVISION_REASON_MANUAL);
}

static char *
export_item (NdStore        *store,
             const char     *id,
             NdExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  char *text = nd_export_item (store, id, format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(NdItem) item = add_rich_item (fixture->store);
  g_autoptr(NdItem) original = load_item (fixture->store, nd_item_get_id (item));
  g_autoptr(NdItem) copy = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) again_ids = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *object;
  JsonArray *revisions;

  json = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_JSON);

  /* The documented shape: snapshots are objects, not strings. */
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "newsdesk-item");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  g_assert_true (json_object_has_member (object, "item"));
  revisions = json_object_get_array_member (object, "revisions");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 2);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_array_get_object_element (revisions, 0),
                                                                 "snapshot")));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (revisions, 1), "reason"),
                   ==, "manual");

  ids = import_bytes (fixture->other, json, ND_IMPORT_NONE);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, nd_item_get_id (item));

  copy = load_item (fixture->other, ids[0]);
  assert_same_item (original, copy);
  assert_same_revisions (fixture->store, fixture->other, ids[0]);

  /* Once is enough, unless replacing. */
  bytes = g_bytes_new (json, strlen (json));
  g_assert_false (nd_import_bytes (fixture->other, bytes, "again.json", ND_IMPORT_NONE, NULL, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS);
  g_assert_true (g_str_has_prefix (error->message, "again.json: "));
  g_clear_error (&error);

  g_assert_true (nd_import_bytes (fixture->other, bytes, "again.json", ND_IMPORT_REPLACE,
                                  &again_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again_ids[0], ==, ids[0]);
  g_assert_cmpuint (count_items (fixture->other), ==, 1);
}

static NdItem *
add_small_item (NdStore    *store,
                const char *title)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GError) error = NULL;

  nd_item_set_language (item, "en");
  nd_item_set_title (item, title);
  nd_item_set_teaser (item, "A teaser.");
  nd_item_set_body (item, "Some *body* & more.");
  nd_item_set_date (item, "2024-06-01");
  nd_item_add_tag (item, "Test");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&item);
}

static void
test_json_array (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(NdItem) first = add_rich_item (fixture->store);
  g_autoptr(NdItem) second = add_small_item (fixture->store, "Second item");
  g_autofree char *json_first = export_item (fixture->store, nd_item_get_id (first),
                                             ND_EXPORT_FORMAT_JSON);
  g_autofree char *json_second = export_item (fixture->store, nd_item_get_id (second),
                                              ND_EXPORT_FORMAT_JSON);
  g_autofree char *array = g_strconcat ("[\n", json_first, ",\n", json_second, "\n]\n", NULL);
  g_auto(GStrv) ids = import_bytes (fixture->other, array, ND_IMPORT_NONE);
  g_autoptr(NdItem) copy = NULL;

  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, nd_item_get_id (first));
  g_assert_cmpstr (ids[1], ==, nd_item_get_id (second));
  g_assert_cmpuint (count_items (fixture->other), ==, 2);

  copy = load_item (fixture->other, ids[1]);
  g_assert_cmpstr (nd_item_get_title (copy), ==, "Second item");
  g_assert_cmpstr (nd_item_get_body (copy), ==, "Some *body* & more.");
}

static void
assert_array_refused (NdStore    *store,
                      const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_false (nd_import_bytes (store, bytes, "two.json", ND_IMPORT_NONE, &ids, &error));
  g_assert_nonnull (error);
  g_assert_null (ids);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "two.json: "));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_json_array_invalid (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(NdItem) first = add_small_item (fixture->store, "First");
  g_autoptr(NdItem) second = add_small_item (fixture->store, "Second");
  g_autofree char *json_first = export_item (fixture->store, nd_item_get_id (first),
                                             ND_EXPORT_FORMAT_JSON);
  g_autofree char *json_second = export_item (fixture->store, nd_item_get_id (second),
                                              ND_EXPORT_FORMAT_JSON);
  g_autofree char *bad_item = g_strconcat ("[", json_first, ", { \"format\": \"newsdesk-item\", "
                                           "\"version\": 1, \"item\": { \"id\": \"not-a-uuid\" } } ]",
                                           NULL);
  g_autofree char *bad_kind = NULL;
  g_autofree char *clash = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GString) broken = g_string_new (json_second);

  /* An invalid second item: nothing is imported. */
  assert_array_refused (fixture->other, bad_item);
  g_assert_cmpuint (count_items (fixture->other), ==, 0);

  g_string_replace (broken, "\"news\"", "\"gossip\"", 0);
  bad_kind = g_strconcat ("[", json_first, ",", broken->str, "]", NULL);
  assert_array_refused (fixture->other, bad_kind);
  g_assert_cmpuint (count_items (fixture->other), ==, 0);

  /* The second one is in the store already: the first does not go in. */
  ids = import_bytes (fixture->other, json_second, ND_IMPORT_NONE);
  clash = g_strconcat ("[", json_first, ",", json_second, "]", NULL);
  assert_array_refused (fixture->other, clash);
  g_assert_cmpuint (count_items (fixture->other), ==, 1);

  /* The same item twice in one file. */
  g_strfreev (g_steal_pointer (&ids));
  g_clear_pointer (&clash, g_free);
  clash = g_strconcat ("[", json_first, ",", json_first, "]", NULL);
  assert_array_refused (fixture->other, clash);
  g_assert_cmpuint (count_items (fixture->other), ==, 1);
}

/* A failure on the second item leaves the first one as it was, even when
 * replacing. (Repeated revision numbers are refused while parsing now;
 * before that check existed this case reached the store and exercised
 * the undo of the first import.) */
static void
test_json_array_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(NdItem) first = add_small_item (fixture->store, "First, new version");
  g_autoptr(NdItem) second = add_small_item (fixture->store, "Second");
  g_autoptr(NdItem) old_first = nd_item_copy (first);
  g_autoptr(NdItem) reloaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_first = NULL;
  g_autofree char *json_second = NULL;
  g_autofree char *array = NULL;
  g_autoptr(JsonNode) second_root = NULL;
  JsonArray *second_revisions;

  nd_item_set_title (old_first, "First, old version");
  g_assert_true (nd_store_save_item (fixture->other, old_first, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  /* Two revisions with the same number: the second item is refused. */
  g_assert_true (nd_store_save_item (fixture->store, second, ND_REVISION_REASON_MANUAL, &error));
  g_assert_no_error (error);
  json_first = export_item (fixture->store, nd_item_get_id (first), ND_EXPORT_FORMAT_JSON);
  json_second = export_item (fixture->store, nd_item_get_id (second), ND_EXPORT_FORMAT_JSON);
  second_root = json_from_string (json_second, NULL);
  second_revisions = json_object_get_array_member (json_node_get_object (second_root), "revisions");
  json_object_set_int_member (json_array_get_object_element (second_revisions, 1), "number", 1);
  g_clear_pointer (&json_second, g_free);
  json_second = json_to_string (second_root, FALSE);

  array = g_strconcat ("[", json_first, ",", json_second, "]", NULL);
  bytes = g_bytes_new (array, strlen (array));
  g_assert_false (nd_import_bytes (fixture->other, bytes, "undo.json", ND_IMPORT_REPLACE, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "undo.json: "));

  g_assert_cmpuint (count_items (fixture->other), ==, 1);
  reloaded = load_item (fixture->other, nd_item_get_id (first));
  g_assert_cmpstr (nd_item_get_title (reloaded), ==, "First, old version");
  g_clear_error (&error);
  revisions = nd_store_list_revisions (fixture->other, nd_item_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
}

static void
test_text_round_trip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(NdItem) item = add_rich_item (fixture->store);
  g_autoptr(NdItem) original = load_item (fixture->store, nd_item_get_id (item));
  g_autoptr(NdItem) copy = NULL;
  g_autofree char *text = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_TEXT);
  g_autofree char *path = write_file (fixture, "exported.txt", text, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_true (g_str_has_prefix (text, "Meldung\n14.05.2024\n"));
  g_assert_true (nd_import_file (fixture->other, file, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  /* A new item (the text format has no id) with the same content. */
  copy = load_item (fixture->other, ids[0]);
  g_assert_cmpstr (nd_item_get_id (copy), !=, nd_item_get_id (original));
  assert_same_text_fields (original, copy);
}


/* Lines a text export must not take for something else: credit lines,
 * header lines, escapes, blank and white space lines, Markdown. */
static const char * const tricky_lines[] = {
  "", "", " ", "  ", "\t", "\u00a0", "\ufeff", "\u200b",
  "©", "© VDI/VDE-IT", "(c) Someone", "(C)", "Foto: Max Muster", "foto:", "Bild: x",
  "Bildquelle: y", "Photo: z", "Credit: w", "  © indented", "Foto:\\", "©\\ x",
  "Meldung", "Pressemitteilung", "News", "Event", "14.05.2024", "2024-05-14", "14. Mai 2024",
  "\\", "\\\\", "\\n", "\\© not a credit", "\\Foto: x", "\\r\\n", "a \\ b",
  "Ordinary sentence with *emphasis*.", "# Heading", "- list item", "> quote",
  "    indented code", "trailing space ", " leading space", "Ärger über Größe",
  "A caption-like short line", "[c] x", "<!-- newsdesk:x -->", "\t tab and space",
};

static const char *
random_line (void)
{
  return tricky_lines[g_test_rand_int_range (0, G_N_ELEMENTS (tricky_lines))];
}

/* 0 to @max tricky lines (single-line: joined by spaces, else by LF and
 * now and then CRLF). (transfer full) */
static char *
dup_random_text (guint    max,
                 gboolean multiline)
{
  GString *s = g_string_new (NULL);
  guint n = g_test_rand_int_range (0, max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, !multiline ? " " : g_test_rand_int_range (0, 8) == 0 ? "\r\n" : "\n");
      g_string_append (s, random_line ());
    }

  /* A caption longer than a short line, now and then. */
  if (!multiline && g_test_rand_int_range (0, 10) == 0)
    for (guint i = 0; i < 20; i++)
      g_string_append (s, " long caption words");

  return g_string_free (s, FALSE);
}

static NdItem *
new_random_item (void)
{
  const char * const dates[] = { NULL, "2024-05-14", "1999-12-31" };
  NdItem *item = nd_item_new ();
  g_autofree char *title = dup_random_text (2, FALSE);
  g_autofree char *teaser = dup_random_text (3, TRUE);
  g_autofree char *body = dup_random_text (12, TRUE);
  guint n_images = g_test_rand_int_range (0, 4);

  nd_item_set_kind (item, (NdItemKind) g_test_rand_int_range (0, ND_ITEM_KIND_PUBLICATION + 1));
  nd_item_set_language (item, g_test_rand_bit () ? "de" : "en");
  nd_item_set_date (item, dates[g_test_rand_int_range (0, G_N_ELEMENTS (dates))]);
  nd_item_set_title (item, title);
  nd_item_set_teaser (item, teaser);
  nd_item_set_body (item, body);

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(NdImage) image = nd_image_new ();
      g_autofree char *alt = dup_random_text (2, FALSE);
      g_autofree char *credit = dup_random_text (2, FALSE);
      g_autofree char *caption = dup_random_text (2, FALSE);

      /* The format has the lead image first (see nd-text-format.c). */
      nd_image_set_role (image, i == 0 && g_test_rand_bit () ? ND_IMAGE_ROLE_LEAD
                                                              : ND_IMAGE_ROLE_INLINE);
      nd_image_set_alt_text (image, alt);
      nd_image_set_credit (image, credit);
      nd_image_set_caption (image, caption);
      nd_item_add_image (item, image);
    }

  return item;
}

static void
test_text_round_trip_property (Fixture       *fixture,
                               gconstpointer  user_data)
{
  guint n_items = g_getenv ("ND_TEST_SMALL") != NULL ? 100 : 500;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(NdItem) item = new_random_item ();
      g_autoptr(NdItem) saved = NULL;
      g_autoptr(NdItem) copy = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_autofree char *losses = NULL;
      g_auto(GStrv) ids = NULL;

      g_assert_true (nd_store_save_item (fixture->store, item, ND_REVISION_REASON_EDIT, &error));
      g_assert_no_error (error);
      saved = load_item (fixture->store, nd_item_get_id (item));

      /* Nothing that the format has no place for is set. */
      losses = nd_text_format_dup_losses (saved);
      g_assert_null (losses);

      text = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_TEXT);
      bytes = g_bytes_new (text, strlen (text));
      if (!nd_import_bytes (fixture->other, bytes, "exported.txt", ND_IMPORT_NONE, &ids, &error))
        g_error ("item %u did not import: %s\n%s", i, error->message, text);

      copy = load_item (fixture->other, ids[0]);
      if (g_test_verbose ())
        g_test_message ("item %u:\n%s", i, text);
      assert_same_text_fields (saved, copy);
    }
}

/* Imports @data under @name into the fixture's store, expecting a refusal
 * whose message holds @expected; the store stays as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *name,
                const char *data,
                gsize       length,
                const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  guint before = count_items (fixture->store);

  g_assert_false (nd_import_bytes (fixture->store, bytes, name, ND_IMPORT_NONE, &ids, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (ids);
  g_assert_null (strchr (error->message, '\n'));
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  g_assert_cmpuint (count_items (fixture->store), ==, before);
}

static void
test_import_limits (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GString) big = g_string_new ("Meldung\n14.05.2024\n\n");
  g_autoptr(NdItem) item = add_small_item (fixture->store, "Small");
  g_autofree char *json = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_JSON);
  g_autofree char *escaped_json = NULL;
  g_autofree char *nul_json = NULL;
  g_autofree char *latin1_json = NULL;
  g_autofree char *title = g_strdup_printf ("%'u", nd_field_get_limit (ND_FIELD_TITLE)->max);
  gint64 start;

  /* A 2 MB title on one line. */
  for (guint i = 0; i < 2000000; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\n\nTeaser.\n\nBody.\n");
  start = g_get_monotonic_time ();
  assert_refused (fixture, "big.txt", big->str, big->len, title);
  g_test_message ("a 2 MB title refused in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* Terminal escapes in a text item and, as \u escapes, in a JSON one. */
  {
    const char *text = "Meldung\n14.05.2024\n\nTitle \033]0;owned\007 \033[31mred\n\nTeaser.\n";

    assert_refused (fixture, "escape.txt", text, strlen (text), "U+001B");
  }

  /* The JSON export, with a new id so that it is not "already there". */
  g_assert_nonnull (strstr (json, "\"Small\""));
  {
    g_autoptr(GRegex) id = g_regex_new (nd_item_get_id (item), 0, 0, NULL);
    g_autofree char *other = g_regex_replace_literal (id, json, -1, 0,
                                                      "00000000-0000-4000-8000-000000000001",
                                                      0, NULL);

    g_autoptr(GRegex) small = g_regex_new ("\"Small\"", 0, 0, NULL);

    escaped_json = g_regex_replace_literal (small, other, -1, 0,
                                            "\"Small \\u001b[31m\"", 0, NULL);
  }
  assert_refused (fixture, "escape.json", escaped_json, strlen (escaped_json), "U+001B");

  /* An escaped NUL would cut the title short without a word. */
  {
    g_autoptr(GRegex) escape = g_regex_new ("\\\\u001b", 0, 0, NULL);
    g_autofree char *other = g_regex_replace_literal (escape, escaped_json, -1, 0,
                                                      "\\u0000", 0, NULL);

    g_assert_nonnull (strstr (other, "Small \\u0000[31m"));
    assert_refused (fixture, "escaped-nul.json", other, strlen (other), "\\u0000");
  }

  nul_json = g_strdup (json);
  {
    gsize length = strlen (nul_json);

    nul_json[length / 2] = '\0';
    assert_refused (fixture, "nul.json", nul_json, length, "NUL");
  }

  latin1_json = g_strdup (json);
  *strstr (latin1_json, "Small") = (char) 0xe4;
  assert_refused (fixture, "latin1.json", latin1_json, strlen (latin1_json), "UTF-8");
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(NdItem) item = add_small_item (fixture->store, "From the future");
  g_autofree char *json = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_JSON);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autofree char *future = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  json_object_set_int_member (json_node_get_object (root), "version", 2);
  future = json_to_string (root, TRUE);
  bytes = g_bytes_new (future, strlen (future));

  g_assert_false (nd_import_bytes (fixture->other, bytes, "future.json", ND_IMPORT_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "future.json: "));
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_cmpuint (count_items (fixture->other), ==, 0);
  g_clear_error (&error);

  g_assert_false (nd_export_parse_json (future, strlen (future), &items, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (items);
}

/* @depth times @open, then as many @close, in the middle of @prefix and
 * @suffix. (transfer full) */
static char *
nested (const char *prefix,
        char        open,
        char        close,
        gsize       depth,
        const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, open);
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, close);
  g_string_append (text, suffix);

  return g_string_free (text, FALSE);
}

/* 100,000 levels of "[" overflowed json-glib's stack (SIGSEGV): the
 * depth is now counted before json-glib parses, and the import refused
 * with a clear message, the store as it was. */
static void
test_deep_json (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(NdItem) item = add_small_item (fixture->store, "Before");
  g_autofree char *arrays = nested ("", '[', ']', 100000, "");
  g_autofree char *wrapped = nested ("{ \"format\": \"newsdesk-item\", \"version\": 1, \"item\": ",
                                     '[', ']', 100000, " }");
  g_autofree char *deep_string = nested ("", '[', ']', 100000, "");
  g_autofree char *snapshot = g_strdup_printf ("{ \"format\": \"newsdesk-item\", \"version\": 1, "
                                               "\"item\": { \"id\": \"2418e839-28f0-412d-bfa8-6cc6a7ed49b3\", "
                                               "\"kind\": \"news\", \"status\": \"draft\", \"language\": \"en\", "
                                               "\"title\": \"T\", \"teaser\": \"\", \"body\": \"\", "
                                               "\"date\": \"2024-06-01\", \"tags\": [], \"images\": [] }, "
                                               "\"revisions\": [ { \"number\": 1, \"reason\": \"edit\", "
                                               "\"snapshot\": \"%s\" } ] }", deep_string);
  const char *texts[] = { arrays, wrapped, snapshot };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(NdItem) after = NULL;
      g_auto(GStrv) ids = NULL;

      g_assert_false (nd_import_bytes (fixture->store, bytes, "deep.json", ND_IMPORT_REPLACE, &ids, &error));
      g_assert_null (ids);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "deep.json: "));
      /* a snapshot kept as a string holding JSON is parsed on its own */
      if (texts[i] != snapshot)
        g_assert_nonnull (strstr (error->message, "nested too deeply (more than 64 levels"));
      else
        g_assert_nonnull (strstr (error->message, "revision 1 has no valid snapshot"));
      g_assert_cmpuint (count_items (fixture->store), ==, 1);
      after = load_item (fixture->store, nd_item_get_id (item));
      g_assert_cmpstr (nd_item_get_title (after), ==, "Before");
    }
}

/* The bounds themselves, and json-glib's English replaced by our words
 * with the place. */
static void
test_json_bounds (void)
{
  g_autofree char *at_limit = nested ("", '[', ']', ND_JSON_FILE_MAX_DEPTH, "");
  g_autofree char *over = nested ("", '{', '}', ND_JSON_FILE_MAX_DEPTH + 1, "");
  g_autofree char *in_string = nested ("[\"", '[', '{', 100000, "\"]");
  g_autofree char *in_comment = nested ("/* ", '[', '{', 1000, " */ [1]");
  /* json-glib's comments run from any "/" to the next (fuzz-json-import) */
  g_autofree char *in_slashes = nested ("///]// ", '[', '{', 1000, " / [1]");
  /* json-glib 1.6 walks what follows the first value, then drops it */
  g_autofree char *after_value = nested ("0 ", '[', ']', ND_JSON_FILE_MAX_DEPTH + 1, "");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) quoted = NULL;
  g_autoptr(JsonNode) commented = NULL;
  const struct { const char *text; const char *words; } bad[] = {
    { "{\n  \"title\": \"open", "a string is not closed (line 2, column 12)" },
    { "[1,\n 2,\n 3 4]", "a comma is missing (line 3, column" },
    { "{ \"a\" 1 }", "a colon is missing (line 1, column" },
    { "[1, 2, ]", "a comma before a closing bracket" },
    { "[1, 2", "the text ends before every bracket is closed" },
    { "[1] /* no end", "a comment is not closed (line 1, column 5)" },
    { "[1] / no end", "a comment is not closed (line 1, column 5)" },
    { "[\"\xff\"]", "the text is not UTF-8 (line 1, column 3)" },
    { "[nope]", "unexpected text (line 1, column" },
    /* json-glib made bytes that are not UTF-8 of these (fuzz-wp-answer) */
    { "{\"message\": \"\\ud800 x\"}", "a \\u escape that is no character (line 1, column 14)" },
    { "[\"\\udfff\"]", "a \\u escape that is no character" },
    { "[\"\\ud83d\\u0041\"]", "a \\u escape that is no character" },
    { "[\"\\ud8 0\", \"\\u\"]", "a \\u escape that is no character (line 1, column 3)" },
    { "[\"\\2222\"]", "a backslash escape that JSON does not have (line 1, column 3)" },
    { "[\"\\x41\"]", "a backslash escape that JSON does not have" },
  };

  root = nd_json_parse (ND_JSON_SOURCE_FILE, at_limit, -1, NULL);
  g_assert_nonnull (root);
  g_assert_cmpuint (nd_json_node_depth (root), ==, ND_JSON_FILE_MAX_DEPTH);

  for (NdJsonSource source = ND_JSON_SOURCE_FILE; source <= ND_JSON_SOURCE_SITE; source++)
    {
      g_autofree char *deeper = nested ("", '[', ']', nd_json_max_depth (source) + 1, "");
      g_autoptr(GError) error = NULL;
      g_autofree char *limit = g_strdup_printf ("more than %u levels", nd_json_max_depth (source));

      g_assert_null (nd_json_parse (source, deeper, -1, &error));
      g_assert_error (error, ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP);
      g_assert_nonnull (strstr (error->message, limit));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (nd_json_parse (ND_JSON_SOURCE_FILE, over, -1, &error));
    g_assert_error (error, ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP);
    g_assert_nonnull (strstr (error->message, "column 65"));
  }

  {
    g_autoptr(JsonNode) pair = nd_json_parse (ND_JSON_SOURCE_FILE,
                                              "[\"\\ud83d\\ude00 \\u00e4 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"]",
                                              -1, NULL);

    g_assert_nonnull (pair);
    g_assert_cmpstr (json_array_get_string_element (json_node_get_array (pair), 0), ==,
                     "😀 ä \" \\ / \b\f\n\r\t");
  }

  /* Brackets in strings and comments do not nest. */
  quoted = nd_json_parse (ND_JSON_SOURCE_SITE, in_string, -1, NULL);
  g_assert_nonnull (quoted);
  commented = nd_json_parse (ND_JSON_SOURCE_SITE, in_comment, -1, NULL);
  g_assert_nonnull (commented);
  g_clear_pointer (&commented, json_node_unref);
  commented = nd_json_parse (ND_JSON_SOURCE_SITE, in_slashes, -1, NULL);
  g_assert_nonnull (commented);
  g_assert_cmpuint (nd_json_node_depth (commented), ==, 1);

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (nd_json_parse (ND_JSON_SOURCE_FILE, after_value, -1, &error));
    g_assert_error (error, ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (nd_json_parse (ND_JSON_SOURCE_FILE, bad[i].text, -1, &error));
      g_assert_error (error, ND_JSON_ERROR, ND_JSON_ERROR_INVALID);
      g_test_message ("%s", error->message);
      if (strstr (error->message, bad[i].words) == NULL)
        g_error ("“%s” does not say “%s”", error->message, bad[i].words);
      /* nothing of json-glib's own English */
      g_assert_null (strstr (error->message, "scanner"));
      g_assert_null (strstr (error->message, "Parse error"));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (nd_json_parse (ND_JSON_SOURCE_SITE, " \n ", -1, &error));
    g_assert_error (error, ND_JSON_ERROR, ND_JSON_ERROR_EMPTY);
  }
}

static void
test_formats (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(NdItem) item = add_small_item (fixture->store, "Fish & chips");
  g_autofree char *html = export_item (fixture->store, nd_item_get_id (item), ND_EXPORT_FORMAT_HTML);
  g_autofree char *prefix = g_strndup (nd_item_get_id (item), 8);
  g_autofree char *by_prefix = export_item (fixture->store, prefix, ND_EXPORT_FORMAT_TEXT);
  g_autoptr(GError) error = NULL;
  char *missing;
  NdExportFormat format = ND_EXPORT_FORMAT_HTML;

  g_assert_true (nd_export_format_from_key ("json", &format));
  g_assert_cmpint (format, ==, ND_EXPORT_FORMAT_JSON);
  g_assert_true (nd_export_format_from_key ("text", &format));
  g_assert_cmpint (format, ==, ND_EXPORT_FORMAT_TEXT);
  g_assert_true (nd_export_format_from_key ("html", &format));
  g_assert_cmpint (format, ==, ND_EXPORT_FORMAT_HTML);
  g_assert_false (nd_export_format_from_key ("pdf", &format));
  g_assert_false (nd_export_format_from_key (NULL, &format));

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<h1>Fish &amp; chips</h1>"));
  g_assert_nonnull (strstr (html, "<em>body</em> &amp; more"));
  g_assert_true (g_str_has_prefix (by_prefix, "News\n2024-06-01\n\nFish & chips\n"));

  missing = nd_export_item (fixture->store, "00000000-0000-4000-8000-000000000000",
                            ND_EXPORT_FORMAT_JSON, &error);
  g_assert_null (missing);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/sample", test_import_sample);
  ADD ("/import/bad-files", test_import_bad_files);
  ADD ("/import/limits", test_import_limits);
  ADD ("/export/json/round-trip", test_json_round_trip);
  ADD ("/export/json/array", test_json_array);
  ADD ("/export/json/array-invalid", test_json_array_invalid);
  ADD ("/export/json/array-undo", test_json_array_undo);
  ADD ("/export/json/newer-version", test_newer_version);
  ADD ("/export/text/round-trip", test_text_round_trip);
  ADD ("/export/text/round-trip-property", test_text_round_trip_property);
  ADD ("/export/formats", test_formats);
  ADD ("/import/json/deeply-nested", test_deep_json);
  g_test_add_func ("/json/bounds", test_json_bounds);

#undef ADD

  return g_test_run ();
}
