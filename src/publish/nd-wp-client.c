/* nd-wp-client.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-wp-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "nd-job-error.h"
#include "nd-json.h"
#include "nd-proxy-cache.h"
#include "nd-wp-client-private.h"

#define DEFAULT_TIMEOUT_MS (120 * 1000)
/* A site that takes this long to accept a connection is not there: a
 * publication queued then waits in the outbox instead of the user. */
#define DEFAULT_CONNECT_TIMEOUT_MS (10 * 1000)
#define API_REL "https://api.w.org/"

struct _NdWpClient
{
  GObject        parent_instance;

  /* Owned References */
  SoupSession   *session;
  NdRetryPolicy *policy;
  GError        *setup_error;   /* a CA file that did not load */
  GTlsDatabase  *ca_database;   /* the account's CA file: trusted besides the system's */
  char          *base_url;      /* as given: the runner compares it with the target's */
  char          *home_url;      /* base_url ending in "/": the root of relative links */
  char          *host;
  char          *user;
  char          *ca_file;
  char          *authorization; /* "Basic …": the only copy of the password */
  char          *rest_root;
  char          *rest_prefix;   /* rest_root without its final "/" */

  guint          timeout_ms;
  guint          connect_timeout_ms;
  gint64         last_retry_after_ms; /* of the last transient failure, or -1 */
  guint          rest_plain : 1; /* "?rest_route=" rather than "/wp-json/" */
};

G_DEFINE_FINAL_TYPE (NdWpClient, nd_wp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_USER,
  PROP_CA_FILE,
  PROP_REST_ROOT,
  N_PROPS
};

enum {
  RETRYING,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void request_attempt (GTask *task);

static void
destroy_source (GSource *source)
{
  if (!g_source_is_destroyed (source))
    g_source_destroy (source);
  g_source_unref (source);
}

static void
request_clear_sources (NdWpRequest *req)
{
  g_clear_pointer (&req->timeout_source, destroy_source);
  g_clear_pointer (&req->cancel_source, destroy_source);
  g_clear_pointer (&req->wait_source, destroy_source);
  g_clear_pointer (&req->connect_source, destroy_source);
}

void
_nd_wp_request_free (NdWpRequest *req)
{
  request_clear_sources (req);
  g_clear_object (&req->msg);
  g_clear_object (&req->attempt_cancellable);
  g_clear_pointer (&req->method, g_free);
  g_clear_pointer (&req->route, g_free);
  g_clear_pointer (&req->url, g_free);
  g_clear_pointer (&req->query, g_free);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->content_type, g_free);
  g_clear_pointer (&req->filename, g_free);
  g_clear_pointer (&req->marker, g_free);
  g_clear_pointer (&req->slug, g_free);
  g_free (req);
}


NdWpRequest *
_nd_wp_request_new (const char *method,
                    const char *route,
                    NdWpReplay  replay)
{
  NdWpRequest *req = g_new0 (NdWpRequest, 1);

  req->method = g_strdup (method);
  req->route = g_strdup (route);
  req->replay = replay;

  return req;
}

void
_nd_wp_request_set_json (NdWpRequest *req,
                         JsonObject  *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;
  gsize length;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  g_clear_pointer (&req->body, g_bytes_unref);
  req->body = g_bytes_new_take (text, length);
  g_free (req->content_type);
  req->content_type = g_strdup ("application/json");
}

void
_nd_wp_response_free (NdWpResponse *resp)
{
  g_clear_pointer (&resp->headers, soup_message_headers_unref);
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_free (resp);
}


/* JSON helpers ---------------------------------------------------------- */

/* WordPress gives rendered/raw pairs in context=edit ({"raw": …}) and
 * plain strings elsewhere. */
const char *
_nd_wp_object_get_text (JsonObject *object,
                        const char *member,
                        const char *part)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return nd_json_object_get_string (json_node_get_object (node), part);

  return nd_json_object_get_string (object, member);
}

gboolean
_nd_wp_object_get_id (JsonObject *object,
                      const char *member,
                      gint64     *id)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *id = json_node_get_int (node);
  return *id > 0;
}

