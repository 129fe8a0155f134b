/* test-image-panel.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-image-panel"

#include "config.h"

#include <locale.h>
#include <sys/resource.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "nd-checklist.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-image-library.h"
#include "nd-image-panel.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-item-editor.h"
#include "nd-render.h"
#include "nd-resources.h"
#include "nd-store.h"
#include "nd-test-utils.h"
#include "nd-thumbnails.h"

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

static gboolean
panel_idle (gconstpointer data)
{
  return !nd_image_panel_get_busy (ND_IMAGE_PANEL ((gpointer) data));
}

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
  /* The "from the file" marks are read in a thread. */
  nd_test_wait_until (panel_idle, f->panel);
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

/* The shown label reading @text under @widget, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
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

static Fixture *credit_fixture;

static gboolean
lead_credit_in_store (gconstpointer data)
{
  g_autoptr(NdItem) item = load_from_file (credit_fixture);
  NdImage *lead = nd_item_get_lead_image (item);

  return lead != NULL && g_strcmp0 (nd_image_get_credit (lead), data) == 0;
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

  credit_fixture = f;

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

  /* What came from the file's metadata says so (the creator: the slot
   * had none); the alt text's meter counts its characters against 125,
   * and the sample's is longer: a warning. */
  g_assert_true (shows_text (GTK_WIDGET (f->panel), "from the file"));

  /* Opened again, the item's file tells again which fields came from it
   * (the store keeps no marks): read in a thread, shown once it is read. */
  {
    g_autoptr(NdItem) own = g_object_ref (nd_image_panel_get_item (f->panel));
    g_autoptr(NdItem) reopened = load_from_file (f);

    nd_image_panel_set_item (f->panel, reopened);
    g_assert_true (nd_image_panel_get_busy (f->panel));
    g_assert_false (shows_text (GTK_WIDGET (f->panel), "from the file"));
    nd_test_wait_until (panel_idle, f->panel);
    g_assert_true (shows_text (GTK_WIDGET (f->panel), "from the file"));

    /* Back to the editor's own copy. */
    nd_image_panel_set_item (f->panel, own);
    nd_test_wait_until (panel_idle, f->panel);
  }
  {
    g_autoptr(NdItem) item = load_from_file (f);
    NdImage *lead = nd_item_get_lead_image (item);
    g_autofree char *count = g_strdup_printf ("%ld/125", g_utf8_strlen (nd_image_get_alt_text (lead), -1));
    GtkWidget *meter = find_label (GTK_WIDGET (f->panel), count);

    g_assert_cmpstr (nd_image_get_creator (lead), !=, "");
    g_assert_nonnull (meter);
    g_assert_cmpint (g_utf8_strlen (nd_image_get_alt_text (lead), -1), >, 125);
    g_assert_true (gtk_widget_has_css_class (meter, "warning"));
  }
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

  /* The credit through its row: a new one is stored; none blocks
   * publication, and the checklist says why. */
  {
    GtkWidget *credit_row = find_named (GTK_WIDGET (f->panel), "nd-image-credit");

    g_assert_true (ADW_IS_ENTRY_ROW (credit_row));
    gtk_editable_set_text (GTK_EDITABLE (credit_row), "© Foto: Redaktion");
    nd_test_wait_until (lead_credit_in_store, "© Foto: Redaktion");
    gtk_editable_set_text (GTK_EDITABLE (credit_row), "");
    nd_test_wait_until (lead_credit_in_store, "");
  }
  {
    g_autoptr(NdItem) item = load_from_file (f);
    g_autoptr(GPtrArray) problems = nd_item_check (item);
    gboolean credit_problem = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        const NdCheckProblem *problem = g_ptr_array_index (problems, i);

        credit_problem |= problem->severity == ND_CHECK_ERROR &&
                          strstr (problem->message, "credit") != NULL;
      }
    g_assert_true (credit_problem);
  }
  g_assert_true (mentions (GTK_WIDGET (panel_child (f, "problems_box")), "credit"));
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

