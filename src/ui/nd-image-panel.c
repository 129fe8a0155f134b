/* nd-image-panel.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-image-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-checklist.h"
#include "nd-text-guard.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-image-library.h"
#include "nd-image-panel.h"
#include "nd-item.h"
#include "nd-store.h"
#include "nd-thumbnails.h"

/* Alt text is read out by screen readers: past 125 characters it gets
 * tiresome, past 250 it belongs in the caption. */
#define ALT_TEXT_GOOD     125
#define ALT_TEXT_TOO_LONG (nd_field_get_limit (ND_FIELD_ALT_TEXT)->warn)
/* Thumbnails are made for twice the size they are shown at, for HiDPI. */
#define THUMBNAIL_WIDTH   96
#define THUMBNAIL_HEIGHT  64
/* Decoded thumbnails kept by SHA-256; an item has a few images. */
#define THUMBNAIL_CACHE_MAX 32

static const NdImageFields main_fields[] = {
  ND_IMAGE_FIELD_CREDIT,
  ND_IMAGE_FIELD_ALT_TEXT,
  ND_IMAGE_FIELD_CAPTION,
};

static const NdImageFields rights_fields[] = {
  ND_IMAGE_FIELD_CREATOR,
  ND_IMAGE_FIELD_COPYRIGHT,
  ND_IMAGE_FIELD_LICENSE,
  ND_IMAGE_FIELD_SOURCE,
};

/* The widgets of one image; the panel's box owns them. */
typedef struct
{
  NdImagePanel  *panel;
  NdImage       *image;
  GtkPicture    *picture;
  GtkLabel      *alt_meter;
  GtkWidget     *rows[7];
  GtkWidget     *hints[7];
} Card;

struct _NdImagePanel
{
  GtkWidget             parent_instance;

  /* Template Widgets */
  GtkButton            *attach_button;
  GtkBox               *checklist_box;
  GtkBox               *content;
  GtkLabel             *empty_label;
  GtkLabel             *error_label;
  GtkRevealer          *error_revealer;
  GtkBox               *images_box;
  GtkButton            *library_button;
  GtkBox               *problems_box;

  /* Borrowed References */
  AdwToast             *last_toast;  /* weak pointer, for the tests */

  /* Owned References */
  NdItem               *item;
  NdStore              *store;
  NdImageLibrary       *library;     /* (nullable): open while it is shown */
  GPtrArray            *cards;       /* (element-type Card): the groups own them */
  GHashTable           *thumbnails;  /* SHA-256 → GdkTexture */
  GHashTable           *decoding;    /* SHA-256 set: a thread makes it */
  GCancellable         *cancellable;
  GCancellable         *marks_cancellable; /* the item's "from the file" marks */
  GtkFileChooserNative *chooser;

  GHashTable           *finished;    /* attach number → Attached, waiting for its turn */

  guint                 n_tasks;
  guint                 next_attach; /* the number the next attach gets */
  guint                 next_apply;  /* the number whose result goes in next */
  guint                 loading : 1;
};

