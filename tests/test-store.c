/* test-store.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "nd-image.h"
#include "nd-item-json.h"
#include "nd-item.h"
#include "nd-revision.h"
#include "nd-store-private.h"
#include "nd-sync-counter.h"
#include "nd-test-utils.h"

/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nd-store-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static NdStore *
open_memory (void)
{
  g_autoptr(GError) error = NULL;
  NdStore *store = nd_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static gint64
query_int (NdStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_nd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (NdStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (_nd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static NdItem *
make_item (const char *title,
           const char *body,
           const char *date,
           ...)
{
  NdItem *item = nd_item_new ();
  const char *tag;
  va_list args;

  nd_item_set_title (item, title);
  nd_item_set_body (item, body);
  nd_item_set_date (item, date);

  va_start (args, date);
  while ((tag = va_arg (args, const char *)) != NULL)
    nd_item_add_tag (item, tag);
  va_end (args);

  return item;
}

static void
save_ok (NdStore          *store,
         NdItem           *item,
         NdRevisionReason  reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_save_item (store, item, reason, &error));
  g_assert_no_error (error);
}

static NdImage *
make_image (const char *file,
            const char *mime,
            guint       width,
            guint       height,
            const char *credit)
{
  NdImage *image = nd_image_new ();

  if (file != NULL)
    {
      g_autoptr(GBytes) bytes = nd_test_load_data (file);

      nd_image_set_data (image, bytes, mime, width, height);
    }
  nd_image_set_credit (image, credit);

  return image;
}

static GPtrArray *
search_ok (NdStore    *store,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = nd_store_search (store, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);

  return found;
}

static gboolean
results_contain (GPtrArray  *items,
                 const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (g_str_equal (nd_item_get_id (g_ptr_array_index (items, i)), id))
        return TRUE;
    }

  return FALSE;
}

/* Tests */

static void
test_default_path (void)
{
  g_autofree char *old = g_strdup (g_getenv ("NEWSDESK_DB"));
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("NEWSDESK_DB", "/somewhere/else.db", TRUE);
  path = nd_store_dup_default_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else.db");
  g_clear_pointer (&path, g_free);

  g_setenv ("NEWSDESK_DB", "", TRUE);
  path = nd_store_dup_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "newsdesk", "newsdesk.db", NULL);
  g_assert_cmpstr (path, ==, expected);

  if (old != NULL)
    g_setenv ("NEWSDESK_DB", old, TRUE);
  else
    g_unsetenv ("NEWSDESK_DB");
}

static void
test_open_creates_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "news.db", NULL);
  g_autofree char *mode = NULL;

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_store_get_path (store), ==, path);
  g_assert_cmpint (nd_store_get_schema_version (store), ==, ND_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, ND_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

/* Every committed write waits for the disk (the WAL is synced once per
 * outermost commit, not per savepoint), so nothing saved is lost in a
 * power cut; a failed write syncs nothing, and reading syncs nothing. */
static void
test_durable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = make_item ("Clusterkonferenz", "Text", NULL, "ECCP", NULL);
  g_autoptr(NdItem) loaded = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "news.db", NULL);
  guint before;

  store = nd_store_open (path, &error);
  g_assert_no_error (error);

  before = nd_sync_counter_get_wal ();
  save_ok (store, item, ND_REVISION_REASON_CREATED);

  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, before + 1);

  /* An autosave too (it keeps the revision). */
  nd_item_set_body (item, "Mehr Text");
  save_ok (store, item, ND_REVISION_REASON_NONE);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, before + 2);

  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, before + 2);

  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store),
                                 "CREATE TEMP TRIGGER boom BEFORE UPDATE ON items "
                                 "BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  nd_item_set_body (item, "Geht nicht");
  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  g_clear_error (&error);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, before + 2);

  g_assert_true (nd_store_delete_item (store, nd_item_get_id (item), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, before + 3);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

static void
test_crud (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(NdImage) photo = NULL;
  g_autoptr(NdImage) slot = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "news.db", NULL);
  const char * const *tags;
  NdImage *image;

  store = nd_store_open (path, &error);
  g_assert_no_error (error);

  item = make_item ("Clusterkonferenz 2024", "Der **Text**.", "2024-05-14T09:30:00+02:00",
                    "ECCP", "Klimaschutz", "Brüssel", NULL);
  nd_item_set_kind (item, ND_ITEM_KIND_PRESS_RELEASE);
  nd_item_set_status (item, ND_ITEM_STATUS_READY);
  nd_item_set_language (item, "de");
  nd_item_set_teaser (item, "Der Anreißer.");
  nd_item_set_slug (item, "clusterkonferenz-2024");
  nd_item_set_author (item, "Erika Mustermann");

  photo = make_image ("clusterkonferenz-2024.jpg", "image/jpeg", 1600, 900, "Foto: Max Muster");
  nd_image_set_role (photo, ND_IMAGE_ROLE_LEAD);
  nd_image_set_creator (photo, "Max Muster");
  nd_image_set_copyright (photo, "© 2024 Max Muster");
  nd_image_set_license (photo, "CC BY 4.0");
  nd_image_set_source (photo, "https://example.org/foto");
  nd_image_set_alt_text (photo, "Ein Saal voller Menschen");
  nd_image_set_caption (photo, "Die Konferenz");
  nd_item_add_image (item, photo);

  slot = make_image (NULL, NULL, 0, 0, "Grafik: Agentur");
  nd_image_set_role (slot, ND_IMAGE_ROLE_INLINE);
  nd_image_set_alt_text (slot, "Ein Diagramm");
  nd_image_set_caption (slot, "Zahlen");
  nd_item_add_image (item, slot);

  g_assert_null (nd_item_get_created (item));
  save_ok (store, item, ND_REVISION_REASON_CREATED);

  g_assert_nonnull (nd_item_get_created (item));
  g_assert_nonnull (nd_item_get_updated (item));
  g_assert_cmpuint (nd_item_get_revision (item), ==, 1);
  g_assert_cmpint (nd_image_get_store_id (nd_item_get_image (item, 0)), >, 0);
  g_assert_cmpint (nd_image_get_store_id (nd_item_get_image (item, 1)), >, 0);
  g_assert_cmpint (nd_image_get_store_id (nd_item_get_image (item, 0)), !=,
                   nd_image_get_store_id (nd_item_get_image (item, 1)));

  /* Across a reopen, so nothing comes from a cache. */
  g_clear_object (&store);
  store = nd_store_open (path, &error);
  g_assert_no_error (error);

  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_cmpstr (nd_item_get_id (loaded), ==, nd_item_get_id (item));
  g_assert_cmpint (nd_item_get_kind (loaded), ==, ND_ITEM_KIND_PRESS_RELEASE);
  g_assert_cmpint (nd_item_get_status (loaded), ==, ND_ITEM_STATUS_READY);
  g_assert_cmpstr (nd_item_get_language (loaded), ==, "de");
  g_assert_cmpstr (nd_item_get_title (loaded), ==, "Clusterkonferenz 2024");
  g_assert_cmpstr (nd_item_get_teaser (loaded), ==, "Der Anreißer.");
  g_assert_cmpstr (nd_item_get_body (loaded), ==, "Der **Text**.");
  g_assert_cmpstr (nd_item_get_date (loaded), ==, "2024-05-14T09:30:00+02:00");
  g_assert_cmpstr (nd_item_get_slug (loaded), ==, "clusterkonferenz-2024");
  g_assert_cmpstr (nd_item_get_author (loaded), ==, "Erika Mustermann");
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 1);
  g_assert_true (g_date_time_equal (nd_item_get_created (loaded), nd_item_get_created (item)));
  g_assert_true (g_date_time_equal (nd_item_get_updated (loaded), nd_item_get_updated (item)));

  tags = nd_item_get_tags (loaded);
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "ECCP");
  g_assert_cmpstr (tags[1], ==, "Klimaschutz");
  g_assert_cmpstr (tags[2], ==, "Brüssel");
  g_assert_null (tags[3]);

  g_assert_cmpuint (nd_item_get_n_images (loaded), ==, 2);

  image = nd_item_get_image (loaded, 0);
  g_assert_true (nd_image_has_data (image));
  g_assert_true (g_bytes_equal (nd_image_get_data (image), nd_image_get_data (photo)));
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, nd_image_get_sha256 (photo));
  g_assert_cmpuint (nd_image_get_size (image), ==, nd_image_get_size (photo));
  g_assert_cmpstr (nd_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_cmpuint (nd_image_get_width (image), ==, 1600);
  g_assert_cmpuint (nd_image_get_height (image), ==, 900);
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_LEAD);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "Foto: Max Muster");
  g_assert_cmpstr (nd_image_get_creator (image), ==, "Max Muster");
  g_assert_cmpstr (nd_image_get_copyright (image), ==, "© 2024 Max Muster");
  g_assert_cmpstr (nd_image_get_license (image), ==, "CC BY 4.0");
  g_assert_cmpstr (nd_image_get_source (image), ==, "https://example.org/foto");
  g_assert_cmpstr (nd_image_get_alt_text (image), ==, "Ein Saal voller Menschen");
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Die Konferenz");
  g_assert_cmpint (nd_image_get_store_id (image), ==, nd_image_get_store_id (photo));

  image = nd_item_get_image (loaded, 1);
  g_assert_false (nd_image_has_data (image));
  g_assert_null (nd_image_get_sha256 (image));
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_INLINE);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "Grafik: Agentur");
  g_assert_cmpstr (nd_image_get_alt_text (image), ==, "Ein Diagramm");
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Zahlen");
  g_assert_cmpint (nd_image_get_store_id (image), ==, nd_image_get_store_id (slot));
  g_assert_true (nd_item_get_lead_image (loaded) == nd_item_get_image (loaded, 0));

  /* Saving the loaded item again keeps the slot's row. */
  save_ok (store, loaded, ND_REVISION_REASON_NONE);
  g_assert_cmpint (nd_image_get_store_id (nd_item_get_image (loaded, 1)), ==,
                   nd_image_get_store_id (slot));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 1);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

