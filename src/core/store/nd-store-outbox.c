/* nd-store-outbox.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "nd-item.h"
#include "nd-json.h"
#include "nd-kinds.h"
#include "nd-store-outbox.h"
#include "nd-store-private.h"
#include "nd-tag.h"
#include "nd-target.h"

/* The outbox and the remote state: see nd-store-outbox.h. Items are stored by
 * rowid and targets by id; the API speaks of item UUIDs and target names,
 * and each statement joins to them, so that a name never needs a second
 * lookup. */

static const char * const action_keys[] = { "publish", "withdraw", "delete" };
static const char * const state_keys[] = { "pending", "running", "done", "failed", "conflict" };

G_DEFINE_BOXED_TYPE (NdOutboxJob, nd_outbox_job, nd_outbox_job_copy, nd_outbox_job_free)

NdOutboxJob *
nd_outbox_job_copy (const NdOutboxJob *job)
{
  NdOutboxJob *copy;

  g_return_val_if_fail (job != NULL, NULL);

  copy = g_memdup2 (job, sizeof *job);
  copy->item_id = g_strdup (job->item_id);
  copy->target = g_strdup (job->target);
  copy->last_error = g_strdup (job->last_error);
  copy->error_code = g_strdup (job->error_code);
  copy->error_args = g_strdupv (job->error_args);
  copy->error_time = job->error_time != NULL ? g_date_time_ref (job->error_time) : NULL;
  copy->next_attempt = job->next_attempt != NULL ? g_date_time_ref (job->next_attempt) : NULL;
  copy->created = job->created != NULL ? g_date_time_ref (job->created) : NULL;
  copy->updated = job->updated != NULL ? g_date_time_ref (job->updated) : NULL;

  return copy;
}

void
nd_outbox_job_free (NdOutboxJob *job)
{
  if (job == NULL)
    return;

  g_free (job->item_id);
  g_free (job->target);
  g_free (job->last_error);
  g_free (job->error_code);
  g_strfreev (job->error_args);
  g_clear_pointer (&job->error_time, g_date_time_unref);
  g_clear_pointer (&job->next_attempt, g_date_time_unref);
  g_clear_pointer (&job->created, g_date_time_unref);
  g_clear_pointer (&job->updated, g_date_time_unref);
  g_free (job);
}

const char *
nd_outbox_action_to_key (NdOutboxAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_keys), NULL);

  return action_keys[action];
}

const char *
nd_outbox_state_to_key (NdOutboxState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_keys), NULL);

  return state_keys[state];
}

static int
key_index (const char         *key,
           const char * const *keys,
           guint               n_keys)
{
  for (guint i = 0; i < n_keys; i++)
    {
      if (g_strcmp0 (key, keys[i]) == 0)
        return (int) i;
    }

  return -1;
}

/* Jobs */

#define JOB_COLUMNS \
  "o.id, items.uuid, targets.name, o.action, o.flags, o.revision, o.state, " \
  "o.attempts, o.next_attempt, o.last_error, o.created, o.updated, o.error_code, o.error_detail"

#define JOB_FROM \
  " FROM outbox o JOIN items ON items.rowid = o.item_id JOIN targets ON targets.id = o.target_id "

static char *now_text (void);

/* error_detail: {"args": [strings], "at": "2024-05-14T09:30:00Z"}; the
 * schema has no column for the time, and the two belong together. */
