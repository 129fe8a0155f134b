/* nd-outbox-runner.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-outbox-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-credentials.h"
#include "nd-job-error.h"
#include "nd-outbox-runner.h"
#include "nd-publisher.h"
#include "nd-store.h"
#include "nd-target.h"
#include "nd-wp-client.h"

struct _NdOutboxRunner
{
  GObject        parent_instance;

  NdStore       *store;
  NdRetryPolicy *policy;
  NdRetryPolicy *client_policy;   /* nullable */
  guint          client_timeout_ms;
  GHashTable    *passwords;       /* target name → password */
  GHashTable    *clients;         /* target name → NdWpClient */

  NdOutboxJob   *job;             /* the one being worked, or NULL */
  NdTarget      *job_target;
  GCancellable  *cancellable;
  GMainContext  *context;         /* the thread-default one at creation */
  GSource       *wait_source;     /* the timeout until the next due job */
  GSource       *idle_source;     /* work_next at the next iteration */
  guint          started : 1;
};

G_DEFINE_FINAL_TYPE (NdOutboxRunner, nd_outbox_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  JOB_STARTED,
  JOB_PROGRESS,
  JOB_RETRYING,
  JOB_FINISHED,
  IDLE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void work_next (NdOutboxRunner *self);
static void run_job   (NdOutboxRunner *self,
                       NdWpClient     *client);

/* Scheduling ------------------------------------------------------------------ */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
attach_source (NdOutboxRunner *self,
               GSource        *source,
               GSourceFunc     func)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);

  return source;
}

static gboolean
work_next_cb (gpointer user_data)
{
  NdOutboxRunner *self = user_data;

  clear_source (&self->idle_source);
  work_next (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_work (NdOutboxRunner *self)
{
  if (self->idle_source == NULL)
    self->idle_source = attach_source (self, g_idle_source_new (), work_next_cb);
}

static gboolean
wait_done_cb (gpointer user_data)
{
  NdOutboxRunner *self = user_data;

  clear_source (&self->wait_source);
  work_next (self);

  return G_SOURCE_REMOVE;
}

GDateTime *
nd_outbox_runner_dup_next_due (NdOutboxRunner  *self,
                               GError         **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  GDateTime *next = NULL;

  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (self), NULL);

  if (!(jobs = nd_store_list_jobs (self->store, TRUE, error)))
    return NULL;

  for (guint i = 0; i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->state != ND_OUTBOX_STATE_PENDING)
        continue;
      if (job->next_attempt == NULL)
        {
          g_clear_pointer (&next, g_date_time_unref);
          return g_date_time_new_now_utc ();
        }
      if (next == NULL || g_date_time_compare (job->next_attempt, next) < 0)
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = g_date_time_ref (job->next_attempt);
        }
    }

  return next;
}

/* Nothing is due: sleep until the next pending job is. */
static void
go_idle (NdOutboxRunner *self)
{
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  next = nd_outbox_runner_dup_next_due (self, &error);
  if (error != NULL)
    g_warning ("Cannot read the outbox: %s", error->message);

  if (next != NULL)
    {
      GTimeSpan wait = g_date_time_difference (next, now);
      guint wait_ms = wait <= 0 ? 0 : (guint) MIN (wait / 1000 + 1, (GTimeSpan) G_MAXINT);

      self->wait_source = attach_source (self, g_timeout_source_new (wait_ms), wait_done_cb);
    }

  g_signal_emit (self, signals [IDLE], 0);
}

