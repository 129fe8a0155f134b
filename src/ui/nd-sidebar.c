/* nd-sidebar.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-sidebar.h"
#include "nd-store.h"
#include "nd-tag.h"

/* How many of the most used tags get a row: enough to be useful, few
 * enough that statuses and kinds stay in view. */
#define MAX_TAGS 12

typedef enum
{
  SECTION_ALL,
  SECTION_STATUS,
  SECTION_KIND,
  SECTION_TAG,
} Section;

/* What a row filters by, kept on the row (g_object_set_data_full). */
typedef struct
{
  Section   section;
  int       value;        /* NdItemStatus or NdItemKind */
  char     *tag;          /* as first written */
  char     *key;          /* nd_tag_key () */
  GtkLabel *label;
  GtkLabel *count_label;
  guint     count;
} Entry;

struct _NdSidebar
{
  GtkWidget        parent_instance;

  /* Template Widgets */
  GtkListBox      *list_box;
  GtkWidget       *scroller;

  /* Borrowed References */
  GtkListBoxRow   *all_row;
  GtkListBoxRow   *status_rows[ND_ITEM_STATUS_WITHDRAWN + 1];
  GtkListBoxRow   *kind_rows[ND_ITEM_KIND_PUBLICATION + 1];
  GPtrArray       *tag_rows;

  /* Owned References */
  NdItemListModel *model;
  GSignalGroup    *store_signals;

  guint            refresh_id;
  guint            rebuilding : 1;
};

G_DEFINE_FINAL_TYPE (NdSidebar, nd_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->tag);
  g_free (entry->key);
  g_free (entry);
}

static Entry *
row_get_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "nd-sidebar-entry");
}

static const char *
status_label (NdItemStatus status)
{
  switch (status)
    {
    case ND_ITEM_STATUS_DRAFT:
      /* Translators: sidebar filter: items with the status "draft" */
      return _("Drafts");
    case ND_ITEM_STATUS_READY:
      /* Translators: sidebar filter: items with the status "ready" */
      return C_("filter", "Ready");
    case ND_ITEM_STATUS_SCHEDULED:
      /* Translators: sidebar filter: items with the status "scheduled" */
      return C_("filter", "Scheduled");
    case ND_ITEM_STATUS_PUBLISHED:
      /* Translators: sidebar filter: items with the status "published" */
      return C_("filter", "Published");
    case ND_ITEM_STATUS_WITHDRAWN:
      /* Translators: sidebar filter: items with the status "withdrawn" */
      return C_("filter", "Withdrawn");
    default:
      g_assert_not_reached ();
    }
}

