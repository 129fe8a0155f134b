/* test-publish-wordpress.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-publish-wordpress"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <unistd.h>

#include "nd-image-file.h"
#include "nd-image.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-store-outbox.h"
#include "nd-store.h"
#include "nd-test-utils.h"

/* Publishing for real: a WordPress 6.1 of its own on 127.0.0.1
 * (tests/setup/wordpress/start), the command line ($NEWSDESK_BIN) with
 * --password-file, and everything read back over REST with plain HTTP,
 * as the site's administrator. Skipped (77) where WordPress is not
 * installed. */

#define TARGET "test-site"

typedef struct
{
  GHashTable  *site;        /* ND_WP_… from start */
  char        *dir;
  char        *db_path;
  char        *password_file;
  NdStore     *store;
  SoupSession *session;
  GSubprocess *keyring;     /* nullable: setup/keyring-session */
  char        *bus;         /* its bus address */
} Fixture;

typedef struct
{
  int   status;
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

static const char *
site (Fixture    *fx,
      const char *key)
{
  const char *value = g_hash_table_lookup (fx->site, key);

  g_assert_nonnull (value);
  return value;
}

/* The site ---------------------------------------------------------------------- */

/* Starts a site; NULL when WordPress is not installed. */
enum {
  SITE_PLAIN  = 1 << 0,  /* "?rest_route=" */
  SITE_BERLIN = 1 << 1,  /* the site's time zone is not UTC */
};

static GHashTable *
start_site (guint flags)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "setup", "wordpress", "start", NULL);
  g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
  const char *argv[] = { script, "--owner", owner, "--timezone",
                         (flags & SITE_BERLIN) ? "Europe/Berlin" : "UTC",
                         (flags & SITE_PLAIN) ? "--plain-permalinks" : NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    return NULL;
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("wordpress/start failed: %s\n%s", error->message, err);

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_insert (values, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }

  return values;
}

/* Runs setup/wordpress/@script (pause, resume, stop) on the site. */
static void
site_script (GHashTable *values,
             const char *name)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "setup", "wordpress", name, NULL);
  const char *argv[] = { script, g_hash_table_lookup (values, "ND_WP_DIR"), NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
stop_site (GHashTable *values)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "setup", "wordpress", "stop", NULL);
  const char *argv[] = { script, g_hash_table_lookup (values, "ND_WP_DIR"), NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* REST as the administrator ---------------------------------------------------------- */

/* The URL of @route ("wp/v2/posts/5") with @query (nullable), for both
 * kinds of REST root ("/wp-json/" and "?rest_route=/"). */
static char *
rest_url (Fixture    *fx,
          const char *route,
          const char *query)
{
  const char *root = site (fx, "ND_WP_REST_ROOT");
  gboolean plain = strstr (root, "rest_route=") != NULL;

  return g_strconcat (root, route, query != NULL ? (plain ? "&" : "?") : "", query, NULL);
}

static JsonNode *
rest (Fixture    *fx,
      const char *method,
      const char *route,
      const char *query,
      const char *body)
{
  g_autofree char *url = rest_url (fx, route, query);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", site (fx, "ND_WP_ADMIN_USER"),
                                                  site (fx, "ND_WP_ADMIN_PASSWORD"));
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  g_assert_nonnull (msg);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (fx->session, msg, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (answer, &size);
  if (soup_message_get_status (msg) != 200)
    g_error ("%s %s: %u %.*s", method, url, soup_message_get_status (msg), (int) size, data);

  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
get_object (Fixture    *fx,
            const char *route)
{
  g_autoptr(JsonNode) node = rest (fx, "GET", route, "context=edit", NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
get_post (Fixture *fx,
          gint64   id)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);

  return get_object (fx, route);
}

static const char *
raw (JsonObject *object,
     const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), "raw");
}

static const char *
rendered (JsonObject *object,
               const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), "rendered");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    n++;

  return n;
}

/* The names of @post's tags, sorted and joined by ",". */
static char *
dup_tag_names (Fixture    *fx,
               JsonObject *post)
{
  JsonArray *ids = json_object_get_array_member (post, "tags");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) include = g_string_new ("context=edit&include=");

  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_string_append_printf (include, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", json_array_get_int_element (ids, i));
  if (json_array_get_length (ids) > 0)
    {
      g_autoptr(JsonNode) tags = rest (fx, "GET", "wp/v2/tags", include->str, NULL);
      JsonArray *array = json_node_get_array (tags);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (array, i), "name")));
    }

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* The command line ------------------------------------------------------------------ */

static void
run_argv (Fixture    *fx,
          Run        *run,
          const char *input,
          GPtrArray  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* the private keyring's bus, or none: then the password comes from the file */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                fx->bus != NULL ? fx->bus : "disabled:", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  if (g_test_verbose ())
    g_printerr ("$ newsdesk %s …\n  exit %d\n  out: %s\n  err: %s\n",
                (char *) argv->pdata[3], run->status, run->out, run->err);
}

static GPtrArray *
new_argv (Fixture *fx)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("NEWSDESK_BIN"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, fx->db_path);

  return argv;
}

/* Runs newsdesk with the arguments up to NULL, and @input on stdin. */
static void
newsdesk_input (Fixture    *fx,
                Run        *run,
                const char *input,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = new_argv (fx);
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);

  run_argv (fx, run, input, argv);
}

static void
newsdesk (Fixture    *fx,
          Run        *run,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = new_argv (fx);
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);

  run_argv (fx, run, NULL, argv);
}

static void
publish (Fixture    *fx,
         Run        *run,
         const char *item_id,
         const char *extra)
{
  newsdesk (fx, run, "publish", item_id, "--target", TARGET, "--password-file", fx->password_file,
            extra, NULL);
}

/* The items ---------------------------------------------------------------------------- */

