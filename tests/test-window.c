/* test-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "nd-application.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-image-panel.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-item-row.h"
#include "nd-item-editor.h"
#include "nd-item-list-model.h"
#include "nd-limits.h"
#include "nd-preferences-window.h"
#include "nd-sidebar.h"
#include "nd-store.h"
#include "nd-window.h"
#include "nd-window-private.h"
#include "nd-test-utils.h"

/* The main window under Xvfb (tests/meson.build starts one), driven
 * through its actions and widgets, on a temporary database file. What it
 * writes is checked through a second NdStore on the same file. */

#define SAMPLE_TITLE "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel"

static NdApplication *app;

typedef struct
{
  char     *dir;
  char     *path;
  NdStore  *store;
  char     *sample_id;
  NdWindow *window;
} Fixture;

typedef gboolean (*Condition) (Fixture       *f,
                               gconstpointer  data);

/* Spins the main loop until @condition holds (nd_test_wait_until). */
typedef struct
{
  Fixture       *f;
  Condition      condition;
  gconstpointer  data;
} Wait;

static gboolean
wait_holds (gconstpointer data)
{
  const Wait *wait = data;

  return wait->condition (wait->f, wait->data);
}

static void
wait_for (Fixture       *f,
          Condition      condition,
          gconstpointer  data)
{
  Wait wait = { f, condition, data };

  nd_test_wait_until (wait_holds, &wait);
}

static GObject *
child (NdWindow   *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, name);

  g_assert_nonnull (object);

  return object;
}

static const char *
visible_page (NdWindow   *window,
              const char *stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, stack)));
}

static GtkSingleSelection *
selection_of (NdWindow *window)
{
  g_autoptr(GtkSelectionModel) model = NULL;

  /* The item list is a GtkGridView of one column (see nd-window.c). */
  g_object_get (child (window, "item_list"), "model", &model, NULL);

  return GTK_SINGLE_SELECTION (model);
}

static GListModel *
list_of (NdWindow *window)
{
  return gtk_single_selection_get_model (selection_of (window));
}

static NdItemEditor *
editor_of (NdWindow *window)
{
  GtkWidget *box = GTK_WIDGET (child (window, "editor_box"));

  return ND_ITEM_EDITOR (gtk_widget_get_first_child (box));
}

/* The id of the selected row, or NULL. (transfer none) */
static const char *
selected_id (NdWindow *window)
{
  NdItem *item = gtk_single_selection_get_selected_item (selection_of (window));

  return item != NULL ? nd_item_get_id (item) : NULL;
}

static NdItem *
save_item (NdStore      *store,
           const char   *title,
           NdItemStatus  status)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_item_new ();

  nd_item_set_title (item, title);
  nd_item_set_status (item, status);
  nd_item_set_date (item, "2024-06-20");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  return item;
}

/* What another process would see. */
static guint
count_in_file (Fixture *f)
{
  NdStoreFilter all = ND_STORE_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &error);
  guint n;

  g_assert_no_error (error);
  n = nd_store_count_items (other, &all, &error);
  g_assert_no_error (error);

  return n;
}

