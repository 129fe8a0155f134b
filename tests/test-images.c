/* test-images.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-images"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nd-checklist.h"
#include "nd-export.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-store-private.h"
#include "nd-test-utils.h"

/* Image files (checks, metadata), attaching them to items, the library
 * and the export of copies with their credit, on the sample images. */

#define SAMPLE_ALT "Das Bild zeigt sechs Personen auf einer Bühne bei der Europäischen Clusterkonferenz 2024"
#define SAMPLE_CAPTION "Europäische Clusterkonferenz 2024"

/* A well-formed 1×1 GIF (header, palette, image, trailer). */
static const guint8 tiny_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0x02, 0x02, 0x44, 0x01, 0x00,
  0x3b,
};

typedef struct
{
  char    *dir;
  NdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("nd-images-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = nd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  nd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static NdImage *
load_sample (const char *name)
{
  g_autofree char *path = nd_test_data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NdImage *image;

  image = nd_image_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);

  return image;
}

static char *
import_sample (NdStore *store)
{
  g_autofree char *path = nd_test_data_path ("meldung-clusterkonferenz-2024.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  nd_import_file (store, file, ND_IMPORT_NONE, &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  return g_strdup (ids[0]);
}

static gint64
count_rows (NdStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (_nd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

static GBytes *
encode_logo (const char *type)
{
  g_autofree char *path = nd_test_data_path ("logo.png");
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, length);
}

static GBytes *
cut_bytes (GBytes *bytes,
           gsize   length)
{
  g_assert_cmpuint (length, <, g_bytes_get_size (bytes));

  return g_bytes_new_from_bytes (bytes, 0, length);
}

static void
assert_refused (GBytes           *bytes,
                NdImageFileError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = nd_image_file_load_bytes (bytes, "probe.bin", &error);

  g_assert_null (image);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, (int) code);
  /* One line that names the file. */
  g_assert_nonnull (strstr (error->message, "probe.bin"));
  g_assert_null (strchr (error->message, '\n'));
}

/* Files */

static void
test_load_jpeg (void)
{
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(GBytes) bytes = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_assert_cmpstr (nd_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_cmpuint (nd_image_get_width (image), ==, 1600);
  g_assert_cmpuint (nd_image_get_height (image), ==, 900);
  g_assert_cmpuint (nd_image_get_size (image), ==, g_bytes_get_size (bytes));
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, sha256);
  g_assert_true (g_bytes_equal (nd_image_get_data (image), bytes));
  /* Loading reads no metadata into the fields: that is the attach's job. */
  g_assert_cmpstr (nd_image_get_credit (image), ==, "");
  g_assert_cmpint (nd_image_get_from_file (image), ==, ND_IMAGE_FIELD_NONE);
}

static void
test_load_formats (void)
{
  g_autoptr(NdImage) png = load_sample ("logo.png");
  g_autoptr(GBytes) webp_bytes = encode_logo ("webp");
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (tiny_gif, sizeof tiny_gif);
  g_autoptr(NdImage) webp = NULL;
  g_autoptr(NdImage) gif = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (nd_image_get_mime_type (png), ==, "image/png");
  g_assert_cmpuint (nd_image_get_width (png), ==, 640);
  g_assert_cmpuint (nd_image_get_height (png), ==, 480);

  webp = nd_image_file_load_bytes (webp_bytes, "logo.webp", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_mime_type (webp), ==, "image/webp");
  g_assert_cmpuint (nd_image_get_width (webp), ==, 640);
  g_assert_cmpuint (nd_image_get_height (webp), ==, 480);

  gif = nd_image_file_load_bytes (gif_bytes, "tiny.gif", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_mime_type (gif), ==, "image/gif");
  g_assert_cmpuint (nd_image_get_width (gif), ==, 1);
}

static void
test_refuse_truncated (void)
{
  g_autoptr(GBytes) truncated = nd_test_load_data ("truncated.jpg");
  g_autoptr(GBytes) jpeg = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autoptr(GBytes) png = nd_test_load_data ("logo.png");
  g_autoptr(GBytes) webp = encode_logo ("webp");
  g_autoptr(GBytes) gif = g_bytes_new_static (tiny_gif, sizeof tiny_gif);
  g_autoptr(GBytes) cut = NULL;
  g_autofree char *path = nd_test_data_path ("truncated.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = NULL;

  /* The sample: its headers (and metadata) are whole, its picture is not. */
  assert_refused (truncated, ND_IMAGE_FILE_ERROR_DAMAGED);
  image = nd_image_file_load (file, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "truncated.jpg"));

  /* Cut anywhere, each format is refused; gdk-pixbuf alone would take
   * them all. */
  cut = cut_bytes (jpeg, g_bytes_get_size (jpeg) - 2);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_clear_pointer (&cut, g_bytes_unref);
  cut = cut_bytes (jpeg, g_bytes_get_size (jpeg) / 2);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_clear_pointer (&cut, g_bytes_unref);
  cut = cut_bytes (png, g_bytes_get_size (png) / 2);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_clear_pointer (&cut, g_bytes_unref);
  cut = cut_bytes (png, g_bytes_get_size (png) - 4);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_clear_pointer (&cut, g_bytes_unref);
  cut = cut_bytes (webp, g_bytes_get_size (webp) - 10);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
  g_clear_pointer (&cut, g_bytes_unref);
  cut = cut_bytes (gif, sizeof tiny_gif - 4);
  assert_refused (cut, ND_IMAGE_FILE_ERROR_DAMAGED);
}

/* Small files that unpack into huge pictures: refused from the header,
 * in every format, before a row is decoded. */
static void
test_refuse_bombs (void)
{
  g_autoptr(GBytes) png = nd_test_png_bomb (30000, 30000);
  g_autoptr(GBytes) logo_webp = encode_logo ("webp");
  g_autoptr(GBytes) webp = NULL;
  g_autoptr(GBytes) gif = NULL;
  g_autoptr(GError) error = NULL;
  /* A 30000 × 30000 canvas with one 1 × 1 frame. */
  static const guint8 gif_bomb[] = {
    'G', 'I', 'F', '8', '9', 'a', 0x30, 0x75, 0x30, 0x75, 0x80, 0, 0,
    0, 0, 0, 255, 255, 255,
    ',', 0, 0, 0, 0, 1, 0, 1, 0, 0,
    2, 2, 0x4c, 0x01, 0,
    ';'
  };
  guint8 *patched;
  gsize size;
  int width = 0;
  int height = 0;
  gint64 start = g_get_monotonic_time ();

  assert_refused (png, ND_IMAGE_FILE_ERROR_TOO_LARGE);
  g_test_message ("a 30000 x 30000 PNG of %" G_GSIZE_FORMAT " bytes refused in %.3f s",
                  g_bytes_get_size (png), (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (nd_image_file_peek_size (png, NULL, &width, &height));
  g_assert_cmpint (width, ==, 30000);
  g_assert_cmpint (height, ==, 30000);

  gif = g_bytes_new_static (gif_bomb, sizeof gif_bomb);
  assert_refused (gif, ND_IMAGE_FILE_ERROR_TOO_LARGE);

  /* A lossy WebP whose VP8 frame header says 16383 × 16383 (the most
   * WebP allows, 268 megapixels). */
  patched = g_bytes_unref_to_data (g_steal_pointer (&logo_webp), &size);
  g_assert_cmpuint (size, >, 30);
  g_assert_cmpmem (patched + 12, 4, "VP8 ", 4);
  g_assert_cmpmem (patched + 23, 3, "\x9d\x01\x2a", 3);
  patched[26] = 0xff; patched[27] = 0x3f;
  patched[28] = 0xff; patched[29] = 0x3f;
  webp = g_bytes_new_take (patched, size);
  assert_refused (webp, ND_IMAGE_FILE_ERROR_TOO_LARGE);

  /* The limit itself is allowed; one row more is not, and the message
   * says by how much. */
  g_assert_true (nd_image_file_check_size (10000, 10000, "probe.png", &error));
  g_assert_no_error (error);
  g_assert_false (nd_image_file_check_size (10000, 10001, "probe.png", &error));
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10000 × 10001 pixels"));
  g_assert_nonnull (strstr (error->message, "100.1 megapixels"));
  g_assert_nonnull (strstr (error->message, "at most 100 megapixels"));
}

static void
test_refuse_other (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) text = nd_test_load_data ("meldung-clusterkonferenz-2024.txt");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  static const char svg_text[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>";
  g_autoptr(GBytes) svg = g_bytes_new_static (svg_text, strlen (svg_text));
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.jpg", NULL);
  g_autofree char *big_path = g_build_filename (fixture->dir, "huge.jpg", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = NULL;
  FILE *fp;

  assert_refused (text, ND_IMAGE_FILE_ERROR_UNSUPPORTED);
  assert_refused (empty, ND_IMAGE_FILE_ERROR_UNSUPPORTED);
  /* Decodable by gdk-pixbuf, but not a format we take. */
  assert_refused (svg, ND_IMAGE_FILE_ERROR_UNSUPPORTED);

  image = nd_image_file_load (missing, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.jpg"));
  g_clear_error (&error);

  image = nd_image_file_load (folder, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_READ);
  g_clear_error (&error);

  /* A sparse file one byte over the limit: refused by its size, so this
   * test reads nothing of it. */
  fp = g_fopen (big_path, "wb");
  g_assert_nonnull (fp);
  g_assert_cmpint (fseek (fp, ND_IMAGE_FILE_MAX_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (0, fp), ==, 0);
  fclose (fp);

  image = nd_image_file_load (big, NULL, &error);
  g_assert_null (image);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.jpg"));
}

/* Metadata */

static void
test_metadata_read (void)
{
  g_autoptr(GBytes) bytes = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autoptr(GBytes) none = nd_test_load_data ("no-metadata.jpg");
  g_autoptr(NdImageMetadata) metadata = nd_image_metadata_read (bytes);
  g_autoptr(NdImageMetadata) empty = nd_image_metadata_read (none);

  g_assert_cmpstr (metadata->credit, ==, "VDI/VDE-IT");
  g_assert_cmpstr (metadata->creator, ==, "VDI/VDE-IT");
  g_assert_cmpstr (metadata->copyright, ==, "© VDI/VDE-IT");
  g_assert_cmpstr (metadata->caption, ==, SAMPLE_CAPTION);
  g_assert_cmpstr (metadata->alt_text, ==, SAMPLE_ALT);
  g_assert_cmpstr (metadata->source, ==, "");
  g_assert_cmpstr (metadata->license, ==, "");

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    g_assert_cmpstr (nd_image_metadata_get (empty, f), ==, "");
}

/* A file with IPTC IIM only, in ISO 8859-1 and without a charset, as
 * older tools write it. */
static void
test_metadata_iim_latin1 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) none = nd_test_load_data ("no-metadata.jpg");
  g_autoptr(GExiv2Metadata) md = gexiv2_metadata_new ();
  g_autoptr(GBytes) tagged = NULL;
  g_autoptr(NdImageMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "iim.jpg", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_file_set_contents (path, g_bytes_get_data (none, NULL), g_bytes_get_size (none), &error);
  g_assert_no_error (error);
  gexiv2_metadata_open_path (md, path, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (md, "Iptc.Application2.Caption", "Stra\xdf" "e in M\xfc" "nchen", &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (md, "Iptc.Application2.Credit", "J\xf6rg Muster", &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_tag_string (md, "Iptc.Application2.Source", "Archiv", &error);
  g_assert_no_error (error);
  gexiv2_metadata_save_file (md, path, &error);
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  tagged = g_bytes_new_take (g_steal_pointer (&contents), length);

  metadata = nd_image_metadata_read (tagged);
  g_assert_cmpstr (metadata->caption, ==, "Straße in München");
  g_assert_cmpstr (metadata->credit, ==, "Jörg Muster");
  g_assert_cmpstr (metadata->source, ==, "Archiv");
  g_assert_cmpstr (metadata->alt_text, ==, "");
}

static void
test_metadata_fill (void)
{
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  NdImageFields filled;

  nd_image_set_credit (image, "Foto: Jane Doe");
  filled = nd_image_file_fill_metadata (image);

  /* Only the empty fields, and only those the file has. */
  g_assert_cmpint (filled, ==, (ND_IMAGE_FIELD_CREATOR | ND_IMAGE_FIELD_COPYRIGHT |
                                ND_IMAGE_FIELD_ALT_TEXT | ND_IMAGE_FIELD_CAPTION));
  g_assert_cmpint (nd_image_get_from_file (image), ==, filled);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "Foto: Jane Doe");
  g_assert_cmpstr (nd_image_get_alt_text (image), ==, SAMPLE_ALT);
  g_assert_cmpstr (nd_image_get_caption (image), ==, SAMPLE_CAPTION);

  /* An edit makes the value the editor's own. */
  nd_image_set_caption (image, "Auf der Bühne");
  g_assert_cmpint (nd_image_get_from_file (image) & ND_IMAGE_FIELD_CAPTION, ==, 0);
  g_assert_cmpint (nd_image_get_from_file (image) & ND_IMAGE_FIELD_ALT_TEXT, !=, 0);

  /* And finding out again gives the same as what is left. */
  g_assert_cmpint (nd_image_file_match_metadata (image), ==,
                   (ND_IMAGE_FIELD_CREATOR | ND_IMAGE_FIELD_COPYRIGHT | ND_IMAGE_FIELD_ALT_TEXT));
}

static void
match_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gconstpointer data)
{
  return *(GAsyncResult * const *) data != NULL;
}

/* The same marks, with the files read in a thread; a slot gets none, and
 * a cancelled read sets nothing. */
static void
test_metadata_match_async (void)
{
  g_autoptr(NdImage) photo = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) plain = load_sample ("no-metadata.jpg");
  g_autoptr(NdImage) slot = nd_image_new ();
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  NdImageFields expected;

  nd_image_file_fill_metadata (photo);
  nd_image_set_caption (photo, "Auf der Bühne");
  expected = nd_image_get_from_file (photo);
  nd_image_set_from_file (photo, ND_IMAGE_FIELD_NONE);
  g_ptr_array_add (images, photo);
  g_ptr_array_add (images, plain);
  g_ptr_array_add (images, slot);

  g_cancellable_cancel (cancellable);
  nd_image_file_match_metadata_async (images, cancellable, match_done_cb, &result);
  nd_test_wait_until (has_result, &result);
  g_assert_false (nd_image_file_match_metadata_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (nd_image_get_from_file (photo), ==, ND_IMAGE_FIELD_NONE);
  g_clear_error (&error);
  g_clear_object (&result);

  nd_image_file_match_metadata_async (images, NULL, match_done_cb, &result);
  nd_test_wait_until (has_result, &result);
  g_assert_true (nd_image_file_match_metadata_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, !=, ND_IMAGE_FIELD_NONE);
  g_assert_cmpint (nd_image_get_from_file (photo), ==, expected);
  g_assert_cmpint (nd_image_get_from_file (plain), ==, ND_IMAGE_FIELD_NONE);
  g_assert_cmpint (nd_image_get_from_file (slot), ==, ND_IMAGE_FIELD_NONE);
}

/* Attaching in memory */

static NdItem *
new_item_with_slot (void)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) slot = nd_image_new ();

  nd_item_set_title (item, "Title");
  nd_image_set_role (slot, ND_IMAGE_ROLE_LEAD);
  nd_image_set_credit (slot, "© VDI/VDE-IT");
  nd_image_set_alt_text (slot, "Alt from the text");
  nd_image_set_caption (slot, "Caption from the text");
  nd_item_add_image (item, slot);

  return item;
}

static void
test_attach_fills_slot (void)
{
  g_autoptr(NdItem) item = new_item_with_slot ();
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  NdImage *slot = nd_item_get_image (item, 0);
  NdImage *attached;

  nd_image_set_caption (image, "Given caption");
  attached = nd_image_file_attach (item, image, ND_IMAGE_ATTACH_NONE);
  nd_image_file_fill_metadata (attached);

  g_assert_true (attached == slot);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  g_assert_true (nd_image_has_data (slot));
  g_assert_cmpint (nd_image_get_role (slot), ==, ND_IMAGE_ROLE_LEAD);
  g_assert_cmpstr (nd_image_get_sha256 (slot), ==, nd_image_get_sha256 (image));
  /* The slot's texts stay, unless a new one was given. */
  g_assert_cmpstr (nd_image_get_credit (slot), ==, "© VDI/VDE-IT");
  g_assert_cmpstr (nd_image_get_alt_text (slot), ==, "Alt from the text");
  g_assert_cmpstr (nd_image_get_caption (slot), ==, "Given caption");
  /* What neither had came from the file. */
  g_assert_cmpstr (nd_image_get_creator (slot), ==, "VDI/VDE-IT");
  g_assert_cmpint (nd_image_get_from_file (slot), ==, ND_IMAGE_FIELD_CREATOR | ND_IMAGE_FIELD_COPYRIGHT);
}

static void
test_attach_lead_and_append (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdImage) first = load_sample ("logo.png");
  g_autoptr(NdImage) second = load_sample ("no-metadata.jpg");
  g_autoptr(NdImage) lead = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) new_lead = load_sample ("logo.png");

  /* Without a slot, an image is appended inline. */
  g_assert_true (nd_image_file_attach (item, first, ND_IMAGE_ATTACH_NONE) == first);
  g_assert_true (nd_image_file_attach (item, second, ND_IMAGE_ATTACH_NONE) == second);
  g_assert_cmpint (nd_image_get_role (second), ==, ND_IMAGE_ROLE_INLINE);
  g_assert_null (nd_item_get_lead_image (item));

  /* --lead without a lead image puts one first. */
  nd_image_set_alt_text (lead, "Old picture");
  g_assert_true (nd_image_file_attach (item, lead, ND_IMAGE_ATTACH_LEAD) == lead);
  g_assert_true (nd_item_get_image (item, 0) == lead);
  g_assert_true (nd_item_get_lead_image (item) == lead);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 3);

  /* A lead image with a file is replaced, texts and all. */
  g_assert_true (nd_image_file_attach (item, new_lead, ND_IMAGE_ATTACH_LEAD) == new_lead);
  g_assert_true (nd_item_get_lead_image (item) == new_lead);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 3);
  g_assert_cmpstr (nd_image_get_alt_text (new_lead), ==, "");
}

/* The store */

static void
test_store_attach_sample (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture->store);
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  NdImage *lead;
  guint revision;

  item = nd_store_load_item (fixture->store, id, &error);
  g_assert_no_error (error);
  problems = nd_item_check (item);
  g_assert_false (nd_check_passes (problems));
  revision = nd_item_get_revision (item);
  g_clear_object (&item);

  attached = nd_store_attach_image (fixture->store, id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_image_get_from_file (attached) & ND_IMAGE_FIELD_CREATOR, !=, 0);

  item = nd_store_load_item (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  g_assert_cmpuint (nd_item_get_revision (item), ==, revision + 1);
  lead = nd_item_get_lead_image (item);
  g_assert_nonnull (lead);
  g_assert_true (g_bytes_equal (nd_image_get_data (lead), nd_image_get_data (image)));
  g_assert_cmpstr (nd_image_get_mime_type (lead), ==, "image/jpeg");
  g_assert_cmpuint (nd_image_get_width (lead), ==, 1600);
  /* The importer's block: its credit and caption stay; the file adds the
   * creator and copyright. */
  g_assert_nonnull (strstr (nd_image_get_credit (lead), "VDI/VDE-IT"));
  g_assert_cmpstr (nd_image_get_caption (lead), ==, SAMPLE_CAPTION);
  g_assert_true (g_str_has_prefix (nd_image_get_alt_text (lead), SAMPLE_ALT));
  g_assert_cmpstr (nd_image_get_creator (lead), ==, "VDI/VDE-IT");
  g_assert_cmpstr (nd_image_get_copyright (lead), ==, "© VDI/VDE-IT");

  /* Loaded again, the marks are found again from the stored file. */
  g_assert_cmpint (nd_image_file_match_metadata (lead), ==, nd_image_get_from_file (attached));

  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = nd_item_check (item);
  g_assert_true (nd_check_passes (problems));

  /* The slot's row is gone; one file, one use. */
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images"), ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM item_images"), ==, 1);

  /* Without credit or alt text, it fails again. */
  nd_image_set_alt_text (lead, "");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = nd_item_check (item);
  g_assert_false (nd_check_passes (problems));
}

