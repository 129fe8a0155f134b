/* nd-item-editor.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "nd-date.h"
#include "nd-history-dialog.h"
#include "nd-image-panel.h"
#include "nd-item.h"
#include "nd-item-editor.h"
#include "nd-store-outbox.h"
#include "nd-slug.h"
#include "nd-store.h"
#include "nd-tag-entry.h"
#include "nd-text-guard.h"

/* Edits are written at most this long after the first unsaved change;
 * the timer is not restarted by later keystrokes, so that steady typing
 * still reaches the store within a second. */
#define AUTOSAVE_DELAY_MS 750

/* The editor's few styles of its own: the title sits on the page like a
 * heading, tags are chips. */
static const char * const language_codes[] = { "de", "en" };

struct _NdItemEditor
{
  GtkWidget          parent_instance;

  /* Template Widgets */
  GtkEntry          *author_entry;
  GtkSourceView     *body_view;
  GtkCalendar       *calendar;
  GtkMenuButton     *date_button;
  GtkLabel          *date_label;
  AdwStatusPage     *error_page;
  GtkLabel          *error_label;
  NdImagePanel      *image_panel;
  GtkRevealer       *error_revealer;
  GtkDropDown       *kind_dropdown;
  GtkDropDown       *language_dropdown;
  GtkLabel          *saved_label;
  GtkEntry          *slug_entry;
  GtkStack          *stack;
  GtkDropDown       *status_dropdown;
  NdTagEntry        *tag_entry;
  GtkLabel          *teaser_count;
  GtkLabel          *teaser_hint;
  GtkTextView       *teaser_view;
  GtkEntry          *time_entry;
  GtkLabel          *title_placeholder;
  GtkTextView       *title_view;
  GtkLabel          *word_count;

  guint              remeasure_tick;

  /* Owned References */
  NdStore           *store;
  NdItem            *item;     /* the editor's copy; NULL with no item */
  char              *item_id;

  guint              autosave_source;
  guint              language_source;  /* sets the body's Markdown, or 0 */
  guint              version_saved;  /* shown until the next edit */

  guint              loading : 1;
  guint              saving : 1;
  guint              dirty : 1;
  guint              failed : 1;
  guint              slug_follows_title : 1;
};

G_DEFINE_FINAL_TYPE (NdItemEditor, nd_item_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM_ID,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void load_item (NdItemEditor *self);

/* Helpers ---------------------------------------------------------------- */

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Programmatic text is no undo step: the user cannot undo into an empty
 * editor or into the previous item. */
static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;
  gboolean has_alnum = FALSE;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (in_word && has_alnum)
            words++;
          in_word = has_alnum = FALSE;
          if (c == 0)
            break;
        }
      else
        {
          in_word = TRUE;
          has_alnum |= g_unichar_isalnum (c);
        }
    }

  return words;
}

/* Saving ----------------------------------------------------------------- */

static void
update_indicator (NdItemEditor *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), self->item != NULL);

  if (self->failed)
    text = g_strdup (_("Not saved"));
  else if (self->dirty)
    text = g_strdup (_("Saving…"));
  else if (self->version_saved > 0)
    /* Translators: shown after Ctrl+S; %u is the number of the version */
    text = g_strdup_printf (_("Version %u saved"), self->version_saved);
  else
    text = g_strdup (_("Saved"));

  gtk_label_set_text (self->saved_label, text);
  if (self->failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
}

static void
set_dirty (NdItemEditor *self,
           gboolean      dirty)
{
  gboolean was_saved = nd_item_editor_get_saved (self);

  self->dirty = !!dirty;
  update_indicator (self);

  if (was_saved != nd_item_editor_get_saved (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVED]);
}

/* Everything but the date (which the date popover sets directly) is
 * read from the widgets when it is written, not on every keystroke. */
