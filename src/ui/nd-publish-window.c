/* nd-publish-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-publish-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-item.h"
#include "nd-job-error.h"
#include "nd-store-outbox.h"
#include "nd-preferences-window.h"
#include "nd-publish-window.h"
#include "nd-store.h"
#include "nd-window-private.h"

/* Helpers ------------------------------------------------------------------ */

static char *
dup_item_title (NdWindow   *self,
                const char *item_id)
{
  g_autoptr(NdItem) item = nd_store_load_item (self->store, item_id, NULL);
  const char *title = item != NULL ? nd_item_get_title (item) : NULL;

  return g_strdup (title != NULL && title[0] != '\0' ? title : _("Untitled"));
}

static char *
dup_post_url (NdWindow   *self,
              const char *item_id,
              const char *target)
{
  g_auto(NdRemoteItem) remote = { 0 };

  if (!nd_store_get_remote_item (self->store, item_id, target, &remote, NULL))
    return NULL;

  return g_steal_pointer (&remote.url);
}

static void
show_toast (NdWindow   *self,
            const char *title,
            const char *button_label,
            const char *action_name,
            GVariant   *action_target)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      adw_toast_set_action_target_value (toast, action_target);
    }
  else if (action_target != NULL)
    {
      g_variant_unref (g_variant_ref_sink (action_target));
    }
  _nd_window_add_toast (self, toast);
}

static gboolean
enqueue (NdWindow       *self,
         const char     *target,
         NdOutboxAction  action)
{
  const char *item_id = _nd_window_get_item_id (self);
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;

  if (item_id == NULL || self->runner == NULL || target == NULL)
    return FALSE;

  /* The job sends what the store has: what was just typed goes first. */
  if (!nd_item_editor_flush (self->editor, &error) ||
      !(job = nd_store_enqueue_job (self->store, item_id, target, action, ND_OUTBOX_FLAG_NONE, &error)))
    {
      show_toast (self, error->message, NULL, NULL, NULL);
      return FALSE;
    }

  nd_outbox_runner_wake (self->runner);
  nd_publish_outbox_refresh (self->outbox);
  return TRUE;
}

/* The conflict dialog -------------------------------------------------------- */

static void
conflict_response_cb (NdWindow         *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  NdOutboxJob *job = g_object_get_data (G_OBJECT (dialog), "nd-job");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "overwrite"))
    {
      if (!nd_store_retry_job (self->store, job->id, ND_OUTBOX_FLAG_FORCE, &error))
        show_toast (self, error->message, NULL, NULL, NULL);
      else
        nd_outbox_runner_wake (self->runner);
      nd_publish_outbox_refresh (self->outbox);
    }
  else if (g_str_equal (response, "open"))
    {
      g_autofree char *url = dup_post_url (self, job->item_id, job->target);

      if (url != NULL)
        gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
    }
}

static void
show_conflict (NdWindow          *self,
               const NdOutboxJob *job)
{
  g_autofree char *title = dup_item_title (self, job->item_id);
  g_autofree char *url = dup_post_url (self, job->item_id, job->target);
  AdwMessageDialog *dialog;

  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The post was changed on the site"),
                                                       NULL));
  /* Translators: "“Clusterkonferenz 2024” was edited on Website since …" */
  adw_message_dialog_format_body (dialog,
                                  _("“%s” was edited on %s since Newsdesk last sent it. "
                                    "Overwriting replaces those changes with this version."),
                                  title, job->target);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open in Browser"),
                                    "overwrite", _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_enabled (dialog, "open", url != NULL);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "nd-job", nd_outbox_job_copy (job),
                          (GDestroyNotify) nd_outbox_job_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb),
                           self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->conflict_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The runner's results ------------------------------------------------------- */

