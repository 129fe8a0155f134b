/* nd-publisher.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-publisher"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-checklist.h"
#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-json.h"
#include "nd-job-error.h"
#include "nd-publisher.h"
#include "nd-render.h"
#include "nd-slug.h"
#include "nd-store.h"
#include "nd-text-format.h"

/* WordPress publishes a post whose date is at most this far ahead at
 * once instead of scheduling it (wp_insert_post()'s rule). */
#define FUTURE_MARGIN_SECONDS 60

struct _NdPublisher
{
  GObject     parent_instance;

  NdStore    *store;
  NdTarget   *target;
  NdWpClient *client;
};

G_DEFINE_FINAL_TYPE (NdPublisher, nd_publisher, G_TYPE_OBJECT)

enum {
  STEP,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* What one run knows; the task data. */
typedef struct
{
  NdOutboxJob  *job;
  NdItem       *item;          /* as loaded when the run began */
  NdRemoteItem  remote;
  gboolean      has_remote;
  GArray       *tag_ids;       /* gint64 */
  guint         next_tag;
  GHashTable   *media_ids;     /* SHA-256 → gint64 (boxed) */
  GHashTable   *media_urls;    /* SHA-256 → source URL */
  guint         next_image;
  gint64        category;      /* 0: none */
  gboolean      creating;      /* the post request is a create */
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->job, nd_outbox_job_free);
  g_clear_object (&run->item);
  nd_remote_item_clear (&run->remote);
  g_clear_pointer (&run->tag_ids, g_array_unref);
  g_clear_pointer (&run->media_ids, g_hash_table_unref);
  g_clear_pointer (&run->media_urls, g_hash_table_unref);
  g_free (run);
}

static void
emit_step (GTask         *task,
           NdPublishStep  step,
           const char    *label)
{
  g_signal_emit (g_task_get_source_object (task), signals [STEP], 0, step, label);
}

static gboolean
task_failed (GTask  *task,
             GError *error)
{
  if (error == NULL)
    return FALSE;

  g_task_return_error (task, error);
  return TRUE;
}

/* Dates ----------------------------------------------------------------------- */

const char *
nd_publisher_status_for_date (GDateTime *date_gmt,
                              GDateTime *now,
                              gboolean   as_draft)
{
  g_return_val_if_fail (date_gmt != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (as_draft)
    return "draft";
  if (g_date_time_difference (date_gmt, now) > FUTURE_MARGIN_SECONDS * G_TIME_SPAN_SECOND)
    return "future";

  return "publish";
}

/* The item's date in UTC; an item without one is published now. */
static GDateTime *
item_date_utc (NdItem *item)
{
  const char *iso = nd_item_get_date (item);
  g_autoptr(GDateTime) local = iso != NULL ? nd_date_to_date_time (iso) : NULL;

  if (local == NULL)
    return g_date_time_new_now_utc ();

  return g_date_time_to_utc (local);
}

/* Recording the outcome --------------------------------------------------------- */

static gboolean
post_get_id (JsonObject *post,
             gint64     *id,
             GError    **error)
{
  JsonNode *node = json_object_get_member (post, "id");

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (*id = json_node_get_int (node)) <= 0)
    {
      g_propagate_error (error, _nd_job_error_new (ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_BAD_RESPONSE,
                                                   "publisher-no-post-id", NULL));
      return FALSE;
    }

  return TRUE;
}

static NdItemStatus
item_status_for_post (NdItem     *item,
                      const char *status)
{
  if (g_strcmp0 (status, "publish") == 0)
    return ND_ITEM_STATUS_PUBLISHED;
  if (g_strcmp0 (status, "future") == 0)
    return ND_ITEM_STATUS_SCHEDULED;

  /* a draft sent with --as-draft leaves the item as it was */
  return nd_item_get_status (item);
}