static void
test_store_dedup_and_reuse (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = import_sample (fixture->store);
  g_autofree char *second = import_sample (fixture->store);
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) again = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdImage) from_library = NULL;
  g_autoptr(NdImage) reused = NULL;
  g_autoptr(GPtrArray) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(NdItem) third = nd_item_new ();
  NdImageUsage *usage;

  nd_item_set_title (third, "Third");
  nd_store_save_item (fixture->store, third, ND_REVISION_REASON_CREATED, &error);
  g_assert_no_error (error);

  nd_image_set_credit (image, "Foto: Jane Doe");
  attached = nd_store_attach_image (fixture->store, first, image, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&attached);

  /* The same file again, into the second item: stored once. */
  attached = nd_store_attach_image (fixture->store, second, again, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images WHERE sha256 IS NOT NULL"), ==, 1);

  library = nd_store_list_images (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (library->len, ==, 1);
  usage = g_ptr_array_index (library, 0);
  g_assert_cmpuint (usage->n_uses, ==, 2);
  g_assert_false (nd_image_has_data (usage->image));
  g_assert_cmpstr (nd_image_get_sha256 (usage->image), ==, nd_image_get_sha256 (image));

  /* The second item's slot had its own credit: it stays that use's, and
   * the first keeps its own (a credit belongs to the use). */
  g_assert_cmpstr (nd_image_get_credit (attached), ==, "© VDI/VDE-IT");
  {
    g_autoptr(NdItem) item = nd_store_load_item (fixture->store, first, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (item, 0)), ==, "Foto: Jane Doe");
  }

  /* Reuse in an item without a slot: with the library's default credit
   * (the first use's: the library had none then), and the alt text of
   * the latest use. */
  prefix = g_strndup (nd_image_get_sha256 (image), 8);
  from_library = nd_store_load_image (fixture->store, prefix, &error);
  g_assert_no_error (error);
  g_assert_true (nd_image_has_data (from_library));
  g_assert_cmpstr (nd_image_get_alt_text (from_library), ==, "");

  reused = nd_store_attach_image (fixture->store, nd_item_get_id (third), from_library,
                                  ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (reused), ==, "Foto: Jane Doe");
  g_assert_true (g_str_has_prefix (nd_image_get_alt_text (reused), SAMPLE_ALT));
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images WHERE sha256 IS NOT NULL"), ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM item_images"), ==, 3);

  /* Bad references. */
  g_clear_object (&from_library);
  from_library = nd_store_load_image (fixture->store, "ab", &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  from_library = nd_store_load_image (fixture->store, "000000", &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  from_library = nd_store_load_image_by_id (fixture->store, nd_image_get_store_id (usage->image), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_sha256 (from_library), ==, nd_image_get_sha256 (image));
}

static char *
library_credit (NdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) library = nd_store_list_images (store, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (library->len, ==, 1);
  return g_strdup (nd_image_get_credit (((NdImageUsage *) g_ptr_array_index (library, 0))->image));
}

static NdItem *
new_saved_item (NdStore *store)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_item_new ();

  nd_item_set_title (item, "Ein Beitrag");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);
  return item;
}

