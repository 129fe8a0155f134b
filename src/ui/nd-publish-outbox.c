/* nd-publish-outbox.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-publish-outbox"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-item.h"
#include "nd-job-error.h"
#include "nd-publish-outbox.h"
#include "nd-store.h"

struct _NdPublishOutbox
{
  GtkPopover      parent_instance;

  /* Template Widgets */
  GtkProgressBar *batch_progress;
  GtkListBox     *list;

  /* Borrowed References */
  GtkProgressBar *progress;     /* the running job's bar, or NULL */

  /* Owned References */
  NdOutboxRunner *runner;
  GPtrArray      *jobs;         /* (element-type NdOutboxJob): the rows */

  gint64          running_id;
  double          fraction;
  guint           batch_done;   /* jobs ended since the outbox was last empty */
  guint           batch_total;  /* those and the ones still to send */
};

G_DEFINE_FINAL_TYPE (NdPublishOutbox, nd_publish_outbox, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_N_JOBS,
  PROP_RUNNER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The last job of each item and account that is not done: an old
 * failure that a later publication made good is no longer news. */
static GPtrArray *
collect_jobs (NdStore *store)
{
  g_autoptr(GPtrArray) all = nd_store_list_jobs (store, FALSE, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_job_free);

  /* Newest first, so that the first job of a pair is its last one. */
  for (guint i = all != NULL ? all->len : 0; i > 0; i--)
    {
      NdOutboxJob *job = g_ptr_array_index (all, i - 1);
      char *key = g_strconcat (job->item_id, "\n", job->target, NULL);

      if (!g_hash_table_add (seen, key))
        continue;
      if (job->state != ND_OUTBOX_STATE_DONE)
        g_ptr_array_insert (jobs, 0, nd_outbox_job_copy (job));
    }

  return jobs;
}

static char *
describe_action (NdOutboxJob *job)
{
  switch (job->action)
    {
    case ND_OUTBOX_ACTION_PUBLISH:
      /* Translators: "Publish on Website" */
      return g_strdup_printf (_("Publish on %s"), job->target);
    case ND_OUTBOX_ACTION_WITHDRAW:
      return g_strdup_printf (_("Withdraw from %s"), job->target);
    case ND_OUTBOX_ACTION_DELETE:
      return g_strdup_printf (_("Delete from %s"), job->target);
    default:
      g_assert_not_reached ();
    }
}

/* "· last error at 14.05.2024 09:30:02: No web server answers at …",
 * or "" when the job has none. */
static char *
describe_last_error (NdOutboxJob *job)
{
  g_autofree char *message = nd_outbox_job_dup_error_message (job);
  g_autofree char *when = NULL;

  if (message == NULL)
    return g_strdup ("");
  if (job->error_time == NULL)
    /* Translators: appended to a job's state: "… · last error: The site did not answer" */
    return g_strdup_printf (_(" · last error: %s"), message);

  when = nd_job_error_format_time (job->error_time);
  /* Translators: appended to a job's state, %s a date and time, then the error */
  return g_strdup_printf (_(" · last error at %s: %s"), when, message);
}

static char *
describe_job (NdOutboxJob *job)
{
  g_autofree char *action = describe_action (job);
  g_autofree char *last = describe_last_error (job);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *due = NULL;

  switch (job->state)
    {
    case ND_OUTBOX_STATE_PENDING:
      if (job->next_attempt != NULL && g_date_time_compare (job->next_attempt, now) > 0)
        {
          due = nd_job_error_format_time (job->next_attempt);
          /* Translators: "Publish on Website · waiting until 14.05.2024 09:31:00", then the last error */
          return g_strdup_printf (_("%s · waiting until %s%s"), action, due, last);
        }
      /* Translators: "Publish on Website · due now", then the last error */
      return g_strdup_printf (_("%s · due now%s"), action, last);
    case ND_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = nd_outbox_job_dup_error_message (job);

        /* Translators: "Publish on Website · failed: Sorry, you are not allowed …" */
        return g_strdup_printf (_("%s · failed: %s"), action,
                                message != NULL ? message : _("unknown reason"));
      }
    case ND_OUTBOX_STATE_CONFLICT:
      /* Translators: "Publish on Website · the post was changed on the site" */
      return g_strdup_printf (_("%s · the post was changed on the site"), action);
    case ND_OUTBOX_STATE_RUNNING:
    case ND_OUTBOX_STATE_DONE:
      return g_steal_pointer (&action);
    default:
      g_assert_not_reached ();
    }
}