static void
sync_item (NdItemEditor *self)
{
  g_autofree char *title = dup_buffer_text (self->title_view);
  g_autofree char *teaser = dup_buffer_text (self->teaser_view);
  g_autofree char *body = dup_buffer_text (GTK_TEXT_VIEW (self->body_view));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);

  g_assert (self->item != NULL);

  nd_item_set_title (self->item, title);
  nd_item_set_teaser (self->item, teaser);
  nd_item_set_body (self->item, body);
  nd_item_set_author (self->item, gtk_editable_get_text (GTK_EDITABLE (self->author_entry)));
  nd_item_set_slug (self->item, gtk_editable_get_text (GTK_EDITABLE (self->slug_entry)));
  if (kind != GTK_INVALID_LIST_POSITION)
    nd_item_set_kind (self->item, (NdItemKind)kind);
  if (status != GTK_INVALID_LIST_POSITION)
    nd_item_set_status (self->item, (NdItemStatus)status);
  /* A language we offer no choice for stays as it is. */
  if (language < G_N_ELEMENTS (language_codes))
    nd_item_set_language (self->item, language_codes[language]);
  nd_item_set_tags (self->item, nd_tag_entry_get_tags (self->tag_entry));
}

static gboolean
save (NdItemEditor      *self,
      NdRevisionReason   reason,
      GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->item == NULL || (!self->dirty && reason == ND_REVISION_REASON_NONE))
    return TRUE;

  sync_item (self);

  self->saving = TRUE;
  ok = nd_store_save_item (self->store, self->item, reason, &local_error);
  self->saving = FALSE;

  self->failed = !ok;
  gtk_revealer_set_reveal_child (self->error_revealer, !ok);

  if (!ok)
    {
      /* The text stays in the widgets and the editor stays dirty: the
       * next edit or focus change tries again. */
      gtk_label_set_text (self->error_label, local_error->message);
      update_indicator (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->version_saved = reason == ND_REVISION_REASON_NONE ? 0 : nd_item_get_revision (self->item);
  set_dirty (self, FALSE);
  /* The checklist reads the item, which has the typed text only now. */
  nd_image_panel_update_checklist (self->image_panel);

  return TRUE;
}

static void
save_quietly (NdItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* The error is shown in the editor. */
  if (!save (self, ND_REVISION_REASON_NONE, &error))
    g_debug ("Could not save %s: %s", self->item_id, error->message);
}

static gboolean
autosave_cb (gpointer user_data)
{
  NdItemEditor *self = user_data;

  self->autosave_source = 0;
  save_quietly (self);

  return G_SOURCE_REMOVE;
}

static void
changed (NdItemEditor *self)
{
  if (self->loading || self->item == NULL)
    return;

  self->version_saved = 0;
  set_dirty (self, TRUE);

  if (self->autosave_source == 0)
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

/* Loading ---------------------------------------------------------------- */

static void
update_teaser_count (NdItemEditor *self)
{
  int n = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->teaser_view));
  g_autofree char *text = NULL;

  /* Translators: the length of the teaser */
  text = g_strdup_printf (ngettext ("%'d character", "%'d characters", n), n);
  gtk_label_set_text (self->teaser_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->teaser_hint), n > (int) nd_field_get_limit (ND_FIELD_TEASER)->warn);
}

static void
update_word_count (NdItemEditor *self)
{
  g_autofree char *body = dup_buffer_text (GTK_TEXT_VIEW (self->body_view));
  guint n = count_words (body);
  g_autofree char *text = NULL;

  /* Translators: the length of an item's text */
  text = g_strdup_printf (ngettext ("%'u word", "%'u words", n), n);
  gtk_label_set_text (self->word_count, text);
}

static void
update_date_widgets (NdItemEditor *self)
{
  const char *iso = nd_item_get_date (self->item);
  g_autofree char *shown = iso != NULL ? nd_date_format_for_display (iso) : NULL;
  g_autoptr(GDateTime) date_time = iso != NULL ? nd_date_to_date_time (iso) : NULL;

  gtk_label_set_text (self->date_label, shown != NULL ? shown : _("No date"));
  gtk_widget_set_sensitive (GTK_WIDGET (gtk_widget_get_next_sibling (GTK_WIDGET (self->time_entry))),
                            iso != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");

  if (date_time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date_time);
      g_autofree char *time = nd_date_has_time (iso) ? g_date_time_format (local, "%H:%M") : NULL;

      gtk_calendar_select_day (self->calendar, nd_date_has_time (iso) ? local : date_time);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time != NULL ? time : "");
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      gtk_calendar_select_day (self->calendar, now);
      gtk_editable_set_text (GTK_EDITABLE (self->time_entry), "");
    }
}

