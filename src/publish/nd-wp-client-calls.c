/* nd-wp-client-calls.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-wp-client"

#include "config.h"

#include <string.h>

#include "nd-job-error.h"
#include "nd-json.h"
#include "nd-wp-client-private.h"

/* The REST calls of NdWpClient: users/me, tags, categories, media and
 * posts, each one request (or a few) on the engine of nd-wp-client.c. */

/* The fields of a post that a create or an update answers with (in
 * context=edit): what is recorded, and the raw fields of the digest
 * (nd_wp_post_digest()), as the site holds them after the write. Not the
 * rendered content, which is many times larger to send and to parse. */
#define POST_ANSWER_FIELDS "id,link,status,date_gmt,modified_gmt,slug," \
                           "title.raw,excerpt.raw,content.raw,featured_media,tags,categories"

/* The members of a post that WordPress takes as HTML (it shows them
 * through its own filters, not escaped) but that Newsdesk fills from
 * plain text. */
static const char * const post_text_members[] = { "title", "excerpt", NULL };

/* Plain text for WordPress's HTML context: "&", "<", ">", '"' and "'"
 * become entities, so that a title "<b>" or "&amp;" is shown as typed,
 * and no tag or attribute from an item reaches a page, whatever the
 * account's capabilities (an administrator's unfiltered_html included). */
char *
nd_wp_escape_text (const char *text)
{
  GString *escaped;

  g_return_val_if_fail (text != NULL, NULL);

  /* The entities of WordPress's own esc_html(): "&#039;" rather than
   * g_markup_escape_text()'s "&apos;", which kses does not know and would
   * show as text for an account without unfiltered_html. */
  escaped = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':  g_string_append (escaped, "&amp;"); break;
        case '<':  g_string_append (escaped, "&lt;"); break;
        case '>':  g_string_append (escaped, "&gt;"); break;
        case '"':  g_string_append (escaped, "&quot;"); break;
        case '\'': g_string_append (escaped, "&#039;"); break;
        default:   g_string_append_c (escaped, *p); break;
        }
    }

  return g_string_free (escaped, FALSE);
}

/* Sets @member to @text escaped; NULL leaves it out. */
static void
set_escaped (JsonObject *fields,
             const char *member,
             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;

  escaped = nd_wp_escape_text (text);
  json_object_set_string_member (fields, member, escaped);
}

/* A copy of @fields with the @members that hold plain text escaped. */
static JsonObject *
copy_escaping (JsonObject         *fields,
               const char * const *members)
{
  JsonObject *copy = _nd_wp_copy_object (fields);

  for (guint i = 0; members[i] != NULL; i++)
    set_escaped (copy, members[i], nd_json_object_get_string (copy, members[i]));

  return copy;
}

/* One field into the digest: its name and its value's length frame it,
 * so that no two different posts feed the same bytes. */
