/* test-editor.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-editor"

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "nd-history-dialog.h"
#include "nd-image-panel.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-item-editor.h"
#include "nd-item-json.h"
#include "nd-store-outbox.h"
#include "nd-resources.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-tag-entry.h"
#include "nd-target.h"
#include "nd-test-utils.h"

/* The item editor under Xvfb (tests/meson.build starts one), on a
 * temporary database file with the sample imported. What it writes is
 * checked through a second NdStore on the same file: that is what a crash
 * or another process would see. */


typedef struct
{
  char         *dir;
  char         *path;
  NdStore      *store;
  char         *id;
  GtkWindow    *window;
  NdItemEditor *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = NULL;
  g_auto(GStrv) ids = NULL;

  f->dir = g_dir_make_tmp ("test-editor-XXXXXX", &error);
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
  gtk_window_set_default_size (f->window, 900, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);

  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (f->path, suffix, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->id);
}

static GObject *
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->editor), ND_TYPE_ITEM_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

static GtkTextBuffer *
buffer (Fixture    *f,
        const char *name)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, name)));
}

static char *
buffer_text (GtkTextBuffer *text_buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (text_buffer, &start, &end);
  return gtk_text_buffer_get_text (text_buffer, &start, &end, FALSE);
}

/* The item as another process would read it now. */
static NdItem *
load_from_file (Fixture    *f,
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

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

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

static gboolean
body_in_file (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(NdItem) item = load_from_file (f, f->id);

  return strstr (nd_item_get_body (item), data) != NULL;
}

static gboolean
body_is_markdown (Fixture       *f,
                  gconstpointer  data)
{
  GtkSourceLanguage *language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer (f, "body_view")));

  return language != NULL && g_strcmp0 (gtk_source_language_get_id (language), "markdown") == 0;
}

static void
test_editor_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = nd_store_open (":memory:", &error);
  NdItemEditor *editor;
  GObject *stack;

  g_assert_no_error (error);
  editor = g_object_ref_sink (nd_item_editor_new (store));
  stack = gtk_widget_get_template_child (GTK_WIDGET (editor), ND_TYPE_ITEM_EDITOR, "stack");
  g_assert_null (nd_item_editor_get_item_id (editor));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_true (nd_item_editor_get_saved (editor));

  /* An id that is not there says so instead of showing an empty form. */
  nd_item_editor_set_item_id (editor, "00000000-0000-4000-8000-000000000000");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "error");
  g_object_unref (editor);
}

static void
test_editor_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NdItem) item = load_from_file (f, f->id);
  g_autofree char *title = NULL;
  g_autofree char *teaser = NULL;
  g_autofree char *body = NULL;

  nd_item_editor_set_item_id (f->editor, f->id);
  g_assert_cmpstr (nd_item_editor_get_item_id (f->editor), ==, f->id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack"))), ==, "editor");

  title = buffer_text (buffer (f, "title_view"));
  teaser = buffer_text (buffer (f, "teaser_view"));
  body = buffer_text (buffer (f, "body_view"));
  g_assert_cmpstr (title, ==, "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel");
  g_assert_cmpstr (title, ==, nd_item_get_title (item));
  g_assert_cmpstr (teaser, ==, nd_item_get_teaser (item));
  g_assert_cmpstr (body, ==, nd_item_get_body (item));
  g_assert_true (g_str_has_prefix (teaser, "Anfang Mai 2024"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (f, "kind_dropdown"))), ==,
                    nd_item_get_kind (item));
  /* German is the first language offered. */
  g_assert_cmpstr (nd_item_get_language (item), ==, "de");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (f, "language_dropdown"))), ==, 0);

  /* The Markdown highlighting comes after the first frame. */
  wait_for (f, body_is_markdown, NULL);

  /* Loading is no edit: nothing to save, nothing to undo. */
  g_assert_true (nd_item_editor_get_saved (f->editor));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer (f, "body_view")));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer (f, "title_view")));
}

