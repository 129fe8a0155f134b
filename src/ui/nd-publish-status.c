/* nd-publish-status.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-publish-status"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-item.h"
#include "nd-store-outbox.h"
#include "nd-publish-status.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-target.h"

struct _NdPublishStatus
{
  GtkWidget    parent_instance;

  /* Template Widgets */
  GtkLabel    *changed_label;
  GtkImage    *icon;
  GtkLabel    *label;
  GtkButton   *open_button;
  GtkRevealer *revealer;

  /* Owned References */
  NdStore     *store;
  char        *item_id;
  char        *text;
  char        *target;
  char        *url;

  guint        changed : 1;
};

G_DEFINE_FINAL_TYPE (NdPublishStatus, nd_publish_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The item was edited after our last write: a newer revision, or a save
 * (which keeps the revision) later than the revision that was sent. */
static gboolean
changed_since (NdStore            *store,
               NdItem             *item,
               const NdRemoteItem *remote)
{
  g_autoptr(GPtrArray) revisions = NULL;
  GDateTime *updated = nd_item_get_updated (item);

  if (nd_item_get_revision (item) > remote->published_revision)
    return TRUE;

  revisions = nd_store_list_revisions (store, nd_item_get_id (item), NULL);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      NdRevision *revision = g_ptr_array_index (revisions, i);

      if (nd_revision_get_number (revision) == remote->published_revision)
        return updated != NULL && g_date_time_compare (updated, nd_revision_get_created (revision)) > 0;
    }

  return FALSE;
}

static char *
format_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);
  g_autofree char *iso = g_date_time_format (local, "%Y-%m-%d");

  return nd_date_format_for_display (iso);
}

static char *
describe (NdItem             *item,
          const char         *target,
          const NdRemoteItem *remote,
          const char        **icon_name)
{
  const char *status = remote->status != NULL ? remote->status : "";

  if (g_str_equal (status, "future") && nd_item_get_date (item) != NULL)
    {
      g_autofree char *date = nd_date_format_for_display (nd_item_get_date (item));

      *icon_name = "alarm-symbolic";
      /* Translators: "Scheduled for 14.05.2024 on Website" */
      return g_strdup_printf (_("Scheduled for %s on %s"), date, target);
    }

  if (g_str_equal (status, "trash"))
    {
      *icon_name = "user-trash-symbolic";
      /* Translators: the post was moved to the CMS's trash */
      return g_strdup_printf (_("Deleted from %s"), target);
    }

  if (g_str_equal (status, "draft"))
    {
      *icon_name = "document-edit-symbolic";
      if (nd_item_get_status (item) == ND_ITEM_STATUS_WITHDRAWN)
        /* Translators: the post went back to draft on the CMS */
        return g_strdup_printf (_("Withdrawn from %s"), target);
      return g_strdup_printf (_("Draft on %s"), target);
    }

  *icon_name = "emblem-ok-symbolic";
  if (remote->published != NULL)
    {
      g_autofree char *date = format_date (remote->published);

      /* Translators: "Published 14.05.2024 on Website" */
      return g_strdup_printf (_("Published %s on %s"), date, target);
    }

  return g_strdup_printf (_("Published on %s"), target);
}

/* The first target (by name) that knows the item. */
static gboolean
find_remote (NdStore       *store,
             const char    *item_id,
             char         **target,
             NdRemoteItem  *remote)
{
  g_autoptr(GPtrArray) targets = nd_store_list_targets (store, NULL);

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const char *name = nd_target_get_name (g_ptr_array_index (targets, i));

      if (nd_store_get_remote_item (store, item_id, name, remote, NULL))
        {
          *target = g_strdup (name);
          return TRUE;
        }
    }

  return FALSE;
}