static void
test_dedup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) a = make_item ("A", "", NULL, NULL);
  g_autoptr(NdItem) b = make_item ("B", "", NULL, NULL);
  g_autoptr(NdImage) image_a = make_image ("logo.png", "image/png", 640, 480, "Logo");
  g_autoptr(NdImage) image_b = make_image ("logo.png", "image/png", 640, 480, "Logo");
  g_autoptr(NdImage) other = make_image ("no-metadata.jpg", "image/jpeg", 800, 600, "Other");
  g_autoptr(NdItem) loaded = NULL;

  nd_image_set_caption (image_a, "Caption in A");
  nd_image_set_caption (image_b, "Caption in B");
  nd_item_add_image (a, image_a);
  nd_item_add_image (b, image_b);
  nd_item_add_image (b, other);

  save_ok (store, a, ND_REVISION_REASON_CREATED);
  save_ok (store, b, ND_REVISION_REASON_CREATED);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 2);
  g_assert_cmpint (nd_image_get_store_id (nd_item_get_image (a, 0)), ==,
                   nd_image_get_store_id (nd_item_get_image (b, 0)));

  /* The caption belongs to the use, not to the file. */
  loaded = nd_store_load_item (store, nd_item_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_caption (nd_item_get_image (loaded, 0)), ==, "Caption in A");
  g_clear_object (&loaded);

  /* Deleting one user keeps the shared file; the other's own goes. */
  g_assert_true (nd_store_delete_item (store, nd_item_get_id (b), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 1);

  loaded = nd_store_load_item (store, nd_item_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (nd_image_get_data (nd_item_get_image (loaded, 0)),
                                nd_image_get_data (image_a)));

  g_assert_true (nd_store_delete_item (store, nd_item_get_id (a), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 0);
}

static void
test_update_and_revisions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("First title", "Body", "2024-05-14", "one", "two", NULL);
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(NdItem) old = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(NdImage) slot = make_image (NULL, NULL, 0, 0, "Slot");
  const char * const new_tags[] = { "three", "Two", "one", NULL };
  const char * const *tags;

  nd_item_add_image (item, slot);
  save_ok (store, item, ND_REVISION_REASON_CREATED);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 1);

  nd_item_set_title (item, "Second title");
  nd_item_set_tags (item, new_tags);
  nd_item_clear_images (item);
  save_ok (store, item, ND_REVISION_REASON_EDIT);
  g_assert_cmpuint (nd_item_get_revision (item), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 0);

  /* An autosave writes, but records no revision. */
  nd_item_set_body (item, "Autosaved body");
  save_ok (store, item, ND_REVISION_REASON_NONE);
  g_assert_cmpuint (nd_item_get_revision (item), ==, 2);

  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (loaded), ==, "Second title");
  g_assert_cmpstr (nd_item_get_body (loaded), ==, "Autosaved body");
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 2);
  g_assert_cmpuint (nd_item_get_n_images (loaded), ==, 0);
  tags = nd_item_get_tags (loaded);
  g_assert_cmpstr (tags[0], ==, "three");
  g_assert_cmpstr (tags[1], ==, "two");   /* spelled as first written */
  g_assert_cmpstr (tags[2], ==, "one");
  g_assert_null (tags[3]);

  save_ok (store, loaded, ND_REVISION_REASON_PUBLICATION);
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 3);

  revisions = nd_store_list_revisions (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpuint (nd_revision_get_number (g_ptr_array_index (revisions, 0)), ==, 1);
  g_assert_cmpuint (nd_revision_get_number (g_ptr_array_index (revisions, 1)), ==, 2);
  g_assert_cmpuint (nd_revision_get_number (g_ptr_array_index (revisions, 2)), ==, 3);
  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (revisions, 0)), ==, ND_REVISION_REASON_CREATED);
  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (revisions, 1)), ==, ND_REVISION_REASON_EDIT);
  g_assert_cmpint (nd_revision_get_reason (g_ptr_array_index (revisions, 2)), ==, ND_REVISION_REASON_PUBLICATION);
  g_assert_nonnull (nd_revision_get_created (g_ptr_array_index (revisions, 0)));

  /* Each snapshot is the state that was saved. */
  old = nd_item_from_revision (g_ptr_array_index (revisions, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (old), ==, "First title");
  g_assert_cmpuint (nd_item_get_revision (old), ==, 1);
  g_clear_object (&old);

  old = nd_item_from_revision (g_ptr_array_index (revisions, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_body (old), ==, "Autosaved body");
  g_assert_cmpuint (nd_item_get_revision (old), ==, 3);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) a = make_item ("Alpha", "Zebra", NULL, "shared", "only-a", NULL);
  g_autoptr(NdItem) b = make_item ("Beta", "", NULL, "Shared", NULL);
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(NdImage) image = make_image ("no-metadata.jpg", "image/jpeg", 800, 600, "X");
  g_autoptr(GPtrArray) found = NULL;

  nd_item_add_image (a, image);
  save_ok (store, a, ND_REVISION_REASON_CREATED);
  save_ok (store, b, ND_REVISION_REASON_CREATED);

  g_assert_true (nd_store_delete_item (store, nd_item_get_id (a), &error));
  g_assert_no_error (error);

  loaded = nd_store_load_item (store, nd_item_get_id (a), &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM item_tags"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM revisions"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM item_images"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items_fts"), ==, 1);

  loaded = nd_store_load_item (store, nd_item_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_tags (loaded)[0], ==, "shared");
  /* Read with its key: any spelling finds it. */
  g_assert_false (nd_item_add_tag (loaded, "SHARED"));
  g_assert_null (nd_item_get_tags (loaded)[1]);

  found = search_ok (store, "zebra");
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_false (nd_store_delete_item (store, nd_item_get_id (a), &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
}

static void
test_resolve (void)
{
  static const char * const ids[] = {
    "aaaa1111-0000-4000-8000-000000000001",
    "aaaa2222-0000-4000-8000-000000000002",
    "bbbb1111-0000-4000-8000-000000000003",
  };
  g_autoptr(GError) error = NULL;
  static const char * const missing[] = {
    "aa", "a", "", "cccc", "aaaa3", "aaa%", "aaa_", "%", "'; DROP TABLE items; --",
  };
  g_autoptr(NdStore) store = open_memory ();
  char *resolved;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(NdItem) item = make_item ("x", "", NULL, NULL);

      nd_item_set_id (item, ids[i]);
      save_ok (store, item, ND_REVISION_REASON_CREATED);
    }

  resolved = nd_store_resolve_id (store, ids[1], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[1]);
  g_free (resolved);

  resolved = nd_store_resolve_id (store, "aaaa1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[0]);
  g_free (resolved);

  resolved = nd_store_resolve_id (store, "AAAA2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[1]);
  g_free (resolved);

  resolved = nd_store_resolve_id (store, "bbbb", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[2]);
  g_free (resolved);

  resolved = nd_store_resolve_id (store, "aaaa", &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_AMBIGUOUS);
  g_assert_null (resolved);
  g_assert_nonnull (strstr (error->message, "aaaa"));
  g_clear_error (&error);

  /* Too short, unknown, or no id at all. */
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      resolved = nd_store_resolve_id (store, missing[i], &error);
      g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
      g_assert_null (resolved);
      g_assert_nonnull (strstr (error->message, missing[i]));
      g_clear_error (&error);
    }

  /* A prefix too short to be useful says so rather than "no item". */
  resolved = nd_store_resolve_id (store, "aaa", &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_null (resolved);
  g_assert_nonnull (strstr (error->message, "at least 4"));
  g_clear_error (&error);

  g_assert_cmpint (nd_store_count_items (store, NULL, &error), ==, 3);
}

static void
test_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *plan = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  struct {
    const char *title;
    const char *date;
    NdItemStatus status;
    NdItemKind kind;
    const char *tag;
  } rows[] = {
    { "old",     "2023-01-01",                 ND_ITEM_STATUS_PUBLISHED, ND_ITEM_KIND_NEWS, "ECCP" },
    { "undated", NULL,                         ND_ITEM_STATUS_DRAFT,     ND_ITEM_KIND_EVENT, NULL },
    { "newest",  "2024-06-01T10:00:00+02:00",  ND_ITEM_STATUS_READY,     ND_ITEM_KIND_NEWS, "eccp" },
    { "middle",  "2024-03-15",                 ND_ITEM_STATUS_DRAFT,     ND_ITEM_KIND_PRESS_RELEASE, "Other" },
    { "newer",   "2024-05-14",                 ND_ITEM_STATUS_DRAFT,     ND_ITEM_KIND_NEWS, " Eccp " },
  };
  const char * const expected[] = { "newest", "newer", "middle", "old", "undated" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(NdItem) item = make_item (rows[i].title, "A body", rows[i].date, rows[i].tag, NULL);
      g_autoptr(NdImage) image = make_image (NULL, NULL, 0, 0, "c");

      nd_item_set_status (item, rows[i].status);
      nd_item_set_kind (item, rows[i].kind);
      nd_item_add_image (item, image);
      save_ok (store, item, ND_REVISION_REASON_CREATED);
    }

  list = nd_store_list_items (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      NdItem *item = g_ptr_array_index (list, i);

      g_assert_cmpstr (nd_item_get_title (item), ==, expected[i]);
      g_assert_cmpstr (nd_item_get_body (item), ==, "");
      g_assert_cmpuint (nd_item_get_n_images (item), ==, 0);
    }
  g_assert_cmpstr (nd_item_get_tags (g_ptr_array_index (list, 0))[0], ==, "ECCP");
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.offset = 1;
  filter.limit = 2;
  list = nd_store_list_items (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 0)), ==, "newer");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 1)), ==, "middle");
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Offset and limit do not change the count. */
  g_assert_cmpuint (nd_store_count_items (store, &filter, &error), ==, 5);

  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.status = ND_ITEM_STATUS_DRAFT;
  list = nd_store_list_items (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 0)), ==, "newer");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 2)), ==, "undated");
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (nd_store_count_items (store, &filter, &error), ==, 3);

  filter.kind = ND_ITEM_KIND_NEWS;
  g_assert_cmpuint (nd_store_count_items (store, &filter, &error), ==, 1);

  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.tag = "ECCP ";
  list = nd_store_list_items (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 0)), ==, "newest");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 1)), ==, "newer");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (list, 2)), ==, "old");
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.tag = "nobody's tag";
  g_assert_cmpuint (nd_store_count_items (store, &filter, &error), ==, 0);
  g_assert_no_error (error);

  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.status = 99;
  list = nd_store_list_items (store, &filter, &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_assert_null (list);
  g_clear_error (&error);

  /* The newest page is read from an index, not sorted. */
  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.limit = 50;
  plan = _nd_store_explain_list (store, &filter);
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "items_date_idx"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_clear_pointer (&plan, g_free);

  filter.status = ND_ITEM_STATUS_DRAFT;
  plan = _nd_store_explain_list (store, &filter);
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "items_status_date_idx"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

static void
test_search (void)
{
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) title_match = make_item ("Clusterkonferenz in Brüssel", "Nichts weiter.", NULL, NULL);
  g_autoptr(NdItem) body_match = make_item ("Ein Bericht", "Wir waren auch in Brüssel und Gent, "
                                            "lange Tage, viele Gespräche, noch mehr Kaffee.", NULL, NULL);
  g_autoptr(NdItem) tag_match = make_item ("Unrelated", "Nothing", NULL, "Klimaschutz", NULL);
  g_autoptr(GPtrArray) found = NULL;

  save_ok (store, body_match, ND_REVISION_REASON_CREATED);
  save_ok (store, title_match, ND_REVISION_REASON_CREATED);
  save_ok (store, tag_match, ND_REVISION_REASON_CREATED);

  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, nd_item_get_id (title_match));
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 1)), ==, nd_item_get_id (body_match));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search_ok (store, "BRÜSSEL ");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, nd_item_get_id (title_match));
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search_ok (store, "Clusterk");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, nd_item_get_id (title_match));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A finished word is no prefix. */
  found = search_ok (store, "Clusterk ");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = search_ok (store, "klimaschutz");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, nd_item_get_id (tag_match));
  g_assert_cmpstr (nd_item_get_tags (g_ptr_array_index (found, 0))[0], ==, "Klimaschutz");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Words are ANDed. */
  found = search_ok (store, "Brüssel Gent");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, nd_item_get_id (body_match));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The index follows updates… */
  nd_item_set_title (title_match, "Clusterkonferenz in Gent");
  save_ok (store, title_match, ND_REVISION_REASON_NONE);
  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (results_contain (found, nd_item_get_id (body_match)));
  g_clear_pointer (&found, g_ptr_array_unref);

  nd_item_add_tag (title_match, "Brüssel");
  save_ok (store, title_match, ND_REVISION_REASON_NONE);
  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* …and deletes. */
  g_assert_true (nd_store_delete_item (store, nd_item_get_id (body_match), NULL));
  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (results_contain (found, nd_item_get_id (title_match)));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Nothing to search for finds nothing. */
  found = search_ok (store, "");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (store, NULL);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Ranking is bounded to the most recently added matches (the rank
 * window); older matches follow newest first, and a query narrower than
 * the window is ranked in full. */
