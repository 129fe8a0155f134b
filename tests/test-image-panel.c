/* test-image-panel.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-image-panel"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "nd-checklist.h"
#include "nd-image.h"
#include "nd-image-panel.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-item-editor.h"
#include "nd-resources.h"
#include "nd-store.h"
#include "nd-test-utils.h"

/* The editor's image panel under Xvfb, on a temporary database file with
 * the sample imported (its lead image is a slot: credit and alt text, no
 * file). What the panel does is checked through a second NdStore on the
 * same file, as another process would see it. */

#define SAMPLE_CREDIT "© VDI/VDE-IT"

typedef struct
{
  char         *dir;
  char         *path;
  NdStore      *store;
  char         *id;
  GtkWindow    *window;
  NdItemEditor *editor;
  NdImagePanel *panel;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = NULL;
  g_auto(GStrv) ids = NULL;

  f->dir = g_dir_make_tmp ("test-image-panel-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->store = nd_store_open (f->path, &error);
  g_assert_no_error (error);

  sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), "meldung-clusterkonferenz-2024.txt", NULL);
  g_assert_true (nd_import_file (f->store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  f->id = g_strdup (ids[0]);

  f->editor = nd_item_editor_new (f->store);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);

  f->panel = ND_IMAGE_PANEL (gtk_widget_get_template_child (GTK_WIDGET (f->editor),
                                                            ND_TYPE_ITEM_EDITOR, "image_panel"));
  g_assert_nonnull (f->panel);
  nd_item_editor_set_item_id (f->editor, f->id);
}

static gboolean
panel_idle (gconstpointer data)
{
  return !nd_image_panel_get_busy (ND_IMAGE_PANEL ((gpointer) data));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* No worker thread may outlive the test. */
  nd_test_wait_until (panel_idle, f->panel);
  gtk_window_destroy (f->window);
  nd_test_drain ();
  g_clear_object (&f->store);

  nd_test_remove_database (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->id);
}

/* The item as another process would read it now. */
static NdItem *
load_from_file (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &error);
  NdItem *item;

  g_assert_no_error (error);
  item = nd_store_load_item (other, f->id, &error);
  g_assert_no_error (error);

  return item;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* TRUE if a visible label in @widget shows exactly @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

static GObject *
panel_child (Fixture    *f,
             const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->panel), ND_TYPE_IMAGE_PANEL, name);

  g_assert_nonnull (object);
  return object;
}

/* TRUE if a visible label in @widget has @text in it. */
static gboolean
mentions (GtkWidget  *widget,
          const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (mentions (child, text))
      return TRUE;

  return FALSE;
}

/* The panel's checklist names an alt text problem. */
static gboolean
checklist_mentions_alt_text (Fixture *f)
{
  return gtk_widget_get_visible (GTK_WIDGET (panel_child (f, "checklist_box"))) &&
         mentions (GTK_WIDGET (panel_child (f, "problems_box")), "alt text");
}

static gboolean
lead_has_file_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);
  NdImage *lead = nd_item_get_lead_image (item);

  return lead != NULL && nd_image_has_data (lead);
}

static gboolean
alt_text_cleared_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);
  NdImage *lead = nd_item_get_lead_image (item);

  return lead != NULL && nd_image_get_alt_text (lead)[0] == '\0';
}

static gboolean
error_shown (gconstpointer data)
{
  Fixture *f = (Fixture *) data;

  return panel_idle (f->panel) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (panel_child (f, "error_revealer")));
}

static void
attach_test_file (Fixture    *f,
                  const char *name)
{
  g_autofree char *path = nd_test_data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  nd_image_panel_attach_file (f->panel, file, FALSE);
}