G_DEFINE_FINAL_TYPE (NdImagePanel, nd_image_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  INSERT_REFERENCE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void rebuild (NdImagePanel *self);

/* Helpers ---------------------------------------------------------------- */

static guint
field_index (NdImageFields field)
{
  guint index = 0;

  g_assert (field != 0 && (field & (field - 1)) == 0);

  while ((field >> index) != 1)
    index++;

  return index;
}

static const char *
field_title (NdImageFields field)
{
  switch ((int)field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      /* Translators: who is to be named with an image, "© VDI/VDE-IT" */
      return _("Credit");
    case ND_IMAGE_FIELD_CREATOR:
      /* Translators: the photographer or artist of an image */
      return _("Creator");
    case ND_IMAGE_FIELD_COPYRIGHT:
      return _("Copyright");
    case ND_IMAGE_FIELD_LICENSE:
      /* Translators: the terms under which an image may be used */
      return _("Licence");
    case ND_IMAGE_FIELD_SOURCE:
      /* Translators: where an image was obtained, e.g. an agency */
      return _("Source");
    case ND_IMAGE_FIELD_ALT_TEXT:
      /* Translators: the description of an image for people who cannot see it */
      return _("Alt text");
    case ND_IMAGE_FIELD_CAPTION:
      return _("Caption");
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static void
set_busy (NdImagePanel *self,
          gboolean      started)
{
  gboolean was_busy = self->n_tasks > 0;

  if (started)
    self->n_tasks++;
  else
    self->n_tasks--;

  if (was_busy != (self->n_tasks > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
show_error (NdImagePanel *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
emit_changed (NdImagePanel *self)
{
  g_signal_emit (self, signals [CHANGED], 0);
  nd_image_panel_update_checklist (self);
}

static void
card_free (Card *card)
{
  g_clear_object (&card->image);
  g_free (card);
}

/* Thumbnails ------------------------------------------------------------- */

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  pixbuf = nd_thumbnail_decode_cover (task_data, THUMBNAIL_WIDTH * 2, THUMBNAIL_HEIGHT * 2, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
update_thumbnails (NdImagePanel *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);
      const char *sha256 = nd_image_get_sha256 (card->image);
      GdkTexture *texture = sha256 != NULL ? g_hash_table_lookup (self->thumbnails, sha256) : NULL;

      if (texture != NULL && gtk_picture_get_paintable (card->picture) != GDK_PAINTABLE (texture))
        gtk_picture_set_paintable (card->picture, GDK_PAINTABLE (texture));
    }
}

static void
thumbnail_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);
  g_autofree char *sha256 = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  set_busy (self, FALSE);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_hash_table_remove (self->decoding, sha256);

  if (pixbuf == NULL)
    {
      /* The file was checked when it was attached: a thumbnail that fails
       * is no reason to bother anyone; the placeholder icon stays. */
      g_debug ("No thumbnail for %s: %s", sha256, error->message);
      return;
    }

  if (g_hash_table_size (self->thumbnails) >= THUMBNAIL_CACHE_MAX)
    g_hash_table_remove_all (self->thumbnails);

  g_hash_table_insert (self->thumbnails, g_steal_pointer (&sha256), gdk_texture_new_for_pixbuf (pixbuf));
  update_thumbnails (self);
}

static void
request_thumbnail (NdImagePanel *self,
                   NdImage      *image)
{
  const char *sha256 = nd_image_get_sha256 (image);
  g_autoptr(GTask) task = NULL;

  if (sha256 == NULL || !nd_image_has_data (image) ||
      g_hash_table_contains (self->thumbnails, sha256) ||
      g_hash_table_contains (self->decoding, sha256))
    return;

  g_hash_table_add (self->decoding, g_strdup (sha256));
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, thumbnail_done_cb, g_strdup (sha256));
  g_task_set_source_tag (task, request_thumbnail);
  g_task_set_task_data (task, g_bytes_ref (nd_image_get_data (image)), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, thumbnail_thread);
}

/* Attaching -------------------------------------------------------------- */

/* What is attached: a file, or a pasted picture. */
typedef struct
{
  GFile      *file;
  GdkTexture *texture;
  NdItem     *item;   /* the item when it was asked for */
  gboolean    lead;
  guint       number; /* attaches go in in the order they were asked for */
  NdImageMetadata *metadata;  /* the file's, read by the thread */
} AttachData;

/* A decoded (or refused) attach, waiting for the ones before it. */
typedef struct
{
  NdItem   *item;
  NdImage  *image;
  GError   *error;
  gboolean  lead;
  NdImageMetadata *metadata;
} Attached;

static void
attached_free (gpointer data)
{
  Attached *attached = data;

  g_clear_object (&attached->item);
  g_clear_object (&attached->image);
  g_clear_error (&attached->error);
  g_clear_pointer (&attached->metadata, nd_image_metadata_free);
  g_free (attached);
}

static void
attach_data_free (AttachData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->texture);
  g_clear_object (&data->item);
  g_clear_pointer (&data->metadata, nd_image_metadata_free);
  g_free (data);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;
  g_autoptr(GError) error = NULL;
  NdImage *image;

  /* Reading and decoding a large photo takes a while: never on the
   * main thread. */
  if (data->texture != NULL)
    {
      /* A pasted picture has neither file nor name; PNG keeps it as it is. */
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (data->texture);

      /* Translators: names a picture from the clipboard in messages */
      image = nd_image_file_load_bytes (png, _("Pasted image"), &error);
    }
  else
    {
      image = nd_image_file_load (data->file, cancellable, &error);
    }
  if (image == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* exiv2 too takes a while on a large photo. */
  data->metadata = nd_image_metadata_read (nd_image_get_data (image));
  g_task_return_pointer (task, image, g_object_unref);
}

/* Puts @image into the item with the fields the command line gives it
 * too (nd_store_place_image ()): the slot's, the library's defaults, then
 * the file's. The editor saves the item. */
static gboolean
place_image (NdImagePanel          *self,
             NdImage               *image,
             NdImageAttachFlags     flags,
             const NdImageMetadata *metadata)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      NdImage *attached = nd_image_file_attach (self->item, image, flags);

      /* Without a store (never in the application) there is no library. */
      nd_image_metadata_fill (metadata, attached);
      show_error (self, NULL);
      return TRUE;
    }

  if (nd_store_place_image (self->store, self->item, image, flags, metadata, &error) == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  return TRUE;
}

static void
apply_attached (NdImagePanel *self,
                Attached     *done)
{
  if (done->image == NULL)
    {
      show_error (self, done->error->message);
      return;
    }

  /* Another item was opened meanwhile: this file was not meant for it. */
  if (self->item != done->item)
    return;

  if (!place_image (self, done->image, done->lead ? ND_IMAGE_ATTACH_LEAD : ND_IMAGE_ATTACH_NONE,
                    done->metadata))
    return;

  rebuild (self);
  emit_changed (self);
}

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);
  AttachData *data = g_task_get_task_data (G_TASK (result));
  Attached *done = g_new0 (Attached, 1);

  done->image = g_task_propagate_pointer (G_TASK (result), &done->error);
  done->metadata = g_steal_pointer (&data->metadata);
  done->item = g_object_ref (data->item);
  done->lead = data->lead;
  set_busy (self, FALSE);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      attached_free (done);
      return;
    }

  /* Files dropped or chosen together are decoded side by side, and a
   * small one is done first: they still go in in the order given. */
  g_hash_table_insert (self->finished, GUINT_TO_POINTER (data->number), done);
  while ((done = g_hash_table_lookup (self->finished, GUINT_TO_POINTER (self->next_apply))) != NULL)
    {
      g_hash_table_steal (self->finished, GUINT_TO_POINTER (self->next_apply));
      self->next_apply++;
      apply_attached (self, done);
      attached_free (done);
    }
}

