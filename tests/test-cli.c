/* test-cli.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gexiv2/gexiv2.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <grp.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nd-mock-wp.h"
#include "nd-test-utils.h"

/* The command line as a user or a script sees it: every test runs the
 * real binary ($NEWSDESK_BIN) on a database of its own and looks at the
 * exit status, stdout and stderr. */

#define SAMPLE_TITLE "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;   /* the exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
dup_bytes_text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

/* Run in the child between fork and exec when set (async-signal-safe
 * calls only): to run newsdesk as another user or with limits. */
static GSpawnChildSetupFunc child_setup;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs newsdesk with @args. @env holds extra "NAME=VALUE" pairs (a
 * value-less "NAME" unsets); @input goes to stdin. NEWSDESK_DB is @db. */
static void
run_full_bytes (Run                *run,
                const char         *db,
                const char * const *env,
                GBytes             *input,
                const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *bin = g_getenv ("NEWSDESK_BIN");

  g_assert_nonnull (bin);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (db != NULL)
    g_subprocess_launcher_setenv (launcher, "NEWSDESK_DB", db, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "NEWSDESK_DB");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      const char *eq = strchr (env[i], '=');

      if (eq == NULL)
        {
          g_subprocess_launcher_unsetenv (launcher, env[i]);
        }
      else
        {
          g_autofree char *name = g_strndup (env[i], eq - env[i]);

          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }

  g_ptr_array_add (argv, (char *) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  stdin_bytes = input != NULL ? g_bytes_ref (input) : g_bytes_new (NULL, 0);
  /* The main context runs meanwhile: the mock site answers from it. */
  g_subprocess_communicate_async (process, stdin_bytes, NULL, communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_finish (process, result, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);

  run->out = dup_bytes_text (stdout_bytes);
  run->err = dup_bytes_text (stderr_bytes);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  if (g_test_verbose ())
    g_printerr ("$ newsdesk%s%s\n  exit %d\n  out: %s\n  err: %s\n",
                args[0] != NULL ? " " : "", args[0] != NULL ? args[0] : "",
                run->status, run->out, run->err);
}

static void
run_full (Run                *run,
          const char         *db,
          const char * const *env,
          const char         *input,
          const char * const *args)
{
  g_autoptr(GBytes) bytes = g_bytes_new (input != NULL ? input : "",
                                         input != NULL ? strlen (input) : 0);

  run_full_bytes (run, db, env, bytes, args);
}

static void
run_args (Run        *run,
          const char *db,
          const char *input,
          va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  g_ptr_array_add (args, NULL);

  run_full (run, db, NULL, input, (const char * const *) args->pdata);
}

/* newsdesk ARGS... with NEWSDESK_DB = the fixture's database. */
G_GNUC_NULL_TERMINATED static void
run_cli (Run     *run,
         Fixture *fixture,
         ...)
{
  va_list ap;

  va_start (ap, fixture);
  run_args (run, fixture->db, NULL, ap);
  va_end (ap);
}

G_GNUC_NULL_TERMINATED static void
run_cli_input (Run        *run,
               Fixture    *fixture,
               const char *input,
               ...)
{
  va_list ap;

  va_start (ap, input);
  run_args (run, fixture->db, input, ap);
  va_end (ap);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* An error is one line, "newsdesk: …", on stderr and nothing on stdout. */
static void
assert_one_error_line (const Run *run,
                       int        status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpuint (count_lines (run->err), ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "newsdesk: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpstr (run->out, ==, "");
}

/* A usage error: one line, then the hint to --help. */
static void
assert_usage_error (const Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpuint (count_lines (run->err), ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "newsdesk: "));
  g_assert_nonnull (strstr (run->err, "“newsdesk --help”"));
  g_assert_cmpstr (run->out, ==, "");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static char *
sample_path (const char *name)
{
  const char *data = g_getenv ("ND_TEST_DATA");

  g_assert_nonnull (data);

  return g_build_filename (data, name, NULL);
}

/* Imports @path and returns the one new id. */
static char *
import_one (Fixture    *fixture,
            const char *db,
            const char *path)
{
  g_auto(Run) run = { 0 };
  const char * const args[] = { "import", path, NULL };
  char *id;

  run_full (&run, db != NULL ? db : fixture->db, NULL, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_lines (run.out), ==, 1);

  id = g_strndup (run.out, strlen (run.out) - 1);
  g_assert_true (g_uuid_string_is_valid (id));

  return id;
}

static char *
import_sample (Fixture *fixture)
{
  g_autofree char *path = sample_path ("meldung-clusterkonferenz-2024.txt");

  return import_one (fixture, NULL, path);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* An item the checklist has nothing against: no image slots. */
static char *
import_complete_item (Fixture *fixture)
{
  g_autofree char *path = write_file (fixture, "complete.txt",
                                      "News\n"
                                      "2024-06-03\n"
                                      "\n"
                                      "Cluster platform opens its call for 2025\n"
                                      "\n"
                                      "The European cluster platform invites proposals for joint projects.\n"
                                      "\n"
                                      "Proposals can be sent until the end of September. The platform "
                                      "answers questions by e-mail.\n");

  return import_one (fixture, NULL, path);
}

/* `show ID --json` parsed; the item object is the node's. */
static JsonNode *
show_json (Fixture    *fixture,
           const char *id)
{
  g_auto(Run) run = { 0 };
  JsonNode *node;

  run_cli (&run, fixture, "show", id, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return node;
}

static char *
dup_tags (JsonObject *object)
{
  JsonArray *tags = json_object_get_array_member (object, "tags");
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_nonnull (tags);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, json_array_get_string_element (tags, i));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "newsdesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  /* The tests write only plain files, directly in the folder. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

static void
test_import_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_auto(Run) run = { 0 };

  /* The human listing: short id, the date in this locale, the title. */
  run_cli (&run, fixture, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (strncmp (run.out, id, 8) == 0);
  g_assert_nonnull (strstr (run.out, SAMPLE_TITLE));
  g_assert_nonnull (strstr (run.out, "Draft"));
}

static void
test_list_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *tags = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *array;
  JsonObject *object;

  run_cli (&run, fixture, "tag", id, "ECCP", "Clusterpolitik", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* UTF-8 as it is, not \u escapes. */
  g_assert_nonnull (strstr (run.out, "Brüssel"));

  node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);

  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, SAMPLE_TITLE);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2024-05-14");
  tags = dup_tags (object);
  g_assert_cmpstr (tags, ==, "ECCP,Clusterpolitik");
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *sample = import_sample (fixture);
  g_autofree char *complete = import_complete_item (fixture);
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "set", complete, "--status", "ready", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture, "tag", sample, "ECCP", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture, "list", "--status", "ready", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (strncmp (run.out, complete, 8) == 0);
  run_clear (&run);

  /* Any spelling of the tag. */
  run_cli (&run, fixture, "list", "--tag", "eccp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (strncmp (run.out, sample, 8) == 0);
  run_clear (&run);

  run_cli (&run, fixture, "list", "--kind", "news", "--status", "draft", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (strncmp (run.out, sample, 8) == 0);
  run_clear (&run);

  /* Nothing found: success, and stdout stays empty. */
  run_cli (&run, fixture, "list", "--status", "published", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, fixture, "list", "--status", "published", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = parse_json (run.out);

    g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  }
  run_clear (&run);

  /* A bad value is a user error that names the valid keys. */
  run_cli (&run, fixture, "list", "--status", "finished", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "finished"));
  g_assert_nonnull (strstr (run.err, "draft"));
  g_assert_nonnull (strstr (run.err, "withdrawn"));
  run_clear (&run);

  run_cli (&run, fixture, "list", "--kind", "Meldung", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "press-release"));
}

static void
test_show_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autoptr(JsonNode) node = show_json (fixture, id);
  JsonObject *object = json_node_get_object (node);
  const char * const keys[] = {
    "id", "kind", "status", "language", "title", "teaser", "body", "date",
    "tags", "images", "remote", "revision", NULL
  };
  const char * const image_keys[] = {
    "role", "credit", "alt", "caption", "sha256", "mime", "width", "height", NULL
  };
  JsonArray *images;
  JsonObject *image;

  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, keys[i]));

  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "news");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "de");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, SAMPLE_TITLE);
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2024-05-14");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "teaser"),
                                   "Anfang Mai 2024 fand die Europäische Clusterkonferenz"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "body"),
                            "Beim Event der National Cluster Associations"));
  g_assert_cmpint (json_object_get_int_member (object, "revision"), >=, 1);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tags")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "remote")));

  images = json_object_get_array_member (object, "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 1);
  image = json_array_get_object_element (images, 0);
  for (guint i = 0; image_keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (image, image_keys[i]));
  g_assert_cmpstr (json_object_get_string_member (image, "role"), ==, "lead");
  g_assert_cmpstr (json_object_get_string_member (image, "credit"), ==, "© VDI/VDE-IT");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (image, "alt"),
                                   "Das Bild zeigt sechs Personen"));
  g_assert_cmpstr (json_object_get_string_member (image, "caption"), ==,
                   "Europäische Clusterkonferenz 2024");
  /* show never carries image bytes. */
  g_assert_false (json_object_has_member (image, "data"));
}

static void
test_show_human (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "show", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Title:"));
  g_assert_nonnull (strstr (run.out, SAMPLE_TITLE));
  g_assert_nonnull (strstr (run.out, id));
  g_assert_nonnull (strstr (run.out, "Kind:"));
  g_assert_nonnull (strstr (run.out, "© VDI/VDE-IT"));
  g_assert_nonnull (strstr (run.out, "Lead image"));
  g_assert_nonnull (strstr (run.out, "Anfang Mai 2024"));
}

