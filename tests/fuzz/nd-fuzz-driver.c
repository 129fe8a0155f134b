/* nd-fuzz-driver.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Without libFuzzer (the plain and the ASan build of `make test`), this
 * main runs a fuzz target's LLVMFuzzerTestOneInput () once over every
 * file of the corpus folders or files it is given, so that each target
 * and its oracle run over the committed corpus in seconds. A broken
 * property aborts, which fails the meson test. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "nd-fuzz.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GDir *dir;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (!(dir = g_dir_open (path, 0, &error)))
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_dir_close (dir);

      /* In a fixed order, so that a failure is the same every time. */
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        n += run_path (g_ptr_array_index (names, i));

      return n;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  /* A copy of exactly the file's size, so that ASan sees any read past
   * the end, as libFuzzer's own buffers let it. */
  {
    g_autofree uint8_t *copy = g_malloc (MAX (length, 1));

    memcpy (copy, contents, length);

    LLVMFuzzerTestOneInput (copy, length);
  }

  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-FOLDER-OR-FILE…\n", argv[0]);
      return 2;
    }

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);

  g_print ("%u inputs, no property broken\n", n);

  return n > 0 ? 0 : 1;
}