static void
set_job (NdOutboxRunner *self,
         NdOutboxJob    *job)
{
  gboolean was_busy = self->job != NULL;

  g_clear_pointer (&self->job, nd_outbox_job_free);
  g_clear_object (&self->job_target);
  self->job = job;

  if (was_busy != (job != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/* Ending an attempt ------------------------------------------------------------ */

/* The job as the store has it now, for the signals. (transfer full) */
static NdOutboxJob *
reload_job (NdOutboxRunner *self,
            gint64          job_id)
{
  return nd_store_load_job (self->store, job_id, NULL);
}

static void
finish_attempt (NdOutboxRunner *self,
                NdOutboxState   state,
                const GError   *reason,
                GDateTime      *next_attempt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) finished = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) args = NULL;
  gint64 job_id = self->job->id;

  if (reason != NULL)
    nd_job_error_describe (reason, &code, &args);

  /* A publication ends its job in the same transaction it records in
   * (nd_store_record_publication()): nothing more to write then. */
  finished = reload_job (self, job_id);
  if (!(state == ND_OUTBOX_STATE_DONE && finished != NULL && finished->state == ND_OUTBOX_STATE_DONE))
    {
      if (!nd_store_finish_job (self->store, job_id, state, code, (const char * const *) args,
                                next_attempt, &error))
        g_warning ("Cannot record the outcome of outbox job %" G_GINT64_FORMAT ": %s",
                   job_id, error->message);
      g_clear_pointer (&finished, nd_outbox_job_free);
      finished = reload_job (self, job_id);
    }

  set_job (self, NULL);
  g_clear_object (&self->cancellable);

  if (finished != NULL)
    g_signal_emit (self, signals [JOB_FINISHED], 0, finished);

  schedule_work (self);
}

/* Whether @error says the whole site is away or refusing us for now,
 * rather than something about this one job. */
static gboolean
error_is_site_wide (const GError *error)
{
  return g_error_matches (error, ND_WP_ERROR, ND_WP_ERROR_NO_SERVER) ||
         g_error_matches (error, ND_WP_ERROR, ND_WP_ERROR_RATE_LIMITED);
}

/* The site is down: its other pending jobs wait as long as this one, so
 * that a batch does not knock at a closed door once per item. */
static void
postpone_target (NdOutboxRunner *self,
                 const GError   *reason,
                 GDateTime      *until)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) args = NULL;
  guint n;

  nd_job_error_describe (reason, &code, &args);
  n = nd_store_postpone_jobs (self->store, self->job->target, until, code,
                              (const char * const *) args, &error);
  if (error != NULL)
    g_warning ("Cannot postpone the jobs of %s: %s", self->job->target, error->message);
  else if (n > 0)
    g_debug ("%u more jobs for %s wait as long", n, self->job->target);
}

/* A transient fault: again later, unless the job's attempts are used up
 * or the server wants a wait longer than we keep a job. */
static void
reschedule_or_fail (NdOutboxRunner *self,
                    const GError   *error,
                    gint64          retry_after_ms)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = NULL;
  guint delay_ms;

  if (!nd_retry_policy_next_delay (self->policy, self->job->attempts, retry_after_ms, NULL, &delay_ms))
    {
      finish_attempt (self, ND_OUTBOX_STATE_FAILED, error, NULL);
      return;
    }

  /* Full jitter may draw a wait near zero, which only knocks at the
   * same closed door again: never sooner than half the base delay. */
  delay_ms = MAX (delay_ms, self->policy->base_delay_ms / 2);
  next = g_date_time_add (now, (GTimeSpan) delay_ms * G_TIME_SPAN_MILLISECOND);
  g_debug ("Outbox job %" G_GINT64_FORMAT ": attempt %u failed (%s); next in %u ms",
           self->job->id, self->job->attempts, error->message, delay_ms);
  if (error_is_site_wide (error))
    postpone_target (self, error, next);
  finish_attempt (self, ND_OUTBOX_STATE_PENDING, error, next);
}

static void
job_failed (NdOutboxRunner *self,
            const GError   *error,
            NdWpClient     *client)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish_attempt (self, ND_OUTBOX_STATE_PENDING, NULL, NULL);
  else if (g_error_matches (error, ND_PUBLISHER_ERROR, ND_PUBLISHER_ERROR_CONFLICT))
    finish_attempt (self, ND_OUTBOX_STATE_CONFLICT, error, NULL);
  else if (nd_wp_error_is_transient (error))
    reschedule_or_fail (self, error, client != NULL ? nd_wp_client_get_last_retry_after_ms (client) : -1);
  else
    finish_attempt (self, ND_OUTBOX_STATE_FAILED, error, NULL);
}

/* Working a job ------------------------------------------------------------------ */

static void
step_cb (NdPublisher    *publisher,
         guint           step,
         const char     *label,
         NdOutboxRunner *self)
{
  double fraction = (double) step / ND_PUBLISH_N_STEPS;

  if (self->job != NULL)
    g_signal_emit (self, signals [JOB_PROGRESS], 0, self->job, step, label, fraction);
}

static void
retrying_cb (NdWpClient     *client,
             guint           attempts,
             guint           delay_ms,
             GError         *reason,
             NdOutboxRunner *self)
{
  if (self->job != NULL)
    g_signal_emit (self, signals [JOB_RETRYING], 0, self->job, delay_ms, reason);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(NdOutboxRunner) self = user_data;
  NdPublisher *publisher = ND_PUBLISHER (object);
  NdWpClient *client = nd_publisher_get_client (publisher);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (publisher, self);
  g_signal_handlers_disconnect_by_data (client, self);

  if (!nd_publisher_run_finish (publisher, result, &error))
    job_failed (self, error, client);
  else
    finish_attempt (self, ND_OUTBOX_STATE_DONE, NULL, NULL);
}

