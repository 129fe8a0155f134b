/* test-ui-flows.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-flows"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>
#include <string.h>

#include "nd-application.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-item-editor.h"
#include "nd-item-list-model.h"
#include "nd-item-list-model-private.h"
#include "nd-item-row.h"
#include "nd-store.h"
#include "nd-window.h"
#include "nd-window-private.h"
#include "nd-test-utils.h"

/* Whole flows through the real window under Xvfb (tests/meson.build
 * starts one): typing an item and finding it again after a restart, a
 * list of 100,000 items, and the screenshots for the README. */

#define SAMPLE_FILE "meldung-clusterkonferenz-2024.txt"
#define SCREENSHOT_WIDTH 1280
#define SCREENSHOT_HEIGHT 800

static NdApplication *app;

/* Lets a few frames of @widget's frame clock go by, so that what is
 * drawn is what a user would see (styles, layout, text all settled). */
#define N_SETTLE_FRAMES 3

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;

  /* Nothing else may ask for the next frame. */
  if (*n_frames < N_SETTLE_FRAMES)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static gboolean
frames_done (gconstpointer data)
{
  const guint *n_frames = data;

  return *n_frames >= N_SETTLE_FRAMES;
}

static void
wait_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_frames = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &n_frames);
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  nd_test_wait_until (frames_done, &n_frames);
  g_signal_handler_disconnect (clock, handler);
  nd_test_drain ();
}

static gboolean
is_mapped (gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GObject *
child (NdWindow   *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, name);

  g_assert_nonnull (object);

  return object;
}

static gboolean
model_is_loaded (gconstpointer data)
{
  return !nd_item_list_model_get_loading (ND_ITEM_LIST_MODEL ((gpointer)data));
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

static GtkWidget *
editor_widget (NdWindow   *window,
               const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor_of (window)),
                                                   ND_TYPE_ITEM_EDITOR, name);

  g_assert_nonnull (object);

  return GTK_WIDGET (object);
}

static GtkTextBuffer *
editor_buffer (NdWindow   *window,
               const char *name)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_widget (window, name)));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The id of the selected row, or NULL. (transfer none) */
