/* nd-cli-publish.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "nd-cli-private.h"
#include "nd-credentials.h"
#include "nd-item.h"
#include "nd-job-error.h"
#include "nd-outbox-runner.h"
#include "nd-store-outbox.h"
#include "nd-store.h"
#include "nd-target.h"

/* "newsdesk publish", "withdraw" and "outbox": every publication is an
 * outbox job first; the command then works the outbox with the same
 * NdOutboxRunner as the window, in a main loop, until each of its jobs
 * was tried once. A job that could not reach the site is not waited for:
 * it stays in the outbox with its next attempt, the command says "queued,
 * will retry at …" and ends (exit status 75), and "newsdesk outbox --run"
 * or the window sends it later ("--run --now" at once). Results go to
 * stdout, one line per item; failures to stderr, one line per item. */

typedef struct
{
  NdStore        *store;
  NdOutboxRunner *runner;
  GMainLoop      *loop;
  GHashTable     *jobs;      /* job id (gint64 *) → nothing: ours, still open */
  GPtrArray      *finished;  /* (element-type NdOutboxJob): what ended, for --json */
  gboolean        json;
  gboolean        sending;   /* publish, withdraw: every job of ours is new */
  guint           n_failed;
  guint           n_waiting; /* ours, left in the outbox for later */
} Session;

