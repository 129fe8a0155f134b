/* test-wp-client.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wp-client"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nd-http-retry.h"
#include "nd-mock-wp.h"
#include "nd-test-utils.h"
#include "nd-wp-client.h"

#define USER "erika"
#define PASSWORD "abcd EFGH 1234 ijkl MNOP 6789"
#define MAX_ATTEMPTS 4

#ifdef __SANITIZE_ADDRESS__
/* The TLS cases load GIO's GnuTLS module, whose dynamic thread-local
 * storage makes LeakSanitizer's tracer crash at exit (a sanitizer runtime
 * bug, google/sanitizers#1322); leaks are still detected without the
 * __tls_get_addr interception. ASAN_OPTIONS from the environment still
 * wins for every flag it names. */
const char *__asan_default_options (void);

__attribute__((used, visibility ("default"))) const char *
__asan_default_options (void)
{
  return "intercept_tls_get_addr=0";
}
#endif

/* The retry unit, without HTTP --------------------------------------------- */

static void
test_policy_backoff (void)
{
  g_autoptr(NdRetryPolicy) policy = nd_retry_policy_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint max_seen = 0;

  policy->base_delay_ms = 100;
  policy->max_delay_ms = 1000;

  /* Full jitter stays inside the doubling window, capped */
  for (guint n = 1; n <= 8; n++)
    {
      guint window = MIN (100u << (n - 1), 1000u);

      for (guint i = 0; i < 200; i++)
        {
          guint delay = nd_retry_policy_backoff_ms (policy, n, rand);

          g_assert_cmpuint (delay, <=, window);
          if (n == 8)
            max_seen = MAX (max_seen, delay);
        }
    }
  /* … and really is jittered up to the cap, not constant */
  g_assert_cmpuint (max_seen, >, 500);
}

static void
test_policy_next_delay (void)
{
  g_autoptr(NdRetryPolicy) policy = nd_retry_policy_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint delay;

  policy->max_attempts = 3;
  policy->base_delay_ms = 10;
  policy->max_delay_ms = 20;
  policy->max_retry_after_ms = 5000;

  g_assert_true (nd_retry_policy_next_delay (policy, 1, -1, rand, &delay));
  g_assert_cmpuint (delay, <=, 10);
  g_assert_true (nd_retry_policy_next_delay (policy, 2, -1, rand, &delay));
  g_assert_cmpuint (delay, <=, 20);
  /* the third attempt was the last */
  g_assert_false (nd_retry_policy_next_delay (policy, 3, -1, rand, &delay));

  /* Retry-After is a floor on the wait */
  g_assert_true (nd_retry_policy_next_delay (policy, 1, 3000, rand, &delay));
  g_assert_cmpuint (delay, ==, 3000);
  /* and one beyond the limit ends the call */
  g_assert_false (nd_retry_policy_next_delay (policy, 1, 6000, rand, &delay));
}

static void
test_policy_classify (void)
{
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x");
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
  g_autoptr(GError) reset = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "x");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x");
  g_autoptr(GError) dns = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "x");

  g_assert_cmpint (nd_retry_classify_status (200), ==, ND_RETRY_DONE);
  g_assert_cmpint (nd_retry_classify_status (201), ==, ND_RETRY_DONE);
  g_assert_cmpint (nd_retry_classify_status (500), ==, ND_RETRY_AGAIN);
  g_assert_cmpint (nd_retry_classify_status (503), ==, ND_RETRY_AGAIN);
  g_assert_cmpint (nd_retry_classify_status (429), ==, ND_RETRY_AGAIN);
  g_assert_cmpint (nd_retry_classify_status (400), ==, ND_RETRY_FAIL);
  g_assert_cmpint (nd_retry_classify_status (401), ==, ND_RETRY_FAIL);
  g_assert_cmpint (nd_retry_classify_status (413), ==, ND_RETRY_FAIL);

  g_assert_true (nd_retry_error_is_transient (refused));
  g_assert_true (nd_retry_error_is_transient (timeout));
  g_assert_true (nd_retry_error_is_transient (reset));
  g_assert_false (nd_retry_error_is_transient (cancelled));
  g_assert_false (nd_retry_error_is_transient (tls));
  g_assert_false (nd_retry_error_is_transient (dns));
}

static void
test_policy_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 10, 0, 0);
  gint64 delay;

  g_assert_true (nd_retry_parse_retry_after ("120", now, &delay));
  g_assert_cmpint (delay, ==, 120000);
  g_assert_true (nd_retry_parse_retry_after (" 0 ", now, &delay));
  g_assert_cmpint (delay, ==, 0);
  g_assert_true (nd_retry_parse_retry_after ("Mon, 02 Mar 2026 10:00:30 GMT", now, &delay));
  g_assert_cmpint (delay, ==, 30000);
  /* a date in the past: go now */
  g_assert_true (nd_retry_parse_retry_after ("Mon, 02 Mar 2026 09:00:00 GMT", now, &delay));
  g_assert_cmpint (delay, ==, 0);
  g_assert_false (nd_retry_parse_retry_after ("soon", now, &delay));
  g_assert_false (nd_retry_parse_retry_after ("-5", now, &delay));
  g_assert_false (nd_retry_parse_retry_after (NULL, now, &delay));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

