/* nd-item-row.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-item.h"
#include "nd-item-row.h"

struct _NdItemRow
{
  GtkWidget     parent_instance;

  /* Template Widgets */
  GtkWidget    *box;
  GtkInscription *meta_label;
  GtkInscription *tags_label;
  GtkInscription *title_label;

  /* Owned References */
  NdItem       *item;
  GSignalGroup *item_signals;
};

G_DEFINE_FINAL_TYPE (NdItemRow, nd_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_title (NdItemRow *self)
{
  const char *title = self->item != NULL ? nd_item_get_title (self->item) : "";
  gboolean untitled = title[0] == '\0';

  /* An item is created with an empty title; the row still needs a name. */
  gtk_inscription_set_text (self->title_label, untitled ? _("Untitled Item") : title);
  if (untitled)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "dim-label");
}

static void
update_meta (NdItemRow *self)
{
  g_autofree char *date = NULL;
  g_autofree char *line = NULL;
  const char *kind;
  const char *status;

  if (self->item == NULL)
    {
      gtk_inscription_set_text (self->meta_label, "");
      return;
    }

  kind = nd_item_kind_to_display (nd_item_get_kind (self->item));
  status = nd_item_status_to_display (nd_item_get_status (self->item));

  if (nd_item_get_date (self->item) != NULL)
    date = nd_date_format_for_display (nd_item_get_date (self->item));

  if (date != NULL)
    /* Translators: kind · status · date of an item in the list */
    line = g_strdup_printf (_("%s · %s · %s"), kind, status, date);
  else
    /* Translators: kind · status of an item without a date, in the list */
    line = g_strdup_printf (_("%s · %s"), kind, status);

  gtk_inscription_set_text (self->meta_label, line);
}

static void
update_tags (NdItemRow *self)
{
  const char * const *tags = self->item != NULL ? nd_item_get_tags (self->item) : NULL;
  g_autofree char *text = NULL;

  if (tags != NULL && tags[0] != NULL)
    /* Translators: the separator between the tags of an item in the list */
    text = g_strjoinv (_(", "), (char **) tags);

  gtk_inscription_set_text (self->tags_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), text != NULL);
}

static void
item_notify_cb (NdItemRow  *self,
                GParamSpec *pspec,
                NdItem     *item)
{
  g_assert (ND_IS_ITEM_ROW (self));

  if (g_str_equal (pspec->name, "title"))
    update_title (self);
  else if (g_str_equal (pspec->name, "tags"))
    update_tags (self);
  else if (g_str_equal (pspec->name, "kind") ||
           g_str_equal (pspec->name, "status") ||
           g_str_equal (pspec->name, "date"))
    update_meta (self);
}

static void
nd_item_row_dispose (GObject *object)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ITEM_ROW);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (nd_item_row_parent_class)->dispose (object);
}

static void
nd_item_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      nd_item_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_row_class_init (NdItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_item_row_dispose;
  object_class->get_property = nd_item_row_get_property;
  object_class->set_property = nd_item_row_set_property;

  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         ND_TYPE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NdItemRow, box);
  gtk_widget_class_bind_template_child (widget_class, NdItemRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, NdItemRow, tags_label);
  gtk_widget_class_bind_template_child (widget_class, NdItemRow, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemrow");
}

static void
nd_item_row_init (NdItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (ND_TYPE_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
nd_item_row_new (void)
{
  return g_object_new (ND_TYPE_ITEM_ROW, NULL);
}

/**
 * nd_item_row_get_item:
 * @self: a #NdItemRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
NdItem *
nd_item_row_get_item (NdItemRow *self)
{
  g_return_val_if_fail (ND_IS_ITEM_ROW (self), NULL);

  return self->item;
}

void
nd_item_row_set_item (NdItemRow *self,
                      NdItem    *item)
{
  g_return_if_fail (ND_IS_ITEM_ROW (self));
  g_return_if_fail (item == NULL || ND_IS_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  update_title (self);
  update_meta (self);
  update_tags (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
