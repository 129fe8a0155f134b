/* main.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>

#include "nd-application.h"
#include "nd-cli.h"

/* Where the catalogs and the schema are. The configured LOCALEDIR is
 * right for an installed program only: build/src/newsdesk (the README's
 * program after `make build`) would speak English in a German session,
 * and a copy installed into a DESTDIR or a moved prefix would look in a
 * folder that is not its own. So the running binary's own place decides:
 *  1. NEWSDESK_LOCALEDIR, if set (the tests, a packager's override);
 *  2. the binary is build/src/newsdesk of this build tree: its po dir,
 *     and build/data for the schema unless GSETTINGS_SCHEMA_DIR is set;
 *  3. the binary sits in PREFIX/bin of another prefix than the one
 *     configured, and that prefix holds a catalog for the user's
 *     language: that prefix's locale dir, and its data dir first in
 *     XDG_DATA_DIRS when it holds our compiled schema (schema, icons);
 *  4. else the configured LOCALEDIR.
 * The binary is found through /proc/self/exe, which names the file
 * itself, whatever symlink or relative path it was started by. */

static char *
dup_exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL ? g_path_get_dirname (exe) : NULL;
}

static gboolean
is_same_dir (const char *a,
             const char *b)
{
  char real_a[PATH_MAX];
  char real_b[PATH_MAX];

  return realpath (a, real_a) != NULL && realpath (b, real_b) != NULL &&
         g_str_equal (real_a, real_b);
}

/* The prefix of a binary in @exe_dir = PREFIX/BINDIR_IN_PREFIX, or NULL
 * when the binary is not in such a folder. (transfer full) */
static char *
dup_prefix_of (const char *exe_dir)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *prefix = NULL;
  guint n;

  if (exe_dir == NULL || g_path_is_absolute (BINDIR_IN_PREFIX))
    return NULL;

  parts = g_strsplit (BINDIR_IN_PREFIX, G_DIR_SEPARATOR_S, -1);
  n = g_strv_length (parts);
  prefix = g_strdup (exe_dir);
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *base = g_path_get_basename (prefix);
      char *parent;

      if (*parts[i - 1] == '\0')
        continue;
      if (!g_str_equal (base, parts[i - 1]))
        return NULL;
      parent = g_path_get_dirname (prefix);
      g_free (prefix);
      prefix = parent;
    }

  return g_steal_pointer (&prefix);
}

/* Whether @localedir holds our catalog for one of the user's languages. */
static gboolean
has_catalog (const char *localedir)
{
  const char * const *languages = g_get_language_names ();
  g_autofree char *mo = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (localedir, languages[i], "LC_MESSAGES", mo, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }

  return FALSE;
}

static void
prepend_data_dir (const char *datadir)
{
  const char *dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *value = NULL;

  /* The XDG default, which setting the variable would otherwise drop. */
  if (dirs == NULL || *dirs == '\0')
    dirs = "/usr/local/share/:/usr/share/";

  value = g_strconcat (datadir, G_SEARCHPATH_SEPARATOR_S, dirs, NULL);
  g_setenv ("XDG_DATA_DIRS", value, TRUE);
}

/* Steps 3 and 4 above. (transfer full) */
static char *
dup_installed_localedir (const char *exe_dir)
{
  g_autofree char *prefix = dup_prefix_of (exe_dir);
  g_autofree char *localedir = NULL;
  g_autofree char *datadir = NULL;
  g_autofree char *schemas = NULL;

  if (prefix == NULL || g_path_is_absolute (LOCALEDIR_IN_PREFIX) ||
      g_path_is_absolute (DATADIR_IN_PREFIX))
    return g_strdup (LOCALEDIR);

  localedir = g_build_filename (prefix, LOCALEDIR_IN_PREFIX, NULL);
  if (is_same_dir (localedir, LOCALEDIR) || !has_catalog (localedir))
    return g_strdup (LOCALEDIR);

  datadir = g_build_filename (prefix, DATADIR_IN_PREFIX, NULL);
  schemas = g_build_filename (datadir, "glib-2.0", "schemas", "gschemas.compiled", NULL);
  if (!is_same_dir (datadir, DATADIR) && g_file_test (schemas, G_FILE_TEST_IS_REGULAR))
    prepend_data_dir (datadir);

  return g_steal_pointer (&localedir);
}

/* Runs before any thread exists: it may set environment variables. */
static char *
find_data (void)
{
  g_autofree char *exe_dir = dup_exe_dir ();
  const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");
  gboolean in_build_tree = exe_dir != NULL && is_same_dir (exe_dir, BUILD_BINDIR);

  if (in_build_tree && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMADIR, TRUE);

  if (localedir != NULL && *localedir != '\0')
    return g_strdup (localedir);
  if (in_build_tree)
    return g_strdup (BUILD_LOCALEDIR);

  return dup_installed_localedir (exe_dir);
}

/* main() finds the program's data, then only dispatches: a command runs
 * headless (src/cli), anything else opens the window (src/ui). Both use
 * the same core API. */
int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "");

  localedir = find_data ();
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (nd_cli_wants_command (argc, argv))
    return nd_cli_run (argc, argv);

  db_path = nd_cli_take_db_path (&argc, &argv);

  return nd_application_run (db_path, argc, argv);
}