static char *
import_sample (Fixture *fx)
{
  g_autofree char *path = nd_test_data_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *image_path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) image_file = g_file_new_for_path (image_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = NULL;
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdItem) item = NULL;
  g_auto(GStrv) ids = NULL;

  nd_import_file (fx->store, file, ND_IMPORT_NONE, &ids, &error);
  g_assert_no_error (error);

  image = nd_image_file_load (image_file, NULL, &error);
  g_assert_no_error (error);
  nd_image_set_license (image, "CC BY-SA 4.0");
  attached = nd_store_attach_image (fx->store, ids[0], image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);

  item = nd_store_load_item (fx->store, ids[0], &error);
  g_assert_no_error (error);
  nd_item_add_tag (item, "ECCP");
  nd_item_add_tag (item, "Clusterpolitik");
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);

  return g_strdup (ids[0]);
}

static NdItem *
load_item (Fixture    *fx,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_store_load_item (fx->store, id, &error);

  g_assert_no_error (error);
  return item;
}

static gint64
remote_id (Fixture    *fx,
           const char *item_id)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (fx->store, item_id, TARGET, &remote, &error));
  g_assert_no_error (error);
  return g_ascii_strtoll (remote.remote_id, NULL, 10);
}

static JsonObject *
get_object_by_item (Fixture    *fx,
                    const char *item_id,
                    const char *target)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (fx->store, item_id, target, &remote, &error));
  g_assert_no_error (error);
  return get_post (fx, g_ascii_strtoll (remote.remote_id, NULL, 10));
}

/* The modified_gmt recorded at our last write. (transfer full) */
static char *
stored_modified (Fixture    *fx,
                 const char *item_id)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (fx->store, item_id, TARGET, &remote, &error));
  return g_steal_pointer (&remote.remote_modified);
}

/* Fixture -------------------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_autofree char *line = NULL;
  gint64 started = g_get_monotonic_time ();

  fx->site = start_site (GPOINTER_TO_UINT (data));
  g_assert_nonnull (fx->site);
  g_test_message ("site started in %.1f s", (g_get_monotonic_time () - started) / 1e6);

  fx->dir = g_dir_make_tmp ("test-publish-wordpress-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db_path = g_build_filename (fx->dir, "newsdesk.db", NULL);
  fx->store = nd_store_open (fx->db_path, &error);
  g_assert_no_error (error);
  fx->session = soup_session_new ();

  /* The password for this run only, readable by us alone */
  fx->password_file = g_build_filename (fx->dir, "password", NULL);
  line = g_strconcat (site (fx, "ND_WP_PASSWORD"), "\n", NULL);
  g_file_set_contents_full (fx->password_file, line, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  newsdesk (fx, &run, "target", "add", TARGET, "--type", "wordpress", "--url", site (fx, "ND_WP_URL"),
            "--user", site (fx, "ND_WP_USER"), NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  if (fx->keyring != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *keyring_dir = g_build_filename (fx->dir, "keyring", NULL);
      const char *rm[] = { "rm", "-rf", keyring_dir, NULL };

      /* closing its stdin ends the session */
      g_output_stream_close (g_subprocess_get_stdin_pipe (fx->keyring), NULL, NULL);
      g_subprocess_wait (fx->keyring, NULL, &error);
      g_assert_no_error (error);
      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&fx->keyring);
      g_clear_pointer (&fx->bus, g_free);
    }
  stop_site (fx->site);
  g_clear_pointer (&fx->site, g_hash_table_unref);
  g_clear_object (&fx->session);
  g_clear_object (&fx->store);
  g_unlink (fx->password_file);
  nd_test_remove_database (fx->db_path);
  g_rmdir (fx->dir);
  g_free (fx->password_file);
  g_free (fx->db_path);
  g_free (fx->dir);
}

/* Tests ------------------------------------------------------------------------------------ */

static void
check_first_publication (Fixture    *fx,
                         const char *item_id,
                         Run        *run)
{
  g_autoptr(NdItem) item = load_item (fx, item_id);
  NdImage *lead = nd_item_get_lead_image (item);
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autofree char *media_route = NULL;
  g_autofree char *tags = NULL;
  const char *content;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, item_id));
  g_assert_nonnull (strstr (run->out, ": published: http://127.0.0.1:"));
  g_assert_cmpstr (run->err, ==, "");

  post = get_post (fx, remote_id (fx, item_id));
  g_assert_cmpstr (raw (post, "title"), ==, nd_item_get_title (item));
  g_assert_cmpstr (raw (post, "excerpt"), ==, nd_item_get_teaser (item));
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "publish");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (post, "date_gmt"), "2024-05-1"));
  g_assert_nonnull (strstr (run->out, json_object_get_string_member (post, "link")));

  tags = dup_tag_names (fx, post);
  g_assert_cmpstr (tags, ==, "Clusterpolitik,ECCP");

  /* The featured image with its texts */
  media_route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, json_object_get_int_member (post, "featured_media"));
  g_assert_cmpint (json_object_get_int_member (post, "featured_media"), >, 0);
  media = get_object (fx, media_route);
  g_assert_nonnull (strstr (raw (media, "caption"), "© VDI/VDE-IT"));
  g_assert_nonnull (strstr (raw (media, "caption"), nd_image_get_caption (lead)));
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==, nd_image_get_alt_text (lead));
  g_assert_nonnull (strstr (raw (media, "description"), "VDI/VDE-IT"));
  g_assert_nonnull (strstr (raw (media, "description"), "CC BY-SA 4.0"));

  /* The rendered body with the figure, caption and credit */
  content = raw (post, "content");
  g_assert_nonnull (strstr (content, "<p>Dr. Ole Janssen"));
  g_assert_nonnull (strstr (content, "<figure><img"));
  g_assert_nonnull (strstr (content, json_object_get_string_member (media, "source_url")));
  g_assert_nonnull (strstr (content, "<figcaption>Europäische Clusterkonferenz 2024"));
  g_assert_nonnull (strstr (content, "© VDI/VDE-IT"));

  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_PUBLISHED);
}

static void
edit_item (Fixture    *fx,
           const char *id,
           const char *title,
           const char *date)
{
  g_autoptr(NdItem) item = load_item (fx, id);
  g_autoptr(GError) error = NULL;

  if (title != NULL)
    nd_item_set_title (item, title);
  if (date != NULL)
    nd_item_set_date (item, date);
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);
}