/* Insert in Text ---------------------------------------------------------- */

typedef struct
{
  Fixture    *f;
  const char *text;
} BodyHas;

static gboolean
body_has_in_store (gconstpointer data)
{
  const BodyHas *has = data;
  g_autoptr(NdItem) item = load_from_file (has->f);

  return strstr (nd_item_get_body (item), has->text) != NULL;
}

static char *
dup_body_text (Fixture *f)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->editor),
                                                                    ND_TYPE_ITEM_EDITOR, "body_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_image_panel_insert_in_text (Fixture       *f,
                                 gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->editor),
                                                                    ND_TYPE_ITEM_EDITOR, "body_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *paragraph = NULL;
  g_autofree char *first_line = NULL;
  GtkTextIter iter;
  BodyHas has;

  /* Only an image with a file can be shown in the text. */
  g_assert_null (find_named (GTK_WIDGET (f->panel), "nd-image-insert"));
  attach_test_file (f, "clusterkonferenz-2024.jpg");
  nd_test_wait_until (lead_has_file_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);
  g_assert_nonnull (find_named (GTK_WIDGET (f->panel), "nd-image-insert"));

  {
    g_autoptr(NdItem) item = load_from_file (f);
    NdImage *lead = nd_item_get_lead_image (item);

    reference = nd_image_dup_reference (lead);
    g_assert_nonnull (reference);
    g_assert_true (g_str_has_prefix (reference, ND_IMAGE_REFERENCE_SCHEME));
    g_assert_true (nd_image_matches_reference (lead, reference));
    g_assert_cmpstr (nd_image_get_alt_text (lead), !=, "");
    markdown = g_strdup_printf ("![%s](%s)", nd_image_get_alt_text (lead), reference);
  }

  /* The cursor in the middle of the first line of the body. */
  before = dup_body_text (f);
  g_assert_null (strstr (before, ND_IMAGE_REFERENCE_SCHEME));
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), >, 1);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 0, 3);
  gtk_text_buffer_place_cursor (buffer, &iter);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.insert-in-text", "u", 0));

  /* A paragraph of its own, where the cursor was. */
  after = dup_body_text (f);
  paragraph = g_strdup_printf ("\n\n%s\n\n", markdown);
  g_assert_nonnull (strstr (after, paragraph));
  first_line = g_strndup (before, 3);
  g_assert_true (g_str_has_prefix (after, first_line));
  g_assert_cmpstr (after + 3 + strlen (paragraph), ==, before + 3);

  has.f = f;
  has.text = paragraph;
  nd_test_wait_until (body_has_in_store, &has);
  {
    g_autoptr(NdItem) item = load_from_file (f);
    g_autoptr(GPtrArray) problems = nd_item_check (item);
    g_auto(GStrv) references = nd_render_dup_image_references (nd_item_get_body (item));

    g_assert_cmpuint (g_strv_length (references), ==, 1);
    g_assert_cmpstr (references[0], ==, reference);
    /* The reference fits an image of the item: no problem about it. */
    g_assert_true (nd_check_passes (problems));
  }

  /* One step to undo. */
  gtk_text_buffer_undo (buffer);
  undone = dup_body_text (f);
  g_assert_cmpstr (undone, ==, before);
}

/* Library ----------------------------------------------------------------- */

#define OTHER_CREDIT  "Foto: Jane Doe"
#define OTHER_CAPTION "The logo of the network"

