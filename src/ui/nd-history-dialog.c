/* nd-history-dialog.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-history-dialog.h"
#include "nd-item-json.h"
#include "nd-item.h"
#include "nd-revision.h"
#include "nd-store.h"

/* Above this many cells the word diff falls back to lines, and above it
 * again to "all removed, all added": 4 M cells are 16 MB for a moment. */
#define MAX_DIFF_CELLS (4 * 1024 * 1024)

struct _NdHistoryDialog
{
  AdwWindow       parent_instance;

  /* Template Widgets */
  GtkTextView    *diff_view;
  GtkListBox     *revision_list;
  GtkStack       *stack;
  AdwWindowTitle *window_title;

  /* Owned References */
  NdStore        *store;
  char           *item_id;
  NdItem         *current;
  GPtrArray      *revisions;  /* NdRevision, oldest first */
};

G_DEFINE_FINAL_TYPE (NdHistoryDialog, nd_history_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Diff ------------------------------------------------------------------ */

typedef struct
{
  guint offset;
  guint len;
} Token;

/* Words and the whitespace between them, or whole lines. */
static GArray *
tokenize (const char *text,
          gboolean    by_line)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      if (by_line)
        {
          const char *nl = strchr (p, '\n');

          p = nl != NULL ? nl + 1 : p + strlen (p);
        }
      else
        {
          gboolean space = g_unichar_isspace (g_utf8_get_char (p));

          while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)) == space)
            p = g_utf8_next_char (p);
        }

      g_array_append_val (tokens, ((Token) { start - text, p - start }));
    }

  return tokens;
}

static gboolean
token_equal (const char  *a,
             const Token *ta,
             const char  *b,
             const Token *tb)
{
  return ta->len == tb->len && memcmp (a + ta->offset, b + tb->offset, ta->len) == 0;
}

typedef struct
{
  const char *a;
  const char *b;
  NdDiffFunc  func;
  gpointer    user_data;
  /* The pending hunk: byte ranges in a (removed) and b (added). */
  gsize       removed_start, removed_end;
  gsize       added_start, added_end;
} Emitter;

static void
emitter_flush (Emitter *e)
{
  if (e->removed_end > e->removed_start)
    e->func (ND_DIFF_REMOVED, e->a + e->removed_start, e->removed_end - e->removed_start, e->user_data);
  if (e->added_end > e->added_start)
    e->func (ND_DIFF_ADDED, e->b + e->added_start, e->added_end - e->added_start, e->user_data);
  e->removed_start = e->removed_end = 0;
  e->added_start = e->added_end = 0;
}

static void
emit (Emitter     *e,
      NdDiffOp     op,
      const Token *token)
{
  gsize *start, *end;

  switch (op)
    {
    case ND_DIFF_EQUAL:
      emitter_flush (e);
      e->func (ND_DIFF_EQUAL, e->b + token->offset, token->len, e->user_data);
      return;

    case ND_DIFF_REMOVED:
      start = &e->removed_start;
      end = &e->removed_end;
      break;

    case ND_DIFF_ADDED:
      start = &e->added_start;
      end = &e->added_end;
      break;

    default:
      g_assert_not_reached ();
    }

  if (*end == *start)
    *start = token->offset;
  *end = token->offset + token->len;
}

/* Longest common subsequence over the middle part of the token lists
 * (the common head and tail are cut off first, which is most of a text
 * that changed in one place). */