JsonObject *
_nd_wp_response_get_object (NdWpResponse *resp)
{
  if (resp->json == NULL || !JSON_NODE_HOLDS_OBJECT (resp->json))
    return NULL;

  return json_node_get_object (resp->json);
}

JsonObject *
_nd_wp_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (copy, name, json_node_copy (node));

  return copy;
}

/* URLs ----------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  /* GUri keeps IPv6 literals in brackets in some versions */
  if (host[0] == '[')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
nd_wp_check_site_url (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (scheme == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_propagate_error (error, _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_INVALID_URL,
                                                   "wp-invalid-url", url, NULL));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_propagate_error (error, _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL,
                                                   "wp-insecure-url", host, NULL));
      return FALSE;
    }

  return TRUE;
}

char *
nd_wp_marker_comment (const char *marker)
{
  g_return_val_if_fail (marker != NULL && *marker != '\0', NULL);
  /* "--" would end the comment early, and kses squeezes it anyway */
  g_return_val_if_fail (strstr (marker, "--") == NULL && strchr (marker, '>') == NULL, NULL);

  return g_strdup_printf ("<!-- newsdesk:%s -->", marker);
}

static char *
request_build_url (NdWpClient  *self,
                   NdWpRequest *req)
{
  const char *sep;

  if (req->url != NULL)
    return g_strdup (req->url);

  g_assert (self->rest_prefix != NULL);
  sep = self->rest_plain ? "&" : "?";

  if (req->query != NULL)
    return g_strconcat (self->rest_prefix, req->route, sep, req->query, NULL);

  return g_strconcat (self->rest_prefix, req->route, NULL);
}

char *
_nd_wp_escape_param (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/* Errors ----------------------------------------------------------------- */

gboolean
nd_wp_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != ND_WP_ERROR)
    return FALSE;

  return error->code == ND_WP_ERROR_NO_SERVER ||
         error->code == ND_WP_ERROR_TIMEOUT ||
         error->code == ND_WP_ERROR_CONNECTION_LOST ||
         error->code == ND_WP_ERROR_RATE_LIMITED ||
         error->code == ND_WP_ERROR_SERVER;
}

#define wp_error(code, key, ...) _nd_job_error_new (ND_WP_ERROR, (code), (key), __VA_ARGS__, NULL)