static void
select_language (NdItemEditor *self,
                 const char   *language)
{
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < G_N_ELEMENTS (language_codes); i++)
    if (g_strcmp0 (language, language_codes[i]) == 0)
      position = i;

  gtk_drop_down_set_selected (self->language_dropdown, position);
}

static gboolean
remeasure_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);

  gtk_widget_queue_resize (GTK_WIDGET (self->title_view));
  gtk_widget_queue_resize (GTK_WIDGET (self->teaser_view));
  self->remeasure_tick = 0;

  return G_SOURCE_REMOVE;
}

/* The title and teaser views size themselves to their text, but a text
 * view lays its text out lazily: text set before the window was shown
 * would keep the height of an empty view (0 px for the title). So they
 * are measured again on the frame after the text is in place. */
static void
remeasure_text_fields (NdItemEditor *self)
{
  if (self->remeasure_tick == 0)
    self->remeasure_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), remeasure_tick_cb,
                                                         NULL, NULL);
}

/* Whether the item was sent to any target: then its slug is a published
 * address. A store that cannot say counts as published, which only keeps
 * the slug as it is. */
static gboolean
is_published (NdItemEditor *self)
{
  g_autoptr(GPtrArray) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = nd_store_list_remote_items (self->store, nd_item_get_id (self->item), &error);
  if (remote == NULL)
    {
      g_warning ("Cannot read where item %s is published: %s", nd_item_get_id (self->item), error->message);
      return TRUE;
    }

  return remote->len > 0;
}

static void
show_item (NdItemEditor *self)
{
  g_autofree char *derived = NULL;

  self->loading = TRUE;

  set_buffer_text (self->title_view, nd_item_get_title (self->item));
  set_buffer_text (self->teaser_view, nd_item_get_teaser (self->item));
  set_buffer_text (GTK_TEXT_VIEW (self->body_view), nd_item_get_body (self->item));
  gtk_editable_set_text (GTK_EDITABLE (self->author_entry), nd_item_get_author (self->item));
  gtk_editable_set_text (GTK_EDITABLE (self->slug_entry), nd_item_get_slug (self->item));
  gtk_drop_down_set_selected (self->kind_dropdown, nd_item_get_kind (self->item));
  gtk_drop_down_set_selected (self->status_dropdown, nd_item_get_status (self->item));
  select_language (self, nd_item_get_language (self->item));
  nd_tag_entry_set_tags (self->tag_entry, nd_item_get_tags (self->item));
  update_date_widgets (self);
  update_teaser_count (self);
  update_word_count (self);
  nd_image_panel_set_item (self->image_panel, self->item);

  /* The slug follows the title until someone writes a slug of their own,
   * or until the item is first published: from then on it is the post's
   * address, and it changes only when the editor types a new one. */
  derived = nd_slug_from_title (nd_item_get_title (self->item), nd_item_get_language (self->item));
  self->slug_follows_title = !is_published (self) &&
                             (nd_item_get_slug (self->item)[0] == '\0' ||
                              g_strcmp0 (derived, nd_item_get_slug (self->item)) == 0);

  remeasure_text_fields (self);

  self->loading = FALSE;
}

static void
load_item (NdItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->item);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->failed = FALSE;
  self->version_saved = 0;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  nd_image_panel_set_item (self->image_panel, NULL);

  if (self->item_id == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (!(self->item = nd_store_load_item (self->store, self->item_id, &error)))
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      show_item (self);
      gtk_stack_set_visible_child_name (self->stack, "editor");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-version", self->item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", self->item != NULL);
  set_dirty (self, FALSE);
}

/* Store ------------------------------------------------------------------ */