/* Writes @export (a JSON export) again with the item's id set to @id,
 * in the item and in every revision's snapshot; returns the file. */
static char *
write_export_with_id (Fixture    *fixture,
                      const char *export,
                      const char *id,
                      const char *name)
{
  g_autoptr(JsonNode) node = parse_json (export);
  JsonObject *object = json_node_get_object (node);
  JsonArray *revisions = json_object_get_array_member (object, "revisions");
  g_autofree char *text = NULL;

  json_object_set_string_member (json_object_get_object_member (object, "item"), "id", id);
  for (guint i = 0; revisions != NULL && i < json_array_get_length (revisions); i++)
    {
      JsonObject *revision = json_array_get_object_element (revisions, i);

      if (json_object_has_member (revision, "snapshot") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (revision, "snapshot")))
        json_object_set_string_member (json_object_get_object_member (revision, "snapshot"),
                                       "id", id);
    }

  text = json_to_string (node, TRUE);

  return write_file (fixture, name, text);
}

static void
test_id_prefix (Fixture       *fixture,
                gconstpointer  data)
{
  const char *first_id = "abcd0000-0000-4000-8000-000000000001";
  const char *second_id = "abcd0000-0000-4000-8000-000000000002";
  g_autofree char *id = import_sample (fixture);
  g_autofree char *prefix = g_strndup (id, 8);
  g_autofree char *upper = g_ascii_strup (second_id, -1);
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *imported = NULL;
  g_autoptr(JsonNode) node = show_json (fixture, prefix);
  g_auto(Run) run = { 0 };

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, id);
  g_clear_pointer (&node, json_node_unref);

  run_cli (&run, fixture, "show", "zzzz", NULL);
  assert_one_error_line (&run, 1);
  g_assert_cmpstr (run.err, ==, "newsdesk: No item “zzzz”\n");
  run_clear (&run);

  /* Two items whose ids begin alike: made from the export of the sample. */
  run_cli (&run, fixture, "export", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  first_path = write_export_with_id (fixture, run.out, first_id, "first.json");
  second_path = write_export_with_id (fixture, run.out, second_id, "second.json");
  run_clear (&run);

  imported = import_one (fixture, NULL, first_path);
  g_assert_cmpstr (imported, ==, first_id);
  g_clear_pointer (&imported, g_free);
  imported = import_one (fixture, NULL, second_path);
  g_assert_cmpstr (imported, ==, second_id);

  run_cli (&run, fixture, "show", "abcd", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "abcd"));
  run_clear (&run);

  run_cli (&run, fixture, "tag", "abcd0000", "x", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);

  /* The full id in capitals names one of them. */
  node = show_json (fixture, upper);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, second_id);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *other = import_complete_item (fixture);
  const char * const hostile[] = { "\"", "AND (", "title:*", "NOT", "\"Brüssel", NULL };
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "search", "brussel", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (strncmp (run.out, id, 8) == 0);
  run_clear (&run);

  /* Several words are one query. */
  run_cli (&run, fixture, "search", "cluster", "platform", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) node = parse_json (run.out);
    JsonArray *array = json_node_get_array (node);

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                     ==, other);
  }
  run_clear (&run);

  for (guint i = 0; hostile[i] != NULL; i++)
    {
      run_cli (&run, fixture, "search", hostile[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
    }

  run_cli (&run, fixture, "search", NULL);
  assert_usage_error (&run);
}

static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autoptr(JsonNode) before = show_json (fixture, id);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) unchanged = NULL;
  g_auto(Run) run = { 0 };
  gint64 revision = json_object_get_int_member (json_node_get_object (before), "revision");
  JsonObject *object;

  run_cli (&run, fixture, "set", id, "--title", "Clusterkonferenz: ein Rückblick",
           "--status", "ready", "--language", "de-at", "--author", "Redaktion",
           "--date", "15.05.2024", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  after = show_json (fixture, id);
  object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==,
                   "Clusterkonferenz: ein Rückblick");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "de-AT");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2024-05-15");
  /* One command, one revision. */
  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, revision + 1);

  /* A bad value anywhere: nothing is written, not even the good ones. */
  run_cli (&run, fixture, "set", id, "--title", "Should not be saved", "--date", "31.02.2024", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);
  run_cli (&run, fixture, "set", id, "--title", "Should not be saved", "--kind", "report", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);
  run_cli (&run, fixture, "set", id, "--title", "Should not be saved", "--language", "Deutsch!", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);
  run_cli (&run, fixture, "set", id, "--title", "Should not be saved", "--status", "done", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);

  unchanged = show_json (fixture, id);
  g_assert_true (json_node_equal (unchanged, after));

  /* UTF-8 text even where the locale's charset is ASCII. */
  {
    const char * const env[] = { "LC_ALL=C", NULL };
    const char * const args[] = { "set", id, "--title", "Grüße aus Brüssel", NULL };
    g_autoptr(JsonNode) ascii = NULL;

    run_full (&run, fixture->db, env, NULL, args);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    ascii = show_json (fixture, id);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ascii), "title"), ==,
                     "Grüße aus Brüssel");
  }

  /* No option at all is bad usage. */
  run_cli (&run, fixture, "set", id, NULL);
  assert_usage_error (&run);
  run_clear (&run);

  run_cli (&run, fixture, "set", "--title", "x", NULL);
  assert_usage_error (&run);
}

static void
test_set_body_and_date (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *body_path = write_file (fixture, "body.md", "Erster Absatz.\n\nZweiter *Absatz*.\n");
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *object;

  run_cli_input (&run, fixture, "Aus der Standardeingabe.\n", "set", id, "--body-file", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  node = show_json (fixture, id);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (node), "body"),
                            "Aus der Standardeingabe."));
  g_clear_pointer (&node, json_node_unref);

  run_cli (&run, fixture, "set", id, "--body-file", body_path, "--date", "", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  node = show_json (fixture, id);
  object = json_node_get_object (node);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "body"), "Zweiter *Absatz*."));
  g_assert_null (strstr (json_object_get_string_member (object, "body"), "Standardeingabe"));
  /* An empty --date removes the date. */
  g_assert_true (json_object_get_null_member (object, "date"));

  run_cli (&run, fixture, "set", id, "--body-file", "/nonexistent/body.md", NULL);
  assert_one_error_line (&run, 1);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *tags = NULL;
  g_auto(Run) run = { 0 };
  gint64 revision;

  run_cli (&run, fixture, "tag", id, "ECCP", "Clusterpolitik", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Another spelling of a tag the item has changes nothing. */
  run_cli (&run, fixture, "tag", id, "eccp", " Eccp ", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  node = show_json (fixture, id);
  tags = dup_tags (json_node_get_object (node));
  g_assert_cmpstr (tags, ==, "ECCP,Clusterpolitik");
  revision = json_object_get_int_member (json_node_get_object (node), "revision");
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&tags, g_free);

  /* Removal by key: "eccp" removes "ECCP". */
  run_cli (&run, fixture, "untag", id, "eccp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  node = show_json (fixture, id);
  tags = dup_tags (json_node_get_object (node));
  g_assert_cmpstr (tags, ==, "Clusterpolitik");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "revision"), ==, revision + 1);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&tags, g_free);

  /* None of the tags there: an error. */
  run_cli (&run, fixture, "untag", id, "ECCP", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "ECCP"));
  run_clear (&run);

  /* Some there: done, the missing one reported. */
  run_cli (&run, fixture, "untag", id, "Brüssel", "CLUSTERPOLITIK", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "Brüssel"));
  run_clear (&run);

  node = show_json (fixture, id);
  tags = dup_tags (json_node_get_object (node));
  g_assert_cmpstr (tags, ==, "");

  run_cli (&run, fixture, "tag", id, "   ", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);

  run_cli (&run, fixture, "tag", id, NULL);
  assert_usage_error (&run);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *sample = import_sample (fixture);
  g_autofree char *complete = import_complete_item (fixture);
  g_autofree char *lower = NULL;
  g_auto(Run) run = { 0 };

  /* The sample's image is a slot without a file: not ready. */
  run_cli (&run, fixture, "check", sample, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "✗ Error: "));
  lower = g_utf8_strdown (run.out, -1);
  g_assert_nonnull (strstr (lower, "image"));
  g_assert_null (strstr (run.out, "Ready to publish."));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  run_clear (&run);

  run_cli (&run, fixture, "check", complete, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Error:"));
  g_assert_true (g_str_has_suffix (run.out, "Ready to publish.\n"));
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* Taking the title away makes it fail. */
  run_cli (&run, fixture, "set", complete, "--title", "", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture, "check", complete, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "✗ Error: "));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *out_path = g_build_filename (fixture->dir, "export.json", NULL);
  g_autofree char *other_db = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *object;

  run_cli (&run, fixture, "export", id, "--format", "text", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Meldung\n14.05.2024\n"));
  g_assert_nonnull (strstr (run.out, SAMPLE_TITLE));
  g_assert_nonnull (strstr (run.out, "© VDI/VDE-IT"));
  run_clear (&run);

  run_cli (&run, fixture, "export", id, "--format", "html", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lower = g_ascii_strdown (run.out, -1);
  g_assert_nonnull (strstr (lower, "<html"));
  g_assert_nonnull (strstr (run.out, "Rückblick auf Europäische Clusterkonferenz"));
  run_clear (&run);

  run_cli (&run, fixture, "export", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "newsdesk-item");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "item"), "id"),
                   ==, id);

  /* -o writes the same export to a file. */
  {
    g_auto(Run) to_file = { 0 };

    run_cli (&to_file, fixture, "export", id, "--format=json", "-o", out_path, NULL);
    g_assert_cmpint (to_file.status, ==, 0);
    g_assert_cmpstr (to_file.out, ==, "");
  }
  g_file_get_contents (out_path, &written, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) from_file = parse_json (written);

    g_assert_true (json_node_equal (from_file, node));
  }
  run_clear (&run);

  /* The export goes into another database with the same id. */
  {
    g_autofree char *imported = import_one (fixture, other_db, out_path);
    g_auto(Run) show = { 0 };
    const char * const args[] = { "show", id, "--json", NULL };

    g_assert_cmpstr (imported, ==, id);
    run_full (&show, other_db, NULL, NULL, args);
    g_assert_cmpint (show.status, ==, 0);
    g_assert_nonnull (strstr (show.out, SAMPLE_TITLE));
  }

  run_cli (&run, fixture, "export", id, "--format", "pdf", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "html"));
  run_clear (&run);

  run_cli (&run, fixture, "export", "0000", NULL);
  if (!g_str_has_prefix (id, "0000"))
    assert_one_error_line (&run, 1);
}