static GError *
error_from_transport (NdWpClient   *self,
                      const GError *error)
{
  if (error->domain == G_TLS_ERROR && error->code == G_TLS_ERROR_BAD_CERTIFICATE)
    return wp_error (ND_WP_ERROR_TLS, "wp-tls-untrusted", self->host);

  if (error->domain == G_TLS_ERROR)
    return wp_error (ND_WP_ERROR_TLS, "wp-tls-failed", self->host, error->message);

  if (error->domain == G_RESOLVER_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return wp_error (ND_WP_ERROR_NO_SERVER, "wp-unknown-host", self->host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return wp_error (ND_WP_ERROR_NO_SERVER, "wp-no-server", self->host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return wp_error (ND_WP_ERROR_TIMEOUT, "wp-timeout", self->host);

  if (nd_retry_error_is_transient (error))
    return wp_error (ND_WP_ERROR_CONNECTION_LOST, "wp-connection-lost", self->host);

  return wp_error (ND_WP_ERROR_FAILED, "wp-failed", self->host, error->message);
}

JsonObject *
_nd_wp_parse_error_body (NdWpResponse *resp)
{
  JsonObject *object = _nd_wp_response_get_object (resp);

  if (object != NULL)
    return object;

  /* 4xx bodies are not parsed by the request itself; one that is no
   * JSON (a proxy's HTML page) simply has no WordPress error in it. */
  if (resp->json == NULL && resp->body != NULL)
    _nd_wp_response_parse (resp, NULL);

  return _nd_wp_response_get_object (resp);
}

/**
 * _nd_wp_response_parse:
 * @resp: an answer with its body
 * @error: return location for a #GError
 *
 * Parses the body into @resp->json, bounded in size and depth (a
 * hostile or broken site must not overflow the stack), with a clear
 * error otherwise.
 *
 * Returns: %TRUE if the body is JSON
 */
gboolean
_nd_wp_response_parse (NdWpResponse  *resp,
                       GError       **error)
{
  g_autoptr(GError) parse_error = NULL;
  const char *data = NULL;
  gsize size = 0;

  if (resp->body != NULL)
    data = g_bytes_get_data (resp->body, &size);

  g_clear_pointer (&resp->json, json_node_unref);
  resp->json = nd_json_parse (ND_JSON_SOURCE_SITE, data, (gssize) size, &parse_error);
  if (resp->json == NULL)
    {
      g_set_error_literal (error, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE, parse_error->message);
      return FALSE;
    }

  return TRUE;
}

GError *
_nd_wp_error_from_response (NdWpClient   *self,
                            NdWpResponse *resp)
{
  JsonObject *body = _nd_wp_parse_error_body (resp);
  const char *code = nd_json_object_get_string (body, "code");
  const char *message = nd_json_object_get_string (body, "message");
  guint status = resp->status;
  g_autofree char *status_text = g_strdup_printf ("%u", status);
  const char *reason = message != NULL ? message : soup_status_get_phrase (status);

  if (status == 401 && g_strcmp0 (code, "rest_not_logged_in") == 0)
    return wp_error (ND_WP_ERROR_UNAUTHORIZED, "wp-not-logged-in", self->host);
  if (status == 401)
    return wp_error (ND_WP_ERROR_UNAUTHORIZED, "wp-unauthorized", self->host);
  if (status == 403)
    return wp_error (ND_WP_ERROR_FORBIDDEN, "wp-forbidden", self->user, reason);
  if (status == 413)
    return _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_TOO_LARGE, "wp-too-large", NULL);
  if (status == 404)
    return wp_error (ND_WP_ERROR_NOT_FOUND, "wp-not-found", reason);
  if (status == 429)
    return wp_error (ND_WP_ERROR_RATE_LIMITED, "wp-rate-limited", self->host);
  if (status >= 500)
    return wp_error (ND_WP_ERROR_SERVER, "wp-server", self->host, status_text, reason);
  if (message != NULL)
    return wp_error (ND_WP_ERROR_REJECTED, "wp-rejected", message);

  return wp_error (ND_WP_ERROR_REJECTED, "wp-rejected-status", status_text);
}

/* Whether a request that failed this way may have been carried out:
 * not when the connection was never made, or for a 429 (refused before
 * any work). */
static gboolean
may_have_been_processed (const GError *error,
                         guint         status)
{
  if (error != NULL)
    return !(g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
             error->domain == G_RESOLVER_ERROR);

  return status != 429;
}

/* The request engine ---------------------------------------------------------- */

static void
request_fail_final (GTask        *task,
                    NdWpResponse *resp,
                    GError       *transport_error,
                    gint64        retry_after_ms)
{
  NdWpClient *self = g_task_get_source_object (task);
  NdWpRequest *req = g_task_get_task_data (task);

  if (retry_after_ms > (gint64) self->policy->max_retry_after_ms &&
      req->attempts < self->policy->max_attempts)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", (guint) ((retry_after_ms + 999) / 1000));

      g_task_return_error (task, wp_error (resp->status == 429 ? ND_WP_ERROR_RATE_LIMITED
                                                               : ND_WP_ERROR_SERVER,
                                           "wp-wait", self->host, seconds));
      return;
    }

  if (transport_error != NULL)
    g_task_return_error (task, error_from_transport (self, transport_error));
  else
    g_task_return_error (task, _nd_wp_error_from_response (self, resp));
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  NdWpRequest *req = g_task_get_task_data (task);

  g_clear_pointer (&req->cancel_source, destroy_source);
  g_source_unref (g_steal_pointer (&req->wait_source));
  request_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  NdWpRequest *req = g_task_get_task_data (task);

  request_clear_sources (req);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
request_retry_or_fail (GTask        *task,
                       NdWpResponse *resp,
                       GError       *transport_error)
{
  NdWpClient *self = g_task_get_source_object (task);
  NdWpRequest *req = g_task_get_task_data (task);
  g_autoptr(GError) reason = NULL;
  gint64 retry_after_ms = -1;
  gboolean processed;
  guint delay_ms;

  if (resp->headers != NULL)
    nd_retry_parse_retry_after (soup_message_headers_get_one (resp->headers, "Retry-After"),
                                NULL, &retry_after_ms);
  self->last_retry_after_ms = retry_after_ms;

  processed = may_have_been_processed (transport_error, resp->status);
  if ((req->replay == REPLAY_IF_UNSENT && processed) ||
      !nd_retry_policy_next_delay (self->policy, req->attempts, retry_after_ms, NULL, &delay_ms))
    {
      request_fail_final (task, resp, transport_error, retry_after_ms);
      return;
    }

  if (req->replay == REPLAY_AFTER_LOOKUP && processed)
    req->need_lookup = TRUE;

  reason = transport_error != NULL ? error_from_transport (self, transport_error)
                                   : _nd_wp_error_from_response (self, resp);
  g_debug ("%s %s: attempt %u failed (%s); next in %u ms",
           req->method, req->route ? req->route : req->url, req->attempts, reason->message, delay_ms);
  g_signal_emit (self, signals [RETRYING], 0, req->attempts, delay_ms, reason);

  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, wait_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (req->wait_source, g_task_get_context (task));

  if (g_task_get_cancellable (task) != NULL)
    {
      req->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_attach (req->cancel_source, g_task_get_context (task));
    }
}

/* Takes @resp_owned. */
static void
request_succeed (GTask        *task,
                 NdWpResponse *resp_owned)
{
  NdWpRequest *req = g_task_get_task_data (task);
  g_autoptr(NdWpResponse) resp = resp_owned;
  GError *error = NULL;

  if (!req->raw && resp->status < 300 && !_nd_wp_response_parse (resp, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&resp), (GDestroyNotify) _nd_wp_response_free);
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdWpRequest *req = g_task_get_task_data (task);
  g_autoptr(NdWpResponse) resp = g_new0 (NdWpResponse, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = g_steal_pointer (&req->msg);

  g_signal_handlers_disconnect_by_data (msg, req);
  request_clear_sources (req);
  g_clear_object (&req->attempt_cancellable);
  resp->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!req->timed_out)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&error);
      /* Not connected in time: the request never went out, like a host
       * that cannot be reached (a create may be sent again). */
      if (req->connect_timed_out)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "no connection in time");
      else
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
    }

  if (error != NULL)
    {
      if (nd_retry_error_is_transient (error))
        request_retry_or_fail (task, resp, error);
      else
        request_fail_final (task, resp, error, -1);
      return;
    }

  resp->status = soup_message_get_status (msg);
  resp->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_debug ("%s %s%s%s: %u, %" G_GSIZE_FORMAT " bytes", req->method,
           req->route != NULL ? req->route : req->url,
           req->query != NULL ? "?" : "", req->query != NULL ? req->query : "",
           resp->status, resp->body != NULL ? g_bytes_get_size (resp->body) : 0);

  switch (nd_retry_classify_status (resp->status))
    {
    case ND_RETRY_DONE:
      request_succeed (task, g_steal_pointer (&resp));
      break;

    case ND_RETRY_AGAIN:
      request_retry_or_fail (task, resp, NULL);
      break;

    case ND_RETRY_FAIL:
      if (req->any_status)
        g_task_return_pointer (task, g_steal_pointer (&resp), (GDestroyNotify) _nd_wp_response_free);
      else
        request_fail_final (task, resp, NULL, -1);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
attempt_timeout_cb (gpointer user_data)
{
  NdWpRequest *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->timeout_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  NdWpRequest *req = user_data;

  req->timed_out = TRUE;
  req->connect_timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->connect_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

/* The request is on the wire: the connection is there. */
static void
wrote_headers_cb (SoupMessage *msg,
                  NdWpRequest *req)
{
  g_clear_pointer (&req->connect_source, destroy_source);
}

static gboolean
attempt_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  NdWpRequest *req = user_data;

  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->cancel_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdWpRequest *req = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) error = NULL;
  NdWpResponse *resp;

  post = nd_wp_client_find_post_by_marker_finish (ND_WP_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (post == NULL)
    {
      /* It was not made: now creating again cannot duplicate it. */
      req->need_lookup = FALSE;
      request_attempt (task);
      return;
    }

  g_debug ("found the post %s made before its answer was lost", req->marker);
  resp = g_new0 (NdWpResponse, 1);
  resp->status = SOUP_STATUS_OK;
  resp->json = json_node_init_object (json_node_alloc (), post);
  g_task_return_pointer (task, resp, (GDestroyNotify) _nd_wp_response_free);
}

/* The system's CAs did not verify the site's certificate: the account's
 * CA file may ("also trust"). The whole chain is verified against it,
 * for a server and with the site's name, as the system's check does;
 * nothing unverified is ever accepted. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       NdWpClient           *self)
{
  GUri *uri = soup_message_get_uri (msg);
  int port = g_uri_get_port (uri);
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  identity = g_network_address_new (g_uri_get_host (uri), port > 0 ? (guint16) port : 443);
  flags = g_tls_database_verify_chain (self->ca_database, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, identity,
                                       NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  if (error != NULL)
    g_debug ("The CA file %s cannot verify %s: %s", self->ca_file, self->host, error->message);

  return error == NULL && flags == 0;
}

static void
request_prepare_message (NdWpClient  *self,
                         NdWpRequest *req,
                         SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (self->ca_database != NULL)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), self);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (!req->raw)
    soup_message_headers_replace (headers, "Accept", "application/json");

  if (req->body != NULL)
    {
      /* No "100-continue" round trip: php -S and some proxies stall on
       * it. curl's recipe is an empty "Expect:", which tells curl to
       * send none; libsoup adds none unless asked, and a literally empty
       * header gets 417 from strict servers, so make sure there is none. */
      soup_message_headers_remove (headers, "Expect");
      soup_message_set_request_body_from_bytes (msg, req->content_type, req->body);
    }

  if (req->filename != NULL)
    {
      g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"%s\"", req->filename);
      soup_message_headers_replace (headers, "Content-Disposition", disposition);
    }
}