/* Writes what the CMS answered: remote state and the item's status. */
static gboolean
record_post (GTask        *task,
             JsonObject   *post,
             NdItemStatus  status,
             guint         sent_revision,
             GError      **error)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 id;

  emit_step (task, ND_PUBLISH_STEP_RECORD, _("Saving the outcome"));
  if (!post_get_id (post, &id, error))
    return FALSE;

  remote.remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  remote.url = g_strdup (nd_json_object_get_string (post, "link"));
  remote.status = g_strdup (nd_json_object_get_string (post, "status"));
  remote.remote_modified = g_strdup (nd_json_object_get_string (post, "modified_gmt"));
  remote.published = g_date_time_ref (now);
  /* As the site answered our write, so that it matches what a later read
   * of the post gives while nobody changes it */
  remote.digest = nd_wp_post_digest (post);

  /* One transaction: the remote state and the item's status and
   * revision are recorded together or not at all. */
  return nd_store_record_publication (self->store, run->item, run->job->target,
                                      status, sent_revision, &remote, run->job->id, error);
}

/* Publishing: the post ------------------------------------------------------------ */

static void
post_done (GTask      *task,
           JsonObject *post,
           GError     *error)
{
  Run *run = g_task_get_task_data (task);
  NdItemStatus status;

  if (task_failed (task, error))
    return;

  status = item_status_for_post (run->item,
                                 nd_json_object_get_string (post, "status"));
  if (!record_post (task, post, status, nd_item_get_revision (run->item), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
post_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = NULL;
  GError *error = NULL;

  if (run->creating)
    post = nd_wp_client_create_post_finish (ND_WP_CLIENT (object), result, &error);
  else
    post = nd_wp_client_update_post_finish (ND_WP_CLIENT (object), result, &error);

  post_done (task, post, error);
}

static char *
media_src_cb (NdImage  *image,
              gpointer  user_data)
{
  Run *run = user_data;
  const char *sha256 = nd_image_get_sha256 (image);

  return sha256 != NULL ? g_strdup (g_hash_table_lookup (run->media_urls, sha256)) : NULL;
}

static gboolean
body_shows_image (GStrv    references,
                  NdImage *image)
{
  for (guint i = 0; references != NULL && references[i] != NULL; i++)
    {
      if (nd_image_matches_reference (image, references[i]))
        return TRUE;
    }

  return FALSE;
}

static void
append_figure (GString *content,
               Run     *run,
               NdImage *image)
{
  g_autofree char *src = media_src_cb (image, run);
  g_autofree char *figure = nd_render_figure (image, src);

  g_string_append (content, figure);
  g_string_append_c (content, '\n');
}

/* The body with its inline figures; the lead image's figure before it
 * and the other images' after it, unless the body shows them itself. */
static char *
render_content (Run *run)
{
  g_auto(GStrv) references = nd_render_dup_image_references (nd_item_get_body (run->item));
  g_autofree char *body = nd_render_body (run->item, media_src_cb, run);
  NdImage *lead = nd_item_get_lead_image (run->item);
  GString *content = g_string_new (NULL);

  if (lead != NULL && nd_image_get_sha256 (lead) != NULL && !body_shows_image (references, lead))
    append_figure (content, run, lead);

  g_string_append (content, body);

  for (guint i = 0; i < nd_item_get_n_images (run->item); i++)
    {
      NdImage *image = nd_item_get_image (run->item, i);

      if (image != lead && nd_image_get_sha256 (image) != NULL && !body_shows_image (references, image))
        append_figure (content, run, image);
    }

  return g_string_free (content, FALSE);
}

static gint64
lead_media_id (Run *run)
{
  NdImage *lead = nd_item_get_lead_image (run->item);
  const char *sha256 = lead != NULL ? nd_image_get_sha256 (lead) : NULL;
  gint64 *id = sha256 != NULL ? g_hash_table_lookup (run->media_ids, sha256) : NULL;

  return id != NULL ? *id : 0;
}

/* The slug to send: the item's; for an item without one, the slug its
 * title gives, on the first publication only. Once the post exists its
 * address is left as the site has it unless the editor sets a slug.
 * (transfer full) (nullable) */
static char *
dup_post_slug (Run *run)
{
  const char *slug = nd_item_get_slug (run->item);
  g_autofree char *derived = NULL;

  if (*slug != '\0')
    return g_strdup (slug);
  if (run->has_remote)
    return NULL;

  derived = nd_slug_from_title (nd_item_get_title (run->item), nd_item_get_language (run->item));
  return *derived != '\0' ? g_steal_pointer (&derived) : NULL;
}

static char *
dup_marker (Run *run)
{
  return g_strdup_printf ("%s:%u", run->job->item_id, run->job->revision);
}

/* Every content sent carries the job's marker, an update as much as a
 * create: an update made in recovery (a job found running after a crash,
 * or the post an attempt made before its answer was lost) may lose its
 * answer too, and the next attempt finds the post only by the marker. */
static JsonObject *
build_post_fields (Run *run)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GDateTime) date = item_date_utc (run->item);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *body = render_content (run);
  g_autofree char *marker = dup_marker (run);
  g_autofree char *comment = nd_wp_marker_comment (marker);
  g_autofree char *content = g_strconcat (body, "\n", comment, NULL);
  g_autofree char *date_gmt = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *slug = dup_post_slug (run);
  gboolean as_draft = (run->job->flags & ND_OUTBOX_FLAG_AS_DRAFT) != 0;
  JsonArray *tags = json_array_sized_new (run->tag_ids->len);

  json_object_set_string_member (fields, "title", nd_item_get_title (run->item));
  json_object_set_string_member (fields, "content", content);
  json_object_set_string_member (fields, "excerpt", nd_item_get_teaser (run->item));
  json_object_set_string_member (fields, "status", nd_publisher_status_for_date (date, now, as_draft));
  json_object_set_string_member (fields, "date_gmt", date_gmt);
  for (guint i = 0; i < run->tag_ids->len; i++)
    json_array_add_int_element (tags, g_array_index (run->tag_ids, gint64, i));
  json_object_set_array_member (fields, "tags", tags);
  /* 0 takes away a lead image the item no longer has */
  json_object_set_int_member (fields, "featured_media", lead_media_id (run));
  if (slug != NULL)
    json_object_set_string_member (fields, "slug", slug);
  if (run->category > 0)
    {
      JsonArray *categories = json_array_new ();

      json_array_add_int_element (categories, run->category);
      json_object_set_array_member (fields, "categories", categories);
    }

  return g_steal_pointer (&fields);
}