static void
test_import_partial (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *good = sample_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *empty = write_file (fixture, "empty.txt", "");
  g_autofree char *image = sample_path ("logo.png");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  g_autofree char *id = NULL;

  run_cli (&run, fixture, "import", empty, good, image, missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* The good one is in, the three others reported, a line each. */
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  id = g_strndup (run.out, strlen (run.out) - 1);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpuint (count_lines (run.err), ==, 3);
  g_assert_nonnull (strstr (run.err, "empty.txt"));
  g_assert_nonnull (strstr (run.err, "logo.png"));
  g_assert_nonnull (strstr (run.err, "missing.txt"));
  run_clear (&run);

  run_cli (&run, fixture, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  run_clear (&run);

  run_cli (&run, fixture, "import", NULL);
  assert_usage_error (&run);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  /* Commands given a stray argument, and one that does not exist: bad
   * usage (exit 2) with the command's name in the message. */
  const char * const misused[] = { "attach", "target", "publish", "withdraw", "outbox", "frobnicate", NULL };
  g_auto(Run) run = { 0 };

  for (guint i = 0; misused[i] != NULL; i++)
    {
      run_cli (&run, fixture, misused[i], "x", NULL);
      assert_usage_error (&run);
      g_assert_nonnull (strstr (run.err, misused[i]));
      run_clear (&run);
    }

  run_cli (&run, fixture, "list", "--bogus", NULL);
  assert_usage_error (&run);
  g_assert_nonnull (strstr (run.err, "--bogus"));
  run_clear (&run);

  run_cli (&run, fixture, "--bogus", NULL);
  assert_usage_error (&run);
  run_clear (&run);

  run_cli (&run, fixture, "show", NULL);
  assert_usage_error (&run);
  run_clear (&run);

  run_cli (&run, fixture, "show", "a", "b", NULL);
  assert_usage_error (&run);
  run_clear (&run);

  run_cli (&run, fixture, "list", "--db", NULL);
  assert_usage_error (&run);
  run_clear (&run);

  run_cli (&run, fixture, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "import"));
  g_assert_nonnull (strstr (run.out, "untag"));
  g_assert_nonnull (strstr (run.out, "attach"));
  g_assert_nonnull (strstr (run.out, "target"));
  g_assert_nonnull (strstr (run.out, "publish"));
  g_assert_nonnull (strstr (run.out, "withdraw"));
  g_assert_nonnull (strstr (run.out, "outbox"));
  run_clear (&run);

  run_cli (&run, fixture, "list", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--status"));
  g_assert_nonnull (strstr (run.out, "--json"));
  run_clear (&run);

  run_cli (&run, fixture, "--help", "untag", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "newsdesk untag"));
  run_clear (&run);

  run_cli (&run, fixture, "set", "-h", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--body-file"));
  run_clear (&run);

  run_cli (&run, fixture, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "newsdesk " PACKAGE_VERSION "\n");
  run_clear (&run);

  /* None of the above created the database. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_db_option (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *db_equals = g_strconcat ("--db=", other, NULL);
  g_autofree char *path = sample_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *id = NULL;
  g_auto(Run) run = { 0 };

  /* --db wins over NEWSDESK_DB, before or after the command. */
  run_cli (&run, fixture, "--db", other, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  id = g_strndup (run.out, 36);
  run_clear (&run);

  run_cli (&run, fixture, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_cli (&run, fixture, "list", "--db", other, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (strncmp (run.out, id, 8) == 0);
  run_clear (&run);

  run_cli (&run, fixture, "show", db_equals, id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* Without --db, NEWSDESK_DB is the database. */
  {
    const char * const args[] = { "show", id, NULL };

    run_full (&run, other, NULL, NULL, args);
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "This is a letter to the editor, not a database.\n");
  path = write_file (fixture, "letter.txt", text->str);

  run_cli (&run, fixture, "--db", path, "list", NULL);
  assert_one_error_line (&run, 1);
  run_clear (&run);

  run_cli (&run, fixture, "tag", "--db", path, "0000", "x", NULL);
  assert_one_error_line (&run, 1);

  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, text->str);
}

static void
test_german (Fixture       *fixture,
             gconstpointer  data)
{
  const char * const env[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  const char * const args[] = { "show", "zzzz", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_auto(Run) run = { 0 };

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, saved);

  /* NEWSDESK_LOCALEDIR comes from the environment (meson test sets it). */
  run_full (&run, fixture->db, env, NULL, args);
  assert_one_error_line (&run, 1);
  g_assert_cmpstr (run.err, ==, "newsdesk: Kein Beitrag „zzzz“\n");
}

/* The database where it cannot be written, and where it cannot be ---- */

/* As root, file modes do not stop writes: the command runs as nobody. */
static void
become_nobody (gpointer user_data)
{
  if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
    _exit (126);
}

/* Files may not grow past 64 KiB: the write that would fails with EFBIG,
 * as on a full disk, not with a signal. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (126);
}

static gboolean
have_german (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean have = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;

  setlocale (LC_ALL, saved);
  if (!have)
    g_test_skip ("the de_DE.UTF-8 locale is not installed");

  return have;
}

/* SQLite's English messages, which must never reach a German user. */
static void
assert_no_english (const char *message)
{
  static const char * const english[] = {
    "disk I/O error", "unable to open", "database file", "database or disk is full",
    "attempt to write", "is locked", "SQL logic error", "out of memory", "cannot",
  };

  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    if (strstr (message, english[i]) != NULL)
      g_error ("English (“%s”) in a German message: %s", english[i], message);
}

/* The sample in FIXTURE/ro/news.db, then the file and its folder made
 * read-only; returns the item's id. */
static char *
make_read_only_db (Fixture  *fixture,
                   char    **db,
                   char    **folder)
{
  g_autofree char *sample = sample_path ("meldung-clusterkonferenz-2024.txt");
  char *id;

  *folder = g_build_filename (fixture->dir, "ro", NULL);
  *db = g_build_filename (*folder, "news.db", NULL);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  id = import_one (fixture, *db, sample);

  g_assert_cmpint (g_chmod (*db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (*folder, 0555), ==, 0);

  return id;
}

static void
run_as_nobody (Run                *run,
               const char         *db,
               const char * const *env,
               const char * const *args)
{
  child_setup = become_nobody;
  run_full (run, db, env, NULL, args);
  child_setup = NULL;
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const german[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  g_autofree char *folder = NULL;
  g_autofree char *db = NULL;
  g_autofree char *id = make_read_only_db (fixture, &db, &folder);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_size = 0;
  gsize after_size = 0;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *sample = sample_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *expected = NULL;
  g_autoptr(GDir) dir = NULL;

  g_assert_true (g_file_get_contents (db, &before, &before_size, NULL));

  /* Reading works: list, show, search, export. */
  {
    const char * const reads[][5] = {
      { "list", NULL },
      { "show", id, NULL },
      { "search", "Clusterkonferenz", NULL },
      { "export", id, "--format", "text", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
      {
        g_auto(Run) run = { 0 };

        run_as_nobody (&run, db, NULL, reads[i]);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_cmpstr (run.err, ==, "");
        g_assert_nonnull (strstr (run.out, "Clusterkonferenz 2024 in Brüssel"));
      }
  }

  /* Writing is refused at once, saying why, and changes nothing. */
  {
    const char * const writes[][5] = {
      { "set", id, "--title", "Neu", NULL },
      { "tag", id, "Cluster", NULL },
      { "import", sample, NULL },
    };

    expected = g_strdup_printf ("newsdesk: The database “%s” cannot be written\n", db);
    for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
      {
        g_auto(Run) run = { 0 };

        run_as_nobody (&run, db, NULL, writes[i]);
        assert_one_error_line (&run, 1);
        g_assert_cmpstr (run.err, ==, expected);
      }
  }

  if (have_german ())
    {
      const char * const args[] = { "set", id, "--title", "Neu", NULL };
      g_auto(Run) run = { 0 };
      g_autofree char *message = g_strdup_printf ("newsdesk: In die Datenbank „%s“ kann nicht "
                                                  "geschrieben werden\n", db);

      run_as_nobody (&run, db, german, args);
      assert_one_error_line (&run, 1);
      g_assert_cmpstr (run.err, ==, message);
    }

  g_assert_true (g_file_get_contents (db, &after, &after_size, NULL));
  g_assert_cmpmem (before, before_size, after, after_size);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  dir = g_dir_open (folder, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "news.db");
  g_assert_null (g_dir_read_name (dir));

  nd_test_remove_tree (folder);
}

/* A FIFO, a folder and a folder that cannot be made as the database: the
 * German message is German throughout, none of SQLite's English. */
static void
test_not_a_file_german (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const env[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.db", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.db", NULL);
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "news.db", NULL);
  g_autofree char *ro = g_build_filename (fixture->dir, "ro", NULL);
  g_autofree char *under_ro = g_build_filename (ro, "missing", "news.db", NULL);
  struct
  {
    const char *db;
    char       *expected;
    gboolean    as_nobody;
  } cases[] = {
    { fifo, g_strdup_printf ("newsdesk: „%s“ ist keine gewöhnliche Datei und kann daher keine "
                             "Newsdesk-Datenbank sein\n", fifo), FALSE },
    { folder, g_strdup_printf ("newsdesk: „%s“ ist ein Ordner, keine Newsdesk-Datenbank\n", folder),
      FALSE },
    /* The reason is the C library's, in German too. */
    { under_file, g_strdup_printf ("newsdesk: Der Ordner für die Datenbank „%s“ kann nicht "
                                   "angelegt werden: %s\n", under_file, "Ist kein Verzeichnis"),
      FALSE },
    { under_ro, g_strdup_printf ("newsdesk: In die Datenbank „%s“ kann nicht geschrieben werden\n",
                                 under_ro), TRUE },
  };

  if (!have_german ())
    return;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_cmpint (g_mkdir (ro, 0555), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const args[] = { "list", NULL };
      g_auto(Run) run = { 0 };

      if (cases[i].as_nobody)
        run_as_nobody (&run, cases[i].db, env, args);
      else
        run_full (&run, cases[i].db, env, NULL, args);
      assert_one_error_line (&run, 1);
      g_assert_cmpstr (run.err, ==, cases[i].expected);
      assert_no_english (run.err);
      g_free (cases[i].expected);
    }

  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (ro), ==, 0);
}

/* A write that fails as on a full disk (the file may not grow): a German
 * sentence with the system's reason, nothing stored. */
static void
test_io_error_german (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const env[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  g_autofree char *sample = sample_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *id = NULL;
  g_autofree char *prefix = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) listed = { 0 };

  if (!have_german ())
    return;

  id = import_one (fixture, NULL, sample);

  {
    const char * const args[] = { "import", sample, NULL };

    child_setup = limit_file_size;
    run_full (&run, fixture->db, env, NULL, args);
    child_setup = NULL;
  }
  assert_one_error_line (&run, 1);
  prefix = g_strdup_printf ("newsdesk: meldung-clusterkonferenz-2024.txt: Die Datenbank „%s“ "
                            "konnte nicht gelesen oder geschrieben werden", fixture->db);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  assert_no_english (run.err);

  run_cli (&listed, fixture, "list", "--json", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  {
    g_autoptr(JsonNode) items = parse_json (listed.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (items)), ==, 1);
  }
}

/* `import` of 100,000 levels of "[" (a SIGSEGV in json-glib before the
 * bound) and of a broken JSON file, in German: one clear line in our
 * words, not json-glib's English, exit 1, nothing imported. */
static void
test_import_deep_json_german (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const env[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *id = import_complete_item (fixture);
  GString *deep = g_string_new (NULL);
  g_autofree char *deep_path = NULL;
  g_autofree char *open_path = write_file (fixture, "open.json", "{\n  \"format\": \"newsdesk-item");
  g_auto(Run) list_before = { 0 };
  g_auto(Run) list_after = { 0 };

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_string_free (deep, TRUE);
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, saved);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  deep_path = write_file (fixture, "deep.json", deep->str);
  g_string_free (deep, TRUE);

  run_cli (&list_before, fixture, "list", NULL);

  {
    const char * const args[] = { "import", deep_path, NULL };
    g_auto(Run) run = { 0 };

    run_full (&run, fixture->db, env, NULL, args);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "deep.json: die Datei ist zu tief verschachtelt (mehr als 64 Ebenen"));
  }

  {
    const char * const args[] = { "import", open_path, NULL };
    g_auto(Run) run = { 0 };

    run_full (&run, fixture->db, env, NULL, args);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "open.json: dies ist kein gültiges JSON: "
                                       "eine Zeichenkette ist nicht geschlossen (Zeile 2, Spalte 13)"));
    g_assert_null (strstr (run.err, "scanner"));
  }

  run_cli (&list_after, fixture, "list", NULL);
  g_assert_cmpstr (list_after.out, ==, list_before.out);
}

/* Images */

/* The length of `images --json` and the images and revision of `show
 * --json`: what a refused attach must leave as it was. */
static char *
dup_store_state (Fixture    *fixture,
                 const char *id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) library = NULL;
  g_autoptr(JsonNode) shown = show_json (fixture, id);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_node_get_object (shown);
  g_autofree char *images = NULL;

  run_cli (&run, fixture, "images", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  library = parse_json (run.out);

  json_generator_set_root (generator, json_object_get_member (object, "images"));
  images = json_generator_to_data (generator, NULL);

  return g_strdup_printf ("library=%u revision=%" G_GINT64_FORMAT " images=%s",
                          json_array_get_length (json_node_get_array (library)),
                          json_object_get_int_member (object, "revision"),
                          images);
}

static void
test_attach_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *photo = sample_path ("clusterkonferenz-2024.jpg");
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) attached = NULL;
  JsonObject *image;
  JsonArray *from_file;
  g_auto(Run) run = { 0 };

  /* Before: the importer's slot has no file. */
  run_cli (&run, fixture, "check", id, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  run_cli (&run, fixture, "attach", id, photo, "--lead", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  attached = parse_json (run.out);
  image = json_node_get_object (attached);
  g_assert_cmpstr (json_object_get_string_member (image, "role"), ==, "lead");
  g_assert_cmpstr (json_object_get_string_member (image, "creator"), ==, "VDI/VDE-IT");
  from_file = json_object_get_array_member (image, "from_file");
  g_assert_cmpuint (json_array_get_length (from_file), >=, 2);
  g_assert_cmpstr (json_array_get_string_element (from_file, 0), ==, "creator");
  run_clear (&run);

  shown = show_json (fixture, id);
  {
    JsonArray *images = json_object_get_array_member (json_node_get_object (shown), "images");
    JsonObject *lead;

    g_assert_cmpuint (json_array_get_length (images), ==, 1);
    lead = json_array_get_object_element (images, 0);
    g_assert_cmpstr (json_object_get_string_member (lead, "role"), ==, "lead");
    g_assert_cmpstr (json_object_get_string_member (lead, "mime"), ==, "image/jpeg");
    g_assert_cmpint (json_object_get_int_member (lead, "width"), ==, 1600);
    g_assert_cmpint (json_object_get_int_member (lead, "height"), ==, 900);
    g_assert_cmpstr (json_object_get_string_member (lead, "caption"), ==, "Europäische Clusterkonferenz 2024");
    g_assert_nonnull (strstr (json_object_get_string_member (lead, "credit"), "VDI/VDE-IT"));
  }

  run_cli (&run, fixture, "check", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* The human output marks what the file gave. */
  run_cli (&run, fixture, "credits", id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1  © VDI/VDE-IT — Europäische Clusterkonferenz 2024\n");
}

static void
test_attach_missing_credit (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *id = import_complete_item (fixture);
  g_autofree char *plain = sample_path ("no-metadata.jpg");
  g_auto(Run) run = { 0 };

  /* A file without metadata and nothing given: attached, but not ready. */
  run_cli (&run, fixture, "attach", id, plain, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "image/jpeg, 800 × 600"));
  run_clear (&run);

  run_cli (&run, fixture, "check", id, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Image 1 has no credit"));
  g_assert_nonnull (strstr (run.out, "Image 1 has no alt text"));
}

static void
test_attach_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *truncated = sample_path ("truncated.jpg");
  g_autofree char *text = sample_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.jpg", NULL);
  g_autofree char *before = dup_store_state (fixture, id);
  const char *files[] = { truncated, text, missing };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *after = NULL;
      g_autofree char *base = g_path_get_basename (files[i]);

      run_cli (&run, fixture, "attach", id, files[i], "--lead", NULL);
      assert_one_error_line (&run, 1);
      g_assert_nonnull (strstr (run.err, base));

      after = dup_store_state (fixture, id);
      g_assert_cmpstr (after, ==, before);
    }

  {
    g_auto(Run) run = { 0 };

    /* FILE and --image are either-or. */
    run_cli (&run, fixture, "attach", id, NULL);
    assert_usage_error (&run);
  }
}

/* newsdesk ARGS… waited for with wait4 (), for that one child's peak
 * memory; stdout is dropped. Returns the exit status. */
static int
run_measured (Fixture             *fixture,
              const char * const  *args,
              char               **err,
              gint64              *peak_rss_kb,
              double              *seconds)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  struct rusage usage = { 0 };
  gint64 start;
  GPid pid;
  int err_fd = -1;
  int status = 0;
  char buffer[4096];
  gssize n;

  g_ptr_array_add (argv, (char *) g_getenv ("NEWSDESK_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "NEWSDESK_DB", fixture->db, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  start = g_get_monotonic_time ();
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, envp,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);

  while ((n = read (err_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (err_fd);

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_spawn_close_pid (pid);

  *peak_rss_kb = usage.ru_maxrss;
  *err = g_string_free (g_steal_pointer (&text), FALSE);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A 30000 × 30000 PNG of 874 KB (900 MB of pixels) is refused from its
 * header: at once, naming its size and the limit, in bounded memory,
 * and the store stays as it was. */
static void
test_attach_bomb (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "bomb.png", NULL);
  g_autofree char *before = dup_store_state (fixture, id);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bomb = nd_test_png_bomb (30000, 30000);
  g_autoptr(GError) error = NULL;
  const char *args[] = { "attach", id, path, "--lead", NULL };
  gint64 peak_kb = 0;
  double seconds = 0;
  int status;

  g_file_set_contents (path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1000 * 1000);

  status = run_measured (fixture, args, &err, &peak_kb, &seconds);
  g_test_message ("attach of a 30000 × 30000 PNG (%" G_GSIZE_FORMAT " bytes): "
                  "refused in %.3f s, peak RSS %" G_GINT64_FORMAT " KB",
                  g_bytes_get_size (bomb), seconds, peak_kb);

  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "bomb.png"));
  g_assert_nonnull (strstr (err, "30000 × 30000 pixels"));
  g_assert_nonnull (strstr (err, "at most 100 megapixels"));
  g_assert_cmpuint (count_lines (err), ==, 1);
  /* Decoding it would take 900 MB at least (2.6 GB before the fix). */
  g_assert_cmpint (peak_kb, <, 300 * 1024);

  after = dup_store_state (fixture, id);
  g_assert_cmpstr (after, ==, before);
}

#define CREDIT_A "Foto: Max Muster / VDI/VDE-IT"
#define CREDIT_B "Foto: Erika Beispiel"

/* The lead image's credit and the item's revision, from `show --json`. */
static char *
dup_lead_credit (Fixture    *fixture,
                 const char *db,
                 const char *id,
                 gint64     *revision)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) node = NULL;
  const char * const args[] = { "show", id, "--json", NULL };
  JsonObject *object;
  JsonArray *images;

  run_full (&run, db != NULL ? db : fixture->db, NULL, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  object = json_node_get_object (node);
  if (revision != NULL)
    *revision = json_object_get_int_member (object, "revision");
  images = json_object_get_array_member (object, "images");
  g_assert_cmpuint (json_array_get_length (images), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (images, 0), "role"), ==, "lead");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (images, 0), "credit"));
}

/* One photo, two items, two credits: each item keeps its own, the first
 * gets no revision from the second's attach, and both survive the JSON
 * export into another database and the text export. */
static void
test_attach_credit_per_use (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *a = import_sample (fixture);
  g_autofree char *b = import_sample (fixture);
  g_autofree char *photo = sample_path ("clusterkonferenz-2024.jpg");
  g_autofree char *credit = NULL;
  g_autofree char *a_json = g_build_filename (fixture->dir, "a.json", NULL);
  g_autofree char *b_json = g_build_filename (fixture->dir, "b.json", NULL);
  g_autofree char *other_db = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(JsonNode) library = NULL;
  gint64 revision_before = 0;
  gint64 revision_after = 0;
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "attach", a, photo, "--lead", "--credit", CREDIT_A, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  credit = dup_lead_credit (fixture, NULL, a, &revision_before);
  g_assert_cmpstr (credit, ==, CREDIT_A);
  g_clear_pointer (&credit, g_free);

  run_cli (&run, fixture, "attach", b, photo, "--credit", CREDIT_B, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CREDIT_B));
  run_clear (&run);

  credit = dup_lead_credit (fixture, NULL, a, &revision_after);
  g_assert_cmpstr (credit, ==, CREDIT_A);
  g_assert_cmpint (revision_after, ==, revision_before);
  g_clear_pointer (&credit, g_free);
  credit = dup_lead_credit (fixture, NULL, b, NULL);
  g_assert_cmpstr (credit, ==, CREDIT_B);
  g_clear_pointer (&credit, g_free);

  run_cli (&run, fixture, "credits", a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CREDIT_A));
  g_assert_null (strstr (run.out, CREDIT_B));
  run_clear (&run);
  run_cli (&run, fixture, "credits", b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CREDIT_B));
  g_assert_null (strstr (run.out, "Max Muster"));
  run_clear (&run);

  /* The library: one file, two uses; its default credit is the first
   * use's, and a use's credit finds it too. */
  run_cli (&run, fixture, "images", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  library = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (library)), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (json_node_get_array (library), 0);

    g_assert_cmpint (json_object_get_int_member (entry, "uses"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (entry, "credit"), ==, CREDIT_A);
  }
  run_clear (&run);
  run_cli (&run, fixture, "images", "erika", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  run_clear (&run);

  run_cli (&run, fixture, "export", b, "--format", "text", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, CREDIT_B));
  g_assert_null (strstr (run.out, "Max Muster"));
  run_clear (&run);

  /* Lossless per use: both exports into one other database, where the
   * file is stored once again. */
  run_cli (&run, fixture, "export", a, "-o", a_json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture, "export", b, "-o", b_json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_free (import_one (fixture, other_db, a_json));
  g_free (import_one (fixture, other_db, b_json));
  credit = dup_lead_credit (fixture, other_db, a, NULL);
  g_assert_cmpstr (credit, ==, CREDIT_A);
  g_clear_pointer (&credit, g_free);
  credit = dup_lead_credit (fixture, other_db, b, NULL);
  g_assert_cmpstr (credit, ==, CREDIT_B);
}

