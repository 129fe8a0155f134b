/* nd-mock-wp.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A stand-in for a WordPress site's REST API: an in-process SoupServer on
 * 127.0.0.1 (port 0), on the thread-default main context, with the routes
 * Newsdesk uses (discovery, users/me, tags, media, posts) and faults to
 * inject per request. */

typedef enum
{
  ND_MOCK_WP_PRETTY         = 0,
  ND_MOCK_WP_PLAIN          = 1 << 0,  /* "?rest_route=" permalinks */
  ND_MOCK_WP_NOT_WORDPRESS  = 1 << 1,  /* a plain web site: no Link, no API */
  ND_MOCK_WP_REST_DISABLED  = 1 << 2,  /* Link header, but the API answers 401 rest_disabled */
  ND_MOCK_WP_NO_UPLOAD      = 1 << 3,  /* the user lacks upload_files */
} NdMockWpFlags;

typedef enum
{
  /* answered instead of doing the work */
  ND_MOCK_FAULT_500,
  ND_MOCK_FAULT_503,          /* with Retry-After if given */
  ND_MOCK_FAULT_429,          /* with Retry-After if given */
  ND_MOCK_FAULT_401,
  ND_MOCK_FAULT_403,
  ND_MOCK_FAULT_413,
  ND_MOCK_FAULT_EMPTY_LIST,   /* 200 [] */
  /* after doing the work */
  ND_MOCK_FAULT_DROP,         /* closes the connection without an answer */
  ND_MOCK_FAULT_DELAY,        /* answers after the mock's delay (default 2 s) */
  ND_MOCK_FAULT_MALFORMED,    /* 2xx with a body that is not JSON */
  ND_MOCK_FAULT_WRONG_TYPES,  /* 2xx with "link", "status" and "modified_gmt" as objects */
  ND_MOCK_FAULT_DEEP,         /* 200 with 100,000 levels of "[" (a stack overflow for json-glib) */
  ND_MOCK_FAULT_DEEP_ERROR,   /* the same as a 400 error body */
} NdMockFault;

typedef struct _NdMockWp NdMockWp;

NdMockWp   *nd_mock_wp_new            (NdMockWpFlags  flags,
                                       const char    *user,
                                       const char    *password);
/* The same over HTTPS with @certificate: "https://127.0.0.1:PORT/". */
NdMockWp   *nd_mock_wp_new_tls        (NdMockWpFlags    flags,
                                       const char      *user,
                                       const char      *password,
                                       GTlsCertificate *certificate);
void        nd_mock_wp_free           (NdMockWp      *self);
/* "http://127.0.0.1:PORT/" (transfer full) */
char       *nd_mock_wp_dup_url        (NdMockWp      *self);
void        nd_mock_wp_set_delay_ms   (NdMockWp      *self,
                                       guint          delay_ms);
/* The site goes away (@down: the port is closed, connections refused)
 * or comes back on the same port, with everything it had. */
void        nd_mock_wp_set_down       (NdMockWp      *self,
                                       gboolean       down);

/* The next @times requests with @method (NULL: any) whose route starts
 * with @route ("/wp/v2/posts") get @fault. */
void        nd_mock_wp_add_fault      (NdMockWp      *self,
                                       const char    *method,
                                       const char    *route,
                                       NdMockFault    fault,
                                       guint          times,
                                       const char    *retry_after);

/* Requests seen with @method (NULL: any) whose route is @route exactly
 * ("/" is the home page, "/wp/v2/posts/7" a post). */
guint       nd_mock_wp_count          (NdMockWp      *self,
                                       const char    *method,
                                       const char    *route);
/* All requests that reached the handler. */
guint       nd_mock_wp_n_requests     (NdMockWp      *self);
guint       nd_mock_wp_n_posts        (NdMockWp      *self);
/* (transfer none) */
JsonObject *nd_mock_wp_get_post       (NdMockWp      *self,
                                       guint          index);
guint       nd_mock_wp_n_tags         (NdMockWp      *self);
guint       nd_mock_wp_n_media        (NdMockWp      *self);
/* (transfer none) */
JsonObject *nd_mock_wp_get_media      (NdMockWp      *self,
                                       guint          index);
/* Headers of the last media upload: (transfer none) */
const char *nd_mock_wp_get_last_upload_header (NdMockWp   *self,
                                               const char *name);

/* The post with @id, or NULL. (transfer none) */
JsonObject *nd_mock_wp_find_post      (NdMockWp      *self,
                                       gint64         id);
/* Changes a post's content as an editor on the site would, with a new
 * modified_gmt. FALSE if there is no such post. */
gboolean    nd_mock_wp_edit_post      (NdMockWp      *self,
                                       gint64         id,
                                       const char    *content);

/* Sets @field ("title", "excerpt" or "content") of post @id to @text as
 * an editor on the site would. With @same_second, modified_gmt stays as
 * it is: WordPress stamps to the second, and an edit made in the same
 * second as the last write carries that write's stamp. FALSE if there is
 * no such post. */
gboolean    nd_mock_wp_edit_post_text (NdMockWp      *self,
                                       gint64         id,
                                       const char    *field,
                                       const char    *text,
                                       gboolean       same_second);
/* Saves post @id again without a change ("Update" pressed on the site):
 * only modified_gmt moves. FALSE if there is no such post. */
gboolean    nd_mock_wp_touch_post     (NdMockWp      *self,
                                       gint64         id);

/* Adds a category as an administrator would on the site (its name is
 * stored HTML-escaped, as WordPress does); returns its id. */
gint64      nd_mock_wp_add_category   (NdMockWp      *self,
                                       const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdMockWp, nd_mock_wp_free)

G_END_DECLS
