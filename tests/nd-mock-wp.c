/* nd-mock-wp.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-mock-wp"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "nd-mock-wp.h"

typedef struct
{
  char        *method;   /* nullable: any */
  char        *route;
  char        *retry_after;
  NdMockFault  fault;
  guint        times;
} Fault;

struct _NdMockWp
{
  SoupServer    *server;
  NdMockWpFlags  flags;
  char          *url;
  char          *authorization;
  GPtrArray     *faults;     /* Fault */
  GPtrArray     *seen;       /* "METHOD route" */
  GPtrArray     *posts;      /* JsonObject */
  GPtrArray     *tags;       /* JsonObject */
  GPtrArray     *categories; /* JsonObject */
  GPtrArray     *media;      /* JsonObject */
  GPtrArray     *pending;    /* GSource: delayed answers */
  GHashTable    *upload_headers;
  gint64         next_id;
  gint64         last_modified;  /* unix time of the last change */
  guint          delay_ms;
  guint          port;
  gboolean       tls;
};

static void
fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->route);
  g_free (fault->retry_after);
  g_free (fault);
}

static void
destroy_source (GSource *source)
{
  if (!g_source_is_destroyed (source))
    g_source_destroy (source);
  g_source_unref (source);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_object (SoupServerMessage *msg,
                guint              status,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  respond_json (msg, status, node);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonObject) error = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_int_member (data, "status", status);
  json_object_set_object_member (error, "data", data);
  respond_object (msg, status, error);
}

static Fault *
take_fault (NdMockWp   *self,
            const char *method,
            const char *route)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->times == 0 || !g_str_has_prefix (route, fault->route))
        continue;
      if (fault->method != NULL && strcmp (fault->method, method) != 0)
        continue;

      fault->times--;
      return fault;
    }

  return NULL;
}