static char *
error_detail_to_json (const char * const *args)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = now_text ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    json_builder_add_string_value (builder, args[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, now);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
job_read_error_detail (NdOutboxJob *job,
                       const char  *detail)
{
  g_autoptr(JsonNode) node = detail != NULL ? json_from_string (detail, NULL) : NULL;
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                      : NULL;
  JsonNode *args = object != NULL ? json_object_get_member (object, "args") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *at;

  if (object == NULL)
    return;

  for (guint i = 0; args != NULL && JSON_NODE_HOLDS_ARRAY (args) &&
                    i < json_array_get_length (json_node_get_array (args)); i++)
    {
      JsonNode *arg = json_array_get_element (json_node_get_array (args), i);

      g_strv_builder_add (builder, JSON_NODE_HOLDS_VALUE (arg) &&
                                   json_node_get_value_type (arg) == G_TYPE_STRING
                                   ? json_node_get_string (arg) : "");
    }
  job->error_args = g_strv_builder_end (builder);
  at = nd_json_object_get_string (object, "at");
  job->error_time = _nd_store_parse_timestamp (at);
}

static NdOutboxJob *
job_from_row (sqlite3_stmt *stmt)
{
  NdOutboxJob *job = g_new0 (NdOutboxJob, 1);
  int action = key_index (_nd_store_column_text (stmt, 3), action_keys, G_N_ELEMENTS (action_keys));
  int state = key_index (_nd_store_column_text (stmt, 6), state_keys, G_N_ELEMENTS (state_keys));

  job->id = sqlite3_column_int64 (stmt, 0);
  job->item_id = g_strdup (_nd_store_column_text (stmt, 1));
  job->target = g_strdup (_nd_store_column_text (stmt, 2));
  /* The schema's CHECKs allow only known keys. */
  job->action = (NdOutboxAction) MAX (action, 0);
  job->flags = (NdOutboxFlags) sqlite3_column_int64 (stmt, 4);
  job->revision = (guint) sqlite3_column_int64 (stmt, 5);
  job->state = (NdOutboxState) MAX (state, 0);
  job->attempts = (guint) sqlite3_column_int64 (stmt, 7);
  job->next_attempt = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 8));
  job->last_error = g_strdup (_nd_store_column_text (stmt, 9));
  job->created = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 10));
  job->updated = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 11));
  job->error_code = g_strdup (_nd_store_column_text (stmt, 12));
  if (job->error_code != NULL)
    job_read_error_detail (job, _nd_store_column_text (stmt, 13));

  return job;
}

NdOutboxJob *
nd_store_load_job (NdStore  *self,
                   gint64    job_id,
                   GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self, "SELECT " JOB_COLUMNS JOB_FROM "WHERE o.id = ?1", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, job_id);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      /* Translators: %ld is the number of a publishing job */
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
                   _("No publishing job %ld"), (long) job_id);
      return NULL;
    }

  return job_from_row (stmt);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _nd_store_format_timestamp (now);
}

/* The rowid and current revision of an item, and the id of a target, or
 * a NOT_FOUND error naming what is missing. */