static void
chooser_response_cb (NdImagePanel         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      gboolean lead = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "nd-lead"));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          nd_image_panel_attach_file (self, file, lead && i == 0);
        }
    }

  g_clear_object (&self->chooser);
}

static void
open_chooser (NdImagePanel *self,
              gboolean      lead)
{
  static const char * const mime_types[] = { "image/jpeg", "image/png", "image/webp", "image/gif" };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->item == NULL)
    return;

  /* Translators: the file filter of the Attach Image dialog */
  gtk_file_filter_set_name (filter, _("Images"));
  for (guint i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Attach Image"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), !lead);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "nd-lead", GINT_TO_POINTER (lead));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
attach_clicked_cb (NdImagePanel *self)
{
  open_chooser (self, FALSE);
}

static void
slot_attach_clicked_cb (GtkButton *button,
                        Card      *card)
{
  open_chooser (card->panel, nd_image_get_role (card->image) == ND_IMAGE_ROLE_LEAD);
}

static gboolean
drop_cb (NdImagePanel  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files = g_value_get_boxed (value);

  if (self->item == NULL || files == NULL)
    return FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    nd_image_panel_attach_file (self, G_FILE (l->data), FALSE);

  return TRUE;
}

static void
dismiss_error_clicked_cb (NdImagePanel *self)
{
  show_error (self, NULL);
}

static void
start_attach (NdImagePanel *self,
              AttachData   *data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (self->item != NULL);

  data->item = g_object_ref (self->item);
  data->number = self->next_attach++;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, attach_done_cb, NULL);
  g_task_set_source_tag (task, start_attach);
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);
  g_task_run_in_thread (task, attach_thread);
}

/* Pasting ---------------------------------------------------------------- */

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(NdImagePanel) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  AttachData *data;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  set_busy (self, FALSE);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (texture == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, from the clipboard */
      message = g_strdup_printf (_("Cannot paste the image: %s"), error->message);
      show_error (self, message);
      return;
    }

  if (self->item == NULL)
    return;

  data = g_new0 (AttachData, 1);
  data->texture = g_steal_pointer (&texture);
  start_attach (self, data);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  nd_image_panel_paste (ND_IMAGE_PANEL (widget));
}

/* The library ------------------------------------------------------------ */