static void
test_editor_autosave (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NdItem) item = NULL;
  GtkTextBuffer *body = NULL;
  GtkTextIter end;

  nd_item_editor_set_item_id (f->editor, f->id);

  gtk_text_buffer_insert_at_cursor (buffer (f, "title_view"), "Neu: ", -1);
  gtk_text_buffer_insert_at_cursor (buffer (f, "teaser_view"), "Kurz gesagt: ", -1);
  body = buffer (f, "body_view");
  gtk_text_buffer_get_end_iter (body, &end);
  gtk_text_buffer_place_cursor (body, &end);
  gtk_text_buffer_insert_at_cursor (body, "\n\nEin letzter Absatz.", -1);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "author_entry")), "Erika Muster");
  g_assert_false (nd_item_editor_get_saved (f->editor));

  wait_for (f, body_in_file, "Ein letzter Absatz.");
  g_assert_true (nd_item_editor_get_saved (f->editor));

  item = load_from_file (f, f->id);
  g_assert_cmpstr (nd_item_get_title (item), ==, "Neu: ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel");
  g_assert_true (g_str_has_prefix (nd_item_get_teaser (item), "Kurz gesagt: Anfang Mai"));
  g_assert_cmpstr (nd_item_get_author (item), ==, "Erika Muster");

  /* Saving left the cursor where it was, and the typing can be undone. */
  {
    GtkTextIter cursor;

    gtk_text_buffer_get_iter_at_mark (body, &cursor, gtk_text_buffer_get_insert (body));
    g_assert_true (gtk_text_iter_is_end (&cursor));
    g_assert_true (gtk_text_buffer_get_can_undo (body));
  }
}

static void
test_editor_flush (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;

  nd_item_editor_set_item_id (f->editor, f->id);
  gtk_text_buffer_insert_at_cursor (buffer (f, "body_view"), "Sofort. ", -1);
  g_assert_false (nd_item_editor_get_saved (f->editor));

  /* No main loop in between: flush itself writes. */
  g_assert_true (nd_item_editor_flush (f->editor, &error));
  g_assert_no_error (error);
  g_assert_true (nd_item_editor_get_saved (f->editor));
  item = load_from_file (f, f->id);
  g_assert_true (g_str_has_prefix (nd_item_get_body (item), "Sofort. "));
}