/* The library's credit is the default for the next use: set by a use
 * when the library has none or no other item uses the file (a
 * correction before the file is reused), else left alone; no use's
 * credit ever changes through another's. */
static void
test_store_credit_default (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdItem) a = new_saved_item (fixture->store);
  g_autoptr(NdItem) b = new_saved_item (fixture->store);
  g_autoptr(NdItem) c = new_saved_item (fixture->store);
  g_autoptr(NdImage) image = load_sample ("no-metadata.jpg");
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdItem) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credit = NULL;

  /* A, without a credit: the library has none either. */
  attached = nd_store_attach_image (fixture->store, nd_item_get_id (a), image, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (attached), ==, "");
  g_clear_object (&attached);
  credit = library_credit (fixture->store);
  g_assert_cmpstr (credit, ==, "");
  g_clear_pointer (&credit, g_free);

  /* B's credit becomes the default (there was none); A has still none. */
  g_clear_object (&image);
  image = load_sample ("no-metadata.jpg");
  nd_image_set_credit (image, "Foto: Erika Beispiel");
  attached = nd_store_attach_image (fixture->store, nd_item_get_id (b), image, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&attached);
  credit = library_credit (fixture->store);
  g_assert_cmpstr (credit, ==, "Foto: Erika Beispiel");
  g_clear_pointer (&credit, g_free);
  loaded = nd_store_load_item (fixture->store, nd_item_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (loaded, 0)), ==, "");

  /* A sets its own while B uses the file too: the default stays B's. */
  nd_image_set_credit (nd_item_get_image (loaded, 0), "Foto: Max Muster");
  g_assert_true (nd_store_save_item (fixture->store, loaded, ND_REVISION_REASON_EDIT, &error));
  g_assert_no_error (error);
  credit = library_credit (fixture->store);
  g_assert_cmpstr (credit, ==, "Foto: Erika Beispiel");
  g_clear_pointer (&credit, g_free);
  g_clear_object (&loaded);
  loaded = nd_store_load_item (fixture->store, nd_item_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (loaded, 0)), ==, "Foto: Erika Beispiel");
  g_clear_object (&loaded);

  /* A new use without a credit of its own gets the default. */
  g_clear_object (&image);
  image = load_sample ("no-metadata.jpg");
  attached = nd_store_attach_image (fixture->store, nd_item_get_id (c), image, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (attached), ==, "Foto: Erika Beispiel");
  g_clear_object (&attached);

  /* B and C let go of the file: A alone corrects its credit, and the
   * default follows. */
  for (guint i = 0; i < 2; i++)
    {
      loaded = nd_store_load_item (fixture->store, nd_item_get_id (i == 0 ? b : c), &error);
      g_assert_no_error (error);
      nd_item_clear_images (loaded);
      g_assert_true (nd_store_save_item (fixture->store, loaded, ND_REVISION_REASON_EDIT, &error));
      g_assert_no_error (error);
      g_clear_object (&loaded);
    }
  loaded = nd_store_load_item (fixture->store, nd_item_get_id (a), &error);
  g_assert_no_error (error);
  nd_image_set_credit (nd_item_get_image (loaded, 0), "Foto: Max Mustermann");
  g_assert_true (nd_store_save_item (fixture->store, loaded, ND_REVISION_REASON_EDIT, &error));
  g_assert_no_error (error);
  credit = library_credit (fixture->store);
  g_assert_cmpstr (credit, ==, "Foto: Max Mustermann");
}