static JsonObject *
find_by_id (GPtrArray *array,
            gint64     id)
{
  for (guint i = 0; i < array->len; i++)
    {
      JsonObject *object = g_ptr_array_index (array, i);

      if (json_object_get_int_member (object, "id") == id)
        return object;
    }

  return NULL;
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body->length == 0 || !json_parser_load_from_data (parser, body->data, body->length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
set_text (JsonObject *object,
          const char *member,
          const char *text)
{
  JsonObject *pair = json_object_new ();

  json_object_set_string_member (pair, "raw", text);
  json_object_set_string_member (pair, "rendered", text);
  json_object_set_object_member (object, member, pair);
}

/* A new modified_gmt: like WordPress's to the second, but never the same
 * twice, so that every change is seen however fast the test runs. */
static char *
next_modified_gmt (NdMockWp *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) stamp = NULL;

  self->last_modified = MAX (self->last_modified + 1, g_date_time_to_unix (now));
  stamp = g_date_time_new_from_unix_utc (self->last_modified);

  return g_date_time_format (stamp, "%Y-%m-%dT%H:%M:%S");
}

/* Copies what a post request may set into @post. */
static void
apply_post_fields (NdMockWp   *self,
                   JsonObject *post,
                   JsonObject *fields)
{
  static const char *texts[] = { "title", "content", "excerpt" };
  static const char *plain[] = { "status", "slug", "date_gmt", "tags", "categories", "featured_media" };
  g_autofree char *modified = next_modified_gmt (self);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (json_object_has_member (fields, texts[i]))
        set_text (post, texts[i], json_object_get_string_member (fields, texts[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      if (json_object_has_member (fields, plain[i]))
        json_object_set_member (post, plain[i],
                                json_node_copy (json_object_get_member (fields, plain[i])));
    }

  json_object_set_string_member (post, "modified_gmt", modified);
}

static void
handle_posts (NdMockWp          *self,
              SoupServerMessage *msg,
              const char        *method,
              const char        *rest,
              GHashTable        *query)
{
  JsonObject *post;
  gint64 id;

  if (*rest == '\0' && strcmp (method, "GET") == 0)
    {
      const char *slug = query != NULL ? g_hash_table_lookup (query, "slug") : NULL;
      const char *search = query != NULL ? g_hash_table_lookup (query, "search") : NULL;
      g_autoptr(JsonArray) found = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < self->posts->len; i++)
        {
          JsonObject *p = g_ptr_array_index (self->posts, i);
          const char *content = json_object_get_string_member (json_object_get_object_member (p, "content"), "raw");

          if (g_strcmp0 (json_object_get_string_member (p, "status"), "trash") == 0)
            continue;
          if (slug != NULL && g_strcmp0 (json_object_get_string_member_with_default (p, "slug", ""), slug) != 0)
            continue;
          if (search != NULL && strstr (content, search) == NULL)
            continue;
          json_array_add_object_element (found, json_object_ref (p));
        }

      node = json_node_init_array (json_node_alloc (), found);
      respond_json (msg, 200, node);
      return;
    }

  if (*rest == '\0' && strcmp (method, "POST") == 0)
    {
      g_autoptr(JsonObject) fields = request_object (msg);
      g_autofree char *link = NULL;

      if (fields == NULL)
        {
          respond_error (msg, 400, "rest_invalid_json", "Invalid JSON body passed.");
          return;
        }

      post = json_object_new ();
      json_object_set_int_member (post, "id", self->next_id++);
      json_object_set_string_member (post, "status", "draft");
      set_text (post, "content", "");
      apply_post_fields (self, post, fields);
      link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, self->url, json_object_get_int_member (post, "id"));
      json_object_set_string_member (post, "link", link);
      g_ptr_array_add (self->posts, post);
      respond_object (msg, 201, post);
      return;
    }

  id = g_ascii_strtoll (rest + 1, NULL, 10);
  if (*rest != '/' || !(post = find_by_id (self->posts, id)))
    {
      respond_error (msg, 404, "rest_post_invalid_id", "Invalid post ID.");
      return;
    }

  if (strcmp (method, "GET") == 0)
    {
      respond_object (msg, 200, post);
    }
  else if (strcmp (method, "POST") == 0)
    {
      g_autoptr(JsonObject) fields = request_object (msg);

      apply_post_fields (self, post, fields);
      respond_object (msg, 200, post);
    }
  else if (strcmp (method, "DELETE") == 0)
    {
      if (g_strcmp0 (json_object_get_string_member (post, "status"), "trash") == 0)
        {
          respond_error (msg, 410, "rest_already_trashed", "The post has already been deleted.");
          return;
        }
      json_object_set_string_member (post, "status", "trash");
      respond_object (msg, 200, post);
    }
  else
    {
      respond_error (msg, 405, "rest_no_route", "No route was found matching the URL and request method.");
    }
}

static char *
escape_term (const char *name)
{
  g_autoptr(GString) text = g_string_new (name);

  /* WordPress stores term names with HTML entities */
  g_string_replace (text, "&", "&amp;", 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
handle_tags (NdMockWp          *self,
             SoupServerMessage *msg,
             const char        *method,
             GHashTable        *query)
{
  if (strcmp (method, "GET") == 0)
    {
      const char *search = query != NULL ? g_hash_table_lookup (query, "search") : NULL;
      g_autofree char *needle = g_utf8_casefold (search != NULL ? search : "", -1);
      g_autoptr(JsonArray) found = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; i < self->tags->len; i++)
        {
          JsonObject *tag = g_ptr_array_index (self->tags, i);
          g_autofree char *name = g_utf8_casefold (json_object_get_string_member (tag, "name"), -1);

          if (strstr (name, needle) != NULL)
            json_array_add_object_element (found, json_object_ref (tag));
        }

      node = json_node_init_array (json_node_alloc (), found);
      respond_json (msg, 200, node);
    }
  else
    {
      g_autoptr(JsonObject) fields = request_object (msg);
      g_autofree char *name = escape_term (json_object_get_string_member (fields, "name"));
      g_autofree char *key = g_utf8_casefold (name, -1);
      JsonObject *tag;

      for (guint i = 0; i < self->tags->len; i++)
        {
          g_autoptr(JsonObject) error = json_object_new ();
          JsonObject *data;
          g_autofree char *other = NULL;

          tag = g_ptr_array_index (self->tags, i);
          other = g_utf8_casefold (json_object_get_string_member (tag, "name"), -1);
          if (strcmp (other, key) != 0)
            continue;

          data = json_object_new ();
          json_object_set_string_member (error, "code", "term_exists");
          json_object_set_string_member (error, "message", "A term with the name provided already exists in this taxonomy.");
          json_object_set_int_member (data, "status", 400);
          json_object_set_int_member (data, "term_id", json_object_get_int_member (tag, "id"));
          json_object_set_object_member (error, "data", data);
          respond_object (msg, 400, error);
          return;
        }

      tag = json_object_new ();
      json_object_set_int_member (tag, "id", self->next_id++);
      json_object_set_string_member (tag, "name", name);
      g_ptr_array_add (self->tags, tag);
      respond_object (msg, 201, tag);
    }
}

/* Like WordPress: search= matches parts of names; categories are only
 * read here (Newsdesk never creates them). */
static void
handle_categories (NdMockWp          *self,
                   SoupServerMessage *msg,
                   const char        *method,
                   GHashTable        *query)
{
  const char *search = query != NULL ? g_hash_table_lookup (query, "search") : NULL;
  g_autofree char *needle = g_utf8_casefold (search != NULL ? search : "", -1);
  g_autoptr(JsonArray) found = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  if (strcmp (method, "GET") != 0)
    {
      respond_error (msg, 403, "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.");
      return;
    }

  for (guint i = 0; i < self->categories->len; i++)
    {
      JsonObject *category = g_ptr_array_index (self->categories, i);
      g_autofree char *name = g_utf8_casefold (json_object_get_string_member (category, "name"), -1);

      if (strstr (name, needle) != NULL)
        json_array_add_object_element (found, json_object_ref (category));
    }

  node = json_node_init_array (json_node_alloc (), found);
  respond_json (msg, 200, node);
}

static void
handle_media (NdMockWp          *self,
              SoupServerMessage *msg,
              const char        *method,
              const char        *rest)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  JsonObject *media;

  if (*rest == '\0' && strcmp (method, "POST") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      const char *disposition = soup_message_headers_get_one (headers, "Content-Disposition");
      const char *type = soup_message_headers_get_content_type (headers, NULL);
      const char *filename;
      g_autofree char *source = NULL;

      g_hash_table_remove_all (self->upload_headers);
      for (const char *const *name = (const char *const[]) { "Content-Disposition", "Content-Type", "Expect", NULL }; *name; name++)
        {
          const char *value = soup_message_headers_get_one (headers, *name);
          if (value != NULL)
            g_hash_table_insert (self->upload_headers, g_strdup (*name), g_strdup (value));
        }

      if (disposition == NULL || !(filename = strstr (disposition, "filename=\"")))
        {
          respond_error (msg, 400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
          return;
        }
      filename += strlen ("filename=\"");

      media = json_object_new ();
      json_object_set_int_member (media, "id", self->next_id++);
      source = g_strdup_printf ("%swp-content/uploads/%.*s", self->url,
                                (int) strcspn (filename, "\""), filename);
      json_object_set_string_member (media, "source_url", source);
      json_object_set_string_member (media, "mime_type", type);
      json_object_set_int_member (media, "size", body->length);
      g_ptr_array_add (self->media, media);
      respond_object (msg, 201, media);
      return;
    }

  if (*rest != '/' || !(media = find_by_id (self->media, g_ascii_strtoll (rest + 1, NULL, 10))))
    {
      respond_error (msg, 404, "rest_post_invalid_id", "Invalid post ID.");
      return;
    }

  if (strcmp (method, "POST") == 0)
    {
      g_autoptr(JsonObject) fields = request_object (msg);
      static const char *texts[] = { "caption", "alt_text", "description" };

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          if (fields != NULL && json_object_has_member (fields, texts[i]))
            json_object_set_string_member (media, texts[i], json_object_get_string_member (fields, texts[i]));
        }
    }
  respond_object (msg, 200, media);
}

static void
handle_root (NdMockWp          *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *namespaces = json_array_new ();

  if (self->flags & ND_MOCK_WP_REST_DISABLED)
    {
      respond_error (msg, 401, "rest_disabled", "The REST API is disabled on this site.");
      return;
    }

  json_object_set_string_member (root, "name", "Mock Site");
  json_array_add_string_element (namespaces, "oembed/1.0");
  json_array_add_string_element (namespaces, "wp/v2");
  json_object_set_array_member (root, "namespaces", namespaces);
  respond_object (msg, 200, root);
}

static void
handle_home (NdMockWp          *self,
             SoupServerMessage *msg)
{
  static const char page[] = "<!DOCTYPE html><html><body><p>Hello</p></body></html>";

  if (!(self->flags & ND_MOCK_WP_NOT_WORDPRESS))
    {
      g_autofree char *link = NULL;

      if (self->flags & ND_MOCK_WP_PLAIN)
        link = g_strdup_printf ("<%s?rest_route=/>; rel=\"https://api.w.org/\"", self->url);
      else
        link = g_strdup_printf ("<%swp-json/>; rel=\"https://api.w.org/\"", self->url);

      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Link",
                                   "<http://127.0.0.1/?p=1>; rel=shortlink");
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Link", link);
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html; charset=UTF-8", SOUP_MEMORY_STATIC,
                                    page, strlen (page));
}