static const char *
status_icon (NdItemStatus status)
{
  switch (status)
    {
    case ND_ITEM_STATUS_DRAFT:
      return "document-edit-symbolic";
    case ND_ITEM_STATUS_READY:
      return "emblem-ok-symbolic";
    case ND_ITEM_STATUS_SCHEDULED:
      return "alarm-symbolic";
    case ND_ITEM_STATUS_PUBLISHED:
      return "emblem-shared-symbolic";
    case ND_ITEM_STATUS_WITHDRAWN:
      return "action-unavailable-symbolic";
    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_label (NdItemKind kind)
{
  switch (kind)
    {
    case ND_ITEM_KIND_NEWS:
      /* Translators: sidebar filter: items of the kind "news" */
      return C_("filter", "News");
    case ND_ITEM_KIND_PRESS_RELEASE:
      /* Translators: sidebar filter: items of the kind "press release" */
      return _("Press Releases");
    case ND_ITEM_KIND_EVENT:
      /* Translators: sidebar filter: items of the kind "event" */
      return _("Events");
    case ND_ITEM_KIND_PUBLICATION:
      /* Translators: sidebar filter: items of the kind "publication" */
      return _("Publications");
    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_icon (NdItemKind kind)
{
  switch (kind)
    {
    case ND_ITEM_KIND_NEWS:
      return "x-office-document-symbolic";
    case ND_ITEM_KIND_PRESS_RELEASE:
      return "mail-send-symbolic";
    case ND_ITEM_KIND_EVENT:
      return "x-office-calendar-symbolic";
    case ND_ITEM_KIND_PUBLICATION:
      return "accessories-dictionary-symbolic";
    default:
      g_assert_not_reached ();
    }
}

static const char *
section_title (Section section)
{
  switch (section)
    {
    case SECTION_STATUS:
      /* Translators: heading of the status filters in the sidebar */
      return _("Status");
    case SECTION_KIND:
      /* Translators: heading of the kind filters in the sidebar */
      return _("Kind");
    case SECTION_TAG:
      /* Translators: heading of the tag filters in the sidebar */
      return _("Tags");
    case SECTION_ALL:
    default:
      return NULL;
    }
}

static GtkListBoxRow *
create_row (Entry      *entry,
            const char *icon_name,
            const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *count = gtk_label_new (NULL);

  /* Tag rows have no icon; the empty image keeps the labels aligned. */
  gtk_widget_set_size_request (image, 16, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "count");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  entry->label = GTK_LABEL (label);
  entry->count_label = GTK_LABEL (count);
  g_object_set_data_full (G_OBJECT (row), "nd-sidebar-entry", entry, entry_free);

  return GTK_LIST_BOX_ROW (row);
}

static GtkListBoxRow *
append_row (NdSidebar  *self,
            Section     section,
            int         value,
            const char *icon_name,
            const char *text)
{
  Entry *entry = g_new0 (Entry, 1);
  GtkListBoxRow *row;

  entry->section = section;
  entry->value = value;
  row = create_row (entry, icon_name, text);
  gtk_list_box_append (self->list_box, GTK_WIDGET (row));

  return row;
}

static void
set_count (GtkListBoxRow *row,
           guint          count)
{
  Entry *entry = row_get_entry (row);
  g_autofree char *text = g_strdup_printf ("%'u", count);

  entry->count = count;
  gtk_label_set_text (entry->count_label, text);
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  Entry *entry = row_get_entry (row);
  const char *title = section_title (entry->section);
  GtkWidget *header;

  if (title == NULL ||
      (before != NULL && row_get_entry (before)->section == entry->section))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_add_css_class (header, "sidebar-heading");
      gtk_list_box_row_set_header (row, header);
    }
  gtk_label_set_text (GTK_LABEL (header), title);
}

static void
apply_filter (NdSidebar     *self,
              GtkListBoxRow *row)
{
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  Entry *entry = row_get_entry (row);

  switch (entry->section)
    {
    case SECTION_STATUS:
      filter.status = entry->value;
      break;
    case SECTION_KIND:
      filter.kind = entry->value;
      break;
    case SECTION_TAG:
      filter.tag = entry->tag;
      break;
    case SECTION_ALL:
    default:
      break;
    }

  if (self->model != NULL)
    nd_item_list_model_set_filter (self->model, &filter);
}

static void
row_selected_cb (NdSidebar     *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list_box)
{
  g_assert (ND_IS_SIDEBAR (self));

  /* While the tag rows are rebuilt the same filter is selected again:
   * re-applying it would reload the list and lose its selection. */
  if (row == NULL || self->rebuilding)
    return;

  apply_filter (self, row);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

static void
row_activated_cb (NdSidebar     *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  g_assert (ND_IS_SIDEBAR (self));

  g_signal_emit (self, signals [ACTIVATED], 0);
}

static gboolean
tags_unchanged (NdSidebar *self,
                GPtrArray *tags)
{
  if (tags->len != self->tag_rows->len)
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    {
      NdTagUsage *usage = g_ptr_array_index (tags, i);
      Entry *entry = row_get_entry (g_ptr_array_index (self->tag_rows, i));

      if (g_strcmp0 (usage->key, entry->key) != 0 || g_strcmp0 (usage->name, entry->tag) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
rebuild_tags (NdSidebar *self,
              GPtrArray *tags)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list_box);
  g_autofree char *selected_key = NULL;
  GtkListBoxRow *reselect = NULL;

  if (selected != NULL && row_get_entry (selected)->section == SECTION_TAG)
    selected_key = g_strdup (row_get_entry (selected)->key);

  self->rebuilding = TRUE;

  for (guint i = 0; i < self->tag_rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  for (guint i = 0; i < tags->len; i++)
    {
      NdTagUsage *usage = g_ptr_array_index (tags, i);
      GtkListBoxRow *row = append_row (self, SECTION_TAG, 0, NULL, usage->name);
      Entry *entry = row_get_entry (row);

      entry->tag = g_strdup (usage->name);
      entry->key = g_strdup (usage->key);
      g_ptr_array_add (self->tag_rows, row);

      if (selected_key != NULL && g_str_equal (selected_key, usage->key))
        reselect = row;
    }

  if (reselect != NULL)
    gtk_list_box_select_row (self->list_box, reselect);

  self->rebuilding = FALSE;

  /* The tag that was selected is no longer used by any item. */
  if (selected_key != NULL && reselect == NULL)
    gtk_list_box_select_row (self->list_box, self->all_row);
}

static void
refresh_tags (NdSidebar *self,
              NdStore   *store)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = nd_store_list_tags (store, NULL, MAX_TAGS, &error);
  if (tags == NULL)
    {
      g_warning ("Cannot list the tags: %s", error->message);
      return;
    }

  if (!tags_unchanged (self, tags))
    rebuild_tags (self, tags);

  for (guint i = 0; i < tags->len; i++)
    set_count (g_ptr_array_index (self->tag_rows, i),
               ((NdTagUsage *) g_ptr_array_index (tags, i))->count);
}

static void
refresh_counts (NdSidebar *self,
                NdStore   *store)
{
  NdStoreCounts counts = { 0 };
  g_autoptr(GError) error = NULL;

  if (!nd_store_get_counts (store, &counts, &error))
    {
      g_warning ("Cannot count the items: %s", error->message);
      return;
    }

  set_count (self->all_row, counts.total);
  for (guint i = 0; i < G_N_ELEMENTS (self->status_rows); i++)
    set_count (self->status_rows[i], counts.by_status[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_rows); i++)
    set_count (self->kind_rows[i], counts.by_kind[i]);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  NdSidebar *self = user_data;

  self->refresh_id = 0;
  nd_sidebar_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (NdSidebar *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

static void
store_item_changed_cb (NdSidebar  *self,
                       const char *id,
                       int         change,
                       NdStore    *store)
{
  g_assert (ND_IS_SIDEBAR (self));

  /* Autosave writes often; one refresh per main loop turn is enough. */
  schedule_refresh (self);
}

static GtkListBoxRow *
find_row (NdSidebar  *self,
          Section     section,
          int         value,
          const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Entry *entry;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;

      entry = row_get_entry (GTK_LIST_BOX_ROW (child));
      if (entry->section != section)
        continue;
      if (section == SECTION_TAG ? g_strcmp0 (entry->key, key) == 0 : entry->value == value)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
build_rows (NdSidebar *self)
{
  /* Translators: sidebar filter: every item */
  self->all_row = append_row (self, SECTION_ALL, 0, "emblem-documents-symbolic", _("All Items"));

  for (guint i = 0; i < G_N_ELEMENTS (self->status_rows); i++)
    self->status_rows[i] = append_row (self, SECTION_STATUS, i, status_icon (i), status_label (i));

  for (guint i = 0; i < G_N_ELEMENTS (self->kind_rows); i++)
    self->kind_rows[i] = append_row (self, SECTION_KIND, i, kind_icon (i), kind_label (i));

  gtk_list_box_select_row (self->list_box, self->all_row);
}

static void
nd_sidebar_dispose (GObject *object)
{
  NdSidebar *self = ND_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_SIDEBAR);

  g_clear_object (&self->store_signals);
  g_clear_object (&self->model);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_sidebar_parent_class)->dispose (object);
}

static void
nd_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NdSidebar *self = ND_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_TITLE:
      g_value_set_string (value, nd_sidebar_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NdSidebar *self = ND_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      nd_sidebar_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sidebar_class_init (NdSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_sidebar_dispose;
  object_class->get_property = nd_sidebar_get_property;
  object_class->set_property = nd_sidebar_set_property;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         ND_TYPE_ITEM_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdSidebar::activated:
   *
   * The user clicked a row or pressed Enter on it, even the one already
   * selected: a folded window then shows the list.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, NdSidebar, list_box);
  gtk_widget_class_bind_template_child (widget_class, NdSidebar, scroller);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebar");
}

static void
nd_sidebar_init (NdSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tag_rows = g_ptr_array_new ();
  gtk_list_box_set_header_func (self->list_box, update_header_cb, NULL, NULL);
  build_rows (self);

  self->store_signals = g_signal_group_new (ND_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "item-changed",
                                 G_CALLBACK (store_item_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
nd_sidebar_new (void)
{
  return g_object_new (ND_TYPE_SIDEBAR, NULL);
}

/**
 * nd_sidebar_get_model:
 * @self: a #NdSidebar
 *
 * Returns: (transfer none) (nullable): the list the sidebar filters
 */
NdItemListModel *
nd_sidebar_get_model (NdSidebar *self)
{
  g_return_val_if_fail (ND_IS_SIDEBAR (self), NULL);

  return self->model;
}

void
nd_sidebar_set_model (NdSidebar       *self,
                      NdItemListModel *model)
{
  g_return_if_fail (ND_IS_SIDEBAR (self));
  g_return_if_fail (model == NULL || ND_IS_ITEM_LIST_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;

  g_signal_group_set_target (self->store_signals,
                             model != NULL ? nd_item_list_model_get_store (model) : NULL);

  if (model != NULL)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

      /* The counts and tags come after the window's first frame: at
       * 100,000 items they cost 25 to 35 ms that the list needs more. */
      schedule_refresh (self);
      /* A new model lists everything already: no second read of 100,000
       * handles at start-up. */
      if (row != NULL && row != self->all_row)
        apply_filter (self, row);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

const char *
nd_sidebar_get_title (NdSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_SIDEBAR (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    row = self->all_row;

  return gtk_label_get_text (row_get_entry (row)->label);
}

gboolean
nd_sidebar_get_shows_all (NdSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_SIDEBAR (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list_box);

  return row == NULL || row == self->all_row;
}

void
nd_sidebar_select_all (NdSidebar *self)
{
  g_return_if_fail (ND_IS_SIDEBAR (self));

  gtk_list_box_select_row (self->list_box, self->all_row);
}

gboolean
nd_sidebar_select_status (NdSidebar    *self,
                          NdItemStatus  status)
{
  g_return_val_if_fail (ND_IS_SIDEBAR (self), FALSE);

  if ((guint) status >= G_N_ELEMENTS (self->status_rows))
    return FALSE;

  gtk_list_box_select_row (self->list_box, self->status_rows[status]);

  return TRUE;
}

gboolean
nd_sidebar_select_kind (NdSidebar  *self,
                        NdItemKind  kind)
{
  g_return_val_if_fail (ND_IS_SIDEBAR (self), FALSE);

  if ((guint) kind >= G_N_ELEMENTS (self->kind_rows))
    return FALSE;

  gtk_list_box_select_row (self->list_box, self->kind_rows[kind]);

  return TRUE;
}

gboolean
nd_sidebar_select_tag (NdSidebar  *self,
                       const char *tag)
{
  g_autofree char *key = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_SIDEBAR (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  key = nd_tag_key (tag);
  row = find_row (self, SECTION_TAG, 0, key);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->list_box, row);

  return TRUE;
}

guint
nd_sidebar_get_count (NdSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_SIDEBAR (self), 0);

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    row = self->all_row;

  return row_get_entry (row)->count;
}

void
nd_sidebar_refresh (NdSidebar *self)
{
  NdStore *store;

  g_return_if_fail (ND_IS_SIDEBAR (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->model == NULL)
    return;

  store = nd_item_list_model_get_store (self->model);
  refresh_counts (self, store);
  refresh_tags (self, store);
}