static void
test_store_library_search (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture->store);
  g_autoptr(NdImage) photo = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) logo = load_sample ("logo.png");
  g_autoptr(NdImage) a = NULL;
  g_autoptr(NdImage) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha_prefix = NULL;
  const struct {
    const char *query;
    const char *expected;  /* "photo", "logo", "both" or "none" */
  } cases[] = {
    { "", "both" },
    { "vdi", "photo" },                   /* credit, any case */
    { "EUROPÄISCHE", "photo" },           /* caption, Unicode case */
    { "acme", "logo" },
    { "Firmenlogo", "logo" },             /* alt text */
    { "Max Muster", "logo" },             /* creator, two words */
    { "Muster VDI", "none" },             /* every word must match */
    { "nothing-like-this", "none" },
  };

  a = nd_store_attach_image (fixture->store, id, photo, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  nd_image_set_credit (logo, "ACME");
  nd_image_set_creator (logo, "Max Muster");
  nd_image_set_alt_text (logo, "Das Firmenlogo");
  b = nd_store_attach_image (fixture->store, id, logo, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) found = nd_store_list_images (fixture->store, cases[i].query, 0, &error);
      gboolean has_photo = FALSE;
      gboolean has_logo = FALSE;

      g_assert_no_error (error);
      for (guint j = 0; j < found->len; j++)
        {
          NdImageUsage *usage = g_ptr_array_index (found, j);

          has_photo |= g_strcmp0 (nd_image_get_sha256 (usage->image), nd_image_get_sha256 (photo)) == 0;
          has_logo |= g_strcmp0 (nd_image_get_sha256 (usage->image), nd_image_get_sha256 (logo)) == 0;
        }

      g_assert_cmpint (has_photo, ==, g_str_equal (cases[i].expected, "photo") || g_str_equal (cases[i].expected, "both"));
      g_assert_cmpint (has_logo, ==, g_str_equal (cases[i].expected, "logo") || g_str_equal (cases[i].expected, "both"));
    }

  sha_prefix = g_strndup (nd_image_get_sha256 (logo), 10);
  {
    g_autoptr(GPtrArray) found = nd_store_list_images (fixture->store, sha_prefix, 0, &error);
    g_autoptr(GPtrArray) limited = nd_store_list_images (fixture->store, NULL, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpuint (limited->len, ==, 1);
  }
}

