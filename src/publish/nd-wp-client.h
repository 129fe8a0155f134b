/* nd-wp-client.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nd-http-retry.h"

G_BEGIN_DECLS

/* A WordPress REST API client (Application Passwords over Basic auth),
 * asynchronous on the thread-default main context: nothing blocks.
 *
 * Every call discovers the REST root first if that has not happened yet,
 * sends "Authorization: Basic" (WordPress sends no challenge), and
 * retries transient failures (connection refused or reset, timeouts, 5xx,
 * 429 with Retry-After) by the client's NdRetryPolicy; any other 4xx
 * ends the call at once with WordPress's own message. A 2xx whose body
 * is not JSON is ND_WP_ERROR_BAD_RESPONSE and is not retried: it comes
 * from a plugin or PHP printing into the answer and would come again,
 * and for a create it may hide a post that was made (the outbox recovers
 * that through nd_wp_client_find_post_by_marker_async()).
 *
 * Plain http:// is refused before any request unless the host is a
 * loopback address; TLS certificates are always verified: against the
 * system's CAs, and, where an account names a CA file, a certificate
 * that fails those is verified against that file too (the file is
 * trusted as well as the system's CAs, never instead of them). */

#define ND_WP_ERROR (nd_wp_error_quark ())

/* Every message carried by an ND_WP_ERROR is translated, one line, and
 * names the precise reason. */
typedef enum
{
  ND_WP_ERROR_FAILED,
  ND_WP_ERROR_INVALID_URL,     /* not an http(s) URL with a host */
  ND_WP_ERROR_INSECURE_URL,    /* http:// to a host that is not loopback */
  ND_WP_ERROR_CA_FILE,         /* the account's CA file cannot be loaded */
  ND_WP_ERROR_NO_SERVER,       /* refused, unknown host, unreachable */
  ND_WP_ERROR_TIMEOUT,         /* no answer within the timeout */
  ND_WP_ERROR_CONNECTION_LOST, /* the connection broke off before the answer */
  ND_WP_ERROR_TLS,             /* certificate not trusted, or TLS failed */
  ND_WP_ERROR_NOT_WORDPRESS,   /* no WordPress REST API announced there */
  ND_WP_ERROR_REST_DISABLED,   /* WordPress, but its REST API is off or blocked */
  ND_WP_ERROR_UNAUTHORIZED,    /* 401: wrong user or application password */
  ND_WP_ERROR_FORBIDDEN,       /* 403 or missing capabilities */
  ND_WP_ERROR_NOT_FOUND,       /* 404: e.g. a post deleted in WordPress */
  ND_WP_ERROR_TOO_LARGE,       /* 413: an upload above the site's limit */
  ND_WP_ERROR_RATE_LIMITED,    /* 429 after all attempts, or a too long Retry-After */
  ND_WP_ERROR_SERVER,          /* 5xx after all attempts */
  ND_WP_ERROR_REJECTED,        /* any other 4xx: WordPress's own message */
  ND_WP_ERROR_BAD_RESPONSE,    /* a 2xx that is not the JSON expected */
} NdWpError;

#define ND_TYPE_WP_CLIENT (nd_wp_client_get_type ())

G_DECLARE_FINAL_TYPE (NdWpClient, nd_wp_client, ND, WP_CLIENT, GObject)

GQuark               nd_wp_error_quark                   (void);
/* Whether a later attempt may succeed (the outbox reschedules the job):
 * NO_SERVER, TIMEOUT, CONNECTION_LOST, RATE_LIMITED, SERVER. */
gboolean             nd_wp_error_is_transient            (const GError        *error);

/* Checks @url as a site address without any request: http(s) with a
 * host, and http:// only for loopback hosts (localhost, 127.0.0.0/8, ::1). */
gboolean             nd_wp_check_site_url                (const char          *url,
                                                          GError             **error);