/* The rows of @sql for the MATCH @query (an id and a double a row), as
 * "id=score " or "id ". */
static char *
query_scores (NdStore    *store,
              const char *sql,
              const char *query,
              gboolean    with_scores)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_nd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      if (with_scores)
        g_string_append_printf (out, "=%.9g", sqlite3_column_double (stmt, 1));
      g_string_append_c (out, ' ');
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* nd_rank () is bm25 without its pass over all matches: the same scores
 * for a query of several words (IDFs included, also for a word in more
 * than half of the items, where bm25 uses its floor), and the same order
 * for one word, whose IDF it leaves out. */
static void
test_search_rank (void)
{
  g_autoptr(NdStore) store = open_memory ();
  static const char * const queries[] = {
    "\"forderung\"*",                          /* one prefix */
    "\"cluster\"",                             /* one word */
    "\"die\" \"forderung\"*",                  /* a word in most items, then a prefix */
    "\"cluster\" \"berlin\"",                  /* two rarer words */
    "\"die\" \"cluster\" \"netzwerk\"*",       /* three */
    "\"berlin\" \"wasserstoff\"",              /* two rare words */
    "\"wasserstoff\" \"die\"",                 /* rare and common */
  };
  GRand *rand = g_rand_new_with_seed (4711);
  static const char * const words[] = {
    "die", "Förderung", "Cluster", "Netzwerk", "Netzwerke", "Mittelstand",
    "und", "Brüssel", "Konferenz",
  };

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(NdItem) item = NULL;
      guint n_title = g_rand_int_range (rand, 1, 5);
      guint n_body = g_rand_int_range (rand, 0, 40);

      for (guint j = 0; j < n_title; j++)
        g_string_append_printf (title, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      for (guint j = 0; j < n_body; j++)
        g_string_append_printf (body, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      /* "die" in most items, so that bm25's IDF floor is reached; the
       * rarer words get a real IDF. */
      if (i % 5 != 0)
        g_string_append (body, "die ");
      if (i % 4 == 0)
        g_string_append (i % 8 == 0 ? title : body, "Berlin ");
      if (i % 7 == 0)
        g_string_append (body, "Wasserstoff Wasserstoff ");

      item = make_item (title->str, body->str, NULL,
                        words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], NULL);
      save_ok (store, item, ND_REVISION_REASON_CREATED);
    }
  g_rand_free (rand);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *ours = NULL;
      g_autofree char *again = NULL;
      g_autofree char *theirs = NULL;
      gboolean one_phrase = i < 2;

      ours = query_scores (store,
                           "SELECT rowid, " ND_STORE_RANK ("?1") " AS s "
                           "FROM items_fts WHERE items_fts MATCH ?1 ORDER BY s, rowid DESC",
                           queries[i], !one_phrase);
      /* Again, with the phrases' counts kept from the first time. */
      again = query_scores (store,
                            "SELECT rowid, " ND_STORE_RANK ("?1") " AS s "
                            "FROM items_fts WHERE items_fts MATCH ?1 ORDER BY s, rowid DESC",
                            queries[i], !one_phrase);
      g_assert_cmpstr (again, ==, ours);
      theirs = query_scores (store,
                             "SELECT rowid, bm25 (items_fts, " ND_STORE_RANK_WEIGHTS ") AS s "
                             "FROM items_fts WHERE items_fts MATCH ?1 ORDER BY s, rowid DESC",
                             queries[i], !one_phrase);
      g_test_message ("%s: %s", queries[i], ours);
      g_assert_cmpuint (strlen (ours), >, 8);
      g_assert_cmpstr (ours, ==, theirs);
    }
}

/* The handles of bm25's order for @query (the whole ranking, newest
 * first among equals), to compare with a search. */
static GArray *
bm25_handles (NdStore    *store,
              const char *match)
{
  GArray *handles = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_nd_store_get_db (store),
                                       "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 "
                                       "ORDER BY bm25 (items_fts, " ND_STORE_RANK_WEIGHTS "), rowid DESC",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 handle = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (handles, handle);
    }
  sqlite3_finalize (stmt);

  return handles;
}