/* Another item with the logo, as the CLI would attach it. */
static char *
add_other_item_with_logo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) other = nd_item_new ();
  g_autofree char *path = nd_test_data_path ("logo.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
  g_autoptr(NdImage) attached = NULL;

  g_assert_no_error (error);
  nd_item_set_title (other, "Another item");
  g_assert_true (nd_store_save_item (f->store, other, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  nd_image_set_credit (image, OTHER_CREDIT);
  nd_image_set_caption (image, OTHER_CAPTION);
  attached = nd_store_attach_image (f->store, nd_item_get_id (other), image, ND_IMAGE_ATTACH_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attached);

  return g_strdup (nd_image_get_sha256 (attached));
}

static NdImageLibrary *
find_library (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ND_IS_IMAGE_LIBRARY (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ND_IMAGE_LIBRARY (window);
    }

  return NULL;
}

typedef struct
{
  NdImageLibrary *library;
  guint           n_images;
} LibraryCount;

static gboolean
library_lists (gconstpointer data)
{
  const LibraryCount *count = data;

  return nd_image_library_get_n_images (count->library) == count->n_images;
}

static gboolean
pointer_cleared (gconstpointer data)
{
  return *(gpointer *) data == NULL;
}

static guint
count_uses (Fixture    *f,
            const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &error);
  g_autoptr(GPtrArray) usages = NULL;

  g_assert_no_error (error);
  usages = nd_store_list_images (other, NULL, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < usages->len; i++)
    {
      NdImageUsage *usage = g_ptr_array_index (usages, i);

      if (g_strcmp0 (nd_image_get_sha256 (usage->image), sha256) == 0)
        return usage->n_uses;
    }

  return 0;
}

static gboolean
library_has_thumbnail (gconstpointer data)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX ((gpointer) data), 0);
  GtkPicture *picture = row != NULL ? g_object_get_data (G_OBJECT (row), "nd-picture") : NULL;

  return picture != NULL && gtk_picture_get_paintable (picture) != NULL;
}

static void
test_image_panel_library (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sha256 = add_other_item_with_logo (f);
  g_autoptr(NdItem) before = load_from_file (f);
  NdImage *slot = nd_item_get_lead_image (before);
  NdImageLibrary *library;
  GtkEditable *search;
  GtkListBox *list_box;
  GtkListBoxRow *row;
  LibraryCount count;

  g_assert_cmpuint (count_uses (f, sha256), ==, 1);
  g_assert_null (find_library ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.choose-from-library", NULL));
  library = find_library ();
  g_assert_nonnull (library);
  g_object_add_weak_pointer (G_OBJECT (library), (gpointer *) &library);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (library)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (library)) == f->window);

  /* The other item's image; the sample's slot has no file to list. */
  g_assert_cmpuint (nd_image_library_get_n_images (library), ==, 1);
  list_box = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (library), ND_TYPE_IMAGE_LIBRARY, "list_box"));
  g_assert_true (mentions (GTK_WIDGET (list_box), OTHER_CREDIT));
  g_assert_true (mentions (GTK_WIDGET (list_box), "1 item"));
  /* Its thumbnail arrives from a worker thread (NdThumbnails). */
  nd_test_wait_until (library_has_thumbnail, list_box);

  /* Searched as the user types. */
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (library), ND_TYPE_IMAGE_LIBRARY, "search_entry"));
  count.library = library;
  gtk_editable_set_text (search, "nobody-has-this-credit");
  count.n_images = 0;
  nd_test_wait_until (library_lists, &count);
  gtk_editable_set_text (search, "jane");
  count.n_images = 1;
  nd_test_wait_until (library_lists, &count);

  row = gtk_list_box_get_row_at_index (list_box, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list_box, "row-activated", row);
  /* Chosen: the window is gone, and its thumbnail thread with it. */
  nd_test_wait_until (pointer_cleared, &library);

  nd_test_wait_until (lead_has_file_in_store, f);
  {
    g_autoptr(NdItem) item = load_from_file (f);
    NdImage *lead = nd_item_get_lead_image (item);

    g_assert_cmpstr (nd_image_get_sha256 (lead), ==, sha256);
    /* The slot's credit is this use's (the library's is only the
     * default where the item says none), as attach --image does. */
    g_assert_cmpstr (nd_image_get_credit (lead), ==, nd_image_get_credit (slot));
    g_assert_cmpstr (nd_image_get_mime_type (lead), ==, "image/png");
    /* The slot's alt text stays; its other use's caption fills a gap. */
    g_assert_cmpstr (nd_image_get_alt_text (lead), ==, nd_image_get_alt_text (slot));
    g_assert_cmpstr (nd_image_get_caption (lead), ==,
                     nd_image_get_caption (slot)[0] != '\0' ? nd_image_get_caption (slot) : OTHER_CAPTION);
  }
  g_assert_cmpuint (count_uses (f, sha256), ==, 2);

  /* The same image twice in one item is refused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.choose-from-library", NULL));
  library = find_library ();
  g_assert_nonnull (library);
  g_object_add_weak_pointer (G_OBJECT (library), (gpointer *) &library);
  list_box = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (library), ND_TYPE_IMAGE_LIBRARY, "list_box"));
  g_signal_emit_by_name (list_box, "row-activated", gtk_list_box_get_row_at_index (list_box, 0));
  nd_test_wait_until (pointer_cleared, &library);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (panel_child (f, "error_revealer"))));
  g_assert_cmpuint (nd_item_get_n_images (nd_image_panel_get_item (f->panel)), ==, nd_item_get_n_images (before));
  g_assert_true (nd_item_editor_get_saved (f->editor));
}

/* Order -------------------------------------------------------------------- */

