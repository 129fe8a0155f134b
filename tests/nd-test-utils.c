/* nd-test-utils.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-test-utils"

#include "config.h"

#include <glib/gstdio.h>

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