static gboolean
diff_tokens (Emitter *e,
             GArray  *ta,
             GArray  *tb)
{
  const Token *a = (const Token *)ta->data;
  const Token *b = (const Token *)tb->data;
  guint head = 0, tail = 0;
  guint n, m;
  g_autofree guint32 *lcs = NULL;
  guint i, j;

  while (head < ta->len && head < tb->len && token_equal (e->a, &a[head], e->b, &b[head]))
    head++;
  while (tail < ta->len - head && tail < tb->len - head
         && token_equal (e->a, &a[ta->len - 1 - tail], e->b, &b[tb->len - 1 - tail]))
    tail++;

  n = ta->len - head - tail;
  m = tb->len - head - tail;
  if ((guint64)(n + 1) * (m + 1) > MAX_DIFF_CELLS)
    return FALSE;

  for (i = 0; i < head; i++)
    emit (e, ND_DIFF_EQUAL, &b[i]);

  /* lcs[i * (m + 1) + j]: the LCS length of a[i..n) and b[j..m). */
  lcs = g_new0 (guint32, (gsize)(n + 1) * (m + 1));
  for (i = n; i-- > 0;)
    for (j = m; j-- > 0;)
      lcs[i * (m + 1) + j] = token_equal (e->a, &a[head + i], e->b, &b[head + j])
        ? lcs[(i + 1) * (m + 1) + j + 1] + 1
        : MAX (lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);

  i = j = 0;
  while (i < n || j < m)
    {
      if (i < n && j < m && token_equal (e->a, &a[head + i], e->b, &b[head + j]))
        {
          emit (e, ND_DIFF_EQUAL, &b[head + j]);
          i++, j++;
        }
      else if (j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]))
        emit (e, ND_DIFF_REMOVED, &a[head + i++]);
      else
        emit (e, ND_DIFF_ADDED, &b[head + j++]);
    }

  for (i = tb->len - tail; i < tb->len; i++)
    emit (e, ND_DIFF_EQUAL, &b[i]);
  emitter_flush (e);

  return TRUE;
}

/**
 * nd_diff_texts:
 * @old_text: the earlier text
 * @new_text: the later text
 * @func: called for each run, in the order of the texts
 *
 * Calls @func with runs that together spell @old_text (equal and removed
 * runs) and @new_text (equal and added runs); removed text comes before
 * the text added in its place.
 */
void
nd_diff_texts (const char *old_text,
               const char *new_text,
               NdDiffFunc  func,
               gpointer    user_data)
{
  Emitter e = { old_text, new_text, func, user_data, 0, 0, 0, 0 };

  g_return_if_fail (old_text != NULL);
  g_return_if_fail (new_text != NULL);
  g_return_if_fail (func != NULL);

  for (guint by_line = 0; by_line < 2; by_line++)
    {
      g_autoptr(GArray) ta = tokenize (old_text, by_line);
      g_autoptr(GArray) tb = tokenize (new_text, by_line);

      if (diff_tokens (&e, ta, tb))
        return;
    }

  if (*old_text != '\0')
    func (ND_DIFF_REMOVED, old_text, strlen (old_text), user_data);
  if (*new_text != '\0')
    func (ND_DIFF_ADDED, new_text, strlen (new_text), user_data);
}

/* The dialog ------------------------------------------------------------ */

static void
append_run_cb (NdDiffOp    op,
               const char *text,
               gsize       len,
               gpointer    user_data)
{
  GtkTextBuffer *buffer = user_data;
  GtkTextIter end;
  const char *tag = NULL;

  switch (op)
    {
    case ND_DIFF_EQUAL:
      break;

    case ND_DIFF_REMOVED:
      tag = "removed";
      break;

    case ND_DIFF_ADDED:
      tag = "added";
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, len, tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, len);
}

static void
append_section (GtkTextBuffer *buffer,
                const char    *heading,
                const char    *old_text,
                const char    *new_text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, heading, -1, "heading", NULL);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);

  if (*old_text == '\0' && *new_text == '\0')
    {
      /* Translators: shown in the history for an empty field */
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, _("Empty"), -1, "note", NULL);
    }
  else
    nd_diff_texts (old_text, new_text, append_run_cb, buffer);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
}

static NdRevision *
find_revision (NdHistoryDialog *self,
               guint            number)
{
  for (guint i = 0; i < self->revisions->len; i++)
    {
      NdRevision *revision = g_ptr_array_index (self->revisions, i);

      if (nd_revision_get_number (revision) == number)
        return revision;
    }

  return NULL;
}