static void
test_publish_update_conflict (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) conflict = { 0 };
  g_auto(Run) forced = { 0 };
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonObject) overwritten = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *route = NULL;
  g_autofree char *ours = NULL;
  gint64 post_id;
  gint64 started = g_get_monotonic_time ();

  publish (fx, &first, id, NULL);
  g_test_message ("first publication: %.2f s", (g_get_monotonic_time () - started) / 1e6);
  check_first_publication (fx, id, &first);
  post_id = remote_id (fx, id);

  /* Changed and sent again: the same post, new content */
  edit_item (fx, id, "Rückblick: Europäische Clusterkonferenz 2024", NULL);
  started = g_get_monotonic_time ();
  publish (fx, &second, id, NULL);
  g_test_message ("update: %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpint (remote_id (fx, id), ==, post_id);
  updated = get_post (fx, post_id);
  g_assert_cmpstr (raw (updated, "title"), ==, "Rückblick: Europäische Clusterkonferenz 2024");

  /* Someone edits the title on the site at once, with no sleep: the edit
   * may well fall in the same second as our update and carry its
   * modified_gmt; the digest of the post's fields tells it apart. */
  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, post_id);
  answer = rest (fx, "POST", route, "context=edit", "{\"title\": \"Edited on the site\"}");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer));
  ours = stored_modified (fx, id);
  g_test_message ("the site's edit came in the same second as our update: %s",
                  g_strcmp0 (json_object_get_string_member (json_node_get_object (answer), "modified_gmt"),
                             ours) == 0 ? "yes" : "no");
  edit_item (fx, id, "A title the site must not get without --force", NULL);

  publish (fx, &conflict, id, NULL);
  g_assert_cmpint (conflict.status, ==, 1);
  g_assert_cmpstr (conflict.out, ==, "");
  g_assert_nonnull (strstr (conflict.err, "changed on the site since"));
  g_assert_nonnull (strstr (conflict.err, "--force"));
  g_assert_cmpuint (count_lines (conflict.err), ==, 1);
  edited = get_post (fx, post_id);
  g_assert_cmpstr (raw (edited, "title"), ==, "Edited on the site");

  publish (fx, &forced, id, "--force");
  g_assert_cmpint (forced.status, ==, 0);
  overwritten = get_post (fx, post_id);
  g_assert_cmpstr (raw (overwritten, "title"), ==, "A title the site must not get without --force");
  g_assert_nonnull (strstr (raw (overwritten, "content"), "<figure>"));
  g_assert_cmpint (remote_id (fx, id), ==, post_id);
}

/* The same second, for certain: the record of our last write is given
 * the stamp of the site's edit, as if both had come in one second (the
 * test above cannot choose WordPress's clock). The stamp then says
 * nothing changed; the digest still sees the new title. */
static void
test_same_second_conflict (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_autofree char *route = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) conflict = { 0 };
  g_auto(Run) forced = { 0 };
  g_auto(Run) after_resave = { 0 };
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) resaved = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = NULL;
  const char *site_stamp;

  publish (fx, &first, id, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (nd_store_get_remote_item (fx->store, id, TARGET, &remote, &error));
  g_assert_true (g_str_has_prefix (remote.digest, "v1:"));

  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, remote_id (fx, id));
  answer = rest (fx, "POST", route, "context=edit", "{\"title\": \"Edited in the same second\"}");
  site_stamp = json_object_get_string_member (json_node_get_object (answer), "modified_gmt");
  g_free (remote.remote_modified);
  remote.remote_modified = g_strdup (site_stamp);
  nd_store_set_remote_item (fx->store, id, TARGET, &remote, &error);
  g_assert_no_error (error);

  edit_item (fx, id, "Our title", NULL);
  publish (fx, &conflict, id, NULL);
  g_assert_cmpint (conflict.status, ==, 1);
  g_assert_nonnull (strstr (conflict.err, "changed on the site since"));
  post = get_post (fx, remote_id (fx, id));
  g_assert_cmpstr (raw (post, "title"), ==, "Edited in the same second");
  g_clear_pointer (&post, json_object_unref);

  publish (fx, &forced, id, "--force");
  g_assert_cmpint (forced.status, ==, 0);
  post = get_post (fx, remote_id (fx, id));
  g_assert_cmpstr (raw (post, "title"), ==, "Our title");
  g_clear_pointer (&post, json_object_unref);

  /* "Update" pressed on the site without a change, a second later: a new
   * stamp, the same fields; not a conflict */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  resaved = rest (fx, "POST", route, "context=edit", "{}");
  ours = stored_modified (fx, id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (resaved), "modified_gmt"), !=, ours);
  edit_item (fx, id, "Our title, corrected", NULL);
  publish (fx, &after_resave, id, NULL);
  g_assert_cmpint (after_resave.status, ==, 0);
  post = get_post (fx, remote_id (fx, id));
  g_assert_cmpstr (raw (post, "title"), ==, "Our title, corrected");
}

/* show says where the item is published; the JSON export does not carry
 * it, so an import elsewhere is not taken for published there. */