static void
add_retry_button (GtkWidget   *row,
                  NdOutboxJob *job,
                  const char  *label)
{
  GtkWidget *retry = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "win.retry-job");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (retry), g_variant_new_int64 (job->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
}

static GtkWidget *
create_row (NdPublishOutbox *self,
            NdOutboxJob     *job)
{
  g_autoptr(NdItem) item = nd_store_load_item (nd_outbox_runner_get_store (self->runner), job->item_id, NULL);
  g_autofree char *subtitle = describe_job (job);
  const char *title = item != NULL ? nd_item_get_title (item) : NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title != NULL && title[0] != '\0' ? title : _("Untitled"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  switch (job->state)
    {
    case ND_OUTBOX_STATE_RUNNING:
      {
        GtkWidget *bar = gtk_progress_bar_new ();

        gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
        gtk_widget_set_size_request (bar, 80, -1);
        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                       job->id == self->running_id ? self->fraction : 0.0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
        self->progress = GTK_PROGRESS_BAR (bar);
      }
      break;
    case ND_OUTBOX_STATE_FAILED:
    case ND_OUTBOX_STATE_CONFLICT:
      add_retry_button (row, job, _("_Retry"));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      break;
    case ND_OUTBOX_STATE_PENDING:
      /* Waiting for its time: Retry tries it now */
      add_retry_button (row, job, _("_Retry Now"));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "content-loading-symbolic");
      break;
    case ND_OUTBOX_STATE_DONE:
      break;
    default:
      g_assert_not_reached ();
    }

  return row;
}

/* The batch bar shows when more than one job is on its way. */
static void
update_batch (NdPublishOutbox *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->batch_progress), self->batch_total > 1);
  if (self->batch_total <= 1)
    return;

  /* Translators: how far a batch of publications is, "3 of 7 sent" */
  text = g_strdup_printf (_("%u of %u sent"), self->batch_done, self->batch_total);
  gtk_progress_bar_set_text (self->batch_progress, text);
  gtk_progress_bar_set_fraction (self->batch_progress,
                                 (self->batch_done + self->fraction) / self->batch_total);
}

static guint
count_remaining (GPtrArray *jobs)
{
  guint n = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      n += job->state == ND_OUTBOX_STATE_PENDING || job->state == ND_OUTBOX_STATE_RUNNING;
    }

  return n;
}

void
nd_publish_outbox_refresh (NdPublishOutbox *self)
{
  guint remaining;
  GtkWidget *child;
  guint old_n;

  g_return_if_fail (ND_IS_PUBLISH_OUTBOX (self));

  old_n = self->jobs->len;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->progress = NULL;

  g_ptr_array_unref (self->jobs);
  self->jobs = collect_jobs (nd_outbox_runner_get_store (self->runner));
  for (guint i = 0; i < self->jobs->len; i++)
    gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (self->jobs, i)));

  remaining = count_remaining (self->jobs);
  if (remaining == 0)
    self->batch_done = 0;
  self->batch_total = self->batch_done + remaining;
  update_batch (self);

  if (old_n != self->jobs->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_JOBS]);
}

static void
job_changed_cb (NdPublishOutbox *self,
                NdOutboxJob     *job,
                NdOutboxRunner  *runner)
{
  if (job->state == ND_OUTBOX_STATE_RUNNING)
    {
      self->running_id = job->id;
      self->fraction = 0.0;
    }
  else if (job->state != ND_OUTBOX_STATE_PENDING)
    {
      /* Ended, one way or another: a retry later is still to send. */
      self->batch_done++;
      self->fraction = 0.0;
    }
  nd_publish_outbox_refresh (self);
}