static void
assert_bm25_order (NdStore    *store,
                   const char *text,
                   const char *match)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours = nd_store_search_handles_ranked (store, text, &error);
  g_autoptr(GArray) theirs = bm25_handles (store, match);

  g_assert_no_error (error);
  g_assert_cmpuint (ours->len, ==, theirs->len);
  g_assert_cmpmem (ours->data, ours->len * sizeof (gint64), theirs->data, theirs->len * sizeof (gint64));
}

static void
save_words (NdStore    *store,
            const char *title,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdItem) item = make_item (title, "", NULL, NULL);

      save_ok (store, item, ND_REVISION_REASON_CREATED);
    }
}

/* The counts nd_rank () keeps are forgotten when the index changes,
 * through this store or another connection to the same file. */
static void
test_search_rank_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "news.db", NULL);
  g_autoptr(NdStore) store = nd_store_open (path, &error);
  g_autoptr(NdStore) other = NULL;

  g_assert_no_error (error);
  other = nd_store_open (path, &error);
  g_assert_no_error (error);

  /* "Cluster" in few items, "Berlin" in most: each word's weight counts. */
  save_words (store, "Cluster Berlin Berlin", 3);
  save_words (store, "Cluster Berlin", 2);
  save_words (store, "Berlin", 6);
  assert_bm25_order (store, "cluster berlin", "\"cluster\" \"berlin\"");

  /* Now "Cluster" is in most items and "Berlin" in few: the kept counts
   * would put the items in another order. */
  save_words (store, "Cluster", 20);
  save_words (store, "Cluster Cluster Berlin", 2);
  assert_bm25_order (store, "cluster berlin", "\"cluster\" \"berlin\"");

  /* The same through another connection. */
  save_words (other, "Berlin Berlin Berlin", 40);
  assert_bm25_order (store, "cluster berlin", "\"cluster\" \"berlin\"");

  g_clear_object (&other);
  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

static void
test_search_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) handles = NULL;
  g_autoptr(NdItem) oldest = make_item ("Cluster in the title", "", NULL, NULL);
  g_autofree char *oldest_id = g_strdup (nd_item_get_id (oldest));

  /* Added first: the oldest row, with the word in its title. */
  save_ok (store, oldest, ND_REVISION_REASON_CREATED);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *body = g_strdup_printf ("Body %u mentions cluster once", i);
      g_autoptr(NdItem) item = make_item ("Plain", body, NULL, NULL);

      save_ok (store, item, ND_REVISION_REASON_CREATED);
    }

  /* Window larger than the matches: the title match ranks first. */
  found = search_ok (store, "cluster");
  g_assert_cmpuint (found->len, ==, 10);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, oldest_id);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Window of 4: the 4 newest matches are ranked, the 6 older ones
   * follow newest first, so the oldest row comes last. */
  _nd_store_set_rank_window (store, 4);
  handles = nd_store_search_handles (store, "cluster", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handles->len, ==, 10);
  for (guint i = 5; i < handles->len; i++)
    g_assert_cmpint (g_array_index (handles, gint64, i - 1), >, g_array_index (handles, gint64, i));
  g_assert_cmpint (g_array_index (handles, gint64, 9), ==, nd_store_get_handle (store, oldest_id));

  found = nd_store_search (store, "cluster", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The same order from both entry points, also beyond the window. */
  found = nd_store_search (store, "cluster", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 10);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpint (nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (found, i))),
                     ==, g_array_index (handles, gint64, i));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* In steps: the window, then the older matches 4 at a time, give the
   * same order. */
  {
    g_autoptr(GArray) steps = nd_store_search_handles_ranked (store, "cluster", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (steps->len, ==, 4);
    for (;;)
      {
        gint64 before = G_MAXINT64;
        g_autoptr(GArray) older = NULL;

        for (guint i = 0; i < steps->len; i++)
          before = MIN (before, g_array_index (steps, gint64, i));
        older = nd_store_search_handles_before (store, "cluster", before, 4, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (older->len, <=, 4);
        if (older->len == 0)
          break;
        g_array_append_vals (steps, older->data, older->len);
      }
    g_assert_cmpuint (steps->len, ==, handles->len);
    g_assert_cmpmem (steps->data, steps->len * sizeof (gint64),
                     handles->data, handles->len * sizeof (gint64));
  }

  /* Narrower than the window: ranked in full, the old title match first. */
  found = search_ok (store, "cluster title");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nd_item_get_id (g_ptr_array_index (found, 0)), ==, oldest_id);
}

static void
test_search_hostile (void)
{
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("AND OR NOT title foo", "NEAR a b x", NULL, NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  static const char * const inputs[] = {
    "\"", "AND", "OR NOT", "title:foo", "*", "(", "^x", "NEAR(a b)", "🎉", "🎉 foo",
    "", "'", "\"\"\"", "a\"b\"c", "-x", "x -", "NOT", "{title}: foo", "foo AND",
    "\\", "%", "_", "'; DROP TABLE items; --", "\xff\xfe",
  };
  g_autoptr(GPtrArray) found = NULL;

  save_ok (store, item, ND_REVISION_REASON_CREATED);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) results = search_ok (store, inputs[i]);

      g_test_message ("%s: %u", inputs[i], results->len);
    }

  while (big->len < 10 * 1024)
    g_string_append (big, "Brüssel \"(AND)* ^x NEAR(a b) title:foo 🎉 ");
  found = search_ok (store, big->str);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Keywords are plain words. */
  found = search_ok (store, "AND OR NOT");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (store, "title:foo");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 1);
}