static void
session_clear (Session *session)
{
  if (session->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (session->runner, session);
      nd_outbox_runner_stop (session->runner);
    }
  g_clear_object (&session->runner);
  g_clear_object (&session->store);
  g_clear_pointer (&session->loop, g_main_loop_unref);
  g_clear_pointer (&session->jobs, g_hash_table_unref);
  g_clear_pointer (&session->finished, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

static gboolean
session_owns (Session           *session,
              const NdOutboxJob *job)
{
  return g_hash_table_contains (session->jobs, &job->id);
}

static void
session_forget (Session           *session,
                const NdOutboxJob *job)
{
  g_hash_table_remove (session->jobs, &job->id);
}

/* Reporting ---------------------------------------------------------------------- */

static void
print_done (Session           *session,
            const NdOutboxJob *job)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autofree char *line = NULL;
  const char *url;

  nd_store_get_remote_item (session->store, job->item_id, job->target, &remote, NULL);
  url = remote.url != NULL ? remote.url : "";

  switch (job->action)
    {
    case ND_OUTBOX_ACTION_PUBLISH:
      if (g_strcmp0 (remote.status, "future") == 0)
        /* Translators: the first %s is an item id, the second the post's address */
        line = g_strdup_printf (_("%s: scheduled: %s"), job->item_id, url);
      else if (g_strcmp0 (remote.status, "draft") == 0)
        /* Translators: the first %s is an item id, the second the post's address */
        line = g_strdup_printf (_("%s: sent as a draft: %s"), job->item_id, url);
      else
        /* Translators: the first %s is an item id, the second the post's address */
        line = g_strdup_printf (_("%s: published: %s"), job->item_id, url);
      break;
    case ND_OUTBOX_ACTION_WITHDRAW:
      /* Translators: %s is an item id */
      line = g_strdup_printf (_("%s: withdrawn: the post is a draft again"), job->item_id);
      break;
    case ND_OUTBOX_ACTION_DELETE:
      /* Translators: %s is an item id */
      line = g_strdup_printf (_("%s: moved to the trash on the site"), job->item_id);
      break;
    default:
      g_assert_not_reached ();
    }

  g_print ("%s\n", line);
}

static void
print_failed (Session           *session,
              const NdOutboxJob *job)
{
  g_autofree char *reason = nd_outbox_job_dup_error_message (job);

  session->n_failed++;
  if (job->state == ND_OUTBOX_STATE_CONFLICT)
    /* Translators: the first %s is an item id, the second why it stopped
     * (the post was changed on the site); keep --force as it is */
    nd_cli_print_error (_("%s: %s (publish again with --force to overwrite the changes)"),
                        job->item_id, reason != NULL ? reason : _("Unknown error"));
  else
    /* Translators: the first %s is an item id, the second the reason */
    nd_cli_print_error (_("%s: %s"), job->item_id, reason != NULL ? reason : _("Unknown error"));
}

/* A job of ours that waits in the outbox: said once, with its due time
 * in the user's locale. @tried: this run made an attempt. */
static void
print_waiting (Session           *session,
               const NdOutboxJob *job,
               gboolean           tried)
{
  g_autofree char *due = nd_job_error_format_time (job->next_attempt);
  g_autofree char *reason = nd_outbox_job_dup_error_message (job);

  session->n_waiting++;
  /* A new job that another one found the site down for is queued too. */
  if (tried || session->sending)
    /* Translators: the first %s is an item id, the second why it was not
     * sent, the third a date and time */
    g_print (_("%s: not sent (%s); queued, will retry at %s\n"), job->item_id,
             reason != NULL ? reason : _("Unknown error"), due);
  else if (reason != NULL && job->error_time != NULL)
    {
      g_autofree char *when = nd_job_error_format_time (job->error_time);

      /* Translators: the first %s is an item id, then the date and time of
       * the next attempt, of the last error, and the last error */
      g_print (_("%s: waiting until %s (last error at %s: %s)\n"), job->item_id, due, when, reason);
    }
  else
    /* Translators: the first %s is an item id, the second a date and time */
    g_print (_("%s: waiting until %s\n"), job->item_id, due);
}

static void
quit_when_done (Session *session)
{
  if (g_hash_table_size (session->jobs) == 0)
    g_main_loop_quit (session->loop);
}

static void
report (Session           *session,
        const NdOutboxJob *job,
        gboolean           tried)
{
  switch (job->state)
    {
    case ND_OUTBOX_STATE_DONE:
      if (!session->json)
        print_done (session, job);
      break;
    case ND_OUTBOX_STATE_FAILED:
    case ND_OUTBOX_STATE_CONFLICT:
      print_failed (session, job);
      break;
    case ND_OUTBOX_STATE_PENDING:
      if (!session->json)
        print_waiting (session, job, tried);
      else
        session->n_waiting++;
      break;
    case ND_OUTBOX_STATE_RUNNING:
    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (session->finished, nd_outbox_job_copy (job));
  session_forget (session, job);
  quit_when_done (session);
}

static void
job_finished_cb (NdOutboxRunner *runner,
                 NdOutboxJob    *job,
                 Session        *session)
{
  /* Pending without a next attempt: stopped, not failed; it is due again. */
  if (!session_owns (session, job) ||
      (job->state == ND_OUTBOX_STATE_PENDING && job->next_attempt == NULL))
    return;

  report (session, job, TRUE);
}

/* Nothing is due now: each job of ours still open waits for a later
 * time (another of the site's jobs found it down), or is worked by
 * another Newsdesk. Each is said once, and the command ends. */
static void
idle_cb (NdOutboxRunner *runner,
         Session        *session)
{
  g_autoptr(GPtrArray) jobs = nd_store_list_jobs (session->store, FALSE, NULL);
  g_autoptr(GHashTable) gone = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, session->jobs);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (gone, id);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      g_hash_table_remove (gone, &job->id);
      if (!session_owns (session, job))
        continue;

      if (job->state == ND_OUTBOX_STATE_PENDING && job->next_attempt != NULL)
        {
          report (session, job, FALSE);
        }
      else if (job->state == ND_OUTBOX_STATE_RUNNING)
        {
          session->n_waiting++;
          /* Translators: %s is an item id */
          g_print (_("%s: being sent by another Newsdesk\n"), job->item_id);
          session_forget (session, job);
        }
      else if (job->state != ND_OUTBOX_STATE_PENDING)
        {
          /* ended by another Newsdesk meanwhile */
          report (session, job, FALSE);
        }
    }

  /* Not in the outbox any more (its item was deleted): nothing to wait for. */
  g_hash_table_iter_init (&iter, gone);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_remove (session->jobs, id);
  quit_when_done (session);
}

/* Runs the outbox until each of the session's jobs was tried once, or
 * found waiting for a later time. */
static void
session_run (Session *session)
{
  session->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (session->runner, "job-finished", G_CALLBACK (job_finished_cb), session);
  g_signal_connect (session->runner, "idle", G_CALLBACK (idle_cb), session);

  nd_outbox_runner_start (session->runner);
  if (g_hash_table_size (session->jobs) > 0)
    g_main_loop_run (session->loop);
}

static gboolean
session_init (Session    *session,
              const char *db_path)
{
  g_autoptr(NdRetryPolicy) once = nd_retry_policy_new ();

  if (!(session->store = nd_cli_open_store (db_path)))
    return FALSE;

  session->runner = nd_outbox_runner_new (session->store);
  session->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_job_free);
  session->jobs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* One attempt per job and run: a site that is down is not waited for
   * in the terminal, the job waits in the outbox instead. */
  once->max_attempts = 1;
  nd_outbox_runner_set_client_retry_policy (session->runner, once);

  return TRUE;
}