/* The route below the REST root, or NULL for a page of the site. */
static const char *
rest_route (NdMockWp   *self,
            const char *path,
            GHashTable *query)
{
  const char *route = query != NULL ? g_hash_table_lookup (query, "rest_route") : NULL;

  if ((self->flags & ND_MOCK_WP_NOT_WORDPRESS) == 0)
    {
      if ((self->flags & ND_MOCK_WP_PLAIN) == 0 && g_str_has_prefix (path, "/wp-json"))
        return path[strlen ("/wp-json")] != '\0' ? path + strlen ("/wp-json") : "/";
      if (route != NULL)
        return route;
    }

  return NULL;
}

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

/* 100,000 levels of "[": what overflowed json-glib's recursive parser. */
static void
respond_deep (SoupServerMessage *msg,
              guint              status)
{
  const gsize depth = 100000;
  char *body = g_malloc (2 * depth);

  memset (body, '[', depth);
  memset (body + depth, ']', depth);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_TAKE,
                                    body, 2 * depth);
}

static gboolean
apply_fault_before (NdMockWp          *self,
                    SoupServerMessage *msg,
                    Fault             *fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonNode) empty = NULL;

  switch (fault->fault)
    {
    case ND_MOCK_FAULT_500:
      respond_error (msg, 500, "internal_server_error", "There has been a critical error on this website.");
      return TRUE;
    case ND_MOCK_FAULT_503:
    case ND_MOCK_FAULT_429:
      if (fault->retry_after != NULL)
        soup_message_headers_replace (headers, "Retry-After", fault->retry_after);
      if (fault->fault == ND_MOCK_FAULT_503)
        respond_error (msg, 503, "unavailable", "Briefly unavailable for scheduled maintenance.");
      else
        respond_error (msg, 429, "too_many_requests", "Too many requests.");
      return TRUE;
    case ND_MOCK_FAULT_401:
      respond_error (msg, 401, "incorrect_password", "The provided password is an invalid application password.");
      return TRUE;
    case ND_MOCK_FAULT_403:
      respond_error (msg, 403, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.");
      return TRUE;
    case ND_MOCK_FAULT_413:
      soup_server_message_set_status (msg, 413, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<h1>413 Request Entity Too Large</h1>", 37);
      return TRUE;
    case ND_MOCK_FAULT_EMPTY_LIST:
      empty = json_node_init_array (json_node_alloc (), json_array_new ());
      respond_json (msg, 200, empty);
      json_array_unref (json_node_get_array (empty));
      return TRUE;
    case ND_MOCK_FAULT_DEEP:
    case ND_MOCK_FAULT_DEEP_ERROR:
      respond_deep (msg, fault->fault == ND_MOCK_FAULT_DEEP ? 200 : 400);
      return TRUE;
    case ND_MOCK_FAULT_DROP:
    case ND_MOCK_FAULT_DELAY:
    case ND_MOCK_FAULT_MALFORMED:
    case ND_MOCK_FAULT_WRONG_TYPES:
    default:
      return FALSE;
    }
}

/* The answer the work gave, with strings where a broken plugin might
 * put objects. */
static void
respond_wrong_types (SoupServerMessage *msg)
{
  static const char * const members[] = { "link", "status", "modified_gmt" };
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (bytes, NULL), NULL);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    json_object_set_object_member (json_node_get_object (node), members[i], json_object_new ());
  /* set_response appends to what the body holds */
  soup_message_body_truncate (body);
  respond_json (msg, soup_server_message_get_status (msg), node);
}