static void
write_post (GTask  *task,
            gint64  existing_id)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) fields = build_post_fields (run);
  g_autofree char *marker = NULL;

  if (existing_id > 0)
    {
      emit_step (task, ND_PUBLISH_STEP_POST, _("Updating the post"));
      nd_wp_client_update_post_async (self->client, existing_id, fields, g_task_get_cancellable (task),
                                      post_written_cb, g_object_ref (task));
      return;
    }

  emit_step (task, ND_PUBLISH_STEP_POST, _("Creating the post"));
  run->creating = TRUE;
  marker = dup_marker (run);
  nd_wp_client_create_post_async (self->client, fields, marker, g_task_get_cancellable (task),
                                  post_written_cb, g_object_ref (task));
}

static void
marker_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) post = NULL;
  GError *error = NULL;
  gint64 id = 0;

  post = nd_wp_client_find_post_by_marker_finish (ND_WP_CLIENT (object), result, &error);
  if (task_failed (task, error))
    return;

  if (post != NULL && !post_get_id (post, &id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (id > 0)
    g_debug ("An earlier attempt made post %" G_GINT64_FORMAT "; updating it", id);
  write_post (task, id);
}

/* Whether someone changed @post on the site since our last write. With a
 * digest of what the site held after that write, the digest decides:
 * WordPress's modified_gmt has one-second resolution, so an edit in the
 * same second as ours has our stamp, and a new stamp with the same digest
 * is a re-save that changed none of the fields we write (nothing would be
 * lost). Rows written before there was a digest, and a site that does not
 * send the raw fields, have only the stamp to go by. */
static gboolean
changed_on_site (Run        *run,
                 JsonObject *post)
{
  const char *modified = nd_json_object_get_string (post, "modified_gmt");
  g_autofree char *digest = NULL;

  if (run->remote.digest != NULL && g_str_has_prefix (run->remote.digest, ND_WP_DIGEST_PREFIX) &&
      (digest = nd_wp_post_digest (post)) != NULL)
    return g_strcmp0 (digest, run->remote.digest) != 0;

  return g_strcmp0 (modified, run->remote.remote_modified) != 0;
}

/* The post exists when the item was sent to this target before; before
 * changing it, make sure nobody else did since. */
static void
existing_post_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = NULL;
  GError *error = NULL;
  gint64 id;

  post = nd_wp_client_get_post_finish (ND_WP_CLIENT (object), result, &error);
  if (task_failed (task, error))
    return;

  if (!post_get_id (post, &id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if ((run->job->flags & ND_OUTBOX_FLAG_FORCE) == 0 && changed_on_site (run, post))
    {
      g_autofree char *since = run->remote.published != NULL
                               ? g_date_time_format_iso8601 (run->remote.published) : NULL;

      g_task_return_error (task, _nd_job_error_new (ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_CONFLICT,
                                                    "publisher-conflict", since, NULL));
      return;
    }

  write_post (task, id);
}

static void
start_post (GTask *task)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (run->has_remote)
    {
      emit_step (task, ND_PUBLISH_STEP_POST, _("Reading the post on the site"));
      nd_wp_client_get_post_async (self->client, g_ascii_strtoll (run->remote.remote_id, NULL, 10),
                                   cancellable, existing_post_cb, g_object_ref (task));
    }
  else if (run->job->attempts > 1)
    {
      g_autofree char *slug = dup_post_slug (run);
      g_autofree char *marker = dup_marker (run);

      /* An earlier attempt may have made the post and lost the answer */
      emit_step (task, ND_PUBLISH_STEP_POST, _("Looking for a post made by an earlier attempt"));
      nd_wp_client_find_post_by_marker_async (self->client, slug, marker,
                                              cancellable, marker_found_cb, g_object_ref (task));
    }
  else
    {
      write_post (task, 0);
    }
}

/* Publishing: images ---------------------------------------------------------------- */

static void next_image (GTask *task);

/* "© Max Muster"; a credit marked already ("Foto: Max Muster") stays. */
static char *
dup_credit (NdImage *image)
{
  g_autofree char *credit = g_strstrip (g_strdup (nd_image_get_credit (image)));

  if (*credit == '\0' || nd_text_format_credit_prefix_length (credit) > 0)
    return g_steal_pointer (&credit);

  return g_strconcat ("© ", credit, NULL);
}

/* As the figures say it: "Caption — © Credit". */
static char *
media_caption (NdImage *image)
{
  const char *caption = nd_image_get_caption (image);
  g_autofree char *credit = dup_credit (image);

  if (*credit == '\0')
    return g_strdup (caption);
  if (*caption == '\0')
    return g_steal_pointer (&credit);

  return g_strdup_printf ("%s — %s", caption, credit);
}

static char *
media_description (NdImage *image)
{
  g_autofree char *credit = dup_credit (image);
  const char *license = nd_image_get_license (image);
  GString *text = g_string_new (NULL);

  g_string_append (text, credit);
  if (license != NULL && *license != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", license);

  return g_string_free (text, FALSE);
}

static void
media_described_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!nd_wp_client_update_media_finish (ND_WP_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  run->next_image++;
  next_image (task);
}

/* The texts are set on every publication, so that a corrected caption
 * or alt text reaches the site too; the file itself is uploaded once per
 * credit (a corrected credit is a new media item, see next_image ()). */
static void
describe_media (GTask   *task,
                NdImage *image,
                gint64   media_id)
{
  NdPublisher *self = g_task_get_source_object (task);
  g_autofree char *caption = media_caption (image);
  g_autofree char *description = media_description (image);

  nd_wp_client_update_media_async (self->client, media_id, caption, nd_image_get_alt_text (image),
                                   description, g_task_get_cancellable (task),
                                   media_described_cb, g_object_ref (task));
}

static void
remember_media (Run        *run,
                const char *sha256,
                gint64      id,
                const char *url)
{
  g_hash_table_replace (run->media_ids, g_strdup (sha256), g_memdup2 (&id, sizeof id));
  g_hash_table_replace (run->media_urls, g_strdup (sha256), g_strdup (url != NULL ? url : ""));
}

static void
media_uploaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  NdImage *image = nd_item_get_image (run->item, run->next_image);
  g_autofree char *url = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *credit = NULL;
  GError *error = NULL;
  gint64 id = 0;

  if (!nd_wp_client_upload_media_finish (ND_WP_CLIENT (object), result, &id, &url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Remembered at once: a retry must not upload the file again */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  credit = dup_credit (image);
  if (!nd_store_set_remote_media (self->store, run->job->target, nd_image_get_sha256 (image),
                                  credit, id_text, url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  remember_media (run, nd_image_get_sha256 (image), id, url);
  describe_media (task, image, id);
}

static char *
upload_filename (NdImage *image)
{
  const char *mime = nd_image_get_mime_type (image);
  const char *slash = mime != NULL ? strrchr (mime, '/') : NULL;
  const char *ext = slash != NULL ? slash + 1 : "bin";

  if (g_strcmp0 (ext, "jpeg") == 0)
    ext = "jpg";

  return g_strdup_printf ("%.12s.%s", nd_image_get_sha256 (image), ext);
}

static void
next_image (GTask *task)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  guint n_images = nd_item_get_n_images (run->item);
  g_autofree char *label = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *url = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *credit = NULL;
  GError *error = NULL;
  const char *sha256;
  NdImage *image;

  /* slots without a file have nothing to upload (the checklist says so) */
  while (run->next_image < n_images &&
         nd_image_get_sha256 (nd_item_get_image (run->item, run->next_image)) == NULL)
    run->next_image++;

  if (run->next_image >= n_images)
    {
      start_post (task);
      return;
    }

  image = nd_item_get_image (run->item, run->next_image);
  sha256 = nd_image_get_sha256 (image);
  /* Translators: the first %u is the image's number, the second how many there are */
  label = g_strdup_printf (_("Sending image %u of %u"), run->next_image + 1, n_images);
  emit_step (task, ND_PUBLISH_STEP_MEDIA, label);

  /* A media item per file and credit, as the site shows the credit: the
   * caption set below is the media item's own, so one shared by two
   * items that credit the photo differently would show the last one's
   * credit in both. */
  credit = dup_credit (image);
  cached = nd_store_dup_remote_media (self->store, run->job->target, sha256, credit, &url, &error);
  if (task_failed (task, error))
    return;

  if (cached != NULL)
    {
      gint64 id = g_ascii_strtoll (cached, NULL, 10);

      remember_media (run, sha256, id, url);
      describe_media (task, image, id);
      return;
    }

  filename = upload_filename (image);
  nd_wp_client_upload_media_async (self->client, nd_image_get_data (image), filename,
                                   nd_image_get_mime_type (image), g_task_get_cancellable (task),
                                   media_uploaded_cb, g_object_ref (task));
}

/* Publishing: tags --------------------------------------------------------------------- */

static void next_tag (GTask *task);

static void
tag_ensured_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *tag = nd_item_get_tags (run->item)[run->next_tag];
  g_autofree char *id_text = NULL;
  GError *error = NULL;
  gint64 id;

  id = nd_wp_client_ensure_tag_finish (ND_WP_CLIENT (object), result, &error);
  if (task_failed (task, error))
    return;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!nd_store_set_remote_tag (self->store, run->job->target, tag, id_text, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_array_append_val (run->tag_ids, id);
  run->next_tag++;
  next_tag (task);
}

static void
next_tag (GTask *task)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char * const *tags = nd_item_get_tags (run->item);
  GError *error = NULL;

  while (tags != NULL && tags[run->next_tag] != NULL)
    {
      g_autofree char *cached = nd_store_dup_remote_tag (self->store, run->job->target,
                                                         tags[run->next_tag], &error);
      gint64 id;

      if (task_failed (task, error))
        return;

      if (cached == NULL)
        {
          nd_wp_client_ensure_tag_async (self->client, tags[run->next_tag], g_task_get_cancellable (task),
                                         tag_ensured_cb, g_object_ref (task));
          return;
        }

      id = g_ascii_strtoll (cached, NULL, 10);
      g_array_append_val (run->tag_ids, id);
      run->next_tag++;
    }

  next_image (task);
}

/* Publishing: before any request ----------------------------------------------------------- */

static gboolean
check_item (Run     *run,
            GError **error)
{
  g_autoptr(GPtrArray) problems = nd_item_check (run->item);
  g_autoptr(GString) reasons = NULL;

  if (nd_check_passes (problems))
    return TRUE;

  reasons = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      NdCheckProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != ND_CHECK_ERROR)
        continue;
      if (reasons->len > 0)
        g_string_append (reasons, "; ");
      g_string_append (reasons, problem->message);
    }

  /* The checklist's own sentences go in as they are: they name what
   * to fix in the words of the moment. */
  g_propagate_error (error, _nd_job_error_new (ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_CHECK_FAILED,
                                               "publisher-not-ready", reasons->str, NULL));
  return FALSE;
}

/* The kind's category: an id when the account gives digits, else looked
 * up by name on the site (never created). */
static void
category_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->category = nd_wp_client_find_category_finish (ND_WP_CLIENT (object), result, &error);
  if (error != NULL)
    {
      /* A missing category is the account's fault, not the site's: the
       * job fails with the client's message, which names it. Transient
       * errors stay as they are, so the outbox tries again. */
      if (g_error_matches (error, ND_WP_ERROR, ND_WP_ERROR_NOT_FOUND))
        {
          const NdErrorInfo *info = nd_job_error_get_info (error);
          GError *category = _nd_job_error_new_v (ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_CATEGORY,
                                                  info->code, (const char * const *) info->args);

          /* A new error: the domains' extra data differ */
          g_error_free (error);
          error = category;
        }
      g_task_return_error (task, error);
      return;
    }

  emit_step (task, ND_PUBLISH_STEP_TAGS, _("Sending the tags"));
  next_tag (task);
}