static void
request_attempt (GTask *task)
{
  NdWpClient *self = g_task_get_source_object (task);
  NdWpRequest *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *url = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (req->need_lookup)
    {
      nd_wp_client_find_post_by_marker_async (self, req->slug, req->marker, cancellable,
                                              lookup_done_cb, g_object_ref (task));
      return;
    }

  url = request_build_url (self, req);
  if (!(req->msg = soup_message_new (req->method, url)))
    {
      g_task_return_error (task, wp_error (ND_WP_ERROR_INVALID_URL, "wp-invalid-url", url));
      return;
    }
  request_prepare_message (self, req, req->msg);

  req->attempts++;
  req->timed_out = FALSE;
  req->connect_timed_out = FALSE;
  req->attempt_cancellable = g_cancellable_new ();

  if (self->connect_timeout_ms < self->timeout_ms)
    {
      req->connect_source = g_timeout_source_new (self->connect_timeout_ms);
      g_source_set_callback (req->connect_source, connect_timeout_cb, req, NULL);
      g_source_attach (req->connect_source, g_task_get_context (task));
      g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), req);
    }

  req->timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (req->timeout_source, attempt_timeout_cb, req, NULL);
  g_source_attach (req->timeout_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      req->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->cancel_source, G_SOURCE_FUNC (attempt_cancelled_cb), req, NULL);
      g_source_attach (req->cancel_source, g_task_get_context (task));
    }

  soup_session_send_and_read_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                                    req->attempt_cancellable, request_sent_cb, g_object_ref (task));
}

