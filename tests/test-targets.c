/* test-targets.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-targets"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "nd-credentials.h"
#include "nd-item.h"
#include "nd-store-private.h"
#include "nd-target.h"
#include "nd-test-utils.h"

/* Publishing targets in the store, and their passwords in the keyring.
 * The keyring is real: main() starts tests/setup/keyring-session, a
 * private D-Bus session with an unlocked GNOME Keyring whose files live
 * in a temporary folder, and points this process (HOME, XDG_*, the bus
 * address) at it before anything talks to D-Bus. No test can reach the
 * user's own keyring. */

#define PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"

/* Helpers */

static NdStore *
open_memory_store (void)
{
  g_autoptr(GError) error = NULL;
  NdStore *store = nd_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
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

static void
exec_sql (NdStore    *store,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (_nd_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static NdTarget *
new_target (const char *name)
{
  return nd_target_new (name, ND_TARGET_TYPE_WORDPRESS, "https://example.org", "editor");
}

/* The URL checks */

static void
test_url_normal_form (void)
{
  const struct {
    const char *url;
    const char *expected;
  } cases[] = {
    { "https://example.org", "https://example.org" },
    { "https://example.org/", "https://example.org" },
    { "  HTTPS://Example.ORG:443/  ", "https://example.org" },
    { "https://example.org:8443/blog/", "https://example.org:8443/blog" },
    { "https://example.org/news/de", "https://example.org/news/de" },
    { "https://example.org/caf%C3%A9/", "https://example.org/caf%C3%A9" },
    { "http://localhost:8080/", "http://localhost:8080" },
    { "http://127.0.0.1:8080/wp", "http://127.0.0.1:8080/wp" },
    { "http://127.3.4.5", "http://127.3.4.5" },
    { "http://[::1]:8080", "http://[::1]:8080" },
    { "http://127.0.0.1:80/", "http://127.0.0.1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = nd_target_normalize_url (cases[i].url, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static void
test_url_refused (void)
{
  const struct {
    const char *url;
    int         code;
  } cases[] = {
    { "", ND_TARGET_ERROR_INVALID_URL },
    { "   ", ND_TARGET_ERROR_INVALID_URL },
    { "example.org", ND_TARGET_ERROR_INVALID_URL },
    { "ftp://example.org", ND_TARGET_ERROR_INVALID_URL },
    { "file:///etc/passwd", ND_TARGET_ERROR_INVALID_URL },
    { "https://", ND_TARGET_ERROR_INVALID_URL },
    { "https://exa mple.org", ND_TARGET_ERROR_INVALID_URL },
    { "https://example.org/?rest_route=/", ND_TARGET_ERROR_INVALID_URL },
    { "https://example.org/#top", ND_TARGET_ERROR_INVALID_URL },
    { "http://example.org", ND_TARGET_ERROR_INSECURE_URL },
    { "http://10.0.0.1", ND_TARGET_ERROR_INSECURE_URL },
    { "http://localhost.example.org", ND_TARGET_ERROR_INSECURE_URL },
    { "http://[::2]", ND_TARGET_ERROR_INSECURE_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = nd_target_normalize_url (cases[i].url, &error);

      g_assert_null (url);
      g_assert_error (error, ND_TARGET_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* A password typed into the URL is refused, and never repeated. */
static void
test_url_with_password (void)
{
  const char *urls[] = {
    "https://editor:" PASSWORD "@example.org/",
    "https://editor:hunter2@example.org/",
    "https://editor@example.org/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = nd_target_normalize_url (urls[i], &error);

      g_assert_null (url);
      g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL);
      g_assert_null (strstr (error->message, "hunter2"));
      g_assert_null (strstr (error->message, "EFGH"));
      g_assert_null (strstr (error->message, "editor"));
    }
}

static void
test_validate (void)
{
  const char *bad_names[] = { "", " wp", "wp ", "-wp", "w\tp", "w\np" };
  g_autoptr(NdTarget) target = new_target ("wp");
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (101, 'x');

  g_assert_true (nd_target_validate (target, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      nd_target_set_name (target, bad_names[i]);
      g_assert_false (nd_target_validate (target, &error));
      g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_NAME);
      g_clear_error (&error);
    }

  nd_target_set_name (target, long_name);
  g_assert_false (nd_target_validate (target, &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_NAME);
  g_clear_error (&error);
  long_name[100] = '\0';
  nd_target_set_name (target, long_name);
  g_assert_true (nd_target_validate (target, &error));
  g_assert_no_error (error);

  nd_target_set_name (target, "Redaktion Brüssel");
  nd_target_set_user (target, "");
  g_assert_false (nd_target_validate (target, &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_USER);
  g_clear_error (&error);

  nd_target_set_user (target, "editor");
  nd_target_set_ca_file (target, "relative/ca.pem");
  g_assert_false (nd_target_validate (target, &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);

  nd_target_set_ca_file (target, "/etc/ssl/certs/ca-certificates.crt");
  g_assert_true (nd_target_validate (target, &error));
  g_assert_no_error (error);
}

static void
test_options (void)
{
  g_autoptr(NdTarget) target = new_target ("wp");
  g_autoptr(NdTarget) copy = new_target ("copy");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  g_assert_null (nd_target_get_ca_file (target));
  g_assert_null (nd_target_get_category (target, ND_ITEM_KIND_NEWS));
  json = nd_target_dup_options (target);
  g_assert_cmpstr (json, ==, "{}");
  g_clear_pointer (&json, g_free);

  /* Known members are read, unknown ones kept, unknown kinds dropped. */
  g_assert_true (nd_target_set_options (target,
                                        "{\"ca-file\": \"/etc/newsroom-ca.pem\","
                                        " \"categories\": {\"news\": \"Meldungen\", \"event\": \"7\","
                                        "                  \"podcast\": \"Audio\"},"
                                        " \"from-the-future\": [1, 2]}",
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_ca_file (target), ==, "/etc/newsroom-ca.pem");
  g_assert_cmpstr (nd_target_get_category (target, ND_ITEM_KIND_NEWS), ==, "Meldungen");
  g_assert_cmpstr (nd_target_get_category (target, ND_ITEM_KIND_EVENT), ==, "7");
  g_assert_null (nd_target_get_category (target, ND_ITEM_KIND_PRESS_RELEASE));

  json = nd_target_dup_options (target);
  g_assert_nonnull (strstr (json, "\"from-the-future\":[1,2]"));
  g_assert_null (strstr (json, "podcast"));
  g_assert_true (nd_target_set_options (copy, json, &error));
  g_assert_no_error (error);
  again = nd_target_dup_options (copy);
  g_assert_cmpstr (again, ==, json);

  /* Refused options change nothing. */
  g_assert_false (nd_target_set_options (target, "[1, 2]", &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);
  g_assert_false (nd_target_set_options (target, "{\"ca-file\": 5}", &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);
  g_assert_false (nd_target_set_options (target, "{\"categories\": {\"news\": 3}}", &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS);
  g_clear_error (&error);
  g_assert_cmpstr (nd_target_get_ca_file (target), ==, "/etc/newsroom-ca.pem");
  g_assert_cmpstr (nd_target_get_category (target, ND_ITEM_KIND_NEWS), ==, "Meldungen");

  nd_target_set_category (target, ND_ITEM_KIND_NEWS, "");
  nd_target_set_category (target, ND_ITEM_KIND_EVENT, NULL);
  nd_target_set_ca_file (target, NULL);
  g_clear_pointer (&json, g_free);
  json = nd_target_dup_options (target);
  g_assert_cmpstr (json, ==, "{\"from-the-future\":[1,2]}");
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_notify (void)
{
  g_autoptr(NdTarget) target = new_target ("wp");
  guint count = 0;

  g_signal_connect (target, "notify::url", G_CALLBACK (on_notify), &count);
  nd_target_set_url (target, "https://example.org");
  g_assert_cmpuint (count, ==, 0);
  nd_target_set_url (target, "https://example.com");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (target, "url", "https://example.com", NULL);
  g_assert_cmpuint (count, ==, 1);
}

/* The store */

static void
test_store_add_list_lookup (void)
{
  g_autoptr(NdStore) store = open_memory_store ();
  g_autoptr(NdTarget) b = nd_target_new ("b-site", ND_TARGET_TYPE_WORDPRESS,
                                         "HTTPS://B.example.org/blog/", "bee");
  g_autoptr(NdTarget) a = new_target ("a-site");
  g_autoptr(NdTarget) found = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  nd_target_set_ca_file (b, "/etc/newsroom-ca.pem");
  nd_target_set_category (b, ND_ITEM_KIND_PRESS_RELEASE, "Presse");

  g_assert_true (nd_store_add_target (store, b, &error));
  g_assert_no_error (error);
  g_assert_true (nd_store_add_target (store, a, &error));
  g_assert_no_error (error);

  /* The store sets what it made and the URL's normal form. */
  g_assert_cmpint (nd_target_get_store_id (b), >, 0);
  g_assert_cmpint (nd_target_get_store_id (a), !=, nd_target_get_store_id (b));
  g_assert_nonnull (nd_target_get_created (b));
  g_assert_cmpstr (nd_target_get_url (b), ==, "https://b.example.org/blog");

  targets = nd_store_list_targets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpstr (nd_target_get_name (g_ptr_array_index (targets, 0)), ==, "a-site");
  g_assert_cmpstr (nd_target_get_name (g_ptr_array_index (targets, 1)), ==, "b-site");

  found = nd_store_lookup_target (store, "b-site", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (nd_target_get_store_id (found), ==, nd_target_get_store_id (b));
  g_assert_cmpint (nd_target_get_target_type (found), ==, ND_TARGET_TYPE_WORDPRESS);
  g_assert_cmpstr (nd_target_get_url (found), ==, "https://b.example.org/blog");
  g_assert_cmpstr (nd_target_get_user (found), ==, "bee");
  g_assert_cmpstr (nd_target_get_ca_file (found), ==, "/etc/newsroom-ca.pem");
  g_assert_cmpstr (nd_target_get_category (found, ND_ITEM_KIND_PRESS_RELEASE), ==, "Presse");
  g_assert_null (nd_target_get_category (found, ND_ITEM_KIND_NEWS));
  g_assert_true (g_date_time_equal (nd_target_get_created (found), nd_target_get_created (b)));

  /* Names are exact. */
  g_assert_null (nd_store_lookup_target (store, "B-SITE", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "B-SITE"));
}

static void
test_store_refused (void)
{
  g_autoptr(NdStore) store = open_memory_store ();
  g_autoptr(NdTarget) first = new_target ("wp");
  g_autoptr(NdTarget) same_name = nd_target_new ("wp", ND_TARGET_TYPE_WORDPRESS,
                                                 "https://other.example.org", "other");
  g_autoptr(NdTarget) insecure = nd_target_new ("insecure", ND_TARGET_TYPE_WORDPRESS,
                                                "http://example.org", "editor");
  g_autoptr(NdTarget) nameless = new_target ("");
  g_autoptr(NdTarget) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_add_target (store, first, &error));
  g_assert_no_error (error);

  g_assert_false (nd_store_add_target (store, same_name, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“wp”"));
  g_clear_error (&error);
  g_assert_cmpint (nd_target_get_store_id (same_name), ==, 0);

  g_assert_false (nd_store_add_target (store, insecure, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (nd_store_add_target (store, nameless, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing of the refused ones went in; the first is as it was. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM targets"), ==, 1);
  found = nd_store_lookup_target (store, "wp", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_user (found), ==, "editor");
}

static void
test_store_update (void)
{
  g_autoptr(NdStore) store = open_memory_store ();
  g_autoptr(NdTarget) one = new_target ("one");
  g_autoptr(NdTarget) two = new_target ("two");
  g_autoptr(NdTarget) found = NULL;
  g_autoptr(NdTarget) unsaved = new_target ("unsaved");
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_add_target (store, one, &error));
  g_assert_true (nd_store_add_target (store, two, &error));
  g_assert_no_error (error);

  nd_target_set_name (one, "uno");
  nd_target_set_url (one, "https://uno.example.org/");
  nd_target_set_category (one, ND_ITEM_KIND_EVENT, "Termine");
  g_assert_true (nd_store_update_target (store, one, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_url (one), ==, "https://uno.example.org");

  found = nd_store_lookup_target (store, "uno", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_target_get_store_id (found), ==, nd_target_get_store_id (one));
  g_assert_cmpstr (nd_target_get_url (found), ==, "https://uno.example.org");
  g_assert_cmpstr (nd_target_get_category (found, ND_ITEM_KIND_EVENT), ==, "Termine");
  g_assert_null (nd_store_lookup_target (store, "one", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Onto another's name: refused, nothing changes. */
  nd_target_set_name (one, "two");
  g_assert_false (nd_store_update_target (store, one, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM targets WHERE name = 'uno'"), ==, 1);

  /* Invalid: refused. */
  nd_target_set_name (two, "two");
  nd_target_set_url (two, "http://example.org");
  g_assert_false (nd_store_update_target (store, two, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM targets WHERE base_url = 'https://example.org'"), ==, 1);

  /* Gone, or never stored. */
  g_assert_false (nd_store_update_target (store, unsaved, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_store_remove_cascades (void)
{
  g_autoptr(NdStore) store = open_memory_store ();
  g_autoptr(NdTarget) gone = new_target ("gone");
  g_autoptr(NdTarget) kept = new_target ("kept");
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  gint64 handle;

  g_assert_true (nd_store_add_target (store, gone, &error));
  g_assert_true (nd_store_add_target (store, kept, &error));
  nd_item_set_title (item, "Published twice");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);
  handle = nd_store_get_handle (store, nd_item_get_id (item));
  g_assert_cmpint (handle, >, 0);

  /* Remote state of the item, a tag and an image on both targets, and a
   * job for each. */
  exec_sql (store, "INSERT INTO tags (key, name) VALUES ('eccp', 'ECCP')");
  for (guint i = 0; i < 2; i++)
    {
      gint64 target_id = nd_target_get_store_id (i == 0 ? gone : kept);
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("INSERT INTO remote_items (item_id, target_id, remote_id, url, published_revision) "
                             "  VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '17', 'https://example.org/?p=17', 1);"
                             "INSERT INTO remote_tags (target_id, tag_id, remote_id) "
                             "  VALUES (%" G_GINT64_FORMAT ", (SELECT id FROM tags), '5');"
                             "INSERT INTO remote_media (target_id, sha256, remote_id) "
                             "  VALUES (%" G_GINT64_FORMAT ", 'abc', '9');"
                             "INSERT INTO outbox (item_id, target_id, action, created, updated) "
                             "  VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'publish', 'now', 'now');",
                             handle, target_id, target_id, target_id, handle, target_id);
      exec_sql (store, sql);
    }

  g_assert_true (nd_store_remove_target (store, "gone", &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM targets"), ==, 1);
  rows = g_strdup_printf ("SELECT (SELECT count(*) FROM remote_items WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM remote_tags WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM remote_media WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM outbox WHERE target_id = %1$" G_GINT64_FORMAT ")",
                          nd_target_get_store_id (gone));
  g_assert_cmpint (count_rows (store, rows), ==, 0);
  g_clear_pointer (&rows, g_free);
  rows = g_strdup_printf ("SELECT (SELECT count(*) FROM remote_items WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM remote_tags WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM remote_media WHERE target_id = %1$" G_GINT64_FORMAT ")"
                          "     + (SELECT count(*) FROM outbox WHERE target_id = %1$" G_GINT64_FORMAT ")",
                          nd_target_get_store_id (kept));
  g_assert_cmpint (count_rows (store, rows), ==, 4);

  /* The item and the tag stay: they are ours, not the CMS's. */
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM items"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM tags"), ==, 1);

  g_assert_false (nd_store_remove_target (store, "gone", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
}

/* A stored target whose options another program broke still loads. */
static void
test_store_broken_options (void)
{
  g_autoptr(NdStore) store = open_memory_store ();
  g_autoptr(NdTarget) target = new_target ("wp");
  g_autoptr(NdTarget) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_add_target (store, target, &error));
  exec_sql (store, "UPDATE targets SET options = 'not json'");

  g_test_expect_message ("nd-store", G_LOG_LEVEL_WARNING, "*options of target “wp”*");
  found = nd_store_lookup_target (store, "wp", &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_url (found), ==, "https://example.org");
}

/* The keyring */

static void
test_credentials_sync (void)
{
  g_autoptr(NdTarget) target = new_target ("sync-site");
  g_autoptr(NdTarget) other_user = nd_target_new ("sync-site", ND_TARGET_TYPE_WORDPRESS,
                                                  "https://example.org", "someone-else");
  g_autoptr(NdPassword) password = NULL;
  g_autoptr(NdPassword) replaced = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_password = TRUE;
  gboolean removed = FALSE;

  g_assert_true (nd_credentials_has_password_sync (target, &has_password, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_password);
  g_assert_null (nd_credentials_lookup_sync (target, NULL, &error));
  g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“sync-site”"));
  g_clear_error (&error);

  g_assert_true (nd_credentials_store_sync (target, PASSWORD, NULL, &error));
  g_assert_no_error (error);

  password = nd_credentials_lookup_sync (target, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);
  g_assert_true (nd_credentials_has_password_sync (target, &has_password, NULL, &error));
  g_assert_true (has_password);

  /* A password belongs to one user at one site. */
  g_assert_null (nd_credentials_lookup_sync (other_user, NULL, &error));
  g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Storing again replaces. */
  g_assert_true (nd_credentials_store_sync (target, "new password", NULL, &error));
  replaced = nd_credentials_lookup_sync (target, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced, ==, "new password");

  g_assert_true (nd_credentials_clear_sync (target, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  g_assert_null (nd_credentials_lookup_sync (target, NULL, &error));
  g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (nd_credentials_clear_sync (target, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (removed);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until the callback came; returns its result. */
static GAsyncResult *
wait_result (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  g_assert_nonnull (wait->result);

  return g_steal_pointer (&wait->result);
}

static void
test_credentials_async (void)
{
  g_autoptr(NdTarget) target = new_target ("async-site");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { loop, NULL };
  gboolean removed = FALSE;

  {
    g_autoptr(GAsyncResult) result = NULL;

    nd_credentials_store_async (target, PASSWORD, NULL, async_done_cb, &wait);
    result = wait_result (&wait);
    g_assert_true (nd_credentials_store_finish (result, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(NdPassword) password = NULL;

    nd_credentials_lookup_async (target, NULL, async_done_cb, &wait);
    result = wait_result (&wait);
    password = nd_credentials_lookup_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (password, ==, PASSWORD);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;

    nd_credentials_clear_async (target, NULL, async_done_cb, &wait);
    result = wait_result (&wait);
    g_assert_true (nd_credentials_clear_finish (result, &removed, &error));
    g_assert_no_error (error);
    g_assert_true (removed);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(NdPassword) password = NULL;

    nd_credentials_lookup_async (target, NULL, async_done_cb, &wait);
    result = wait_result (&wait);
    password = nd_credentials_lookup_finish (result, &error);
    g_assert_null (password);
    g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND);
  }
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* Byte by byte: the file is binary (memmem() would need _GNU_SOURCE). */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    {
      if (memcmp (contents + i, needle, strlen (needle)) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The password goes to the keyring and nowhere near the database. */
static void
test_password_not_in_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdTarget) target = nd_target_new ("db-site", ND_TARGET_TYPE_WORDPRESS,
                                              "https://db.example.org", "db-editor-name");
  g_autoptr(NdPassword) password = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-targets-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;

  g_assert_no_error (error);
  db = g_build_filename (dir, "newsdesk.db", NULL);
  wal = g_strconcat (db, "-wal", NULL);

  store = nd_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (nd_store_add_target (store, target, &error));
  g_assert_no_error (error);
  g_assert_true (nd_credentials_store_sync (target, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  nd_target_set_category (target, ND_ITEM_KIND_NEWS, "Meldungen");
  g_assert_true (nd_store_update_target (store, target, &error));
  g_assert_no_error (error);

  password = nd_credentials_lookup_sync (target, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);

  /* While the store is open, the writes are in the WAL: the search can
   * see them (the user name is there), the password is not. */
  g_assert_true (file_contains (wal, "db-editor-name"));
  g_assert_false (file_contains (wal, PASSWORD));
  g_assert_false (file_contains (db, PASSWORD));

  /* Closed, the WAL is checkpointed into the file. */
  g_clear_object (&store);
  g_assert_true (file_contains (db, "db-editor-name"));
  g_assert_false (file_contains (db, PASSWORD));
  g_assert_false (file_contains (wal, PASSWORD));

  g_assert_true (nd_credentials_clear_sync (target, NULL, NULL, &error));
  g_assert_no_error (error);
  nd_test_remove_database (db);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Without a session bus: one clear message, and nothing stored. Run in a
 * subprocess, since this process's bus connection is made already. */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(NdTarget) target = new_target ("no-keyring-site");
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      AsyncWait wait = { loop, NULL };
      gboolean has_password = TRUE;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

      g_assert_false (nd_credentials_store_sync (target, PASSWORD, NULL, &error));
      g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING);
      g_assert_true (g_str_has_prefix (error->message, "No keyring is available: "));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_null (strstr (error->message, PASSWORD));
      g_clear_error (&error);

      g_assert_null (nd_credentials_lookup_sync (target, NULL, &error));
      g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING);
      g_clear_error (&error);
      g_assert_false (nd_credentials_has_password_sync (target, &has_password, NULL, &error));
      g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING);
      g_clear_error (&error);
      g_assert_false (nd_credentials_clear_sync (target, NULL, NULL, &error));
      g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING);
      g_clear_error (&error);

      nd_credentials_store_async (target, PASSWORD, NULL, async_done_cb, &wait);
      result = wait_result (&wait);
      g_assert_false (nd_credentials_store_finish (result, &error));
      g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING);
      g_assert_true (g_str_has_prefix (error->message, "No keyring is available: "));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* The keyring this process uses got nothing from the attempt. */
  {
    g_autoptr(NdTarget) target = new_target ("no-keyring-site");
    g_autoptr(GError) error = NULL;
    gboolean has_password = TRUE;

    g_assert_true (nd_credentials_has_password_sync (target, &has_password, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (has_password);
  }
}

/* Password files */

static char *
write_password_file (const char *dir,
                     const char *name,
                     const char *contents,
                     gssize      length,
                     int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);

  return path;
}

static void
assert_file_refused (const char *path,
                     const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdPassword) password = nd_credentials_read_password_file (path, &error);

  g_assert_null (password);
  g_assert_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_PASSWORD_FILE);
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_password_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-targets-XXXXXX", &error);
  g_autofree char *plain = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *no_newline = NULL;
  g_autofree char *group = NULL;
  g_autofree char *world = NULL;
  g_autofree char *world_writable = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *empty_line = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *not_utf8 = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *long_text = g_strnfill (5000, 'x');

  g_assert_no_error (error);

  plain = write_password_file (dir, "plain", PASSWORD "\nsecond line\n", -1, 0600);
  crlf = write_password_file (dir, "crlf", PASSWORD "\r\n", -1, 0400);
  no_newline = write_password_file (dir, "no-newline", PASSWORD, -1, 0600);
  group = write_password_file (dir, "group", PASSWORD "\n", -1, 0640);
  world = write_password_file (dir, "world", PASSWORD "\n", -1, 0644);
  world_writable = write_password_file (dir, "world-writable", PASSWORD "\n", -1, 0602);
  empty = write_password_file (dir, "empty", "", 0, 0600);
  empty_line = write_password_file (dir, "empty-line", "\n" PASSWORD "\n", -1, 0600);
  too_long = write_password_file (dir, "too-long", long_text, -1, 0600);
  not_utf8 = write_password_file (dir, "not-utf8", "caf\xe9\n", -1, 0600);
  missing = g_build_filename (dir, "missing", NULL);

  {
    const char *good[] = { plain, crlf, no_newline, group };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autoptr(NdPassword) password = nd_credentials_read_password_file (good[i], &error);

        g_assert_no_error (error);
        g_assert_cmpstr (password, ==, PASSWORD);
      }
  }

  assert_file_refused (world, "chmod o-rwx");
  assert_file_refused (world_writable, "chmod o-rwx");
  assert_file_refused (empty, "empty");
  assert_file_refused (empty_line, "empty");
  assert_file_refused (too_long, "too long");
  assert_file_refused (not_utf8, "UTF-8");
  assert_file_refused (missing, g_strerror (ENOENT));
  assert_file_refused (dir, "folder");

  /* A pipe (as --password-stdin reads): no permission check. */
  {
    g_autoptr(NdPassword) password = NULL;
    int fds[2];

    g_assert_cmpint (pipe (fds), ==, 0);
    g_assert_cmpint (write (fds[1], PASSWORD "\n", strlen (PASSWORD) + 1), ==, strlen (PASSWORD) + 1);
    close (fds[1]);
    password = nd_credentials_read_password_fd (fds[0], &error);
    close (fds[0]);
    g_assert_no_error (error);
    g_assert_cmpstr (password, ==, PASSWORD);
  }

  {
    const char *files[] = { plain, crlf, no_newline, group, world, world_writable,
                            empty, empty_line, too_long, not_utf8 };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      g_assert_cmpint (g_unlink (files[i]), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* The private keyring */

int
main (int   argc,
      char *argv[])
{
  NdTestKeyring *session = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A subprocess inherits the parent's private session. */
  if (!g_test_subprocess ())
    {
      session = nd_test_keyring_start ();
      nd_test_keyring_use (session);
    }

  g_test_add_func ("/targets/url/normal-form", test_url_normal_form);
  g_test_add_func ("/targets/url/refused", test_url_refused);
  g_test_add_func ("/targets/url/with-password", test_url_with_password);
  g_test_add_func ("/targets/validate", test_validate);
  g_test_add_func ("/targets/options", test_options);
  g_test_add_func ("/targets/notify", test_notify);
  g_test_add_func ("/targets/store/add-list-lookup", test_store_add_list_lookup);
  g_test_add_func ("/targets/store/refused", test_store_refused);
  g_test_add_func ("/targets/store/update", test_store_update);
  g_test_add_func ("/targets/store/remove-cascades", test_store_remove_cascades);
  g_test_add_func ("/targets/store/broken-options", test_store_broken_options);
  g_test_add_func ("/targets/credentials/sync", test_credentials_sync);
  g_test_add_func ("/targets/credentials/async", test_credentials_async);
  g_test_add_func ("/targets/credentials/not-in-database", test_password_not_in_database);
  g_test_add_func ("/targets/credentials/no-keyring", test_no_keyring);
  g_test_add_func ("/targets/credentials/password-file", test_password_file);

  status = g_test_run ();

  if (session != NULL)
    nd_test_keyring_stop (session);

  return status;
}