static void
test_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("Original title", "Original body", "2024-01-01", "keep", NULL);
  g_autoptr(NdItem) fresh = make_item ("Fresh", "", NULL, "boom", NULL);
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(NdImage) image = make_image ("logo.png", "image/png", 640, 480, "Logo");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *dump =
    "SELECT group_concat (x, '|') FROM ("
    "  SELECT uuid || title || body || revision || updated AS x FROM items"
    "  UNION ALL SELECT key || name FROM tags"
    "  UNION ALL SELECT item_id || '/' || tag_id || '/' || position FROM item_tags"
    "  UNION ALL SELECT id || coalesce (sha256, '') FROM images"
    "  UNION ALL SELECT item_id || '/' || image_id FROM item_images"
    "  UNION ALL SELECT item_id || '/' || number FROM revisions"
    "  UNION ALL SELECT rowid || title || body || tags FROM items_fts)";

  save_ok (store, item, ND_REVISION_REASON_CREATED);
  updated = g_date_time_ref (nd_item_get_updated (item));

  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store),
                                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON tags "
                                 "WHEN NEW.key = 'boom' "
                                 "BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  before = query_text (store, dump);

  nd_item_set_title (item, "Changed title");
  nd_item_set_body (item, "Changed body");
  nd_item_add_image (item, image);
  nd_item_add_tag (item, "boom");
  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  after = query_text (store, dump);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM images"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM revisions"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tags"), ==, 1);

  /* The item object is as it was before the failed save. */
  g_assert_cmpuint (nd_item_get_revision (item), ==, 1);
  g_assert_true (g_date_time_equal (nd_item_get_updated (item), updated));

  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (loaded), ==, "Original title");
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 1);

  found = search_ok (store, "changed");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (store, "original");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A first save that fails leaves no trace either. */
  g_assert_false (nd_store_save_item (store, fresh, ND_REVISION_REASON_CREATED, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (nd_item_get_created (fresh));
  g_assert_cmpuint (nd_item_get_revision (fresh), ==, 0);
  g_clear_pointer (&after, g_free);
  after = query_text (store, dump);
  g_assert_cmpstr (before, ==, after);

  /* And the store works on. */
  nd_item_remove_tag (item, "boom");
  save_ok (store, item, ND_REVISION_REASON_EDIT);
  g_assert_cmpuint (nd_item_get_revision (item), ==, 2);
}

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("Imported", "Body", "2020-02-02", "t", NULL);
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 ("2020-01-01T10:00:00Z", NULL);
  g_autoptr(GDateTime) updated = g_date_time_new_from_iso8601 ("2020-01-02T10:00:00Z", NULL);

  nd_item_set_created (item, created);
  nd_item_set_updated (item, updated);
  nd_item_set_revision (item, 7);
  g_ptr_array_add (revisions, nd_revision_new (6, ND_REVISION_REASON_EDIT, created, "{\"a\":1}"));
  g_ptr_array_add (revisions, nd_revision_new (7, ND_REVISION_REASON_PUBLICATION, updated, "{\"a\":2}"));

  g_assert_true (nd_store_import_item (store, item, revisions, FALSE, &error));
  g_assert_no_error (error);

  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 7);
  g_assert_true (g_date_time_equal (nd_item_get_created (loaded), created));
  g_assert_true (g_date_time_equal (nd_item_get_updated (loaded), updated));
  g_clear_object (&loaded);

  listed = nd_store_list_revisions (store, nd_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpuint (nd_revision_get_number (g_ptr_array_index (listed, 0)), ==, 6);
  g_assert_cmpstr (nd_revision_get_snapshot (g_ptr_array_index (listed, 1)), ==, "{\"a\":2}");
  g_assert_true (g_date_time_equal (nd_revision_get_created (g_ptr_array_index (listed, 0)), created));
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_assert_false (nd_store_import_item (store, item, NULL, FALSE, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  nd_item_set_title (item, "Replaced");
  g_assert_true (nd_store_import_item (store, item, NULL, TRUE, &error));
  g_assert_no_error (error);
  loaded = nd_store_load_item (store, nd_item_get_id (item), &error);
  g_assert_cmpstr (nd_item_get_title (loaded), ==, "Replaced");
  listed = nd_store_list_revisions (store, nd_item_get_id (item), &error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 1);

  /* The next save goes on from the imported counter. */
  save_ok (store, loaded, ND_REVISION_REASON_EDIT);
  g_assert_cmpuint (nd_item_get_revision (loaded), ==, 8);
}

/* Several items of one import file are one transaction: when the second
 * fails inside SQLite, the first is gone too. */
static void
test_import_items_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) first = make_item ("First", "Body", "2020-02-02", "fine", NULL);
  g_autoptr(NdItem) second = make_item ("Second", "Body", "2020-02-03", "boom", NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = NULL;

  g_ptr_array_add (items, first);
  g_ptr_array_add (items, second);

  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store),
                                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON tags "
                                 "WHEN NEW.key = 'boom' "
                                 "BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (nd_store_import_items (store, items, NULL, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items_fts"), ==, 0);
  g_assert_null (nd_item_get_created (first));

  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store), "DROP TRIGGER boom",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (nd_store_import_items (store, items, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 2);
  found = search_ok (store, "second");
  g_assert_cmpuint (found->len, ==, 1);

  /* The same id twice without replace: the second insert fails, so the
   * first of this call is rolled back as well. */
  g_assert_false (nd_store_import_items (store, items, NULL, FALSE, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 2);
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("x", "", "not a date", NULL);

  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM items"), ==, 0);
}

/* Migrations and opening */

static void
test_migrate_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  const char *id = "12345678-1234-4234-8234-123456789abc";

  store = _nd_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_store_get_schema_version (store), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'items_fts'"), ==, 0);

  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store),
                                 "INSERT INTO items (uuid, kind, status, language, title, teaser, body, "
                                 "  date, created, updated, revision) VALUES "
                                 "('12345678-1234-4234-8234-123456789abc', 'news', 'draft', 'de', "
                                 " 'Konferenz in Brüssel', 'Teaser', 'Body', '2024-05-14', "
                                 " '2024-05-01T00:00:00.000000Z', '2024-05-01T00:00:00.000000Z', 1);"
                                 "INSERT INTO tags (key, name) VALUES ('eccp', 'ECCP');"
                                 "INSERT INTO item_tags VALUES (1, 1, 0);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_store_get_schema_version (store), ==, ND_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, ND_STORE_SCHEMA_VERSION);

  loaded = nd_store_load_item (store, "12345678", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_id (loaded), ==, id);
  g_assert_cmpstr (nd_item_get_title (loaded), ==, "Konferenz in Brüssel");
  g_assert_cmpstr (nd_item_get_tags (loaded)[0], ==, "ECCP");

  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (store, "eccp");
  g_assert_cmpuint (found->len, ==, 1);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

static void
test_migrate_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(NdItem) item = make_item ("x", "", NULL, NULL);

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_store_get_schema_version (store), ==, ND_STORE_SCHEMA_VERSION);
  save_ok (store, item, ND_REVISION_REASON_CREATED);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

static void
assert_refused (const char *path,
                NdStoreError code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  store = nd_store_open (path, &error);
  g_assert_error (error, ND_STORE_ERROR, code);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  after = read_file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_too_new (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                                     "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, ND_STORE_ERROR_TOO_NEW);

  nd_test_remove_tree (dir);
}

static void
test_open_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *random_path = g_build_filename (dir, "random.db", NULL);
  g_autofree char *text_path = g_build_filename (dir, "text.db", NULL);
  g_autofree char *short_path = g_build_filename (dir, "short.db", NULL);
  guint8 noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)g_random_int_range (0, 256);
  g_file_set_contents (random_path, (const char *)noise, sizeof noise, &error);
  g_assert_no_error (error);

  g_file_set_contents (text_path,
                       "Meldung\n\nThis is a plain text file, not a database at all. "
                       "It is long enough to fill more than the header of one.\n"
                       "Und noch eine Zeile mit Umlauten: äöü ß.\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (short_path, "hello\n", -1, &error);
  g_assert_no_error (error);

  assert_refused (random_path, ND_STORE_ERROR_NOT_A_DATABASE);
  assert_refused (text_path, ND_STORE_ERROR_NOT_A_DATABASE);
  assert_refused (short_path, ND_STORE_ERROR_NOT_A_DATABASE);

  nd_test_remove_tree (dir);
}

static void
test_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = make_item ("Locked out", "", NULL, NULL);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "locked.db", NULL);
  sqlite3 *other = NULL;

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  save_ok (store, item, ND_REVISION_REASON_CREATED);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  nd_item_set_title (item, "Changed while locked");
  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (nd_item_get_revision (item), ==, 1);

  g_assert_false (nd_store_delete_item (store, nd_item_get_id (item), &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  save_ok (store, item, ND_REVISION_REASON_EDIT);
  g_assert_cmpuint (nd_item_get_revision (item), ==, 2);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
}

/* Runs in a child: as root, file modes do not stop writes, so the child
 * becomes nobody first. */
static void
become_nobody (void)
{
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
}

/* What a reader of the read-only database at $ND_TEST_READ_ONLY_DB sees:
 * it is refused for writing, read-only it reads every item (the titles
 * in $ND_TEST_READ_ONLY_TITLES, one per line) with the search, and every
 * write is refused. */
static void
read_only_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) titles = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  const char *path = g_getenv ("ND_TEST_READ_ONLY_DB");

  g_assert_nonnull (path);
  titles = g_strsplit (g_getenv ("ND_TEST_READ_ONLY_TITLES"), "\n", -1);
  become_nobody ();

  /* Refused at open, not at the first save: see nd-store-schema.c. */
  store = nd_store_open (path, &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));
  g_printerr ("%s\n", error->message);
  g_clear_error (&error);

  store = nd_store_open_full (path, ND_STORE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (nd_store_is_read_only (store));
  g_assert_cmpint (nd_store_get_schema_version (store), ==, ND_STORE_SCHEMA_VERSION);

  items = nd_store_list_items (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, g_strv_length (titles));
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) hits = nd_store_search (store, titles[i], 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, >=, 1);
    }

  item = nd_store_load_item (store, nd_item_get_id (g_ptr_array_index (items, 0)), &error);
  g_assert_no_error (error);
  nd_item_set_title (item, "Changed where it cannot be");
  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (nd_store_delete_item (store, nd_item_get_id (item), &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY);
}

/* A folder "ro" in a fresh temporary folder, the database in it; the
 * store is left open when @keep_open is not NULL. */
static char *
make_read_only_source (char     **dir,
                       NdStore  **keep_open,
                       GString   *titles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autofree char *sub = NULL;
  char *path;

  *dir = make_tmp_dir ();
  g_assert_cmpint (g_chmod (*dir, 0755), ==, 0);
  sub = g_build_filename (*dir, "ro", NULL);
  path = g_build_filename (sub, "news.db", NULL);

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Lesbar%u", i);
      g_autoptr(NdItem) item = make_item (title, "Nur lesen", NULL, NULL);

      save_ok (store, item, ND_REVISION_REASON_CREATED);
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? "\n" : "", title);
    }

  if (keep_open != NULL)
    *keep_open = g_steal_pointer (&store);

  return path;
}

static void
make_read_only (const char *path)
{
  g_autofree char *sub = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_assert_cmpint (g_chmod (file, 0444), ==, 0);
    }
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
}

static void
run_read_only_child (const char *path,
                     GString    *titles)
{
  g_setenv ("ND_TEST_READ_ONLY_DB", path, TRUE);
  g_setenv ("ND_TEST_READ_ONLY_TITLES", titles->str, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*cannot be written*");
}

/* Closed properly: no -wal, no -shm, and none can be made in the folder
 * (SQLite's read-only WAL rules: read as immutable). */
static void
test_read_only (void)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;

  if (g_test_subprocess ())
    {
      read_only_child ();
      return;
    }

  path = make_read_only_source (&dir, NULL, titles);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  make_read_only (path);
  before = read_file_bytes (path);

  run_read_only_child (path, titles);

  after = read_file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  nd_test_remove_tree (dir);
}

/* A copy taken while a writer had it open: its newest commits are only in
 * the -wal, with the -shm beside it. Read-only, they are read too. */
