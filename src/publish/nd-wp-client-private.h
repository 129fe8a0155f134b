/* nd-wp-client-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "nd-wp-client.h"

G_BEGIN_DECLS

/* The request engine (nd-wp-client.c: sending, retries, errors,
 * discovery) and the REST calls built on it (nd-wp-client-calls.c). */

/* How a request may be sent again after a transient failure. */
typedef enum
{
  REPLAY_ALWAYS,        /* idempotent: GET, updates, tag creation (term_exists) */
  REPLAY_IF_UNSENT,     /* only when it cannot have been processed */
  REPLAY_AFTER_LOOKUP,  /* a create: first look for the post it may have made */
} NdWpReplay;

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
  NdWpReplay        replay;
  guint         attempts;
  guint         any_status : 1;  /* hand 4xx answers back instead of failing */
  guint         raw : 1;         /* do not parse the body as JSON */
  guint         need_lookup : 1;
  guint         timed_out : 1;
  guint         connect_timed_out : 1;  /* no connection within the connect timeout */

  SoupMessage  *msg;
  GCancellable *attempt_cancellable;
  GSource      *timeout_source;
  GSource      *cancel_source;
  GSource      *wait_source;
  GSource      *connect_source;
} NdWpRequest;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;  /* nullable */
  GBytes             *body;     /* nullable */
  JsonNode           *json;     /* nullable */
} NdWpResponse;

NdWpRequest  *_nd_wp_request_new           (const char           *method,
                                           const char           *route,
                                           NdWpReplay            replay);
void          _nd_wp_request_free          (NdWpRequest          *req);
/* @object as the request's JSON body. */
void          _nd_wp_request_set_json      (NdWpRequest          *req,
                                           JsonObject           *object);
void          _nd_wp_response_free         (NdWpResponse         *resp);
/* The answer's JSON object, or NULL. (transfer none) */
JsonObject   *_nd_wp_response_get_object   (NdWpResponse         *resp);
/* The body as JSON into @resp->json, bounded (see nd-json.h). */
gboolean      _nd_wp_response_parse        (NdWpResponse         *resp,
                                           GError              **error);
/* WordPress's error object of a 4xx/5xx answer, or NULL. (transfer none) */
JsonObject   *_nd_wp_parse_error_body      (NdWpResponse         *resp);
/* One clear error for a failed answer, WordPress's own message in it. */
GError       *_nd_wp_error_from_response   (NdWpClient           *self,
                                           NdWpResponse         *resp);

const char   *_nd_wp_object_get_text       (JsonObject           *object,
                                           const char           *member,
                                           const char           *part);
gboolean      _nd_wp_object_get_id         (JsonObject           *object,
                                           const char           *member,
                                           gint64               *id);
/* (transfer full) */
JsonObject   *_nd_wp_copy_object           (JsonObject           *object);
/* @value escaped for a query string. (transfer full) */
char         *_nd_wp_escape_param          (const char           *value);

/* Sends @req (taking it) after discovery if needed, with the client's
 * retries; the finish gives the answer, also a 4xx one if the request
 * asked for any status. */
void          _nd_wp_client_request_async  (NdWpClient           *self,
                                           NdWpRequest          *req,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
NdWpResponse *_nd_wp_client_request_finish (NdWpClient           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Which call an answer is for (_nd_wp_client_read_answer ()). */
typedef enum
{
  ND_WP_ANSWER_USER,         /* users/me */
  ND_WP_ANSWER_POST,         /* a post created, updated or read */
  ND_WP_ANSWER_MEDIA,        /* an upload */
  ND_WP_ANSWER_TERMS,        /* a search of tags or categories */
  ND_WP_ANSWER_TAG_CREATED,  /* a tag made, or term_exists */
  ND_WP_ANSWER_POSTS,        /* posts found by slug or marker */
  ND_WP_ANSWER_TRASH,        /* a post trashed, or rest_already_trashed */
} NdWpAnswer;

/* What the call named by @answer makes of this answer, without the
 * network (nd-wp-client-calls.c). */
gboolean      _nd_wp_client_read_answer    (NdWpClient           *self,
                                           NdWpAnswer            answer,
                                           guint                 status,
                                           GBytes               *body,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpRequest, _nd_wp_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdWpResponse, _nd_wp_response_free)

G_END_DECLS