static void
run_job (NdOutboxRunner *self,
         NdWpClient     *client)
{
  g_autoptr(NdPublisher) publisher = nd_publisher_new (self->store, self->job_target, client);

  g_signal_connect (publisher, "step", G_CALLBACK (step_cb), self);
  g_signal_connect (client, "retrying", G_CALLBACK (retrying_cb), self);
  nd_publisher_run_async (publisher, self->job, self->cancellable, job_done_cb, g_object_ref (self));
}

static NdWpClient *
new_client (NdOutboxRunner *self,
            NdTarget       *target,
            const char     *password)
{
  NdWpClient *client = nd_wp_client_new (nd_target_get_url (target), nd_target_get_user (target),
                                         password, nd_target_get_ca_file (target));

  if (self->client_policy != NULL)
    nd_wp_client_set_retry_policy (client, self->client_policy);
  if (self->client_timeout_ms > 0)
    nd_wp_client_set_timeout_ms (client, self->client_timeout_ms);

  return client;
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(NdOutboxRunner) self = user_data;
  g_autoptr(NdPassword) password = NULL;
  g_autoptr(NdWpClient) client = NULL;
  g_autoptr(GError) error = NULL;

  password = nd_credentials_lookup_finish (result, &error);
  if (password == NULL)
    {
      job_failed (self, error, NULL);
      return;
    }

  client = new_client (self, self->job_target, password);
  g_hash_table_replace (self->clients, g_strdup (self->job->target), g_object_ref (client));
  run_job (self, client);
}

/* A client per target, kept while its URL, user and CA file stay. */
static NdWpClient *
lookup_client (NdOutboxRunner *self,
               NdTarget       *target)
{
  NdWpClient *client = g_hash_table_lookup (self->clients, nd_target_get_name (target));

  if (client != NULL &&
      g_strcmp0 (nd_wp_client_get_base_url (client), nd_target_get_url (target)) == 0 &&
      g_strcmp0 (nd_wp_client_get_user (client), nd_target_get_user (target)) == 0 &&
      g_strcmp0 (nd_wp_client_get_ca_file (client), nd_target_get_ca_file (target)) == 0)
    return client;

  g_hash_table_remove (self->clients, nd_target_get_name (target));
  return NULL;
}

static void
start_job (NdOutboxRunner *self)
{
  g_autoptr(GError) error = NULL;
  const char *password;
  NdWpClient *client;

  g_signal_emit (self, signals [JOB_STARTED], 0, self->job);

  self->job_target = nd_store_lookup_target (self->store, self->job->target, &error);
  if (self->job_target == NULL)
    {
      job_failed (self, error, NULL);
      return;
    }

  if ((client = lookup_client (self, self->job_target)) != NULL)
    {
      run_job (self, client);
      return;
    }

  password = g_hash_table_lookup (self->passwords, self->job->target);
  if (password != NULL)
    {
      g_autoptr(NdWpClient) made = new_client (self, self->job_target, password);

      g_hash_table_replace (self->clients, g_strdup (self->job->target), g_object_ref (made));
      run_job (self, made);
      return;
    }

  nd_credentials_lookup_async (self->job_target, self->cancellable, password_cb, g_object_ref (self));
}

static void
work_next (NdOutboxRunner *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  NdOutboxJob *job;

  if (!self->started || self->job != NULL)
    return;

  clear_source (&self->wait_source);

  job = nd_store_claim_job (self->store, now, &error);
  if (job == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot take a job from the outbox: %s", error->message);
      go_idle (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_job (self, job);
  start_job (self);
}

/* Public API ------------------------------------------------------------------ */

void
nd_outbox_runner_start (NdOutboxRunner *self)
{
  g_autoptr(GError) error = NULL;
  guint recovered;

  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));

  if (self->started)
    return;

  self->started = TRUE;
  recovered = nd_store_recover_jobs (self->store, &error);
  if (error != NULL)
    g_warning ("Cannot recover the outbox: %s", error->message);
  else if (recovered > 0)
    g_debug ("%u outbox jobs were left running and are pending again", recovered);

  schedule_work (self);
}

void
nd_outbox_runner_wake (NdOutboxRunner *self)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));

  if (self->started && self->job == NULL)
    {
      clear_source (&self->wait_source);
      schedule_work (self);
    }
}

guint
nd_outbox_runner_retry_now (NdOutboxRunner *self,
                            gint64          job_id)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (self), 0);

  n = nd_store_hasten_jobs (self->store, job_id, &error);
  if (error != NULL)
    g_warning ("Cannot make the outbox's jobs due: %s", error->message);
  nd_outbox_runner_wake (self);

  return n;
}