static void
digest_add (GChecksum  *checksum,
            const char *name,
            const char *value)
{
  g_autofree char *frame = NULL;

  if (value == NULL)
    {
      frame = g_strdup_printf ("%s=null;", name);
      g_checksum_update (checksum, (const guchar *) frame, -1);
      return;
    }

  frame = g_strdup_printf ("%s=%" G_GSIZE_FORMAT ":", name, strlen (value));
  g_checksum_update (checksum, (const guchar *) frame, -1);
  g_checksum_update (checksum, (const guchar *) value, -1);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A list of term ids as "3,7,12", sorted: the site's order is not ours.
 * NULL when @member is missing. */
static char *
dup_id_list (JsonObject *post,
             const char *member)
{
  JsonNode *node = json_object_get_member (post, member);
  g_autoptr(GArray) ids = NULL;
  GString *text;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        continue;
      id = json_node_get_int (element);
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_int64);

  text = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

char *
nd_wp_post_digest (JsonObject *post)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *featured = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *categories = NULL;
  const char *title;
  const char *excerpt;
  const char *content;
  const char *status;
  JsonNode *node;

  g_return_val_if_fail (post != NULL, NULL);

  /* Without the raw texts (an answer in context=view, a plugin that
   * strips them) there is nothing to compare: the stamp alone decides. */
  title = _nd_wp_object_get_text (post, "title", "raw");
  excerpt = _nd_wp_object_get_text (post, "excerpt", "raw");
  content = _nd_wp_object_get_text (post, "content", "raw");
  if (title == NULL || excerpt == NULL || content == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (post, "title")))
    return NULL;

  /* WordPress's cron turns a scheduled post into a published one when
   * its time comes, without anyone's edit and without a new
   * modified_gmt: both count as the same. */
  status = nd_json_object_get_string (post, "status");
  if (g_strcmp0 (status, "future") == 0)
    status = "publish";

  node = json_object_get_member (post, "featured_media");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    featured = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  tags = dup_id_list (post, "tags");
  categories = dup_id_list (post, "categories");

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  digest_add (checksum, "title", title);
  digest_add (checksum, "excerpt", excerpt);
  digest_add (checksum, "content", content);
  digest_add (checksum, "status", status);
  digest_add (checksum, "date_gmt", nd_json_object_get_string (post, "date_gmt"));
  digest_add (checksum, "featured_media", featured);
  digest_add (checksum, "tags", tags);
  digest_add (checksum, "categories", categories);
  digest_add (checksum, "slug", nd_json_object_get_string (post, "slug"));

  return g_strconcat (ND_WP_DIGEST_PREFIX, g_checksum_get_string (checksum), NULL);
}

static GError *
bad_response_error (void)
{
  return _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_BAD_RESPONSE, "wp-bad-response", NULL);
}

/* The object of a post or media answer, which has an "id".
 * (transfer none) */
static JsonObject *
answer_object (NdWpResponse  *resp,
               GError       **error)
{
  JsonObject *body;
  gint64 id;

  if (!(body = _nd_wp_response_get_object (resp)) || !_nd_wp_object_get_id (body, "id", &id))
    {
      g_propagate_error (error, bad_response_error ());
      return NULL;
    }

  return body;
}

static void
object_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;
  JsonObject *body;

  if (!(resp = _nd_wp_client_request_finish (ND_WP_CLIENT (object), result, &error)) ||
      !(body = answer_object (resp, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, json_object_ref (body), (GDestroyNotify) json_object_unref);
}

/* Sends @req (transfer full) and hands back its answer, which must be
 * an object with an "id". */
static void
object_request_async (NdWpClient          *self,
                      NdWpRequest         *req,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  _nd_wp_client_request_async (self, req, cancellable, object_request_cb, task);
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

/* The user's name from the answer of users/me, if they may publish.
 * (transfer none) */
static const char *
answer_user (NdWpClient    *self,
             NdWpResponse  *resp,
             GError       **error)
{
  JsonObject *user = _nd_wp_response_get_object (resp);
  const char *name;

  if (!(name = nd_json_object_get_string (user, "name")))
    g_propagate_error (error, bad_response_error ());
  else if (!capability_granted (user, "publish_posts"))
    g_propagate_error (error, _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN, "wp-cannot-publish",
                                                 nd_wp_client_get_user (self), NULL));
  else if (!capability_granted (user, "upload_files"))
    g_propagate_error (error, _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_FORBIDDEN, "wp-cannot-upload",
                                                 nd_wp_client_get_user (self), NULL));
  else
    return name;

  return NULL;
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;
  const char *name;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)) ||
      !(name = answer_user (self, resp, &error)))
    g_task_return_error (task, error);
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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_test_connection_async);

  req = _nd_wp_request_new ("GET", "/wp/v2/users/me", REPLAY_ALWAYS);
  req->query = g_strdup ("context=edit");
  _nd_wp_client_request_async (self, req, cancellable, test_connection_cb, task);
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

/* Tags and categories are both terms, found by name the same way. */

/* Starts the task of a term lookup: asks @path (/wp/v2/tags or
 * /wp/v2/categories) for the terms like @name, which becomes the task's
 * data, and goes on in @searched_cb. WordPress stores term names with &,
 * < and > as entities and searches them as stored: "A & B" would not find
 * "A &amp; B". */