static void
test_show_remote (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_autofree char *other_db = g_build_filename (fx->dir, "other.db", NULL);
  g_autofree char *export_path = g_build_filename (fx->dir, "export.json", NULL);
  g_autofree char *modified = NULL;
  g_auto(Run) published = { 0 };
  g_auto(Run) shown = { 0 };
  g_auto(Run) human = { 0 };
  g_auto(Run) exported = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) export_parser = json_parser_new ();
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *remote;
  JsonObject *entry;

  publish (fx, &published, id, NULL);
  g_assert_cmpint (published.status, ==, 0);
  post = get_post (fx, remote_id (fx, id));
  item = load_item (fx, id);

  newsdesk (fx, &shown, "show", id, "--json", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  json_parser_load_from_data (parser, shown.out, -1, &error);
  g_assert_no_error (error);
  remote = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "remote");
  g_assert_cmpuint (json_array_get_length (remote), ==, 1);
  entry = json_array_get_object_element (remote, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "target"), ==, TARGET);
  g_assert_cmpint (json_object_get_int_member (entry, "remote_id"), ==, json_object_get_int_member (post, "id"));
  g_assert_cmpstr (json_object_get_string_member (entry, "url"), ==, json_object_get_string_member (post, "link"));
  g_assert_cmpint (json_object_get_int_member (entry, "published_revision"), ==, nd_item_get_revision (item));
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "publish");
  modified = g_strconcat (json_object_get_string_member (post, "modified_gmt"), "Z", NULL);
  g_assert_cmpstr (json_object_get_string_member (entry, "modified"), ==, modified);

  newsdesk (fx, &human, "show", id, NULL);
  g_assert_cmpint (human.status, ==, 0);
  g_assert_nonnull (strstr (human.out, "Targets:"));
  g_assert_nonnull (strstr (human.out, TARGET ": "));
  g_assert_nonnull (strstr (human.out, json_object_get_string_member (post, "link")));
  g_assert_nonnull (strstr (human.out, "(online, "));

  /* The export carries the item, not this database's publications */
  newsdesk (fx, &exported, "export", id, "--format", "json", NULL);
  g_assert_cmpint (exported.status, ==, 0);
  g_assert_null (strstr (exported.out, "\"remote\""));
  g_file_set_contents (export_path, exported.out, -1, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    g_auto(Run) imported = { 0 };
    g_auto(Run) shown_there = { 0 };
    JsonArray *remote_there;

    g_ptr_array_add (argv, (char *) g_getenv ("NEWSDESK_BIN"));
    g_ptr_array_add (argv, (char *) "--db");
    g_ptr_array_add (argv, other_db);
    g_ptr_array_add (argv, (char *) "import");
    g_ptr_array_add (argv, export_path);
    run_argv (fx, &imported, NULL, argv);
    g_assert_cmpint (imported.status, ==, 0);

    g_ptr_array_set_size (argv, 0);
    g_ptr_array_add (argv, (char *) g_getenv ("NEWSDESK_BIN"));
    g_ptr_array_add (argv, (char *) "--db");
    g_ptr_array_add (argv, other_db);
    g_ptr_array_add (argv, (char *) "show");
    g_ptr_array_add (argv, id);
    g_ptr_array_add (argv, (char *) "--json");
    run_argv (fx, &shown_there, NULL, argv);
    g_assert_cmpint (shown_there.status, ==, 0);
    json_parser_load_from_data (export_parser, shown_there.out, -1, &error);
    g_assert_no_error (error);
    remote_there = json_object_get_array_member (json_node_get_object (json_parser_get_root (export_parser)),
                                                 "remote");
    g_assert_cmpuint (json_array_get_length (remote_there), ==, 0);
    nd_test_remove_database (other_db);
  }
  g_unlink (export_path);
}

/* An imported item has the slug its title gives; once published, a new
 * title (command line or window) leaves it, and the post keeps its
 * address. */
static void
test_slug_stays (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_autofree char *link = NULL;
  g_autofree char *slug = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) retitled = { 0 };
  g_auto(Run) second = { 0 };
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(NdItem) item = load_item (fx, id);
  g_autoptr(NdItem) after = NULL;

  g_assert_cmpstr (nd_item_get_slug (item), ==,
                   "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel");

  publish (fx, &first, id, NULL);
  g_assert_cmpint (first.status, ==, 0);
  post = get_post (fx, remote_id (fx, id));
  link = g_strdup (json_object_get_string_member (post, "link"));
  slug = g_strdup (json_object_get_string_member (post, "slug"));
  g_assert_cmpstr (slug, ==, nd_item_get_slug (item));

  newsdesk (fx, &retitled, "set", id, "--title", "Ganz neuer Titel nach der Veröffentlichung", NULL);
  g_assert_cmpint (retitled.status, ==, 0);
  after = load_item (fx, id);
  g_assert_cmpstr (nd_item_get_slug (after), ==, slug);

  publish (fx, &second, id, NULL);
  g_assert_cmpint (second.status, ==, 0);
  updated = get_post (fx, remote_id (fx, id));
  g_assert_cmpstr (raw (updated, "title"), ==, "Ganz neuer Titel nach der Veröffentlichung");
  g_assert_cmpstr (json_object_get_string_member (updated, "slug"), ==, slug);
  g_assert_cmpstr (json_object_get_string_member (updated, "link"), ==, link);
  g_assert_nonnull (strstr (second.out, link));
}

/* HTML as WordPress renders it: every tag's name and attributes are
 * checked; no tag may be one of @forbidden, and no attribute an event
 * handler ("on…"). Text between tags is not looked at: escaped, it holds
 * no "<". */
static void
assert_no_markup_from_item (const char         *html,
                            const char * const *forbidden)
{
  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *end = strchr (p, '>');
      g_autofree char *tag = NULL;
      g_auto(GStrv) words = NULL;
      g_autofree char *name = NULL;

      g_assert_nonnull (end);
      tag = g_strndup (p + 1, end - p - 1);
      if (g_str_has_prefix (tag, "!--"))
        continue;
      words = g_strsplit_set (tag, " \t\n/", -1);
      name = g_ascii_strdown (words[0], -1);
      for (guint i = 0; forbidden[i] != NULL; i++)
        if (g_strcmp0 (name, forbidden[i]) == 0)
          g_error ("a <%s> from the item in: %s", name, html);
      for (guint i = 1; words[i] != NULL; i++)
        if (g_ascii_strncasecmp (words[i], "on", 2) == 0 && strchr (words[i], '=') != NULL)
          g_error ("an event handler from the item in <%s>: %s", tag, html);
    }
}

/* The text a browser shows for @html: tags dropped, entities decoded
 * (those WordPress and we write). (transfer full) */