static NdItem *
load_from_file (Fixture    *f,
                const char *id,
                GError    **error)
{
  g_autoptr(GError) open_error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &open_error);

  g_assert_no_error (open_error);

  return nd_store_load_item (other, id, error);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-item");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = NULL;
  g_auto(GStrv) ids = NULL;

  reset_settings ();

  f->dir = g_dir_make_tmp ("test-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->store = nd_store_open (f->path, &error);
  g_assert_no_error (error);

  sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), "meldung-clusterkonferenz-2024.txt", NULL);
  g_assert_true (nd_import_file (f->store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  f->sample_id = g_strdup (ids[0]);

  f->window = nd_window_new (app, f->store, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  nd_test_drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  nd_test_drain ();
  g_assert_null (f->window);

  g_clear_object (&f->store);
  nd_test_remove_database (f->path);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_clear_pointer (&f->sample_id, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* The foundation's smoke tests, on the new layout ---------------------- */

static void
test_window_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = nd_store_open (":memory:", &error);
  g_autoptr(NdItem) item = NULL;
  GListModel *model;
  NdWindow *window;

  reset_settings ();
  g_assert_no_error (error);
  item = save_item (store, "Clusterkonferenz in Brüssel", ND_ITEM_STATUS_DRAFT);

  window = nd_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (visible_page (window, "stack"), ==, "main");
  g_assert_cmpstr (visible_page (window, "list_stack"), ==, "items");

  model = list_of (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(NdItem) shown = g_list_model_get_item (model, 0);

    g_assert_cmpstr (nd_item_get_title (shown), ==, "Clusterkonferenz in Brüssel");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  nd_test_drain ();
}

static void
test_window_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = nd_store_open (":memory:", &error);
  NdWindow *window;

  g_assert_no_error (error);
  window = nd_window_new (app, store, NULL);
  g_assert_cmpstr (visible_page (window, "stack"), ==, "main");
  g_assert_cmpstr (visible_page (window, "list_stack"), ==, "empty");
  g_assert_null (nd_item_editor_get_item_id (editor_of (window)));

  /* The empty state's icon comes from our resources, installed or not. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          "org.newsdesk.Newsdesk-symbolic"));
  gtk_window_destroy (GTK_WINDOW (window));
  nd_test_drain ();
}

static void
test_window_store_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                                                 "“x.db” is not a Newsdesk database");
  GObject *page;
  NdWindow *window;

  window = nd_window_new (app, NULL, error);
  g_assert_cmpstr (visible_page (window, "stack"), ==, "error");
  page = child (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                   "“x.db” is not a Newsdesk database");
  /* Without a store there is nothing to create or import into. */
  g_assert_null (nd_window_import_files (window, NULL, 0));
  gtk_window_destroy (GTK_WINDOW (window));
  nd_test_drain ();
}

/* A database that cannot be written is refused, saying what still works. */
static void
test_window_read_only (void)
{
  g_autoptr(GError) error = g_error_new_literal (ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY,
                                                 "The database “x.db” cannot be written");
  const char *description;
  NdWindow *window;

  window = nd_window_new (app, NULL, error);
  g_assert_cmpstr (visible_page (window, "stack"), ==, "error");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (child (window, "error_page")));
  g_assert_true (g_str_has_prefix (description, "The database “x.db” cannot be written\n\n"));
  g_assert_nonnull (strstr (description, "newsdesk list"));
  gtk_window_destroy (GTK_WINDOW (window));
  nd_test_drain ();
}

/* The window on a database file with the sample ------------------------- */

/* Laid out at the size a new window has (less its decoration). */
static gboolean
window_allocated (Fixture       *f,
                  gconstpointer  data)
{
  int width = 0;
  int height = 0;

  /* GTK 4.8 wants both pointers. */
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);

  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
         gtk_widget_get_width (GTK_WIDGET (f->window)) >= width - 100;
}

static void
test_window_sample (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *model = list_of (f->window);
  g_autoptr(NdItem) shown = NULL;

  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "items");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  shown = g_list_model_get_item (model, 0);
  g_assert_cmpstr (nd_item_get_title (shown), ==, SAMPLE_TITLE);

  /* With no last item remembered, the first one is open. */
  g_assert_cmpstr (selected_id (f->window), ==, f->sample_id);
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (f->window)), ==, f->sample_id);

  /* At the size a new window has, sidebar, list and editor all show: no
   * pane's minimum width (the editor's buttons, say) folds the sidebar. */
  wait_for (f, window_allocated, NULL);
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (child (f->window, "main_leaflet"))));
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (child (f->window, "sidebar_leaflet"))));
}