static gboolean
has_two_images_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);

  return nd_item_get_n_images (item) == 2 && nd_image_has_data (nd_item_get_image (item, 1));
}

static gboolean
png_first_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);

  return nd_item_get_n_images (item) == 2 &&
         g_strcmp0 (nd_image_get_mime_type (nd_item_get_image (item, 0)), "image/png") == 0;
}

static void
test_image_panel_reorder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *jpeg = NULL;
  g_autofree char *png = NULL;

  /* The JPEG fills the lead slot, the PNG comes after it. */
  attach_test_file (f, "clusterkonferenz-2024.jpg");
  nd_test_wait_until (lead_has_file_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);
  attach_test_file (f, "logo.png");
  nd_test_wait_until (has_two_images_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);

  {
    g_autoptr(NdItem) item = load_from_file (f);

    g_assert_cmpstr (nd_image_get_mime_type (nd_item_get_image (item, 0)), ==, "image/jpeg");
    jpeg = g_strdup (nd_image_get_sha256 (nd_item_get_image (item, 0)));
    png = g_strdup (nd_image_get_sha256 (nd_item_get_image (item, 1)));
  }

  /* What a drop of the second card onto the first does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.move", "(uu)", 1, 0));
  g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_image (nd_image_panel_get_item (f->panel), 0)), ==, png);
  nd_test_wait_until (png_first_in_store, f);

  {
    g_autoptr(NdItem) item = load_from_file (f);

    g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_image (item, 0)), ==, png);
    g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_image (item, 1)), ==, jpeg);
    /* The role goes with the image, not with the place. */
    g_assert_cmpint (nd_image_get_role (nd_item_get_image (item, 1)), ==, ND_IMAGE_ROLE_LEAD);
  }

  /* Out of range does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.move", "(uu)", 0, 5));
  g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_image (nd_image_panel_get_item (f->panel), 0)), ==, png);
}

/* Paste -------------------------------------------------------------------- */

static void
test_image_panel_paste (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = nd_test_data_path ("logo.png");
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (GTK_WIDGET (f->panel)));

  g_assert_no_error (error);

  /* Text on the clipboard is no image: nothing happens. */
  gdk_clipboard_set_text (clipboard, "just text");
  /* Ctrl+V in the editor outside a text field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.paste-image", NULL));
  g_assert_false (nd_image_panel_get_busy (f->panel));

  gdk_clipboard_set_texture (clipboard, texture);
  /* Ctrl+V in the panel: its shortcut's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "image-panel.paste", NULL));
  nd_test_wait_until (lead_has_file_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);

  {
    g_autoptr(NdItem) item = load_from_file (f);
    NdImage *lead = nd_item_get_lead_image (item);

    g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
    g_assert_cmpstr (nd_image_get_mime_type (lead), ==, "image/png");
    g_assert_cmpuint (nd_image_get_width (lead), ==, gdk_texture_get_width (texture));
    g_assert_cmpuint (nd_image_get_height (lead), ==, gdk_texture_get_height (texture));
    /* The slot's credit stays. */
    g_assert_cmpstr (nd_image_get_credit (lead), ==, SAMPLE_CREDIT);
  }
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (panel_child (f, "error_revealer"))));
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
  g_autofree char *shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                             ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                             "screenshots", NULL);
  g_autofree char *shot = g_build_filename (shots, "newsdesk-images-de.png", NULL);
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

  g_assert_cmpint (g_mkdir_with_parents (shots, 0755), ==, 0);
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