/* Nothing of a refused file reaches the store. */
static void
test_store_refusal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture->store);
  g_autoptr(NdImage) image = load_sample ("logo.png");
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(GError) error = NULL;
  gint64 images = count_rows (fixture->store, "SELECT count (*) FROM images");
  gint64 uses = count_rows (fixture->store, "SELECT count (*) FROM item_images");
  gint64 revisions = count_rows (fixture->store, "SELECT count (*) FROM revisions");

  attached = nd_store_attach_image (fixture->store, "ffffffff-no-such-item", image,
                                    ND_IMAGE_ATTACH_NONE, &error);
  g_assert_null (attached);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);

  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images"), ==, images);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM item_images"), ==, uses);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM revisions"), ==, revisions);
}

static void
count_change_cb (NdStore       *store,
                 const char    *id,
                 NdStoreChange  change,
                 guint         *n)
{
  /* Announced after the commit: another connection sees the image. */
  g_assert_true (sqlite3_get_autocommit (_nd_store_get_db (store)));
  (*n)++;
}

/* Attaching reads and writes the item in one transaction: a failure in
 * the middle of the write leaves every table as it was and announces
 * nothing; a success announces one change, once it is committed. */
static void
test_store_attach_atomic (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture->store);
  g_autoptr(NdImage) image = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _nd_store_get_db (fixture->store);
  gint64 images = count_rows (fixture->store, "SELECT count (*) FROM images");
  gint64 uses = count_rows (fixture->store, "SELECT count (*) FROM item_images");
  gint64 revisions = count_rows (fixture->store, "SELECT count (*) FROM revisions");
  guint n_changes = 0;

  g_signal_connect (fixture->store, "item-changed", G_CALLBACK (count_change_cb), &n_changes);

  /* The revision is written last: the image is in by then. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER fail_revision BEFORE INSERT ON revisions "
                                 "BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  attached = nd_store_attach_image (fixture->store, id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_null (attached);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images"), ==, images);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM item_images"), ==, uses);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM revisions"), ==, revisions);
  g_assert_cmpuint (n_changes, ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER fail_revision", NULL, NULL, NULL), ==, SQLITE_OK);
  attached = nd_store_attach_image (fixture->store, id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attached);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM images WHERE sha256 IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM revisions"), ==, revisions + 1);
}

/* Export */