static void
search_terms_async (NdWpClient          *self,
                    const char          *path,
                    const char          *name,
                    gpointer             source_tag,
                    GAsyncReadyCallback  searched_cb,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GString) stored = g_string_new (name);
  g_autofree char *escaped = NULL;
  GTask *task;
  NdWpRequest *req;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (name), g_free);

  g_string_replace (stored, "&", "&amp;", 0);
  g_string_replace (stored, "<", "&lt;", 0);
  g_string_replace (stored, ">", "&gt;", 0);
  escaped = _nd_wp_escape_param (stored->str);
  req = _nd_wp_request_new ("GET", path, REPLAY_ALWAYS);
  req->query = g_strdup_printf ("search=%s&per_page=100&hide_empty=false", escaped);
  _nd_wp_client_request_async (self, req, cancellable, searched_cb, task);
}

/* The term's id, or 0 (not GTask's -1) on error. */
static gint64
term_id_finish (GAsyncResult  *result,
                GError       **error)
{
  gint64 id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? id : 0;
}

/* The id of the term in @resp (the answer of search_terms_async ()) whose
 * name is @name in any spelling, or 0; search= also matches parts of
 * names and slugs, so only an equal name counts. FALSE if @resp is no
 * list of terms. */
static gboolean
find_term (NdWpResponse  *resp,
           const char    *name,
           gint64        *id,
           GError       **error)
{
  g_autofree char *key = tag_key (name);
  JsonArray *terms;

  *id = 0;
  if (resp->json == NULL || !JSON_NODE_HOLDS_ARRAY (resp->json))
    {
      g_propagate_error (error, bad_response_error ());
      return FALSE;
    }

  terms = json_node_get_array (resp->json);
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);
      JsonObject *term = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *term_name = term != NULL ? nd_json_object_get_string (term, "name") : NULL;
      g_autofree char *term_key = term_name != NULL ? tag_key (term_name) : NULL;

      if (term_key != NULL && strcmp (term_key, key) == 0 && _nd_wp_object_get_id (term, "id", id))
        return TRUE;
    }

  *id = 0;
  return TRUE;
}

/* The new tag's id from the answer of its creation (any status), or 0. */
static gint64
answer_tag_created (NdWpClient    *self,
                    NdWpResponse  *resp,
                    GError       **error)
{
  JsonObject *body;
  JsonNode *data;
  gint64 id;

  if (resp->status < 300)
    {
      if (_nd_wp_object_get_id (_nd_wp_response_get_object (resp), "id", &id))
        return id;
      g_propagate_error (error, bad_response_error ());
      return 0;
    }

  /* A tag made meanwhile (or by a lost earlier answer): its id is in data. */
  body = _nd_wp_parse_error_body (resp);
  data = body != NULL ? json_object_get_member (body, "data") : NULL;
  if (resp->status == 400 && g_strcmp0 (nd_json_object_get_string (body, "code"), "term_exists") == 0 &&
      data != NULL && JSON_NODE_HOLDS_OBJECT (data) &&
      _nd_wp_object_get_id (json_node_get_object (data), "term_id", &id))
    return id;

  g_propagate_error (error, _nd_wp_error_from_response (self, resp));
  return 0;
}

static void
tag_created_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;
  gint64 id;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)) ||
      !(id = answer_tag_created (self, resp, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

static void
tag_searched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autoptr(NdWpResponse) resp = NULL;
  g_autoptr(JsonObject) fields = NULL;
  GError *error = NULL;
  NdWpRequest *req;
  gint64 id;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)) ||
      !find_term (resp, name, &id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (id > 0)
    {
      g_task_return_int (task, id);
      return;
    }

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", name);
  req = _nd_wp_request_new ("POST", "/wp/v2/tags", REPLAY_ALWAYS);
  req->any_status = TRUE;
  _nd_wp_request_set_json (req, fields);
  _nd_wp_client_request_async (self, req, g_task_get_cancellable (task), tag_created_cb, g_object_ref (task));
}

void
nd_wp_client_ensure_tag_async (NdWpClient          *self,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  search_terms_async (self, "/wp/v2/tags", name, nd_wp_client_ensure_tag_async, tag_searched_cb,
                      cancellable, callback, user_data);
}