#define POST(title, status, tags) \
  "{\"id\": 5, \"title\": {\"raw\": \"" title "\", \"rendered\": \"x\"}," \
  " \"excerpt\": {\"raw\": \"E\"}, \"content\": {\"raw\": \"<p>C</p>\"}," \
  " \"status\": \"" status "\", \"date_gmt\": \"2024-05-14T08:30:00\"," \
  " \"modified_gmt\": \"2024-05-14T08:31:00\", \"featured_media\": 7," \
  " \"tags\": " tags ", \"categories\": [1], \"slug\": \"s\", \"link\": \"https://example.org/s/\"}"

/* The digest sees every field Newsdesk writes, and nothing else. */
static void
test_post_digest (void)
{
  g_autoptr(JsonObject) post = parse_object (POST ("T", "publish", "[3, 9]"));
  g_autoptr(JsonObject) reordered = parse_object (POST ("T", "publish", "[9, 3]"));
  g_autoptr(JsonObject) retitled = parse_object (POST ("T.", "publish", "[3, 9]"));
  g_autoptr(JsonObject) draft = parse_object (POST ("T", "draft", "[3, 9]"));
  g_autoptr(JsonObject) scheduled = parse_object (POST ("T", "future", "[3, 9]"));
  g_autoptr(JsonObject) retagged = parse_object (POST ("T", "publish", "[3]"));
  g_autoptr(JsonObject) view = parse_object ("{\"id\": 5, \"title\": {\"rendered\": \"T\"}}");
  g_autofree char *digest = nd_wp_post_digest (post);
  g_autofree char *other_stamp = NULL;
  g_autofree char *d_reordered = nd_wp_post_digest (reordered);
  g_autofree char *d_retitled = nd_wp_post_digest (retitled);
  g_autofree char *d_draft = nd_wp_post_digest (draft);
  g_autofree char *d_scheduled = nd_wp_post_digest (scheduled);
  g_autofree char *d_retagged = nd_wp_post_digest (retagged);
  g_autofree char *d_view = nd_wp_post_digest (view);

  g_assert_true (g_str_has_prefix (digest, ND_WP_DIGEST_PREFIX));
  g_assert_cmpuint (strlen (digest), ==, strlen (ND_WP_DIGEST_PREFIX) + 64);

  /* a re-save moves only the stamp */
  json_object_set_string_member (post, "modified_gmt", "2024-05-14T09:00:00");
  other_stamp = nd_wp_post_digest (post);
  g_assert_cmpstr (other_stamp, ==, digest);
  g_assert_cmpstr (d_reordered, ==, digest);
  g_assert_cmpstr (d_scheduled, ==, digest);

  g_assert_cmpstr (d_retitled, !=, digest);
  g_assert_cmpstr (d_draft, !=, digest);
  g_assert_cmpstr (d_retagged, !=, digest);
  g_assert_null (d_view);
}

/* What esc_html() would write: no markup survives, "&amp;" stays text. */
static void
test_escape_text (void)
{
  g_autofree char *escaped = nd_wp_escape_text ("Title <img src=x onerror=alert(1)> &amp; \"a\" 'b' Brüssel");
  g_autofree char *empty = nd_wp_escape_text ("");

  g_assert_cmpstr (escaped, ==,
                   "Title &lt;img src=x onerror=alert(1)&gt; &amp;amp; &quot;a&quot; &#039;b&#039; Brüssel");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_check_site_url (void)
{
  const char *good[] = {
    "https://example.org/", "https://example.org/news/", "http://localhost:8080/",
    "http://127.0.0.1/", "http://127.1.2.3:9/", "http://[::1]:8080/", "http://wp.localhost/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (nd_wp_check_site_url (good[i], &error));
      g_assert_no_error (error);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nd_wp_check_site_url ("http://example.org/", &error));
    g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL);
    g_assert_nonnull (strstr (error->message, "example.org"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nd_wp_check_site_url ("http://10.0.0.1/", &error));
    g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nd_wp_check_site_url ("ftp://example.org/", &error));
    g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INVALID_URL);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nd_wp_check_site_url ("example.org", &error));
    g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INVALID_URL);
  }
}

/* Against the stand-in ------------------------------------------------------ */

typedef struct
{
  NdMockWp     *mock;
  NdWpClient   *client;
  GAsyncResult *result;
  guint         retries;
  guint         last_delay_ms;
  char         *tls_dir;    /* TLS tests: the certificates made for the test */
} Fixture;

static void
retrying_cb (NdWpClient   *client,
             guint         attempts,
             guint         delay_ms,
             const GError *reason,
             Fixture      *fixture)
{
  g_assert_nonnull (reason);
  g_assert_true (reason->domain == ND_WP_ERROR);
  fixture->retries++;
  fixture->last_delay_ms = delay_ms;
}

static NdWpClient *
make_client (Fixture    *fixture,
             const char *url,
             const char *password)
{
  g_autoptr(NdRetryPolicy) policy = nd_retry_policy_new ();
  NdWpClient *client = nd_wp_client_new (url, USER, password, NULL);

  /* tiny delays: no test sleeps */
  policy->max_attempts = MAX_ATTEMPTS;
  policy->base_delay_ms = 2;
  policy->max_delay_ms = 10;
  policy->max_retry_after_ms = 1500;
  nd_wp_client_set_retry_policy (client, policy);
  /* far above a loopback answer even under ASan */
  nd_wp_client_set_timeout_ms (client, 5000);
  g_signal_connect (client, "retrying", G_CALLBACK (retrying_cb), fixture);

  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = NULL;

  fixture->mock = nd_mock_wp_new (GPOINTER_TO_UINT (data), USER, PASSWORD);
  url = nd_mock_wp_dup_url (fixture->mock);
  fixture->client = make_client (fixture, url, PASSWORD);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->mock, nd_mock_wp_free);
  nd_test_drain ();
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