static void
library_image_chosen_cb (NdImagePanel   *self,
                         NdImage        *image,
                         NdImageLibrary *library)
{
  g_autoptr(NdImage) copy = NULL;

  if (self->item == NULL || g_object_get_data (G_OBJECT (library), "nd-item") != self->item)
    return;

  for (guint i = 0; i < nd_item_get_n_images (self->item); i++)
    if (g_strcmp0 (nd_image_get_sha256 (nd_item_get_image (self->item, i)), nd_image_get_sha256 (image)) == 0)
      {
        show_error (self, _("This image is attached to the item already"));
        return;
      }

  /* A new use: filled as the command line's attach --image fills it (a
   * slot's values, then the library's default credit and file fields and
   * the alt text and caption of the latest use, then the file's). */
  copy = nd_image_copy (image);
  nd_image_clear_fields (copy, ND_IMAGE_FIELD_ALL);
  if (!place_image (self, copy, ND_IMAGE_ATTACH_NONE, NULL))
    return;

  rebuild (self);
  emit_changed (self);
}

static void
library_destroy_cb (NdImagePanel   *self,
                    NdImageLibrary *library)
{
  if (self->library == library)
    self->library = NULL;
}

static void
choose_from_library_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NdImagePanel *self = ND_IMAGE_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->item == NULL || self->store == NULL)
    return;

  if (self->library != NULL)
    gtk_window_destroy (GTK_WINDOW (self->library));

  self->library = nd_image_library_new (self->store, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_object_set_data_full (G_OBJECT (self->library), "nd-item", g_object_ref (self->item), g_object_unref);
  g_signal_connect_object (self->library, "image-chosen",
                           G_CALLBACK (library_image_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "destroy",
                           G_CALLBACK (library_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->library));
}

/* Inline images ---------------------------------------------------------- */

/* CommonMark alt text sits in brackets on one line. */
static char *
escape_alt_text (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (escaped, ' ');
      else if (*p == '[' || *p == ']' || *p == '\\')
        g_string_append_printf (escaped, "\\%c", *p);
      else
        g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

static void
insert_in_text_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NdImagePanel *self = ND_IMAGE_PANEL (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autofree char *reference = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *markdown = NULL;
  NdImage *image;

  if (self->item == NULL || position >= nd_item_get_n_images (self->item))
    return;

  image = nd_item_get_image (self->item, position);
  reference = nd_image_dup_reference (image);
  if (reference == NULL)
    return;

  alt = escape_alt_text (nd_image_get_alt_text (image));
  markdown = g_strdup_printf ("![%s](%s)", alt, reference);
  g_signal_emit (self, signals [INSERT_REFERENCE], 0, markdown);
}

/* Order ------------------------------------------------------------------ */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  guint from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  nd_image_panel_move_image (ND_IMAGE_PANEL (widget), from, to);
}

static int
find_image (NdImagePanel *self,
            NdImage      *image)
{
  for (guint i = 0; self->item != NULL && i < nd_item_get_n_images (self->item); i++)
    if (nd_item_get_image (self->item, i) == image)
      return (int)i;

  return -1;
}

static gboolean
move_idle_cb (gpointer user_data)
{
  NdImagePanel *self = user_data;
  int from = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "nd-move-from"));
  int to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "nd-move-to"));

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    nd_image_panel_move_image (self, (guint)from, (guint)to);

  return G_SOURCE_REMOVE;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 Card          *card)
{
  GdkPaintable *thumbnail = gtk_picture_get_paintable (card->picture);

  if (find_image (card->panel, card->image) < 0)
    return NULL;

  /* The picture is what people recognise the image by. */
  if (thumbnail != NULL)
    gtk_drag_source_set_icon (source, thumbnail,
                              gdk_paintable_get_intrinsic_width (thumbnail) / 2,
                              gdk_paintable_get_intrinsic_height (thumbnail) / 2);
  return gdk_content_provider_new_typed (ND_TYPE_IMAGE, card->image);
}

static gboolean
card_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              Card          *card)
{
  NdImagePanel *self = card->panel;
  int from = find_image (self, g_value_get_object (value));
  int to = find_image (self, card->image);

  /* An image of another item (another window) is not moved here. */
  if (from < 0 || to < 0)
    return FALSE;

  /* Moving rebuilds the cards, this target's too: not while it is busy
   * with the drop. */
  g_object_set_data (G_OBJECT (self), "nd-move-from", GINT_TO_POINTER (from));
  g_object_set_data (G_OBJECT (self), "nd-move-to", GINT_TO_POINTER (to));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, move_idle_cb, g_object_ref (self), g_object_unref);
  return TRUE;
}