static void
assert_tag (GExiv2Metadata *md,
            const char     *tag,
            const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = gexiv2_metadata_try_get_tag_string (md, tag, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, expected));
}

static void
test_export_metadata (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(NdImage) image = load_sample ("no-metadata.jpg");
  g_autoptr(NdImage) copy_image = NULL;
  g_autoptr(GBytes) original = nd_test_load_data ("no-metadata.jpg");
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(NdImageMetadata) metadata = NULL;
  g_autoptr(GExiv2Metadata) md = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sha_before = g_strdup (nd_image_get_sha256 (image));
  g_autofree char *sha_original = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, original);

  nd_image_set_credit (image, "Foto: Jörg Muster");
  nd_image_set_copyright (image, "© 2024 Newsdesk & Co");
  nd_image_set_creator (image, "Jörg Muster");
  nd_image_set_caption (image, "Straße in München");
  nd_image_set_alt_text (image, "Eine leere Straße im Regen");
  nd_image_set_license (image, "CC BY 4.0");
  nd_image_set_source (image, "Archiv");

  copy = nd_image_file_dup_with_metadata (image, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (copy, original));

  /* The original is untouched. */
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, sha_before);
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, sha_original);
  g_assert_true (g_bytes_equal (nd_image_get_data (image), original));

  /* Read back by our reader … */
  metadata = nd_image_metadata_read (copy);
  g_assert_cmpstr (metadata->credit, ==, "Foto: Jörg Muster");
  g_assert_cmpstr (metadata->copyright, ==, "© 2024 Newsdesk & Co");
  g_assert_cmpstr (metadata->creator, ==, "Jörg Muster");
  g_assert_cmpstr (metadata->caption, ==, "Straße in München");
  g_assert_cmpstr (metadata->alt_text, ==, "Eine leere Straße im Regen");
  g_assert_cmpstr (metadata->license, ==, "CC BY 4.0");
  g_assert_cmpstr (metadata->source, ==, "Archiv");

  /* … and by gexiv2 itself, XMP and IIM alike. */
  gexiv2_metadata_open_buf (md, g_bytes_get_data (copy, NULL), (glong) g_bytes_get_size (copy), &error);
  g_assert_no_error (error);
  assert_tag (md, "Xmp.photoshop.Credit", "Foto: Jörg Muster");
  assert_tag (md, "Xmp.dc.rights", "© 2024 Newsdesk & Co");
  assert_tag (md, "Xmp.dc.creator", "Jörg Muster");
  assert_tag (md, "Xmp.dc.description", "Straße in München");
  assert_tag (md, "Xmp.iptc.AltTextAccessibility", "Eine leere Straße im Regen");
  assert_tag (md, "Iptc.Application2.Credit", "Foto: Jörg Muster");
  assert_tag (md, "Iptc.Application2.Copyright", "© 2024 Newsdesk & Co");
  assert_tag (md, "Iptc.Application2.Byline", "Jörg Muster");
  assert_tag (md, "Iptc.Application2.Caption", "Straße in München");

  /* The copy is still a whole image. */
  copy_image = nd_image_file_load_bytes (copy, "copy.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_image_get_width (copy_image), ==, nd_image_get_width (image));
}