static gboolean
has_result (gconstpointer data)
{
  const Fixture *fixture = data;

  return fixture->result != NULL;
}

/* Waits for the pending call and hands its result over. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  nd_test_wait_until (has_result, fixture);

  return g_steal_pointer (&fixture->result);
}

static gboolean
discover (Fixture     *fixture,
          NdWpClient  *client,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nd_wp_client_discover_async (client, NULL, store_result_cb, fixture);
  result = wait_result (fixture);

  return nd_wp_client_discover_finish (client, result, error);
}

static JsonObject *
create_post (Fixture     *fixture,
             const char  *title,
             const char  *slug,
             const char  *marker,
             GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "content", "<p>Body</p>");
  json_object_set_string_member (fields, "status", "publish");
  json_object_set_string_member (fields, "date_gmt", "2026-03-02T10:00:00");
  if (slug != NULL)
    json_object_set_string_member (fields, "slug", slug);

  nd_wp_client_create_post_async (fixture->client, fields, marker, NULL, store_result_cb, fixture);
  result = wait_result (fixture);

  return nd_wp_client_create_post_finish (fixture->client, result, error);
}

static JsonObject *
get_post (Fixture     *fixture,
          gint64       id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nd_wp_client_get_post_async (fixture->client, id, NULL, store_result_cb, fixture);
  result = wait_result (fixture);

  return nd_wp_client_get_post_finish (fixture->client, result, error);
}

static char *
test_connection (Fixture     *fixture,
                 NdWpClient  *client,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nd_wp_client_test_connection_async (client, NULL, store_result_cb, fixture);
  result = wait_result (fixture);

  return nd_wp_client_test_connection_finish (client, result, error);
}

static gint64
ensure_tag (Fixture     *fixture,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nd_wp_client_ensure_tag_async (fixture->client, name, NULL, store_result_cb, fixture);
  result = wait_result (fixture);

  return nd_wp_client_ensure_tag_finish (fixture->client, result, error);
}

/* discovery */

static void
test_discover_pretty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = nd_mock_wp_dup_url (fixture->mock);
  g_autofree char *expected = g_strconcat (url, "wp-json/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nd_wp_client_get_rest_root (fixture->client), ==, expected);

  /* routes go below it as paths */
  post = create_post (fixture, "Pretty", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 1);
}

static void
test_discover_plain (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *url = nd_mock_wp_dup_url (fixture->mock);
  g_autofree char *expected = g_strconcat (url, "?rest_route=/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) again = NULL;
  gint64 id;

  /* no explicit discovery: the first call does it */
  post = create_post (fixture, "Plain", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_wp_client_get_rest_root (fixture->client), ==, expected);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/"), ==, 2);  /* home, then root */
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);

  /* query parameters follow the route with "&" */
  id = json_object_get_int_member (post, "id");
  again = get_post (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (again, "id"), ==, id);
}

static void
test_discover_not_wordpress (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (fixture, fixture->client, &error));
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_NOT_WORDPRESS);
  g_assert_null (nd_wp_client_get_rest_root (fixture->client));
}

static void
test_discover_rest_disabled (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (discover (fixture, fixture->client, &error));
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_REST_DISABLED);
}

static void
test_discover_insecure (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(NdWpClient) client = make_client (fixture, "http://newsdesk.invalid/", PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_false (discover (fixture, client, &error));
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "newsdesk.invalid"));
  /* refused, not retried: nothing was tried */
  g_assert_cmpuint (fixture->retries, ==, 0);
  g_clear_error (&error);

  /* every call goes through the same check */
  name = test_connection (fixture, client, &error);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL);
}

/* accounts */

static void
test_connection_ok (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  name = test_connection (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Erika Redakteurin");
}

static void
test_connection_wrong_password (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *url = nd_mock_wp_dup_url (fixture->mock);
  g_autoptr(NdWpClient) client = make_client (fixture, url, "wrong");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  name = test_connection (fixture, client, &error);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/users/me"), ==, 1);
  g_assert_cmpuint (fixture->retries, ==, 0);
}

static void
test_connection_no_upload (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  name = test_connection (fixture, fixture->client, &error);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, USER));
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(NdWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;

  /* a port that was free a moment ago and has no listener now */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = make_client (fixture, url, PASSWORD);
  name = test_connection (fixture, client, &error);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_NO_SERVER);
  g_assert_true (nd_wp_error_is_transient (error));
  g_assert_cmpuint (fixture->retries, ==, MAX_ATTEMPTS - 1);
}

/* A host that does not take the connection (its queue is full, so the
 * kernel drops our SYN): the connect timeout ends the attempt as "no
 * server", long before the answer's timeout, and the request counts as
 * never sent. */