static void
test_images_library (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *first = import_sample (fixture);
  g_autofree char *second = import_complete_item (fixture);
  g_autofree char *photo = sample_path ("clusterkonferenz-2024.jpg");
  g_autofree char *logo = sample_path ("logo.png");
  g_autoptr(JsonNode) library = NULL;
  g_autoptr(JsonNode) credits = NULL;
  g_autofree char *sha = NULL;
  JsonObject *entry;
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "attach", first, photo, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, fixture, "attach", first, logo, "--credit", "ACME", "--alt", "Das Logo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture, "images", "vdi", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  library = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (library)), ==, 1);
  entry = json_array_get_object_element (json_node_get_array (library), 0);
  g_assert_cmpint (json_object_get_int_member (entry, "uses"), ==, 1);
  sha = g_strndup (json_object_get_string_member (entry, "sha256"), 10);
  run_clear (&run);

  /* Reuse in the second item, with its credit. */
  run_cli (&run, fixture, "attach", second, "--image", sha, "--lead", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture, "credits", second, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  credits = parse_json (run.out);
  entry = json_array_get_object_element (json_node_get_array (credits), 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "sha256"), sha));
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "credit"), "VDI/VDE-IT"));
  run_clear (&run);

  run_cli (&run, fixture, "images", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_nonnull (strstr (run.out, "2 items"));
  g_assert_nonnull (strstr (run.out, "© ACME"));
  run_clear (&run);

  run_cli (&run, fixture, "check", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_export_images (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = import_sample (fixture);
  g_autofree char *photo = sample_path ("clusterkonferenz-2024.jpg");
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GExiv2Metadata) md = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "attach", id, photo, "--caption", "Auf der Bühne in Brüssel", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, fixture, "export-images", id, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  path = g_strndup (run.out, strlen (run.out) - 1);
  g_assert_true (g_str_has_suffix (path, ".jpg"));

  md = gexiv2_metadata_new ();
  gexiv2_metadata_open_path (md, path, &error);
  g_assert_no_error (error);
  credit = gexiv2_metadata_try_get_tag_string (md, "Iptc.Application2.Credit", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (credit, "VDI/VDE-IT"));
  caption = gexiv2_metadata_try_get_tag_string (md, "Xmp.dc.description", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (caption, "Auf der Bühne in Brüssel"));

  /* The stored file is the original, byte for byte. */
  g_file_get_contents (photo, &contents, &length, &error);
  g_assert_no_error (error);
  original_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  run_clear (&run);
  run_cli (&run, fixture, "credits", id, "--json", NULL);
  g_assert_nonnull (strstr (run.out, original_sha));

  /* The fixture removes plain files only. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (out), ==, 0);
}

/* Publishing targets (target add|list|remove). Every run gets an explicit
 * session bus: a private keyring (tests/setup/keyring-session, files in a
 * temporary folder) or "disabled:", so that no test reaches the keyring of
 * the user who runs them. */

#define TARGET_PASSWORD "wxyz 9876 QRST 5432 uvab"


/* newsdesk ARGS... on the fixture's database with @bus_env, "disabled:"
 * if NULL, and @input on stdin. */
G_GNUC_NULL_TERMINATED static void
run_target (Run        *run,
            Fixture    *fixture,
            const char *bus_env,
            const char *input,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *env[] = { bus_env != NULL ? bus_env : "DBUS_SESSION_BUS_ADDRESS=disabled:", NULL };
  const char *arg;
  va_list ap;

  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_full (run, fixture->db, env, input, (const char * const *) args->pdata);
}

static gboolean
database_contains (Fixture    *fixture,
                   const char *needle)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->db, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;

      for (gsize j = 0; j + strlen (needle) <= length; j++)
        {
          if (memcmp (contents + j, needle, strlen (needle)) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static JsonObject *
find_target (JsonArray  *targets,
             const char *name)
{
  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *object = json_array_get_object_element (targets, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }

  return NULL;
}

static void
test_target_keyring (Fixture       *fixture,
                     gconstpointer  data)
{
  NdTestKeyring *keyring = NULL;
  g_autofree char *address_env = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *targets;
  JsonObject *wp;
  JsonObject *local;

  keyring = nd_test_keyring_start ();
  address_env = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=", keyring->address, NULL);

  run_target (&run, fixture, address_env, TARGET_PASSWORD "\nnot the password\n",
              "target", "add", "wp", "--type", "wordpress", "--url", "https://WP.example.org/news/",
              "--user", "redaktion", "--password-stdin",
              "--ca-file", "/etc/ssl/certs/ca-certificates.crt",
              "--category", "news=Meldungen", "--category", "press-release=12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_target (&run, fixture, address_env, NULL,
              "target", "add", "local", "--url", "http://127.0.0.1:8080", "--user", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* Text: one line each, by name, with where the password is. */
  run_target (&run, fixture, address_env, NULL, "target", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_true (g_str_has_prefix (run.out, "local "));
  g_assert_nonnull (strstr (run.out, "\nwp "));
  g_assert_nonnull (strstr (run.out, "https://wp.example.org/news  (password in the keyring)\n"));
  g_assert_nonnull (strstr (run.out, "http://127.0.0.1:8080  (no password stored)\n"));
  run_clear (&run);

  run_target (&run, fixture, address_env, NULL, "target", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  targets = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  wp = find_target (targets, "wp");
  local = find_target (targets, "local");
  g_assert_nonnull (wp);
  g_assert_nonnull (local);
  g_assert_cmpstr (json_object_get_string_member (wp, "type"), ==, "wordpress");
  g_assert_cmpstr (json_object_get_string_member (wp, "url"), ==, "https://wp.example.org/news");
  g_assert_cmpstr (json_object_get_string_member (wp, "user"), ==, "redaktion");
  g_assert_cmpstr (json_object_get_string_member (wp, "ca_file"), ==, "/etc/ssl/certs/ca-certificates.crt");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (wp, "categories"), "news"),
                   ==, "Meldungen");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (wp, "categories"), "press-release"),
                   ==, "12");
  g_assert_cmpstr (json_object_get_string_member (wp, "password"), ==, "stored");
  g_assert_true (json_object_get_null_member (local, "ca_file"));
  g_assert_cmpstr (json_object_get_string_member (local, "password"), ==, "missing");
  g_assert_nonnull (json_object_get_string_member (local, "created"));
  /* The password is nowhere in what we print or store; the user name is,
   * which shows that the search does find what is there. */
  g_assert_null (strstr (run.out, TARGET_PASSWORD));
  g_assert_true (database_contains (fixture, "redaktion"));
  g_assert_false (database_contains (fixture, TARGET_PASSWORD));
  g_assert_false (database_contains (fixture, "not the password"));
  run_clear (&run);

  /* The same name again: refused, the keyring keeps the first password. */
  run_target (&run, fixture, address_env, "another password\n",
              "target", "add", "wp", "--url", "https://wp.example.org/news", "--user", "redaktion",
              "--password-stdin", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "“wp”"));
  run_clear (&run);

  /* Removing takes the password out of the keyring too: added again
   * without one, the target has none. */
  run_target (&run, fixture, address_env, NULL, "target", "remove", "wp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_target (&run, fixture, address_env, NULL, "target", "list", NULL);
  g_assert_cmpuint (count_lines (run.out), ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "local "));
  run_clear (&run);

  run_target (&run, fixture, address_env, NULL,
              "target", "add", "wp", "--url", "https://wp.example.org/news", "--user", "redaktion", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_target (&run, fixture, address_env, NULL, "target", "list", NULL);
  g_assert_nonnull (strstr (run.out, "https://wp.example.org/news  (no password stored)\n"));
  run_clear (&run);

  run_target (&run, fixture, address_env, NULL, "target", "remove", "nonexistent", NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "“nonexistent”"));

  nd_test_keyring_stop (keyring);
}

/* Without a keyring: the clear message, and nothing stored at all. */
static void
test_target_no_keyring (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *targets;

  run_target (&run, fixture, NULL, TARGET_PASSWORD "\n",
              "target", "add", "wp", "--type", "wordpress", "--url", "https://wp.example.org",
              "--user", "redaktion", "--password-stdin", NULL);
  assert_one_error_line (&run, 1);
  g_assert_true (g_str_has_prefix (run.err, "newsdesk: No keyring is available: "));
  g_assert_nonnull (strstr (run.err, "--password-file"));
  g_assert_null (strstr (run.err, TARGET_PASSWORD));
  run_clear (&run);

  run_target (&run, fixture, NULL, NULL, "target", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  node = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_assert_false (database_contains (fixture, TARGET_PASSWORD));
  g_assert_false (database_contains (fixture, "redaktion"));
  g_clear_pointer (&node, json_node_unref);
  run_clear (&run);

  /* Without --password-stdin the target is added; whether it has a
   * password nobody can say. */
  run_target (&run, fixture, NULL, NULL,
              "target", "add", "wp", "--url", "https://wp.example.org", "--user", "redaktion", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  run_target (&run, fixture, NULL, NULL, "target", "list", "--json", NULL);
  node = parse_json (run.out);
  targets = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (targets), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (targets, 0), "password"),
                   ==, "unknown");
  run_clear (&run);

  run_target (&run, fixture, NULL, NULL, "target", "list", NULL);
  g_assert_cmpstr (run.out, ==, "wp  wordpress  redaktion  https://wp.example.org  (no keyring available)\n");
  run_clear (&run);

  /* Removed all the same; the keyring part is reported. */
  run_target (&run, fixture, NULL, NULL, "target", "remove", "wp", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "No keyring is available: "));
  run_clear (&run);
  run_target (&run, fixture, NULL, NULL, "target", "list", NULL);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_target_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *not_pem = write_file (fixture, "not-a-ca.pem", "hello\n");
  const struct {
    const char *args[12];
    const char *message;
  } errors[] = {
    { { "target", "add", "wp", "--url", "http://wp.example.org", "--user", "u", NULL },
      "https://" },
    { { "target", "add", "wp", "--url", "wp.example.org", "--user", "u", NULL },
      "“wp.example.org”" },
    { { "target", "add", "wp", "--url", "https://u:secret@wp.example.org", "--user", "u", NULL },
      "user name or password" },
    { { "target", "add", "wp", "--type", "drupal", "--url", "https://wp.example.org", "--user", "u", NULL },
      "“drupal”" },
    { { "target", "add", "-", "--url", "https://wp.example.org", "--user", "u", NULL },
      "“-”" },
    { { "target", "add", "wp", "--url", "https://wp.example.org", "--user", "u",
        "--category", "podcast=Audio", NULL },
      "“podcast”" },
    { { "target", "add", "wp", "--url", "https://wp.example.org", "--user", "u",
        "--category", "news", NULL },
      "KIND=CATEGORY" },
    { { "target", "add", "wp", "--url", "https://wp.example.org", "--user", "u",
        "--ca-file", not_pem, NULL },
      "not-a-ca.pem" },
    { { "target", "add", "wp", "--url", "https://wp.example.org", "--user", "u",
        "--password-stdin", NULL },
      "empty" },
    { { "target", "remove", "wp", NULL },
      "“wp”" },
  };
  const char *usages[][8] = {
    { "target", NULL },
    { "target", "rename", NULL },
    { "target", "add", NULL },
    { "target", "add", "wp", "--user", "u", NULL },
    { "target", "add", "wp", "--url", "https://wp.example.org", NULL },
    { "target", "list", "extra", NULL },
    { "target", "remove", NULL },
  };
  g_auto(Run) run = { 0 };
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS=disabled:", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      run_full (&run, fixture->db, env, "", errors[i].args);
      assert_one_error_line (&run, 1);
      g_assert_nonnull (strstr (run.err, errors[i].message));
      g_assert_null (strstr (run.err, "secret"));
      run_clear (&run);
    }

  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      run_full (&run, fixture->db, env, NULL, usages[i]);
      assert_usage_error (&run);
      run_clear (&run);
    }

  /* Nothing of it was stored. */
  run_target (&run, fixture, NULL, NULL, "target", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_target (&run, fixture, NULL, NULL, "target", "add", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--password-stdin"));
}

/* Control characters, NUL bytes and limits (nd-limits.h) */

/* What a refused command must leave as it was: the item as `show
 * --json` prints it, and the list of items. */
static char *
dup_item_state (Fixture    *fixture,
                const char *id)
{
  g_auto(Run) show = { 0 };
  g_auto(Run) list = { 0 };

  run_cli (&show, fixture, "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  run_cli (&list, fixture, "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);

  return g_strconcat (show.out, list.out, NULL);
}

/* No ESC, BEL, CSI (C1) or other control byte but LF and tab. */
static void
assert_no_controls (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
        g_error ("control byte 0x%02x in “%s”", *p, text);
      if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        g_error ("C1 control U+00%02X in “%s”", p[1], text);
    }
}