static void
store_item_changed_cb (NdItemEditor  *self,
                       const char    *id,
                       NdStoreChange  change,
                       NdStore       *store)
{
  /* Our own saves are no news to us. */
  if (self->saving || self->item_id == NULL || g_strcmp0 (id, self->item_id) != 0)
    return;

  switch (change)
    {
    case ND_STORE_CHANGE_REMOVED:
      /* Nothing pending may bring a deleted item back. */
      set_dirty (self, FALSE);
      nd_item_editor_set_item_id (self, NULL);
      break;

    case ND_STORE_CHANGE_MODIFIED:
    case ND_STORE_CHANGE_ADDED:
      /* Changed elsewhere (a restored version, the list, the command
       * line): show it, unless we have edits of our own to write. */
      if (!self->dirty)
        load_item (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Widget callbacks ------------------------------------------------------- */

static void
title_changed_cb (NdItemEditor  *self,
                  GtkTextBuffer *buffer)
{
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->title_placeholder),
                          gtk_text_buffer_get_char_count (buffer) == 0);

  if (self->loading || self->item == NULL)
    return;

  if (self->slug_follows_title)
    {
      g_autofree char *slug = NULL;
      guint language = gtk_drop_down_get_selected (self->language_dropdown);

      title = dup_buffer_text (self->title_view);
      slug = nd_slug_from_title (title, language < G_N_ELEMENTS (language_codes)
                             ? language_codes[language]
                             : nd_item_get_language (self->item));
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->slug_entry), slug);
      self->loading = FALSE;
    }

  changed (self);
}

static gboolean
title_key_pressed_cb (NdItemEditor          *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->teaser_view));
  return TRUE;
}

static void
teaser_changed_cb (NdItemEditor *self)
{
  update_teaser_count (self);
  changed (self);
}

static void
body_changed_cb (NdItemEditor *self)
{
  update_word_count (self);
  changed (self);
}

static void
field_changed_cb (NdItemEditor *self)
{
  changed (self);
}

static void
slug_changed_cb (NdItemEditor *self)
{
  if (self->loading)
    return;

  /* Emptied, it follows the title again; not once published, where an
   * empty slug leaves the site's address as it is. */
  self->slug_follows_title = gtk_editable_get_text (GTK_EDITABLE (self->slug_entry))[0] == '\0' &&
                             !is_published (self);
  changed (self);
}

static void
focus_left_cb (NdItemEditor *self)
{
  if (self->dirty)
    save_quietly (self);
}

static void
set_date (NdItemEditor *self,
          const char   *iso)
{
  if (self->loading || self->item == NULL || g_strcmp0 (iso, nd_item_get_date (self->item)) == 0)
    return;

  nd_item_set_date (self->item, iso);
  self->loading = TRUE;
  update_date_widgets (self);
  self->loading = FALSE;
  changed (self);
}

/* The calendar's day with the time entry's time, if it has one. */
static void
apply_date (NdItemEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  const char *time = gtk_editable_get_text (GTK_EDITABLE (self->time_entry));
  g_autofree char *text = NULL;
  g_autofree char *iso = NULL;

  if (time[0] == '\0')
    {
      set_date (self, date);
      return;
    }

  text = g_strdup_printf ("%s %s", date, time);
  if (!(iso = nd_date_parse (text, NULL)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
      return;
    }

  set_date (self, iso);
}

static void
calendar_day_selected_cb (NdItemEditor *self)
{
  if (!self->loading)
    apply_date (self);
}

static void
time_entry_activate_cb (NdItemEditor *self)
{
  apply_date (self);
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->time_entry), "error"))
    gtk_menu_button_popdown (self->date_button);
}

static void
date_popover_closed_cb (NdItemEditor *self)
{
  /* A time typed without Enter counts too. */
  if (self->item != NULL && nd_item_get_date (self->item) != NULL)
    apply_date (self);
  focus_left_cb (self);
}

static void
remove_date_clicked_cb (NdItemEditor *self)
{
  set_date (self, NULL);
  gtk_menu_button_popdown (self->date_button);
}

static void
update_style_scheme (NdItemEditor *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  const char *name = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, name));
}

/* Formatting ------------------------------------------------------------- */

/* The body takes formatting unless another text field has the focus. */
static GtkTextBuffer *
formatting_buffer (NdItemEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->item == NULL)
    return NULL;

  if (focus != NULL && focus != GTK_WIDGET (self->body_view) &&
      (GTK_IS_TEXT_VIEW (focus) || GTK_IS_TEXT (focus)))
    return NULL;

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
}