static void
test_connect_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GPtrArray) fillers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(NdWpClient) client = NULL;
  g_autoptr(NdRetryPolicy) once = nd_retry_policy_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  gint64 started;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (listener, any, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (listener, 0);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  /* fill the queue: nothing accepts */
  for (guint i = 0; i < 3; i++)
    {
      GSocket *filler = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (filler, FALSE);
      g_socket_connect (filler, bound, NULL, NULL);
      g_ptr_array_add (fillers, filler);
    }

  url = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = make_client (fixture, url, PASSWORD);
  once->max_attempts = 1;
  nd_wp_client_set_retry_policy (client, once);
  nd_wp_client_set_timeout_ms (client, 60 * 1000);
  nd_wp_client_set_connect_timeout_ms (client, 500);

  started = g_get_monotonic_time ();
  name = test_connection (fixture, client, &error);
  g_test_message ("no connection: given up after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_NO_SERVER);
  g_assert_true (nd_wp_error_is_transient (error));
}

/* tags */

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first, again, other, amp, amp_again, raced;

  first = ensure_tag (fixture, "Forschung", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/tags"), ==, 1);

  /* found again by name, whatever the case: no second tag */
  again = ensure_tag (fixture, "forschung", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/tags"), ==, 1);

  /* a name that only contains the other is not a match */
  other = ensure_tag (fixture, "Forschungspolitik", &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, !=, first);

  /* WordPress stores and hands back "&amp;": searched as stored, the tag
   * is found, not made again */
  amp = ensure_tag (fixture, "Bund & Länder", &error);
  g_assert_no_error (error);
  amp_again = ensure_tag (fixture, "bund & länder", &error);
  g_assert_no_error (error);
  g_assert_cmpint (amp_again, ==, amp);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/tags"), ==, 3);

  /* made meanwhile by someone else: the search misses it, the create
   * says term_exists with the id */
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/tags", ND_MOCK_FAULT_EMPTY_LIST, 1, NULL);
  raced = ensure_tag (fixture, "FORSCHUNG", &error);
  g_assert_no_error (error);
  g_assert_cmpint (raced, ==, first);
  g_assert_cmpuint (nd_mock_wp_n_tags (fixture->mock), ==, 3);
}

/* media */

static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = nd_test_load_data ("clusterkonferenz-2024.jpg");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_url = NULL;
  JsonObject *media;
  gint64 id = 0;

  nd_wp_client_upload_media_async (fixture->client, bytes, "Cluster Konferenz (2024).jpg", "image/jpeg",
                                   NULL, store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_true (nd_wp_client_upload_media_finish (fixture->client, result, &id, &source_url, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_str_has_suffix (source_url, "/Cluster-Konferenz--2024-.jpg"));

  g_assert_cmpstr (nd_mock_wp_get_last_upload_header (fixture->mock, "Content-Disposition"), ==,
                   "attachment; filename=\"Cluster-Konferenz--2024-.jpg\"");
  /* no "Expect: 100-continue" that php -S would stall on */
  g_assert_null (nd_mock_wp_get_last_upload_header (fixture->mock, "Expect"));
  media = nd_mock_wp_get_media (fixture->mock, 0);
  g_assert_cmpint (json_object_get_int_member (media, "size"), ==, g_bytes_get_size (bytes));
  g_assert_cmpstr (json_object_get_string_member (media, "mime_type"), ==, "image/jpeg");

  nd_wp_client_update_media_async (fixture->client, id, "Die Konferenz © Foto: Uni", "Ein Saal",
                                   "Foto: Uni, CC BY 4.0", NULL, store_result_cb, fixture);
  updated = wait_result (fixture);
  g_assert_true (nd_wp_client_update_media_finish (fixture->client, updated, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (media, "caption"), ==, "Die Konferenz © Foto: Uni");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==, "Ein Saal");
  g_assert_cmpstr (json_object_get_string_member (media, "description"), ==, "Foto: Uni, CC BY 4.0");
}

static void
test_media_too_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = nd_test_load_data ("logo.png");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/media", ND_MOCK_FAULT_413, 1, NULL);
  nd_wp_client_upload_media_async (fixture->client, bytes, "logo.png", "image/png",
                                   NULL, store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_false (nd_wp_client_upload_media_finish (fixture->client, result, NULL, NULL, &error));
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_TOO_LARGE);
  g_assert_false (nd_wp_error_is_transient (error));
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/media"), ==, 1);
  g_assert_cmpuint (fixture->retries, ==, 0);
}

/* posts */

static void
test_posts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) found = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  gint64 id;

  post = create_post (fixture, "Clusterkonferenz 2024", "clusterkonferenz-2024", "0a1b:1", &error);
  g_assert_no_error (error);
  id = json_object_get_int_member (post, "id");
  g_assert_nonnull (json_object_get_string_member (post, "link"));
  /* the marker went into the content, after the body */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "content"), "raw"),
                   ==, "<p>Body</p>\n<!-- newsdesk:0a1b:1 -->");

  read = get_post (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (read, "status"), ==, "publish");
  g_assert_nonnull (json_object_get_string_member (read, "modified_gmt"));

  json_object_set_string_member (fields, "status", "draft");
  nd_wp_client_update_post_async (fixture->client, id, fields, NULL, store_result_cb, fixture);
  r1 = wait_result (fixture);
  changed = nd_wp_client_update_post_finish (fixture->client, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (changed, "status"), ==, "draft");

  nd_wp_client_find_posts_by_slug_async (fixture->client, "clusterkonferenz-2024", NULL, store_result_cb, fixture);
  r2 = wait_result (fixture);
  found = nd_wp_client_find_posts_by_slug_finish (fixture->client, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (found), ==, 1);

  /* trashing twice is done twice (a lost answer retried) */
  nd_wp_client_trash_post_async (fixture->client, id, NULL, store_result_cb, fixture);
  r3 = wait_result (fixture);
  g_assert_true (nd_wp_client_trash_post_finish (fixture->client, r3, &error));
  g_assert_no_error (error);
  nd_wp_client_trash_post_async (fixture->client, id, NULL, store_result_cb, fixture);
  r4 = wait_result (fixture);
  g_assert_true (nd_wp_client_trash_post_finish (fixture->client, r4, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (nd_mock_wp_get_post (fixture->mock, 0), "status"), ==, "trash");
}

