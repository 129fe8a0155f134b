/* nd-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-item.h"
#include "nd-store.h"
#include "nd-window.h"

/* The window of the foundation: it shows the newest items of the store.
 * The editor (list model over SQLite pages, search, editing) replaces the
 * list in the editor-window issue. */
#define FIRST_PAGE 200

struct _NdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  AdwStatusPage        *error_page;
  GtkListView          *item_list;
  GtkStack             *stack;

  /* Owned References */
  NdStore              *store;
};

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "item-row");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "meta");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  NdItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_next_sibling (title);
  g_autofree char *date = NULL;
  g_autofree char *line = NULL;

  date = nd_item_get_date (item) != NULL
    ? nd_date_format_for_display (nd_item_get_date (item))
    : g_strdup ("–");
  /* Translators: kind · status · date of an item in the list */
  line = g_strdup_printf (_("%s · %s · %s"),
                          nd_item_kind_to_display (nd_item_get_kind (item)),
                          nd_item_status_to_display (nd_item_get_status (item)),
                          date);

  gtk_label_set_text (GTK_LABEL (title), nd_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (meta), line);
}

static void
show_items (NdWindow *self)
{
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) model = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  filter.limit = FIRST_PAGE;
  items = nd_store_list_items (self->store, &filter, &error);
  if (items == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (items->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  model = g_list_store_new (ND_TYPE_ITEM);
  g_list_store_splice (model, 0, 0, items->pdata, items->len);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->item_list, factory);
  gtk_list_view_set_model (self->item_list,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&model)))));
  gtk_stack_set_visible_child_name (self->stack, "items");
}

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = ND_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, stack);
}

static void
nd_window_init (NdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NdWindow *
nd_window_new (NdApplication *application,
               NdStore       *store,
               const GError  *store_error)
{
  NdWindow *self;

  g_return_val_if_fail (ND_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store != NULL || store_error != NULL, NULL);

  self = g_object_new (ND_TYPE_WINDOW, "application", application, NULL);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page, store_error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return self;
    }

  self->store = g_object_ref (store);
  show_items (self);

  return self;
}