static void
request_discovered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!nd_wp_client_discover_finish (ND_WP_CLIENT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    request_attempt (task);
}

/* Sends @req (transfer full), discovering the REST root first if need be. */
void
_nd_wp_client_request_async (NdWpClient          *self,
                             NdWpRequest         *req,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (ND_IS_WP_CLIENT (self));
  g_assert (req != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _nd_wp_client_request_async);
  g_task_set_task_data (task, req, (GDestroyNotify) _nd_wp_request_free);

  if (self->setup_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->setup_error));
      return;
    }

  if (req->route != NULL && self->rest_prefix == NULL)
    {
      nd_wp_client_discover_async (self, cancellable, request_discovered_cb, g_steal_pointer (&task));
      return;
    }

  request_attempt (task);
}

NdWpResponse *
_nd_wp_client_request_finish (NdWpClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Discovery -------------------------------------------------------------- */

typedef struct
{
  char     *root;        /* the candidate REST root being checked */
  gboolean  announced;   /* the Link header named it */
  gboolean  looks_wp;    /* the home page has WordPress's fingerprints */
} Discovery;

static void
discovery_free (Discovery *disc)
{
  g_free (disc->root);
  g_free (disc);
}

/* The target of the first Link with rel="https://api.w.org/" in
 * @value (several Link headers arrive joined by commas). (transfer full) */
static char *
find_api_link (const char *value)
{
  const char *p = value;

  while (p != NULL && (p = strchr (p, '<')))
    {
      const char *end = strchr (p, '>');
      const char *next;
      g_autofree char *params = NULL;

      if (end == NULL)
        return NULL;

      next = strchr (end, '<');
      params = next != NULL ? g_strndup (end + 1, next - end - 1) : g_strdup (end + 1);
      if (strstr (params, "rel=\"" API_REL "\"") || strstr (params, "rel=" API_REL))
        return g_strndup (p + 1, end - p - 1);

      p = next;
    }

  return NULL;
}

static void
client_set_rest_root (NdWpClient *self,
                      const char *root)
{
  const char *rest_route;

  if (g_strcmp0 (self->rest_root, root) == 0)
    return;

  g_free (self->rest_root);
  g_free (self->rest_prefix);
  self->rest_root = g_strdup (root);

  /* Plain permalinks: ".../?rest_route=/" (or %2F) takes the route as a
   * query value; pretty ones: ".../wp-json/" takes it as a path. */
  if ((rest_route = strstr (root, "rest_route=")))
    {
      self->rest_plain = TRUE;
      self->rest_prefix = g_strndup (root, rest_route - root + strlen ("rest_route="));
    }
  else
    {
      self->rest_plain = FALSE;
      self->rest_prefix = g_strdup (root);
      if (g_str_has_suffix (self->rest_prefix, "/"))
        self->rest_prefix[strlen (self->rest_prefix) - 1] = '\0';
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REST_ROOT]);
}