/* Removing --------------------------------------------------------------- */

typedef struct
{
  GWeakRef  panel;
  NdItem   *item;
  NdImage  *image;
  guint     position;
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_weak_ref_clear (&removed->panel);
  g_clear_object (&removed->item);
  g_clear_object (&removed->image);
  g_free (removed);
}

static void
undo_remove_cb (AdwToast *toast,
                Removed  *removed)
{
  g_autoptr(NdImagePanel) self = g_weak_ref_get (&removed->panel);

  /* The editor shows another item now: the removal was saved and stays. */
  if (self == NULL || self->item != removed->item)
    return;

  nd_item_insert_image (self->item, MIN (removed->position, nd_item_get_n_images (self->item)),
                        removed->image);
  rebuild (self);
  emit_changed (self);
}

static void
remove_clicked_cb (GtkButton *button,
                   Card      *card)
{
  NdImagePanel *self = card->panel;
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(NdImage) image = g_object_ref (card->image);
  guint position = G_MAXUINT;

  for (guint i = 0; i < nd_item_get_n_images (self->item); i++)
    if (nd_item_get_image (self->item, i) == image)
      position = i;

  g_return_if_fail (position != G_MAXUINT);

  nd_item_remove_image (self->item, position);

  if (overlay != NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (_("Image removed"));
      Removed *removed = g_new0 (Removed, 1);

      g_weak_ref_init (&removed->panel, self);
      removed->item = g_object_ref (self->item);
      removed->image = g_object_ref (image);
      removed->position = position;

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove_cb),
                             removed, removed_free, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
      g_set_weak_pointer (&self->last_toast, toast);
    }

  /* The card, and the button, go away here: nothing of them after this. */
  rebuild (self);
  emit_changed (self);
}

/* Cards ------------------------------------------------------------------ */

static void
update_alt_meter (Card *card)
{
  GtkWidget *meter = GTK_WIDGET (card->alt_meter);
  glong n = g_utf8_strlen (nd_image_get_alt_text (card->image), -1);
  g_autofree char *text = NULL;

  /* Translators: the length of an image's alt text and what it should
   * stay under, "87/125" */
  text = g_strdup_printf (_("%ld/%d"), n, ALT_TEXT_GOOD);
  gtk_label_set_text (card->alt_meter, text);

  gtk_widget_remove_css_class (meter, "dim-label");
  gtk_widget_remove_css_class (meter, "warning");
  gtk_widget_remove_css_class (meter, "error");

  if (n > ALT_TEXT_TOO_LONG)
    {
      gtk_widget_add_css_class (meter, "error");
      gtk_widget_set_tooltip_text (meter, _("Far too long for alt text: move the details into the caption"));
    }
  else if (n > ALT_TEXT_GOOD)
    {
      gtk_widget_add_css_class (meter, "warning");
      gtk_widget_set_tooltip_text (meter, _("Screen readers read long alt text in full: keep it short"));
    }
  else
    {
      gtk_widget_add_css_class (meter, "dim-label");
      gtk_widget_set_tooltip_text (meter, NULL);
    }
}

static void
update_hints (Card *card)
{
  NdImageFields from_file = nd_image_get_from_file (card->image);

  for (guint i = 0; i < G_N_ELEMENTS (card->hints); i++)
    if (card->hints[i] != NULL)
      gtk_widget_set_visible (card->hints[i], (from_file & (1 << i)) != 0);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Card        *card)
{
  NdImageFields field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "nd-field"));
  NdImagePanel *self = card->panel;

  if (self->loading)
    return;

  /* Setting another value clears the field's "from the file" mark. */
  nd_image_set_field (card->image, field, gtk_editable_get_text (editable));
  update_hints (card);
  if (field == ND_IMAGE_FIELD_ALT_TEXT)
    update_alt_meter (card);

  emit_changed (self);
}

