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

#include "nd-wp-client.h"

#define DEFAULT_TIMEOUT_MS (120 * 1000)
#define API_REL "https://api.w.org/"

struct _NdWpClient
{
  GObject        parent_instance;

  /* Owned References */
  SoupSession   *session;
  NdRetryPolicy *policy;
  GError        *setup_error;   /* a CA file that did not load */
  char          *base_url;      /* as given: the runner compares it with the target's */
  char          *home_url;      /* base_url ending in "/": the root of relative links */
  char          *host;
  char          *user;
  char          *ca_file;
  char          *authorization; /* "Basic …": the only copy of the password */
  char          *rest_root;
  char          *rest_prefix;   /* rest_root without its final "/" */

  guint          timeout_ms;
  gint64         last_retry_after_ms; /* of the last transient failure, or -1 */
  guint          rest_plain : 1; /* "?rest_route=" rather than "/wp-json/" */
};

G_DEFINE_FINAL_TYPE (NdWpClient, nd_wp_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (nd-wp-error-quark, nd_wp_error)

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

/* The fields of a post that a create or an update answers with. */
#define POST_ANSWER_FIELDS "id,link,status,date_gmt,modified_gmt,slug"

/* How a request may be sent again after a transient failure. */
typedef enum
{
  REPLAY_ALWAYS,        /* idempotent: GET, updates, tag creation (term_exists) */
  REPLAY_IF_UNSENT,     /* only when it cannot have been processed */
  REPLAY_AFTER_LOOKUP,  /* a create: first look for the post it may have made */
} Replay;

typedef struct
{
  char         *method;
  char         *route;    /* "/wp/v2/posts", below the REST root; or NULL and … */
  char         *url;      /* … an absolute URL (discovery) */
  char         *query;    /* escaped "a=b&c=d", nullable */
  GBytes       *body;
  char         *content_type;
  char         *filename; /* media uploads */
  char         *marker;   /* REPLAY_AFTER_LOOKUP */
  char         *slug;
  Replay        replay;
  guint         attempts;
  guint         any_status : 1;  /* hand 4xx answers back instead of failing */
  guint         raw : 1;         /* do not parse the body as JSON */
  guint         need_lookup : 1;
  guint         timed_out : 1;

  SoupMessage  *msg;
  GCancellable *attempt_cancellable;
  GSource      *timeout_source;
  GSource      *cancel_source;
  GSource      *wait_source;
} Request;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;  /* nullable */
  GBytes             *body;     /* nullable */
  JsonNode           *json;     /* nullable */
} Response;

static void request_attempt (GTask *task);

static void
destroy_source (GSource *source)
{
  if (!g_source_is_destroyed (source))
    g_source_destroy (source);
  g_source_unref (source);
}

static void
request_clear_sources (Request *req)
{
  g_clear_pointer (&req->timeout_source, destroy_source);
  g_clear_pointer (&req->cancel_source, destroy_source);
  g_clear_pointer (&req->wait_source, destroy_source);
}

static void
request_free (Request *req)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (const char *method,
             const char *route,
             Replay      replay)
{
  Request *req = g_new0 (Request, 1);

  req->method = g_strdup (method);
  req->route = g_strdup (route);
  req->replay = replay;

  return req;
}

static void
request_set_json (Request    *req,
                  JsonObject *object)
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