static void
test_control_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = import_complete_item (fixture);
  g_autofree char *photo = sample_path ("clusterkonferenz-2024.jpg");
  g_autofree char *escape_txt = write_file (fixture, "escape.txt",
                                            "News\n2024-06-03\n\n"
                                            "Title \033]0;owned\007 \033[31mred\n\nTeaser.\n");
  g_autofree char *escape_kind = write_file (fixture, "kind.txt",
                                             "News\033[2J\n2024-06-03\n\nTitle\n");
  g_autofree char *before = dup_item_state (fixture, id);
  const char * const refused[][3] = {
    { "--title", "a\033[31mb", "U+001B" },
    { "--title", "\033]0;owned\007", "U+001B" },
    { "--title", "two\nlines", "single line" },
    { "--teaser", "bell \007 here", "U+0007" },
    { "--author", "csi \302\233 31m", "U+009B" },
    { "--slug", "a\033b", "U+001B" },
  };

  /* Imports: the title with terminal escapes; the kind line, which the
   * error message repeats, printed without them. */
  {
    const char *files[] = { escape_txt, escape_kind };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_auto(Run) run = { 0 };
        g_autofree char *after = NULL;

        run_cli (&run, fixture, "import", files[i], NULL);
        assert_one_error_line (&run, 1);
        assert_no_controls (run.err);
        after = dup_item_state (fixture, id);
        g_assert_cmpstr (after, ==, before);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *after = NULL;

      run_cli (&run, fixture, "set", id, refused[i][0], refused[i][1], NULL);
      assert_one_error_line (&run, 1);
      g_assert_nonnull (strstr (run.err, refused[i][2]));
      after = dup_item_state (fixture, id);
      g_assert_cmpstr (after, ==, before);
    }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli (&run, fixture, "tag", id, "fine", "bad\033[5mtag", NULL);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "U+001B"));
    after = dup_item_state (fixture, id);
    g_assert_cmpstr (after, ==, before);
  }

  {
    const char *options[] = { "--credit", "--alt", "--caption" };

    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      {
        g_auto(Run) run = { 0 };
        g_autofree char *after = NULL;

        run_cli (&run, fixture, "attach", id, photo, options[i], "x\033]8;;http://evil\007y", NULL);
        assert_one_error_line (&run, 1);
        g_assert_nonnull (strstr (run.err, "U+001B"));
        after = dup_item_state (fixture, id);
        g_assert_cmpstr (after, ==, before);
      }
  }

  /* A NUL byte on the standard input is refused, not taken as the end;
   * so is text that is not UTF-8. */
  {
    const struct { const char *data; gsize length; const char *expected; } bodies[] = {
      { "abc\0def", 7, "NUL" },
      { "R\xfc" "ckblick\n", 9, "UTF-8" },
      { "Escape \033[2J\n", 12, "U+001B" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(GBytes) input = g_bytes_new (bodies[i].data, bodies[i].length);
        const char * const args[] = { "set", id, "--body-file", "-", NULL };
        g_auto(Run) run = { 0 };
        g_autofree char *after = NULL;

        run_full_bytes (&run, fixture->db, NULL, input, args);
        assert_one_error_line (&run, 1);
        g_assert_nonnull (strstr (run.err, bodies[i].expected));
        after = dup_item_state (fixture, id);
        g_assert_cmpstr (after, ==, before);
      }
  }

  /* Tabs and line breaks are text; CRLF becomes LF. */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) node = NULL;

    run_cli_input (&run, fixture, "First\tline\r\nsecond line\r\n", "set", id, "--body-file", "-", NULL);
    g_assert_cmpint (run.status, ==, 0);
    node = show_json (fixture, id);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "body"), ==,
                     "First\tline\nsecond line\n");
  }
}