static void
session_add_job (Session *session,
                 gint64   job_id)
{
  g_hash_table_add (session->jobs, g_memdup2 (&job_id, sizeof job_id));
}

/* The target and its password: from --password-file, else the keyring,
 * asked before any job is made so that a missing password is said at
 * once. (transfer full) */
static NdTarget *
prepare_target (Session    *session,
                const char *name,
                const char *password_file)
{
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(NdPassword) password = NULL;
  g_autoptr(GError) error = NULL;

  if (!(target = nd_store_lookup_target (session->store, name, &error)))
    {
      nd_cli_report_error (error);
      return NULL;
    }

  if (password_file != NULL)
    password = nd_credentials_read_password_file (password_file, &error);
  else
    password = nd_credentials_lookup_sync (target, NULL, &error);

  if (password == NULL)
    {
      if (password_file == NULL)
        /* Translators: %s is the keyring's message; keep the option as it is */
        nd_cli_print_error (_("%s; give the password with --password-file"), error->message);
      else
        nd_cli_report_error (error);
      return NULL;
    }

  nd_outbox_runner_set_password (session->runner, nd_target_get_name (target), password);
  return g_steal_pointer (&target);
}

/* A conflicting job of the same item is taken up again (with --force, it
 * overwrites); anything else is a new job. */
static NdOutboxJob *
find_conflict (Session    *session,
               const char *item_id,
               const char *target)
{
  g_autoptr(GPtrArray) jobs = nd_store_list_jobs (session->store, TRUE, NULL);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->state == ND_OUTBOX_STATE_CONFLICT && job->action == ND_OUTBOX_ACTION_PUBLISH &&
          g_str_equal (job->item_id, item_id) && g_str_equal (job->target, target))
        return nd_outbox_job_copy (job);
    }

  return NULL;
}

static gboolean
enqueue (Session        *session,
         const char     *id,
         const char     *target,
         NdOutboxAction  action,
         NdOutboxFlags   flags)
{
  g_autoptr(NdItem) item = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  const char *item_id;

  if (!(item = nd_cli_load_item (session->store, id)))
    return FALSE;

  item_id = nd_item_get_id (item);
  if (action != ND_OUTBOX_ACTION_PUBLISH &&
      !nd_store_get_remote_item (session->store, item_id, target, &remote, &error))
    {
      if (error != NULL)
        nd_cli_report_error (error);
      else
        /* Translators: the first %s is an item id, the second a target's name */
        nd_cli_print_error (_("%s: the item was never published to %s"), item_id, target);
      return FALSE;
    }

  if (action == ND_OUTBOX_ACTION_PUBLISH && (job = find_conflict (session, item_id, target)) != NULL)
    {
      if (!nd_store_retry_job (session->store, job->id, flags, &error))
        {
          nd_cli_report_error (error);
          return FALSE;
        }
    }
  else if (!(job = nd_store_enqueue_job (session->store, item_id, target, action, flags, &error)))
    {
      nd_cli_print_error (_("%s: %s"), item_id, error->message);
      return FALSE;
    }

  session_add_job (session, job->id);
  return TRUE;
}

static int
session_exit_status (Session *session,
                     guint    n_not_queued)
{
  if (session->n_failed + n_not_queued > 0)
    return ND_CLI_EXIT_USER_ERROR;
  if (session->n_waiting > 0)
    return ND_CLI_EXIT_QUEUED;

  return ND_CLI_EXIT_OK;
}

static int
send_items (const NdCliCommand  *command,
            const char          *db_path,
            int                  argc,
            char               **argv,
            const char          *target_name,
            const char          *password_file,
            NdOutboxAction       action,
            NdOutboxFlags        flags)
{
  g_auto(Session) session = { 0 };
  g_autoptr(NdTarget) target = NULL;
  guint n_not_queued = 0;

  if (target_name == NULL)
    /* Translators: %s is a command ("publish"); keep the option as it is */
    return nd_cli_usage_error (_("“%s” needs the target: --target NAME"), command->name);

  if (!session_init (&session, db_path))
    return ND_CLI_EXIT_USER_ERROR;
  session.sending = TRUE;
  if (!(target = prepare_target (&session, target_name, password_file)))
    return ND_CLI_EXIT_USER_ERROR;

  for (int i = 1; i < argc; i++)
    {
      if (!enqueue (&session, argv[i], nd_target_get_name (target), action, flags))
        n_not_queued++;
    }

  session_run (&session);

  return session_exit_status (&session, n_not_queued);
}