static void
response_free (Response *resp)
{
  g_clear_pointer (&resp->headers, soup_message_headers_unref);
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_free (resp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* JSON helpers ---------------------------------------------------------- */

static const char *
object_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* WordPress gives rendered/raw pairs in context=edit ({"raw": …}) and
 * plain strings elsewhere. */
static const char *
object_get_text (JsonObject *object,
                 const char *member,
                 const char *part)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return object_get_string (json_node_get_object (node), part);

  return object_get_string (object, member);
}

static gboolean
object_get_id (JsonObject *object,
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

static JsonObject *
response_get_object (Response *resp)
{
  if (resp->json == NULL || !JSON_NODE_HOLDS_OBJECT (resp->json))
    return NULL;

  return json_node_get_object (resp->json);
}

static JsonObject *
copy_object (JsonObject *object)
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
      g_set_error (error, ND_WP_ERROR, ND_WP_ERROR_INVALID_URL,
                   /* Translators: %s is what the user typed as a site address */
                   _("“%s” is not a web address (https://…)"), url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, ND_WP_ERROR, ND_WP_ERROR_INSECURE_URL,
                   /* Translators: %s is a host name */
                   _("Refusing unencrypted http:// to %s: use https:// (plain http is only for this computer)"),
                   host);
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
request_build_url (NdWpClient *self,
                   Request    *req)
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

static char *
escape_param (const char *value)
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

static GError *
error_from_transport (NdWpClient   *self,
                      const GError *error)
{
  if (error->domain == G_TLS_ERROR && error->code == G_TLS_ERROR_BAD_CERTIFICATE)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_TLS,
                        /* Translators: %s is a host name */
                        _("The certificate of %s is not trusted (name a CA file for the account if the site uses its own)"),
                        self->host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_TLS,
                        /* Translators: %s is a host name, then the TLS library's reason */
                        _("The secure connection to %s failed: %s"), self->host, error->message);

  if (error->domain == G_RESOLVER_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_NO_SERVER,
                        _("The host %s is unknown (check the site address)"), self->host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_NO_SERVER,
                        _("No web server answers at %s"), self->host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_TIMEOUT,
                        _("The site %s did not answer in time"), self->host);

  if (nd_retry_error_is_transient (error))
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_CONNECTION_LOST,
                        _("The connection to %s broke off before the answer came"), self->host);

  return g_error_new (ND_WP_ERROR, ND_WP_ERROR_FAILED,
                      /* Translators: %s is a host name, then the reason */
                      _("Cannot talk to %s: %s"), self->host, error->message);
}

