/* nd-thumbnails.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-thumbnails"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-store.h"
#include "nd-thumbnails.h"

typedef struct
{
  char   *sha256;
  gint64  store_id;
} Request;

struct _NdThumbnails
{
  GObject       parent_instance;

  /* Owned References */
  NdStore      *store;
  GHashTable   *textures;   /* sha256 → GdkTexture */
  GQueue        recent;     /* sha256 (the keys of textures), most recent first */
  GHashTable   *pending;    /* sha256 → Request, queued or decoding */
  GQueue        queue;      /* Request, to read */
  GHashTable   *failed;     /* sha256 */
  GCancellable *cancellable;

  int           width;
  int           height;
  guint         read_source;
  guint         decoding : 1;
};

G_DEFINE_FINAL_TYPE (NdThumbnails, nd_thumbnails, G_TYPE_OBJECT)

enum {
  READY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->sha256);
  g_free (request);
}

static void schedule_read (NdThumbnails *self);

static void
touch (NdThumbnails *self,
       const char   *sha256)
{
  GList *link = g_queue_find_custom (&self->recent, sha256, (GCompareFunc) g_strcmp0);

  if (link != NULL)
    {
      g_queue_unlink (&self->recent, link);
      g_queue_push_head_link (&self->recent, link);
    }
}

static void
remember (NdThumbnails *self,
          const char   *sha256,
          GdkTexture   *texture)
{
  char *key;

  if (g_hash_table_contains (self->textures, sha256))
    return;

  key = g_strdup (sha256);
  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_head (&self->recent, key);

  while (g_queue_get_length (&self->recent) > ND_THUMBNAILS_MAX_CACHED)
    g_hash_table_remove (self->textures, g_queue_pop_tail (&self->recent));
}

/* In a worker thread: the bytes become a pixbuf that covers width ×
 * height, twice that for screens that scale by 2. */
static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NdThumbnails *self = source_object;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  pixbuf = nd_thumbnail_decode_cover (task_data, self->width * 2, self->height * 2, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  NdThumbnails *self = ND_THUMBNAILS (object);
  g_autofree char *sha256 = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->decoding = FALSE;
  g_hash_table_remove (self->pending, sha256);

  if (pixbuf == NULL)
    {
      g_debug ("No thumbnail for image %s: %s", sha256, error->message);
      g_hash_table_add (self->failed, g_strdup (sha256));
    }
  else
    {
      texture = gdk_texture_new_for_pixbuf (pixbuf);
      remember (self, sha256, texture);
      g_signal_emit (self, signals [READY], 0, sha256);
    }

  schedule_read (self);
}

/* One image at a time: its bytes are read here, on the main thread (the
 * store is the main thread's), and decoded in a thread. */
static gboolean
read_cb (gpointer data)
{
  NdThumbnails *self = data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(NdImage) image = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  self->read_source = 0;

  if ((request = g_queue_pop_head (&self->queue)) == NULL)
    return G_SOURCE_REMOVE;

  if (!(image = nd_store_load_image_by_id (self->store, request->store_id, &error)) ||
      !nd_image_has_data (image))
    {
      g_debug ("No bytes for image %s: %s", request->sha256,
               error != NULL ? error->message : "a slot");
      g_hash_table_add (self->failed, g_strdup (request->sha256));
      g_hash_table_remove (self->pending, request->sha256);
      schedule_read (self);
      return G_SOURCE_REMOVE;
    }

  self->decoding = TRUE;
  task = g_task_new (self, self->cancellable, decoded_cb, g_strdup (request->sha256));
  g_task_set_source_tag (task, read_cb);
  g_task_set_task_data (task, g_bytes_ref (nd_image_get_data (image)), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_thread);

  return G_SOURCE_REMOVE;
}

static void
schedule_read (NdThumbnails *self)
{
  if (self->read_source == 0 && !self->decoding && !g_queue_is_empty (&self->queue))
    self->read_source = g_idle_add_full (G_PRIORITY_LOW, read_cb, self, NULL);
}