static void
test_editor_switch (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) second = nd_item_new ();
  g_autoptr(NdItem) first = NULL;
  g_autofree char *title = NULL;

  nd_item_set_title (second, "Zweite Meldung");
  g_assert_true (nd_store_save_item (f->store, second, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  nd_item_editor_set_item_id (f->editor, f->id);
  gtk_text_buffer_insert_at_cursor (buffer (f, "teaser_view"), "Vor dem Wechsel. ", -1);
  nd_item_editor_set_item_id (f->editor, nd_item_get_id (second));

  first = load_from_file (f, f->id);
  g_assert_true (g_str_has_prefix (nd_item_get_teaser (first), "Vor dem Wechsel. "));
  title = buffer_text (buffer (f, "title_view"));
  g_assert_cmpstr (title, ==, "Zweite Meldung");
  /* The new item's text is no undo step on top of the old one's. */
  g_assert_false (gtk_text_buffer_get_can_undo (buffer (f, "teaser_view")));
}

static void
test_editor_save_version (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(NdItem) snapshot = NULL;
  NdRevision *last;

  nd_item_editor_set_item_id (f->editor, f->id);
  before = nd_store_list_revisions (f->store, f->id, &error);
  g_assert_no_error (error);

  gtk_text_buffer_insert_at_cursor (buffer (f, "title_view"), "Version: ", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save-version", NULL));

  after = nd_store_list_revisions (f->store, f->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  last = g_ptr_array_index (after, after->len - 1);
  g_assert_cmpint (nd_revision_get_reason (last), ==, ND_REVISION_REASON_MANUAL);
  snapshot = nd_item_from_revision (last, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (nd_item_get_title (snapshot), "Version: ECCP"));
  g_assert_true (nd_item_editor_get_saved (f->editor));
}

static void
test_editor_tags (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) other = nd_item_new ();
  g_autoptr(NdItem) item = NULL;
  NdTagEntry *tags;
  GtkEditable *entry;
  GtkListBox *list;
  const char * const *shown;

  /* Tags in use elsewhere: "eccp" (twice) and "Europa". */
  nd_item_set_title (other, "Andere Meldung");
  nd_item_add_tag (other, "eccp");
  nd_item_add_tag (other, "Europa");
  g_assert_true (nd_store_save_item (f->store, other, ND_REVISION_REASON_CREATED, &error));
  g_object_unref (other);
  other = nd_item_new ();
  nd_item_add_tag (other, "eccp");
  g_assert_true (nd_store_save_item (f->store, other, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);

  nd_item_editor_set_item_id (f->editor, f->id);
  tags = ND_TAG_ENTRY (child (f, "tag_entry"));
  entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (tags), ND_TYPE_TAG_ENTRY, "entry"));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (tags), ND_TYPE_TAG_ENTRY, "suggestion_list"));

  /* A prefix in another case finds the tag as first written... */
  gtk_editable_set_text (entry, "EC");
  g_assert_cmpuint (nd_tag_entry_get_n_suggestions (tags), ==, 1);
  g_assert_cmpstr (nd_tag_entry_get_suggestion (tags, 0), ==, "eccp");
  gtk_editable_set_text (entry, "e");
  g_assert_cmpuint (nd_tag_entry_get_n_suggestions (tags), ==, 2);
  /* ...most used first. */
  g_assert_cmpstr (nd_tag_entry_get_suggestion (tags, 0), ==, "eccp");
  g_assert_cmpstr (nd_tag_entry_get_suggestion (tags, 1), ==, "Europa");

  /* Choosing it adds the existing spelling. */
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  shown = nd_tag_entry_get_tags (tags);
  g_assert_cmpuint (g_strv_length ((char **)shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "eccp");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* A tag the item has is no suggestion, and typed again adds nothing. */
  gtk_editable_set_text (entry, "ECCP");
  g_assert_cmpuint (nd_tag_entry_get_n_suggestions (tags), ==, 0);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_strv_length ((char **)nd_tag_entry_get_tags (tags)), ==, 1);

  /* A new tag, typed. */
  gtk_editable_set_text (entry, "Clusterpolitik");
  g_signal_emit_by_name (entry, "activate");
  shown = nd_tag_entry_get_tags (tags);
  g_assert_cmpuint (g_strv_length ((char **)shown), ==, 2);
  g_assert_cmpstr (shown[1], ==, "Clusterpolitik");

  /* Typed in another case, a known tag takes its known spelling. */
  gtk_editable_set_text (entry, "EUROPA");
  g_signal_emit_by_name (entry, "activate");
  shown = nd_tag_entry_get_tags (tags);
  g_assert_cmpuint (g_strv_length ((char **)shown), ==, 3);
  g_assert_cmpstr (shown[2], ==, "Europa");

  /* Backspace in the empty entry: the last one goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tags), "tags.remove-last", NULL));
  g_assert_cmpuint (g_strv_length ((char **)nd_tag_entry_get_tags (tags)), ==, 2);

  g_assert_true (nd_item_editor_flush (f->editor, &error));
  g_assert_no_error (error);
  item = load_from_file (f, f->id);
  g_assert_cmpuint (g_strv_length ((char **)nd_item_get_tags (item)), ==, 2);
  g_assert_cmpstr (nd_item_get_tags (item)[0], ==, "eccp");
  g_assert_cmpstr (nd_item_get_tags (item)[1], ==, "Clusterpolitik");
}

static void
test_editor_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autofree char *title = NULL;
  g_autofree char *diff = NULL;
  NdHistoryDialog *dialog;
  NdRevision *last;
  guint first_number;
  GtkTextBuffer *title_buffer;

  nd_item_editor_set_item_id (f->editor, f->id);
  revisions = nd_store_list_revisions (f->store, f->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, >=, 1);
  first_number = nd_revision_get_number (g_ptr_array_index (revisions, 0));
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* A new title, kept as a version, then typed on. */
  title_buffer = buffer (f, "title_view");
  gtk_text_buffer_set_text (title_buffer, "Ein ganz anderer Titel", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save-version", NULL));
  gtk_text_buffer_insert_at_cursor (buffer (f, "body_view"), "Nur autosaved. ", -1);
  g_assert_true (nd_item_editor_flush (f->editor, &error));

  dialog = nd_history_dialog_new (f->window, f->store, f->id);
  g_assert_true (nd_history_dialog_select_revision (dialog, first_number));
  g_assert_false (nd_history_dialog_select_revision (dialog, 9999));

  /* The difference shows the old title as removed... */
  {
    GtkTextView *view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      ND_TYPE_HISTORY_DIALOG,
                                                                      "diff_view"));
    diff = buffer_text (gtk_text_view_get_buffer (view));
    g_assert_nonnull (strstr (diff, "Rückblick"));
    g_assert_nonnull (strstr (diff, "anderer"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "history.restore", NULL));

  item = load_from_file (f, f->id);
  g_assert_cmpstr (nd_item_get_title (item), ==, "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel");
  g_assert_false (g_str_has_prefix (nd_item_get_body (item), "Nur autosaved. "));
  g_assert_cmpstr (nd_item_get_id (item), ==, f->id);

  revisions = nd_store_list_revisions (f->store, f->id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (revisions, revisions->len - 1);
  g_assert_cmpint (nd_revision_get_reason (last), ==, ND_REVISION_REASON_RESTORE);
  /* The autosaved text was kept as a revision before it was replaced. */
  {
    g_autoptr(NdItem) kept = nd_item_from_revision (g_ptr_array_index (revisions, revisions->len - 2), &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (nd_item_get_body (kept), "Nur autosaved. "));
  }

  /* The editor shows what was restored. */
  title = buffer_text (title_buffer);
  g_assert_cmpstr (title, ==, nd_item_get_title (item));
  g_assert_true (nd_item_editor_get_saved (f->editor));
}