void
nd_outbox_runner_stop (NdOutboxRunner *self)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));

  self->started = FALSE;
  clear_source (&self->wait_source);
  clear_source (&self->idle_source);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

NdOutboxRunner *
nd_outbox_runner_new (NdStore *store)
{
  NdOutboxRunner *self;

  g_return_val_if_fail (ND_IS_STORE (store), NULL);

  self = g_object_new (ND_TYPE_OUTBOX_RUNNER, NULL);
  self->store = g_object_ref (store);

  return self;
}

NdStore *
nd_outbox_runner_get_store (NdOutboxRunner *self)
{
  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (self), NULL);

  return self->store;
}

gboolean
nd_outbox_runner_get_busy (NdOutboxRunner *self)
{
  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (self), FALSE);

  return self->job != NULL;
}

const NdRetryPolicy *
nd_outbox_runner_get_retry_policy (NdOutboxRunner *self)
{
  g_return_val_if_fail (ND_IS_OUTBOX_RUNNER (self), NULL);

  return self->policy;
}

void
nd_outbox_runner_set_retry_policy (NdOutboxRunner      *self,
                                   const NdRetryPolicy *policy)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));
  g_return_if_fail (policy != NULL && policy->max_attempts >= 1);

  nd_retry_policy_free (self->policy);
  self->policy = nd_retry_policy_copy (policy);
}

void
nd_outbox_runner_set_client_retry_policy (NdOutboxRunner      *self,
                                          const NdRetryPolicy *policy)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));

  g_clear_pointer (&self->client_policy, nd_retry_policy_free);
  if (policy != NULL)
    self->client_policy = nd_retry_policy_copy (policy);
  g_hash_table_remove_all (self->clients);
}

void
nd_outbox_runner_set_client_timeout_ms (NdOutboxRunner *self,
                                        guint           timeout_ms)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));

  self->client_timeout_ms = timeout_ms;
  g_hash_table_remove_all (self->clients);
}

static void
password_free (gpointer password)
{
  nd_credentials_password_free (password);
}

void
nd_outbox_runner_set_password (NdOutboxRunner *self,
                               const char     *target,
                               const char     *password)
{
  g_return_if_fail (ND_IS_OUTBOX_RUNNER (self));
  g_return_if_fail (target != NULL);

  if (password != NULL)
    g_hash_table_replace (self->passwords, g_strdup (target), g_strdup (password));
  else
    g_hash_table_remove (self->passwords, target);
  g_hash_table_remove (self->clients, target);
}

/* The object ------------------------------------------------------------------ */

static void
nd_outbox_runner_dispose (GObject *object)
{
  NdOutboxRunner *self = ND_OUTBOX_RUNNER (object);

  nd_outbox_runner_stop (self);
  g_clear_pointer (&self->job, nd_outbox_job_free);
  g_clear_object (&self->job_target);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (nd_outbox_runner_parent_class)->dispose (object);
}

static void
nd_outbox_runner_finalize (GObject *object)
{
  NdOutboxRunner *self = ND_OUTBOX_RUNNER (object);

  g_clear_pointer (&self->policy, nd_retry_policy_free);
  g_clear_pointer (&self->client_policy, nd_retry_policy_free);
  g_clear_pointer (&self->passwords, g_hash_table_unref);

  G_OBJECT_CLASS (nd_outbox_runner_parent_class)->finalize (object);
}

static void
nd_outbox_runner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NdOutboxRunner *self = ND_OUTBOX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->job != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_outbox_runner_class_init (NdOutboxRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_outbox_runner_dispose;
  object_class->finalize = nd_outbox_runner_finalize;
  object_class->get_property = nd_outbox_runner_get_property;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [JOB_STARTED] =
    g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ND_TYPE_OUTBOX_JOB | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals [JOB_PROGRESS] =
    g_signal_new ("job-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, ND_TYPE_OUTBOX_JOB | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DOUBLE);
  signals [JOB_RETRYING] =
    g_signal_new ("job-retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, ND_TYPE_OUTBOX_JOB | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT, G_TYPE_ERROR);
  signals [JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ND_TYPE_OUTBOX_JOB | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals [IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
nd_outbox_runner_init (NdOutboxRunner *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->policy = nd_retry_policy_new ();
  self->policy->max_attempts = 8;
  self->policy->base_delay_ms = 30 * 1000;
  self->policy->max_delay_ms = 60 * 60 * 1000;
  self->policy->max_retry_after_ms = 24 * 60 * 60 * 1000;
  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, password_free);
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