static void
show_revision (NdHistoryDialog *self,
               NdRevision      *revision)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autoptr(NdItem) old = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", 0);

  if (!(old = nd_item_from_revision (revision, &error)))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, error->message, -1);
      return;
    }

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (g_strcmp0 (nd_item_get_title (old), nd_item_get_title (self->current)) == 0 &&
      g_strcmp0 (nd_item_get_teaser (old), nd_item_get_teaser (self->current)) == 0 &&
      g_strcmp0 (nd_item_get_body (old), nd_item_get_body (self->current)) == 0)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end,
                                              _("The text of this version is the current text."),
                                              -1, "note", NULL);
  else
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end,
                                              _("Compared with the current text: struck-through text is only in this version, highlighted text was added later."),
                                              -1, "note", NULL);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);

  /* Translators: a section of the difference between two versions */
  append_section (buffer, _("Title"), nd_item_get_title (old), nd_item_get_title (self->current));
  append_section (buffer, _("Teaser"), nd_item_get_teaser (old), nd_item_get_teaser (self->current));
  append_section (buffer, _("Text"), nd_item_get_body (old), nd_item_get_body (self->current));
}

static void
revision_selected_cb (NdHistoryDialog *self,
                      GtkListBoxRow   *row)
{
  NdRevision *revision = NULL;

  if (row != NULL)
    revision = find_revision (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "number")));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", revision != NULL);
  if (revision != NULL)
    show_revision (self, revision);
}

static GtkWidget *
create_row (NdRevision *revision)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title, *subtitle;
  g_autofree char *title_text = NULL;
  g_autofree char *iso = g_date_time_format_iso8601 (nd_revision_get_created (revision));
  g_autofree char *when = nd_date_format_for_display (iso);
  g_autofree char *subtitle_text = NULL;

  /* Translators: a revision in the history list; %u is its number */
  title_text = g_strdup_printf (_("Version %u"), nd_revision_get_number (revision));
  /* Translators: time and reason of a revision: "14.05.2024 10:30 · Named version" */
  subtitle_text = g_strdup_printf (_("%s · %s"), when != NULL ? when : "",
                                   nd_revision_reason_to_display (nd_revision_get_reason (revision)));

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  subtitle = gtk_label_new (subtitle_text);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "number", GUINT_TO_POINTER (nd_revision_get_number (revision)));

  return row;
}

static void
load (NdHistoryDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->current);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);

  if (!(self->current = nd_store_load_item (self->store, self->item_id, &error)) ||
      !(self->revisions = nd_store_list_revisions (self->store, self->item_id, &error)))
    {
      g_warning ("Could not load the history of %s: %s", self->item_id, error->message);
      self->revisions = g_ptr_array_new ();
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  adw_window_title_set_subtitle (self->window_title,
                                 self->current != NULL ? nd_item_get_title (self->current) : NULL);

  for (guint i = self->revisions->len; i-- > 0;)
    gtk_list_box_append (self->revision_list, create_row (g_ptr_array_index (self->revisions, i)));

  gtk_stack_set_visible_child_name (self->stack, self->revisions->len > 0 ? "revisions" : "empty");
  gtk_list_box_select_row (self->revision_list, gtk_list_box_get_row_at_index (self->revision_list, 0));
}

static gboolean
same_content (NdItem *a,
              NdItem *b)
{
  return nd_item_get_kind (a) == nd_item_get_kind (b) &&
         g_strcmp0 (nd_item_get_language (a), nd_item_get_language (b)) == 0 &&
         g_strcmp0 (nd_item_get_title (a), nd_item_get_title (b)) == 0 &&
         g_strcmp0 (nd_item_get_teaser (a), nd_item_get_teaser (b)) == 0 &&
         g_strcmp0 (nd_item_get_body (a), nd_item_get_body (b)) == 0 &&
         g_strcmp0 (nd_item_get_slug (a), nd_item_get_slug (b)) == 0 &&
         g_strcmp0 (nd_item_get_author (a), nd_item_get_author (b)) == 0 &&
         g_strcmp0 (nd_item_get_date (a), nd_item_get_date (b)) == 0 &&
         g_strv_equal ((const char * const *)nd_item_get_tags (a),
                       (const char * const *)nd_item_get_tags (b));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdHistoryDialog *self = ND_HISTORY_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->revision_list);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (row == NULL)
    return;

  if (nd_history_dialog_restore (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "number")),
                                 &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Restore the Version"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