static void
test_editor_formatting (Fixture       *f,
                        gconstpointer  data)
{
  GtkTextBuffer *body;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *selected = NULL;

  nd_item_editor_set_item_id (f->editor, f->id);
  body = buffer (f, "body_view");
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "body_view")));
  gtk_text_buffer_set_text (body, "Hallo Welt", -1);

  /* A selected word is wrapped, and stays selected. */
  gtk_text_buffer_get_iter_at_offset (body, &start, 6);
  gtk_text_buffer_get_end_iter (body, &end);
  gtk_text_buffer_select_range (body, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.bold", NULL));
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "Hallo **Welt**");
  g_assert_true (gtk_text_buffer_get_selection_bounds (body, &start, &end));
  selected = gtk_text_buffer_get_text (body, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "Welt");
  g_clear_pointer (&text, g_free);

  /* One undo step takes it back. */
  gtk_text_buffer_undo (body);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "Hallo Welt");
  g_clear_pointer (&text, g_free);

  /* Nothing selected: the markers go in with the cursor between them. */
  gtk_text_buffer_get_end_iter (body, &end);
  gtk_text_buffer_place_cursor (body, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.italic", NULL));
  gtk_text_buffer_insert_at_cursor (body, "x", -1);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "Hallo Welt*x*");
  g_clear_pointer (&text, g_free);

  /* A link puts the cursor into the URL. */
  gtk_text_buffer_set_text (body, "Seite", -1);
  gtk_text_buffer_get_bounds (body, &start, &end);
  gtk_text_buffer_select_range (body, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.link", NULL));
  gtk_text_buffer_insert_at_cursor (body, "https://example.org", -1);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "[Seite](https://example.org)");
  g_clear_pointer (&text, g_free);

  /* Headings cycle; lists and quotes toggle per line. */
  gtk_text_buffer_set_text (body, "Eins\nZwei", -1);
  gtk_text_buffer_get_start_iter (body, &start);
  gtk_text_buffer_place_cursor (body, &start);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.heading", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.heading", NULL);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "## Eins\nZwei");
  g_clear_pointer (&text, g_free);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.heading", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.heading", NULL);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "Eins\nZwei");
  g_clear_pointer (&text, g_free);

  gtk_text_buffer_get_bounds (body, &start, &end);
  gtk_text_buffer_select_range (body, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.numbered-list", NULL);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "1. Eins\n2. Zwei");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_bounds (body, &start, &end);
  gtk_text_buffer_select_range (body, &start, &end);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.numbered-list", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.quote", NULL);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "> Eins\n> Zwei");
  g_clear_pointer (&text, g_free);

  /* With the title focused, Ctrl+B does not touch the body. */
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "title_view")));
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.bullet-list", NULL);
  text = buffer_text (body);
  g_assert_cmpstr (text, ==, "> Eins\n> Zwei");
}

static void
test_editor_slug (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) fresh = nd_item_new ();
  GtkEditable *slug;
  GtkTextBuffer *title;

  nd_item_set_language (fresh, "de");
  g_assert_true (nd_store_save_item (f->store, fresh, ND_REVISION_REASON_CREATED, &error));
  nd_item_editor_set_item_id (f->editor, nd_item_get_id (fresh));
  slug = GTK_EDITABLE (child (f, "slug_entry"));
  title = buffer (f, "title_view");

  gtk_text_buffer_insert_at_cursor (title, "Konferenz in Brüssel!", -1);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==, "konferenz-in-bruessel");

  /* Written by hand, the slug stays. */
  gtk_editable_set_text (slug, "eigener-slug");
  gtk_text_buffer_insert_at_cursor (title, " Nachtrag", -1);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==, "eigener-slug");

  /* A pasted line break does not split the title. */
  gtk_text_buffer_insert_at_cursor (title, "\nzwei", -1);
  g_assert_cmpint (gtk_text_buffer_get_line_count (title), ==, 1);
}