static void
toast_done (NdWindow          *self,
            const NdOutboxJob *job,
            const char        *title)
{
  g_autofree char *message = NULL;
  g_autofree char *url = NULL;

  switch (job->action)
    {
    case ND_OUTBOX_ACTION_PUBLISH:
      url = dup_post_url (self, job->item_id, job->target);
      /* Translators: "Published “Clusterkonferenz 2024” on Website" */
      message = g_strdup_printf (_("Published “%s” on %s"), title, job->target);
      break;
    case ND_OUTBOX_ACTION_WITHDRAW:
      message = g_strdup_printf (_("Withdrew “%s” from %s"), title, job->target);
      break;
    case ND_OUTBOX_ACTION_DELETE:
      message = g_strdup_printf (_("Deleted “%s” from %s"), title, job->target);
      break;
    default:
      g_assert_not_reached ();
    }

  if (url != NULL)
    show_toast (self, message, _("Open in Browser"), "win.open-uri", g_variant_new_string (url));
  else
    show_toast (self, message, NULL, NULL, NULL);
}

static void
job_finished_cb (NdWindow       *self,
                 NdOutboxJob    *job,
                 NdOutboxRunner *runner)
{
  g_autofree char *title = dup_item_title (self, job->item_id);
  g_autofree char *reason = nd_outbox_job_dup_error_message (job);
  g_autofree char *message = NULL;
  g_autofree char *due = NULL;

  nd_publish_status_refresh (self->publish_status);
  _nd_window_publish_update_actions (self);

  switch (job->state)
    {
    case ND_OUTBOX_STATE_DONE:
      toast_done (self, job, title);
      break;
    case ND_OUTBOX_STATE_FAILED:
      /* Translators: "Could not send “Clusterkonferenz 2024” to Website: Sorry, you are not allowed …" */
      message = g_strdup_printf (_("Could not send “%s” to %s: %s"), title, job->target,
                                 reason != NULL ? reason : _("unknown reason"));
      show_toast (self, message, _("_Retry"), "win.retry-job", g_variant_new_int64 (job->id));
      break;
    case ND_OUTBOX_STATE_CONFLICT:
      show_conflict (self, job);
      break;
    case ND_OUTBOX_STATE_PENDING:
      /* Stopped without an attempt (no next time): nothing to say */
      if (job->next_attempt == NULL)
        break;
      due = nd_job_error_format_time (job->next_attempt);
      /* Translators: "“Clusterkonferenz 2024” waits in the outbox until 14.05.2024 09:31:00: The site did not answer" */
      message = g_strdup_printf (_("“%s” waits in the outbox until %s: %s"), title, due,
                                 reason != NULL ? reason : _("unknown reason"));
      show_toast (self, message, _("_Retry Now"), "win.retry-job", g_variant_new_int64 (job->id));
      break;
    case ND_OUTBOX_STATE_RUNNING:
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
outbox_n_jobs_cb (NdWindow        *self,
                  GParamSpec      *pspec,
                  NdPublishOutbox *outbox)
{
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_button), nd_publish_outbox_get_n_jobs (outbox) > 0);
}

static void
editor_item_id_cb (NdWindow     *self,
                   GParamSpec   *pspec,
                   NdItemEditor *editor)
{
  const char *item_id = nd_item_editor_get_item_id (editor);

  nd_publish_button_set_item_id (self->publish_button, item_id);
  nd_publish_status_set_item_id (self->publish_status, item_id);
  _nd_window_publish_update_actions (self);
}

static void
is_active_cb (NdWindow   *self,
              GParamSpec *pspec,
              gpointer    unused)
{
  /* Back from Preferences: the accounts may have changed. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->publish_button != NULL)
    nd_publish_button_reload_targets (self->publish_button);
}

/* Actions -------------------------------------------------------------------- */

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  enqueue (ND_WINDOW (widget), g_variant_get_string (parameter, NULL), ND_OUTBOX_ACTION_PUBLISH);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  enqueue (self, nd_publish_status_get_target (self->publish_status), ND_OUTBOX_ACTION_WITHDRAW);
}

static void
delete_response_cb (NdWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "delete"))
    enqueue (self, nd_publish_status_get_target (self->publish_status), ND_OUTBOX_ACTION_DELETE);
}