gint64
nd_wp_client_ensure_tag_finish (NdWpClient    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return term_id_finish (result, error);
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
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;
  gint64 id;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)) ||
      !find_term (resp, name, &id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Categories are the site's own choice: never made here. */
  if (id > 0)
    g_task_return_int (task, id);
  else
    g_task_return_error (task, _nd_job_error_new (ND_WP_ERROR, ND_WP_ERROR_NOT_FOUND, "wp-no-category",
                                                  name, NULL));
}

void
nd_wp_client_find_category_async (NdWpClient          *self,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  search_terms_async (self, "/wp/v2/categories", name, nd_wp_client_find_category_async,
                      category_searched_cb, cancellable, callback, user_data);
}

gint64
nd_wp_client_find_category_finish (NdWpClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (ND_IS_WP_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return term_id_finish (result, error);
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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (filename != NULL);
  g_return_if_fail (mime_type != NULL);

  req = _nd_wp_request_new ("POST", "/wp/v2/media", REPLAY_IF_UNSENT);
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

  _nd_wp_object_get_id (media, "id", &id);
  if (out_id != NULL)
    *out_id = id;
  if (out_source_url != NULL)
    *out_source_url = g_strdup (nd_json_object_get_string (media, "source_url"));

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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  /* All three are plain text, and WordPress shows them as HTML */
  set_escaped (fields, "caption", caption);
  set_escaped (fields, "alt_text", alt_text);
  set_escaped (fields, "description", description);

  route = g_strdup_printf ("/wp/v2/media/%" G_GINT64_FORMAT, id);
  req = _nd_wp_request_new ("POST", route, REPLAY_ALWAYS);
  _nd_wp_request_set_json (req, fields);
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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (fields != NULL);

  body = copy_escaping (fields, post_text_members);
  req = _nd_wp_request_new ("POST", "/wp/v2/posts", marker != NULL ? REPLAY_AFTER_LOOKUP : REPLAY_IF_UNSENT);

  if (marker != NULL)
    {
      g_autofree char *comment = nd_wp_marker_comment (marker);
      const char *content = nd_json_object_get_string (body, "content");

      g_return_if_fail (comment != NULL);

      if (content == NULL || strstr (content, comment) == NULL)
        {
          g_autofree char *marked = g_strconcat (content != NULL ? content : "", "\n", comment, NULL);
          json_object_set_string_member (body, "content", marked);
        }
      req->marker = g_strdup (marker);
      req->slug = g_strdup (nd_json_object_get_string (body, "slug"));
    }

  req->query = g_strdup ("context=edit&_fields=" POST_ANSWER_FIELDS);
  _nd_wp_request_set_json (req, body);
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
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *route = NULL;
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (fields != NULL);

  body = copy_escaping (fields, post_text_members);
  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = _nd_wp_request_new ("POST", route, REPLAY_ALWAYS);
  req->query = g_strdup ("context=edit&_fields=" POST_ANSWER_FIELDS);
  _nd_wp_request_set_json (req, body);
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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = _nd_wp_request_new ("GET", route, REPLAY_ALWAYS);
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

/* The list of posts an answer holds. (transfer none) */
static JsonArray *
answer_array (NdWpResponse  *resp,
              GError       **error)
{
  if (resp->json == NULL || !JSON_NODE_HOLDS_ARRAY (resp->json))
    {
      g_propagate_error (error, bad_response_error ());
      return NULL;
    }

  return json_node_get_array (resp->json);
}

static void
array_request_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;
  JsonArray *array;

  if (!(resp = _nd_wp_client_request_finish (ND_WP_CLIENT (object), result, &error)) ||
      !(array = answer_array (resp, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_array_ref (array), (GDestroyNotify) json_array_unref);
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
  g_autofree char *escaped = _nd_wp_escape_param (value);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  NdWpRequest *req;

  g_task_set_source_tag (task, source_tag);
  req = _nd_wp_request_new ("GET", "/wp/v2/posts", REPLAY_ALWAYS);
  req->query = g_strdup_printf ("%s=%s&status=any&context=edit&per_page=100", param, escaped);
  _nd_wp_client_request_async (self, req, cancellable, array_request_cb, task);
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
      const char *content = _nd_wp_object_get_text (post, "content", "raw");

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

/* Whether the answer to a DELETE (any status) says the post is in the
 * trash. */
static gboolean
answer_trashed (NdWpClient    *self,
                NdWpResponse  *resp,
                GError       **error)
{
  if (resp->status < 300)
    return TRUE;
  if (resp->status == 410 &&
      g_strcmp0 (nd_json_object_get_string (_nd_wp_parse_error_body (resp), "code"), "rest_already_trashed") == 0)
    return TRUE;

  g_propagate_error (error, _nd_wp_error_from_response (self, resp));
  return FALSE;
}

static void
trash_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  NdWpClient *self = ND_WP_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(NdWpResponse) resp = NULL;
  GError *error = NULL;

  if (!(resp = _nd_wp_client_request_finish (self, result, &error)) ||
      !answer_trashed (self, resp, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Without the network ---------------------------------------------------------- */

/**
 * _nd_wp_client_read_answer:
 * @self: a #NdWpClient
 * @answer: which call the answer is for
 * @status: its HTTP status
 * @body: (nullable): its body
 * @error: return location for a #GError
 *
 * Makes of an answer what the call named by @answer makes of it, with
 * the same code, but without sending anything: for the fuzz targets.
 *
 * Returns: %TRUE if the call would succeed with this answer
 */
gboolean
_nd_wp_client_read_answer (NdWpClient    *self,
                           NdWpAnswer     answer,
                           guint          status,
                           GBytes        *body,
                           GError       **error)
{
  g_autoptr(NdWpResponse) resp = g_new0 (NdWpResponse, 1);
  g_autofree char *comment = NULL;
  JsonObject *object;
  JsonArray *array;
  gint64 id = 0;

  g_return_val_if_fail (ND_IS_WP_CLIENT (self), FALSE);

  resp->status = status;
  resp->body = body != NULL ? g_bytes_ref (body) : NULL;

  /* As the engine does: success is parsed, and a failure is an error
   * unless the call takes any status (tag creation and trashing). */
  if (status < 300 && !_nd_wp_response_parse (resp, error))
    return FALSE;
  if (status >= 300 && answer != ND_WP_ANSWER_TAG_CREATED && answer != ND_WP_ANSWER_TRASH)
    {
      g_propagate_error (error, _nd_wp_error_from_response (self, resp));
      return FALSE;
    }

  switch (answer)
    {
    case ND_WP_ANSWER_USER:
      return answer_user (self, resp, error) != NULL;
    case ND_WP_ANSWER_POST:
      return answer_object (resp, error) != NULL;
    case ND_WP_ANSWER_MEDIA:
      if (!(object = answer_object (resp, error)))
        return FALSE;
      /* what upload_media_finish reads */
      g_free (g_strdup (nd_json_object_get_string (object, "source_url")));
      return TRUE;
    case ND_WP_ANSWER_TERMS:
      return find_term (resp, "Clusterkonferenz", &id, error);
    case ND_WP_ANSWER_TAG_CREATED:
      return answer_tag_created (self, resp, error) > 0;
    case ND_WP_ANSWER_POSTS:
      if (!(array = answer_array (resp, error)))
        return FALSE;
      comment = nd_wp_marker_comment ("0123456789abcdef");
      find_marked_post (array, comment);
      return TRUE;
    case ND_WP_ANSWER_TRASH:
      return answer_trashed (self, resp, error);
    default:
      g_return_val_if_reached (FALSE);
    }
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
  NdWpRequest *req;

  g_return_if_fail (ND_IS_WP_CLIENT (self));
  g_return_if_fail (id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_wp_client_trash_post_async);

  route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, id);
  req = _nd_wp_request_new ("DELETE", route, REPLAY_ALWAYS);
  req->any_status = TRUE;
  _nd_wp_client_request_async (self, req, cancellable, trash_cb, task);
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