static void
test_post_not_found (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = get_post (fixture, 999, &error);

  g_assert_null (post);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Invalid post ID."));
}

/* faults */

static void
test_fault_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) read = NULL;

  post = create_post (fixture, "T", NULL, NULL, &error);
  g_assert_no_error (error);

  /* the first answer comes after the client stopped waiting */
  nd_wp_client_set_timeout_ms (fixture->client, 200);
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/posts/", ND_MOCK_FAULT_DELAY, 1, NULL);
  read = get_post (fixture, json_object_get_int_member (post, "id"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpuint (fixture->retries, ==, 1);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/posts/1"), ==, 2);
}

static void
test_fault_timeout_create (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  /* the post is made, its answer comes too late */
  nd_wp_client_set_timeout_ms (fixture->client, 200);
  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DELAY, 1, NULL);
  post = create_post (fixture, "Slow", "slow", "c0ffee:2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (post, "id"), ==,
                   json_object_get_int_member (nd_mock_wp_get_post (fixture->mock, 0), "id"));
}

static void
test_fault_500 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  /* two failures before the work: looked for, not found, created once */
  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_500, 2, NULL);
  post = create_post (fixture, "After 500", "after-500", "beef:1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (post);
  g_assert_cmpuint (fixture->retries, ==, 2);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 3);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 1);
}

static void
test_fault_500_exhausted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/posts/", ND_MOCK_FAULT_500, 100, NULL);
  post = get_post (fixture, 1, &error);
  g_assert_null (post);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_SERVER);
  g_assert_true (nd_wp_error_is_transient (error));
  /* WordPress's own words */
  g_assert_nonnull (strstr (error->message, "critical error"));
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/posts/1"), ==, MAX_ATTEMPTS);
  g_assert_cmpuint (fixture->retries, ==, MAX_ATTEMPTS - 1);
}

static void
test_fault_503_retry_after (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/users/me", ND_MOCK_FAULT_503, 1, "1");
  name = test_connection (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->retries, ==, 1);
  /* the wait honoured the server's second, above the tiny backoff */
  g_assert_cmpuint (fixture->last_delay_ms, >=, 1000);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/users/me"), ==, 2);
}

static void
test_fault_503_retry_after_too_long (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/users/me", ND_MOCK_FAULT_503, 1,
                        "Wed, 21 Oct 2099 07:28:00 GMT");
  name = test_connection (fixture, fixture->client, &error);
  g_assert_null (name);
  /* not waited for here: the outbox reschedules */
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_SERVER);
  g_assert_true (nd_wp_error_is_transient (error));
  g_assert_cmpuint (fixture->retries, ==, 0);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/users/me"), ==, 1);
}

static void
test_fault_429 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/tags", ND_MOCK_FAULT_429, 2, "0");
  id = ensure_tag (fixture, "Hochschule", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->retries, ==, 2);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/tags"), ==, 3);

  fixture->retries = 0;
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/tags", ND_MOCK_FAULT_429, 100, NULL);
  id = ensure_tag (fixture, "Hochschule", &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fixture->retries, ==, MAX_ATTEMPTS - 1);
}

static void
test_fault_dropped_create (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DROP, 1, NULL);
  post = create_post (fixture, "Dropped", "dropped", "5eed:3", &error);
  g_assert_no_error (error);
  /* found by its marker, not made twice */
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpuint (fixture->retries, ==, 1);
  g_assert_cmpint (json_object_get_int_member (post, "id"), ==,
                   json_object_get_int_member (nd_mock_wp_get_post (fixture->mock, 0), "id"));
}

static void
test_fault_dropped_create_unique_slug (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) post = NULL;

  /* another post already has the slug: the marker tells them apart */
  other = create_post (fixture, "Other", "same", NULL, &error);
  g_assert_no_error (error);
  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DROP, 1, NULL);
  post = create_post (fixture, "Mine", "same", "abc:1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 2);
  g_assert_cmpint (json_object_get_int_member (post, "id"), !=, json_object_get_int_member (other, "id"));
}

static void
test_fault_dropped_without_marker (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  g_assert_true (discover (fixture, fixture->client, &error));
  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DROP, 1, NULL);
  post = create_post (fixture, "Unmarked", NULL, NULL, &error);
  g_assert_null (post);
  /* not blindly sent again */
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 1);
}