/* The row of the sample item in the list, or NULL while it is not shown. */
static NdItemRow *
sample_row (Fixture *f)
{
  GtkWidget *list = GTK_WIDGET (child (f->window, "item_list"));

  for (GtkWidget *cell = gtk_widget_get_first_child (list);
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *row = gtk_widget_get_first_child (cell);
      NdItem *item;

      if (row == NULL || !ND_IS_ITEM_ROW (row))
        continue;
      item = nd_item_row_get_item (ND_ITEM_ROW (row));
      if (item != NULL && g_strcmp0 (nd_item_get_id (item), f->sample_id) == 0)
        return ND_ITEM_ROW (row);
    }

  return NULL;
}

static gboolean
sample_row_has_thumbnail (Fixture       *f,
                          gconstpointer  data)
{
  NdItemRow *row = sample_row (f);

  return row != NULL && nd_item_row_has_thumbnail (row) == GPOINTER_TO_INT (data);
}

/* An image attached while the window is open shows in the item's row,
 * decoded in the background; removed, it goes. */
static void
test_window_thumbnail (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(NdImage) image = NULL;
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autofree char *path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autofree char *text = NULL;
  NdItemRow *row;

  wait_for (f, sample_row_has_thumbnail, GINT_TO_POINTER (FALSE));
  row = sample_row (f);
  text = nd_item_row_dup_text (row);
  g_assert_true (g_str_has_prefix (text, SAMPLE_TITLE "\n"));

  file = g_file_new_for_path (path);
  image = nd_image_file_load (file, NULL, &error);
  g_assert_no_error (error);
  attached = nd_store_attach_image (f->store, f->sample_id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attached);

  /* The row learns of the lead image from the store's change signal. */
  wait_for (f, sample_row_has_thumbnail, GINT_TO_POINTER (TRUE));

  item = nd_store_load_item (f->store, f->sample_id, &error);
  g_assert_no_error (error);
  nd_item_clear_images (item);
  g_assert_true (nd_store_save_item (f->store, item, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);
  wait_for (f, sample_row_has_thumbnail, GINT_TO_POINTER (FALSE));
}

static gboolean
sample_has_images (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &error);
  g_autoptr(NdItem) item = NULL;

  g_assert_no_error (error);
  item = nd_store_load_item (other, f->sample_id, &error);
  g_assert_no_error (error);

  return nd_item_get_n_images (item) == GPOINTER_TO_UINT (data);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Removing an image in the window's editor shows a toast whose Undo
 * brings the image back, credit and all. */
static void
test_window_remove_image_undo (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (editor_of (f->window));
  GtkWidget *remove = find_named (editor, "nd-image-remove");
  GtkWidget *panel = gtk_widget_get_ancestor (remove, ND_TYPE_IMAGE_PANEL);
  AdwToast *toast;

  g_assert_true (ND_IS_IMAGE_PANEL (panel));
  g_assert_true (sample_has_images (f, GUINT_TO_POINTER (1)));

  g_signal_emit_by_name (remove, "clicked");
  wait_for (f, sample_has_images, GUINT_TO_POINTER (0));

  toast = _nd_image_panel_get_last_toast (ND_IMAGE_PANEL (panel));
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  wait_for (f, sample_has_images, GUINT_TO_POINTER (1));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NdStore) other = nd_store_open (f->path, &error);
    g_autoptr(NdItem) item = nd_store_load_item (other, f->sample_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_image_get_credit (nd_item_get_lead_image (item)), ==, "© VDI/VDE-IT");
  }
}

static void
test_window_new_item (Fixture       *f,
                      gconstpointer  data)
{
  const char *id;
  g_autoptr(NdItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-item", NULL));
  nd_test_drain ();

  g_assert_cmpuint (count_in_file (f), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list_of (f->window)), ==, 2);

  id = selected_id (f->window);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, f->sample_id);
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (f->window)), ==, id);

  stored = load_from_file (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (stored), ==, "");
  g_assert_cmpuint (nd_item_get_revision (stored), ==, 1);

  /* The cursor is in the new item's editor, ready for the title. */
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (editor_of (f->window))));
}