static gboolean
lookup_item_and_target (NdStore     *self,
                        const char  *item_id,
                        const char  *target,
                        gint64      *item_rowid,
                        guint       *revision,
                        gint64      *target_id,
                        GError     **error)
{
  g_autoptr(NdStmt) item_stmt = NULL;
  g_autoptr(NdStmt) target_stmt = NULL;
  gboolean has_row;

  if (!(item_stmt = _nd_store_prepare (self, "SELECT rowid, revision FROM items WHERE uuid = ?1", error)))
    return FALSE;
  _nd_store_bind_text (item_stmt, 1, item_id);
  if (!_nd_store_step_row (self, item_stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND, _("No item “%s”"), item_id);
      return FALSE;
    }
  *item_rowid = sqlite3_column_int64 (item_stmt, 0);
  if (revision != NULL)
    *revision = (guint) sqlite3_column_int64 (item_stmt, 1);

  if (!(target_stmt = _nd_store_prepare (self, "SELECT id FROM targets WHERE name = ?1", error)))
    return FALSE;
  _nd_store_bind_text (target_stmt, 1, target);
  if (!_nd_store_step_row (self, target_stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      _nd_store_set_no_target (target, error);
      return FALSE;
    }
  *target_id = sqlite3_column_int64 (target_stmt, 0);

  return TRUE;
}

NdOutboxJob *
nd_store_enqueue_job (NdStore         *self,
                      const char      *item_id,
                      const char      *target,
                      NdOutboxAction   action,
                      NdOutboxFlags    flags,
                      GError         **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *now = now_text ();
  gint64 item_rowid;
  gint64 target_id;
  guint revision;
  gint64 job_id;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL && target != NULL, NULL);
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_keys), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_nd_store_begin (self, error))
    return NULL;

  if (!lookup_item_and_target (self, item_id, target, &item_rowid, &revision, &target_id, error) ||
      !(stmt = _nd_store_prepare (self,
                                  "INSERT INTO outbox (item_id, target_id, action, flags, revision, "
                                  "                    state, created, updated) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)",
                                  error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, item_rowid);
  sqlite3_bind_int64 (stmt, 2, target_id);
  _nd_store_bind_text (stmt, 3, action_keys[action]);
  sqlite3_bind_int64 (stmt, 4, flags);
  sqlite3_bind_int64 (stmt, 5, revision);
  _nd_store_bind_text (stmt, 6, now);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  job_id = sqlite3_last_insert_rowid (_nd_store_get_db (self));
  if (!_nd_store_commit (self, error))
    goto failed;

  return nd_store_load_job (self, job_id, error);

failed:
  _nd_store_rollback (self);
  return NULL;
}

GPtrArray *
nd_store_list_jobs (NdStore   *self,
                    gboolean   open_only,
                    GError   **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_job_free);
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " JOB_COLUMNS JOB_FROM
                                  "WHERE ?1 = 0 OR o.state IN ('pending', 'running', 'conflict') "
                                  "ORDER BY o.id",
                                  error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, open_only ? 1 : 0);

  for (;;)
    {
      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (jobs, job_from_row (stmt));
    }

  return g_steal_pointer (&jobs);
}

NdOutboxJob *
nd_store_claim_job (NdStore    *self,
                    GDateTime  *now,
                    GError    **error)
{
  g_autoptr(NdStmt) pick = NULL;
  g_autoptr(NdStmt) mark = NULL;
  g_autofree char *now_string = NULL;
  gboolean has_row;
  gint64 job_id;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  now_string = _nd_store_format_timestamp (now);

  /* One transaction: two workers never claim the same job. It waits for
   * the disk: the attempt it counts must survive a power cut, since a job
   * that was tried before looks for the post it may have made (see
   * nd_store_record_publication ()). */
  if (!_nd_store_begin (self, error))
    return NULL;

  if (!(pick = _nd_store_prepare (self,
                                  "SELECT id FROM outbox WHERE state = 'pending' "
                                  "AND (next_attempt IS NULL OR next_attempt <= ?1) "
                                  "ORDER BY coalesce (next_attempt, created), id LIMIT 1",
                                  error)))
    goto failed;
  _nd_store_bind_text (pick, 1, now_string);
  if (!_nd_store_step_row (self, pick, &has_row, error))
    goto failed;
  if (!has_row)
    {
      _nd_store_rollback (self);
      return NULL;
    }
  job_id = sqlite3_column_int64 (pick, 0);
  sqlite3_reset (pick);

  if (!(mark = _nd_store_prepare (self,
                                  "UPDATE outbox SET state = 'running', attempts = attempts + 1, "
                                  "updated = ?2 WHERE id = ?1",
                                  error)))
    goto failed;
  sqlite3_bind_int64 (mark, 1, job_id);
  _nd_store_bind_text (mark, 2, now_string);
  if (!_nd_store_step_done (self, mark, error) ||
      !_nd_store_commit (self, error))
    goto failed;

  return nd_store_load_job (self, job_id, error);

failed:
  _nd_store_rollback (self);
  return NULL;
}

/* Runs @sql, one job's update, with ?1 the job, ?2 the state, ?3 the
 * error code, ?4 its detail, ?5 the next attempt, ?6 now, ?7 flags. */