static void
job_progress_cb (NdPublishOutbox *self,
                 NdOutboxJob     *job,
                 guint            step,
                 const char      *label,
                 double           fraction,
                 NdOutboxRunner  *runner)
{
  self->running_id = job->id;
  self->fraction = fraction;
  if (self->progress != NULL)
    gtk_progress_bar_set_fraction (self->progress, fraction);
  update_batch (self);
}

static void
item_changed_cb (NdPublishOutbox *self,
                 const char      *id,
                 NdStoreChange    change,
                 NdStore         *store)
{
  /* A new job, or a deleted item that took its jobs along. */
  if (!nd_outbox_runner_get_busy (self->runner))
    nd_publish_outbox_refresh (self);
}

static void
nd_publish_outbox_constructed (GObject *object)
{
  NdPublishOutbox *self = ND_PUBLISH_OUTBOX (object);

  G_OBJECT_CLASS (nd_publish_outbox_parent_class)->constructed (object);

  g_signal_connect_object (self->runner, "job-started",
                           G_CALLBACK (job_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "job-finished",
                           G_CALLBACK (job_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "job-progress",
                           G_CALLBACK (job_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nd_outbox_runner_get_store (self->runner), "item-changed",
                           G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
  nd_publish_outbox_refresh (self);
}

static void
nd_publish_outbox_dispose (GObject *object)
{
  NdPublishOutbox *self = ND_PUBLISH_OUTBOX (object);

  self->progress = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PUBLISH_OUTBOX);

  G_OBJECT_CLASS (nd_publish_outbox_parent_class)->dispose (object);
}

static void
nd_publish_outbox_finalize (GObject *object)
{
  NdPublishOutbox *self = ND_PUBLISH_OUTBOX (object);

  g_clear_object (&self->runner);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_publish_outbox_parent_class)->finalize (object);
}

static void
nd_publish_outbox_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdPublishOutbox *self = ND_PUBLISH_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_JOBS:
      g_value_set_uint (value, self->jobs->len);
      break;
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_outbox_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdPublishOutbox *self = ND_PUBLISH_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      self->runner = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_publish_outbox_class_init (NdPublishOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_publish_outbox_constructed;
  object_class->dispose = nd_publish_outbox_dispose;
  object_class->finalize = nd_publish_outbox_finalize;
  object_class->get_property = nd_publish_outbox_get_property;
  object_class->set_property = nd_publish_outbox_set_property;

  properties [PROP_N_JOBS] =
    g_param_spec_uint ("n-jobs", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL, ND_TYPE_OUTBOX_RUNNER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/newsdesk/Newsdesk/nd-publish-outbox.ui");
  gtk_widget_class_bind_template_child (widget_class, NdPublishOutbox, batch_progress);
  gtk_widget_class_bind_template_child (widget_class, NdPublishOutbox, list);
}

static void
nd_publish_outbox_init (NdPublishOutbox *self)
{
  self->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_job_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

NdPublishOutbox *
nd_publish_outbox_new (NdOutboxRunner *runner)
{
  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (runner), NULL);

  return g_object_new (ND_TYPE_PUBLISH_OUTBOX, "runner", runner, NULL);
}

guint
nd_publish_outbox_get_n_jobs (NdPublishOutbox *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_OUTBOX (self), 0);

  return self->jobs->len;
}

NdOutboxJob *
nd_publish_outbox_get_job (NdPublishOutbox *self,
                           guint            index)
{
  g_return_val_if_fail (ND_IS_PUBLISH_OUTBOX (self), NULL);

  return index < self->jobs->len ? g_ptr_array_index (self->jobs, index) : NULL;
}

const char *
_nd_publish_outbox_get_batch_text (NdPublishOutbox *self)
{
  g_return_val_if_fail (ND_IS_PUBLISH_OUTBOX (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->batch_progress)))
    return NULL;

  return gtk_progress_bar_get_text (self->batch_progress);
}

GtkWidget *
_nd_publish_outbox_get_row (NdPublishOutbox *self,
                            guint            index)
{
  g_return_val_if_fail (ND_IS_PUBLISH_OUTBOX (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}