static char *
dup_shown_text (const char *html)
{
  GString *text = g_string_new (NULL);

  for (const char *p = html; *p != '\0'; )
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');

          p = end != NULL ? end + 1 : p + strlen (p);
        }
      else if (*p == '&')
        {
          const char *semi = strchr (p, ';');
          g_autofree char *entity = semi != NULL ? g_strndup (p + 1, semi - p - 1) : NULL;
          gunichar c = 0;

          if (entity == NULL)
            c = '&';
          else if (strcmp (entity, "amp") == 0)
            c = '&';
          else if (strcmp (entity, "lt") == 0)
            c = '<';
          else if (strcmp (entity, "gt") == 0)
            c = '>';
          else if (strcmp (entity, "quot") == 0)
            c = '"';
          else if (entity[0] == '#' && (entity[1] == 'x' || entity[1] == 'X'))
            c = (gunichar) g_ascii_strtoull (entity + 2, NULL, 16);
          else if (entity[0] == '#')
            c = (gunichar) g_ascii_strtoull (entity + 1, NULL, 10);
          else
            c = '?';
          g_string_append_unichar (text, c);
          p = semi != NULL ? semi + 1 : p + 1;
        }
      else
        {
          g_string_append_c (text, *p++);
        }
    }

  return g_string_free (text, FALSE);
}

/* Plain text is escaped for WordPress, even for an administrator, whom
 * WordPress does not filter (unfiltered_html): nothing typed into an
 * item becomes a tag or an attribute on the site, and the text reads as
 * typed. */
static void
test_plain_text_escaped (Fixture       *fx,
                         gconstpointer  data)
{
  const char *title = "Title <img src=x onerror=alert(1)> &amp;";
  const char *teaser = "Teaser <b onmouseover=\"x()\">bold</b> & more";
  const char *alt = "Alt <script>alert(2)</script> \"quoted\"";
  const char *caption = "Caption <i onclick=y()>italic</i>";
  const char *credit = "Foto: <u onmouseover=z()>Evil</u> & Co";
  const char * const forbidden[] = { "script", "b", "i", "u", NULL };
  g_autofree char *id = import_sample (fx);
  g_autofree char *admin_password_file = g_build_filename (fx->dir, "admin-password", NULL);
  g_autofree char *line = g_strconcat (site (fx, "ND_WP_ADMIN_PASSWORD"), "\n", NULL);
  g_autofree char *media_route = NULL;
  g_autofree char *shown_title = NULL;
  g_autofree char *shown_excerpt = NULL;
  g_autofree char *shown_content = NULL;
  g_autofree char *shown_caption = NULL;
  g_autoptr(NdItem) item = load_item (fx, id);
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) media = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) added = { 0 };
  g_auto(Run) checked = { 0 };
  g_auto(Run) published = { 0 };
  NdImage *lead = nd_item_get_lead_image (item);
  g_auto(NdRemoteItem) remote = { 0 };

  nd_item_set_title (item, title);
  nd_item_set_teaser (item, teaser);
  nd_item_set_body (item, "Body <script>alert(3)</script> and <b onclick=\"w()\">bold</b>.\n");
  nd_image_set_alt_text (lead, alt);
  nd_image_set_caption (lead, caption);
  nd_image_set_credit (lead, credit);
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);

  g_file_set_contents_full (admin_password_file, line, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  newsdesk (fx, &added, "target", "add", "admin-site", "--type", "wordpress", "--url", site (fx, "ND_WP_URL"),
            "--user", site (fx, "ND_WP_ADMIN_USER"), NULL);
  g_assert_cmpint (added.status, ==, 0);

  /* The text is legitimate: escaping is the fix, not a refusal */
  newsdesk (fx, &checked, "check", id, NULL);
  g_assert_cmpint (checked.status, ==, 0);

  newsdesk (fx, &published, "publish", id, "--target", "admin-site", "--password-file", admin_password_file,
            "--as-draft", NULL);
  g_unlink (admin_password_file);
  g_assert_cmpint (published.status, ==, 0);
  g_assert_true (nd_store_get_remote_item (fx->store, id, "admin-site", &remote, &error));
  post = get_post (fx, g_ascii_strtoll (remote.remote_id, NULL, 10));

  /* The title: no tag at all, and it reads as typed */
  g_test_message ("title.rendered: %s", rendered (post, "title"));
  g_assert_null (strchr (rendered (post, "title"), '<'));
  shown_title = dup_shown_text (rendered (post, "title"));
  g_assert_cmpstr (shown_title, ==, title);

  g_test_message ("excerpt.rendered: %s", rendered (post, "excerpt"));
  assert_no_markup_from_item (rendered (post, "excerpt"), forbidden);
  shown_excerpt = dup_shown_text (rendered (post, "excerpt"));
  g_assert_nonnull (strstr (shown_excerpt, "<b onmouseover="));
  g_assert_nonnull (strstr (shown_excerpt, "bold</b> & more"));

  g_test_message ("content.rendered: %s", rendered (post, "content"));
  assert_no_markup_from_item (rendered (post, "content"), forbidden);
  shown_content = dup_shown_text (rendered (post, "content"));
  g_assert_nonnull (strstr (shown_content, "Evil</u> & Co"));
  g_assert_nonnull (strstr (shown_content, "Caption <i onclick=y()>italic</i>"));

  /* The featured image's texts */
  media_route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT, json_object_get_int_member (post, "featured_media"));
  media = get_object (fx, media_route);
  g_test_message ("media alt_text: %s; caption.rendered: %s", json_object_get_string_member (media, "alt_text"),
                  rendered (media, "caption"));
  g_assert_null (strchr (json_object_get_string_member (media, "alt_text"), '<'));
  assert_no_markup_from_item (rendered (media, "caption"), forbidden);
  assert_no_markup_from_item (rendered (media, "description"), forbidden);
  shown_caption = dup_shown_text (rendered (media, "caption"));
  g_assert_nonnull (strstr (shown_caption, "Caption <i onclick=y()>italic</i>"));
}