static gboolean
update_job (NdStore             *self,
            gint64               job_id,
            const char          *sql,
            NdOutboxState        state,
            const char          *error_code,
            const char * const  *error_args,
            GDateTime           *next_attempt,
            guint                flags,
            GError             **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *now = now_text ();
  g_autofree char *next = _nd_store_format_timestamp (next_attempt);
  g_autofree char *detail = error_code != NULL ? error_detail_to_json (error_args) : NULL;

  if (!_nd_store_begin (self, error))
    return FALSE;

  if (!(stmt = _nd_store_prepare (self, sql, error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, job_id);
  _nd_store_bind_text (stmt, 2, state_keys[state]);
  _nd_store_bind_text (stmt, 3, error_code);
  _nd_store_bind_text (stmt, 4, detail);
  _nd_store_bind_text (stmt, 5, next);
  _nd_store_bind_text (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, flags);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (_nd_store_get_db (self)) == 0)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
                   _("No publishing job %ld"), (long) job_id);
      goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

gboolean
nd_store_finish_job (NdStore             *self,
                     gint64               job_id,
                     NdOutboxState        state,
                     const char          *error_code,
                     const char * const  *error_args,
                     GDateTime           *next_attempt,
                     GError             **error)
{
  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != ND_OUTBOX_STATE_RUNNING, FALSE);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_keys), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A job that is done has no error any more; any other keeps its last
   * one (an attempt cancelled without an error leaves it as it was). The
   * sentence of older versions goes once there is a code. */
  return update_job (self, job_id,
                     "UPDATE outbox SET state = ?2, next_attempt = ?5, updated = ?6, "
                     "  flags = flags | ?7, "
                     "  error_code = CASE WHEN ?2 = 'done' THEN NULL ELSE coalesce (?3, error_code) END, "
                     "  error_detail = CASE WHEN ?2 = 'done' THEN NULL "
                     "                 WHEN ?3 IS NULL THEN error_detail ELSE ?4 END, "
                     "  last_error = CASE WHEN ?2 = 'done' OR ?3 IS NOT NULL THEN NULL ELSE last_error END "
                     "WHERE id = ?1",
                     state, error_code, error_args,
                     state == ND_OUTBOX_STATE_PENDING ? next_attempt : NULL,
                     0, error);
}

gboolean
nd_store_retry_job (NdStore        *self,
                    gint64          job_id,
                    NdOutboxFlags   flags,
                    GError        **error)
{
  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Only a job that ended can be tried again; a running one is still
   * being worked. */
  return update_job (self, job_id,
                     "UPDATE outbox SET state = ?2, last_error = NULL, error_code = ?3, "
                     "  error_detail = ?4, next_attempt = ?5, updated = ?6, flags = flags | ?7 "
                     "WHERE id = ?1 AND state IN ('failed', 'conflict', 'pending')",
                     ND_OUTBOX_STATE_PENDING, NULL, NULL, NULL, flags, error);
}

/* Runs @stmt, an UPDATE of several jobs bound in the transaction begun
 * for it (NULL if it could not be prepared), and ends that transaction:
 * the number of jobs changed, or 0 and @error with nothing changed. */
static guint
update_jobs_counted (NdStore  *self,
                     NdStmt   *stmt,
                     GError  **error)
{
  guint n;

  if (stmt == NULL || !_nd_store_step_done (self, stmt, error))
    goto failed;

  n = (guint) sqlite3_changes (_nd_store_get_db (self));
  if (!_nd_store_commit (self, error))
    goto failed;

  return n;

failed:
  _nd_store_rollback (self);
  return 0;
}

