/* nd-window-actions.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-import.h"
#include "nd-item.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-publish-window.h"
#include "nd-window-private.h"

/* The win.* actions: new, delete (with undo), duplicate, import, search. */

/* A refused file's reason longer than this does not fit a toast: the
 * toast then offers "Details". */
#define TOAST_REASON_MAX 60

/* What undoing a deletion needs: the whole item and its history. */
typedef struct
{
  NdItem    *item;
  GPtrArray *revisions;
} DeletedItem;

static void
deleted_item_free (gpointer data)
{
  DeletedItem *deleted = data;

  g_clear_object (&deleted->item);
  g_clear_pointer (&deleted->revisions, g_ptr_array_unref);
  g_free (deleted);
}

static void
show_error_toast (NdWindow     *self,
                  const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  g_autoptr(AdwToast) toast = adw_toast_new (escaped);

  _nd_window_add_toast (self, toast);
}

/* The language of a new item: the one chosen in the preferences, else
 * the user's, where it is a plain code. */
static const char *
default_language (NdWindow *self)
{
  const char * const *names = g_get_language_names ();
  g_autofree char *chosen = NULL;

  if (self->settings != NULL)
    chosen = g_settings_get_string (self->settings, "default-language");
  if (g_strcmp0 (chosen, "de") == 0)
    return "de";
  if (g_strcmp0 (chosen, "en") == 0)
    return "en";

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "de"))
        return "de";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

static gboolean
flush_editor (NdWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (nd_item_editor_flush (self->editor, &error))
    return TRUE;

  show_error_toast (self, error);

  return FALSE;
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !flush_editor (self))
    return;

  nd_item_set_language (item, default_language (self));
  if (self->settings != NULL)
    {
      g_autofree char *author = g_settings_get_string (self->settings, "default-author");

      nd_item_set_author (item, g_strstrip (author));
    }
  if (!nd_store_save_item (self->store, item, ND_REVISION_REASON_CREATED, &error))
    {
      show_error_toast (self, error);
      return;
    }

  _nd_window_select_item (self, nd_item_get_id (item));
  _nd_window_focus_editor (self);
}

static void
toast_dismissed_cb (NdWindow *self,
                    AdwToast *toast)
{
  GVariant *target = adw_toast_get_action_target_value (toast);

  /* Undo is offered as long as the toast is shown, no longer. */
  if (target != NULL && self->pending_undo != NULL)
    g_hash_table_remove (self->pending_undo, g_variant_get_string (target, NULL));
}

static void
show_deleted_toast (NdWindow   *self,
                    NdItem     *item)
{
  const char *title = nd_item_get_title (item);
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) toast = NULL;

  escaped = g_markup_escape_text (title[0] != '\0' ? title : _("Untitled Item"), -1);
  /* Translators: a toast; %s is the title of the deleted item */
  text = g_strdup_printf (_("“%s” deleted"), escaped);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (nd_item_get_id (item)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);

  _nd_window_add_toast (self, toast);
}

static void
select_after_delete (NdWindow *self,
                     guint     position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n_items == 0 || position == GTK_INVALID_LIST_POSITION)
    return;

  /* The item that took the deleted one's place, or the new last one. */
  gtk_single_selection_set_selected (self->selection, MIN (position, n_items - 1));
}

static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autofree char *id = g_strdup (_nd_window_get_item_id (self));
  g_autoptr(GError) error = NULL;
  DeletedItem *deleted;
  guint position;

  if (id == NULL || !flush_editor (self))
    return;

  deleted = g_new0 (DeletedItem, 1);
  deleted->item = nd_store_load_item (self->store, id, &error);
  if (deleted->item != NULL)
    deleted->revisions = nd_store_list_revisions (self->store, id, &error);
  if (deleted->revisions == NULL)
    {
      deleted_item_free (deleted);
      show_error_toast (self, error);
      return;
    }

  position = gtk_single_selection_get_selected (self->selection);
  nd_item_editor_set_item_id (self->editor, NULL);

  if (!nd_store_delete_item (self->store, id, &error))
    {
      deleted_item_free (deleted);
      nd_item_editor_set_item_id (self->editor, id);
      show_error_toast (self, error);
      return;
    }

  if (self->pending_undo == NULL)
    self->pending_undo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, deleted_item_free);
  g_hash_table_replace (self->pending_undo, g_strdup (id), deleted);
  show_deleted_toast (self, deleted->item);
  select_after_delete (self, position);
  _nd_window_update_actions (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  DeletedItem *deleted;
  g_autoptr(GError) error = NULL;

  if (self->pending_undo == NULL || self->store == NULL ||
      !(deleted = g_hash_table_lookup (self->pending_undo, id)))
    return;

  /* The same id, revision number and history as before. */
  if (!nd_store_import_item (self->store, deleted->item, deleted->revisions, FALSE, &error))
    {
      show_error_toast (self, error);
      return;
    }

  {
    g_autofree char *restored = g_strdup (id);

    g_hash_table_remove (self->pending_undo, id);
    _nd_window_select_item (self, restored);
  }
}

