/* nd-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-item.h"
#include "nd-item-row.h"
#include "nd-limits.h"
#include "nd-search-query.h"
#include "nd-thumbnails.h"

/* The list's thumbnails, in pixels (the rows draw them at 48). */
#define THUMBNAIL_SIZE 48
#include "nd-publish-window.h"
#include "nd-store.h"
#include "nd-window-private.h"

/* The main window: sidebar | item list | editor in two nested leaflets,
 * so that the sidebar folds away first and the editor second (down to
 * 360 px, one pane at a time with back buttons). */

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
setup_row_cb (NdWindow                 *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (list_item, nd_item_row_new (self->thumbnails));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  nd_item_row_set_item (ND_ITEM_ROW (gtk_list_item_get_child (list_item)),
                        gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  nd_item_row_set_item (ND_ITEM_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without GSETTINGS_SCHEMA_DIR the schema is
   * missing; the window then simply remembers nothing. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not installed: window state is not remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
update_title_buttons (NdWindow *self)
{
  gboolean main_folded = adw_leaflet_get_folded (self->main_leaflet);
  gboolean sidebar_folded = adw_leaflet_get_folded (self->sidebar_leaflet);

  /* Window buttons belong at the outer edges of what is shown. */
  adw_header_bar_set_show_end_title_buttons (self->sidebar_header, main_folded && sidebar_folded);
  adw_header_bar_set_show_start_title_buttons (self->list_header, sidebar_folded);
  adw_header_bar_set_show_end_title_buttons (self->list_header, main_folded);
  adw_header_bar_set_show_start_title_buttons (self->editor_header, main_folded);
}

/* Puts the keyboard focus on the selected row, so that the arrow keys
 * go on from there (the grid view itself would start at the top). */
static void
focus_selected_row (NdWindow *self)
{
  NdItem *selected = gtk_single_selection_get_selected_item (self->selection);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->item_list));
       row != NULL && selected != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *content = gtk_widget_get_first_child (row);

      if (ND_IS_ITEM_ROW (content) &&
          nd_item_row_get_item (ND_ITEM_ROW (content)) == selected &&
          gtk_widget_grab_focus (row))
        return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->item_list));
}

static void
folded_changed_cb (NdWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  g_assert (ND_IS_WINDOW (self));

  update_title_buttons (self);
}

static void
sidebar_back_clicked_cb (NdWindow  *self,
                         GtkButton *button)
{
  adw_leaflet_navigate (self->sidebar_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
editor_back_clicked_cb (NdWindow  *self,
                        GtkButton *button)
{
  adw_leaflet_navigate (self->main_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  focus_selected_row (self);
}

static gboolean
store_is_empty (NdWindow *self)
{
  NdStoreFilter all = ND_STORE_FILTER_INIT;
  g_autoptr(GError) error = NULL;

  return nd_store_count_items (self->store, &all, &error) == 0 && error == NULL;
}

static void
update_list_page (NdWindow *self)
{
  const char *search = nd_item_list_model_get_search (self->model);
  /* The rows waiting behind the first ones count too. */
  guint n_items = nd_item_list_model_get_n_listed (self->model);
  g_autofree char *subtitle = NULL;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "items");
  else if (search != NULL && search[0] != '\0')
    {
      g_autofree char *description = NULL;

      /* Translators: shown under "No Results"; %s is what was searched for */
      description = g_strdup_printf (_("Nothing matches “%s”"), search);
      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
  else if (store_is_empty (self))
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-matches");

  /* A search looks through every item, whatever the sidebar's filter. */
  if (search != NULL && search[0] != '\0')
    {
      adw_window_title_set_title (self->list_title, _("Search Results"));
      if (nd_search_query_is_capped (search))
        /* Translators: the subtitle of the item list when the search
         * has more words than are looked for; %u is their number */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Only the first %u word is searched",
                                                 "Only the first %u words are searched",
                                                 ND_LIMIT_SEARCH_WORDS),
                                    ND_LIMIT_SEARCH_WORDS);
      else if (n_items > 0)
        /* Translators: the subtitle of the item list while searching */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u result", "%'u results", n_items),
                                    n_items);
    }
  else
    {
      adw_window_title_set_title (self->list_title, nd_sidebar_get_title (self->sidebar));
      if (n_items > 0)
        /* Translators: the subtitle of the item list */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u item", "%'u items", n_items),
                                    n_items);
    }

  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static gboolean