static void
test_schedule_and_withdraw (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *first = import_sample (fx);
  g_autofree char *second = import_sample (fx);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%dT%H:%M:%S+00:00");
  g_autofree char *date_gmt = g_date_time_format (tomorrow, "%Y-%m-%dT%H:%M:%S");
  g_auto(Run) published = { 0 };
  g_auto(Run) scheduled = { 0 };
  g_auto(Run) withdrawn = { 0 };
  g_autoptr(JsonObject) future = NULL;
  g_autoptr(JsonObject) first_post = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(NdItem) second_item = NULL;
  g_autoptr(NdItem) first_item = NULL;

  publish (fx, &published, first, NULL);
  g_assert_cmpint (published.status, ==, 0);

  /* A date one day ahead schedules */
  edit_item (fx, second, "Vorschau: Clusterkonferenz 2025", date);
  publish (fx, &scheduled, second, NULL);
  g_assert_cmpint (scheduled.status, ==, 0);
  g_assert_nonnull (strstr (scheduled.out, ": scheduled: "));
  future = get_post (fx, remote_id (fx, second));
  g_assert_cmpstr (json_object_get_string_member (future, "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (future, "date_gmt"), ==, date_gmt);
  /* the site is in Berlin: its local date differs, the moment does not */
  g_assert_cmpstr (json_object_get_string_member (future, "date"), !=, date_gmt);
  /* the same image, uploaded once */
  first_post = get_post (fx, remote_id (fx, first));
  g_assert_cmpint (json_object_get_int_member (future, "featured_media"), ==,
                   json_object_get_int_member (first_post, "featured_media"));
  second_item = load_item (fx, second);
  g_assert_cmpint (nd_item_get_status (second_item), ==, ND_ITEM_STATUS_SCHEDULED);

  /* Withdrawn: a draft on the site, the item withdrawn */
  newsdesk (fx, &withdrawn, "withdraw", first, "--target", TARGET, "--password-file", fx->password_file, NULL);
  g_assert_cmpint (withdrawn.status, ==, 0);
  g_assert_nonnull (strstr (withdrawn.out, ": withdrawn"));
  draft = get_post (fx, remote_id (fx, first));
  g_assert_cmpstr (json_object_get_string_member (draft, "status"), ==, "draft");
  first_item = load_item (fx, first);
  g_assert_cmpint (nd_item_get_status (first_item), ==, ND_ITEM_STATUS_WITHDRAWN);
}

/* A keyring of our own; FALSE if it cannot be had here. */
static gboolean
start_keyring (Fixture *fx)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "setup", "keyring-session", NULL);
  g_autofree char *keyring_dir = g_build_filename (fx->dir, "keyring", NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;

  fx->keyring = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                  &error, script, keyring_dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fx->keyring));
  fx->bus = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);

  return fx->bus != NULL && *fx->bus != '\0';
}

/* Without --password-file: the password from the keyring, and the outbox
 * worked by "outbox --run". */
static void
test_keyring_and_outbox (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_autofree char *password = NULL;
  g_auto(Run) added = { 0 };
  g_auto(Run) published = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) worked = { 0 };
  g_auto(Run) after = { 0 };
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) error = NULL;

  if (!start_keyring (fx))
    {
      g_test_skip ("No private keyring (gnome-keyring, dbus) here");
      return;
    }

  password = g_strconcat (site (fx, "ND_WP_PASSWORD"), "\n", NULL);
  newsdesk_input (fx, &added, password, "target", "add", "keyring-site", "--type", "wordpress",
                  "--url", site (fx, "ND_WP_URL"), "--user", site (fx, "ND_WP_USER"),
                  "--password-stdin", NULL);
  g_assert_cmpint (added.status, ==, 0);

  newsdesk (fx, &published, "publish", id, "--target", "keyring-site", NULL);
  g_assert_cmpint (published.status, ==, 0);
  g_assert_nonnull (strstr (published.out, ": published: "));

  /* A job the window would have queued, worked from the command line */
  job = nd_store_enqueue_job (fx->store, id, "keyring-site", ND_OUTBOX_ACTION_WITHDRAW,
                              ND_OUTBOX_FLAG_NONE, &error);
  g_assert_no_error (error);
  newsdesk (fx, &listed, "outbox", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "pending\twithdraw"));

  newsdesk (fx, &worked, "outbox", "--run", NULL);
  g_assert_cmpint (worked.status, ==, 0);
  g_assert_nonnull (strstr (worked.out, ": withdrawn"));
  post = get_object_by_item (fx, id, "keyring-site");
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "draft");

  newsdesk (fx, &after, "outbox", NULL);
  g_assert_cmpstr (after.out, ==, "");
}

static void
test_plain_permalinks (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *id = import_sample (fx);
  g_auto(Run) run = { 0 };

  g_assert_nonnull (strstr (site (fx, "ND_WP_REST_ROOT"), "rest_route="));
  publish (fx, &run, id, NULL);
  check_first_publication (fx, id, &run);
}

/* A credit per use, on the real site: one photo attached through the
 * command line to two items with two credits; each post carries its own
 * credit in its figure and its featured image's caption (two media
 * items), and a third item with the first's credit reuses its media. */

#define CREDIT_A "Foto: Max Muster / VDI/VDE-IT"
#define CREDIT_B "Foto: Erika Beispiel"