static void
apply_fault_after (NdMockWp          *self,
                   SoupServerMessage *msg,
                   Fault             *fault)
{
  static const char broken[] = "<b>Notice</b>: Undefined index in plugin.php\n{\"id\": 1";
  g_autoptr(GIOStream) stream = NULL;
  GSource *source;

  switch (fault->fault)
    {
    case ND_MOCK_FAULT_DROP:
      /* The work is done; the answer never leaves. */
      stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      break;
    case ND_MOCK_FAULT_DELAY:
      soup_server_message_pause (msg);
      source = g_timeout_source_new (self->delay_ms);
      g_source_set_callback (source, unpause_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, NULL);
      g_ptr_array_add (self->pending, source);
      break;
    case ND_MOCK_FAULT_MALFORMED:
      soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_STATIC,
                                        broken, strlen (broken));
      break;
    case ND_MOCK_FAULT_WRONG_TYPES:
      respond_wrong_types (msg);
      break;
    case ND_MOCK_FAULT_500:
    case ND_MOCK_FAULT_503:
    case ND_MOCK_FAULT_429:
    case ND_MOCK_FAULT_401:
    case ND_MOCK_FAULT_403:
    case ND_MOCK_FAULT_413:
    case ND_MOCK_FAULT_EMPTY_LIST:
    case ND_MOCK_FAULT_DEEP:
    case ND_MOCK_FAULT_DEEP_ERROR:
    default:
      break;
    }
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  NdMockWp *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *route = rest_route (self, path, query);
  const char *auth;
  Fault *fault;

  g_ptr_array_add (self->seen, g_strdup_printf ("%s %s", method, route != NULL ? route : path));

  if (route == NULL)
    {
      if (strcmp (path, "/") == 0)
        handle_home (self, msg);
      else
        soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  if (strcmp (route, "/") == 0)
    {
      handle_root (self, msg);
      return;
    }

  fault = take_fault (self, method, route);
  if (fault != NULL && apply_fault_before (self, msg, fault))
    return;

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (auth == NULL)
    {
      respond_error (msg, 401, "rest_not_logged_in", "You are not currently logged in.");
      return;
    }
  if (strcmp (auth, self->authorization) != 0)
    {
      respond_error (msg, 401, "incorrect_password", "The provided password is an invalid application password.");
      return;
    }

  if (strcmp (route, "/wp/v2/users/me") == 0)
    {
      g_autoptr(JsonObject) me = json_object_new ();
      JsonObject *caps = json_object_new ();

      json_object_set_int_member (me, "id", 1);
      json_object_set_string_member (me, "name", "Erika Redakteurin");
      json_object_set_boolean_member (caps, "edit_posts", TRUE);
      json_object_set_boolean_member (caps, "publish_posts", TRUE);
      json_object_set_boolean_member (caps, "upload_files", !(self->flags & ND_MOCK_WP_NO_UPLOAD));
      json_object_set_object_member (me, "capabilities", caps);
      respond_object (msg, 200, me);
    }
  else if (g_str_has_prefix (route, "/wp/v2/posts"))
    handle_posts (self, msg, method, route + strlen ("/wp/v2/posts"), query);
  else if (g_str_has_prefix (route, "/wp/v2/tags"))
    handle_tags (self, msg, method, query);
  else if (g_str_has_prefix (route, "/wp/v2/categories"))
    handle_categories (self, msg, method, query);
  else if (g_str_has_prefix (route, "/wp/v2/media"))
    handle_media (self, msg, method, route + strlen ("/wp/v2/media"));
  else
    respond_error (msg, 404, "rest_no_route", "No route was found matching the URL and request method.");

  if (fault != NULL)
    apply_fault_after (self, msg, fault);
}