static const char *
selected_id (NdWindow *window)
{
  NdItem *item = gtk_single_selection_get_selected_item (selection_of (window));

  return item != NULL ? nd_item_get_id (item) : NULL;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-item");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-ui-flows-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_database (const char *dir,
                 const char *path)
{
  nd_test_remove_database (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static NdWindow *
open_window (NdStore *store,
             int      width,
             int      height)
{
  NdWindow *window = nd_window_new (app, store, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  nd_test_wait_until (is_mapped, window);
  nd_test_drain ();

  return window;
}

/* Closes @window the way the user does (close-request flushes the
 * editor) and checks that it is gone. */
static void
close_window (NdWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  nd_test_drain ();
  g_assert_null (window);
}

/* The editor's title is on screen. In a window that is not the first of
 * the process, an item opened before the window is shown leaves the
 * title view (a GtkTextView outside a scrolled window) with a stale size
 * request of 0 px: a bug in nd-item-editor.c, reported to its owner.
 * Until it is fixed the test is marked incomplete and the title view is
 * re-measured, so that the screenshots show the window as it should. */
static void
check_title_shown (NdWindow *window)
{
  GtkWidget *title_view = editor_widget (window, "title_view");

  /* A title loaded before the window was shown once measured 0 px. */
  g_assert_cmpint (gtk_widget_get_height (title_view), >, 0);
}

/* /flows/reopen ---------------------------------------------------------- */

#define TYPED_TITLE "Förderrunde für Cluster startet im Herbst"
#define TYPED_TEASER "Das Programm „go-cluster“ öffnet eine neue Runde.\nAnträge bis 30. November."
#define TYPED_BODY_1 "Ab September können sich Clusterinitiativen bewerben.\n\n"
#define TYPED_BODY_2 "## Was gefördert wird\n\n- Vernetzung\n- **Internationalisierung**\n"

static void
test_flows_reopen (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "newsdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), SAMPLE_FILE, NULL);
  g_auto(GStrv) ids = NULL;
  g_autofree char *id = NULL;
  NdStore *store;
  NdWindow *window;

  reset_settings ();

  /* Something else in the list, so that finding the item again means
   * something. */
  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (nd_import_file (store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);

  window = open_window (store, 1100, 760);
  g_assert_cmpstr (selected_id (window), ==, ids[0]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-item", NULL));
  nd_test_drain ();
  id = g_strdup (nd_item_editor_get_item_id (editor_of (window)));
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, ids[0]);
  g_assert_cmpstr (selected_id (window), ==, id);

  /* Typed as a user would: field by field, the body in two goes. */
  gtk_text_buffer_insert_at_cursor (editor_buffer (window, "title_view"), TYPED_TITLE, -1);
  nd_test_drain ();
  gtk_text_buffer_insert_at_cursor (editor_buffer (window, "teaser_view"), TYPED_TEASER, -1);
  nd_test_drain ();
  gtk_text_buffer_insert_at_cursor (editor_buffer (window, "body_view"), TYPED_BODY_1, -1);
  gtk_text_buffer_insert_at_cursor (editor_buffer (window, "body_view"), TYPED_BODY_2, -1);

  /* Closed at once, before the autosave's debounce: close-request must
   * write what is pending. */
  close_window (window);
  g_clear_object (&store);

  /* A new session: a new store on the same file, a new window. */
  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(NdItem) stored = nd_store_load_item (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_item_get_title (stored), ==, TYPED_TITLE);
    g_assert_cmpstr (nd_item_get_teaser (stored), ==, TYPED_TEASER);
    g_assert_cmpstr (nd_item_get_body (stored), ==, TYPED_BODY_1 TYPED_BODY_2);
  }

  window = open_window (store, 1100, 760);
  g_assert_cmpuint (g_list_model_get_n_items (list_of (window)), ==, 2);
  g_assert_true (_nd_window_select_item (window, id));
  nd_test_drain ();
  g_assert_cmpstr (selected_id (window), ==, id);
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (window)), ==, id);
  {
    g_autofree char *title = buffer_text (editor_buffer (window, "title_view"));
    g_autofree char *teaser = buffer_text (editor_buffer (window, "teaser_view"));
    g_autofree char *body = buffer_text (editor_buffer (window, "body_view"));

    g_assert_cmpstr (title, ==, TYPED_TITLE);
    g_assert_cmpstr (teaser, ==, TYPED_TEASER);
    g_assert_cmpstr (body, ==, TYPED_BODY_1 TYPED_BODY_2);
  }
  wait_frames (GTK_WIDGET (window));
  check_title_shown (window);
  /* The row shows the typed title too. */
  {
    NdItem *row_item = gtk_single_selection_get_selected_item (selection_of (window));

    g_assert_cmpstr (nd_item_get_title (row_item), ==, TYPED_TITLE);
  }

  close_window (window);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* /flows/100k ------------------------------------------------------------ */

#define N_ITEMS_FULL 100000
#define N_ITEMS_SMALL 10000
/* Minutes between two items' dates: 100,000 items span about 7 years. */
#define MINUTES_APART 37

static guint
n_large_items (void)
{
  return g_getenv ("ND_TEST_SMALL") != NULL ? N_ITEMS_SMALL : N_ITEMS_FULL;
}

static char *
synthetic_title (guint i)
{
  return g_strdup_printf ("Meldung %u aus Brüssel", i);
}

/* @n small items in ONE transaction; item i is dated MINUTES_APART
 * minutes before item i - 1, so the last one made is the oldest. */
static void
generate_items (NdStore *store,
                guint    n)
{
  static const char *places[] = { "Brüssel", "Berlin", "Leipzig", "Wien", "Straßburg" };
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GDateTime) newest = g_date_time_new_utc (2025, 12, 31, 18, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 made;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (newest, -(int) (i * MINUTES_APART));
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%dT%H:%M:00+00:00");
      g_autofree char *title = synthetic_title (i);
      g_autofree char *teaser = g_strdup_printf ("Kurzmeldung %u aus %s.", i, places[i % G_N_ELEMENTS (places)]);
      NdItem *item = nd_item_new ();

      nd_item_set_title (item, title);
      nd_item_set_teaser (item, teaser);
      nd_item_set_body (item, "Eine Zeile Text.");
      nd_item_set_date (item, date);
      nd_item_set_language (item, "de");
      nd_item_set_kind (item, (NdItemKind) (i % 4));
      nd_item_set_status (item, (NdItemStatus) (i % 5));
      if (i % 7 == 0)
        nd_item_add_tag (item, "EU");
      if (i % 11 == 0)
        nd_item_add_tag (item, places[i % G_N_ELEMENTS (places)]);
      g_ptr_array_add (items, item);
    }

  made = g_get_monotonic_time ();
  g_assert_true (nd_store_import_items (store, items, NULL, FALSE, &error));
  g_assert_no_error (error);

  g_test_message ("Made %u items in %.1f s, imported them in %.1f s", n,
                  (made - start) / (double) G_USEC_PER_SEC,
                  (g_get_monotonic_time () - made) / (double) G_USEC_PER_SEC);
}

typedef struct
{
  NdWindow   *window;
  const char *title;
} LastRow;

/* The row widget (NdItemRow) showing the item titled @title, if the
 * list view has made one. */
static GtkWidget *
find_row (NdWindow   *window,
          const char *title)
{
  GtkWidget *list = GTK_WIDGET (child (window, "item_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *content = gtk_widget_get_first_child (row);
      NdItem *item;

      if (content == NULL || !ND_IS_ITEM_ROW (content))
        continue;
      item = nd_item_row_get_item (ND_ITEM_ROW (content));
      if (item != NULL && g_strcmp0 (nd_item_get_title (item), title) == 0)
        return content;
    }

  return NULL;
}

static gboolean
at_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 1.0;
}

/* The last row is on screen: mapped, inside the list's viewport, and
 * the scroll position at its end. */
static gboolean
last_row_shown (gconstpointer data)
{
  const LastRow *last = data;
  GtkWidget *list = GTK_WIDGET (child (last->window, "item_list"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GtkWidget *row = find_row (last->window, last->title);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_get_mapped (row) || !at_end (adjustment))
    return FALSE;

  if (!gtk_widget_compute_bounds (row, list, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list) + 0.5;
}

static void
test_flows_100k (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "newsdesk.db", NULL);
  g_autofree char *oldest_title = NULL;
  g_autofree char *newest_title = NULL;
  g_autoptr(GError) error = NULL;
  NdStore *store;
  NdWindow *window;
  GListModel *model;
  GtkWidget *row;
  g_autofree char *row_text = NULL;
  LastRow last;
  guint n = n_large_items ();
  guint n_loads_before;
  gint64 start;

  reset_settings ();
  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  generate_items (store, n);
  g_clear_object (&store);

  /* Opened as the application would: a fresh store on the file. */
  start = g_get_monotonic_time ();
  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  window = open_window (store, 1280, 800);
  g_test_message ("Window with %u items mapped after %.2f s", n,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  model = list_of (window);
  g_assert_true (ND_IS_ITEM_LIST_MODEL (model));
  /* The first thousand come at once, the rest while the window is shown. */
  nd_test_wait_until (model_is_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* Newest first: the first row is item 0, and it is open. */
  newest_title = synthetic_title (0);
  {
    g_autoptr(NdItem) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (nd_item_get_title (first), ==, newest_title);
  }
  g_assert_nonnull (find_row (window, newest_title));

  n_loads_before = _nd_item_list_model_get_n_page_loads (ND_ITEM_LIST_MODEL (model));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (child (window, "item_list")),
                                             "list.scroll-to-item", "u", n - 1));
  oldest_title = synthetic_title (n - 1);
  last.window = window;
  last.title = oldest_title;
  nd_test_wait_until (last_row_shown, &last);

  /* The last row shows the oldest item's title. */
  row = find_row (window, oldest_title);
  g_assert_true (gtk_widget_get_mapped (row));
  row_text = nd_item_row_dup_text (ND_ITEM_ROW (row));
  g_assert_true (g_str_has_prefix (row_text, oldest_title));
  g_assert_cmpint (row_text[strlen (oldest_title)], ==, '\n');
  {
    g_autoptr(NdItem) item = g_list_model_get_item (model, n - 1);

    g_assert_true (nd_item_row_get_item (ND_ITEM_ROW (row)) == item);
  }
  /* The first row is gone from the screen. */
  g_assert_null (find_row (window, newest_title));

  /* Only a few pages were ever read: the model never loaded all rows. */
  g_test_message ("Pages cached: %u, page loads: %u (%u before scrolling)",
                  _nd_item_list_model_get_n_cached_pages (ND_ITEM_LIST_MODEL (model)),
                  _nd_item_list_model_get_n_page_loads (ND_ITEM_LIST_MODEL (model)),
                  n_loads_before);
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (ND_ITEM_LIST_MODEL (model)), <=, 8);
  g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (ND_ITEM_LIST_MODEL (model)), <=, 16);
  g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (ND_ITEM_LIST_MODEL (model)) *
                    ND_ITEM_LIST_MODEL_PAGE_SIZE, <, n);

  close_window (window);
  g_clear_object (&store);
  remove_database (dir, path);
}