/* The HTML comment that marks the posts Newsdesk makes, e.g.
 * "<!-- newsdesk:ITEM-UUID:REV -->" for @marker "ITEM-UUID:REV".
 * WordPress keeps HTML comments in post content for every role (kses
 * keeps comments), unlike post meta, which needs registration. @marker
 * may hold letters, digits, '.', ':', '_' and single '-'. (transfer full) */
char                *nd_wp_marker_comment                (const char          *marker);

/* Plain text (a title, a teaser, an alt text, a caption, a credit) for
 * WordPress's HTML context: "&", "<", ">", '"' and "'" become entities.
 * WordPress shows titles, excerpts and media texts as HTML, and does not
 * filter them for an account with unfiltered_html (an administrator), so
 * every plain-text field goes through this before it is sent: the client
 * does it for the fields named below. (transfer full) */
char                *nd_wp_escape_text                   (const char          *text);

/* What a post held after our last write, to tell a later change on the
 * site from our own, which modified_gmt (one-second resolution) cannot:
 * "v1:" and the SHA-256 (hex) of its raw title, excerpt and content, its
 * status ("future" counted as "publish": WordPress's cron publishes a
 * scheduled post without an edit), date_gmt, featured_media, tags,
 * categories (sorted) and slug: every field Newsdesk writes. @post must
 * come in context=edit; NULL when it lacks the raw texts. (transfer full) */
#define ND_WP_DIGEST_PREFIX "v1:"
char                *nd_wp_post_digest                   (JsonObject          *post);

/* @password is kept only in memory, as the Authorization header.
 * @ca_file (nullable): CAs trusted besides the system's. (transfer full) */
NdWpClient          *nd_wp_client_new                    (const char          *base_url,
                                                          const char          *user,
                                                          const char          *password,
                                                          const char          *ca_file);
const char          *nd_wp_client_get_base_url           (NdWpClient          *self);
const char          *nd_wp_client_get_user               (NdWpClient          *self);
const char          *nd_wp_client_get_ca_file            (NdWpClient          *self);
/* The REST root found by discovery, e.g. "https://example.org/wp-json/"
 * or "https://example.org/?rest_route=/"; NULL before. */
const char          *nd_wp_client_get_rest_root          (NdWpClient          *self);

/* (transfer none) */
const NdRetryPolicy *nd_wp_client_get_retry_policy       (NdWpClient          *self);
void                 nd_wp_client_set_retry_policy       (NdWpClient          *self,
                                                          const NdRetryPolicy *policy);
/* The limit for one attempt, whole answer included; default 120 s. */
guint                nd_wp_client_get_timeout_ms         (NdWpClient          *self);
void                 nd_wp_client_set_timeout_ms         (NdWpClient          *self,
                                                          guint                timeout_ms);

/* The limit for connecting (until the request is written); default
 * 10 s. A site that is not reached in time counts as
 * ND_WP_ERROR_NO_SERVER, and the request as never sent. */
guint                nd_wp_client_get_connect_timeout_ms (NdWpClient         *self);
void                 nd_wp_client_set_connect_timeout_ms (NdWpClient         *self,
                                                          guint               timeout_ms);

/* The wait a server asked for (Retry-After, in ms) with the last
 * transient failure, or -1 when it named none: a call that failed with a
 * transient error (nd_wp_error_is_transient()) is not tried again before. */
gint64               nd_wp_client_get_last_retry_after_ms (NdWpClient         *self);

