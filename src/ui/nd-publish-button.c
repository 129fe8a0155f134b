/* nd-publish-button.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-publish-button"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-publish-button.h"
#include "nd-store.h"
#include "nd-target.h"

struct _NdPublishButton
{
  GtkWidget       parent_instance;

  /* Template Widgets */
  GtkLabel       *busy_label;
  GtkMenuButton  *menu_button;
  GtkButton      *single_button;
  GtkSpinner     *spinner;
  GtkStack       *stack;

  /* Owned References */
  NdOutboxRunner *runner;
  char           *item_id;
  char           *running_item;  /* the item of the job being worked, or NULL */
  char           *step_label;
  guint           n_targets;
};

G_DEFINE_FINAL_TYPE (NdPublishButton, nd_publish_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ITEM_ID,
  PROP_RUNNER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_page (NdPublishButton *self)
{
  gboolean was_busy = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "busy") == 0;
  gboolean busy = nd_publish_button_get_busy (self);

  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    {
      gtk_label_set_label (self->busy_label,
                           self->step_label != NULL ? self->step_label : _("Publishing…"));
      gtk_stack_set_visible_child_name (self->stack, "busy");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, self->n_targets == 1 ? "single" : "menu");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->item_id != NULL);

  if (was_busy != busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static GMenuModel *
build_menu (GPtrArray *targets)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) accounts = g_menu_new ();
  g_autoptr(GMenu) add = g_menu_new ();

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      const char *name = nd_target_get_name (g_ptr_array_index (targets, i));
      g_autoptr(GMenuItem) menu_item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (menu_item, "win.publish", g_variant_new_string (name));
      g_menu_append_item (accounts, menu_item);
    }

  g_menu_append (add, _("_Add a CMS Account…"), "win.add-cms-account");
  if (targets != NULL && targets->len > 0)
    g_menu_append_section (menu, _("Publish To"), G_MENU_MODEL (accounts));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (add));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

void
nd_publish_button_reload_targets (NdPublishButton *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ND_IS_PUBLISH_BUTTON (self));

  targets = nd_store_list_targets (nd_outbox_runner_get_store (self->runner), &error);
  if (targets == NULL)
    g_warning ("Cannot list the CMS accounts: %s", error->message);

  self->n_targets = targets != NULL ? targets->len : 0;
  if (self->n_targets == 1)
    {
      NdTarget *target = g_ptr_array_index (targets, 0);
      g_autofree char *tooltip = g_strdup_printf (_("Publish on %s"), nd_target_get_name (target));

      /* The target first: "win.publish" takes the account's name. */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->single_button),
                                              g_variant_new_string (nd_target_get_name (target)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->single_button), "win.publish");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->single_button), tooltip);
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->single_button), NULL);
    }

  menu = build_menu (targets);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  update_page (self);
}

static void
set_running_item (NdPublishButton *self,
                  const char      *item_id,
                  const char      *label)
{
  g_free (self->running_item);
  self->running_item = g_strdup (item_id);
  g_free (self->step_label);
  self->step_label = g_strdup (label);
  update_page (self);
}

static void
job_started_cb (NdPublishButton *self,
                NdOutboxJob     *job,
                NdOutboxRunner  *runner)
{
  const char *label = NULL;

  switch (job->action)
    {
    case ND_OUTBOX_ACTION_PUBLISH:
      label = _("Publishing…");
      break;
    case ND_OUTBOX_ACTION_WITHDRAW:
      label = _("Withdrawing…");
      break;
    case ND_OUTBOX_ACTION_DELETE:
      label = _("Deleting…");
      break;
    default:
      g_assert_not_reached ();
    }

  set_running_item (self, job->item_id, label);
}

static void
job_progress_cb (NdPublishButton *self,
                 NdOutboxJob     *job,
                 guint            step,
                 const char      *label,
                 double           fraction,
                 NdOutboxRunner  *runner)
{
  set_running_item (self, job->item_id, label);
}

static void
job_finished_cb (NdPublishButton *self,
                 NdOutboxJob     *job,
                 NdOutboxRunner  *runner)
{
  set_running_item (self, NULL, NULL);
}

static void
nd_publish_button_constructed (GObject *object)
{
  NdPublishButton *self = ND_PUBLISH_BUTTON (object);

  G_OBJECT_CLASS (nd_publish_button_parent_class)->constructed (object);

  g_signal_connect_object (self->runner, "job-started",
                           G_CALLBACK (job_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "job-progress",
                           G_CALLBACK (job_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "job-finished",
                           G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
  nd_publish_button_reload_targets (self);
}

static void
nd_publish_button_dispose (GObject *object)
{
  NdPublishButton *self = ND_PUBLISH_BUTTON (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PUBLISH_BUTTON);

  G_OBJECT_CLASS (nd_publish_button_parent_class)->dispose (object);
}

static void
nd_publish_button_finalize (GObject *object)
{
  NdPublishButton *self = ND_PUBLISH_BUTTON (object);

  g_clear_object (&self->runner);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->running_item, g_free);
  g_clear_pointer (&self->step_label, g_free);

  G_OBJECT_CLASS (nd_publish_button_parent_class)->finalize (object);
}

static void
nd_publish_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdPublishButton *self = ND_PUBLISH_BUTTON (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, nd_publish_button_get_busy (self));
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdPublishButton *self = ND_PUBLISH_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      nd_publish_button_set_item_id (self, g_value_get_string (value));
      break;
    case PROP_RUNNER:
      self->runner = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_button_class_init (NdPublishButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_publish_button_constructed;
  object_class->dispose = nd_publish_button_dispose;
  object_class->finalize = nd_publish_button_finalize;
  object_class->get_property = nd_publish_button_get_property;
  object_class->set_property = nd_publish_button_set_property;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL, ND_TYPE_OUTBOX_RUNNER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-publish-button.ui");
  gtk_widget_class_bind_template_child (widget_class, NdPublishButton, busy_label);
  gtk_widget_class_bind_template_child (widget_class, NdPublishButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, NdPublishButton, single_button);
  gtk_widget_class_bind_template_child (widget_class, NdPublishButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, NdPublishButton, stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nd_publish_button_init (NdPublishButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NdPublishButton *
nd_publish_button_new (NdOutboxRunner *runner)
{
  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (runner), NULL);

  return g_object_new (ND_TYPE_PUBLISH_BUTTON, "runner", runner, NULL);
}

const char *
nd_publish_button_get_item_id (NdPublishButton *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_BUTTON (self), NULL);

  return self->item_id;
}

void
nd_publish_button_set_item_id (NdPublishButton *self,
                               const char      *item_id)
{
  g_return_if_fail (ND_IS_PUBLISH_BUTTON (self));

  if (g_strcmp0 (self->item_id, item_id) == 0)
    return;

  g_free (self->item_id);
  self->item_id = g_strdup (item_id);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM_ID]);
}

gboolean
nd_publish_button_get_busy (NdPublishButton *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_BUTTON (self), FALSE);

  return self->item_id != NULL && g_strcmp0 (self->item_id, self->running_item) == 0;
}

const char *
nd_publish_button_get_step_label (NdPublishButton *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_BUTTON (self), NULL);

  return nd_publish_button_get_busy (self) ? self->step_label : NULL;
}