/* Rows an older version (or a site) wrote with control characters are
 * shown with visible stand-ins, never raw; JSON keeps them as escapes. */
static void
test_control_characters_old_data (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char *title = "Old \033]0;owned\007 \033[31mred";
  static const char *author = "csi \302\233 31m";
  g_autofree char *id = import_complete_item (fixture);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *commands[][4] = {
    { "list", NULL },
    { "show", id, NULL },
    { "check", id, NULL },
    { "list", "--json", NULL },
    { "show", id, "--json", NULL },
  };

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE items SET title = ?1, author = ?2, "
                                       "  body = 'Body \033[2J\r\ncleared' WHERE uuid = ?3",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE tags SET name = name", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      const char * const *args = commands[i];

      run_full (&run, fixture->db, NULL, NULL, args);
      g_assert_cmpint (run.status, !=, -1);
      assert_no_controls (run.out);
      assert_no_controls (run.err);

      if (g_strv_contains (args, "--json"))
        {
          /* The same text, escaped the JSON way. */
          g_autoptr(JsonNode) node = parse_json (run.out);
          JsonObject *object = JSON_NODE_HOLDS_ARRAY (node)
                               ? json_array_get_object_element (json_node_get_array (node), 0)
                               : json_node_get_object (node);

          g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, title);
        }
      else if (!g_str_equal (args[0], "check"))
        /* ESC shown as U+241B SYMBOL FOR ESCAPE. */
        g_assert_nonnull (strstr (run.out, "Old \xe2\x90\x9b]0;owned\xe2\x90\x87 \xe2\x90\x9b[31mred"));
      else
        /* The checklist names what is wrong. */
        g_assert_nonnull (strstr (run.out, "U+001B"));
    }
}