update_list_page_cb (gpointer data)
{
  NdWindow *self = data;

  self->list_page_source = 0;
  update_list_page (self);

  return G_SOURCE_REMOVE;
}

static void
sidebar_title_changed_cb (NdWindow   *self,
                          GParamSpec *pspec,
                          NdSidebar  *sidebar)
{
  g_assert (ND_IS_WINDOW (self));

  if (self->model != NULL)
    update_list_page (self);
}

static void
sidebar_activated_cb (NdWindow  *self,
                      NdSidebar *sidebar)
{
  g_assert (ND_IS_WINDOW (self));

  /* Folded, picking a filter shows what it lets through. */
  adw_leaflet_set_visible_child (self->sidebar_leaflet, GTK_WIDGET (self->list_pane));
}

static void
select_position (NdWindow *self,
                 guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->item_list), "list.scroll-to-item", "u", position);
}

static void
show_item (NdWindow   *self,
           const char *id)
{
  if (g_strcmp0 (id, nd_item_editor_get_item_id (self->editor)) == 0)
    return;

  nd_item_editor_set_item_id (self->editor, id);
  _nd_window_update_actions (self);
}

static void
selected_item_changed_cb (NdWindow           *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  NdItem *item = gtk_single_selection_get_selected_item (selection);

  g_assert (ND_IS_WINDOW (self));

  /* An item that a search or filter hides stays in the editor: the
   * list losing it is no reason to stop editing it. */
  if (item != NULL)
    show_item (self, nd_item_get_id (item));
}

static void
model_items_changed_cb (NdWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  const char *id = nd_item_editor_get_item_id (self->editor);

  g_assert (ND_IS_WINDOW (self));

  /* A list emptied by one signal may be filled by the next (see
   * NdItemListModel): that is no reason to show the "No Results" page,
   * and count the store, for one moment. Emptied, the page waits for an
   * idle; a filling cancels it. */
  g_clear_handle_id (&self->list_page_source, g_source_remove);
  if (g_list_model_get_n_items (model) == 0 && removed > 0)
    self->list_page_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_list_page_cb, self, NULL);
  else
    update_list_page (self);

  /* A reordered or reloaded list may have dropped the selection of the
   * item that is still open: find it again. */
  if (id != NULL && gtk_single_selection_get_selected_item (self->selection) == NULL)
    {
      guint found = nd_item_list_model_find (self->model, id);

      if (found != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, found);
    }
}

static void
item_activated_cb (NdWindow    *self,
                   guint        position,
                   GtkGridView *list_view)
{
  g_assert (ND_IS_WINDOW (self));

  gtk_single_selection_set_selected (self->selection, position);
  _nd_window_focus_editor (self);
}

static gboolean
open_clicked_item_cb (gpointer user_data)
{
  g_autoptr(NdWindow) self = user_data;

  if (self->editor != NULL &&
      adw_leaflet_get_folded (self->main_leaflet) &&
      gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_set_visible_child (self->main_leaflet, GTK_WIDGET (self->editor_pane));

  return G_SOURCE_REMOVE;
}

static void
item_clicked_cb (NdWindow        *self,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkGestureClick *gesture)
{
  g_assert (ND_IS_WINDOW (self));

  /* Folded, the list is all there is: a tap opens the item. This runs in
   * the capture phase, before the row selects it, hence the idle. */
  if (n_press == 1 && adw_leaflet_get_folded (self->main_leaflet))
    g_idle_add (open_clicked_item_cb, g_object_ref (self));
}

/* How many rows the list has room for, and one more: what a new search
 * shows first (nd_item_list_model_set_first_rows ()), so that the frame
 * after a keystroke makes only rows that can be seen. 0 (no limit) while
 * there is no row to measure. */
static guint
visible_rows (NdWindow *self)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->item_list));
  int height = gtk_widget_get_height (GTK_WIDGET (self->item_list));

  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      int row_height = gtk_widget_get_height (row);

      if (gtk_widget_get_visible (row) && row_height > 0)
        return (guint) (height / row_height) + 2;
    }

  return 0;
}

static void
search_changed_cb (NdWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_assert (ND_IS_WINDOW (self));

  if (self->model == NULL)
    return;

  nd_item_list_model_set_first_rows (self->model, visible_rows (self));
  nd_item_list_model_set_search (self->model, text[0] != '\0' ? text : NULL);
  update_list_page (self);
}