void                 nd_wp_client_discover_async         (NdWpClient          *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             nd_wp_client_discover_finish        (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* users/me?context=edit; fails with ND_WP_ERROR_FORBIDDEN when the user
 * lacks publish_posts or upload_files. Returns the user's display name,
 * for "Connected as …". (transfer full) */
void                 nd_wp_client_test_connection_async  (NdWpClient          *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
char                *nd_wp_client_test_connection_finish (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* The id of the tag named @name (exact, case-insensitive), created if
 * missing; 0 on error. */
void                 nd_wp_client_ensure_tag_async       (NdWpClient          *self,
                                                          const char          *name,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64               nd_wp_client_ensure_tag_finish      (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* The id of the category named @name (exact, case-insensitive, after
 * WordPress's HTML escaping is undone). Categories are never created: a
 * missing one fails with ND_WP_ERROR_NOT_FOUND naming it, as a typo would
 * otherwise add a category to the site's menus. 0 on error. */
void                 nd_wp_client_find_category_async    (NdWpClient          *self,
                                                          const char          *name,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64               nd_wp_client_find_category_finish   (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Uploads a file to the media library. Retried only when the request
 * cannot have been processed (refused connection, 429): a 5xx or a lost
 * answer is not retried, as a second upload would leave a duplicate
 * attachment. @filename is reduced to ASCII letters, digits, '.', '-'
 * and '_' for the Content-Disposition. */
void                 nd_wp_client_upload_media_async     (NdWpClient          *self,
                                                          GBytes              *bytes,
                                                          const char          *filename,
                                                          const char          *mime_type,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             nd_wp_client_upload_media_finish    (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          gint64              *out_id,
                                                          char               **out_source_url,
                                                          GError             **error);

/* Sets the texts of media @id, plain text each (escaped here, see
 * nd_wp_escape_text()); NULL leaves a field as it is. */
void                 nd_wp_client_update_media_async     (NdWpClient          *self,
                                                          gint64               id,
                                                          const char          *caption,
                                                          const char          *alt_text,
                                                          const char          *description,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             nd_wp_client_update_media_finish    (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Creates a post from @fields (title, content, excerpt, status, date_gmt,
 * tags, featured_media, slug, categories: as WordPress names them).
 * "title" and "excerpt" are plain text, escaped here (nd_wp_escape_text());
 * "content" is HTML and sent as it is.
 * With a @marker, its comment (nd_wp_marker_comment()) is appended to the
 * content, and every retry first looks for a post carrying it, so that a
 * create whose answer was lost never makes a second post. Without one, a
 * create is retried only when it cannot have reached WordPress. Returns
 * the post (context=edit) with its id, link, status, date_gmt,
 * modified_gmt, slug and the raw fields of nd_wp_post_digest() (not the
 * rendered content: get_post() has everything). (transfer full) */
void                 nd_wp_client_create_post_async      (NdWpClient          *self,
                                                          JsonObject          *fields,
                                                          const char          *marker,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject          *nd_wp_client_create_post_finish     (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Changes post @id (idempotent, retried freely); @fields as for a
 * create. Answers with the same fields as a create. (transfer full) */
void                 nd_wp_client_update_post_async      (NdWpClient          *self,
                                                          gint64               id,
                                                          JsonObject          *fields,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject          *nd_wp_client_update_post_finish     (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* posts/ID?context=edit: raw fields, status, link, modified_gmt. (transfer full) */
void                 nd_wp_client_get_post_async         (NdWpClient          *self,
                                                          gint64               id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject          *nd_wp_client_get_post_finish        (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* The posts with @slug in any status but trash (context=edit). (transfer full) */
void                 nd_wp_client_find_posts_by_slug_async  (NdWpClient          *self,
                                                             const char          *slug,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
JsonArray           *nd_wp_client_find_posts_by_slug_finish (NdWpClient          *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* The post whose raw content carries @marker's comment, looked up by
 * @slug (nullable) first, then by a search for the marker; NULL without
 * an error when there is none. The outbox calls this before creating
 * again after an attempt whose outcome it does not know. (transfer full) */
void                 nd_wp_client_find_post_by_marker_async  (NdWpClient          *self,
                                                              const char          *slug,
                                                              const char          *marker,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
JsonObject          *nd_wp_client_find_post_by_marker_finish (NdWpClient          *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* Moves post @id to the trash; a post already there counts as done. */
void                 nd_wp_client_trash_post_async       (NdWpClient          *self,
                                                          gint64               id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             nd_wp_client_trash_post_finish      (NdWpClient          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