static void
test_limits (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = import_complete_item (fixture);
  g_autofree char *before = dup_item_state (fixture, id);
  g_autoptr(GString) big = g_string_new ("News\n2024-06-03\n\n");
  g_autofree char *big_path = NULL;
  g_autofree char *over = g_strnfill (1001, 't');
  g_autofree char *long_title = g_strnfill (251, 't');
  g_autofree char *long_tag = g_strnfill (201, 'g');

  for (guint i = 0; i < 2000000; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\n\nTeaser.\n\nBody.\n");
  big_path = write_file (fixture, "big.txt", big->str);

  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli (&run, fixture, "import", big_path, NULL);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "The title is 2000000 characters long; at most 1000 are allowed"));
    after = dup_item_state (fixture, id);
    g_assert_cmpstr (after, ==, before);
  }

  /* In German, the numbers as German writes them. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
    {
      const char * const env[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
      const char * const args[] = { "import", big_path, NULL };
      g_auto(Run) run = { 0 };

      setlocale (LC_ALL, "");
      run_full (&run, fixture->db, env, NULL, args);
      assert_one_error_line (&run, 1);
      g_assert_nonnull (strstr (run.err, "2.000.000"));
      g_assert_nonnull (strstr (run.err, "1.000"));
    }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    run_cli (&run, fixture, "set", id, "--title", over, NULL);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "1001"));
    run_clear (&run);

    run_cli (&run, fixture, "tag", id, long_tag, NULL);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "201"));
    after = dup_item_state (fixture, id);
    g_assert_cmpstr (after, ==, before);
  }

  /* Over 100 tags in one go. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
    g_auto(Run) run = { 0 };
    g_autofree char *after = NULL;

    g_ptr_array_add (args, g_strdup ("tag"));
    g_ptr_array_add (args, g_strdup (id));
    for (guint i = 0; i < 101; i++)
      g_ptr_array_add (args, g_strdup_printf ("tag%u", i));
    g_ptr_array_add (args, NULL);
    run_full (&run, fixture->db, NULL, NULL, (const char * const *) args->pdata);
    assert_one_error_line (&run, 1);
    g_assert_nonnull (strstr (run.err, "101"));
    after = dup_item_state (fixture, id);
    g_assert_cmpstr (after, ==, before);
  }

  /* Long but allowed: saved, and the checklist warns. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, fixture, "set", id, "--title", long_title, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);

    run_cli (&run, fixture, "check", id, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "! Warning: The title is 251 characters long; at most 250 are advisable"));
  }
}

static void
test_search_bounds (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = import_complete_item (fixture);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *long_word = g_strnfill (1001, 'w');
  g_auto(Run) run = { 0 };

  /* 32 words: searched (cluster matches the item). */
  g_ptr_array_add (args, (char *) "search");
  for (guint i = 0; i < 31; i++)
    g_ptr_array_add (args, (char *) "proposals");
  g_ptr_array_add (args, (char *) "cluster");
  g_ptr_array_add (args, NULL);
  run_full (&run, fixture->db, NULL, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (strncmp (run.out, id, 8) == 0);
  run_clear (&run);

  /* 33: refused, saying so. */
  g_ptr_array_insert (args, 1, (char *) "platform");
  run_full (&run, fixture->db, NULL, NULL, (const char * const *) args->pdata);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "The search has 33 words; at most 32 are allowed"));
  run_clear (&run);

  run_cli (&run, fixture, "search", long_word, NULL);
  assert_one_error_line (&run, 1);
  g_assert_nonnull (strstr (run.err, "1001"));
}

/* Publishing while the site is down */

#define MOCK_USER "erika"
#define MOCK_PASSWORD "abcd EFGH 1234 ijkl MNOP 6789"

/* @n items the checklist has nothing against, their ids. */
static GPtrArray *
import_complete_items (Fixture *fixture,
                       guint    n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("item-%u.txt", i);
      g_autofree char *text = g_strdup_printf ("News\n2024-06-03\n\nCluster call number %u\n\n"
                                               "The European cluster platform invites proposals.\n\n"
                                               "Proposals can be sent until the end of September.\n", i);
      g_autofree char *path = write_file (fixture, name, text);

      g_ptr_array_add (ids, import_one (fixture, NULL, path));
    }

  return ids;
}

/* newsdesk ARGS... with @env added (the test keyring's bus). */
G_GNUC_NULL_TERMINATED static void
run_env (Run                *run,
         Fixture            *fixture,
         const char * const *env,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_full (run, fixture->db, env, NULL, (const char * const *) args->pdata);
}

/* A target "site" at @mock, and the password file; returns its path. */
static char *
add_mock_target (Fixture  *fixture,
                 NdMockWp *mock)
{
  g_autofree char *url = nd_mock_wp_dup_url (mock);
  g_auto(Run) run = { 0 };
  char *password;

  run_cli (&run, fixture, "target", "add", "site", "--type", "wordpress", "--url", url,
           "--user", MOCK_USER, NULL);
  g_assert_cmpint (run.status, ==, 0);

  password = write_file (fixture, "password", MOCK_PASSWORD "\n");
  /* the password file must be ours alone */
  g_assert_cmpint (g_chmod (password, 0600), ==, 0);

  return password;
}

/* The lines of @text that hold @needle. */
static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], needle) != NULL;

  return n;
}

/* Each of @ids on exactly one line of @text, and nothing else. */
static void
assert_one_line_each (const char *text,
                      GPtrArray  *ids)
{
  g_assert_cmpuint (count_lines (text), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (count_lines_with (text, g_ptr_array_index (ids, i)), ==, 1);
}

static JsonArray *
outbox_json (Fixture *fixture,
             JsonNode **node)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "outbox", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  *node = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*node));

  return json_node_get_array (*node);
}

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