/* Files dropped from the file manager: the panel's drop target takes a
 * GdkFileList; each file is attached as with the button. */
static gboolean
two_files_in_store (gconstpointer data)
{
  Fixture *f = (Fixture *) data;
  g_autoptr(NdItem) item = load_from_file (f);
  guint with_file = 0;

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    with_file += nd_image_has_data (nd_item_get_image (item, i));

  return panel_idle (f->panel) && with_file == 2;
}

static void
test_image_panel_drop (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *png = nd_test_data_path ("logo.png");
  g_autofree char *jpeg = nd_test_data_path ("no-metadata.jpg");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->panel));
  GtkDropTarget *target = NULL;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL)[0]))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  files = g_slist_append (files, g_file_new_for_path (png));
  files = g_slist_append (files, g_file_new_for_path (jpeg));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  /* The first fills the sample's slot (its credit stays), the second is
   * added after it. */
  nd_test_wait_until (two_files_in_store, f);
  {
    g_autoptr(NdItem) item = load_from_file (f);

    g_assert_cmpuint (nd_item_get_n_images (item), ==, 2);
    g_assert_cmpstr (nd_image_get_mime_type (nd_item_get_image (item, 0)), ==, "image/png");
    g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (item, 0)), ==, SAMPLE_CREDIT);
    g_assert_cmpstr (nd_image_get_mime_type (nd_item_get_image (item, 1)), ==, "image/jpeg");
  }
}

/* Credits per use ----------------------------------------------------------- */

static NdItem *
load_item (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (f->path, &error);
  NdItem *item;

  g_assert_no_error (error);
  item = nd_store_load_item (other, id, &error);
  g_assert_no_error (error);

  return item;
}

/* A new item with the sample photo attached through the store, as the
 * command line does. */
static char *
add_item_with_photo (Fixture    *f,
                     const char *title,
                     const char *credit,
                     const char *caption)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = nd_item_new ();
  g_autofree char *path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
  g_autoptr(NdImage) attached = NULL;

  g_assert_no_error (error);
  nd_item_set_title (item, title);
  g_assert_true (nd_store_save_item (f->store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);
  if (credit != NULL)
    {
      nd_image_set_credit (image, credit);
      nd_image_set_caption (image, caption);
      nd_image_set_alt_text (image, "Sechs Personen auf einer Bühne");
      attached = nd_store_attach_image (f->store, nd_item_get_id (item), image, ND_IMAGE_ATTACH_LEAD, &error);
      g_assert_no_error (error);
    }

  return g_strdup (nd_item_get_id (item));
}

typedef struct
{
  Fixture    *f;
  const char *id;
} ItemRef;

static gboolean
item_has_file_in_store (gconstpointer data)
{
  const ItemRef *ref = data;
  g_autoptr(NdItem) item = load_item (ref->f, ref->id);

  return nd_item_get_n_images (item) > 0 && nd_image_has_data (nd_item_get_image (item, 0));
}

/* The window attaches the photo item A already uses to the sample item
 * and changes that use's credit: A keeps its credit, gets no revision,
 * and the library's default stays A's. */