static void
test_export_item_images (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(NdItem) item = new_item_with_slot ();
  g_autoptr(NdImage) photo = load_sample ("clusterkonferenz-2024.jpg");
  g_autoptr(NdImage) logo = load_sample ("logo.png");
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (tiny_gif, sizeof tiny_gif);
  g_autoptr(GBytes) webp_bytes = encode_logo ("webp");
  g_autoptr(NdImage) gif = NULL;
  g_autoptr(NdImage) webp = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_auto(GStrv) unmarked = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "out", NULL);

  gif = nd_image_file_load_bytes (gif_bytes, "tiny.gif", &error);
  g_assert_no_error (error);
  webp = nd_image_file_load_bytes (webp_bytes, "logo.webp", &error);
  g_assert_no_error (error);
  nd_image_file_attach (item, photo, ND_IMAGE_ATTACH_NONE);
  nd_image_set_credit (logo, "ACME");
  nd_image_file_attach (item, logo, ND_IMAGE_ATTACH_NONE);
  nd_image_set_credit (webp, "Foto: WebP");
  nd_image_file_attach (item, webp, ND_IMAGE_ATTACH_NONE);
  nd_image_file_attach (item, gif, ND_IMAGE_ATTACH_NONE);

  written = nd_export_item_images (item, dir, &unmarked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 4);
  g_assert_cmpuint (g_strv_length (unmarked), ==, 1);
  g_assert_true (g_str_has_suffix (unmarked[0], ".gif"));
  g_assert_true (g_str_has_suffix (written[0], ".jpg"));
  g_assert_true (g_str_has_suffix (written[1], ".png"));
  g_assert_true (g_str_has_suffix (written[2], ".webp"));

  for (guint i = 0; i < 3; i++)
    {
      const char *credits[] = { "© VDI/VDE-IT", "ACME", "Foto: WebP" };
      g_autoptr(GExiv2Metadata) md = gexiv2_metadata_new ();
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(NdImage) reloaded = NULL;
      gsize length;

      gexiv2_metadata_open_path (md, written[i], &error);
      g_assert_no_error (error);
      assert_tag (md, "Xmp.photoshop.Credit", credits[i]);
      if (i == 0)
        assert_tag (md, "Xmp.iptc.AltTextAccessibility", "Alt from the text");

      /* Each copy is still a whole image of its kind. */
      g_file_get_contents (written[i], &contents, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      reloaded = nd_image_file_load_bytes (bytes, written[i], &error);
      g_assert_no_error (error);
    }
}