static void
duplicate_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  const char *id = _nd_window_get_item_id (self);
  g_autoptr(NdItem) original = NULL;
  g_autoptr(NdItem) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *title = NULL;

  if (id == NULL || !flush_editor (self))
    return;

  if (!(original = nd_store_load_item (self->store, id, &error)))
    {
      show_error_toast (self, error);
      return;
    }

  copy = nd_item_copy (original);
  new_id = g_uuid_string_random ();
  /* Translators: the title of a duplicated item; %s is the original title */
  title = g_strdup_printf (_("%s (copy)"), nd_item_get_title (original));

  /* A new item of its own: no history, not published anywhere. */
  nd_item_set_id (copy, new_id);
  nd_item_set_title (copy, title);
  nd_item_set_status (copy, ND_ITEM_STATUS_DRAFT);
  nd_item_set_revision (copy, 0);
  nd_item_set_created (copy, NULL);
  nd_item_set_updated (copy, NULL);

  if (!nd_store_save_item (self->store, copy, ND_REVISION_REASON_CREATED, &error))
    {
      show_error_toast (self, error);
      return;
    }

  _nd_window_select_item (self, new_id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->model == NULL)
    return;

  /* Folded, the search lives in the list pane: bring it into view. */
  adw_leaflet_set_visible_child (self->main_leaflet, GTK_WIDGET (self->sidebar_leaflet));
  adw_leaflet_set_visible_child (self->sidebar_leaflet, GTK_WIDGET (self->list_pane));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
import_response_cb (NdWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_assert (ND_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->import_chooser);

  if (files != NULL)
    nd_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  if (self->store == NULL || self->import_chooser != NULL)
    return;

  self->import_chooser = gtk_file_chooser_native_new (_("Import Items"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->import_chooser);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);

  gtk_file_filter_set_name (both, _("Items (plain text or JSON)"));
  gtk_file_filter_add_pattern (both, "*.txt");
  gtk_file_filter_add_pattern (both, "*.json");
  gtk_file_chooser_add_filter (chooser, both);
  add_filter (chooser, _("Plain text"), "*.txt", "text/plain");
  add_filter (chooser, _("JSON exports"), "*.json", "application/json");

  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

void
_nd_window_update_actions (NdWindow *self)
{
  gboolean has_store = self->store != NULL;
  gboolean has_item = _nd_window_get_item_id (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-item", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-item", has_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-item", has_item);
  gtk_widget_set_sensitive (GTK_WIDGET (self->item_menu_button), has_item);
  _nd_window_publish_update_actions (self);
}

void
_nd_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.delete-item", NULL, delete_item_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-item", NULL, duplicate_item_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

/* Import ------------------------------------------------------------- */

static void
details_clicked_cb (NdWindow *self,
                    AdwToast *toast)
{
  const char *details = g_object_get_data (G_OBJECT (toast), "nd-refused");
  GtkWidget *dialog;

  g_assert (ND_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Files Not Imported"), details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
summarize_import (guint      n_imported,
                  GPtrArray *refused)
{
  g_autofree char *imported = NULL;
  g_autofree char *rejected = NULL;

  if (n_imported > 0 || refused->len == 0)
    /* Translators: a toast after importing files */
    imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u item", "Imported %u items",
                                             n_imported),
                                n_imported);

  if (refused->len == 1)
    /* Translators: a toast after importing; %s is "file name: reason" */
    rejected = g_strdup_printf (_("1 file was refused: %s"), (char *) g_ptr_array_index (refused, 0));
  else if (refused->len > 1)
    rejected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file was refused", "%u files were refused",
                                             refused->len),
                                refused->len);

  if (imported != NULL && rejected != NULL)
    /* Translators: joins "Imported 2 items" and "1 file was refused: …" in one toast */
    return g_strdup_printf (_("%s; %s"), imported, rejected);

  return g_strdup (imported != NULL ? imported : rejected);
}

static AdwToast *
create_import_toast (NdWindow  *self,
                     guint      n_imported,
                     GPtrArray *refused)
{
  g_autofree char *text = summarize_import (n_imported, refused);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (refused->len > 1 ||
      (refused->len == 1 && g_utf8_strlen (g_ptr_array_index (refused, 0), -1) > TOAST_REASON_MAX))
    {
      g_ptr_array_add (refused, NULL);
      g_object_set_data_full (G_OBJECT (toast), "nd-refused",
                              g_strjoinv ("\n", (char **) refused->pdata), g_free);
      g_ptr_array_remove_index (refused, refused->len - 1);

      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (details_clicked_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (refused->len > 0)
    adw_toast_set_timeout (toast, 10);

  return toast;
}

AdwToast *
nd_window_import_files (NdWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *first_id = NULL;
  guint n_imported = 0;

  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  if (self->store == NULL || n_files == 0)
    return NULL;

  for (guint i = 0; i < n_files; i++)
    {
      g_auto(GStrv) ids = NULL;
      g_autoptr(GError) error = NULL;

      /* The message already starts with the file's name. */
      if (!nd_import_file (self->store, files[i], ND_IMPORT_NONE, &ids, &error))
        {
          g_ptr_array_add (refused, g_strdup (error->message));
          continue;
        }

      n_imported += ids != NULL ? g_strv_length (ids) : 0;
      if (first_id == NULL && ids != NULL && ids[0] != NULL)
        first_id = g_strdup (ids[0]);
    }

  if (first_id != NULL)
    _nd_window_select_item (self, first_id);

  toast = create_import_toast (self, n_imported, refused);
  _nd_window_add_toast (self, toast);

  return toast;
}