static gboolean
has_alt_text_problem (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const NdCheckProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ND_CHECK_ERROR && g_str_equal (problem->field, "image") &&
          strstr (problem->message, "alt text") != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_image_panel_attach (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(NdItem) before = load_from_file (f);
  NdImage *slot = nd_item_get_lead_image (before);
  GtkWidget *alt_row;
  GtkWidget *picture;
  g_autofree char *sha256 = NULL;

  /* The importer's slot: credit and alt text, but no file yet. */
  g_assert_nonnull (slot);
  g_assert_false (nd_image_has_data (slot));
  g_assert_cmpstr (nd_image_get_credit (slot), ==, SAMPLE_CREDIT);
  g_assert_true (nd_image_panel_get_item (f->panel) != NULL);
  g_assert_true (shows_text (GTK_WIDGET (f->panel), "No file yet"));
  {
    g_autoptr(GPtrArray) problems = nd_item_check (before);

    g_assert_false (nd_check_passes (problems));
  }

  /* What the file chooser and a drop do. */
  attach_test_file (f, "clusterkonferenz-2024.jpg");
  nd_test_wait_until (lead_has_file_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);

  {
    g_autoptr(NdItem) item = load_from_file (f);
    g_autoptr(GPtrArray) problems = nd_item_check (item);
    NdImage *lead = nd_item_get_lead_image (item);

    g_assert_cmpuint (nd_item_get_n_images (item), ==, nd_item_get_n_images (before));
    g_assert_true (nd_image_has_data (lead));
    g_assert_cmpuint (g_bytes_get_size (nd_image_get_data (lead)), >, 0);
    g_assert_cmpstr (nd_image_get_mime_type (lead), ==, "image/jpeg");
    g_assert_cmpstr (nd_image_get_credit (lead), ==, SAMPLE_CREDIT);
    g_assert_cmpstr (nd_image_get_alt_text (lead), ==, nd_image_get_alt_text (slot));
    g_assert_true (nd_check_passes (problems));
    sha256 = g_strdup (nd_image_get_sha256 (lead));
  }

  /* The panel shows the file: no slot any more, a thumbnail, and no
   * blocking problem. */
  g_assert_false (shows_text (GTK_WIDGET (f->panel), "No file yet"));
  picture = find_type (GTK_WIDGET (f->panel), GTK_TYPE_PICTURE);
  g_assert_nonnull (picture);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_false (checklist_mentions_alt_text (f));

  /* Clearing the alt text through its row reaches the store, and the
   * checklist then fails on it. */
  alt_row = find_named (GTK_WIDGET (f->panel), "nd-image-alt");
  g_assert_nonnull (alt_row);
  g_assert_true (ADW_IS_ENTRY_ROW (alt_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alt_row)), ==, nd_image_get_alt_text (slot));
  gtk_editable_set_text (GTK_EDITABLE (alt_row), "");
  nd_test_wait_until (alt_text_cleared_in_store, f);

  {
    g_autoptr(NdItem) item = load_from_file (f);
    g_autoptr(GPtrArray) problems = nd_item_check (item);
    NdImage *lead = nd_item_get_lead_image (item);

    g_assert_false (nd_check_passes (problems));
    g_assert_true (has_alt_text_problem (problems));
    /* The rest of the image is as it was. */
    g_assert_cmpstr (nd_image_get_sha256 (lead), ==, sha256);
    g_assert_cmpstr (nd_image_get_credit (lead), ==, SAMPLE_CREDIT);
  }
  g_assert_true (checklist_mentions_alt_text (f));

  /* A damaged file is refused: shown in the panel, nothing stored. */
  attach_test_file (f, "truncated.jpg");
  nd_test_wait_until (error_shown, f);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (panel_child (f, "error_label"))), !=, "");
  g_assert_true (nd_item_editor_get_saved (f->editor));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NdItem) item = NULL;

    g_assert_true (nd_item_editor_flush (f->editor, &error));
    g_assert_no_error (error);
    item = load_from_file (f);
    g_assert_cmpuint (nd_item_get_n_images (item), ==, nd_item_get_n_images (before));
    g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_lead_image (item)), ==, sha256);
    g_assert_cmpstr (nd_image_get_alt_text (nd_item_get_lead_image (item)), ==, "");
    for (guint i = 0; i < nd_item_get_n_images (item); i++)
      g_assert_cmpstr (nd_image_get_mime_type (nd_item_get_image (item, i)), !=, NULL);
  }
}

static gboolean
image_removed_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);

  return nd_item_get_n_images (item) == 0;
}

static void
test_image_panel_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(NdItem) before = load_from_file (f);
  GtkWidget *button;

  g_assert_cmpuint (nd_item_get_n_images (before), ==, 1);

  /* The Remove button of the only image (the slot). */
  button = find_named (GTK_WIDGET (f->panel), "nd-image-remove");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  nd_test_wait_until (image_removed_in_store, f);
  g_assert_true (shows_text (GTK_WIDGET (f->panel), "No images. Drop image files here or attach one."));
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

/* A few frames, so that what is drawn is settled (styles, layout). */
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
  return *(const guint *) data >= N_SETTLE_FRAMES;
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
has_size (gconstpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET ((gpointer) data)) > 0;
}

static gboolean
editor_saved (gconstpointer data)
{
  return nd_item_editor_get_saved (ND_ITEM_EDITOR ((gpointer) data));
}

static void
test_image_panel_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-image-panel-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "newsdesk.db", NULL);
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *jpeg = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) sample = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (jpeg);
  g_auto(GStrv) ids = NULL;
  const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");
  const char *shot = "/tmp/nd-image-panel-de.png";
  NdStore *store;
  NdItemEditor *editor;
  NdImagePanel *panel;
  GtkWindow *window;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_no_error (error);
  g_setenv ("LANGUAGE", "de", TRUE);
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL && setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  store = nd_store_open (path, &error);
  g_assert_no_error (error);
  sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), "meldung-clusterkonferenz-2024.txt", NULL);
  g_assert_true (nd_import_file (store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);

  editor = nd_item_editor_new (store);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 760);
  gtk_window_set_child (window, GTK_WIDGET (editor));
  gtk_window_present (window);
  nd_item_editor_set_item_id (editor, ids[0]);

  panel = ND_IMAGE_PANEL (gtk_widget_get_template_child (GTK_WIDGET (editor), ND_TYPE_ITEM_EDITOR,
                                                         "image_panel"));
  nd_image_panel_attach_file (panel, file, FALSE);
  nd_test_wait_until (has_size, window);
  while (!nd_image_panel_get_busy (panel) && g_main_context_iteration (NULL, FALSE))
    ;
  nd_test_wait_until (panel_idle, panel);
  /* The attached file starts its thumbnail: wait for that too. */
  nd_test_drain ();
  nd_test_wait_until (panel_idle, panel);
  nd_test_wait_until (editor_saved, editor);
  wait_frames (GTK_WIDGET (window));

  /* Scrolled so that the panel's top is at the top of the view. */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (panel), gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 12);
  gtk_window_set_focus (window, NULL);
  wait_frames (GTK_WIDGET (window));

  g_remove (shot);
  save_window_png (GTK_WIDGET (window), shot);
  g_test_message ("Screenshot: %s", shot);
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (window);
  nd_test_drain ();
  g_clear_object (&store);
  nd_test_remove_database (path);
  g_rmdir (dir);

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  adw_init ();
  gtk_source_init ();
  nd_register_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/image-panel/attach", test_image_panel_attach);
  ADD ("/image-panel/remove", test_image_panel_remove);
  g_test_add_func ("/image-panel/screenshot-de", test_image_panel_screenshot);

#undef ADD

  return g_test_run ();
}