static JsonObject *
parse_error_body (Response *resp)
{
  JsonObject *object = response_get_object (resp);

  if (object != NULL)
    return object;

  /* 4xx bodies are not parsed by the request itself */
  if (resp->json == NULL && resp->body != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (resp->body, &size);

      if (size > 0 && json_parser_load_from_data (parser, data, size, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        resp->json = json_node_copy (json_parser_get_root (parser));
    }

  return response_get_object (resp);
}

static GError *
error_from_response (NdWpClient *self,
                     Response   *resp)
{
  JsonObject *body = parse_error_body (resp);
  const char *code = object_get_string (body, "code");
  const char *message = object_get_string (body, "message");
  guint status = resp->status;

  if (status == 401 && g_strcmp0 (code, "rest_not_logged_in") == 0)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_UNAUTHORIZED,
                        _("WordPress at %s did not see the login: application passwords are off there, or the web server drops the Authorization header"),
                        self->host);
  if (status == 401)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_UNAUTHORIZED,
                        _("Wrong user name or application password for %s"), self->host);
  if (status == 403)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN,
                        /* Translators: %s is a user name, then WordPress's own message */
                        _("The user %s lacks the rights for this: %s"),
                        self->user, message != NULL ? message : soup_status_get_phrase (status));
  if (status == 413)
    return g_error_new_literal (ND_WP_ERROR, ND_WP_ERROR_TOO_LARGE,
                                _("The file is too large for the site (its upload limit is lower)"));
  if (status == 404)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_NOT_FOUND,
                        /* Translators: %s is WordPress's own message */
                        _("Not found on the site: %s"),
                        message != NULL ? message : soup_status_get_phrase (status));
  if (status == 429)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_RATE_LIMITED,
                        _("The site %s refuses more requests for now (HTTP 429); try again later"),
                        self->host);
  if (status >= 500)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_SERVER,
                        /* Translators: %s is a host name, %u an HTTP status, then the reason */
                        _("The site %s failed (HTTP %u): %s"), self->host, status,
                        message != NULL ? message : soup_status_get_phrase (status));
  if (message != NULL)
    return g_error_new (ND_WP_ERROR, ND_WP_ERROR_REJECTED,
                        /* Translators: %s is WordPress's own message */
                        _("WordPress refused the request: %s"), message);

  return g_error_new (ND_WP_ERROR, ND_WP_ERROR_REJECTED,
                      _("WordPress refused the request (HTTP %u)"), status);
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
request_fail_final (GTask    *task,
                    Response *resp,
                    GError   *transport_error,
                    gint64    retry_after_ms)
{
  NdWpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (retry_after_ms > (gint64) self->policy->max_retry_after_ms &&
      req->attempts < self->policy->max_attempts)
    {
      g_task_return_new_error (task, ND_WP_ERROR,
                               resp->status == 429 ? ND_WP_ERROR_RATE_LIMITED : ND_WP_ERROR_SERVER,
                               /* Translators: %s is a host name, %u a number of seconds */
                               _("The site %s asks to wait %u seconds before the next try"),
                               self->host, (guint) ((retry_after_ms + 999) / 1000));
      return;
    }

  if (transport_error != NULL)
    g_task_return_error (task, error_from_transport (self, transport_error));
  else
    g_task_return_error (task, error_from_response (self, resp));
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

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
  Request *req = g_task_get_task_data (task);

  request_clear_sources (req);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
request_retry_or_fail (GTask    *task,
                       Response *resp,
                       GError   *transport_error)
{
  NdWpClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
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
                                   : error_from_response (self, resp);
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
request_succeed (GTask    *task,
                 Response *resp_owned)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(Response) resp = resp_owned;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  if (!req->raw && resp->status < 300)
    {
      parser = json_parser_new ();
      data = resp->body != NULL ? g_bytes_get_data (resp->body, &size) : NULL;
      if (data == NULL || !json_parser_load_from_data (parser, data, size, &error))
        {
          g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE,
                                   _("The site’s answer is not valid JSON (a plugin or PHP message may be spoiling it)"));
          return;
        }
      resp->json = json_node_copy (json_parser_get_root (parser));
    }

  g_task_return_pointer (task, g_steal_pointer (&resp), (GDestroyNotify) response_free);
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(Response) resp = g_new0 (Response, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = g_steal_pointer (&req->msg);

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
        g_task_return_pointer (task, g_steal_pointer (&resp), (GDestroyNotify) response_free);
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
  Request *req = user_data;

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->timeout_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static gboolean
attempt_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  Request *req = user_data;

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
  Request *req = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = NULL;
  g_autoptr(GError) error = NULL;
  Response *resp;

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
  resp = g_new0 (Response, 1);
  resp->status = SOUP_STATUS_OK;
  resp->json = json_node_init_object (json_node_alloc (), post);
  g_task_return_pointer (task, resp, (GDestroyNotify) response_free);
}

static void
request_prepare_message (NdWpClient *self,
                         Request    *req,
                         SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

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
  Request *req = g_task_get_task_data (task);
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
      g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_INVALID_URL,
                               _("“%s” is not a web address (https://…)"), url);
      return;
    }
  request_prepare_message (self, req, req->msg);

  req->attempts++;
  req->timed_out = FALSE;
  req->attempt_cancellable = g_cancellable_new ();

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
static void
wp_request_async (NdWpClient          *self,
                  Request             *req,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (ND_IS_WP_CLIENT (self));
  g_assert (req != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wp_request_async);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

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

static Response *
wp_request_finish (NdWpClient    *self,
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
root_offers_wp_v2 (Response *resp)
{
  JsonObject *object = response_get_object (resp);
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
response_is_json (Response *resp)
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
    g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_REST_DISABLED,
                             /* Translators: %s is a host name */
                             _("WordPress at %s has its REST API switched off or blocked"),
                             self->host);
  else
    g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_NOT_WORDPRESS,
                             /* Translators: %s is a web address */
                             _("There is no WordPress site at %s"), self->base_url);
}