static void
search_activate_cb (NdWindow       *self,
                    GtkSearchEntry *entry)
{
  g_assert (ND_IS_WINDOW (self));

  if (self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  /* Enter takes the best match. */
  select_position (self, 0);
  focus_selected_row (self);
}

static gboolean
search_key_pressed_cb (NdWindow              *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  g_assert (ND_IS_WINDOW (self));

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & GDK_MODIFIER_MASK) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return GDK_EVENT_PROPAGATE;

  /* Down leaves the search for the best match. */
  select_position (self, 0);
  focus_selected_row (self);

  return GDK_EVENT_STOP;
}

static void
search_mode_changed_cb (NdWindow     *self,
                        GParamSpec   *pspec,
                        GtkSearchBar *search_bar)
{
  g_assert (ND_IS_WINDOW (self));

  if (gtk_search_bar_get_search_mode (search_bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }

  /* Leaving the search (Escape, the toggle) shows the whole list again. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->model != NULL)
    {
      nd_item_list_model_set_search (self->model, NULL);
      update_list_page (self);
      focus_selected_row (self);
    }
}

static gboolean
drop_cb (NdWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GSList *list;

  g_assert (ND_IS_WINDOW (self));

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  g_slist_free (list);

  nd_window_import_files (self, (GFile **) files->pdata, files->len);

  return TRUE;
}

static void
restore_window_state (NdWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (NdWindow *self)
{
  const char *id;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);

  /* The size to come back to is the unmaximized one. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  if (self->editor != NULL)
    {
      id = nd_item_editor_get_item_id (self->editor);
      g_settings_set_string (self->settings, "last-item", id != NULL ? id : "");
    }

  g_settings_apply (self->settings);
}

static void
unsaved_response_cb (NdWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_assert (ND_IS_WINDOW (self));

  if (g_strcmp0 (response, "close") != 0)
    return;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
ask_close_unsaved (NdWindow     *self,
                   const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changes Not Saved"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is the reason the store gave */
                                  _("The last changes could not be saved: %s"),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
nd_window_close_request (GtkWindow *window)
{
  NdWindow *self = ND_WINDOW (window);
  g_autoptr(GError) error = NULL;

  /* The store must have every keystroke before the window goes. */
  if (self->editor != NULL && !self->closing &&
      !nd_item_editor_flush (self->editor, &error))
    {
      ask_close_unsaved (self, error);
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (nd_window_parent_class)->close_request (window);
}

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = ND_WINDOW (object);

  g_clear_weak_pointer (&self->last_toast);
  g_clear_handle_id (&self->list_page_source, g_source_remove);
  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);

  _nd_window_publish_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_WINDOW);
  self->editor = NULL;

  g_clear_pointer (&self->pending_undo, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nd_window_dispose;
  window_class->close_request = nd_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdWindow, editor_box);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, editor_header);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, editor_pane);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, item_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, main_leaflet);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, sidebar_leaflet);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, editor_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_title_changed_cb);

  _nd_window_class_actions_init (widget_class);
  _nd_window_class_publish_init (widget_class);

  g_type_ensure (ND_TYPE_SIDEBAR);
}

static void
nd_window_init (NdWindow *self)
{
  GtkEventController *key;
  GtkDropTarget *drop;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = create_settings ();
  restore_window_state (self);

  /* The item list is a GtkGridView of one column, not a GtkListView: in
   * GTK 4.8 a list view keeps 200 rows alive around what it shows, a grid
   * view 30 rows and 3 more. Every new search or filter builds those rows
   * anew, so this is 6 times less work per keystroke (and at start-up). */
  g_signal_connect_swapped (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->item_list, factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Longer text would not be looked at (nd-search-query.h). */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry))),
                           ND_LIMIT_SEARCH_CHARS);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (search_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  adw_window_title_set_title (self->list_title, nd_sidebar_get_title (self->sidebar));
  update_title_buttons (self);
  _nd_window_update_actions (self);
}

static void
editor_item_changed_cb (NdWindow     *self,
                        GParamSpec   *pspec,
                        NdItemEditor *editor)
{
  g_assert (ND_IS_WINDOW (self));

  _nd_window_update_actions (self);
}