void
nd_publish_status_refresh (NdPublishStatus *self)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(NdItem) item = NULL;
  const char *icon_name = NULL;

  g_return_if_fail (ND_IS_PUBLISH_STATUS (self));

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->url, g_free);
  self->changed = FALSE;

  if (self->item_id != NULL
      && find_remote (self->store, self->item_id, &self->target, &remote)
      && (item = nd_store_load_item (self->store, self->item_id, NULL)) != NULL)
    {
      self->text = describe (item, self->target, &remote, &icon_name);
      self->url = g_strdup (remote.url);
      self->changed = g_strcmp0 (remote.status, "trash") != 0 && changed_since (self->store, item, &remote);
    }

  gtk_label_set_label (self->label, self->text);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_label), self->changed);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button),
                          self->url != NULL && g_strcmp0 (remote.status, "trash") != 0);
  gtk_revealer_set_reveal_child (self->revealer, self->text != NULL);
}

static void
item_changed_cb (NdPublishStatus *self,
                 const char      *id,
                 NdStoreChange    change,
                 NdStore         *store)
{
  if (g_strcmp0 (id, self->item_id) == 0)
    nd_publish_status_refresh (self);
}

static void
open_clicked_cb (NdPublishStatus *self,
                 GtkButton       *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->url, GDK_CURRENT_TIME);
}

static void
nd_publish_status_constructed (GObject *object)
{
  NdPublishStatus *self = ND_PUBLISH_STATUS (object);

  G_OBJECT_CLASS (nd_publish_status_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "item-changed",
                           G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
nd_publish_status_dispose (GObject *object)
{
  NdPublishStatus *self = ND_PUBLISH_STATUS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PUBLISH_STATUS);

  G_OBJECT_CLASS (nd_publish_status_parent_class)->dispose (object);
}

static void
nd_publish_status_finalize (GObject *object)
{
  NdPublishStatus *self = ND_PUBLISH_STATUS (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->url, g_free);

  G_OBJECT_CLASS (nd_publish_status_parent_class)->finalize (object);
}

static void
nd_publish_status_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdPublishStatus *self = ND_PUBLISH_STATUS (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_status_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdPublishStatus *self = ND_PUBLISH_STATUS (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      nd_publish_status_set_item_id (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_status_class_init (NdPublishStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_publish_status_constructed;
  object_class->dispose = nd_publish_status_dispose;
  object_class->finalize = nd_publish_status_finalize;
  object_class->get_property = nd_publish_status_get_property;
  object_class->set_property = nd_publish_status_set_property;

  properties [PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ND_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-publish-status.ui");
  gtk_widget_class_bind_template_child (widget_class, NdPublishStatus, changed_label);
  gtk_widget_class_bind_template_child (widget_class, NdPublishStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, NdPublishStatus, label);
  gtk_widget_class_bind_template_child (widget_class, NdPublishStatus, open_button);
  gtk_widget_class_bind_template_child (widget_class, NdPublishStatus, revealer);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nd_publish_status_init (NdPublishStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NdPublishStatus *
nd_publish_status_new (NdStore *store)
{
  g_return_val_if_fail (ND_IS_STORE (store), NULL);

  return g_object_new (ND_TYPE_PUBLISH_STATUS, "store", store, NULL);
}

void
nd_publish_status_set_item_id (NdPublishStatus *self,
                               const char      *item_id)
{
  g_return_if_fail (ND_IS_PUBLISH_STATUS (self));

  if (g_strcmp0 (self->item_id, item_id) == 0)
    return;

  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  nd_publish_status_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM_ID]);
}

const char *
nd_publish_status_get_text (NdPublishStatus *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_STATUS (self), NULL);

  return self->text;
}

gboolean
nd_publish_status_get_changed (NdPublishStatus *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_STATUS (self), FALSE);

  return self->changed;
}

const char *
nd_publish_status_get_target (NdPublishStatus *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_STATUS (self), NULL);

  return self->target;
}

const char *
nd_publish_status_get_url (NdPublishStatus *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_STATUS (self), NULL);

  return self->url;
}