/* The preferences say what a new item starts with. */
static void
test_window_preferences (Fixture       *f,
                         gconstpointer  data)
{
  NdPreferencesWindow *preferences = nd_preferences_window_new (GTK_WINDOW (f->window));
  GObject *author_row = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                       ND_TYPE_PREFERENCES_WINDOW, "author_row");
  GObject *language_row = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                         ND_TYPE_PREFERENCES_WINDOW, "language_row");
  g_autoptr(GSettings) settings = g_settings_new ("org.newsdesk.Newsdesk");
  g_autoptr(NdItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  gtk_editable_set_text (GTK_EDITABLE (author_row), "Erika Mustermann");
  adw_combo_row_set_selected (ADW_COMBO_ROW (language_row), 2);
  nd_test_drain ();

  language = g_settings_get_string (settings, "default-language");
  g_assert_cmpstr (language, ==, "en");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-item", NULL));
  nd_test_drain ();
  stored = load_from_file (f, selected_id (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_author (stored), ==, "Erika Mustermann");
  g_assert_cmpstr (nd_item_get_language (stored), ==, "en");

  g_settings_reset (settings, "default-author");
  g_settings_reset (settings, "default-language");
}

static gboolean
search_is (Fixture       *f,
           gconstpointer  data)
{
  NdItemListModel *model = ND_ITEM_LIST_MODEL (list_of (f->window));

  return g_strcmp0 (nd_item_list_model_get_search (model), data) == 0;
}

static void
test_window_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(NdItem) other = save_item (f->store, "Netzwerktreffen in Leipzig", ND_ITEM_STATUS_DRAFT);
  GtkEditable *entry = GTK_EDITABLE (child (f->window, "search_entry"));
  GListModel *model = list_of (f->window);
  const char *description;

  nd_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Ctrl+F's action opens the search bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (child (f->window, "search_bar"))));

  gtk_editable_set_text (entry, "brussel");
  wait_for (f, search_is, "brussel");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(NdItem) hit = g_list_model_get_item (model, 0);

    g_assert_cmpstr (nd_item_get_id (hit), ==, f->sample_id);
  }
  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "items");

  gtk_editable_set_text (entry, "zzzz");
  wait_for (f, search_is, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "no-results");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (child (f->window, "no_results_page")));
  g_assert_nonnull (strstr (description, "zzzz"));

  /* More words than are searched: the first ones are, and the list
   * says so; the entry takes no more characters than are searched. */
  {
    g_autoptr(GString) words = g_string_new (NULL);
    g_autofree char *too_long = g_strnfill (ND_LIMIT_SEARCH_CHARS + 500, 'w');
    const char *subtitle;

    for (guint i = 0; i < ND_LIMIT_SEARCH_WORDS + 8; i++)
      g_string_append (words, "brussel ");
    gtk_editable_set_text (entry, words->str);
    wait_for (f, search_is, words->str);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (f->window, "list_title")));
    g_assert_cmpstr (subtitle, ==, "Only the first 32 words are searched");

    gtk_editable_set_text (entry, too_long);
    g_assert_cmpuint (g_utf8_strlen (gtk_editable_get_text (entry), -1), ==, ND_LIMIT_SEARCH_CHARS);
  }

  /* Leaving the search shows everything again. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (child (f->window, "search_bar")), FALSE);
  wait_for (f, search_is, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "items");
}

static gboolean
published_count_is (Fixture       *f,
                    gconstpointer  data)
{
  NdSidebar *sidebar = ND_SIDEBAR (child (f->window, "sidebar"));

  return nd_sidebar_get_count (sidebar) == GPOINTER_TO_UINT (data);
}

static void
test_window_sidebar (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NdItem) published = save_item (f->store, "Netzwerktreffen in Leipzig", ND_ITEM_STATUS_PUBLISHED);
  g_autoptr(NdItem) ready = save_item (f->store, "Förderrunde gestartet", ND_ITEM_STATUS_READY);
  NdSidebar *sidebar = ND_SIDEBAR (child (f->window, "sidebar"));
  GListModel *model = list_of (f->window);
  g_autoptr(GError) error = NULL;

  nd_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (nd_sidebar_get_count (sidebar), ==, 3);
  g_assert_true (nd_sidebar_get_shows_all (sidebar));

  g_assert_true (nd_sidebar_select_status (sidebar, ND_ITEM_STATUS_PUBLISHED));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (nd_sidebar_get_count (sidebar), ==, 1);
  {
    g_autoptr(NdItem) shown = g_list_model_get_item (model, 0);

    g_assert_cmpstr (nd_item_get_id (shown), ==, nd_item_get_id (published));
  }
  /* The list is titled after the filter. */
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (f->window, "list_title"))), ==,
                   nd_sidebar_get_title (sidebar));

  g_assert_true (nd_sidebar_select_status (sidebar, ND_ITEM_STATUS_DRAFT));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (nd_sidebar_get_count (sidebar), ==, 1);

  g_assert_true (nd_sidebar_select_status (sidebar, ND_ITEM_STATUS_WITHDRAWN));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (nd_sidebar_get_count (sidebar), ==, 0);
  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "no-matches");

  /* Counts follow the store: publishing one more is seen after an idle. */
  g_assert_true (nd_sidebar_select_status (sidebar, ND_ITEM_STATUS_PUBLISHED));
  nd_item_set_status (ready, ND_ITEM_STATUS_PUBLISHED);
  g_assert_true (nd_store_save_item (f->store, ready, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);
  wait_for (f, published_count_is, GUINT_TO_POINTER (2));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Tags get rows of their own, found by any spelling. */
  g_assert_false (nd_sidebar_select_tag (sidebar, "eccp"));
  nd_item_add_tag (published, "ECCP");
  g_assert_true (nd_store_save_item (f->store, published, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);
  nd_test_drain ();
  g_assert_true (nd_sidebar_select_tag (sidebar, "eccp"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (nd_sidebar_get_count (sidebar), ==, 1);

  nd_sidebar_select_all (sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static void
test_window_delete_undo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) gone = NULL;
  g_autoptr(NdItem) back = NULL;
  g_autoptr(GPtrArray) revisions_before = NULL;
  g_autoptr(GPtrArray) revisions_after = NULL;
  AdwToast *toast;

  revisions_before = nd_store_list_revisions (f->store, f->sample_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (selected_id (f->window), ==, f->sample_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-item", NULL));
  nd_test_drain ();

  gone = load_from_file (f, f->sample_id, &error);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_cmpstr (visible_page (f->window, "list_stack"), ==, "empty");
  g_assert_null (nd_item_editor_get_item_id (editor_of (f->window)));

  /* The toast names the item and offers to undo. */
  toast = _nd_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Rückblick auf Europäische"));
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo-delete");

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.undo-delete",
                                                     adw_toast_get_action_target_value (toast)));
  nd_test_drain ();

  back = load_from_file (f, f->sample_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (back), ==, SAMPLE_TITLE);
  revisions_after = nd_store_list_revisions (f->store, f->sample_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions_after->len, ==, revisions_before->len);

  g_assert_cmpstr (selected_id (f->window), ==, f->sample_id);
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (f->window)), ==, f->sample_id);
}

static void
test_window_duplicate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) original = NULL;
  g_autoptr(NdItem) copy = NULL;
  const char *id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.duplicate-item", NULL));
  nd_test_drain ();

  g_assert_cmpuint (count_in_file (f), ==, 2);
  id = selected_id (f->window);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, f->sample_id);

  original = load_from_file (f, f->sample_id, &error);
  g_assert_no_error (error);
  copy = load_from_file (f, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_title (copy), ==, SAMPLE_TITLE " (copy)");
  g_assert_cmpstr (nd_item_get_body (copy), ==, nd_item_get_body (original));
  g_assert_cmpint (nd_item_get_status (copy), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpuint (nd_item_get_revision (copy), ==, 1);
}