static void
test_fault_malformed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) read = NULL;

  post = create_post (fixture, "M", NULL, NULL, &error);
  g_assert_no_error (error);
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/posts/", ND_MOCK_FAULT_MALFORMED, 1, NULL);
  read = get_post (fixture, json_object_get_int_member (post, "id"), &error);
  g_assert_null (read);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE);
  g_assert_false (nd_wp_error_is_transient (error));
  g_assert_cmpuint (fixture->retries, ==, 0);
}

/* A broken or hostile site answering with 100,000 levels of "[" (which
 * overflowed json-glib's stack) gets an error, not a crash: as a post,
 * as a list of terms, and as the error body of a 400. */
static void
test_fault_deep (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tag_error = NULL;
  g_autoptr(GError) search_error = NULL;
  g_autoptr(GError) later_error = NULL;
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) again = NULL;
  gint64 tag;

  post = create_post (fixture, "Deep", NULL, NULL, &error);
  g_assert_no_error (error);

  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/posts/", ND_MOCK_FAULT_DEEP, 1, NULL);
  read = get_post (fixture, json_object_get_int_member (post, "id"), &error);
  g_assert_null (read);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_assert_nonnull (strstr (error->message, "128"));
  g_assert_false (nd_wp_error_is_transient (error));

  /* The search of tags answers deeply nested: refused the same way. */
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/tags", ND_MOCK_FAULT_DEEP, 1, NULL);
  tag = ensure_tag (fixture, "Forschung", &search_error);
  g_assert_cmpint (tag, ==, 0);
  g_assert_error (search_error, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (nd_mock_wp_n_tags (fixture->mock), ==, 0);

  /* An error body is read for WordPress's code: a deep one is no code. */
  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/tags", ND_MOCK_FAULT_DEEP_ERROR, 1, NULL);
  tag = ensure_tag (fixture, "Forschung", &tag_error);
  g_assert_cmpint (tag, ==, 0);
  g_assert_nonnull (tag_error);
  g_assert_true (tag_error->domain == ND_WP_ERROR);
  g_test_message ("%s", tag_error->message);

  /* The client goes on working. */
  again = get_post (fixture, json_object_get_int_member (post, "id"), &later_error);
  g_assert_no_error (later_error);
  g_assert_nonnull (again);
}

static void
test_fault_401 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_401, 1, NULL);
  post = create_post (fixture, "No", "no", "dead:1", &error);
  g_assert_null (post);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_UNAUTHORIZED);
  g_assert_false (nd_wp_error_is_transient (error));
  g_assert_cmpuint (fixture->retries, ==, 0);
  g_assert_cmpuint (nd_mock_wp_count (fixture->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 0);
}

static void
test_fault_403 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) post = NULL;

  nd_mock_wp_add_fault (fixture->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_403, 1, NULL);
  post = create_post (fixture, "No", "no", "dead:2", &error);
  g_assert_null (post);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN);
  /* WordPress's own reason, with the user */
  g_assert_nonnull (strstr (error->message, "not allowed to create posts"));
  g_assert_nonnull (strstr (error->message, USER));
  g_assert_cmpuint (fixture->retries, ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_posts (fixture->mock), ==, 0);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  /* cancelled while waiting for a slow answer */
  nd_mock_wp_add_fault (fixture->mock, "GET", "/wp/v2/users/me", ND_MOCK_FAULT_DELAY, 1, NULL);
  nd_wp_client_test_connection_async (fixture->client, cancellable, store_result_cb, fixture);
  while (nd_mock_wp_count (fixture->mock, "GET", "/wp/v2/users/me") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  result = wait_result (fixture);
  name = nd_wp_client_test_connection_finish (fixture->client, result, &error);
  g_assert_null (name);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->retries, ==, 0);
}

/* TLS ------------------------------------------------------------------------ */