static GtkWidget *
create_field_row (Card          *card,
                  NdImageFields  field)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *hint;
  g_autofree char *name = g_strdup_printf ("nd-image-%s", nd_image_field_to_key (field));
  guint index = field_index (field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_title (field));
  gtk_widget_set_name (row, name);
  gtk_editable_set_text (GTK_EDITABLE (row), nd_image_get_field (card->image, field));
  g_object_set_data (G_OBJECT (row), "nd-field", GUINT_TO_POINTER (field));

  /* Translators: shown in a field whose value was read from the image
   * file's own metadata (IPTC/XMP) */
  hint = gtk_label_new (_("from the file"));
  gtk_widget_set_tooltip_text (hint, _("Taken from the metadata in the image file"));
  gtk_widget_set_valign (hint, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), hint);
  card->hints[index] = hint;
  card->rows[index] = row;

  if (field == ND_IMAGE_FIELD_ALT_TEXT)
    {
      card->alt_meter = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_set_valign (GTK_WIDGET (card->alt_meter), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (card->alt_meter), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (card->alt_meter), "numeric");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (card->alt_meter));
      update_alt_meter (card);
    }

  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), card);
  nd_text_guard_editable (GTK_EDITABLE (row),
                          field == ND_IMAGE_FIELD_ALT_TEXT ? ND_FIELD_ALT_TEXT :
                          field == ND_IMAGE_FIELD_CAPTION ? ND_FIELD_CAPTION :
                          ND_FIELD_CREDIT);

  return row;
}

static char *
dup_file_summary (NdImage *image)
{
  const char *mime_type = nd_image_get_mime_type (image);
  g_autofree char *format = NULL;
  g_autofree char *size = NULL;

  if (nd_image_get_sha256 (image) == NULL)
    return g_strdup (_("No file yet"));

  format = g_ascii_strup (nd_image_file_extension (mime_type), -1);
  size = g_format_size (nd_image_get_size (image));

  if (nd_image_get_width (image) > 0 && nd_image_get_height (image) > 0)
    /* Translators: format, width × height in pixels, file size: "JPG · 1200 × 800 · 245.1 kB" */
    return g_strdup_printf (_("%s · %u × %u · %s"), format,
                            nd_image_get_width (image), nd_image_get_height (image), size);

  /* Translators: format and file size: "JPG · 245.1 kB" */
  return g_strdup_printf (_("%s · %s"), format, size);
}

static GtkWidget *
create_card (NdImagePanel *self,
             NdImage      *image,
             guint         number)
{
  Card *card = g_new0 (Card, 1);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *header = adw_action_row_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gboolean has_file = nd_image_get_sha256 (image) != NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = dup_file_summary (image);

  card->panel = self;
  card->image = g_object_ref (image);
  /* The card lives as long as its widgets, whose callbacks use it. */
  g_object_set_data_full (G_OBJECT (group), "nd-card", card, (GDestroyNotify) card_free);
  g_ptr_array_add (self->cards, card);

  if (nd_image_get_role (image) == ND_IMAGE_ROLE_LEAD)
    title = g_strdup (_("Lead image"));
  else
    /* Translators: %u is the image's position in the item */
    title = g_strdup_printf (_("Image %u"), number);

  /* The thumbnail. */
  card->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (card->picture, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (card->picture, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (card->picture), THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (card->picture));
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (frame, 6);
  gtk_widget_set_margin_bottom (frame, 6);
  gtk_widget_add_css_class (frame, "nd-thumbnail");
  if (!has_file)
    gtk_widget_add_css_class (frame, "nd-thumbnail-empty");
  if (nd_image_get_alt_text (image)[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (card->picture),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, nd_image_get_alt_text (image),
                                    -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (header), summary);
  adw_action_row_add_prefix (ADW_ACTION_ROW (header), frame);
  gtk_widget_add_css_class (header, "nd-image-header");
  if (nd_image_get_role (image) == ND_IMAGE_ROLE_LEAD)
    gtk_widget_add_css_class (header, "nd-lead-image");

  if (!has_file)
    {
      GtkWidget *attach = gtk_button_new_with_mnemonic (_("_Attach…"));

      gtk_widget_set_valign (attach, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (attach, _("Attach the file of this image"));
      gtk_widget_add_css_class (attach, "suggested-action");
      g_signal_connect (attach, "clicked", G_CALLBACK (slot_attach_clicked_cb), card);
      adw_action_row_add_suffix (ADW_ACTION_ROW (header), attach);
    }

  if (has_file)
    {
      GtkWidget *insert = gtk_button_new_from_icon_name ("insert-image-symbolic");

      gtk_widget_set_valign (insert, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (insert, _("Insert in Text"));
      gtk_widget_set_name (insert, "nd-image-insert");
      gtk_widget_add_css_class (insert, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (insert), "image-panel.insert-in-text");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (insert), "u", number - 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (header), insert);
    }

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Image"));
  gtk_widget_set_name (remove, "nd-image-remove");
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), card);
  adw_action_row_add_suffix (ADW_ACTION_ROW (header), remove);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), header);

  /* The header is the card's handle: dropped onto another card, the image
   * takes that card's place. */
  if (self->item != NULL && nd_item_get_n_images (self->item) > 1)
    {
      GtkDragSource *source = gtk_drag_source_new ();
      GtkDropTarget *target = gtk_drop_target_new (ND_TYPE_IMAGE, GDK_ACTION_MOVE);
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");

      gtk_widget_set_tooltip_text (handle, _("Drag to change the order"));
      gtk_widget_add_css_class (handle, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (header), handle);
      gtk_widget_add_css_class (header, "nd-draggable");

      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
      gtk_widget_add_controller (header, GTK_EVENT_CONTROLLER (source));

      g_signal_connect (target, "drop", G_CALLBACK (card_drop_cb), card);
      gtk_widget_add_controller (group, GTK_EVENT_CONTROLLER (target));
    }

  for (guint i = 0; i < G_N_ELEMENTS (main_fields); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_field_row (card, main_fields[i]));

  /* Rarely edited: out of the way, but open when they say something. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Rights and source"));
  for (guint i = 0; i < G_N_ELEMENTS (rights_fields); i++)
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), create_field_row (card, rights_fields[i]));
      if (nd_image_get_field (image, rights_fields[i])[0] != '\0')
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

  update_hints (card);
  request_thumbnail (self, image);
  if (!has_file)
    gtk_picture_set_paintable (card->picture, NULL);

  return group;
}

static void
rebuild (NdImagePanel *self)
{
  GtkWidget *child;
  guint n = self->item != NULL ? nd_item_get_n_images (self->item) : 0;

  self->loading = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->images_box))) != NULL)
    gtk_box_remove (self->images_box, child);
  g_ptr_array_set_size (self->cards, 0);

  for (guint i = 0; i < n; i++)
    gtk_box_append (self->images_box, create_card (self, nd_item_get_image (self->item, i), i + 1));

  update_thumbnails (self);
  gtk_widget_set_visible (GTK_WIDGET (self->images_box), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), self->item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-panel.choose-from-library",
                                 self->item != NULL && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "image-panel.paste", self->item != NULL);

  self->loading = FALSE;
}

/* Checklist -------------------------------------------------------------- */