static void
test_window_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.txt", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"),
                                                     "meldung-clusterkonferenz-2024.txt", NULL);
  GFile *files[2] = { bad, good };
  g_autoptr(GError) error = NULL;
  const char *title;
  AdwToast *toast;

  g_assert_true (g_file_set_contents (bad_path, "", 0, &error));
  g_assert_no_error (error);

  toast = nd_window_import_files (f->window, files, G_N_ELEMENTS (files));
  g_assert_nonnull (toast);
  g_assert_true (toast == _nd_window_get_last_toast (f->window));
  title = adw_toast_get_title (toast);
  g_assert_nonnull (strstr (title, "Imported 1 item"));
  g_assert_nonnull (strstr (title, "1 file was refused: bad.txt"));

  g_assert_cmpuint (count_in_file (f), ==, 2);
  nd_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (list_of (f->window)), ==, 2);
  /* The new item is the one selected. */
  g_assert_cmpstr (selected_id (f->window), !=, f->sample_id);

  /* Several refusals do not fit a toast: it offers the details. */
  files[1] = bad;
  toast = nd_window_import_files (f->window, files, G_N_ELEMENTS (files));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "2 files were refused");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Details");
  g_assert_cmpuint (count_in_file (f), ==, 2);

  g_remove (bad_path);
}

