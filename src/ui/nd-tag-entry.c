/* nd-tag-entry.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-tag-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-store.h"
#include "nd-tag.h"
#include "nd-tag-entry.h"
#include "nd-text-guard.h"

#define MAX_SUGGESTIONS 8
#define CHIP_SPACING    6
#define ROW_SPACING     6

struct _NdTagEntry
{
  GtkWidget   parent_instance;

  /* Template Widgets */
  GtkEntry   *entry;
  GtkPopover *popover;
  GtkListBox *suggestion_list;

  /* Owned References */
  NdStore    *store;
  GPtrArray  *tags;         /* char *, NULL-terminated, in order */
  GPtrArray  *suggestions;  /* NdTagUsage */
};

G_DEFINE_FINAL_TYPE (NdTagEntry, nd_tag_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
is_chip (GtkWidget *child)
{
  return g_object_get_data (G_OBJECT (child), "nd-tag") != NULL;
}

static gboolean
is_flowed (GtkWidget *child)
{
  return !GTK_IS_POPOVER (child) && gtk_widget_should_layout (child);
}

static int
find_tag (NdTagEntry *self,
          const char *tag)
{
  g_autofree char *key = nd_tag_key (tag);

  if (key == NULL)
    return -1;

  for (guint i = 0; i + 1 < self->tags->len; i++)
    {
      g_autofree char *other = nd_tag_key (g_ptr_array_index (self->tags, i));

      if (g_strcmp0 (key, other) == 0)
        return (int)i;
    }

  return -1;
}

static void
chip_remove_clicked_cb (NdTagEntry *self,
                        GtkButton  *button)
{
  GtkWidget *chip = gtk_widget_get_parent (GTK_WIDGET (button));
  g_autofree char *tag = g_strdup (g_object_get_data (G_OBJECT (chip), "nd-tag"));

  nd_tag_entry_remove_tag (self, tag);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static GtkWidget *
create_chip (NdTagEntry *self,
             const char *tag)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = NULL;

  g_object_set_data_full (G_OBJECT (chip), "nd-tag", g_strdup (tag), g_free);
  gtk_widget_add_css_class (chip, "nd-tag-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_box_append (GTK_BOX (chip), label);

  /* Translators: tooltip of the × on a tag; %s is the tag */
  tooltip = g_strdup_printf (_("Remove “%s”"), tag);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (chip_remove_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
remove_chips (NdTagEntry *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (is_chip (child))
        gtk_widget_unparent (child);
      child = next;
    }
}

static void
rebuild_chips (NdTagEntry *self)
{
  remove_chips (self);

  for (guint i = 0; i + 1 < self->tags->len; i++)
    gtk_widget_insert_before (create_chip (self, g_ptr_array_index (self->tags, i)),
                              GTK_WIDGET (self), GTK_WIDGET (self->entry));
}

static void
tags_changed (NdTagEntry *self)
{
  rebuild_chips (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);
}

static GtkWidget *
create_suggestion_row (NdTagUsage *usage)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (usage->name);
  g_autofree char *count_text = g_strdup_printf ("%'u", usage->count);
  GtkWidget *count = gtk_label_new (count_text);
  g_autofree char *tooltip = NULL;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  /* Translators: tooltip of a tag suggestion: how many items use the tag */
  tooltip = g_strdup_printf (ngettext ("Used by %'u item", "Used by %'u items", usage->count),
                             usage->count);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);

  return box;
}

static void
hide_suggestions (NdTagEntry *self)
{
  GtkWidget *row;

  g_ptr_array_set_size (self->suggestions, 0);
  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, row);
  gtk_popover_popdown (self->popover);
}

static void
update_suggestions (NdTagEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  hide_suggestions (self);

  if (self->store == NULL || text[0] == '\0')
    return;

  found = nd_store_list_tags (self->store, text, MAX_SUGGESTIONS + self->tags->len, &error);
  if (found == NULL)
    {
      g_warning ("Could not list tags: %s", error->message);
      return;
    }

  for (guint i = 0; i < found->len && self->suggestions->len < MAX_SUGGESTIONS; i++)
    {
      NdTagUsage *usage = g_ptr_array_index (found, i);

      /* Tags the item has already are no suggestion. */
      if (find_tag (self, usage->name) >= 0)
        continue;

      gtk_list_box_append (self->suggestion_list, create_suggestion_row (usage));
      g_ptr_array_add (self->suggestions, g_ptr_array_steal_index (found, i--));
    }

  if (self->suggestions->len == 0)
    return;

  gtk_list_box_select_row (self->suggestion_list,
                           gtk_list_box_get_row_at_index (self->suggestion_list, 0));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (self->popover);
}