static void
test_read_only_wal (void)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(NdStore) writer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (g_test_subprocess ())
    {
      read_only_child ();
      return;
    }

  path = make_read_only_source (&dir, &writer, titles);
  copy_dir = g_build_filename (dir, "copy", NULL);
  g_assert_cmpint (g_mkdir (copy_dir, 0755), ==, 0);
  copy = g_build_filename (copy_dir, "news.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GBytes) bytes = read_file_bytes (from);

      g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
    }
  g_clear_object (&writer);

  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autoptr(GBytes) bytes = read_file_bytes (wal);

    /* Else the test would not test the WAL. */
    g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  }
  make_read_only (copy);

  run_read_only_child (copy, titles);

  nd_test_remove_tree (dir);
}

/* The same without its -shm: what is in the -wal cannot be read safely
 * without one, and none can be made. Refused, saying why. */
static void
test_read_only_wal_without_shm (void)
{
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autoptr(NdStore) writer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdStore) store = NULL;

      become_nobody ();
      store = nd_store_open_full (g_getenv ("ND_TEST_READ_ONLY_DB"),
                                  ND_STORE_OPEN_ALLOW_READ_ONLY, &error);
      g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY);
      g_assert_null (store);
      g_printerr ("%s\n", error->message);
      return;
    }

  path = make_read_only_source (&dir, &writer, titles);
  copy = g_build_filename (dir, "copy.db", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = g_strconcat (path, i == 0 ? "" : "-wal", NULL);
      g_autofree char *to = g_strconcat (copy, i == 0 ? "" : "-wal", NULL);
      g_autoptr(GBytes) bytes = read_file_bytes (from);

      g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
    }
  g_clear_object (&writer);
  g_assert_cmpint (g_chmod (copy, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("ND_TEST_READ_ONLY_DB", copy, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*cannot be read: its last changes are in*copy.db-wal*folder cannot be written*");

  nd_test_remove_tree (dir);
}

/* An older schema cannot be upgraded read-only: refused with a reason,
 * not read with columns missing. */
static void
test_read_only_old_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *sub = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = g_build_filename (sub, "news.db", NULL);

  if (g_test_subprocess ())
    {
      become_nobody ();
      store = nd_store_open_full (g_getenv ("ND_TEST_READ_ONLY_DB"),
                                  ND_STORE_OPEN_ALLOW_READ_ONLY, &error);
      g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY);
      g_printerr ("%s\n", error->message);
      return;
    }

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  store = _nd_store_open_at_version (path, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  make_read_only (path);

  g_setenv ("ND_TEST_READ_ONLY_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*older version of Newsdesk and cannot be upgraded*");

  nd_test_remove_tree (dir);
}

/* What SQLite would open but is no database: our own sentences, none of
 * SQLite's English ("disk I/O error", "unable to open database file"). */
static void
assert_no_sqlite_words (const char *message)
{
  static const char * const words[] = {
    "disk I/O error", "unable to open", "database file", "is locked",
    "attempt to write", "SQLite",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (message, words[i]) != NULL)
      g_error ("SQLite's words in “%s”", message);
}

static void
test_open_not_a_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.db", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "news.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));

  /* A FIFO: SQLite would block on it or fail with "disk I/O error". */
  store = nd_store_open (fifo, &error);
  g_assert_null (store);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  assert_no_sqlite_words (error->message);
  g_clear_error (&error);

  store = nd_store_open_full (folder, ND_STORE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  assert_no_sqlite_words (error->message);
  g_clear_error (&error);

  /* Its folder cannot be made: the system's reason, not SQLite's. */
  store = nd_store_open (under_file, &error);
  g_assert_null (store);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOTDIR)));
  assert_no_sqlite_words (error->message);
  g_clear_error (&error);

  nd_test_remove_tree (dir);
}

/* Each SQLite result code an editor can meet gets a sentence of ours;
 * SQLite's text only where none fits, marked as SQLite's. */
static void
test_sqlite_messages (void)
{
  static const int codes[] = {
    SQLITE_IOERR, SQLITE_IOERR_READ, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC,
    SQLITE_IOERR_SHORT_READ, SQLITE_IOERR_NOMEM, SQLITE_FULL, SQLITE_NOTADB,
    SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_READONLY, SQLITE_BUSY, SQLITE_NOMEM,
    SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_FOREIGNKEY,
    SQLITE_CONSTRAINT_NOTNULL, SQLITE_TOOBIG, SQLITE_NOLFS, SQLITE_PROTOCOL,
  };
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "news.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = NULL;

      _nd_store_set_error_from_sqlite (&error, NULL, codes[i], path);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ND_STORE_ERROR);
      g_assert_nonnull (strstr (error->message, path));
      if (strstr (error->message, sqlite3_errstr (codes[i])) != NULL)
        g_error ("code %d: SQLite's words in “%s”", codes[i], error->message);
      assert_no_sqlite_words (error->message);
    }

  /* No sentence of ours for an error in our own SQL: SQLite's, marked. */
  {
    g_autoptr(GError) error = NULL;

    _nd_store_set_error_from_sqlite (&error, NULL, SQLITE_ERROR, path);
    g_assert_nonnull (strstr (error->message, "SQLite says: “SQL logic error”"));
  }

  nd_test_remove_tree (dir);
}

/* For the window: counts, tags, handles, summaries, item-changed */

static void
test_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  NdStoreCounts counts;
  NdStoreCounts empty;
  const struct {
    NdItemStatus status;
    NdItemKind kind;
  } rows[] = {
    { ND_ITEM_STATUS_DRAFT, ND_ITEM_KIND_NEWS },
    { ND_ITEM_STATUS_DRAFT, ND_ITEM_KIND_EVENT },
    { ND_ITEM_STATUS_READY, ND_ITEM_KIND_NEWS },
    { ND_ITEM_STATUS_PUBLISHED, ND_ITEM_KIND_PRESS_RELEASE },
    { ND_ITEM_STATUS_PUBLISHED, ND_ITEM_KIND_NEWS },
    { ND_ITEM_STATUS_PUBLISHED, ND_ITEM_KIND_NEWS },
  };
  guint expected_status[ND_ITEM_STATUS_WITHDRAWN + 1] = { 0 };
  guint expected_kind[ND_ITEM_KIND_PUBLICATION + 1] = { 0 };

  g_assert_true (nd_store_get_counts (store, &empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (empty.total, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (empty.by_status); i++)
    g_assert_cmpuint (empty.by_status[i], ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(NdItem) item = make_item ("x", "", NULL, NULL);

      nd_item_set_status (item, rows[i].status);
      nd_item_set_kind (item, rows[i].kind);
      save_ok (store, item, ND_REVISION_REASON_NONE);
      expected_status[rows[i].status]++;
      expected_kind[rows[i].kind]++;
    }

  g_assert_true (nd_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.total, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (expected_status); i++)
    {
      NdStoreFilter filter = ND_STORE_FILTER_INIT;

      filter.status = (int)i;
      g_assert_cmpuint (counts.by_status[i], ==, expected_status[i]);
      g_assert_cmpuint (counts.by_status[i], ==, nd_store_count_items (store, &filter, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected_kind); i++)
    g_assert_cmpuint (counts.by_kind[i], ==, expected_kind[i]);
}

static void
assert_tags (GPtrArray   *tags,
             const char  *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_nonnull (tags);
  for (guint i = 0; i < tags->len; i++)
    {
      NdTagUsage *usage = g_ptr_array_index (tags, i);

      g_string_append_printf (got, "%s%s=%u", i > 0 ? "," : "", usage->name, usage->count);
    }

  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_list_tags (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) dropped = make_item ("d", "", NULL, "Verworfen", NULL);
  g_autoptr(GPtrArray) tags = NULL;
  const char * const sets[][4] = {
    { "Europa", "EU 2024", "Berlin", NULL },
    { "europa", "Energie", NULL },
    { "EUROPA", "eu 2024", "Überblick", NULL },
    { "Energie", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(NdItem) item = make_item ("x", "", NULL, NULL);

      nd_item_set_tags (item, sets[i]);
      save_ok (store, item, ND_REVISION_REASON_NONE);
    }

  /* A tag no item uses any more is not offered. */
  save_ok (store, dropped, ND_REVISION_REASON_NONE);
  nd_item_set_tags (dropped, NULL);
  save_ok (store, dropped, ND_REVISION_REASON_NONE);

  tags = nd_store_list_tags (store, NULL, 0, &error);
  g_assert_no_error (error);
  /* Most used first, ties by name regardless of case. */
  assert_tags (tags, "Europa=3,Energie=2,EU 2024=2,Berlin=1,Überblick=1");
  g_assert_cmpstr (((NdTagUsage *)g_ptr_array_index (tags, 2))->key, ==, "eu 2024");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "", 2, &error);
  assert_tags (tags, "Europa=3,Energie=2");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "E", 0, &error);
  assert_tags (tags, "Europa=3,Energie=2,EU 2024=2");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "eu", 0, &error);
  assert_tags (tags, "Europa=3,EU 2024=2");
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* A finished word: the space stays part of the prefix. */
  tags = nd_store_list_tags (store, "Eu ", 0, &error);
  assert_tags (tags, "EU 2024=2");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "üBER", 0, &error);
  assert_tags (tags, "Überblick=1");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "euro", 1, &error);
  assert_tags (tags, "Europa=3");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "x", 0, &error);
  assert_tags (tags, "");
  g_clear_pointer (&tags, g_ptr_array_unref);

  tags = nd_store_list_tags (store, "verw", 0, &error);
  assert_tags (tags, "");
  g_assert_no_error (error);
}