/* publish ----------------------------------------------------------------------------- */

int
nd_cli_cmd_publish (const NdCliCommand  *command,
                    const char          *db_path,
                    int                  argc,
                    char               **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *password_file = NULL;
  gboolean as_draft = FALSE;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "target", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &target,
      N_("The account to publish to (see “newsdesk target list”)"), N_("NAME") },
    { "password-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE instead of the keyring"), N_("FILE") },
    { "as-draft", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &as_draft,
      N_("Send the items as drafts"), NULL },
    { "force", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &force,
      N_("Overwrite changes made to the posts on the site"), NULL },
    G_OPTION_ENTRY_NULL
  };
  NdOutboxFlags flags = ND_OUTBOX_FLAG_NONE;
  int status;

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, -1)) != ND_CLI_CONTINUE)
    return status;

  if (as_draft)
    flags |= ND_OUTBOX_FLAG_AS_DRAFT;
  if (force)
    flags |= ND_OUTBOX_FLAG_FORCE;

  return send_items (command, db_path, argc, argv, target, password_file,
                     ND_OUTBOX_ACTION_PUBLISH, flags);
}

/* withdraw ----------------------------------------------------------------------------- */

int
nd_cli_cmd_withdraw (const NdCliCommand  *command,
                     const char          *db_path,
                     int                  argc,
                     char               **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *password_file = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &target,
      N_("The account the item was published to"), N_("NAME") },
    { "password-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE instead of the keyring"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  return send_items (command, db_path, argc, argv, target, password_file,
                     ND_OUTBOX_ACTION_WITHDRAW, ND_OUTBOX_FLAG_NONE);
}

/* outbox --------------------------------------------------------------------------------- */

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  return g_date_time_format_iso8601 (local);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = format_time (time);

  nd_cli_json_add_string (builder, name, text);
}

/* A pending job with a next attempt in the future waits; without one it
 * is due now. */
static gboolean
job_is_waiting (const NdOutboxJob *job,
                GDateTime         *now)
{
  return job->state == ND_OUTBOX_STATE_PENDING && job->next_attempt != NULL &&
         g_date_time_compare (job->next_attempt, now) > 0;
}

/* The last error of a job that is not done, as a sentence. (transfer full) */
static char *
dup_open_error (const NdOutboxJob *job)
{
  return job->state != ND_OUTBOX_STATE_DONE ? nd_outbox_job_dup_error_message (job) : NULL;
}

static JsonNode *
job_to_json (const NdOutboxJob *job,
             GDateTime         *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = dup_open_error (job);
  GDateTime *next = job->state == ND_OUTBOX_STATE_PENDING ? job->next_attempt : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, job->id);
  nd_cli_json_add_string (builder, "item", job->item_id);
  nd_cli_json_add_string (builder, "target", job->target);
  nd_cli_json_add_string (builder, "action", nd_outbox_action_to_key (job->action));
  nd_cli_json_add_string (builder, "state", nd_outbox_state_to_key (job->state));
  json_builder_set_member_name (builder, "waiting");
  json_builder_add_boolean_value (builder, job_is_waiting (job, now));
  json_builder_set_member_name (builder, "as_draft");
  json_builder_add_boolean_value (builder, (job->flags & ND_OUTBOX_FLAG_AS_DRAFT) != 0);
  json_builder_set_member_name (builder, "force");
  json_builder_add_boolean_value (builder, (job->flags & ND_OUTBOX_FLAG_FORCE) != 0);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, job->revision);
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, job->attempts);
  /* null: due now (or not pending) */
  add_time_member (builder, "next_attempt", next);
  /* The last attempt's error, in the reader's language, its code and when
   * it happened: the past, not necessarily the state of the site now. */
  nd_cli_json_add_string (builder, "last_error", message);
  nd_cli_json_add_string (builder, "last_error_code", message != NULL ? job->error_code : NULL);
  add_time_member (builder, "last_error_at", message != NULL ? job->error_time : NULL);
  add_time_member (builder, "created", job->created);
  add_time_member (builder, "updated", job->updated);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_jobs_json (GPtrArray *jobs)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < jobs->len; i++)
    json_array_add_element (array, job_to_json (g_ptr_array_index (jobs, i), now));

  root = json_node_init_array (json_node_alloc (), array);
  nd_cli_print_json (root);
}