static void
delete_from_cms_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  const char *target = nd_publish_status_get_target (self->publish_status);
  GtkWidget *dialog;

  if (target == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Post From the CMS?"), NULL);
  /* Translators: "The post on Website goes to its trash. The item stays in Newsdesk." */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The post on %s goes to its trash. The item stays in Newsdesk."),
                                  target);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete From CMS"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retry_job_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  if (self->runner == NULL)
    return;

  /* A conflict is never overwritten without asking. */
  jobs = nd_store_list_jobs (self->store, TRUE, NULL);
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->id == id && job->state == ND_OUTBOX_STATE_CONFLICT)
        {
          show_conflict (self, job);
          return;
        }
    }

  /* Retry means now: a waiting job is due at once, a failed one is
   * tried again. */
  if (nd_outbox_runner_retry_now (self->runner, id) == 0 &&
      !nd_store_retry_job (self->store, id, ND_OUTBOX_FLAG_NONE, &error))
    {
      show_toast (self, error->message, NULL, NULL, NULL);
      return;
    }

  nd_outbox_runner_wake (self->runner);
  nd_publish_outbox_refresh (self->outbox);
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
add_cms_account_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  NdPreferencesWindow *preferences = nd_preferences_window_new (GTK_WINDOW (self));
  NdAccountsPage *page = nd_preferences_window_get_accounts_page (preferences);

  nd_preferences_window_set_store (preferences, self->store);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Set-up ----------------------------------------------------------------------- */

void
_nd_window_publish_update_actions (NdWindow *self)
{
  gboolean ready = self->runner != NULL && _nd_window_get_item_id (self) != NULL;
  const char *target = self->publish_status != NULL ? nd_publish_status_get_target (self->publish_status) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.publish", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.withdraw-item", ready && target != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-from-cms", ready && target != NULL);
}

static NdOutboxRunner *
dup_runner (NdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  NdOutboxRunner *runner = NULL;

  if (ND_IS_APPLICATION (app))
    runner = nd_application_get_outbox_runner (ND_APPLICATION (app));

  if (runner != NULL && nd_outbox_runner_get_store (runner) == self->store)
    return g_object_ref (runner);

  self->owns_runner = TRUE;
  /* A window on a store of its own (the tests do that) works its own
   * outbox. */
  runner = nd_outbox_runner_new (self->store);
  nd_outbox_runner_start (runner);
  return runner;
}

void
_nd_window_publish_setup (NdWindow *self)
{
  g_assert (ND_IS_WINDOW (self));
  g_assert (self->store != NULL);

  self->runner = dup_runner (self);

  self->publish_button = nd_publish_button_new (self->runner);
  adw_header_bar_pack_end (self->editor_header, GTK_WIDGET (self->publish_button));

  self->outbox = nd_publish_outbox_new (self->runner);
  self->outbox_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->outbox_button, "mail-send-receive-symbolic");
  gtk_menu_button_set_popover (self->outbox_button, GTK_WIDGET (self->outbox));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outbox_button), _("Outbox"));
  adw_header_bar_pack_end (self->editor_header, GTK_WIDGET (self->outbox_button));
  g_signal_connect_object (self->outbox, "notify::n-jobs",
                           G_CALLBACK (outbox_n_jobs_cb), self, G_CONNECT_SWAPPED);
  outbox_n_jobs_cb (self, NULL, self->outbox);

  self->publish_status = nd_publish_status_new (self->store);
  gtk_box_insert_child_after (self->editor_pane, GTK_WIDGET (self->publish_status),
                              GTK_WIDGET (self->editor_header));

  g_signal_connect_object (self->runner, "job-finished",
                           G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::item-id",
                           G_CALLBACK (editor_item_id_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  editor_item_id_cb (self, NULL, self->editor);
}

void
_nd_window_publish_dispose (NdWindow *self)
{
  g_clear_weak_pointer (&self->conflict_dialog);
  self->publish_button = NULL;
  self->publish_status = NULL;
  self->outbox = NULL;
  self->outbox_button = NULL;
  if (self->runner != NULL && self->owns_runner)
    nd_outbox_runner_stop (self->runner);
  g_clear_object (&self->runner);
}

NdOutboxRunner *
_nd_window_get_outbox_runner (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->runner;
}

void
_nd_window_class_publish_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.publish", "s", publish_action);
  gtk_widget_class_install_action (widget_class, "win.add-cms-account", NULL, add_cms_account_action);
  gtk_widget_class_install_action (widget_class, "win.retry-job", "x", retry_job_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.withdraw-item", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "win.delete-from-cms", NULL, delete_from_cms_action);
}