static void
wrap_selection (GtkTextBuffer *buffer,
                const char    *prefix,
                const char    *suffix,
                gboolean       cursor_after_selection)
{
  GtkTextIter start, end;
  GtkTextMark *start_mark, *end_mark;
  gboolean selected = gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  gtk_text_buffer_begin_user_action (buffer);

  start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);

  gtk_text_buffer_insert (buffer, &end, suffix, -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
  gtk_text_buffer_insert (buffer, &start, prefix, -1);

  /* The wrapped text stays selected; with nothing selected the cursor
   * lands between the markers. For a link it goes into the URL. */
  gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
  gtk_text_iter_forward_chars (&start, g_utf8_strlen (prefix, -1));
  if (cursor_after_selection && selected)
    {
      /* end_mark moved past the suffix "]()": back into the parentheses. */
      gtk_text_iter_backward_char (&end);
      gtk_text_buffer_place_cursor (buffer, &end);
    }
  else if (selected)
    {
      gtk_text_iter_backward_chars (&end, g_utf8_strlen (suffix, -1));
      gtk_text_buffer_select_range (buffer, &start, &end);
    }
  else
    gtk_text_buffer_place_cursor (buffer, &start);

  gtk_text_buffer_delete_mark (buffer, start_mark);
  gtk_text_buffer_delete_mark (buffer, end_mark);
  gtk_text_buffer_end_user_action (buffer);
}

static void
format_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  GtkTextBuffer *buffer = formatting_buffer (self);

  if (buffer == NULL)
    return;

  if (g_str_equal (action_name, "editor.bold"))
    wrap_selection (buffer, "**", "**", FALSE);
  else if (g_str_equal (action_name, "editor.italic"))
    wrap_selection (buffer, "*", "*", FALSE);
  else if (g_str_equal (action_name, "editor.link"))
    wrap_selection (buffer, "[", "]()", TRUE);
  else
    g_assert_not_reached ();

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view),
                                      gtk_text_buffer_get_insert (buffer));
}

typedef enum
{
  LINE_BULLET,
  LINE_NUMBERED,
  LINE_QUOTE,
} LineStyle;

/* The length of @style's marker at the start of @line, or 0. */
static gsize
line_marker_length (const char *line,
                    LineStyle   style)
{
  const char *p = line;

  switch (style)
    {
    case LINE_BULLET:
      return (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ' ? 2 : 0;

    case LINE_QUOTE:
      return line[0] == '>' ? (line[1] == ' ' ? 2 : 1) : 0;

    case LINE_NUMBERED:
      while (g_ascii_isdigit (*p))
        p++;
      return p > line && (p[0] == '.' || p[0] == ')') && p[1] == ' ' ? (gsize)(p - line) + 2 : 0;

    default:
      g_assert_not_reached ();
    }
}

static char *
dup_line (GtkTextBuffer *buffer,
          int            line)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Lists and quotes: every selected line gets the marker, or, when all
 * have it already, loses it. */
static void
toggle_line_style (GtkTextBuffer *buffer,
                   LineStyle      style)
{
  GtkTextIter start, end;
  int first, last;
  gboolean all = TRUE;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  if (last > first && gtk_text_iter_starts_line (&end))
    last--;

  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = dup_line (buffer, line);

      all &= line_marker_length (text, style) > 0;
    }

  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      g_autofree char *text = dup_line (buffer, line);
      gsize marker = line_marker_length (text, style);
      GtkTextIter at, marker_end;

      gtk_text_buffer_get_iter_at_line (buffer, &at, line);
      if (all)
        {
          marker_end = at;
          gtk_text_iter_forward_chars (&marker_end, (int)marker);
          gtk_text_buffer_delete (buffer, &at, &marker_end);
        }
      else if (marker == 0)
        {
          g_autofree char *number = g_strdup_printf ("%d. ", line - first + 1);

          gtk_text_buffer_insert (buffer, &at,
                                  style == LINE_BULLET ? "- " : style == LINE_QUOTE ? "> " : number,
                                  -1);
        }
    }
  gtk_text_buffer_end_user_action (buffer);
}