static void
assert_handles_are (NdStore   *store,
                    GArray    *handles,
                    GPtrArray *items)
{
  g_assert_nonnull (handles);
  g_assert_cmpuint (handles->len, ==, items->len);

  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (g_array_index (handles, gint64, i), ==,
                     nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (items, i))));
}

/* Items on few dates, so that the ties (updated, rowid) decide too. */
static void
fill_store (NdStore *store,
            guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %u%s", i, i % 3 == 0 ? " Gipfel" : "");
      g_autofree char *body = g_strdup_printf ("Text %s", i % 5 == 0 ? "gipfel gipfel" : "");
      g_autofree char *date = i % 7 == 0 ? NULL : g_strdup_printf ("2024-05-%02u", 1 + i % 4);
      g_autofree char *tag = g_strdup_printf ("Tag %u", i % 3);
      NdItem *item = make_item (title, body, date, tag, NULL);

      nd_item_set_status (item, (NdItemStatus)(i % 5));
      nd_item_set_kind (item, (NdItemKind)(i % 4));
      g_ptr_array_add (items, item);
    }

  g_assert_true (nd_store_import_items (store, items, NULL, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_list_handles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  NdStoreFilter filters[5];

  fill_store (store, 120);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    filters[i] = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filters[1].status = ND_ITEM_STATUS_READY;
  filters[2].kind = ND_ITEM_KIND_EVENT;
  filters[3].tag = "tag 1";
  filters[4].status = ND_ITEM_STATUS_DRAFT;
  filters[4].kind = ND_ITEM_KIND_NEWS;
  /* Offset and limit page the handles as they page the items. */
  filters[4].offset = 3;
  filters[4].limit = 5;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GArray) handles = nd_store_list_handles (store, &filters[i], &error);
      g_autoptr(GPtrArray) items = NULL;

      g_assert_no_error (error);
      items = nd_store_list_items (store, &filters[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, >, 0);
      assert_handles_are (store, handles, items);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *plan = _nd_store_explain_handles (store, &filters[i]);

      g_test_message ("%s", plan);
      g_assert_nonnull (strstr (plan, "COVERING INDEX"));
      g_assert_nonnull (strstr (plan, i == 0 ? "items_date_idx" : "items_status_date_idx"));
      g_assert_null (strstr (plan, "TEMP B-TREE"));
    }

  g_assert_cmpint (nd_store_get_handle (store, "00000000-0000-0000-0000-000000000000"), ==, 0);
}

static void
test_search_handles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GArray) handles = NULL;

  fill_store (store, 60);

  found = search_ok (store, "gipfel");
  g_assert_cmpuint (found->len, >, 20);
  handles = nd_store_search_handles (store, "gipfel", 0, &error);
  g_assert_no_error (error);
  assert_handles_are (store, handles, found);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&handles, g_array_unref);

  found = nd_store_search (store, "gipf", 5, &error);
  handles = nd_store_search_handles (store, "gipf", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 5);
  assert_handles_are (store, handles, found);
  g_clear_pointer (&handles, g_array_unref);

  handles = nd_store_search_handles (store, "  ", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handles->len, ==, 0);
}

static int
count_statements_cb (unsigned int  type,
                     void         *data,
                     void         *stmt,
                     void         *sql)
{
  guint *n = data;

  (*n)++;

  return 0;
}