static void
discover_root_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Discovery *disc = g_task_get_task_data (task);
  g_autoptr(Response) resp = NULL;
  g_autoptr(GError) error = NULL;

  if (!(resp = wp_request_finish (self, result, &error)))
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
  Request *req = request_new ("GET", NULL, REPLAY_ALWAYS);

  req->url = g_strdup (disc->root);
  req->any_status = TRUE;
  wp_request_async (self, req, g_task_get_cancellable (task), discover_root_cb, g_object_ref (task));
}

static void
discover_home_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Discovery *disc = g_task_get_task_data (task);
  g_autoptr(Response) resp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  const char *links;

  if (!(resp = wp_request_finish (self, result, &error)))
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
                                     : g_error_new (ND_WP_ERROR, ND_WP_ERROR_NOT_WORDPRESS,
                                                    _("There is no WordPress site at %s"),
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
  Request *req;

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

  req = request_new ("GET", NULL, REPLAY_ALWAYS);
  req->url = g_strdup (self->home_url);
  req->any_status = TRUE;
  req->raw = TRUE;
  wp_request_async (self, req, cancellable, discover_home_cb, g_steal_pointer (&task));
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

static GError *
bad_response_error (void)
{
  return g_error_new_literal (ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE,
                              _("The site’s answer lacks what WordPress always sends"));
}

static void
object_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;
  JsonObject *body;
  gint64 id;

  if (!(resp = wp_request_finish (ND_WP_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(body = response_get_object (resp)) || !object_get_id (body, "id", &id))
    {
      g_task_return_error (task, bad_response_error ());
      return;
    }

  g_task_return_pointer (task, json_object_ref (body), (GDestroyNotify) json_object_unref);
}

/* Sends @req (transfer full) and hands back its answer, which must be
 * an object with an "id". */
static void
object_request_async (NdWpClient          *self,
                      Request             *req,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  wp_request_async (self, req, cancellable, object_request_cb, task);
}

static JsonObject *
object_request_finish (NdWpClient    *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* test_connection */

static gboolean
capability_granted (JsonObject *user,
                    const char *capability)
{
  JsonNode *caps = json_object_get_member (user, "capabilities");
  JsonNode *node;

  if (caps == NULL || !JSON_NODE_HOLDS_OBJECT (caps))
    return FALSE;

  node = json_object_get_member (json_node_get_object (caps), capability);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;
  JsonObject *user;
  const char *name;

  if (!(resp = wp_request_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  user = response_get_object (resp);
  if (!(name = object_get_string (user, "name")))
    g_task_return_error (task, bad_response_error ());
  else if (!capability_granted (user, "publish_posts"))
    g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN,
                             /* Translators: %s is a user name */
                             _("The user %s may not publish posts on this site"), self->user);
  else if (!capability_granted (user, "upload_files"))
    g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN,
                             /* Translators: %s is a user name */
                             _("The user %s may not upload files to this site"), self->user);
  else
    g_task_return_pointer (task, g_strdup (name), g_free);
}

void
nd_wp_client_test_connection_async (NdWpClient          *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_test_connection_async);

  req = request_new ("GET", "/wp/v2/users/me", REPLAY_ALWAYS);
  req->query = g_strdup ("context=edit");
  wp_request_async (self, req, cancellable, test_connection_cb, task);
}

char *
nd_wp_client_test_connection_finish (NdWpClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ensure_tag */

/* WordPress hands term names back HTML-escaped ("A &amp; B"). (transfer full) */
static char *
tag_key (const char *name)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#039;", "'" }, { "&#39;", "'" },
  };
  g_autoptr(GString) text = g_string_new (name);
  g_autofree char *normal = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (text, entities[i].entity, entities[i].text, 0);

  normal = g_utf8_normalize (g_strstrip (text->str), -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normal, -1);
}

static void
tag_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;
  JsonObject *body;
  JsonNode *data;
  gint64 id;

  if (!(resp = wp_request_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (resp->status < 300)
    {
      if (object_get_id (response_get_object (resp), "id", &id))
        g_task_return_int (task, id);
      else
        g_task_return_error (task, bad_response_error ());
      return;
    }

  /* A tag made meanwhile (or by a lost earlier answer): its id is in data. */
  body = parse_error_body (resp);
  data = body != NULL ? json_object_get_member (body, "data") : NULL;
  if (resp->status == 400 && g_strcmp0 (object_get_string (body, "code"), "term_exists") == 0 &&
      data != NULL && JSON_NODE_HOLDS_OBJECT (data) &&
      object_get_id (json_node_get_object (data), "term_id", &id))
    g_task_return_int (task, id);
  else
    g_task_return_error (task, error_from_response (self, resp));
}

static void
tag_searched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autofree char *key = tag_key (name);
  g_autoptr(Response) resp = NULL;
  g_autoptr(JsonObject) fields = NULL;
  GError *error = NULL;
  JsonArray *tags;
  Request *req;

  if (!(resp = wp_request_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (resp->json == NULL || !JSON_NODE_HOLDS_ARRAY (resp->json))
    {
      g_task_return_error (task, bad_response_error ());
      return;
    }

  tags = json_node_get_array (resp->json);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);
      const char *tag_name = object_get_string (tag, "name");
      g_autofree char *tag_name_key = tag_name != NULL ? tag_key (tag_name) : NULL;
      gint64 id;

      if (tag_name_key != NULL && strcmp (tag_name_key, key) == 0 && object_get_id (tag, "id", &id))
        {
          g_task_return_int (task, id);
          return;
        }
    }

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", name);
  req = request_new ("POST", "/wp/v2/tags", REPLAY_ALWAYS);
  req->any_status = TRUE;
  request_set_json (req, fields);
  wp_request_async (self, req, g_task_get_cancellable (task), tag_created_cb, g_object_ref (task));
}

void
nd_wp_client_ensure_tag_async (NdWpClient          *self,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  GTask *task;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_ensure_tag_async);
  g_task_set_task_data (task, g_strdup (name), g_free);

  escaped = escape_param (name);
  req = request_new ("GET", "/wp/v2/tags", REPLAY_ALWAYS);
  req->query = g_strdup_printf ("search=%s&per_page=100&hide_empty=false", escaped);
  wp_request_async (self, req, cancellable, tag_searched_cb, task);
}