static GtkWidget *
create_problem_row (const NdCheckProblem *problem)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *label = gtk_label_new (problem->message);
  gboolean blocking = problem->severity == ND_CHECK_ERROR;

  icon = gtk_image_new_from_icon_name (blocking ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, blocking ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, blocking ? _("Blocks publishing") : _("Warning"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/* Public API --------------------------------------------------------------- */

NdImagePanel *
nd_image_panel_new (void)
{
  return g_object_new (ND_TYPE_IMAGE_PANEL, NULL);
}

NdItem *
nd_image_panel_get_item (NdImagePanel *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_PANEL (self), NULL);

  return self->item;
}

static void
marks_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(NdImagePanel) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!nd_image_file_match_metadata_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the images' metadata: %s", error->message);
      return;
    }

  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    update_hints (g_ptr_array_index (self->cards, i));
}

/* The store keeps no "from the file" marks: the files tell again, read
 * in a thread (a large photo takes exiv2 tens of milliseconds). */
static void
read_marks (NdImagePanel *self)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  g_cancellable_cancel (self->marks_cancellable);
  g_clear_object (&self->marks_cancellable);

  /* A slot has no file and no marks. */
  for (guint i = 0; self->item != NULL && i < nd_item_get_n_images (self->item); i++)
    if (nd_image_has_data (nd_item_get_image (self->item, i)))
      g_ptr_array_add (images, nd_item_get_image (self->item, i));
  if (images->len == 0)
    return;

  self->marks_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  nd_image_file_match_metadata_async (images, self->marks_cancellable, marks_read_cb, g_object_ref (self));
}