static void
nd_thumbnails_dispose (GObject *object)
{
  NdThumbnails *self = ND_THUMBNAILS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->read_source, g_source_remove);
  g_queue_clear (&self->queue);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_thumbnails_parent_class)->dispose (object);
}

static void
nd_thumbnails_finalize (GObject *object)
{
  NdThumbnails *self = ND_THUMBNAILS (object);

  g_queue_clear (&self->recent);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (nd_thumbnails_parent_class)->finalize (object);
}

static void
nd_thumbnails_class_init (NdThumbnailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_thumbnails_dispose;
  object_class->finalize = nd_thumbnails_finalize;

  /**
   * NdThumbnails::ready:
   * @sha256: the image whose thumbnail nd_thumbnails_lookup() now gives
   */
  signals [READY] =
    g_signal_new ("ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nd_thumbnails_init (NdThumbnails *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, request_free);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->recent);
  g_queue_init (&self->queue);
}

NdThumbnails *
nd_thumbnails_new (NdStore *store,
                   int      width,
                   int      height)
{
  NdThumbnails *self;

  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_object_new (ND_TYPE_THUMBNAILS, NULL);
  self->store = g_object_ref (store);
  self->width = width;
  self->height = height;

  return self;
}

static void
thumbnail_size_prepared_cb (GdkPixbufLoader *loader,
                            int              width,
                            int              height,
                            gpointer         user_data)
{
  const int *box = user_data;
  double scale = MAX ((double)box[0] / width, (double)box[1] / height);

  /* Covers the box; the middle is cut out below. */
  gdk_pixbuf_loader_set_size (loader,
                              MAX (box[0], (int)(width * scale + 0.999)),
                              MAX (box[1], (int)(height * scale + 0.999)));
}

GdkPixbuf *
nd_thumbnail_decode_cover (GBytes  *bytes,
                           int      width,
                           int      height,
                           GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  int box[2] = { width, height };
  GdkPixbuf *pixbuf;
  const char *mime;
  int file_width = 0;
  int file_height = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  /* Files were checked when they were attached, but an imported JSON
   * brings its own bytes: only the formats we take, and the size from the
   * header first, since the PNG loader allocates the whole picture
   * whatever size it is asked for. */
  mime = nd_image_file_sniff_mime (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (mime == NULL)
    {
      g_set_error_literal (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_UNSUPPORTED,
                           _("Not a JPEG, PNG, WebP or GIF image"));
      return NULL;
    }
  if (!nd_image_file_peek_size (bytes, mime, &file_width, &file_height))
    {
      g_set_error_literal (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_DAMAGED,
                           _("The image is damaged"));
      return NULL;
    }
  /* Translators: names an image that has no file name in messages */
  if (!nd_image_file_check_size (file_width, file_height, _("the image"), error))
    return NULL;

  loader = gdk_pixbuf_loader_new_with_mime_type (mime, error);
  if (loader == NULL)
    return NULL;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (thumbnail_size_prepared_cb), box);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) < width || gdk_pixbuf_get_height (pixbuf) < height)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE, "No picture");
      return NULL;
    }

  return gdk_pixbuf_new_subpixbuf (pixbuf,
                                   (gdk_pixbuf_get_width (pixbuf) - width) / 2,
                                   (gdk_pixbuf_get_height (pixbuf) - height) / 2,
                                   width, height);
}

GdkTexture *
nd_thumbnails_lookup (NdThumbnails *self,
                      const char   *sha256,
                      gint64        store_id)
{
  GdkTexture *texture;
  Request *request;

  g_return_val_if_fail (ND_IS_THUMBNAILS (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  if ((texture = g_hash_table_lookup (self->textures, sha256)) != NULL)
    {
      touch (self, sha256);
      return texture;
    }

  if (store_id <= 0 ||
      g_hash_table_contains (self->pending, sha256) ||
      g_hash_table_contains (self->failed, sha256))
    return NULL;

  request = g_new0 (Request, 1);
  request->sha256 = g_strdup (sha256);
  request->store_id = store_id;
  /* The pending table owns the request; the queue borrows it. */
  g_hash_table_insert (self->pending, request->sha256, request);
  g_queue_push_tail (&self->queue, request);
  schedule_read (self);

  return NULL;
}