/* Runs openssl in @dir; FALSE (the test skips) if it is not installed. */
static gboolean
openssl (const char *dir,
         const char *args)
{
  g_autofree char *program = g_find_program_in_path ("openssl");
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (program == NULL)
    return FALSE;

  command = g_strconcat (program, " ", args, NULL);
  g_shell_parse_argv (command, NULL, &argv, &error);
  g_assert_no_error (error);
  g_spawn_sync (dir, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("openssl %s: %s\n%s", args, error->message, err);

  return TRUE;
}

/* A CA (ca.pem), a server certificate for 127.0.0.1 signed by it
 * (server.pem, server.key) and an unrelated CA (other-ca.pem). */
static gboolean
make_certificates (const char *dir)
{
  static const char *extensions =
    "basicConstraints = critical, CA:FALSE\n"
    "keyUsage = critical, digitalSignature\n"
    "extendedKeyUsage = serverAuth\n"
    "subjectAltName = IP:127.0.0.1, DNS:localhost\n";
  g_autofree char *ext_path = g_build_filename (dir, "server.ext", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (ext_path, extensions, -1, &error);
  g_assert_no_error (error);

  return openssl (dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                       "-keyout ca.key -out ca.pem -days 2 -subj /CN=Newsdesk\\ Test\\ CA "
                       "-addext basicConstraints=critical,CA:TRUE "
                       "-addext keyUsage=critical,keyCertSign,cRLSign") &&
         openssl (dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                       "-keyout other-ca.key -out other-ca.pem -days 2 -subj /CN=Another\\ CA "
                       "-addext basicConstraints=critical,CA:TRUE "
                       "-addext keyUsage=critical,keyCertSign,cRLSign") &&
         openssl (dir, "req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                       "-keyout server.key -out server.csr -subj /CN=127.0.0.1") &&
         openssl (dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 2 "
                       "-days 2 -extfile server.ext -out server.pem");
}

static void
tls_set_up (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;

  fixture->tls_dir = g_dir_make_tmp ("test-wp-client-tls-XXXXXX", &error);
  g_assert_no_error (error);
  if (!make_certificates (fixture->tls_dir))
    return;

  cert_path = g_build_filename (fixture->tls_dir, "server.pem", NULL);
  key_path = g_build_filename (fixture->tls_dir, "server.key", NULL);
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  fixture->mock = nd_mock_wp_new_tls (GPOINTER_TO_UINT (data), USER, PASSWORD, certificate);
}

static void
tls_tear_down (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *files[] = {
    "ca.key", "ca.pem", "other-ca.key", "other-ca.pem", "server.key", "server.csr",
    "server.pem", "server.ext",
  };

  fixture_tear_down (fixture, data);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->tls_dir, files[i], NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (fixture->tls_dir), ==, 0);
  g_free (fixture->tls_dir);
}

/* The client for the TLS stand-in, trusting @ca (a file in the test's
 * directory; NULL: the system's CAs). */
static NdWpClient *
make_tls_client (Fixture    *fixture,
                 const char *ca)
{
  g_autofree char *url = nd_mock_wp_dup_url (fixture->mock);
  g_autofree char *ca_file = ca != NULL ? g_build_filename (fixture->tls_dir, ca, NULL) : NULL;
  g_autoptr(NdRetryPolicy) policy = nd_retry_policy_new ();
  NdWpClient *client = nd_wp_client_new (url, USER, PASSWORD, ca_file);

  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  policy->max_attempts = MAX_ATTEMPTS;
  policy->base_delay_ms = 2;
  policy->max_delay_ms = 10;
  nd_wp_client_set_retry_policy (client, policy);
  nd_wp_client_set_timeout_ms (client, 5000);
  g_signal_connect (client, "retrying", G_CALLBACK (retrying_cb), fixture);

  return client;
}

/* A certificate from a CA the client does not trust: the TLS error that
 * says what to do, no retry, and not one request (so no password) sent. */
static void
assert_untrusted (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  name = test_connection (fixture, fixture->client, &error);
  g_assert_null (name);
  g_assert_error (error, ND_WP_ERROR, ND_WP_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "not trusted"));
  g_assert_nonnull (strstr (error->message, "name a CA file"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_false (nd_wp_error_is_transient (error));
  g_assert_cmpuint (fixture->retries, ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_requests (fixture->mock), ==, 0);
}

static void
test_tls_untrusted (Fixture       *fixture,
                    gconstpointer  data)
{
  if (fixture->mock == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  fixture->client = make_tls_client (fixture, NULL);
  assert_untrusted (fixture);
}

/* A CA file of another CA does not make the site trusted. */
static void
test_tls_other_ca (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mock == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  fixture->client = make_tls_client (fixture, "other-ca.pem");
  assert_untrusted (fixture);
}

/* The same server with its CA named: verified, and it works. */
static void
test_tls_ca_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (fixture->mock == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  fixture->client = make_tls_client (fixture, "ca.pem");
  name = test_connection (fixture, fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Erika Redakteurin");
  g_assert_true (g_str_has_prefix (nd_wp_client_get_rest_root (fixture->client), "https://127.0.0.1:"));
  g_assert_cmpuint (fixture->retries, ==, 0);

  id = ensure_tag (fixture, "Clusterpolitik", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (nd_mock_wp_n_tags (fixture->mock), ==, 1);
}

/* --ca-file means "also trust": with a CA file named, what the system
 * trusts still is. The process's default database stands for the
 * system's CAs here: it trusts the test CA, the account names another. */
static void
test_tls_ca_file_also_trusts_system (Fixture       *fixture,
                                     gconstpointer  data)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  g_autofree char *system_ca = NULL;
  g_autoptr(GTlsDatabase) system = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (fixture->mock == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  system_ca = g_build_filename (fixture->tls_dir, "ca.pem", NULL);
  system = g_tls_file_database_new (system_ca, &error);
  g_assert_no_error (error);
  g_tls_backend_set_default_database (backend, system);

  fixture->client = make_tls_client (fixture, "other-ca.pem");
  name = test_connection (fixture, fixture->client, &error);
  g_tls_backend_set_default_database (backend, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Erika Redakteurin");
}

/* The CA file verifies the chain with the site's name: a certificate of
 * the named CA for another host is refused, as the system's check would. */
static void
test_tls_ca_file_wrong_host (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *ext = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->mock == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }

  ext = g_build_filename (fixture->tls_dir, "server.ext", NULL);
  g_file_set_contents (ext, "basicConstraints = critical, CA:FALSE\n"
                            "extendedKeyUsage = serverAuth\n"
                            "subjectAltName = DNS:news.example.org\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (openssl (fixture->tls_dir, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
                                            "-set_serial 3 -days 2 -extfile server.ext -out server.pem"));
  cert_path = g_build_filename (fixture->tls_dir, "server.pem", NULL);
  key_path = g_build_filename (fixture->tls_dir, "server.key", NULL);
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  nd_mock_wp_free (fixture->mock);
  fixture->mock = nd_mock_wp_new_tls (ND_MOCK_WP_PRETTY, USER, PASSWORD, certificate);

  fixture->client = make_tls_client (fixture, "ca.pem");
  assert_untrusted (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-retry/backoff", test_policy_backoff);
  g_test_add_func ("/wp-retry/next-delay", test_policy_next_delay);
  g_test_add_func ("/wp-retry/classify", test_policy_classify);
  g_test_add_func ("/wp-retry/retry-after", test_policy_retry_after);
  g_test_add_func ("/wp-client/check-site-url", test_check_site_url);
  g_test_add_func ("/wp-client/post-digest", test_post_digest);
  g_test_add_func ("/wp-client/escape-text", test_escape_text);

#define ADD(path, flags, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (flags), fixture_set_up, func, fixture_tear_down)

  ADD ("/wp-client/discover/pretty", ND_MOCK_WP_PRETTY, test_discover_pretty);
  ADD ("/wp-client/discover/plain", ND_MOCK_WP_PLAIN, test_discover_plain);
  ADD ("/wp-client/discover/not-wordpress", ND_MOCK_WP_NOT_WORDPRESS, test_discover_not_wordpress);
  ADD ("/wp-client/discover/rest-disabled", ND_MOCK_WP_REST_DISABLED, test_discover_rest_disabled);
  ADD ("/wp-client/discover/insecure", ND_MOCK_WP_PRETTY, test_discover_insecure);
  ADD ("/wp-client/connection/ok", ND_MOCK_WP_PRETTY, test_connection_ok);
  ADD ("/wp-client/connection/wrong-password", ND_MOCK_WP_PRETTY, test_connection_wrong_password);
  ADD ("/wp-client/connection/no-upload", ND_MOCK_WP_NO_UPLOAD, test_connection_no_upload);
  ADD ("/wp-client/connection/refused", ND_MOCK_WP_PRETTY, test_connection_refused);
  ADD ("/wp-client/connection/connect-timeout", ND_MOCK_WP_PRETTY, test_connect_timeout);
  ADD ("/wp-client/tags", ND_MOCK_WP_PRETTY, test_tags);
  ADD ("/wp-client/media", ND_MOCK_WP_PRETTY, test_media);
  ADD ("/wp-client/media/too-large", ND_MOCK_WP_PRETTY, test_media_too_large);
  ADD ("/wp-client/posts", ND_MOCK_WP_PRETTY, test_posts);
  ADD ("/wp-client/posts/not-found", ND_MOCK_WP_PRETTY, test_post_not_found);
  ADD ("/wp-client/fault/timeout", ND_MOCK_WP_PRETTY, test_fault_timeout);
  ADD ("/wp-client/fault/timeout-create", ND_MOCK_WP_PRETTY, test_fault_timeout_create);
  ADD ("/wp-client/fault/500", ND_MOCK_WP_PRETTY, test_fault_500);
  ADD ("/wp-client/fault/500-exhausted", ND_MOCK_WP_PRETTY, test_fault_500_exhausted);
  ADD ("/wp-client/fault/503-retry-after", ND_MOCK_WP_PRETTY, test_fault_503_retry_after);
  ADD ("/wp-client/fault/503-retry-after-too-long", ND_MOCK_WP_PRETTY, test_fault_503_retry_after_too_long);
  ADD ("/wp-client/fault/429", ND_MOCK_WP_PRETTY, test_fault_429);
  ADD ("/wp-client/fault/dropped-create", ND_MOCK_WP_PRETTY, test_fault_dropped_create);
  ADD ("/wp-client/fault/dropped-create-same-slug", ND_MOCK_WP_PLAIN, test_fault_dropped_create_unique_slug);
  ADD ("/wp-client/fault/dropped-without-marker", ND_MOCK_WP_PRETTY, test_fault_dropped_without_marker);
  ADD ("/wp-client/fault/malformed-json", ND_MOCK_WP_PRETTY, test_fault_malformed);
  ADD ("/wp-client/fault/deeply-nested-json", ND_MOCK_WP_PRETTY, test_fault_deep);
  ADD ("/wp-client/fault/401", ND_MOCK_WP_PRETTY, test_fault_401);
  ADD ("/wp-client/fault/403", ND_MOCK_WP_PRETTY, test_fault_403);
  ADD ("/wp-client/cancel", ND_MOCK_WP_PRETTY, test_cancel);

#define ADD_TLS(path, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (ND_MOCK_WP_PRETTY), tls_set_up, func, tls_tear_down)

  ADD_TLS ("/wp-client/tls/untrusted", test_tls_untrusted);
  ADD_TLS ("/wp-client/tls/other-ca", test_tls_other_ca);
  ADD_TLS ("/wp-client/tls/ca-file", test_tls_ca_file);
  ADD_TLS ("/wp-client/tls/ca-file-also-trusts-system", test_tls_ca_file_also_trusts_system);
  ADD_TLS ("/wp-client/tls/ca-file-wrong-host", test_tls_ca_file_wrong_host);

#undef ADD_TLS

#undef ADD

  return g_test_run ();
}