gint64
nd_wp_client_ensure_tag_finish (NdWpClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  gint64 id;

  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);

  /* 0, not GTask's -1, on error */
  return id > 0 ? id : 0;
}

/* find_category */

static void
category_searched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autofree char *key = tag_key (name);
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;
  JsonArray *categories;

  if (!(resp = wp_request_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (resp->json == NULL || !JSON_NODE_HOLDS_ARRAY (resp->json))
    {
      g_task_return_error (task, bad_response_error ());
      return;
    }

  /* search= matches parts of names and slugs: only an equal name counts */
  categories = json_node_get_array (resp->json);
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category = json_array_get_object_element (categories, i);
      const char *category_name = object_get_string (category, "name");
      g_autofree char *category_key = category_name != NULL ? tag_key (category_name) : NULL;
      gint64 id;

      if (category_key != NULL && strcmp (category_key, key) == 0 && object_get_id (category, "id", &id))
        {
          g_task_return_int (task, id);
          return;
        }
    }

  g_task_return_new_error (task, ND_WP_ERROR, ND_WP_ERROR_NOT_FOUND,
                           /* Translators: %s is a category's name as the user gave it */
                           _("There is no category “%s” on the site; create it in WordPress or correct the name"),
                           name);
}

void
nd_wp_client_find_category_async (NdWpClient          *self,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GString) stored = NULL;
  g_autofree char *escaped = NULL;
  GTask *task;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_find_category_async);
  g_task_set_task_data (task, g_strdup (name), g_free);

  /* WordPress stores term names with &, < and > as entities and searches
   * them as stored: "A & B" would not find "A &amp; B". */
  stored = g_string_new (name);
  g_string_replace (stored, "&", "&amp;", 0);
  g_string_replace (stored, "<", "&lt;", 0);
  g_string_replace (stored, ">", "&gt;", 0);
  escaped = escape_param (stored->str);
  req = request_new ("GET", "/wp/v2/categories", REPLAY_ALWAYS);
  req->query = g_strdup_printf ("search=%s&per_page=100&hide_empty=false", escaped);
  wp_request_async (self, req, cancellable, category_searched_cb, task);
}