static void
line_style_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  GtkTextBuffer *buffer = formatting_buffer (self);

  if (buffer == NULL)
    return;

  if (g_str_equal (action_name, "editor.bullet-list"))
    toggle_line_style (buffer, LINE_BULLET);
  else if (g_str_equal (action_name, "editor.numbered-list"))
    toggle_line_style (buffer, LINE_NUMBERED);
  else if (g_str_equal (action_name, "editor.quote"))
    toggle_line_style (buffer, LINE_QUOTE);
  else
    g_assert_not_reached ();
}

/* Cycles the cursor's line: paragraph → # → ## → ### → paragraph. */
static void
heading_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  GtkTextBuffer *buffer = formatting_buffer (self);
  g_autofree char *text = NULL;
  GtkTextIter cursor, start, marker_end;
  int line, level = 0;

  if (buffer == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&cursor);
  text = dup_line (buffer, line);
  while (text[level] == '#')
    level++;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  marker_end = start;
  gtk_text_iter_forward_chars (&marker_end, level + (level > 0 && text[level] == ' ' ? 1 : 0));
  gtk_text_buffer_delete (buffer, &start, &marker_end);
  if (level < 3)
    {
      g_autofree char *marker = g_strnfill (level + 1, '#');

      gtk_text_buffer_insert (buffer, &start, marker, -1);
      gtk_text_buffer_insert (buffer, &start, " ", 1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

/* Versions and history ---------------------------------------------------- */

static void
save_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!save (self, ND_REVISION_REASON_MANUAL, &error))
    g_debug ("Could not save a version of %s: %s", self->item_id, error->message);
  update_indicator (self);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  NdHistoryDialog *dialog;

  if (self->item_id == NULL)
    return;

  /* The dialog compares with, and restores over, what is in the store. */
  save_quietly (self);

  dialog = nd_history_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  self->store, self->item_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ----------------------------------------------------------------- */

static void
watch_focus (NdItemEditor *self,
             GtkWidget    *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);
}

static GListModel *
create_enum_model (guint          n,
                   const char *(*to_display) (int))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, to_display ((int)i));

  return G_LIST_MODEL (list);
}

static const char *
kind_display (int kind)
{
  return nd_item_kind_to_display ((NdItemKind)kind);
}

static const char *
status_display (int status)
{
  return nd_item_status_to_display ((NdItemStatus)status);
}

static void
setup_dropdowns (NdItemEditor *self)
{
  g_autoptr(GListModel) kinds = create_enum_model (ND_ITEM_KIND_PUBLICATION + 1, kind_display);
  g_autoptr(GListModel) statuses = create_enum_model (ND_ITEM_STATUS_WITHDRAWN + 1, status_display);
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);

  /* In the order of language_codes. */
  gtk_string_list_append (languages, _("German"));
  gtk_string_list_append (languages, _("English"));

  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (languages));

  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_dropdown, "notify::selected",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
setup_buffers (NdItemEditor *self)
{
  GtkTextBuffer *title = gtk_text_view_get_buffer (self->title_view);
  GtkSourceBuffer *body = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* A title is one paragraph: pasted line breaks become spaces; no
   * field takes control characters (nd-limits.h). */
  nd_text_guard_buffer (title, ND_FIELD_TITLE);
  nd_text_guard_buffer (gtk_text_view_get_buffer (self->teaser_view), ND_FIELD_TEASER);
  nd_text_guard_buffer (GTK_TEXT_BUFFER (body), ND_FIELD_BODY);
  nd_text_guard_editable (GTK_EDITABLE (self->author_entry), ND_FIELD_AUTHOR);
  nd_text_guard_editable (GTK_EDITABLE (self->slug_entry), ND_FIELD_SLUG);
  g_signal_connect_object (title, "changed", G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->teaser_view), "changed",
                           G_CALLBACK (teaser_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (body, "changed", G_CALLBACK (body_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (title_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->title_view), keys);

  gtk_source_buffer_set_highlight_matching_brackets (body, FALSE);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);
}

static void
nd_item_editor_constructed (GObject *object)
{
  NdItemEditor *self = ND_ITEM_EDITOR (object);

  G_OBJECT_CLASS (nd_item_editor_parent_class)->constructed (object);

  g_assert (ND_IS_STORE (self->store));

  nd_tag_entry_set_store (self->tag_entry, self->store);
  nd_image_panel_set_store (self->image_panel, self->store);
  g_signal_connect_object (self->store, "item-changed",
                           G_CALLBACK (store_item_changed_cb), self, G_CONNECT_SWAPPED);
  load_item (self);
}

static void
nd_item_editor_dispose (GObject *object)
{
  NdItemEditor *self = ND_ITEM_EDITOR (object);

  /* The window flushes before it closes; this is the safety net. */
  if (self->dirty)
    save_quietly (self);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->language_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ITEM_EDITOR);
  g_clear_object (&self->item);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_item_editor_parent_class)->dispose (object);
}