/* The spelling the store knows, so that "ECCP" typed joins "eccp". */
static const char *
known_spelling (NdTagEntry *self,
                const char *text)
{
  g_autofree char *key = nd_tag_key (text);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      NdTagUsage *usage = g_ptr_array_index (self->suggestions, i);

      if (g_strcmp0 (usage->key, key) == 0)
        return usage->name;
    }

  return text;
}

static void
commit_text (NdTagEntry *self,
             const char *tag)
{
  nd_tag_entry_add_tag (self, tag);
  /* Even a duplicate is done with: the text goes. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  hide_suggestions (self);
}

static void
entry_activate_cb (NdTagEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  g_autofree char *tag = NULL;

  /* A suggestion is taken only while the list is shown, so that the
   * text as typed stays possible after Escape. */
  if (row != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    tag = g_strdup (((NdTagUsage *)g_ptr_array_index (self->suggestions,
                                                      gtk_list_box_row_get_index (row)))->name);
  else
    tag = g_strdup (known_spelling (self, text));

  commit_text (self, tag);
}

static void
entry_changed_cb (NdTagEntry *self)
{
  update_suggestions (self);
}

static void
entry_focus_leave_cb (NdTagEntry *self)
{
  gtk_popover_popdown (self->popover);
}

static void
suggestion_activated_cb (NdTagEntry    *self,
                         GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autofree char *tag = NULL;

  g_assert (index >= 0 && (guint)index < self->suggestions->len);

  tag = g_strdup (((NdTagUsage *)g_ptr_array_index (self->suggestions, index))->name);
  commit_text (self, tag);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
move_selection (NdTagEntry *self,
                int         delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  int n = (int)self->suggestions->len;
  int index;

  if (n == 0)
    return;

  index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  index = (index + n) % n;
  gtk_list_box_select_row (self->suggestion_list,
                           gtk_list_box_get_row_at_index (self->suggestion_list, index));
  gtk_popover_popup (self->popover);
}

static gboolean
entry_key_pressed_cb (NdTagEntry            *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  switch (keyval)
    {
    case GDK_KEY_BackSpace:
      if (text[0] != '\0')
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "tags.remove-last", NULL);
      return TRUE;

    case GDK_KEY_comma:
      if (text[0] != '\0')
        commit_text (self, known_spelling (self, text));
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_Up:
      if (self->suggestions->len == 0)
        return FALSE;
      move_selection (self, keyval == GDK_KEY_Down ? 1 : -1);
      return TRUE;

    case GDK_KEY_Escape:
      if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        return FALSE;
      gtk_popover_popdown (self->popover);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
remove_last_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdTagEntry *self = ND_TAG_ENTRY (widget);
  g_autofree char *tag = NULL;

  if (self->tags->len < 2)
    return;

  tag = g_strdup (g_ptr_array_index (self->tags, self->tags->len - 2));
  nd_tag_entry_remove_tag (self, tag);
}

/* Layout: chips flow left to right and wrap; the entry takes the rest of
 * its line, or a line of its own when too little is left. */
static int
flow (NdTagEntry *self,
      int         width,
      gboolean    allocate)
{
  int x = 0;
  int y = 0;
  int line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, child_h;
      int w;

      if (!is_flowed (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = MIN (nat_w, width);
      if (x > 0 && x + w > width)
        {
          x = 0;
          y += line_height + ROW_SPACING;
          line_height = 0;
        }
      if (child == GTK_WIDGET (self->entry))
        w = MAX (w, width - x);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, NULL, &child_h, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, child_h }, -1);
      line_height = MAX (line_height, child_h);
      x += w + CHIP_SPACING;
    }

  return y + line_height;
}

static void
nd_tag_entry_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  NdTagEntry *self = ND_TAG_ENTRY (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min_w, nat_w;

          if (!is_flowed (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min_w, &nat_w, NULL, NULL);
          *minimum = MAX (*minimum, min_w);
          *natural += nat_w + (*natural > 0 ? CHIP_SPACING : 0);
        }
      return;
    }

  *minimum = *natural = flow (self, for_size >= 0 ? for_size : G_MAXINT / 2, FALSE);
}