gint64
nd_wp_client_find_category_finish (NdWpClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  gint64 id;

  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);

  /* 0, not GTask's -1, on error */
  return id > 0 ? id : 0;
}

/* media */

static char *
sanitize_filename (const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename);

  for (char *p = base; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        *p = '-';
    }

  if (*base == '.' || *base == '\0')
    return g_strconcat ("file", base, NULL);

  return g_steal_pointer (&base);
}

void
nd_wp_client_upload_media_async (NdWpClient          *self,
                                 GBytes              *bytes,
                                 const char          *filename,
                                 const char          *mime_type,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (filename != NULL);
  g_return_if_fail (mime_type != NULL);

  req = request_new ("POST", "/wp/v2/media", REPLAY_IF_UNSENT);
  req->body = g_bytes_ref (bytes);
  req->content_type = g_strdup (mime_type);
  req->filename = sanitize_filename (filename);
  object_request_async (self, req, nd_wp_client_upload_media_async, cancellable, callback, user_data);
}

gboolean
nd_wp_client_upload_media_finish (NdWpClient    *self,
                                  GAsyncResult  *result,
                                  gint64        *out_id,
                                  char         **out_source_url,
                                  GError       **error)
{
  g_autoptr(JsonObject) media = NULL;
  gint64 id = 0;

  media = object_request_finish (self, result, nd_wp_client_upload_media_async, error);
  if (media == NULL)
    return FALSE;

  object_get_id (media, "id", &id);
  if (out_id != NULL)
    *out_id = id;
  if (out_source_url != NULL)
    *out_source_url = g_strdup (object_get_string (media, "source_url"));

  return TRUE;
}

void
nd_wp_client_update_media_async (NdWpClient          *self,
                                 gint64               id,
                                 const char          *caption,
                                 const char          *alt_text,
                                 const char          *description,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *route = NULL;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  if (caption != NULL)
    json_object_set_string_member (fields, "caption", caption);
  if (alt_text != NULL)
    json_object_set_string_member (fields, "alt_text", alt_text);
  if (description != NULL)
    json_object_set_string_member (fields, "description", description);

  route = g_strdup_printf ("/wp/v2/media/%" G_GINT64_FORMAT, id);
  req = request_new ("POST", route, REPLAY_ALWAYS);
  request_set_json (req, fields);
  object_request_async (self, req, nd_wp_client_update_media_async, cancellable, callback, user_data);
}

gboolean
nd_wp_client_update_media_finish (NdWpClient    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(JsonObject) media = NULL;

  media = object_request_finish (self, result, nd_wp_client_update_media_async, error);

  return media != NULL;
}

/* posts */