/* The jobs wait in the outbox, each with its due time in the future and
 * the last error as a code, when it happened and the message. */
static void
assert_outbox_waiting (Fixture *fixture,
                       guint    n)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *jobs = outbox_json (fixture, &node);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint attempts = 0;

  g_assert_cmpuint (json_array_get_length (jobs), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);
      g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (json_object_get_string_member (job, "next_attempt"), NULL);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (json_object_get_string_member (job, "last_error_at"), NULL);

      g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "pending");
      g_assert_true (json_object_get_boolean_member (job, "waiting"));
      g_assert_nonnull (due);
      g_assert_cmpint (g_date_time_compare (due, now), >, 0);
      g_assert_nonnull (at);
      g_assert_cmpint (g_date_time_compare (at, now), <=, 0);
      g_assert_cmpstr (json_object_get_string_member (job, "last_error_code"), ==, "wp-no-server");
      g_assert_cmpstr (json_object_get_string_member (job, "last_error"), ==, "No web server answers at 127.0.0.1");
      attempts += json_object_get_int_member (job, "attempts");
    }
  /* The first found the site down; the others were not sent knocking. */
  g_assert_cmpuint (attempts, ==, 1);
}

/* publish with the site down: each item is queued at once with its next
 * attempt, the outbox shows the due times and the last error as such,
 * "outbox --run" names each waiting job once, "--run --now" sends them
 * all when the site is back: no duplicate, none lost. */
static void
test_publish_site_down (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(NdMockWp) mock = nd_mock_wp_new (ND_MOCK_WP_PRETTY, MOCK_USER, MOCK_PASSWORD);
  g_autofree char *url = nd_mock_wp_dup_url (mock);
  NdTestKeyring *keyring = nd_test_keyring_start ();
  g_autofree char *bus = g_strconcat ("DBUS_SESSION_BUS_ADDRESS=", keyring->address, NULL);
  const char * const env[] = { bus, NULL };
  g_autoptr(GPtrArray) ids = import_complete_items (fixture, 5);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) published = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) waiting = { 0 };
  g_auto(Run) sent = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) added = { 0 };
  gint64 started;

  /* outbox --run takes the password from the keyring, as on a desk */
  run_full (&added, fixture->db, env, MOCK_PASSWORD "\n",
            (const char * const []) { "target", "add", "site", "--type", "wordpress", "--url", url,
                                      "--user", MOCK_USER, "--password-stdin", NULL });
  g_assert_cmpint (added.status, ==, 0);

  nd_mock_wp_set_down (mock, TRUE);

  g_ptr_array_add (args, (char *) "publish");
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (ids, i));
  g_ptr_array_add (args, (char *) "--target");
  g_ptr_array_add (args, (char *) "site");
  g_ptr_array_add (args, NULL);

  started = g_get_monotonic_time ();
  run_full (&published, fixture->db, env, NULL, (const char * const *) args->pdata);
  g_test_message ("publish of 5 items, site down: %.2f s", seconds_since (started));
  /* 75: queued, nothing failed for good */
  g_assert_cmpint (published.status, ==, 75);
  g_assert_cmpstr (published.err, ==, "");
  assert_one_line_each (published.out, ids);
  g_assert_cmpuint (count_lines_with (published.out, ": not sent (No web server answers at 127.0.0.1); "
                                                     "queued, will retry at "), ==, 5);

  assert_outbox_waiting (fixture, 5);
  run_cli (&listed, fixture, "outbox", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  assert_one_line_each (listed.out, ids);
  g_assert_cmpuint (count_lines_with (listed.out, "\tpending\tpublish\t"), ==, 5);
  g_assert_cmpuint (count_lines_with (listed.out, "\twaiting until "), ==, 5);
  g_assert_cmpuint (count_lines_with (listed.out, "\tlast error at "), ==, 5);
  g_assert_cmpuint (count_lines_with (listed.out, ": No web server answers at 127.0.0.1"), ==, 5);

  /* The site is back, but nothing is due yet: each job is named once as
   * waiting, not with its old error as if it were current. */
  nd_mock_wp_set_down (mock, FALSE);
  started = g_get_monotonic_time ();
  run_env (&waiting, fixture, env, "outbox", "--run", NULL);
  g_test_message ("outbox --run, nothing due: %.2f s", seconds_since (started));
  g_assert_cmpint (waiting.status, ==, 75);
  assert_one_line_each (waiting.out, ids);
  g_assert_cmpuint (count_lines_with (waiting.out, ": waiting until "), ==, 5);
  g_assert_cmpuint (count_lines_with (waiting.out, "(last error at "), ==, 5);
  g_assert_cmpuint (nd_mock_wp_count (mock, "POST", "/wp/v2/posts"), ==, 0);

  started = g_get_monotonic_time ();
  run_env (&sent, fixture, env, "outbox", "--run", "--now", NULL);
  g_test_message ("outbox --run --now, 5 items: %.2f s", seconds_since (started));
  g_assert_cmpint (sent.status, ==, 0);
  g_assert_cmpstr (sent.err, ==, "");
  assert_one_line_each (sent.out, ids);
  g_assert_cmpuint (count_lines_with (sent.out, ": published: "), ==, 5);
  g_assert_cmpuint (nd_mock_wp_n_posts (mock), ==, 5);

  run_cli (&after, fixture, "outbox", NULL);
  g_assert_cmpstr (after.out, ==, "");

  nd_test_keyring_stop (keyring);
}

/* A job's error is stored as a code: recorded under C/English, read in
 * German, it is German. */
static void
test_outbox_error_language (Fixture       *fixture,
                            gconstpointer  data)
{
  const char * const german[] = { "LC_ALL=de_DE.UTF-8", "LANGUAGE=de", NULL };
  const char * const list[] = { "outbox", NULL };
  const char * const list_json[] = { "outbox", "--json", NULL };
  g_autoptr(NdMockWp) mock = nd_mock_wp_new (ND_MOCK_WP_PRETTY, MOCK_USER, MOCK_PASSWORD);
  g_autofree char *password = add_mock_target (fixture, mock);
  g_autoptr(GPtrArray) ids = import_complete_items (fixture, 1);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(JsonNode) node = NULL;
  g_auto(Run) published = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) json = { 0 };
  JsonObject *job;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, saved);

  nd_mock_wp_set_down (mock, TRUE);
  run_cli (&published, fixture, "publish", g_ptr_array_index (ids, 0), "--target", "site",
           "--password-file", password, NULL);
  g_assert_cmpint (published.status, ==, 75);
  g_assert_nonnull (strstr (published.out, "No web server answers at 127.0.0.1"));

  run_full (&listed, fixture->db, german, NULL, list);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "Unter 127.0.0.1 antwortet kein Webserver"));
  g_assert_null (strstr (listed.out, "No web server"));
  g_assert_nonnull (strstr (listed.out, "wartet bis "));

  run_full (&json, fixture->db, german, NULL, list_json);
  node = parse_json (json.out);
  job = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (job, "last_error"), ==,
                   "Unter 127.0.0.1 antwortet kein Webserver");
  g_assert_cmpstr (json_object_get_string_member (job, "last_error_code"), ==, "wp-no-server");
}

/* Usage: --now belongs to --run. */
static void
test_outbox_now_usage (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, fixture, "outbox", "--now", NULL);
  assert_usage_error (&run);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/import/sample", test_import_sample);
  ADD ("/cli/import/partial", test_import_partial);
  ADD ("/cli/list/json", test_list_json);
  ADD ("/cli/list/filters", test_list_filters);
  ADD ("/cli/show/json", test_show_json);
  ADD ("/cli/show/human", test_show_human);
  ADD ("/cli/show/id-prefix", test_id_prefix);
  ADD ("/cli/search", test_search);
  ADD ("/cli/search/bounds", test_search_bounds);
  ADD ("/cli/control-characters", test_control_characters);
  ADD ("/cli/control-characters/old-data", test_control_characters_old_data);
  ADD ("/cli/limits", test_limits);
  ADD ("/cli/set/fields", test_set);
  ADD ("/cli/set/body-and-date", test_set_body_and_date);
  ADD ("/cli/tags", test_tags);
  ADD ("/cli/check", test_check);
  ADD ("/cli/export", test_export);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/db-option", test_db_option);
  ADD ("/cli/not-a-database", test_not_a_database);
  ADD ("/cli/german", test_german);
  ADD ("/cli/read-only", test_read_only);
  ADD ("/cli/not-a-file-german", test_not_a_file_german);
  ADD ("/cli/io-error-german", test_io_error_german);
  ADD ("/cli/images/attach-sample", test_attach_sample);
  ADD ("/cli/images/missing-credit", test_attach_missing_credit);
  ADD ("/cli/images/refused", test_attach_refused);
  ADD ("/cli/images/bomb", test_attach_bomb);
  ADD ("/cli/images/credit-per-use", test_attach_credit_per_use);
  ADD ("/cli/images/library", test_images_library);
  ADD ("/cli/images/export", test_export_images);
  ADD ("/cli/target/keyring", test_target_keyring);
  ADD ("/cli/target/no-keyring", test_target_no_keyring);
  ADD ("/cli/target/refused", test_target_refused);
  ADD ("/cli/import/deep-json-german", test_import_deep_json_german);
  ADD ("/cli/publish/site-down", test_publish_site_down);
  ADD ("/cli/outbox/error-language", test_outbox_error_language);
  ADD ("/cli/outbox/now-usage", test_outbox_now_usage);

#undef ADD

  return g_test_run ();
}