static GtkSizeRequestMode
nd_tag_entry_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nd_tag_entry_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  NdTagEntry *self = ND_TAG_ENTRY (widget);
  graphene_rect_t bounds;

  flow (self, width, TRUE);

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->entry), widget, &bounds))
    gtk_popover_set_pointing_to (self->popover,
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_present (self->popover);
}

static gboolean
nd_tag_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ND_TAG_ENTRY (widget)->entry));
}

static void
nd_tag_entry_dispose (GObject *object)
{
  NdTagEntry *self = ND_TAG_ENTRY (object);

  remove_chips (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_TAG_ENTRY);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_tag_entry_parent_class)->dispose (object);
}

static void
nd_tag_entry_finalize (GObject *object)
{
  NdTagEntry *self = ND_TAG_ENTRY (object);

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_tag_entry_parent_class)->finalize (object);
}

static void
nd_tag_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NdTagEntry *self = ND_TAG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, nd_tag_entry_get_tags (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_tag_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NdTagEntry *self = ND_TAG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      nd_tag_entry_set_store (self, g_value_get_object (value));
      break;

    case PROP_TAGS:
      nd_tag_entry_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_tag_entry_class_init (NdTagEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_tag_entry_dispose;
  object_class->finalize = nd_tag_entry_finalize;
  object_class->get_property = nd_tag_entry_get_property;
  object_class->set_property = nd_tag_entry_set_property;

  widget_class->measure = nd_tag_entry_measure;
  widget_class->get_request_mode = nd_tag_entry_get_request_mode;
  widget_class->size_allocate = nd_tag_entry_size_allocate;
  widget_class->grab_focus = nd_tag_entry_grab_focus;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "tags.remove-last", NULL, remove_last_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-tag-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, NdTagEntry, suggestion_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_focus_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "tagentry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_tag_entry_init (NdTagEntry *self)
{
  self->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tags, NULL);
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)nd_tag_usage_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  nd_text_guard_editable (GTK_EDITABLE (self->entry), ND_FIELD_TAG);
}

GtkWidget *
nd_tag_entry_new (void)
{
  return g_object_new (ND_TYPE_TAG_ENTRY, NULL);
}

NdStore *
nd_tag_entry_get_store (NdTagEntry *self)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), NULL);

  return self->store;
}

void
nd_tag_entry_set_store (NdTagEntry *self,
                        NdStore    *store)
{
  g_return_if_fail (ND_IS_TAG_ENTRY (self));
  g_return_if_fail (store == NULL || ND_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * nd_tag_entry_get_tags:
 *
 * Returns: (transfer none): the tags, NULL-terminated
 */
const char * const *
nd_tag_entry_get_tags (NdTagEntry *self)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), NULL);

  return (const char * const *)self->tags->pdata;
}

void
nd_tag_entry_set_tags (NdTagEntry         *self,
                       const char * const *tags)
{
  g_return_if_fail (ND_IS_TAG_ENTRY (self));

  if (tags != NULL && g_strv_equal (tags, nd_tag_entry_get_tags (self)))
    return;
  if ((tags == NULL || tags[0] == NULL) && self->tags->len == 1)
    return;

  g_ptr_array_set_size (self->tags, 0);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));
  g_ptr_array_add (self->tags, NULL);

  tags_changed (self);
}

gboolean
nd_tag_entry_add_tag (NdTagEntry *self,
                      const char *tag)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  normal = nd_tag_normalize (tag);
  if (normal == NULL || normal[0] == '\0' || find_tag (self, normal) >= 0)
    return FALSE;

  g_ptr_array_insert (self->tags, self->tags->len - 1, g_steal_pointer (&normal));
  tags_changed (self);

  return TRUE;
}

gboolean
nd_tag_entry_remove_tag (NdTagEntry *self,
                         const char *tag)
{
  int index;

  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if ((index = find_tag (self, tag)) < 0)
    return FALSE;

  g_ptr_array_remove_index (self->tags, index);
  tags_changed (self);

  return TRUE;
}

guint
nd_tag_entry_get_n_suggestions (NdTagEntry *self)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), 0);

  return self->suggestions->len;
}

const char *
nd_tag_entry_get_suggestion (NdTagEntry *self,
                             guint       position)
{
  g_return_val_if_fail (ND_IS_TAG_ENTRY (self), NULL);
  g_return_val_if_fail (position < self->suggestions->len, NULL);

  return ((NdTagUsage *)g_ptr_array_index (self->suggestions, position))->name;
}