void
nd_wp_client_create_post_async (NdWpClient          *self,
                                JsonObject          *fields,
                                const char          *marker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (fields != NULL);

  body = copy_object (fields);
  req = request_new ("POST", "/wp/v2/posts", marker != NULL ? REPLAY_AFTER_LOOKUP : REPLAY_IF_UNSENT);

  if (marker != NULL)
    {
      g_autofree char *comment = nd_wp_marker_comment (marker);
      const char *content = object_get_string (body, "content");

      g_return_if_fail (comment != NULL);

      if (content == NULL || strstr (content, comment) == NULL)
        {
          g_autofree char *marked = g_strconcat (content != NULL ? content : "", "\n", comment, NULL);
          json_object_set_string_member (body, "content", marked);
        }
      req->marker = g_strdup (marker);
      req->slug = g_strdup (object_get_string (body, "slug"));
    }

  /* What the caller records; the whole post (rendered and raw content)
   * is many times larger to send, and to parse here. */
  req->query = g_strdup ("_fields=" POST_ANSWER_FIELDS);
  request_set_json (req, body);
  object_request_async (self, req, nd_wp_client_create_post_async, cancellable, callback, user_data);
}

JsonObject *
nd_wp_client_create_post_finish (NdWpClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return object_request_finish (self, result, nd_wp_client_create_post_async, error);
}

void
nd_wp_client_update_post_async (NdWpClient          *self,
                                gint64               id,
                                JsonObject          *fields,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *route = NULL;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (fields != NULL);

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = request_new ("POST", route, REPLAY_ALWAYS);
  req->query = g_strdup ("context=edit&_fields=" POST_ANSWER_FIELDS);
  request_set_json (req, fields);
  object_request_async (self, req, nd_wp_client_update_post_async, cancellable, callback, user_data);
}

JsonObject *
nd_wp_client_update_post_finish (NdWpClient    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return object_request_finish (self, result, nd_wp_client_update_post_async, error);
}

void
nd_wp_client_get_post_async (NdWpClient          *self,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *route = NULL;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = request_new ("GET", route, REPLAY_ALWAYS);
  req->query = g_strdup ("context=edit");
  object_request_async (self, req, nd_wp_client_get_post_async, cancellable, callback, user_data);
}

JsonObject *
nd_wp_client_get_post_finish (NdWpClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return object_request_finish (self, result, nd_wp_client_get_post_async, error);
}

static void
array_request_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;

  if (!(resp = wp_request_finish (ND_WP_CLIENT (object), result, &error)))
    g_task_return_error (task, error);
  else if (resp->json == NULL || !JSON_NODE_HOLDS_ARRAY (resp->json))
    g_task_return_error (task, bad_response_error ());
  else
    g_task_return_pointer (task, json_array_ref (json_node_get_array (resp->json)),
                           (GDestroyNotify) json_array_unref);
}

static void
find_posts_async (NdWpClient          *self,
                  const char          *param,
                  const char          *value,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *escaped = escape_param (value);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req;

  g_task_set_source_tag (task, source_tag);
  req = request_new ("GET", "/wp/v2/posts", REPLAY_ALWAYS);
  req->query = g_strdup_printf ("%s=%s&status=any&context=edit&per_page=100", param, escaped);
  wp_request_async (self, req, cancellable, array_request_cb, task);
}

void
nd_wp_client_find_posts_by_slug_async (NdWpClient          *self,
                                       const char          *slug,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (slug != NULL && *slug != '\0');

  find_posts_async (self, "slug", slug, nd_wp_client_find_posts_by_slug_async,
                    cancellable, callback, user_data);
}

JsonArray *
nd_wp_client_find_posts_by_slug_finish (NdWpClient    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* find_post_by_marker */

typedef struct
{
  char     *slug;
  char     *marker;
  char     *comment;  /* the whole "<!-- newsdesk:MARKER -->" */
  char     *term;     /* "newsdesk:MARKER", what WordPress's search looks for */
  gboolean  searched;
} MarkerLookup;

static void
marker_lookup_free (MarkerLookup *lookup)
{
  g_free (lookup->slug);
  g_free (lookup->marker);
  g_free (lookup->comment);
  g_free (lookup->term);
  g_free (lookup);
}

static JsonObject *
find_marked_post (JsonArray  *posts,
                  const char *comment)
{
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *node = json_array_get_element (posts, i);
      JsonObject *post = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *content = object_get_text (post, "content", "raw");

      if (content != NULL && strstr (content, comment) != NULL)
        return post;
    }

  return NULL;
}