static char *
import_with_credit (Fixture    *fx,
                    const char *credit)
{
  g_autofree char *path = nd_test_data_path ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *photo = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_auto(Run) run = { 0 };
  char *id;

  newsdesk (fx, &run, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  id = g_strstrip (g_strdup (run.out));
  g_assert_true (g_uuid_string_is_valid (id));
  run_clear (&run);

  newsdesk (fx, &run, "attach", id, photo, "--lead", "--credit", credit, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  return id;
}

static JsonObject *
featured_media (Fixture    *fx,
                JsonObject *post)
{
  g_autofree char *route = g_strdup_printf ("wp/v2/media/%" G_GINT64_FORMAT,
                                            json_object_get_int_member (post, "featured_media"));

  g_assert_cmpint (json_object_get_int_member (post, "featured_media"), >, 0);
  return get_object (fx, route);
}

static guint
count_media (Fixture *fx)
{
  g_autoptr(JsonNode) node = rest (fx, "GET", "wp/v2/media", "per_page=100", NULL);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_get_length (json_node_get_array (node));
}

static void
test_credit_per_use (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *a = import_with_credit (fx, CREDIT_A);
  g_autofree char *b = import_with_credit (fx, CREDIT_B);
  g_autofree char *c = NULL;
  g_autoptr(JsonObject) post_a = NULL;
  g_autoptr(JsonObject) post_b = NULL;
  g_autoptr(JsonObject) post_c = NULL;
  g_autoptr(JsonObject) media_a = NULL;
  g_autoptr(JsonObject) media_b = NULL;
  g_autoptr(JsonObject) media_c = NULL;
  g_auto(Run) run = { 0 };

  /* B's attach left A's credit as it was. */
  {
    g_autoptr(NdItem) item = load_item (fx, a);

    g_assert_cmpstr (nd_image_get_credit (nd_item_get_lead_image (item)), ==, CREDIT_A);
  }

  publish (fx, &run, a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  publish (fx, &run, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  post_a = get_post (fx, remote_id (fx, a));
  post_b = get_post (fx, remote_id (fx, b));
  g_assert_nonnull (strstr (raw (post_a, "content"), CREDIT_A));
  g_assert_null (strstr (raw (post_a, "content"), "Erika"));
  g_assert_nonnull (strstr (raw (post_b, "content"), CREDIT_B));
  g_assert_null (strstr (raw (post_b, "content"), "Max Muster"));

  media_a = featured_media (fx, post_a);
  media_b = featured_media (fx, post_b);
  g_assert_cmpint (json_object_get_int_member (media_a, "id"), !=, json_object_get_int_member (media_b, "id"));
  g_assert_nonnull (strstr (raw (media_a, "caption"), CREDIT_A));
  g_assert_nonnull (strstr (raw (media_b, "caption"), CREDIT_B));
  g_assert_cmpuint (count_media (fx), ==, 2);

  /* The same credit: the same media item, no upload. */
  c = import_with_credit (fx, CREDIT_A);
  publish (fx, &run, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  post_c = get_post (fx, remote_id (fx, c));
  media_c = featured_media (fx, post_c);
  g_assert_cmpint (json_object_get_int_member (media_c, "id"), ==, json_object_get_int_member (media_a, "id"));
  g_assert_cmpuint (count_media (fx), ==, 2);
}

/* The site going away in the middle of a batch ----------------------------------- */

/* @n items the checklist has nothing against (no image slots). */
static GPtrArray *
import_batch (Fixture *fx,
              guint    n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("News\n2024-06-03\n\nBatch item %u of the cluster call\n\n"
                                               "The European cluster platform invites proposals.\n\n"
                                               "Proposals can be sent until the end of September.\n", i + 1);
      g_autofree char *path = g_build_filename (fx->dir, "batch.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_auto(GStrv) new_ids = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      nd_import_file (fx->store, file, ND_IMPORT_NONE, &new_ids, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (new_ids), ==, 1);
      g_ptr_array_add (ids, g_strdup (new_ids[0]));
      g_unlink (path);
    }

  return ids;
}

/* The account the batch goes to: its password in the keyring, as on a
 * desk, for "outbox --run" has no --password-file. */
#define BATCH_TARGET "keyring-site"

static guint
count_published (Fixture   *fx,
                 GPtrArray *ids)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(NdRemoteItem) remote = { 0 };

      n += nd_store_get_remote_item (fx->store, g_ptr_array_index (ids, i), BATCH_TARGET, &remote, NULL);
    }

  return n;
}

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

/* Each of @ids on exactly one line of @text, and no other line. */
static void
assert_one_line_each (const char *text,
                      GPtrArray  *ids)
{
  g_assert_cmpuint (count_lines (text), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (count_lines_with (text, g_ptr_array_index (ids, i)), ==, 1);
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The ids of @ids not published yet, as the store has it. */
static GPtrArray *
unpublished (Fixture   *fx,
             GPtrArray *ids)
{
  GPtrArray *left = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(NdRemoteItem) remote = { 0 };

      if (!nd_store_get_remote_item (fx->store, g_ptr_array_index (ids, i), BATCH_TARGET, &remote, NULL))
        g_ptr_array_add (left, g_ptr_array_index (ids, i));
    }

  return left;
}

/* Publishes a batch of 20 with the command line, takes the site off the
 * air (php -S; the database stays) once 5 are out, brings it back, and
 * lets the outbox drain: 0 duplicate posts, 0 lost items, and what the
 * user was told while the site was down and after. */
static void
test_site_down_mid_batch (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = import_batch (fx, 20);
  g_autoptr(GPtrArray) argv = new_argv (fx);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) remote_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) posts = NULL;
  g_autoptr(JsonNode) outbox = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(Run) listed = { 0 };
  g_auto(Run) listed_json = { 0 };
  g_auto(Run) waiting = { 0 };
  g_auto(Run) drained = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *password = NULL;
  g_auto(Run) added = { 0 };
  guint published_before_pause = 0;
  guint marked = 0;
  gint64 started;
  gint64 paused_at = 0;
  JsonArray *jobs;

  if (!start_keyring (fx))
    {
      g_test_skip ("No private keyring (gnome-keyring, dbus) here");
      return;
    }
  password = g_strconcat (site (fx, "ND_WP_PASSWORD"), "\n", NULL);
  newsdesk_input (fx, &added, password, "target", "add", BATCH_TARGET, "--type", "wordpress",
                  "--url", site (fx, "ND_WP_URL"), "--user", site (fx, "ND_WP_USER"),
                  "--password-stdin", NULL);
  g_assert_cmpint (added.status, ==, 0);

  g_ptr_array_add (argv, (char *) "publish");
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (ids, i));
  g_ptr_array_add (argv, (char *) "--target");
  g_ptr_array_add (argv, (char *) BATCH_TARGET);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", fx->bus, TRUE);
  started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &result);

  /* In the middle: once 5 of the 20 are out, the site goes away. */
  while (result == NULL)
    {
      if (paused_at == 0 && (published_before_pause = count_published (fx, ids)) >= 5)
        {
          site_script (fx->site, "pause");
          paused_at = g_get_monotonic_time ();
          g_test_message ("site paused %.2f s into the batch, %u of 20 published",
                          (paused_at - started) / 1e6, published_before_pause);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("publish of 20 ended %.2f s after the pause", (g_get_monotonic_time () - paused_at) / 1e6);
  g_assert_cmpint (paused_at, >, 0);
  if (g_test_verbose ())
    g_printerr ("publish:\n%s%s", out, err);

  /* Each item once: published, or queued with its next attempt. */
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 75);
  g_assert_cmpstr (err, ==, "");
  assert_one_line_each (out, ids);
  left = unpublished (fx, ids);
  g_assert_cmpuint (left->len, >, 0);
  g_assert_cmpuint (count_lines_with (out, ": published: "), ==, 20 - left->len);
  g_assert_cmpuint (count_lines_with (out, "; queued, will retry at "), ==, left->len);
  g_test_message ("%u published before the site went, %u queued", 20 - left->len, left->len);

  /* While it is down: the outbox lists them waiting, with due times and
   * the last error as such; --run tries none of them and names each once. */
  newsdesk (fx, &listed, "outbox", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  assert_one_line_each (listed.out, left);
  g_assert_cmpuint (count_lines_with (listed.out, "\twaiting until "), ==, left->len);
  g_assert_cmpuint (count_lines_with (listed.out, "\tlast error at "), ==, left->len);
  newsdesk (fx, &listed_json, "outbox", "--json", NULL);
  outbox = json_from_string (listed_json.out, &error);
  g_assert_no_error (error);
  jobs = json_node_get_array (outbox);
  now = g_date_time_new_now_utc ();
  g_assert_cmpuint (json_array_get_length (jobs), ==, left->len);
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);
      g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (json_object_get_string_member (job, "next_attempt"), NULL);

      g_assert_true (json_object_get_boolean_member (job, "waiting"));
      g_assert_cmpint (g_date_time_compare (due, now), >, 0);
      g_assert_nonnull (json_object_get_string_member (job, "last_error_code"));
    }
  newsdesk (fx, &waiting, "outbox", "--run", NULL);
  g_assert_cmpint (waiting.status, ==, 75);
  assert_one_line_each (waiting.out, left);
  g_assert_cmpuint (count_lines_with (waiting.out, ": waiting until "), ==, left->len);

  /* Back: everything goes out at once. */
  site_script (fx->site, "resume");
  started = g_get_monotonic_time ();
  newsdesk (fx, &drained, "outbox", "--run", "--now", NULL);
  g_test_message ("outbox --run --now sent %u in %.2f s", left->len, (g_get_monotonic_time () - started) / 1e6);
  if (g_test_verbose ())
    g_printerr ("outbox --run --now:\n%s%s", drained.out, drained.err);
  g_assert_cmpint (drained.status, ==, 0);
  g_assert_cmpstr (drained.err, ==, "");
  assert_one_line_each (drained.out, left);
  g_assert_cmpuint (count_lines_with (drained.out, ": published: "), ==, left->len);
  newsdesk (fx, &after, "outbox", NULL);
  g_assert_cmpstr (after.out, ==, "");

  /* The site: one post per item, each carrying its item's marker, and
   * the store's remote ids distinct and those very posts. */
  posts = rest (fx, "GET", "wp/v2/posts", "context=edit&status=any&per_page=100", NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (posts)); i++)
    {
      JsonObject *post = json_array_get_object_element (json_node_get_array (posts), i);

      marked += strstr (raw (post, "content"), "<!-- newsdesk:") != NULL;
    }
  g_assert_cmpuint (marked, ==, 20);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *needle = g_strdup_printf ("<!-- newsdesk:%s:", id);
      g_autoptr(JsonObject) post = get_object_by_item (fx, id, BATCH_TARGET);
      guint carrying = 0;

      g_assert_nonnull (strstr (raw (post, "content"), needle));
      for (guint j = 0; j < json_array_get_length (json_node_get_array (posts)); j++)
        carrying += strstr (raw (json_array_get_object_element (json_node_get_array (posts), j), "content"),
                            needle) != NULL;
      g_assert_cmpuint (carrying, ==, 1);
      g_assert_true (g_hash_table_add (remote_ids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                    json_object_get_int_member (post, "id"))));
    }
  g_assert_cmpuint (g_hash_table_size (remote_ids), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  GHashTable *probe;

  g_test_init (&argc, &argv, NULL);

  /* One site to see whether WordPress is there at all */
  if (!(probe = start_site (0)))
    {
      g_print ("1..0 # SKIP WordPress is not installed (make deps)\n");
      return 77;
    }
  stop_site (probe);
  g_hash_table_unref (probe);

  g_test_add ("/wordpress/publish-update-conflict", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_publish_update_conflict, fixture_tear_down);
  g_test_add ("/wordpress/same-second-conflict", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_same_second_conflict, fixture_tear_down);
  g_test_add ("/wordpress/show-remote", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_show_remote, fixture_tear_down);
  g_test_add ("/wordpress/plain-text-escaped", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_plain_text_escaped, fixture_tear_down);
  g_test_add ("/wordpress/slug-stays", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_slug_stays, fixture_tear_down);
  g_test_add ("/wordpress/schedule-and-withdraw", Fixture, GUINT_TO_POINTER (SITE_BERLIN),
              fixture_set_up, test_schedule_and_withdraw, fixture_tear_down);
  g_test_add ("/wordpress/keyring-and-outbox", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_keyring_and_outbox, fixture_tear_down);
  g_test_add ("/wordpress/plain-permalinks", Fixture, GUINT_TO_POINTER (SITE_PLAIN),
              fixture_set_up, test_plain_permalinks, fixture_tear_down);
  g_test_add ("/wordpress/credit-per-use", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_credit_per_use, fixture_tear_down);
  g_test_add ("/wordpress/site-down-mid-batch", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_site_down_mid_batch, fixture_tear_down);

  return g_test_run ();
}