static gboolean
root_offers_wp_v2 (NdWpResponse *resp)
{
  JsonObject *object = _nd_wp_response_get_object (resp);
  JsonNode *node = object != NULL ? json_object_get_member (object, "namespaces") : NULL;
  JsonArray *namespaces;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  namespaces = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (namespaces); i++)
    {
      JsonNode *element = json_array_get_element (namespaces, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), "wp/v2") == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
response_is_json (NdWpResponse *resp)
{
  const char *type = NULL;

  if (resp->headers != NULL)
    type = soup_message_headers_get_content_type (resp->headers, NULL);

  return type != NULL && (g_ascii_strcasecmp (type, "application/json") == 0 ||
                          g_str_has_suffix (type, "+json"));
}

static void
discover_fail (GTask     *task,
               Discovery *disc)
{
  NdWpClient *self = g_task_get_source_object (task);

  if (disc->announced || disc->looks_wp)
    g_task_return_error (task, wp_error (ND_WP_ERROR_REST_DISABLED, "wp-rest-disabled", self->host));
  else
    g_task_return_error (task, wp_error (ND_WP_ERROR_NOT_WORDPRESS, "wp-not-wordpress", self->base_url));
}

static void
discover_root_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Discovery *disc = g_task_get_task_data (task);
  g_autoptr(NdWpResponse) resp = NULL;
  g_autoptr(GError) error = NULL;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)))
    {
      /* Unparsable JSON at the root counts as "not the API", transport
       * failures are what they are. */
      if (g_error_matches (error, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE))
        discover_fail (task, disc);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (resp->status >= 300 || !response_is_json (resp) || !root_offers_wp_v2 (resp))
    {
      discover_fail (task, disc);
      return;
    }

  client_set_rest_root (self, disc->root);
  g_task_return_boolean (task, TRUE);
}