static void
marker_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  MarkerLookup *lookup = g_task_get_task_data (task);
  g_autoptr(JsonArray) posts = NULL;
  GError *error = NULL;
  JsonObject *post;

  if (!(posts = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if ((post = find_marked_post (posts, lookup->comment)))
    {
      g_task_return_pointer (task, json_object_ref (post), (GDestroyNotify) json_object_unref);
      return;
    }

  if (lookup->searched)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Not under the slug (WordPress may have made it unique, or a draft
   * has none): search the content for the marker itself. */
  lookup->searched = TRUE;
  find_posts_async (self, "search", lookup->term, NULL,
                    g_task_get_cancellable (task), marker_found_cb, g_object_ref (task));
}

void
nd_wp_client_find_post_by_marker_async (NdWpClient          *self,
                                        const char          *slug,
                                        const char          *marker,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  MarkerLookup *lookup;
  GTask *task;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (marker != NULL && *marker != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_find_post_by_marker_async);

  lookup = g_new0 (MarkerLookup, 1);
  lookup->slug = g_strdup (slug);
  lookup->marker = g_strdup (marker);
  lookup->comment = nd_wp_marker_comment (marker);
  lookup->term = g_strconcat ("newsdesk:", marker, NULL);
  g_task_set_task_data (task, lookup, (GDestroyNotify) marker_lookup_free);

  if (slug != NULL && *slug != '\0')
    {
      find_posts_async (self, "slug", slug, NULL, cancellable, marker_found_cb, task);
    }
  else
    {
      lookup->searched = TRUE;
      find_posts_async (self, "search", lookup->term, NULL,
                        cancellable, marker_found_cb, task);
    }
}

JsonObject *
nd_wp_client_find_post_by_marker_finish (NdWpClient    *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* trash */

static void
trash_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Response) resp = NULL;
  GError *error = NULL;

  if (!(resp = wp_request_finish (self, result, &error)))
    g_task_return_error (task, error);
  else if (resp->status < 300)
    g_task_return_boolean (task, TRUE);
  else if (resp->status == 410 &&
           g_strcmp0 (object_get_string (parse_error_body (resp), "code"), "rest_already_trashed") == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error_from_response (self, resp));
}

void
nd_wp_client_trash_post_async (NdWpClient          *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *route = NULL;
  GTask *task;
  Request *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_trash_post_async);

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = request_new ("DELETE", route, REPLAY_ALWAYS);
  req->any_status = TRUE;
  wp_request_async (self, req, cancellable, trash_cb, task);
}

gboolean
nd_wp_client_trash_post_finish (NdWpClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object ----------------------------------------------------------------- */

static void
nd_wp_client_constructed (GObject *object)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *user_agent = NULL;

  G_OBJECT_CLASS (nd_wp_client_parent_class)->constructed (object);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  self->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                     : self->base_url);

  user_agent = g_strdup_printf ("Newsdesk/%s", PACKAGE_VERSION);
  /* Our own per-attempt timeout covers the whole answer; the session's
   * idle timeout is only a backstop for a stalled socket. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 60,
                                                 NULL);

  if (self->ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = NULL;
      g_autoptr(GError) error = NULL;

      if ((database = g_tls_file_database_new (self->ca_file, &error)))
        soup_session_set_tls_database (self->session, database);
      else
        self->setup_error = g_error_new (ND_WP_ERROR, ND_WP_ERROR_CA_FILE,
                                         /* Translators: %s is a file name, then the reason */
                                         _("The CA file %s cannot be used: %s"),
                                         self->ca_file, error->message);
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