static void
test_load_summaries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  gint64 handles[6];
  guint n_statements = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %u", i);
      NdItem *item = make_item (title, "A long body", "2024-01-01", "zulu", "Alpha", NULL);

      if (i == 2)
        nd_item_set_tags (item, NULL);
      save_ok (store, item, ND_REVISION_REASON_NONE);
      g_ptr_array_add (items, item);
    }

  /* Any order, a gone item, one handle twice. */
  handles[0] = nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (items, 3)));
  handles[1] = nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (items, 0)));
  handles[2] = nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (items, 1)));
  handles[3] = nd_store_get_handle (store, nd_item_get_id (g_ptr_array_index (items, 2)));
  handles[4] = 424242;
  handles[5] = handles[1];
  g_assert_true (nd_store_delete_item (store, nd_item_get_id (g_ptr_array_index (items, 1)),
                                       &error));
  g_assert_no_error (error);

  sqlite3_trace_v2 (_nd_store_get_db (store), SQLITE_TRACE_STMT,
                    count_statements_cb, &n_statements);
  loaded = nd_store_load_summaries (store, handles, G_N_ELEMENTS (handles), &error);
  sqlite3_trace_v2 (_nd_store_get_db (store), 0, NULL, NULL);
  g_assert_no_error (error);

  /* One query for the items, one for all their tags, one for all their
   * lead images. */
  g_assert_cmpuint (n_statements, ==, 3);

  g_assert_cmpuint (loaded->len, ==, 4);
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (loaded, 0)), ==, "Item 3");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (loaded, 1)), ==, "Item 0");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (loaded, 2)), ==, "Item 2");
  g_assert_cmpstr (nd_item_get_title (g_ptr_array_index (loaded, 3)), ==, "Item 0");
  for (guint i = 0; i < loaded->len; i++)
    {
      NdItem *item = g_ptr_array_index (loaded, i);
      const char * const *tags = nd_item_get_tags (item);

      g_assert_cmpstr (nd_item_get_body (item), ==, "");
      g_assert_nonnull (nd_item_get_updated (item));
      if (i == 2)
        {
          g_assert_null (tags[0]);
          continue;
        }
      /* In the item's order, not by name. */
      g_assert_cmpstr (tags[0], ==, "zulu");
      g_assert_cmpstr (tags[1], ==, "Alpha");
      g_assert_null (tags[2]);
    }
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* A lead image comes as file information, without its bytes; a slot
   * without a file and an inline image do not come. */
  {
    g_autoptr(GBytes) png = nd_test_load_data ("logo.png");
    g_autoptr(NdImage) lead = nd_image_new ();
    g_autoptr(NdImage) slot = nd_image_new ();
    g_autoptr(NdImage) inline_image = nd_image_new ();
    NdItem *with_images = g_ptr_array_index (items, 3);
    NdImage *summary_lead;

    nd_image_set_data (lead, png, "image/png", 10, 20);
    nd_image_set_role (lead, ND_IMAGE_ROLE_LEAD);
    nd_image_set_credit (lead, "© Test");
    nd_image_set_role (slot, ND_IMAGE_ROLE_LEAD);
    nd_image_set_data (inline_image, png, "image/png", 10, 20);
    nd_image_set_role (inline_image, ND_IMAGE_ROLE_INLINE);
    nd_item_add_image (with_images, slot);
    nd_item_add_image (with_images, inline_image);
    nd_item_add_image (with_images, lead);
    save_ok (store, with_images, ND_REVISION_REASON_NONE);
    nd_item_add_image (g_ptr_array_index (items, 0), slot);
    save_ok (store, g_ptr_array_index (items, 0), ND_REVISION_REASON_NONE);

    loaded = nd_store_load_summaries (store, handles, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (nd_item_get_n_images (g_ptr_array_index (loaded, 0)), ==, 1);
    summary_lead = nd_item_get_lead_image (g_ptr_array_index (loaded, 0));
    g_assert_cmpstr (nd_image_get_sha256 (summary_lead), ==, nd_image_get_sha256 (lead));
    g_assert_cmpstr (nd_image_get_mime_type (summary_lead), ==, "image/png");
    g_assert_cmpuint (nd_image_get_width (summary_lead), ==, 10);
    g_assert_cmpuint (nd_image_get_size (summary_lead), ==, g_bytes_get_size (png));
    g_assert_cmpint (nd_image_get_store_id (summary_lead), >, 0);
    g_assert_false (nd_image_has_data (summary_lead));
    g_assert_cmpstr (nd_image_get_credit (summary_lead), ==, "");
    g_assert_cmpuint (nd_item_get_n_images (g_ptr_array_index (loaded, 1)), ==, 0);
    g_clear_pointer (&loaded, g_ptr_array_unref);
  }

  loaded = nd_store_load_summaries (store, handles, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);

  /* The listing reads the tags the same way: two statements, whatever
   * the number of items. */
  n_statements = 0;
  sqlite3_trace_v2 (_nd_store_get_db (store), SQLITE_TRACE_STMT,
                    count_statements_cb, &n_statements);
  listed = nd_store_list_items (store, NULL, &error);
  sqlite3_trace_v2 (_nd_store_get_db (store), 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpuint (n_statements, ==, 2);
  g_assert_cmpstr (nd_item_get_tags (g_ptr_array_index (listed, 0))[1], ==, "Alpha");
}

typedef struct
{
  GPtrArray *ids;
  GArray    *changes;
} Changes;

static void
item_changed_cb (NdStore       *store,
                 const char    *id,
                 NdStoreChange  change,
                 Changes       *changes)
{
  g_ptr_array_add (changes->ids, g_strdup (id));
  g_array_append_val (changes->changes, change);
}

static void
assert_change (Changes       *changes,
               guint          index,
               const char    *id,
               NdStoreChange  change)
{
  g_assert_cmpuint (index, <, changes->ids->len);
  g_assert_cmpstr (g_ptr_array_index (changes->ids, index), ==, id);
  g_assert_cmpint (g_array_index (changes->changes, NdStoreChange, index), ==, change);
}

static void
test_item_changed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("One", "", NULL, NULL);
  g_autoptr(NdItem) other = make_item ("Two", "", NULL, NULL);
  g_autoptr(NdItem) third = make_item ("Three", "", NULL, NULL);
  g_autoptr(NdItem) doomed = make_item ("Doomed", "", NULL, "boom", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (ND_TYPE_STORE_CHANGE);
  Changes changes = {
    g_ptr_array_new_with_free_func (g_free),
    g_array_new (FALSE, FALSE, sizeof (NdStoreChange)),
  };

  g_assert_cmpstr (g_enum_get_value (enum_class, ND_STORE_CHANGE_REMOVED)->value_nick,
                   ==, "removed");

  g_signal_connect (store, "item-changed", G_CALLBACK (item_changed_cb), &changes);

  save_ok (store, item, ND_REVISION_REASON_CREATED);
  g_assert_cmpuint (changes.ids->len, ==, 1);
  assert_change (&changes, 0, nd_item_get_id (item), ND_STORE_CHANGE_ADDED);

  nd_item_set_title (item, "One, again");
  save_ok (store, item, ND_REVISION_REASON_NONE);
  g_assert_cmpuint (changes.ids->len, ==, 2);
  assert_change (&changes, 1, nd_item_get_id (item), ND_STORE_CHANGE_MODIFIED);

  /* An import: one signal per item, after the commit. */
  g_ptr_array_add (batch, other);
  g_ptr_array_add (batch, item);
  g_ptr_array_add (batch, third);
  g_assert_true (nd_store_import_items (store, batch, NULL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.ids->len, ==, 5);
  assert_change (&changes, 2, nd_item_get_id (other), ND_STORE_CHANGE_ADDED);
  assert_change (&changes, 3, nd_item_get_id (item), ND_STORE_CHANGE_MODIFIED);
  assert_change (&changes, 4, nd_item_get_id (third), ND_STORE_CHANGE_ADDED);

  g_assert_true (nd_store_delete_item (store, nd_item_get_id (other), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.ids->len, ==, 6);
  assert_change (&changes, 5, nd_item_get_id (other), ND_STORE_CHANGE_REMOVED);

  /* Nothing for a write that was rolled back or refused. */
  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store),
                                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON tags "
                                 "WHEN NEW.key = 'boom' "
                                 "BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (nd_store_save_item (store, doomed, ND_REVISION_REASON_CREATED, &error));
  g_clear_error (&error);
  nd_item_add_tag (item, "boom");
  g_assert_false (nd_store_save_item (store, item, ND_REVISION_REASON_NONE, &error));
  g_clear_error (&error);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, third);
  g_ptr_array_add (batch, doomed);
  g_assert_false (nd_store_import_items (store, batch, NULL, TRUE, &error));
  g_clear_error (&error);
  g_assert_false (nd_store_delete_item (store, nd_item_get_id (other), &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes.ids->len, ==, 6);
  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store), "DROP TRIGGER boom", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* Nested writes (as attaching an image reads and saves an item): the
   * inner ones are savepoints, their changes are announced when the
   * outermost commits; rolled back, inner or outer, they are undone and
   * never announced. */
  g_assert_true (_nd_store_begin (store, &error));
  nd_item_set_title (third, "Three, nested");
  save_ok (store, third, ND_REVISION_REASON_NONE);
  save_ok (store, doomed, ND_REVISION_REASON_CREATED);
  g_assert_cmpuint (changes.ids->len, ==, 6);
  g_assert_true (_nd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.ids->len, ==, 8);
  assert_change (&changes, 6, nd_item_get_id (third), ND_STORE_CHANGE_MODIFIED);
  assert_change (&changes, 7, nd_item_get_id (doomed), ND_STORE_CHANGE_ADDED);

  g_assert_true (_nd_store_begin (store, &error));
  g_assert_true (_nd_store_begin (store, &error));
  g_assert_true (nd_store_delete_item (store, nd_item_get_id (doomed), &error));
  _nd_store_rollback (store);
  g_assert_true (nd_store_delete_item (store, nd_item_get_id (third), &error));
  _nd_store_rollback (store);
  g_assert_true (sqlite3_get_autocommit (_nd_store_get_db (store)));
  g_assert_cmpuint (changes.ids->len, ==, 8);
  {
    g_autoptr(NdItem) kept = nd_store_load_item (store, nd_item_get_id (third), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_item_get_title (kept), ==, "Three, nested");
  }

  g_signal_handlers_disconnect_by_func (store, item_changed_cb, &changes);
  g_ptr_array_unref (changes.ids);
  g_array_unref (changes.changes);
}

static int
count_index_writes_cb (unsigned int  type,
                       void         *data,
                       void         *stmt,
                       void         *sql)
{
  guint *n = data;

  if (strstr (sqlite3_sql (stmt), "INSERT INTO items_fts") != NULL)
    (*n)++;

  return 0;
}

/* A save that changes no indexed text (a status, a publication) leaves
 * the search index alone; one that does re-indexes, and search follows. */
static void
test_index_only_when_text_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_memory ();
  g_autoptr(NdItem) item = make_item ("Gipfeltreffen", "Text", NULL, "Brüssel", NULL);
  g_autoptr(GPtrArray) found = NULL;
  guint writes = 0;

  save_ok (store, item, ND_REVISION_REASON_CREATED);
  sqlite3_trace_v2 (_nd_store_get_db (store), SQLITE_TRACE_STMT, count_index_writes_cb, &writes);

  nd_item_set_status (item, ND_ITEM_STATUS_PUBLISHED);
  save_ok (store, item, ND_REVISION_REASON_PUBLICATION);
  g_assert_cmpuint (writes, ==, 0);
  found = search_ok (store, "brussel");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  nd_item_set_title (item, "Konferenz");
  save_ok (store, item, ND_REVISION_REASON_NONE);
  g_assert_cmpuint (writes, ==, 1);
  found = search_ok (store, "gipfeltreffen");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_ok (store, "konferenz");
  g_assert_cmpuint (found->len, ==, 1);

  sqlite3_trace_v2 (_nd_store_get_db (store), 0, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* The lock test should fail fast, not after seconds. */
  g_setenv ("ND_STORE_BUSY_TIMEOUT_MS", "50", TRUE);

  g_test_init (&argc, &argv, NULL);
  nd_sync_counter_install ();

  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/durable", test_durable);
  g_test_add_func ("/store/open/creates-folder", test_open_creates_folder);
  g_test_add_func ("/store/open/too-new", test_open_too_new);
  g_test_add_func ("/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/store/open/locked", test_locked);
  g_test_add_func ("/store/open/read-only", test_read_only);
  g_test_add_func ("/store/open/read-only-wal", test_read_only_wal);
  g_test_add_func ("/store/open/read-only-wal-without-shm", test_read_only_wal_without_shm);
  g_test_add_func ("/store/open/read-only-old-schema", test_read_only_old_schema);
  g_test_add_func ("/store/open/not-a-file", test_open_not_a_file);
  g_test_add_func ("/store/errors/sqlite-messages", test_sqlite_messages);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/empty-file", test_migrate_empty_file);
  g_test_add_func ("/store/crud", test_crud);
  g_test_add_func ("/store/dedup", test_dedup);
  g_test_add_func ("/store/update-and-revisions", test_update_and_revisions);
  g_test_add_func ("/store/delete", test_delete);
  g_test_add_func ("/store/resolve", test_resolve);
  g_test_add_func ("/store/list", test_list);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/search/hostile", test_search_hostile);
  g_test_add_func ("/store/search/window", test_search_window);
  g_test_add_func ("/store/search/rank", test_search_rank);
  g_test_add_func ("/store/search/rank-kept", test_search_rank_kept);
  g_test_add_func ("/store/rollback", test_rollback);
  g_test_add_func ("/store/import", test_import);
  g_test_add_func ("/store/import/atomic", test_import_items_atomic);
  g_test_add_func ("/store/invalid", test_invalid);
  g_test_add_func ("/store/counts", test_counts);
  g_test_add_func ("/store/tags/list", test_list_tags);
  g_test_add_func ("/store/handles/list", test_list_handles);
  g_test_add_func ("/store/handles/search", test_search_handles);
  g_test_add_func ("/store/handles/load-summaries", test_load_summaries);
  g_test_add_func ("/store/item-changed", test_item_changed);
  g_test_add_func ("/store/index-only-when-text-changes", test_index_only_when_text_changes);

  return g_test_run ();
}