static NdMockWp *
mock_new (NdMockWpFlags    flags,
          const char      *user,
          const char      *password,
          GTlsCertificate *certificate)
{
  NdMockWp *self = g_new0 (NdMockWp, 1);
  g_autofree char *credentials = g_strconcat (user, ":", password, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->flags = flags;
  self->next_id = 1;
  self->delay_ms = 2000;
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->seen = g_ptr_array_new_with_free_func (g_free);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) destroy_source);
  self->upload_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->server = soup_server_new ("server-header", "MockPress",
                                  "tls-certificate", certificate,
                                  NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->port = (guint) g_uri_get_port (uris->data);
  self->tls = certificate != NULL;
  self->url = g_strdup_printf ("%s://127.0.0.1:%u/", certificate != NULL ? "https" : "http", self->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return self;
}

NdMockWp *
nd_mock_wp_new (NdMockWpFlags  flags,
                const char    *user,
                const char    *password)
{
  return mock_new (flags, user, password, NULL);
}

NdMockWp *
nd_mock_wp_new_tls (NdMockWpFlags    flags,
                    const char      *user,
                    const char      *password,
                    GTlsCertificate *certificate)
{
  g_assert (G_IS_TLS_CERTIFICATE (certificate));

  return mock_new (flags, user, password, certificate);
}

guint
nd_mock_wp_n_requests (NdMockWp *self)
{
  return self->seen->len;
}

void
nd_mock_wp_free (NdMockWp *self)
{
  /* Delayed answers first: they hold messages of the server */
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_ptr_array_unref);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_clear_pointer (&self->upload_headers, g_hash_table_unref);
  g_free (self->authorization);
  g_free (self->url);
  g_free (self);
}