static void
discover_check_root (GTask *task)
{
  NdWpClient *self = g_task_get_source_object (task);
  Discovery *disc = g_task_get_task_data (task);
  NdWpRequest *req = _nd_wp_request_new ("GET", NULL, REPLAY_ALWAYS);

  req->url = g_strdup (disc->root);
  req->any_status = TRUE;
  _nd_wp_client_request_async (self, req, g_task_get_cancellable (task), discover_root_cb, g_object_ref (task));
}

static void
discover_home_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Discovery *disc = g_task_get_task_data (task);
  g_autoptr(NdWpResponse) resp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  const char *links;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  links = soup_message_headers_get_list (resp->headers, "Link");
  if (links != NULL && (link = find_api_link (links)))
    {
      g_autoptr(GError) url_error = NULL;

      disc->announced = TRUE;
      disc->root = g_uri_resolve_relative (self->home_url, link, G_URI_FLAGS_ENCODED, NULL);
      /* The site may name a root we must not use (http:// elsewhere) */
      if (disc->root == NULL || !nd_wp_check_site_url (disc->root, &url_error))
        {
          g_task_return_error (task, url_error != NULL ? g_steal_pointer (&url_error)
                                     : wp_error (ND_WP_ERROR_NOT_WORDPRESS, "wp-not-wordpress",
                                                 self->base_url));
          return;
        }
    }
  else
    {
      gsize size = 0;
      const char *data = resp->body != NULL ? g_bytes_get_data (resp->body, &size) : NULL;
      g_autofree char *text = data != NULL ? g_strndup (data, size) : NULL;

      /* Some security plugins hide the header but keep the API: try
       * "?rest_route=/", which works with any permalink setting. */
      disc->looks_wp = text != NULL && (strstr (text, "/wp-content/") || strstr (text, "/wp-includes/"));
      disc->root = g_strconcat (self->home_url, "?rest_route=/", NULL);
    }

  discover_check_root (task);
}

void
nd_wp_client_discover_async (NdWpClient          *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_discover_async);
  g_task_set_task_data (task, g_new0 (Discovery, 1), (GDestroyNotify) discovery_free);

  /* Refused before any byte goes out */
  if (!nd_wp_check_site_url (self->base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  req = _nd_wp_request_new ("GET", NULL, REPLAY_ALWAYS);
  req->url = g_strdup (self->home_url);
  req->any_status = TRUE;
  req->raw = TRUE;
  _nd_wp_client_request_async (self, req, cancellable, discover_home_cb, g_steal_pointer (&task));
}

gboolean
nd_wp_client_discover_finish (NdWpClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Calls -------------------------------------------------------------------- */

static void
nd_wp_client_constructed (GObject *object)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(NdProxyCache) proxies = NULL;
  g_autofree char *user_agent = NULL;

  G_OBJECT_CLASS (nd_wp_client_parent_class)->constructed (object);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  self->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                     : self->base_url);

  user_agent = g_strdup_printf ("Newsdesk/%s", PACKAGE_VERSION);
  /* The system's proxy settings, asked once a minute rather than for every
   * connection (see nd-proxy-cache.h). */
  proxies = nd_proxy_cache_new (g_proxy_resolver_get_default (), 60);
  /* Our own per-attempt timeout covers the whole answer; the session's
   * idle timeout is only a backstop for a stalled socket. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 60,
                                                 "proxy-resolver", proxies,
                                                 NULL);

  /* The session keeps the system's trust; the CA file is asked only for
   * a certificate that fails it (accept_certificate_cb()). */
  if (self->ca_file != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(self->ca_database = g_tls_file_database_new (self->ca_file, &error)))
        self->setup_error = wp_error (ND_WP_ERROR_CA_FILE, "wp-ca-file", self->ca_file, error->message);
    }
}

