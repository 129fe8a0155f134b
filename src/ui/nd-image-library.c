/* nd-image-library.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-image-library"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-image.h"
#include "nd-image-library.h"
#include "nd-store.h"
#include "nd-thumbnails.h"

/* Enough to find an image by browsing; a search narrows it down. */
#define LIST_LIMIT        200
#define THUMBNAIL_WIDTH   72
#define THUMBNAIL_HEIGHT  48

struct _NdImageLibrary
{
  AdwWindow       parent_instance;

  /* Template Widgets */
  AdwStatusPage  *empty_page;
  GtkLabel       *error_label;
  GtkRevealer    *error_revealer;
  GtkListBox     *list_box;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;

  /* Owned References */
  NdStore        *store;
  NdThumbnails   *thumbnails;  /* made in constructed () */

  guint           n_images;
};

G_DEFINE_FINAL_TYPE (NdImageLibrary, nd_image_library, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  IMAGE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Thumbnails ------------------------------------------------------------- */

static void
thumbnail_ready_cb (NdImageLibrary *self,
                    const char     *sha256,
                    NdThumbnails   *thumbnails)
{
  GdkTexture *texture = nd_thumbnails_lookup (thumbnails, sha256, 0);

  if (texture == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkPicture *picture = g_object_get_data (G_OBJECT (row), "nd-picture");

      if (picture != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "nd-sha256"), sha256) == 0)
        gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
    }
}

/* The list --------------------------------------------------------------- */

static GtkWidget *
create_row (NdImageLibrary *self,
            NdImageUsage   *usage)
{
  NdImage *image = usage->image;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *uses;
  /* Read and decoded in the background when not cached yet (::ready). */
  GdkTexture *texture = nd_thumbnails_lookup (self->thumbnails, nd_image_get_sha256 (image),
                                              nd_image_get_store_id (image));
  const char *caption = nd_image_get_caption (image);
  g_autofree char *credit = nd_image_dup_credit_line (image);
  g_autofree char *creator = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (caption[0] == '\0')
    caption = nd_image_get_alt_text (image);
  if (caption[0] == '\0')
    /* Translators: an image in the library with neither caption nor alt text */
    caption = _("No caption");

  if (credit != NULL)
    g_string_append (subtitle, credit);
  if (nd_image_get_creator (image)[0] != '\0')
    {
      /* Translators: the photographer of an image, "Photo by Jane Doe" */
      creator = g_strdup_printf (_("Photo by %s"), nd_image_get_creator (image));
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, creator);
    }
  if (subtitle->len == 0)
    g_string_append (subtitle, _("No credit"));

  /* Translators: how many items use an image of the library */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used in %u item", "Used in %u items", usage->n_uses),
                           usage->n_uses);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), caption);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Attach this image to the item"));

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  if (texture != NULL)
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_set_valign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (frame, 6);
  gtk_widget_set_margin_bottom (frame, 6);
  gtk_widget_add_css_class (frame, "nd-thumbnail");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), frame);

  uses = gtk_label_new (count);
  gtk_widget_set_valign (uses, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (uses, "caption");
  gtk_widget_add_css_class (uses, "dim-label");
  gtk_widget_add_css_class (uses, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), uses);

  g_object_set_data_full (G_OBJECT (row), "nd-store-id",
                          g_memdup2 (&(gint64) { nd_image_get_store_id (image) }, sizeof (gint64)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "nd-sha256", g_strdup (nd_image_get_sha256 (image)), g_free);
  g_object_set_data (G_OBJECT (row), "nd-picture", picture);
  g_object_set_data_full (G_OBJECT (row), "nd-image", g_object_ref (image), g_object_unref);

  return row;
}

static void
show_error (NdImageLibrary *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
populate (NdImageLibrary *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) usages = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  usages = nd_store_list_images (self->store, query, LIST_LIMIT, &error);
  show_error (self, error != NULL ? error->message : NULL);
  self->n_images = usages != NULL ? usages->len : 0;

  for (guint i = 0; i < self->n_images; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (usages, i)));

  if (self->n_images == 0 && query[0] != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Images Found"));
      adw_status_page_set_description (self->empty_page, _("Try another credit, caption or creator"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "image-x-generic-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Images"));
      adw_status_page_set_description (self->empty_page, _("Images attached to any item appear here"));
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_images > 0 ? "list" : "empty");
}

/* Callbacks -------------------------------------------------------------- */

static void
search_changed_cb (NdImageLibrary *self)
{
  populate (self);
}

static void
choose_row (NdImageLibrary *self,
            GtkListBoxRow  *row)
{
  const gint64 *store_id = g_object_get_data (G_OBJECT (row), "nd-store-id");
  g_autoptr(NdImage) image = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (store_id != NULL);

  image = nd_store_load_image_by_id (self->store, *store_id, &error);
  if (image == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* The chooser fills the new use's fields (nd_store_place_image ()). */
  g_signal_emit (self, signals [IMAGE_CHOSEN], 0, image);
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (NdImageLibrary *self,
                  GtkListBoxRow  *row)
{
  choose_row (self, row);
}

/* Enter in the search takes the first image found. */
static void
search_activate_cb (NdImageLibrary *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, 0);

  if (row != NULL)
    choose_row (self, row);
}

static void
stop_search_cb (NdImageLibrary *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject ----------------------------------------------------------------- */

static void
nd_image_library_constructed (GObject *object)
{
  NdImageLibrary *self = ND_IMAGE_LIBRARY (object);

  G_OBJECT_CLASS (nd_image_library_parent_class)->constructed (object);

  g_assert (ND_IS_STORE (self->store));
  self->thumbnails = nd_thumbnails_new (self->store, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  g_signal_connect_object (self->thumbnails, "ready", G_CALLBACK (thumbnail_ready_cb), self,
                           G_CONNECT_SWAPPED);
  populate (self);
}

static void
nd_image_library_dispose (GObject *object)
{
  NdImageLibrary *self = ND_IMAGE_LIBRARY (object);

  g_clear_object (&self->thumbnails);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_IMAGE_LIBRARY);

  G_OBJECT_CLASS (nd_image_library_parent_class)->dispose (object);
}

static void
nd_image_library_finalize (GObject *object)
{
  NdImageLibrary *self = ND_IMAGE_LIBRARY (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_image_library_parent_class)->finalize (object);
}

static void
nd_image_library_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NdImageLibrary *self = ND_IMAGE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_image_library_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NdImageLibrary *self = ND_IMAGE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_image_library_class_init (NdImageLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_image_library_constructed;
  object_class->dispose = nd_image_library_dispose;
  object_class->finalize = nd_image_library_finalize;
  object_class->get_property = nd_image_library_get_property;
  object_class->set_property = nd_image_library_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [IMAGE_CHOSEN] =
    g_signal_new ("image-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ND_TYPE_IMAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-image-library.ui");
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, list_box);
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NdImageLibrary, stack);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nd_image_library_init (NdImageLibrary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API --------------------------------------------------------------- */

NdImageLibrary *
nd_image_library_new (NdStore   *store,
                      GtkWindow *parent)
{
  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ND_TYPE_IMAGE_LIBRARY,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}

NdStore *
nd_image_library_get_store (NdImageLibrary *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_LIBRARY (self), NULL);

  return self->store;
}

guint
nd_image_library_get_n_images (NdImageLibrary *self)
{
  g_return_val_if_fail (ND_IS_IMAGE_LIBRARY (self), 0);

  return self->n_images;
}