nd_history_dialog_dispose (GObject *object)
{
  NdHistoryDialog *self = ND_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->current);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_history_dialog_parent_class)->dispose (object);
}

static void
nd_history_dialog_finalize (GObject *object)
{
  NdHistoryDialog *self = ND_HISTORY_DIALOG (object);

  g_clear_pointer (&self->item_id, g_free);

  G_OBJECT_CLASS (nd_history_dialog_parent_class)->finalize (object);
}

static void
nd_history_dialog_class_init (NdHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_history_dialog_dispose;
  object_class->finalize = nd_history_dialog_finalize;

  /**
   * NdHistoryDialog::restored:
   * @number: the revision that was restored
   *
   * The item in the store now has that revision's text.
   */
  signals [RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "history.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NdHistoryDialog, diff_view);
  gtk_widget_class_bind_template_child (widget_class, NdHistoryDialog, revision_list);
  gtk_widget_class_bind_template_child (widget_class, NdHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, NdHistoryDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, revision_selected_cb);
}

static void
nd_history_dialog_init (NdHistoryDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tinted backgrounds read in light and dark mode alike. */
  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "heading",
                              "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 18,
                              "pixels-below-lines", 6,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "note",
                              "style", PANGO_STYLE_ITALIC,
                              "scale", PANGO_SCALE_SMALL,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "removed",
                              "strikethrough", TRUE,
                              "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.22 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "added",
                              "background-rgba", &(GdkRGBA) { 0.18, 0.76, 0.49, 0.28 },
                              NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.restore", FALSE);
}

/**
 * nd_history_dialog_new:
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels
 */
NdHistoryDialog *
nd_history_dialog_new (GtkWindow  *parent,
                       NdStore    *store,
                       const char *item_id)
{
  NdHistoryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  self = g_object_new (ND_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->item_id = g_strdup (item_id);
  load (self);

  return self;
}

gboolean
nd_history_dialog_select_revision (NdHistoryDialog *self,
                                   guint            number)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_HISTORY_DIALOG (self), FALSE);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->revision_list, i)) != NULL; i++)
    {
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "number")) == number)
        {
          gtk_list_box_select_row (self->revision_list, row);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
nd_history_dialog_restore (NdHistoryDialog  *self,
                           guint             number,
                           GError          **error)
{
  NdRevision *revision;
  NdRevision *newest;
  g_autoptr(NdItem) old = NULL;
  g_autoptr(NdItem) latest = NULL;

  g_return_val_if_fail (ND_IS_HISTORY_DIALOG (self), FALSE);

  if (self->current == NULL || (revision = find_revision (self, number)) == NULL)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
                   _("There is no version %u of this item"), number);
      return FALSE;
    }

  if (!(old = nd_item_from_revision (revision, error)))
    return FALSE;

  /* What autosave wrote is in no revision yet: keep it as one, so that
   * restoring can itself be undone from the history. */
  newest = g_ptr_array_index (self->revisions, self->revisions->len - 1);
  latest = nd_item_from_revision (newest, NULL);
  if ((latest == NULL || !same_content (latest, self->current)) &&
      !nd_store_save_item (self->store, self->current, ND_REVISION_REASON_EDIT, error))
    return FALSE;

  nd_item_set_kind (self->current, nd_item_get_kind (old));
  nd_item_set_language (self->current, nd_item_get_language (old));
  nd_item_set_title (self->current, nd_item_get_title (old));
  nd_item_set_teaser (self->current, nd_item_get_teaser (old));
  nd_item_set_body (self->current, nd_item_get_body (old));
  nd_item_set_slug (self->current, nd_item_get_slug (old));
  nd_item_set_author (self->current, nd_item_get_author (old));
  nd_item_set_date (self->current, nd_item_get_date (old));
  nd_item_set_tags (self->current, nd_item_get_tags (old));

  if (!nd_store_save_item (self->store, self->current, ND_REVISION_REASON_RESTORE, error))
    return FALSE;

  g_signal_emit (self, signals [RESTORED], 0, number);

  return TRUE;
}