/* /flows/screenshots ----------------------------------------------------- */

typedef struct
{
  const char *language;     /* "en" or "de" */
  const char *locale;       /* tried first for LC_ALL */
  gboolean    dark;
} Variant;

static const Variant variants[] = {
  { "en", "en_US.UTF-8", FALSE },
  { "en", "en_US.UTF-8", TRUE },
  { "de", "de_DE.UTF-8", FALSE },
  { "de", "de_DE.UTF-8", TRUE },
};

/* gettext reads LANGUAGE at each call, and setlocale() drops its cache
 * of translations: switching both before a window is made is enough. */
static void
switch_language (const Variant *variant)
{
  const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");

  g_setenv ("LANGUAGE", variant->language, TRUE);
  if (setlocale (LC_ALL, variant->locale) == NULL &&
      setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
restore_language (const char *old_language)
{
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

typedef struct
{
  NdItemKind    kind;
  NdItemStatus  status;
  const char   *date;
  const char   *title;
  const char   *tag;
} Neighbour;

/* A few more items, so that the list in the screenshots looks like a
 * newsroom's and not like a test's. */
static const Neighbour neighbours[] = {
  { ND_ITEM_KIND_PRESS_RELEASE, ND_ITEM_STATUS_READY, "2024-06-03",
    "Neue Förderrunde für Innovationscluster gestartet", "Förderung" },
  { ND_ITEM_KIND_EVENT, ND_ITEM_STATUS_SCHEDULED, "2024-05-28",
    "Netzwerktreffen der Clustermanagements in Leipzig", NULL },
  { ND_ITEM_KIND_NEWS, ND_ITEM_STATUS_PUBLISHED, "2024-05-02",
    "Clusterexzellenz: Zwölf Initiativen erhalten das Gold-Label", "ECCP" },
  { ND_ITEM_KIND_PUBLICATION, ND_ITEM_STATUS_PUBLISHED, "2024-04-18",
    "Publikation „Klimaschutz, Nachhaltigkeit und Ressourceneffizienz“", NULL },
  { ND_ITEM_KIND_NEWS, ND_ITEM_STATUS_DRAFT, "2024-03-21",
    "Rückblick: Clusterforum 2024 in Berlin", NULL },
};

static gboolean
row_has_thumbnail (gconstpointer data)
{
  const LastRow *row = data;
  GtkWidget *widget = find_row (row->window, row->title);

  return widget != NULL && nd_item_row_has_thumbnail (ND_ITEM_ROW (widget));
}

static char *
prepare_screenshot_store (NdStore *store)
{
  g_autoptr(GFile) sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), SAMPLE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (neighbours); i++)
    {
      g_autoptr(NdItem) other = nd_item_new ();

      nd_item_set_kind (other, neighbours[i].kind);
      nd_item_set_status (other, neighbours[i].status);
      nd_item_set_language (other, "de");
      nd_item_set_date (other, neighbours[i].date);
      nd_item_set_title (other, neighbours[i].title);
      if (neighbours[i].tag != NULL)
        nd_item_add_tag (other, neighbours[i].tag);
      g_assert_true (nd_store_save_item (store, other, ND_REVISION_REASON_CREATED, &error));
      g_assert_no_error (error);
    }

  g_assert_true (nd_import_file (store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  item = nd_store_load_item (store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_true (nd_item_add_tag (item, "ECCP"));
  g_assert_true (nd_item_add_tag (item, "Clusterpolitik"));
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);

  /* The sample's photo in its image slot: the row shows its thumbnail. */
  {
    g_autoptr(GFile) photo = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"),
                                                        "clusterkonferenz-2024.jpg", NULL);
    g_autoptr(NdImage) image = nd_image_file_load (photo, NULL, &error);
    g_autoptr(NdImage) attached = NULL;

    g_assert_no_error (error);
    attached = nd_store_attach_image (store, ids[0], image, ND_IMAGE_ATTACH_LEAD, &error);
    g_assert_no_error (error);
    g_assert_nonnull (attached);
  }

  return g_strdup (ids[0]);
}

/* A label (or inscription) anywhere under @widget reading @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (shows_text (c, text))
        return TRUE;
    }

  return FALSE;
}

static char *
screenshot_dir (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  char *dir;

  if (builddir == NULL)
    builddir = g_test_get_dir (G_TEST_BUILT);
  dir = g_build_filename (builddir, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return dir;
}

/* Renders @window from inside, as its own renderer draws it. */
static void
save_window_png (GtkWidget  *window,
                 const char *path)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_nonnull (renderer);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The window has the size it asked for: the X window is as large as its
 * default size (which GTK clamps to the screen). In GTK 4.8 under X11
 * without a compositor the window widget itself is 10 px smaller each
 * way than that: the solid frame's resize border is outside it. */
static gboolean
has_default_size (gconstpointer data)
{
  GtkWindow *window = GTK_WINDOW ((gpointer) data);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);

  return surface != NULL &&
         gdk_surface_get_width (surface) == width &&
         gdk_surface_get_height (surface) == height &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static void
take_screenshot (NdStore       *store,
                 const char    *id,
                 const Variant *variant,
                 const char    *dir)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *name = g_strdup_printf ("newsdesk-%s-%s.png", variant->language,
                                           variant->dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkTexture) loaded = NULL;
  g_autoptr(GError) error = NULL;
  NdWindow *window;

  switch_language (variant);
  adw_style_manager_set_color_scheme (style, variant->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  nd_test_drain ();
  g_assert_true (adw_style_manager_get_dark (style) == variant->dark);

  window = open_window (store, SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT);
  g_assert_true (_nd_window_select_item (window, id));
  g_assert_cmpstr (nd_item_editor_get_item_id (editor_of (window)), ==, id);
  /* Nothing focused, no cursor blinking in a field, as on a fresh start
   * with the item picked in the list. */
  gtk_window_set_focus (GTK_WINDOW (window), GTK_WIDGET (child (window, "item_list")));
  nd_test_wait_until (has_default_size, window);
  wait_frames (GTK_WIDGET (window));

  check_title_shown (window);
  {
    g_autoptr(NdItem) item = nd_store_load_item (store, id, &error);
    LastRow sample = { window, nd_item_get_title (item) };

    g_assert_no_error (error);
    nd_test_wait_until (row_has_thumbnail, &sample);
    wait_frames (GTK_WIDGET (window));
  }
  {
    g_autofree char *title = buffer_text (editor_buffer (window, "title_view"));
    g_autoptr(NdItem) item = nd_store_load_item (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (title, ==, nd_item_get_title (item));
  }

  if (g_str_equal (variant->language, "de"))
    {
      /* The sidebar and the editor speak German. */
      g_assert_true (shows_text (GTK_WIDGET (child (window, "sidebar")), "Entwürfe"));
      g_assert_true (shows_text (GTK_WIDGET (editor_of (window)), "Meldung"));
      g_assert_false (shows_text (GTK_WIDGET (child (window, "sidebar")), "Drafts"));
    }
  else
    {
      g_assert_true (shows_text (GTK_WIDGET (child (window, "sidebar")), "Drafts"));
      g_assert_false (shows_text (GTK_WIDGET (child (window, "sidebar")), "Entwürfe"));
    }

  g_remove (path);
  save_window_png (GTK_WIDGET (window), path);
  g_test_message ("Screenshot: %s", path);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (length, >, 8);
    g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  }
  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (loaded), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (loaded), ==, gtk_widget_get_height (GTK_WIDGET (window)));

  close_window (window);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  nd_test_drain ();
}

static void
test_flows_screenshots (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "newsdesk.db", NULL);
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *shots = screenshot_dir ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  NdStore *store;

  reset_settings ();
  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  id = prepare_screenshot_store (store);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    take_screenshot (store, id, &variants[i], shots);

  restore_language (old_language);
  g_clear_object (&store);
  remove_database (dir, path);
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

  g_test_add_func ("/flows/reopen", test_flows_reopen);
  g_test_add_func ("/flows/100k", test_flows_100k);
  g_test_add_func ("/flows/screenshots", test_flows_screenshots);

  ret = g_test_run ();
  g_clear_object (&app);
  gtk_source_finalize ();

  return ret;
}