char *
nd_mock_wp_dup_url (NdMockWp *self)
{
  return g_strdup (self->url);
}

void
nd_mock_wp_set_delay_ms (NdMockWp *self,
                         guint     delay_ms)
{
  self->delay_ms = delay_ms;
}

void
nd_mock_wp_add_fault (NdMockWp    *self,
                      const char  *method,
                      const char  *route,
                      NdMockFault  fault,
                      guint        times,
                      const char  *retry_after)
{
  Fault *entry = g_new0 (Fault, 1);

  entry->method = g_strdup (method);
  entry->route = g_strdup (route);
  entry->fault = fault;
  entry->times = times;
  entry->retry_after = g_strdup (retry_after);
  g_ptr_array_add (self->faults, entry);
}

guint
nd_mock_wp_count (NdMockWp   *self,
                  const char *method,
                  const char *route)
{
  guint count = 0;

  for (guint i = 0; i < self->seen->len; i++)
    {
      const char *seen = g_ptr_array_index (self->seen, i);
      const char *space = strchr (seen, ' ');

      if (strcmp (space + 1, route) != 0)
        continue;
      if (method != NULL && (strlen (method) != (gsize) (space - seen) ||
                             strncmp (seen, method, space - seen) != 0))
        continue;
      count++;
    }

  return count;
}

guint
nd_mock_wp_n_posts (NdMockWp *self)
{
  return self->posts->len;
}

JsonObject *
nd_mock_wp_get_post (NdMockWp *self,
                     guint     index)
{
  return g_ptr_array_index (self->posts, index);
}

guint
nd_mock_wp_n_tags (NdMockWp *self)
{
  return self->tags->len;
}

guint
nd_mock_wp_n_media (NdMockWp *self)
{
  return self->media->len;
}

JsonObject *
nd_mock_wp_get_media (NdMockWp *self,
                      guint     index)
{
  return g_ptr_array_index (self->media, index);
}

const char *
nd_mock_wp_get_last_upload_header (NdMockWp   *self,
                                   const char *name)
{
  return g_hash_table_lookup (self->upload_headers, name);
}

JsonObject *
nd_mock_wp_find_post (NdMockWp *self,
                      gint64    id)
{
  return find_by_id (self->posts, id);
}

gboolean
nd_mock_wp_edit_post (NdMockWp   *self,
                      gint64      id,
                      const char *content)
{
  JsonObject *post = find_by_id (self->posts, id);
  g_autofree char *modified = NULL;

  if (post == NULL)
    return FALSE;

  modified = next_modified_gmt (self);
  set_text (post, "content", content);
  json_object_set_string_member (post, "modified_gmt", modified);
  return TRUE;
}

gboolean
nd_mock_wp_edit_post_text (NdMockWp   *self,
                           gint64      id,
                           const char *field,
                           const char *text,
                           gboolean    same_second)
{
  JsonObject *post = find_by_id (self->posts, id);
  g_autofree char *modified = NULL;

  if (post == NULL)
    return FALSE;

  set_text (post, field, text);
  if (!same_second)
    {
      modified = next_modified_gmt (self);
      json_object_set_string_member (post, "modified_gmt", modified);
    }

  return TRUE;
}

gboolean
nd_mock_wp_touch_post (NdMockWp *self,
                       gint64    id)
{
  JsonObject *post = find_by_id (self->posts, id);
  g_autofree char *modified = NULL;

  if (post == NULL)
    return FALSE;

  modified = next_modified_gmt (self);
  json_object_set_string_member (post, "modified_gmt", modified);
  return TRUE;
}

gint64
nd_mock_wp_add_category (NdMockWp   *self,
                         const char *name)
{
  JsonObject *category = json_object_new ();
  g_autofree char *escaped = escape_term (name);
  gint64 id = self->next_id++;

  json_object_set_int_member (category, "id", id);
  json_object_set_string_member (category, "name", escaped);
  g_ptr_array_add (self->categories, category);

  return id;
}

void
nd_mock_wp_set_down (NdMockWp *self,
                     gboolean  down)
{
  g_autoptr(GError) error = NULL;

  if (down)
    {
      soup_server_disconnect (self->server);
      return;
    }

  soup_server_listen_local (self->server, self->port,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
}