static void
nd_wp_client_finalize (GObject *object)
{
  NdWpClient *self = ND_WP_CLIENT (object);

  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));

  g_clear_object (&self->session);
  g_clear_pointer (&self->policy, nd_retry_policy_free);
  g_clear_error (&self->setup_error);
  g_clear_object (&self->ca_database);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->home_url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->rest_root, g_free);
  g_clear_pointer (&self->rest_prefix, g_free);

  G_OBJECT_CLASS (nd_wp_client_parent_class)->finalize (object);
}

static void
nd_wp_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NdWpClient *self = ND_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_REST_ROOT:
      g_value_set_string (value, self->rest_root);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_wp_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NdWpClient *self = ND_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);

        /* The home page is the root of relative links: end it with "/" */
        g_free (self->base_url);
        g_free (self->home_url);
        self->base_url = g_strdup (url != NULL ? url : "");
        if (!g_str_has_suffix (self->base_url, "/") && strchr (self->base_url, '?') == NULL)
          self->home_url = g_strconcat (self->base_url, "/", NULL);
        else
          self->home_url = g_strdup (self->base_url);
      }
      break;

    case PROP_USER:
      g_free (self->user);
      self->user = g_value_dup_string (value);
      break;

    case PROP_CA_FILE:
      g_free (self->ca_file);
      self->ca_file = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_wp_client_class_init (NdWpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nd_wp_client_constructed;
  object_class->finalize = nd_wp_client_finalize;
  object_class->get_property = nd_wp_client_get_property;
  object_class->set_property = nd_wp_client_set_property;

  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REST_ROOT] =
    g_param_spec_string ("rest-root", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdWpClient::retrying:
   * @self: the client
   * @attempts: the attempts made so far
   * @delay_ms: the wait before the next one
   * @reason: the last attempt's failure, as the final error would say it
   *
   * Emitted before every wait for another attempt, so that the window
   * can say "Retrying in 5 s: …".
   */
  signals [RETRYING] =
    g_signal_new ("retrying",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);
}

static void
nd_wp_client_init (NdWpClient *self)
{
  self->policy = nd_retry_policy_new ();
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
  self->last_retry_after_ms = -1;
}

gint64
nd_wp_client_get_last_retry_after_ms (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), -1);

  return self->last_retry_after_ms;
}

NdWpClient *
nd_wp_client_new (const char *base_url,
                  const char *user,
                  const char *password,
                  const char *ca_file)
{
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  NdWpClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (ND_TYPE_WP_CLIENT,
                       "base-url", base_url,
                       "user", user,
                       "ca-file", ca_file,
                       NULL);

  credentials = g_strconcat (user, ":", password, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (credentials, 0, strlen (credentials));
  memset (encoded, 0, strlen (encoded));

  return self;
}

const char *
nd_wp_client_get_base_url (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);

  return self->base_url;
}

const char *
nd_wp_client_get_user (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);

  return self->user;
}

const char *
nd_wp_client_get_ca_file (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);

  return self->ca_file;
}

const char *
nd_wp_client_get_rest_root (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);

  return self->rest_root;
}

const NdRetryPolicy *
nd_wp_client_get_retry_policy (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);

  return self->policy;
}

void
nd_wp_client_set_retry_policy (NdWpClient          *self,
                               const NdRetryPolicy *policy)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (policy->max_attempts >= 1);

  g_clear_pointer (&self->policy, nd_retry_policy_free);
  self->policy = nd_retry_policy_copy (policy);
}

guint
nd_wp_client_get_timeout_ms (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);

  return self->timeout_ms;
}

void
nd_wp_client_set_timeout_ms (NdWpClient *self,
                             guint       timeout_ms)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

guint
nd_wp_client_get_connect_timeout_ms (NdWpClient *self)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);

  return self->connect_timeout_ms;
}

void
nd_wp_client_set_connect_timeout_ms (NdWpClient *self,
                                     guint       timeout_ms)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->connect_timeout_ms = timeout_ms;
}