/* Where a job stands: "waiting until …", "due now", "failed", … */
static char *
describe_state (const NdOutboxJob *job,
                GDateTime         *now)
{
  g_autofree char *due = NULL;

  switch (job->state)
    {
    case ND_OUTBOX_STATE_PENDING:
      if (!job_is_waiting (job, now))
        return g_strdup (_("due now"));
      due = nd_job_error_format_time (job->next_attempt);
      /* Translators: %s is a date and time */
      return g_strdup_printf (_("waiting until %s"), due);
    case ND_OUTBOX_STATE_RUNNING:
      return g_strdup (_("being sent"));
    case ND_OUTBOX_STATE_DONE:
      return g_strdup (_("done"));
    case ND_OUTBOX_STATE_FAILED:
      return g_strdup (_("failed"));
    case ND_OUTBOX_STATE_CONFLICT:
      return g_strdup (_("changed on the site (publish again with --force to overwrite)"));
    default:
      g_assert_not_reached ();
    }
}

static void
print_job_line (const NdOutboxJob *job,
                GDateTime         *now)
{
  g_autofree char *state = describe_state (job, now);
  g_autofree char *message = dup_open_error (job);
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t", job->id,
                          nd_outbox_state_to_key (job->state), nd_outbox_action_to_key (job->action),
                          job->item_id, job->target, state);
  g_string_append_printf (line,
                          g_dngettext (GETTEXT_PACKAGE, "%u attempt", "%u attempts", job->attempts),
                          job->attempts);
  if (message != NULL && job->error_time != NULL)
    {
      g_autofree char *when = nd_job_error_format_time (job->error_time);

      g_string_append_c (line, '\t');
      /* Translators: the first %s is a date and time, the second an error */
      g_string_append_printf (line, _("last error at %s: %s"), when, message);
    }
  else if (message != NULL)
    {
      g_string_append_c (line, '\t');
      /* Translators: %s is an error */
      g_string_append_printf (line, _("last error: %s"), message);
    }

  g_print ("%s\n", line->str);
}

static int
list_jobs (const char *db_path,
           gboolean    all,
           gboolean    json)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(jobs = nd_store_list_jobs (store, FALSE, &error)))
    return nd_cli_report_error (error);

  for (guint i = 0; i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (all || job->state != ND_OUTBOX_STATE_DONE)
        g_ptr_array_add (shown, job);
    }

  if (json)
    {
      print_jobs_json (shown);
      return ND_CLI_EXIT_OK;
    }

  for (guint i = 0; i < shown->len; i++)
    print_job_line (g_ptr_array_index (shown, i), now);

  return ND_CLI_EXIT_OK;
}

/* outbox --run: the jobs that are pending now are the session's (with
 * --now, made due first); running ones were left by a crash and are
 * recovered when the runner starts. */
static gboolean
session_take_open_jobs (Session  *session,
                        gboolean  now)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  if (now)
    nd_store_hasten_jobs (session->store, 0, &error);
  if (error != NULL || !(jobs = nd_store_list_jobs (session->store, TRUE, &error)))
    {
      nd_cli_report_error (error);
      return FALSE;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->state == ND_OUTBOX_STATE_PENDING || job->state == ND_OUTBOX_STATE_RUNNING)
        session_add_job (session, job->id);
    }

  return TRUE;
}

int
nd_cli_cmd_outbox (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_auto(Session) session = { 0 };
  gboolean run = FALSE;
  gboolean now = FALSE;
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "run", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &run,
      N_("Work the jobs that are due, passwords from the keyring"), NULL },
    { "now", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &now,
      N_("With --run: try every waiting job at once, not at its time"), NULL },
    { "all", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &all,
      N_("List finished jobs too"), NULL },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if (argc > 1)
    /* Translators: %s is what followed "newsdesk outbox" */
    return nd_cli_usage_error (_("“outbox” takes no arguments, not “%s”"), argv[1]);
  if (now && !run)
    /* Translators: keep the options as they are */
    return nd_cli_usage_error (_("--now goes with --run"));

  if (!run)
    return list_jobs (db_path, all, json);

  if (!session_init (&session, db_path) || !session_take_open_jobs (&session, now))
    return ND_CLI_EXIT_USER_ERROR;

  session.json = json;
  session_run (&session);
  if (json)
    print_jobs_json (session.finished);

  return session_exit_status (&session, 0);
}