/* References */

static void
test_reference (void)
{
  g_autoptr(NdImage) image = load_sample ("logo.png");
  g_autoptr(NdImage) slot = nd_image_new ();
  g_autofree char *reference = nd_image_dup_reference (image);
  g_autofree char *upper = NULL;
  g_autofree char *upper_ref = NULL;
  g_autofree char *short_ref = NULL;

  g_assert_true (g_str_has_prefix (reference, ND_IMAGE_REFERENCE_SCHEME));
  g_assert_true (nd_image_matches_reference (image, reference));
  upper = g_ascii_strup (reference + strlen (ND_IMAGE_REFERENCE_SCHEME), -1);
  upper_ref = g_strconcat (ND_IMAGE_REFERENCE_SCHEME, upper, NULL);
  g_assert_true (nd_image_matches_reference (image, upper_ref));
  short_ref = g_strndup (reference, strlen (ND_IMAGE_REFERENCE_SCHEME) + ND_IMAGE_REFERENCE_MIN_PREFIX - 1);
  g_assert_false (nd_image_matches_reference (image, short_ref));
  g_assert_false (nd_image_matches_reference (image, "newsdesk:image/000000"));
  g_assert_null (nd_image_dup_reference (slot));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/images/file/jpeg", test_load_jpeg);
  g_test_add_func ("/images/file/formats", test_load_formats);
  g_test_add_func ("/images/file/truncated", test_refuse_truncated);
  g_test_add_func ("/images/file/bombs", test_refuse_bombs);
  g_test_add ("/images/file/refused", Fixture, NULL, fixture_set_up, test_refuse_other, fixture_tear_down);
  g_test_add_func ("/images/metadata/read", test_metadata_read);
  g_test_add ("/images/metadata/iim-latin1", Fixture, NULL, fixture_set_up, test_metadata_iim_latin1, fixture_tear_down);
  g_test_add_func ("/images/metadata/match-async", test_metadata_match_async);
  g_test_add_func ("/images/metadata/fill", test_metadata_fill);
  g_test_add_func ("/images/attach/slot", test_attach_fills_slot);
  g_test_add_func ("/images/attach/lead-and-append", test_attach_lead_and_append);
  g_test_add ("/images/store/attach-sample", Fixture, NULL, fixture_set_up, test_store_attach_sample, fixture_tear_down);
  g_test_add ("/images/store/dedup-and-reuse", Fixture, NULL, fixture_set_up, test_store_dedup_and_reuse, fixture_tear_down);
  g_test_add ("/images/store/credit-default", Fixture, NULL, fixture_set_up, test_store_credit_default, fixture_tear_down);
  g_test_add ("/images/store/library-search", Fixture, NULL, fixture_set_up, test_store_library_search, fixture_tear_down);
  g_test_add ("/images/store/refusal", Fixture, NULL, fixture_set_up, test_store_refusal, fixture_tear_down);
  g_test_add ("/images/store/attach-atomic", Fixture, NULL, fixture_set_up, test_store_attach_atomic, fixture_tear_down);
  g_test_add ("/images/export/metadata", Fixture, NULL, fixture_set_up, test_export_metadata, fixture_tear_down);
  g_test_add ("/images/export/item-images", Fixture, NULL, fixture_set_up, test_export_item_images, fixture_tear_down);
  g_test_add_func ("/images/reference", test_reference);

  return g_test_run ();
}