static void
restore_last_item (NdWindow *self)
{
  g_autofree char *last = NULL;
  guint position = G_MAXUINT;

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-item");
  if (last != NULL && last[0] != '\0')
    position = nd_item_list_model_find (self->model, last);

  if (position == G_MAXUINT && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    position = 0;

  if (position == G_MAXUINT)
    return;

  select_position (self, position);
  selected_item_changed_cb (self, NULL, self->selection);
}

static void
set_store (NdWindow *self,
           NdStore  *store)
{
  self->store = g_object_ref (store);
  self->thumbnails = nd_thumbnails_new (store, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  self->model = nd_item_list_model_new (store);
  /* Nothing selected by itself: what is open is the user's choice (or
   * the last item of the previous session). */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  gtk_grid_view_set_model (self->item_list, GTK_SELECTION_MODEL (self->selection));

  self->editor = nd_item_editor_new (store);
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));
  g_signal_connect_object (self->editor, "notify::item-id",
                           G_CALLBACK (editor_item_changed_cb), self, G_CONNECT_SWAPPED);

  nd_sidebar_set_model (self->sidebar, self->model);
  _nd_window_publish_setup (self);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  update_list_page (self);
  restore_last_item (self);
  _nd_window_update_actions (self);

  /* Arrow keys browse the list from the start. */
  gtk_widget_grab_focus (GTK_WIDGET (self->item_list));
}

/* A database that cannot be written is refused rather than shown: every
 * field of the editor would take text that autosave can never store, and
 * the store is the only copy of it. The command line still reads it
 * (newsdesk list, show, search, export open it read-only). */
static void
show_store_error (NdWindow     *self,
                  const GError *store_error)
{
  g_autofree char *description = NULL;

  if (g_error_matches (store_error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY))
    description = g_strdup_printf ("%s\n\n%s", store_error->message,
                                   _("Newsdesk opens a database only where it can save your "
                                     "edits. Make the file and its folder writable, or work on a "
                                     "copy. The command line can still read it: newsdesk list, "
                                     "show, search and export."));
  else
    description = g_strdup (store_error->message);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
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
      show_store_error (self, store_error);
      return self;
    }

  set_store (self, store);

  return self;
}

const char *
_nd_window_get_item_id (NdWindow *self)
{
  g_assert (ND_IS_WINDOW (self));

  return self->editor != NULL ? nd_item_editor_get_item_id (self->editor) : NULL;
}

static guint
find_or_reveal (NdWindow   *self,
                const char *id)
{
  guint position = nd_item_list_model_find (self->model, id);

  if (position != G_MAXUINT)
    return position;

  /* Hidden by the search or the sidebar's filter: show everything. */
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  nd_item_list_model_set_search (self->model, NULL);
  if (!nd_sidebar_get_shows_all (self->sidebar))
    nd_sidebar_select_all (self->sidebar);

  position = nd_item_list_model_find (self->model, id);
  if (position != G_MAXUINT)
    return position;

  nd_item_list_model_reload (self->model);

  return nd_item_list_model_find (self->model, id);
}

gboolean
_nd_window_select_item (NdWindow   *self,
                        const char *id)
{
  guint position;

  g_assert (ND_IS_WINDOW (self));
  g_assert (id != NULL);

  if (self->model == NULL)
    return FALSE;

  position = find_or_reveal (self, id);
  if (position == G_MAXUINT)
    return FALSE;

  select_position (self, position);
  show_item (self, id);

  return TRUE;
}

/* The editor's first text field is the title (its toolbar comes before
 * it in the focus chain, so plain keyboard focus would land there). */
static GtkWidget *
find_first_text_field (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_is_sensitive (widget))
    return NULL;

  if (GTK_IS_TEXT_VIEW (widget) || GTK_IS_TEXT (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first_text_field (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
_nd_window_focus_editor (NdWindow *self)
{
  GtkWidget *field;

  g_assert (ND_IS_WINDOW (self));

  if (self->editor == NULL)
    return;

  adw_leaflet_set_visible_child (self->main_leaflet, GTK_WIDGET (self->editor_pane));

  if ((field = find_first_text_field (GTK_WIDGET (self->editor))) != NULL &&
      gtk_widget_grab_focus (field))
    return;

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
}

void
_nd_window_add_toast (NdWindow *self,
                      AdwToast *toast)
{
  g_assert (ND_IS_WINDOW (self));
  g_assert (ADW_IS_TOAST (toast));

  g_set_weak_pointer (&self->last_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

AdwToast *
_nd_window_get_last_toast (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->last_toast;
}