/* Once the item is published to any target, its slug is the post's
 * address: a new title no longer changes it; only the editor's own slug
 * does. Before, it follows the title. */
static void
test_editor_slug_published (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) target = nd_target_new ("site", ND_TARGET_TYPE_WORDPRESS, "https://example.org", "erika");
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(NdItem) saved = NULL;
  g_autoptr(NdItem) chosen = NULL;
  g_autofree char *published_slug = NULL;
  GtkEditable *slug;
  GtkTextBuffer *title;
  GtkTextIter end;

  nd_item_editor_set_item_id (f->editor, f->id);
  slug = GTK_EDITABLE (child (f, "slug_entry"));
  title = buffer (f, "title_view");

  /* The import gave the slug the title gives, so it follows the title */
  g_assert_cmpstr (gtk_editable_get_text (slug), ==,
                   "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel");
  gtk_text_buffer_get_end_iter (title, &end);
  gtk_text_buffer_insert (title, &end, " (Nachtrag)", -1);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==,
                   "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel-nachtrag");
  g_assert_true (nd_item_editor_flush (f->editor, &error));
  g_assert_no_error (error);
  published_slug = g_strdup (gtk_editable_get_text (slug));

  /* Published to a target */
  g_assert_true (nd_store_add_target (f->store, target, &error));
  g_assert_no_error (error);
  remote.remote_id = g_strdup ("42");
  remote.url = g_strdup ("https://example.org/eccp-rueckblick/");
  remote.status = g_strdup ("publish");
  g_assert_true (nd_store_set_remote_item (f->store, f->id, "site", &remote, &error));
  g_assert_no_error (error);
  nd_item_editor_set_item_id (f->editor, NULL);
  nd_item_editor_set_item_id (f->editor, f->id);

  /* A new title leaves the slug, in the window and in the store */
  gtk_text_buffer_set_text (title, "Ganz anderer Titel", -1);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==, published_slug);
  g_assert_true (nd_item_editor_flush (f->editor, &error));
  saved = load_from_file (f, f->id);
  g_assert_cmpstr (nd_item_get_title (saved), ==, "Ganz anderer Titel");
  g_assert_cmpstr (nd_item_get_slug (saved), ==, published_slug);

  /* Emptied, it does not follow the title again: the site keeps its address */
  gtk_editable_set_text (slug, "");
  gtk_text_buffer_insert_at_cursor (title, " 2", -1);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==, "");

  /* Written by hand, the new slug is the editor's choice */
  gtk_editable_set_text (slug, "neuer-slug");
  g_assert_true (nd_item_editor_flush (f->editor, &error));
  chosen = load_from_file (f, f->id);
  g_assert_cmpstr (nd_item_get_slug (chosen), ==, "neuer-slug");
}

/* The texts of the labels under @widget, joined by newlines. */
static void
collect_labels (GtkWidget *widget,
                GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, texts);
}

/* The checklist the editor shows holds a line with @data. */
static gboolean
checklist_shows (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (child (f, "image_panel"));
  GtkWidget *problems = GTK_WIDGET (gtk_widget_get_template_child (panel, ND_TYPE_IMAGE_PANEL,
                                                                    "problems_box"));
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_labels (problems, texts);

  return gtk_widget_is_visible (problems) && strstr (texts->str, data) != NULL;
}

static gboolean
title_in_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(NdItem) item = load_from_file (f, f->id);

  return g_strcmp0 (nd_item_get_title (item), data) == 0;
}

static void
test_editor_limits (Fixture       *f,
                    gconstpointer  data)
{
  GtkTextBuffer *title = NULL;
  g_autofree char *long_title = g_strnfill (251, 't');
  g_autofree char *over_title = g_strnfill (1001, 'o');

  nd_item_editor_set_item_id (f->editor, f->id);
  title = buffer (f, "title_view");

  /* Long but allowed: saved, and the checklist warns. */
  gtk_text_buffer_set_text (title, long_title, -1);
  wait_for (f, title_in_file, long_title);
  wait_for (f, checklist_shows, "The title is 251 characters long; at most 250 are advisable");

  /* Over the maximum: still saved (the editor loses no text), and the
   * checklist says it blocks publishing. */
  gtk_text_buffer_set_text (title, over_title, -1);
  wait_for (f, title_in_file, over_title);
  wait_for (f, checklist_shows, "The title is 1001 characters long; at most 1000 are allowed");
}