void
nd_image_panel_set_item (NdImagePanel *self,
                         NdItem       *item)
{
  g_return_if_fail (ND_IS_IMAGE_PANEL (self));
  g_return_if_fail (item == NULL || ND_IS_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  show_error (self, NULL);

  rebuild (self);
  nd_image_panel_update_checklist (self);
  read_marks (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}

gboolean
nd_image_panel_get_busy (NdImagePanel *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_PANEL (self), FALSE);

  return self->n_tasks > 0;
}

void
nd_image_panel_attach_file (NdImagePanel *self,
                            GFile        *file,
                            gboolean      lead)
{
  AttachData *data;

  g_return_if_fail (ND_IS_IMAGE_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->item == NULL)
    return;

  data = g_new0 (AttachData, 1);
  data->file = g_object_ref (file);
  data->lead = !!lead;
  start_attach (self, data);
}

void
nd_image_panel_paste (NdImagePanel *self)
{
  GdkClipboard *clipboard;
  g_autoptr(GdkContentFormats) formats = NULL;

  g_return_if_fail (ND_IS_IMAGE_PANEL (self));

  if (self->item == NULL)
    return;

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  /* Another application offers "image/png" and the like, which GDK turns
   * into a texture. */
  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  set_busy (self, TRUE);
  gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_read_cb, g_object_ref (self));
}

void
nd_image_panel_move_image (NdImagePanel *self,
                           guint         from,
                           guint         to)
{
  g_autoptr(NdImage) image = NULL;
  guint n;

  g_return_if_fail (ND_IS_IMAGE_PANEL (self));

  n = self->item != NULL ? nd_item_get_n_images (self->item) : 0;
  if (from >= n || to >= n || from == to)
    return;

  /* The item's array is the order that is stored and published. */
  image = g_object_ref (nd_item_get_image (self->item, from));
  nd_item_remove_image (self->item, from);
  nd_item_insert_image (self->item, to, image);

  rebuild (self);
  emit_changed (self);
}

NdStore *
nd_image_panel_get_store (NdImagePanel *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_PANEL (self), NULL);

  return self->store;
}

void
nd_image_panel_set_store (NdImagePanel *self,
                          NdStore      *store)
{
  g_return_if_fail (ND_IS_IMAGE_PANEL (self));
  g_return_if_fail (store == NULL || ND_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

void
nd_image_panel_update_checklist (NdImagePanel *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *child;

  g_return_if_fail (ND_IS_IMAGE_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_box))) != NULL)
    gtk_box_remove (self->problems_box, child);

  if (self->item != NULL)
    problems = nd_item_check (self->item);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    gtk_box_append (self->problems_box, create_problem_row (g_ptr_array_index (problems, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->checklist_box), problems != NULL && problems->len > 0);
}

/* GObject ----------------------------------------------------------------- */

static void
nd_image_panel_dispose (GObject *object)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);

  g_clear_weak_pointer (&self->last_toast);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->marks_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->library != NULL)
    gtk_window_destroy (GTK_WINDOW (self->library));
  self->library = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_IMAGE_PANEL);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->item);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_image_panel_parent_class)->dispose (object);
}

static void
nd_image_panel_finalize (GObject *object)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);

  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->decoding, g_hash_table_unref);
  g_clear_pointer (&self->finished, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->marks_cancellable);

  G_OBJECT_CLASS (nd_image_panel_parent_class)->finalize (object);
}

static void
nd_image_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, nd_image_panel_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_image_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NdImagePanel *self = ND_IMAGE_PANEL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      nd_image_panel_set_item (self, g_value_get_object (value));
      break;

    case PROP_STORE:
      nd_image_panel_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_image_panel_class_init (NdImagePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_image_panel_dispose;
  object_class->finalize = nd_image_panel_finalize;
  object_class->get_property = nd_image_panel_get_property;
  object_class->set_property = nd_image_panel_set_property;

  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         ND_TYPE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [INSERT_REFERENCE] =
    g_signal_new ("insert-reference",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "image-panel.insert-in-text", "u", insert_in_text_action);
  gtk_widget_class_install_action (widget_class, "image-panel.move", "(uu)", move_action);
  gtk_widget_class_install_action (widget_class, "image-panel.choose-from-library", NULL,
                                   choose_from_library_action);
  gtk_widget_class_install_action (widget_class, "image-panel.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "image-panel.paste", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-image-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, attach_button);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, content);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, images_box);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, library_button);
  gtk_widget_class_bind_template_child (widget_class, NdImagePanel, problems_box);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_error_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "imagepanel");
}

static void
nd_image_panel_init (NdImagePanel *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_ptr_array_new ();
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->decoding = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->finished = g_hash_table_new_full (NULL, NULL, NULL, attached_free);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  rebuild (self);
  nd_image_panel_update_checklist (self);
}

AdwToast *
_nd_image_panel_get_last_toast (NdImagePanel *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_PANEL (self), NULL);

  return self->last_toast;
}