static void
test_image_panel_credit_per_use (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *a = add_item_with_photo (f, "Item A", "Foto: Max Muster / VDI/VDE-IT", "Bühne");
  g_autoptr(NdItem) a_before = load_item (f, a);
  GtkWidget *credit_row;

  credit_fixture = f;
  attach_test_file (f, "clusterkonferenz-2024.jpg");
  nd_test_wait_until (lead_has_file_in_store, f);
  nd_test_wait_until (panel_idle, f->panel);

  /* The sample's slot said its credit: it is this use's. */
  {
    g_autoptr(NdItem) item = load_from_file (f);

    g_assert_cmpstr (nd_image_get_credit (nd_item_get_lead_image (item)), ==, SAMPLE_CREDIT);
    g_assert_cmpstr (nd_image_get_sha256 (nd_item_get_lead_image (item)), ==,
                     nd_image_get_sha256 (nd_item_get_lead_image (a_before)));
  }

  credit_row = find_named (GTK_WIDGET (f->panel), "nd-image-credit");
  g_assert_true (ADW_IS_ENTRY_ROW (credit_row));
  gtk_editable_set_text (GTK_EDITABLE (credit_row), "Foto: Erika Beispiel");
  nd_test_wait_until (lead_credit_in_store, "Foto: Erika Beispiel");

  {
    g_autoptr(NdItem) a_after = load_item (f, a);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) library = nd_store_list_images (f->store, NULL, 0, &error);
    NdImageUsage *usage;

    g_assert_cmpstr (nd_image_get_credit (nd_item_get_lead_image (a_after)), ==,
                     "Foto: Max Muster / VDI/VDE-IT");
    g_assert_cmpuint (nd_item_get_revision (a_after), ==, nd_item_get_revision (a_before));
    g_assert_true (g_date_time_equal (nd_item_get_updated (a_after), nd_item_get_updated (a_before)));

    g_assert_no_error (error);
    g_assert_cmpuint (library->len, ==, 1);
    usage = g_ptr_array_index (library, 0);
    g_assert_cmpuint (usage->n_uses, ==, 2);
    g_assert_cmpstr (nd_image_get_credit (usage->image), ==, "Foto: Max Muster / VDI/VDE-IT");
  }
}

/* The window's attach and the command line's fill a new use of the same
 * file alike: the library's default credit, the alt text and caption of
 * the file's latest use, then the file's IPTC/XMP (creator, copyright). */
static void
test_image_panel_same_fill_as_cli (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *library_item = add_item_with_photo (f, "In the library", "Foto: Bildarchiv", "Die Bühne");
  g_autofree char *window_id = add_item_with_photo (f, "Through the window", NULL, NULL);
  g_autofree char *cli_id = add_item_with_photo (f, "Through the command line", NULL, NULL);
  g_autofree char *photo = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) by_window = NULL;
  g_autoptr(NdItem) by_cli = NULL;
  NdImage *window_image;
  NdImage *cli_image;
  ItemRef ref = { f, window_id };
  int status = -1;
  const char *argv[] = { g_getenv ("NEWSDESK_BIN"), "--db", f->path, "attach", cli_id, photo, NULL };

  nd_item_editor_set_item_id (f->editor, window_id);
  nd_test_wait_until (panel_idle, f->panel);
  attach_test_file (f, "clusterkonferenz-2024.jpg");
  nd_test_wait_until (item_has_file_in_store, &ref);
  nd_test_wait_until (panel_idle, f->panel);

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  by_window = load_item (f, window_id);
  by_cli = load_item (f, cli_id);
  g_assert_cmpuint (nd_item_get_n_images (by_window), ==, 1);
  g_assert_cmpuint (nd_item_get_n_images (by_cli), ==, 1);
  window_image = nd_item_get_image (by_window, 0);
  cli_image = nd_item_get_image (by_cli, 0);

  for (NdImageFields field = ND_IMAGE_FIELD_CREDIT; field <= ND_IMAGE_FIELD_CAPTION; field <<= 1)
    g_assert_cmpstr (nd_image_get_field (window_image, field), ==, nd_image_get_field (cli_image, field));
  g_assert_cmpstr (nd_image_get_credit (window_image), ==, "Foto: Bildarchiv");
  g_assert_cmpstr (nd_image_get_caption (window_image), ==, "Die Bühne");
  g_assert_cmpstr (nd_image_get_creator (window_image), ==, "VDI/VDE-IT");
  g_assert_cmpstr (nd_image_get_sha256 (window_image), ==, nd_image_get_sha256 (cli_image));
}