static void
test_editor_control_characters (Fixture       *f,
                                gconstpointer  data)
{
  GtkTextBuffer *title = NULL;
  GtkTextBuffer *body = NULL;
  GtkEditable *slug = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *body_text = NULL;
  int position = 0;

  nd_item_editor_set_item_id (f->editor, f->id);
  title = buffer (f, "title_view");
  body = buffer (f, "body_view");
  slug = GTK_EDITABLE (child (f, "slug_entry"));

  /* Pasted terminal escapes lose their control characters. */
  gtk_text_buffer_set_text (title, "", -1);
  gtk_text_buffer_insert_at_cursor (title, "Red \033[31malert\007\r\nnow", -1);
  title_text = buffer_text (title);
  g_assert_cmpstr (title_text, ==, "Red [31malert now");

  gtk_text_buffer_set_text (body, "", -1);
  gtk_text_buffer_insert_at_cursor (body, "Tab\tkept\nline kept\033]0;gone\007\x7f", -1);
  body_text = buffer_text (body);
  g_assert_cmpstr (body_text, ==, "Tab\tkept\nline kept]0;gone");

  gtk_editable_set_text (slug, "");
  gtk_editable_insert_text (slug, "slug\033-x\302\233y", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (slug), ==, "slug-xy");

  wait_for (f, title_in_file, "Red [31malert now");
}

typedef struct
{
  GString *removed;
  GString *added;
  GString *old_text;
  GString *new_text;
} DiffResult;

static void
collect_cb (NdDiffOp    op,
            const char *text,
            gsize       len,
            gpointer    user_data)
{
  DiffResult *r = user_data;

  switch (op)
    {
    case ND_DIFF_EQUAL:
      g_string_append_len (r->old_text, text, len);
      g_string_append_len (r->new_text, text, len);
      break;

    case ND_DIFF_REMOVED:
      g_string_append_len (r->removed, text, len);
      g_string_append_c (r->removed, '|');
      g_string_append_len (r->old_text, text, len);
      break;

    case ND_DIFF_ADDED:
      g_string_append_len (r->added, text, len);
      g_string_append_c (r->added, '|');
      g_string_append_len (r->new_text, text, len);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
check_diff (const char *old_text,
            const char *new_text,
            const char *removed,
            const char *added)
{
  DiffResult r = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL), g_string_new (NULL) };

  nd_diff_texts (old_text, new_text, collect_cb, &r);
  /* The runs spell both texts... */
  g_assert_cmpstr (r.old_text->str, ==, old_text);
  g_assert_cmpstr (r.new_text->str, ==, new_text);
  /* ...and mark just what changed. */
  g_assert_cmpstr (r.removed->str, ==, removed);
  g_assert_cmpstr (r.added->str, ==, added);

  g_string_free (r.removed, TRUE);
  g_string_free (r.added, TRUE);
  g_string_free (r.old_text, TRUE);
  g_string_free (r.new_text, TRUE);
}

static void
test_diff (void)
{
  check_diff ("", "", "", "");
  check_diff ("gleich", "gleich", "", "");
  check_diff ("Die Konferenz in Brüssel", "Die Tagung in Brüssel", "Konferenz|", "Tagung|");
  check_diff ("eins zwei drei", "eins drei", "zwei |", "");
  check_diff ("eins drei", "null eins drei vier", "", "null | vier|");
  check_diff ("a b c d", "x b y d", "a|c|", "x|y|");
  check_diff ("", "neu", "", "neu|");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_add_func ("/editor/diff", test_diff);

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

  g_test_add_func ("/editor/empty", test_editor_empty);
  ADD ("/editor/load", test_editor_load);
  ADD ("/editor/autosave", test_editor_autosave);
  ADD ("/editor/flush", test_editor_flush);
  ADD ("/editor/switch", test_editor_switch);
  ADD ("/editor/save-version", test_editor_save_version);
  ADD ("/editor/tags", test_editor_tags);
  ADD ("/editor/history", test_editor_history);
  ADD ("/editor/formatting", test_editor_formatting);
  ADD ("/editor/slug", test_editor_slug);
  ADD ("/editor/slug-published", test_editor_slug_published);
  ADD ("/editor/limits", test_editor_limits);
  ADD ("/editor/control-characters", test_editor_control_characters);

#undef ADD

  return g_test_run ();
}