guint
nd_store_postpone_jobs (NdStore             *self,
                        const char          *target,
                        GDateTime           *until,
                        const char          *error_code,
                        const char * const  *error_args,
                        GError             **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *next = NULL;
  g_autofree char *now = now_text ();
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), 0);
  g_return_val_if_fail (target != NULL && until != NULL && error_code != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  next = _nd_store_format_timestamp (until);
  detail = error_detail_to_json (error_args);

  if (!_nd_store_begin (self, error))
    return 0;

  if (!(stmt = _nd_store_prepare (self,
                                  "UPDATE outbox SET next_attempt = ?2, error_code = ?3, "
                                  "  error_detail = ?4, last_error = NULL, updated = ?5 "
                                  "WHERE state = 'pending' "
                                  "  AND target_id = (SELECT id FROM targets WHERE name = ?1) "
                                  "  AND (next_attempt IS NULL OR next_attempt < ?2)",
                                  error)))
    return update_jobs_counted (self, NULL, error);

  _nd_store_bind_text (stmt, 1, target);
  _nd_store_bind_text (stmt, 2, next);
  _nd_store_bind_text (stmt, 3, error_code);
  _nd_store_bind_text (stmt, 4, detail);
  _nd_store_bind_text (stmt, 5, now);

  return update_jobs_counted (self, stmt, error);
}

guint
nd_store_hasten_jobs (NdStore  *self,
                      gint64    job_id,
                      GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_nd_store_begin (self, error))
    return 0;

  /* "updated" stays: nothing happened to the job but its time */
  if (!(stmt = _nd_store_prepare (self,
                                  "UPDATE outbox SET next_attempt = NULL "
                                  "WHERE state = 'pending' AND next_attempt IS NOT NULL "
                                  "  AND (?1 = 0 OR id = ?1)",
                                  error)))
    return update_jobs_counted (self, NULL, error);

  sqlite3_bind_int64 (stmt, 1, job_id);

  return update_jobs_counted (self, stmt, error);
}

guint
nd_store_recover_jobs (NdStore  *self,
                       GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *now = now_text ();

  g_return_val_if_fail (ND_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_nd_store_begin (self, error))
    return 0;

  if (!(stmt = _nd_store_prepare (self,
                                  "UPDATE outbox SET state = 'pending', updated = ?1 "
                                  "WHERE state = 'running'",
                                  error)))
    return update_jobs_counted (self, NULL, error);
  _nd_store_bind_text (stmt, 1, now);

  return update_jobs_counted (self, stmt, error);
}

/* Remote state */

#define REMOTE_COLUMNS \
  "r.remote_id, r.url, r.status, r.remote_modified, r.published_revision, r.published, " \
  "r.digest, targets.name"

static void
read_remote_item (NdStmt       *stmt,
                  NdRemoteItem *remote)
{
  nd_remote_item_clear (remote);
  remote->remote_id = g_strdup (_nd_store_column_text (stmt, 0));
  remote->url = g_strdup (_nd_store_column_text (stmt, 1));
  remote->status = g_strdup (_nd_store_column_text (stmt, 2));
  remote->remote_modified = g_strdup (_nd_store_column_text (stmt, 3));
  remote->published_revision = (guint) sqlite3_column_int64 (stmt, 4);
  remote->published = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 5));
  remote->digest = g_strdup (_nd_store_column_text (stmt, 6));
  remote->target = g_strdup (_nd_store_column_text (stmt, 7));
}

gboolean
nd_store_get_remote_item (NdStore       *self,
                          const char    *item_id,
                          const char    *target,
                          NdRemoteItem  *remote,
                          GError       **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_id != NULL && target != NULL && remote != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " REMOTE_COLUMNS " "
                                  "FROM remote_items r "
                                  "JOIN items ON items.rowid = r.item_id "
                                  "JOIN targets ON targets.id = r.target_id "
                                  "WHERE items.uuid = ?1 AND targets.name = ?2",
                                  error)))
    return FALSE;

  _nd_store_bind_text (stmt, 1, item_id);
  _nd_store_bind_text (stmt, 2, target);
  if (!_nd_store_step_row (self, stmt, &has_row, error) || !has_row)
    return FALSE;

  read_remote_item (stmt, remote);

  return TRUE;
}