static gboolean
category_is_id (const char *category,
                gint64     *out_id)
{
  char *end = NULL;
  gint64 id;

  g_assert (category != NULL);

  if (!g_ascii_isdigit (*category))
    return FALSE;

  id = g_ascii_strtoll (category, &end, 10);
  if (*end != '\0' || id <= 0)
    return FALSE;

  *out_id = id;
  return TRUE;
}

static void
start_publish (GTask *task)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *category;
  GError *error = NULL;

  emit_step (task, ND_PUBLISH_STEP_CHECK, _("Checking the item"));
  if (!check_item (run, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  category = nd_target_get_category (self->target, nd_item_get_kind (run->item));
  if (category != NULL && *category != '\0' && !category_is_id (category, &run->category))
    {
      nd_wp_client_find_category_async (self->client, category, g_task_get_cancellable (task),
                                        category_found_cb, g_object_ref (task));
      return;
    }

  emit_step (task, ND_PUBLISH_STEP_TAGS, _("Sending the tags"));
  next_tag (task);
}

/* Withdrawing and deleting ------------------------------------------------------------------- */

static void
withdrawn_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) post = NULL;
  GError *error = NULL;

  post = nd_wp_client_update_post_finish (ND_WP_CLIENT (object), result, &error);
  if (task_failed (task, error))
    return;

  if (!record_post (task, post, ND_ITEM_STATUS_WITHDRAWN, run->remote.published_revision, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
trashed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!nd_wp_client_trash_post_finish (ND_WP_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  emit_step (task, ND_PUBLISH_STEP_RECORD, _("Saving the outcome"));
  g_free (run->remote.status);
  run->remote.status = g_strdup ("trash");
  if (!nd_store_record_publication (self->store, run->item, run->job->target,
                                    ND_ITEM_STATUS_WITHDRAWN, run->remote.published_revision,
                                    &run->remote, run->job->id, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_unpublish (GTask *task)
{
  NdPublisher *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonObject) fields = NULL;
  gint64 id;

  if (!run->has_remote)
    {
      g_task_return_error (task, _nd_job_error_new (ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_NOT_PUBLISHED,
                                                    "publisher-not-published", run->job->target, NULL));
      return;
    }

  id = g_ascii_strtoll (run->remote.remote_id, NULL, 10);
  if (run->job->action == ND_OUTBOX_ACTION_DELETE)
    {
      emit_step (task, ND_PUBLISH_STEP_POST, _("Moving the post to the trash"));
      nd_wp_client_trash_post_async (self->client, id, g_task_get_cancellable (task),
                                     trashed_cb, g_object_ref (task));
      return;
    }

  emit_step (task, ND_PUBLISH_STEP_POST, _("Setting the post back to draft"));
  fields = json_object_new ();
  json_object_set_string_member (fields, "status", "draft");
  nd_wp_client_update_post_async (self->client, id, fields, g_task_get_cancellable (task),
                                  withdrawn_cb, g_object_ref (task));
}

/* The job ------------------------------------------------------------------------------------- */

void
nd_publisher_run_async (NdPublisher         *self,
                        const NdOutboxJob   *job,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Run *run;

  g_return_if_fail (ND_IS_PUBLISHER (self));
  g_return_if_fail (job != NULL);
  g_return_if_fail (g_strcmp0 (job->target, nd_target_get_name (self->target)) == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_publisher_run_async);

  run = g_new0 (Run, 1);
  run->job = nd_outbox_job_copy (job);
  run->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->media_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->media_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  run->item = nd_store_load_item (self->store, job->item_id, &error);
  if (run->item == NULL ||
      (!(run->has_remote = nd_store_get_remote_item (self->store, job->item_id, job->target,
                                                     &run->remote, &error)) && error != NULL))
    {
      g_task_return_error (task, error);
      return;
    }

  switch (job->action)
    {
    case ND_OUTBOX_ACTION_PUBLISH:
      start_publish (task);
      break;
    case ND_OUTBOX_ACTION_WITHDRAW:
    case ND_OUTBOX_ACTION_DELETE:
      start_unpublish (task);
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
nd_publisher_run_finish (NdPublisher   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (ND_IS_PUBLISHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object ---------------------------------------------------------------------------------- */

NdPublisher *
nd_publisher_new (NdStore    *store,
                  NdTarget   *target,
                  NdWpClient *client)
{
  NdPublisher *self;

  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (ND_IS_TARGET (target), NULL);
  g_return_val_if_fail (ND_IS_WP_CLIENT (client), NULL);

  self = g_object_new (ND_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->target = g_object_ref (target);
  self->client = g_object_ref (client);

  return self;
}

NdStore *
nd_publisher_get_store (NdPublisher *self)
{
  g_return_val_if_fail (ND_IS_PUBLISHER (self), NULL);

  return self->store;
}

NdTarget *
nd_publisher_get_target (NdPublisher *self)
{
  g_return_val_if_fail (ND_IS_PUBLISHER (self), NULL);

  return self->target;
}

NdWpClient *
nd_publisher_get_client (NdPublisher *self)
{
  g_return_val_if_fail (ND_IS_PUBLISHER (self), NULL);

  return self->client;
}

static void
nd_publisher_dispose (GObject *object)
{
  NdPublisher *self = ND_PUBLISHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->target);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (nd_publisher_parent_class)->dispose (object);
}

static void
nd_publisher_class_init (NdPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_publisher_dispose;

  /**
   * NdPublisher::step:
   * @self: the publisher
   * @step: the NdPublishStep that begins
   * @label: what it does, translated
   */
  signals [STEP] =
    g_signal_new ("step",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
nd_publisher_init (NdPublisher *self)
{
}