static void
nd_item_editor_finalize (GObject *object)
{
  NdItemEditor *self = ND_ITEM_EDITOR (object);

  g_clear_pointer (&self->item_id, g_free);

  G_OBJECT_CLASS (nd_item_editor_parent_class)->finalize (object);
}

static void
nd_item_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NdItemEditor *self = ND_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;

    case PROP_SAVED:
      g_value_set_boolean (value, nd_item_editor_get_saved (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NdItemEditor *self = ND_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ITEM_ID:
      nd_item_editor_set_item_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The image panel asks for an inline image: the reference goes in as a
 * paragraph of its own (where a figure can stand), at the cursor, as one
 * step to undo. */
static void
insert_reference_cb (NdItemEditor *self,
                     const char   *markdown)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter iter, before;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  /* A blank line before, unless there is one or this is the start. */
  before = iter;
  if (!gtk_text_iter_starts_line (&iter))
    g_string_append (text, "\n\n");
  else if (gtk_text_iter_backward_char (&before) && gtk_text_iter_backward_char (&before) &&
           gtk_text_iter_get_char (&before) != '\n')
    g_string_append (text, "\n");
  g_string_append (text, markdown);
  /* And one after, unless there is one or this is the end. */
  if (!gtk_text_iter_is_end (&iter))
    {
      GtkTextIter next = iter;

      if (!gtk_text_iter_ends_line (&iter))
        g_string_append (text, "\n\n");
      else if (gtk_text_iter_forward_line (&next) && !gtk_text_iter_ends_line (&next))
        g_string_append (text, "\n");
    }

  gtk_text_buffer_insert (buffer, &iter, text->str, -1);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer));
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* Ctrl+V outside the text fields (they paste text first). */
static void
paste_image_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);

  nd_image_panel_paste (self->image_panel);
}

static void
install_shortcut (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  mods,
                  const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

/* GtkSourceView reads and validates the Markdown language file against
 * its schema the first time it is used, 80 ms here: the body gets its
 * highlighting right after the window's first frame, not before it. */
static gboolean
set_markdown_cb (gpointer data)
{
  NdItemEditor *self = data;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));

  self->language_source = 0;
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (body),
                                  gtk_source_language_manager_get_language (languages, "markdown"));

  return G_SOURCE_REMOVE;
}

static void
nd_item_editor_map (GtkWidget *widget)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);
  GtkTextBuffer *body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));

  GTK_WIDGET_CLASS (nd_item_editor_parent_class)->map (widget);

  if (self->language_source == 0 &&
      gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (body)) == NULL)
    self->language_source = g_idle_add_full (G_PRIORITY_LOW, set_markdown_cb, self, NULL);

  remeasure_text_fields (ND_ITEM_EDITOR (widget));
}

static void
nd_item_editor_unmap (GtkWidget *widget)
{
  NdItemEditor *self = ND_ITEM_EDITOR (widget);

  /* Tick callbacks do not run while unmapped; map adds it again. */
  if (self->remeasure_tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->remeasure_tick);
      self->remeasure_tick = 0;
    }

  GTK_WIDGET_CLASS (nd_item_editor_parent_class)->unmap (widget);
}