GPtrArray *
nd_store_list_remote_items (NdStore     *self,
                            const char  *item_id,
                            GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) remotes = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " REMOTE_COLUMNS " "
                                  "FROM remote_items r "
                                  "JOIN items ON items.rowid = r.item_id "
                                  "JOIN targets ON targets.id = r.target_id "
                                  "WHERE items.uuid = ?1 "
                                  "ORDER BY targets.name",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, item_id);
  remotes = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_remote_item_free);
  for (;;)
    {
      NdRemoteItem *remote;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      remote = g_new0 (NdRemoteItem, 1);
      read_remote_item (stmt, remote);
      g_ptr_array_add (remotes, remote);
    }

  return g_steal_pointer (&remotes);
}

gboolean
nd_store_set_remote_item (NdStore             *self,
                          const char          *item_id,
                          const char          *target,
                          const NdRemoteItem  *remote,
                          GError             **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *published = NULL;
  gint64 item_rowid;
  gint64 target_id;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_id != NULL && target != NULL && remote != NULL, FALSE);
  g_return_val_if_fail (remote->remote_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  published = _nd_store_format_timestamp (remote->published);

  if (!_nd_store_begin (self, error))
    return FALSE;

  if (!lookup_item_and_target (self, item_id, target, &item_rowid, NULL, &target_id, error) ||
      !(stmt = _nd_store_prepare (self,
                                  "INSERT OR REPLACE INTO remote_items "
                                  "  (item_id, target_id, remote_id, url, status, remote_modified, "
                                  "   published_revision, published, digest) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  error)))
    goto failed;

  sqlite3_bind_int64 (stmt, 1, item_rowid);
  sqlite3_bind_int64 (stmt, 2, target_id);
  _nd_store_bind_text (stmt, 3, remote->remote_id);
  _nd_store_bind_text (stmt, 4, remote->url);
  _nd_store_bind_text (stmt, 5, remote->status);
  _nd_store_bind_text (stmt, 6, remote->remote_modified);
  sqlite3_bind_int64 (stmt, 7, remote->published_revision);
  _nd_store_bind_text (stmt, 8, published);
  _nd_store_bind_text (stmt, 9, remote->digest);
  if (!_nd_store_step_done (self, stmt, error) ||
      !_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

gboolean
nd_store_record_publication (NdStore       *self,
                             NdItem        *item,
                             const char    *target,
                             int            status,
                             guint          sent_revision,
                             NdRemoteItem  *remote,
                             gint64         job_id,
                             GError       **error)
{
  g_autoptr(GDateTime) read_updated = NULL;
  NdItemStatus read_status;
  guint read_revision;
  gboolean current = FALSE;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_ITEM (item) && target != NULL && remote != NULL, FALSE);
  g_return_val_if_fail (status >= 0 && status <= ND_ITEM_STATUS_WITHDRAWN, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  read_status = nd_item_get_status (item);
  read_revision = nd_item_get_revision (item);
  if (nd_item_get_updated (item) != NULL)
    read_updated = g_date_time_ref (nd_item_get_updated (item));

  /* The commit does not wait for the disk. If a power cut loses it, the
   * job is running again after the restart, recovery makes it pending,
   * and its next attempt (the claim counted this one, and that was
   * synced) first looks for the post this one made and updates it: the
   * same record again, no second post. Every publication saves an fsync. */
  if (!_nd_store_begin_unsynced (self, error))
    return FALSE;

  if (!_nd_store_save_status (self, item, (NdItemStatus) status, ND_REVISION_REASON_PUBLICATION,
                              &current, error))
    goto failed;

  remote->published_revision = current && read_revision == sent_revision ? nd_item_get_revision (item)
                                                                          : sent_revision;
  if (!nd_store_set_remote_item (self, nd_item_get_id (item), target, remote, error) ||
      (job_id > 0 &&
       !nd_store_finish_job (self, job_id, ND_OUTBOX_STATE_DONE, NULL, NULL, NULL, error)) ||
      !_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  if (current)
    {
      /* Nothing was recorded: the item is as it was read. */
      nd_item_set_status (item, read_status);
      nd_item_set_revision (item, read_revision);
      nd_item_set_updated (item, read_updated);
    }
  return FALSE;
}

char *
nd_store_dup_remote_tag (NdStore     *self,
                         const char  *target,
                         const char  *tag,
                         GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *key = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (target != NULL && tag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((key = nd_tag_key (tag)) == NULL)
    return NULL;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT r.remote_id FROM remote_tags r "
                                  "JOIN tags t ON t.id = r.tag_id "
                                  "JOIN targets ON targets.id = r.target_id "
                                  "WHERE targets.name = ?1 AND t.key = ?2",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, target);
  _nd_store_bind_text (stmt, 2, key);
  if (!_nd_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  return g_strdup (_nd_store_column_text (stmt, 0));
}

gboolean
nd_store_set_remote_tag (NdStore     *self,
                         const char  *target,
                         const char  *tag,
                         const char  *remote_id,
                         GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL && tag != NULL && remote_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((key = nd_tag_key (tag)) == NULL)
    {
      /* Translators: %s is a tag as given */
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID, _("“%s” is no tag"), tag);
      return FALSE;
    }

  if (!_nd_store_begin (self, error))
    return FALSE;

  /* Only tags the store has (an item uses them) get a remote id. */
  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT OR REPLACE INTO remote_tags (target_id, tag_id, remote_id) "
                                  "SELECT targets.id, t.id, ?3 FROM targets, tags t "
                                  "WHERE targets.name = ?1 AND t.key = ?2",
                                  error)))
    goto failed;

  _nd_store_bind_text (stmt, 1, target);
  _nd_store_bind_text (stmt, 2, key);
  _nd_store_bind_text (stmt, 3, remote_id);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (_nd_store_get_db (self)) == 0)
    {
      g_autoptr(NdTarget) found = nd_store_lookup_target (self, target, error);

      /* Either is missing: say which. */
      if (found != NULL)
        g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a tag */
                     _("No item has the tag “%s”"), tag);
      goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

char *
nd_store_dup_remote_media (NdStore     *self,
                           const char  *target,
                           const char  *sha256,
                           const char  *credit,
                           char       **url,
                           GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (target != NULL && sha256 != NULL && credit != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT r.remote_id, r.url FROM remote_media r "
                                  "JOIN targets ON targets.id = r.target_id "
                                  "WHERE targets.name = ?1 AND r.sha256 = ?2 AND r.credit = ?3",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, target);
  _nd_store_bind_text (stmt, 2, sha256);
  _nd_store_bind_text (stmt, 3, credit);
  if (!_nd_store_step_row (self, stmt, &has_row, error) || !has_row)
    return NULL;

  if (url != NULL)
    *url = g_strdup (_nd_store_column_text (stmt, 1));

  return g_strdup (_nd_store_column_text (stmt, 0));
}

gboolean
nd_store_set_remote_media (NdStore     *self,
                           const char  *target,
                           const char  *sha256,
                           const char  *credit,
                           const char  *remote_id,
                           const char  *url,
                           GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL && sha256 != NULL && credit != NULL && remote_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_nd_store_begin (self, error))
    return FALSE;

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT OR REPLACE INTO remote_media (target_id, sha256, credit, remote_id, url) "
                                  "SELECT id, ?2, ?5, ?3, ?4 FROM targets WHERE name = ?1",
                                  error)))
    goto failed;

  _nd_store_bind_text (stmt, 1, target);
  _nd_store_bind_text (stmt, 2, sha256);
  _nd_store_bind_text (stmt, 3, remote_id);
  _nd_store_bind_text (stmt, 4, url);
  _nd_store_bind_text (stmt, 5, credit);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (_nd_store_get_db (self)) == 0)
    {
      _nd_store_set_no_target (target, error);
      goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}
