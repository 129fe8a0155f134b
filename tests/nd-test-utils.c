/* nd-test-utils.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-test-utils"

#include "config.h"

#include <glib/gstdio.h>
#include <zlib.h>

#include "nd-test-utils.h"

#define WAIT_LIMIT_SECONDS 60

char *
nd_test_data_path (const char *name)
{
  const char *dir = g_getenv ("ND_TEST_DATA");

  if (dir == NULL)
    return g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_build_filename (dir, name, NULL);
}

GBytes *
nd_test_load_data (const char *name)
{
  g_autofree char *path = nd_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

void
nd_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          nd_test_remove_tree (child);
        }
    }

  g_remove (path);
}

void
nd_test_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

void
nd_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

void
nd_test_wait_until (NdTestCondition condition,
                    gconstpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (source);
}

NdTestKeyring *
nd_test_keyring_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *script = NULL;
  NdTestKeyring *keyring = g_new0 (NdTestKeyring, 1);

  keyring->dir = g_dir_make_tmp ("nd-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  script = g_test_build_filename (G_TEST_DIST, "setup", "keyring-session", NULL);
  keyring->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                       &error, script, keyring->dir, NULL);
  g_assert_no_error (error);

  /* Its first line is the bus address, once the keyring answers. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (keyring->process));
  keyring->address = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (keyring->address == NULL || *keyring->address == '\0')
    g_error ("The private keyring did not start (tests/setup/keyring-session; "
             "are gnome-keyring and dbus installed?)");

  return keyring;
}

void
nd_test_keyring_use (NdTestKeyring *keyring)
{
  static const char * const names[] = { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
  static const char * const folders[] = { "home", "data", "config", "cache", "runtime" };

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", keyring->address, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *folder = g_build_filename (keyring->dir, folders[i], NULL);

      g_setenv (names[i], folder, TRUE);
    }
}

void
nd_test_keyring_stop (NdTestKeyring *keyring)
{
  g_autoptr(GError) error = NULL;

  /* Closing its stdin ends the session: keyring and bus stop. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring->process), NULL, NULL);
  g_subprocess_wait (keyring->process, NULL, &error);
  g_assert_no_error (error);

  nd_test_remove_tree (keyring->dir);
  g_clear_object (&keyring->process);
  g_free (keyring->dir);
  g_free (keyring->address);
  g_free (keyring);
}

static void
append_be32 (GByteArray *png,
             guint32     value)
{
  guint8 be[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (png, be, sizeof be);
}

/* A chunk: length, type, data, and the CRC-32 of type and data. */
static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  /* crc32 () with no data returns its initial value, not @crc. */
  if (length > 0)
    crc = crc32 (crc, data, length);
  append_be32 (png, length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  append_be32 (png, crc);
}

GBytes *
nd_test_png_bomb (guint32 width,
                  guint32 height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  /* A row: filter type 0, then one zero byte per pixel. */
  g_autofree guint8 *row = g_malloc0 ((gsize) width + 1);
  guint8 out[64 * 1024];
  guint8 ihdr[13] = { 0 };
  z_stream z = { 0 };

  g_assert_cmpint (deflateInit (&z, Z_BEST_COMPRESSION), ==, Z_OK);
  for (guint32 y = 0; y <= height; y++)
    {
      int flush = y < height ? Z_NO_FLUSH : Z_FINISH;
      int status;

      z.next_in = row;
      z.avail_in = y < height ? width + 1 : 0;
      do
        {
          z.next_out = out;
          z.avail_out = sizeof out;
          status = deflate (&z, flush);
          g_assert_cmpint (status, !=, Z_STREAM_ERROR);
          g_byte_array_append (idat, out, sizeof out - z.avail_out);
        }
      while (z.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
    }
  deflateEnd (&z);

  /* IHDR: width, height, bit depth 8, colour type 0 (grey), deflate,
   * adaptive filtering, no interlace. */
  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat->data, idat->len);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