static void
nd_item_editor_class_init (NdItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_item_editor_constructed;
  widget_class->map = nd_item_editor_map;
  widget_class->unmap = nd_item_editor_unmap;
  object_class->dispose = nd_item_editor_dispose;
  object_class->finalize = nd_item_editor_finalize;
  object_class->get_property = nd_item_editor_get_property;
  object_class->set_property = nd_item_editor_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.save-version", NULL, save_version_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.bold", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "editor.italic", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "editor.link", NULL, format_action);
  gtk_widget_class_install_action (widget_class, "editor.heading", NULL, heading_action);
  gtk_widget_class_install_action (widget_class, "editor.bullet-list", NULL, line_style_action);
  gtk_widget_class_install_action (widget_class, "editor.numbered-list", NULL, line_style_action);
  gtk_widget_class_install_action (widget_class, "editor.quote", NULL, line_style_action);
  gtk_widget_class_install_action (widget_class, "editor.paste-image", NULL, paste_image_action);

  install_shortcut (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save-version");
  install_shortcut (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold");
  install_shortcut (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic");
  install_shortcut (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "editor.link");
  install_shortcut (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "editor.heading");
  install_shortcut (widget_class, GDK_KEY_8, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.bullet-list");
  install_shortcut (widget_class, GDK_KEY_asterisk, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.bullet-list");
  install_shortcut (widget_class, GDK_KEY_7, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.numbered-list");
  install_shortcut (widget_class, GDK_KEY_ampersand, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.numbered-list");
  install_shortcut (widget_class, GDK_KEY_9, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.quote");
  install_shortcut (widget_class, GDK_KEY_parenleft, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.quote");
  install_shortcut (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "editor.paste-image");

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, author_entry);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, date_label);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, image_panel);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, saved_label);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, slug_entry);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, teaser_count);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, teaser_hint);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, teaser_view);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, time_entry);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, title_placeholder);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, NdItemEditor, word_count);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_date_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, slug_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemeditor");

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (ND_TYPE_IMAGE_PANEL);
  g_type_ensure (ND_TYPE_TAG_ENTRY);
}

static void
nd_item_editor_init (NdItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_dropdowns (self);
  setup_buffers (self);
  g_signal_connect_object (self->tag_entry, "notify::tags",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  /* The panel edits the images of self->item in place: only the save
   * is ours, through the same debounce as every other field. */
  g_signal_connect_object (self->image_panel, "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_panel, "insert-reference",
                           G_CALLBACK (insert_reference_cb), self, G_CONNECT_SWAPPED);

  watch_focus (self, GTK_WIDGET (self->title_view));
  watch_focus (self, GTK_WIDGET (self->teaser_view));
  watch_focus (self, GTK_WIDGET (self->body_view));
  watch_focus (self, GTK_WIDGET (self->author_entry));
  watch_focus (self, GTK_WIDGET (self->slug_entry));
  watch_focus (self, GTK_WIDGET (self->tag_entry));
  watch_focus (self, GTK_WIDGET (self->image_panel));
}

/* Public API --------------------------------------------------------------- */

NdItemEditor *
nd_item_editor_new (NdStore *store)
{
  g_return_val_if_fail (ND_IS_STORE (store), NULL);

  return g_object_new (ND_TYPE_ITEM_EDITOR,
                       "store", store,
                       NULL);
}

const char *
nd_item_editor_get_item_id (NdItemEditor *self)
{
  g_return_val_if_fail (ND_IS_ITEM_EDITOR (self), NULL);

  return self->item_id;
}

void
nd_item_editor_set_item_id (NdItemEditor *self,
                            const char   *item_id)
{
  g_return_if_fail (ND_IS_ITEM_EDITOR (self));

  if (g_strcmp0 (self->item_id, item_id) == 0)
    return;

  /* Whatever happens to the save, the other item is what is asked for;
   * a refusal was shown and is logged. */
  save_quietly (self);

  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  load_item (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM_ID]);
}

gboolean
nd_item_editor_get_saved (NdItemEditor *self)
{
  g_return_val_if_fail (ND_IS_ITEM_EDITOR (self), FALSE);

  return !self->dirty;
}

gboolean
nd_item_editor_flush (NdItemEditor  *self,
                      GError       **error)
{
  g_return_val_if_fail (ND_IS_ITEM_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save (self, ND_REVISION_REASON_NONE, error);
}