static gint64
peak_rss_kb (void)
{
  struct rusage usage = { 0 };

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* The window's attach of a 30000 × 30000 PNG of 874 KB: refused from its
 * header with the size and the limit, the item unchanged, and this
 * process's peak memory barely moves (decoding it would take 900 MB at
 * least). A thumbnail of such bytes (an imported JSON may carry them) is
 * refused the same way. */
static void
test_image_panel_bomb (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bomb = nd_test_png_bomb (30000, 30000);
  g_autofree char *path = g_build_filename (f->dir, "bomb.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NdItem) before = load_from_file (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  const char *message;
  gint64 peak_before;
  gint64 peak_after;
  gint64 start;

  g_file_set_contents (path, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb), &error);
  g_assert_no_error (error);

  peak_before = peak_rss_kb ();
  start = g_get_monotonic_time ();
  nd_image_panel_attach_file (f->panel, file, TRUE);
  nd_test_wait_until (error_shown, f);
  peak_after = peak_rss_kb ();
  g_test_message ("the window's attach of a 30000 × 30000 PNG (%" G_GSIZE_FORMAT " bytes): "
                  "refused in %.3f s, peak RSS %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT " KB",
                  g_bytes_get_size (bomb), (g_get_monotonic_time () - start) / 1e6,
                  peak_before, peak_after);

  message = gtk_label_get_text (GTK_LABEL (panel_child (f, "error_label")));
  g_assert_nonnull (strstr (message, "bomb.png"));
  g_assert_nonnull (strstr (message, "30000 × 30000 pixels"));
  g_assert_nonnull (strstr (message, "at most 100 megapixels"));
  g_assert_cmpint (peak_after - peak_before, <, 200 * 1024);

  {
    g_autoptr(NdItem) item = load_from_file (f);

    g_assert_cmpuint (nd_item_get_revision (item), ==, nd_item_get_revision (before));
    g_assert_cmpuint (nd_item_get_n_images (item), ==, nd_item_get_n_images (before));
    g_assert_false (nd_image_has_data (nd_item_get_lead_image (item)));
  }

  start = g_get_monotonic_time ();
  thumbnail = nd_thumbnail_decode_cover (bomb, 160, 90, &error);
  g_test_message ("a thumbnail of it: refused in %.3f s, peak RSS %" G_GINT64_FORMAT " KB",
                  (g_get_monotonic_time () - start) / 1e6, peak_rss_kb ());
  g_assert_null (thumbnail);
  g_assert_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE);
  g_assert_cmpint (peak_rss_kb () - peak_before, <, 200 * 1024);

  g_assert_cmpint (g_unlink (path), ==, 0);
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
  ADD ("/image-panel/drop", test_image_panel_drop);
  ADD ("/image-panel/remove", test_image_panel_remove);
  ADD ("/image-panel/insert-in-text", test_image_panel_insert_in_text);
  ADD ("/image-panel/library", test_image_panel_library);
  ADD ("/image-panel/reorder", test_image_panel_reorder);
  ADD ("/image-panel/paste", test_image_panel_paste);
  ADD ("/image-panel/bomb", test_image_panel_bomb);
  ADD ("/image-panel/credit-per-use", test_image_panel_credit_per_use);
  ADD ("/image-panel/same-fill-as-cli", test_image_panel_same_fill_as_cli);
  g_test_add_func ("/image-panel/screenshot-de", test_image_panel_screenshot);

#undef ADD

  return g_test_run ();
}