static void
test_window_open_item (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *focus;

  /* Enter on a row (GtkListView::activate) moves into the editor. */
  gtk_widget_grab_focus (GTK_WIDGET (child (f->window, "item_list")));
  g_signal_emit_by_name (child (f->window, "item_list"), "activate", 0);
  nd_test_drain ();

  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (editor_of (f->window))));
}

static void
test_window_last_item (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdItem) newer = save_item (f->store, "Netzwerktreffen in Leipzig", ND_ITEM_STATUS_DRAFT);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;
  NdWindow *window;

  /* The sample is the older one, second in the list: open it, close. */
  nd_test_drain ();
  g_assert_true (_nd_window_select_item (f->window, f->sample_id));
  gtk_window_close (GTK_WINDOW (f->window));
  nd_test_drain ();
  g_assert_null (f->window);

  last = g_settings_get_string (settings, "last-item");
  g_assert_cmpstr (last, ==, f->sample_id);

  /* A new window opens it again. */
  window = nd_window_new (app, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  nd_test_drain ();
  g_assert_cmpstr (selected_id (window), ==, f->sample_id);
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (window)), ==, f->sample_id);
  gtk_window_destroy (GTK_WINDOW (window));
  nd_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  adw_init ();
  gtk_source_init ();
  app = nd_application_new (":memory:");
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/window/items", test_window_items);
  g_test_add_func ("/window/empty", test_window_empty);
  g_test_add_func ("/window/store-error", test_window_store_error);
  g_test_add_func ("/window/read-only", test_window_read_only);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/sample", test_window_sample);
  ADD ("/window/thumbnail", test_window_thumbnail);
  ADD ("/window/remove-image-undo", test_window_remove_image_undo);
  ADD ("/window/new-item", test_window_new_item);
  ADD ("/window/preferences", test_window_preferences);
  ADD ("/window/search", test_window_search);
  ADD ("/window/sidebar", test_window_sidebar);
  ADD ("/window/delete-undo", test_window_delete_undo);
  ADD ("/window/duplicate", test_window_duplicate);
  ADD ("/window/import", test_window_import);
  ADD ("/window/open-item", test_window_open_item);
  ADD ("/window/last-item", test_window_last_item);

#undef ADD

  ret = g_test_run ();
  g_clear_object (&app);
  gtk_source_finalize ();

  return ret;
}
