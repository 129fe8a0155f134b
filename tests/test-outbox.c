/* test-outbox.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "nd-item-json.h"
#include "nd-item.h"
#include "nd-store-outbox.h"
#include "nd-revision.h"
#include "nd-store-private.h"
#include "nd-sync-counter.h"
#include "nd-test-utils.h"

/* The store's half of publishing: outbox jobs survive a reopen, are
 * claimed once, retried later, recovered after a crash; remote ids of
 * items, tags and media are kept per target and go with it. Targets are
 * written with SQL here, so that this test needs nothing of the target
 * API. */

typedef struct
{
  char    *dir;
  char    *path;
  NdStore *store;
  char    *item_id;
} Fixture;

static void
exec_ok (NdStore    *store,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_nd_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = nd_item_new ();

  f->dir = g_dir_make_tmp ("nd-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "news.db", NULL);
  f->store = nd_store_open (f->path, &error);
  g_assert_no_error (error);

  nd_item_set_title (item, "Clusterkonferenz");
  nd_item_add_tag (item, "ECCP");
  g_assert_true (nd_store_save_item (f->store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);
  f->item_id = g_strdup (nd_item_get_id (item));

  exec_ok (f->store, "INSERT INTO targets (name, type, base_url, username, created) "
                     "VALUES ('Website', 'wordpress', 'https://example.org', 'redaktion', 'now'),"
                     "       ('Intranet', 'wordpress', 'https://intra.example.org', 'r', 'now')");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  nd_test_remove_database (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->item_id);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = nd_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
test_enqueue_and_claim (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) none = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  job = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_PUBLISH,
                              ND_OUTBOX_FLAG_AS_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->id, >, 0);
  g_assert_cmpstr (job->item_id, ==, f->item_id);
  g_assert_cmpstr (job->target, ==, "Website");
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_PENDING);
  g_assert_cmpint (job->flags, ==, ND_OUTBOX_FLAG_AS_DRAFT);
  g_assert_cmpuint (job->revision, ==, 1);
  g_assert_cmpuint (job->attempts, ==, 0);
  g_assert_nonnull (job->created);

  /* In the store before any request: a restart keeps it. */
  reopen (f);
  jobs = nd_store_list_jobs (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((NdOutboxJob *) g_ptr_array_index (jobs, 0))->id, ==, job->id);

  claimed = nd_store_claim_job (f->store, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_cmpint (claimed->id, ==, job->id);
  g_assert_cmpint (claimed->state, ==, ND_OUTBOX_STATE_RUNNING);
  g_assert_cmpuint (claimed->attempts, ==, 1);

  /* Claimed once: nothing else is due. */
  none = nd_store_claim_job (f->store, now, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Unknown item or target: refused, nothing queued. */
  g_clear_pointer (&job, nd_outbox_job_free);
  job = nd_store_enqueue_job (f->store, f->item_id, "Nowhere", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_null (job);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  job = nd_store_enqueue_job (f->store, "ffffffff-gone", "Website", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_null (job);
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = nd_store_list_jobs (f->store, FALSE, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
}

static void
test_retry_and_finish (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) early = NULL;
  g_autoptr(NdOutboxJob) again = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autoptr(GDateTime) much_later = g_date_time_add_seconds (now, 60);
  const char * const busy[] = { "example.org", "503", "Busy", NULL };
  const char * const changed[] = { "2024-05-14T09:30:00Z", NULL };
  NdOutboxJob *listed;

  job = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_no_error (error);
  claimed = nd_store_claim_job (f->store, now, &error);
  g_assert_no_error (error);

  /* A 503: pending again, due in 30 s, not before. */
  g_assert_true (nd_store_finish_job (f->store, claimed->id, ND_OUTBOX_STATE_PENDING,
                                      "wp-server", busy, later, &error));
  g_assert_no_error (error);
  early = nd_store_claim_job (f->store, now, &error);
  g_assert_no_error (error);
  g_assert_null (early);
  again = nd_store_claim_job (f->store, much_later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->attempts, ==, 2);

  /* A conflict ends the attempt; --force tries again, forced. */
  g_assert_true (nd_store_finish_job (f->store, again->id, ND_OUTBOX_STATE_CONFLICT,
                                      "publisher-conflict", changed, NULL, &error));
  g_assert_no_error (error);
  jobs = nd_store_list_jobs (f->store, TRUE, &error);
  listed = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (listed->state, ==, ND_OUTBOX_STATE_CONFLICT);
  g_assert_cmpstr (listed->error_code, ==, "publisher-conflict");
  g_assert_cmpstrv (listed->error_args, changed);
  g_assert_nonnull (listed->error_time);
  g_assert_null (listed->last_error);
  g_assert_null (listed->next_attempt);

  g_assert_true (nd_store_retry_job (f->store, again->id, ND_OUTBOX_FLAG_FORCE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, nd_outbox_job_free);
  again = nd_store_claim_job (f->store, now, &error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->flags, ==, ND_OUTBOX_FLAG_FORCE);
  g_assert_null (again->last_error);
  g_assert_null (again->error_code);

  /* A running job cannot be retried; a done one leaves the open list. */
  g_assert_false (nd_store_retry_job (f->store, again->id, 0, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (nd_store_finish_job (f->store, again->id, ND_OUTBOX_STATE_DONE, NULL, NULL, NULL, &error));
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = nd_store_list_jobs (f->store, TRUE, &error);
  g_assert_cmpuint (jobs->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = nd_store_list_jobs (f->store, FALSE, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((NdOutboxJob *) g_ptr_array_index (jobs, 0))->state, ==, ND_OUTBOX_STATE_DONE);
}

static void
test_recover (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) reclaimed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  job = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_WITHDRAW, 0, &error);
  claimed = nd_store_claim_job (f->store, now, &error);
  g_assert_nonnull (claimed);

  /* The program died while the job ran: it is pending after a restart. */
  reopen (f);
  g_assert_cmpuint (nd_store_recover_jobs (f->store, &error), ==, 1);
  g_assert_no_error (error);
  reclaimed = nd_store_claim_job (f->store, now, &error);
  g_assert_nonnull (reclaimed);
  g_assert_cmpint (reclaimed->id, ==, job->id);
  g_assert_cmpint (reclaimed->action, ==, ND_OUTBOX_ACTION_WITHDRAW);
  g_assert_cmpuint (reclaimed->attempts, ==, 2);
}

static void
test_remote_state (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_auto(NdRemoteItem) read = { 0 };
  g_autoptr(GDateTime) published = g_date_time_new_utc (2024, 5, 14, 9, 30, 0);
  g_autofree char *tag = NULL;
  g_autofree char *media = NULL;
  g_autofree char *url = NULL;

  g_assert_false (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  g_assert_no_error (error);

  remote.remote_id = g_strdup ("4711");
  remote.url = g_strdup ("https://example.org/?p=4711");
  remote.status = g_strdup ("publish");
  remote.remote_modified = g_strdup ("2024-05-14T09:30:02");
  remote.published_revision = 3;
  remote.published = g_date_time_ref (published);
  g_assert_true (nd_store_set_remote_item (f->store, f->item_id, "Website", &remote, &error));
  g_assert_no_error (error);

  reopen (f);
  g_assert_true (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  g_assert_cmpstr (read.remote_id, ==, "4711");
  g_assert_cmpstr (read.url, ==, remote.url);
  g_assert_cmpstr (read.status, ==, "publish");
  g_assert_cmpstr (read.remote_modified, ==, "2024-05-14T09:30:02");
  g_assert_cmpuint (read.published_revision, ==, 3);
  g_assert_true (g_date_time_equal (read.published, published));
  /* Per target: the other site knows nothing of it. */
  g_assert_false (nd_store_get_remote_item (f->store, f->item_id, "Intranet", &read, &error));
  g_assert_no_error (error);

  /* Tags by any spelling; media by SHA-256. */
  g_assert_true (nd_store_set_remote_tag (f->store, "Website", "ECCP", "12", &error));
  g_assert_no_error (error);
  tag = nd_store_dup_remote_tag (f->store, "Website", "eccp", &error);
  g_assert_cmpstr (tag, ==, "12");
  g_assert_null (nd_store_dup_remote_tag (f->store, "Intranet", "ECCP", &error));
  g_assert_no_error (error);

  /* A tag no item has, or a target that is not there: each is named. */
  g_assert_false (nd_store_set_remote_tag (f->store, "Website", "Unbekannt", "13", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Unbekannt"));
  g_clear_error (&error);
  g_assert_false (nd_store_set_remote_tag (f->store, "Nowhere", "ECCP", "13", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nowhere"));
  g_clear_error (&error);
  g_assert_true (nd_store_set_remote_media (f->store, "Website", "d6d732", "© Max Muster", "99",
                                            "https://example.org/foto.jpg", &error));
  media = nd_store_dup_remote_media (f->store, "Website", "d6d732", "© Max Muster", &url, &error);
  g_assert_cmpstr (media, ==, "99");
  g_assert_cmpstr (url, ==, "https://example.org/foto.jpg");
  /* The same file with another credit is another media item. */
  g_clear_pointer (&media, g_free);
  media = nd_store_dup_remote_media (f->store, "Website", "d6d732", "© Erika Beispiel", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (media);
  g_assert_false (nd_store_set_remote_media (f->store, "Nowhere", "d6d732", "", "1", NULL, &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A target that goes takes what the store knew of it along. */
  exec_ok (f->store, "DELETE FROM targets WHERE name = 'Website'");
  g_assert_false (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  g_assert_no_error (error);
  g_clear_pointer (&media, g_free);
  media = nd_store_dup_remote_media (f->store, "Website", "d6d732", "© Max Muster", NULL, &error);
  g_assert_null (media);
}

/* A publication is recorded whole or not at all: the item's status and
 * revision, the remote state, and its job done. */
static void
test_record_publication (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_auto(NdRemoteItem) read = { 0 };
  g_autoptr(NdItem) item = NULL;
  g_autoptr(NdOutboxJob) queued = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint revision;
  guint syncs;

  queued = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_no_error (error);
  /* The claim waits for the disk: the attempt it counts must survive a
   * power cut, or a retry would not look for the post it may have made. */
  syncs = nd_sync_counter_get_wal ();
  claimed = nd_store_claim_job (f->store, now, &error);
  g_assert_nonnull (claimed);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, syncs + 1);
  item = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  revision = nd_item_get_revision (item);
  remote.remote_id = g_strdup ("17");
  remote.status = g_strdup ("publish");

  /* A failure in the middle (the revision is written last): nothing. */
  exec_ok (f->store, "CREATE TEMP TRIGGER boom BEFORE INSERT ON revisions "
                     "BEGIN SELECT RAISE (ABORT, 'boom'); END");
  g_assert_false (nd_store_record_publication (f->store, item, "Website",
                                               ND_ITEM_STATUS_PUBLISHED, revision, &remote,
                                               claimed->id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  g_assert_no_error (error);
  /* The caller's copy is as it was read, too. */
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpuint (nd_item_get_revision (item), ==, revision);
  g_clear_object (&item);
  item = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  exec_ok (f->store, "DROP TRIGGER boom");

  job = nd_store_load_job (f->store, claimed->id, &error);
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_RUNNING);
  g_clear_pointer (&job, nd_outbox_job_free);

  /* The record does not wait for the disk: if a power cut loses it, the
   * job's next attempt finds the post (see nd_store_record_publication ()). */
  syncs = nd_sync_counter_get_wal ();
  g_assert_true (nd_store_record_publication (f->store, item, "Website",
                                              ND_ITEM_STATUS_PUBLISHED, revision, &remote,
                                              claimed->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, syncs);
  job = nd_store_load_job (f->store, claimed->id, &error);
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_DONE);
  g_clear_object (&item);
  item = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_PUBLISHED);
  g_assert_cmpuint (nd_item_get_revision (item), ==, revision + 1);
  g_assert_true (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  g_assert_cmpstr (read.remote_id, ==, "17");
  /* Unchanged since it was sent: the publication's own revision. */
  g_assert_cmpuint (read.published_revision, ==, revision + 1);

  /* The next write waits for the disk again, and takes the record along. */
  g_clear_pointer (&queued, nd_outbox_job_free);
  queued = nd_store_enqueue_job (f->store, f->item_id, "Intranet", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_sync_counter_get_wal (), ==, syncs + 1);
}

/* The item was saved while its job ran (an autosave keeps the revision):
 * the publication keeps that edit, and the item counts as changed since. */
static void
test_record_publication_after_edit (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_auto(NdRemoteItem) read = { 0 };
  g_autoptr(NdItem) sent = NULL;
  g_autoptr(NdItem) edited = NULL;
  g_autoptr(NdItem) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(NdItem) snapshot = NULL;
  NdRevision *last;
  guint revision;

  sent = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  revision = nd_item_get_revision (sent);

  edited = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  nd_item_set_body (edited, "Typed while the post was on its way.");
  g_assert_true (nd_store_save_item (f->store, edited, ND_REVISION_REASON_NONE, &error));
  g_assert_cmpuint (nd_item_get_revision (edited), ==, revision);

  remote.remote_id = g_strdup ("17");
  remote.status = g_strdup ("publish");
  g_assert_true (nd_store_record_publication (f->store, sent, "Website", ND_ITEM_STATUS_PUBLISHED,
                                              revision, &remote, 0, &error));
  g_assert_no_error (error);

  stored = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_item_get_status (stored), ==, ND_ITEM_STATUS_PUBLISHED);
  g_assert_cmpstr (nd_item_get_body (stored), ==, "Typed while the post was on its way.");
  g_assert_cmpuint (nd_item_get_revision (stored), ==, revision + 1);
  g_assert_true (nd_store_get_remote_item (f->store, f->item_id, "Website", &read, &error));
  /* What was sent is older than the publication's revision. */
  g_assert_cmpuint (read.published_revision, ==, revision);

  /* The publication's snapshot is the store's copy, with the edit. */
  revisions = nd_store_list_revisions (f->store, f->item_id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (revisions, revisions->len - 1);
  g_assert_cmpuint (nd_revision_get_number (last), ==, revision + 1);
  g_assert_cmpint (nd_revision_get_reason (last), ==, ND_REVISION_REASON_PUBLICATION);
  node = json_from_string (nd_revision_get_snapshot (last), &error);
  g_assert_no_error (error);
  snapshot = nd_item_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_body (snapshot), ==, "Typed while the post was on its way.");
  g_assert_cmpint (nd_item_get_status (snapshot), ==, ND_ITEM_STATUS_PUBLISHED);
}

/* A site found down: its other pending jobs wait as long, with the same
 * error and no attempt counted; "retry now" makes every waiting job due
 * and keeps its last error; a sentence stored by an older version stays
 * until a code replaces it. */
static void
test_postpone_and_hasten (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) other = NULL;
  g_autoptr(NdOutboxJob) intranet = NULL;
  g_autoptr(NdOutboxJob) next = NULL;
  g_autoptr(NdOutboxJob) legacy = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  const char * const host[] = { "example.org", NULL };
  NdOutboxJob *job;
  gint64 other_id;

  first = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  other = nd_store_enqueue_job (f->store, f->item_id, "Website", ND_OUTBOX_ACTION_WITHDRAW, 0, &error);
  intranet = nd_store_enqueue_job (f->store, f->item_id, "Intranet", ND_OUTBOX_ACTION_PUBLISH, 0, &error);
  g_assert_no_error (error);

  claimed = nd_store_claim_job (f->store, now, &error);
  g_assert_cmpint (claimed->id, ==, first->id);
  g_assert_true (nd_store_finish_job (f->store, first->id, ND_OUTBOX_STATE_PENDING,
                                      "wp-no-server", host, later, &error));
  g_assert_cmpuint (nd_store_postpone_jobs (f->store, "Website", later, "wp-no-server", host, &error), ==, 1);
  g_assert_no_error (error);

  other_id = other->id;
  g_clear_pointer (&other, nd_outbox_job_free);
  other = nd_store_load_job (f->store, other_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (other->next_attempt, later));
  g_assert_cmpstr (other->error_code, ==, "wp-no-server");
  g_assert_cmpstrv (other->error_args, host);
  g_assert_cmpuint (other->attempts, ==, 0);

  /* only the other site's job is due */
  next = nd_store_claim_job (f->store, now, &error);
  g_assert_cmpint (next->id, ==, intranet->id);
  g_assert_true (nd_store_finish_job (f->store, next->id, ND_OUTBOX_STATE_DONE, NULL, NULL, NULL, &error));

  /* retry now: both due at once, their last error kept */
  g_assert_cmpuint (nd_store_hasten_jobs (f->store, 0, &error), ==, 2);
  jobs = nd_store_list_jobs (f->store, TRUE, &error);
  g_assert_cmpuint (jobs->len, ==, 2);
  for (guint i = 0; i < jobs->len; i++)
    {
      job = g_ptr_array_index (jobs, i);
      g_assert_null (job->next_attempt);
      g_assert_cmpstr (job->error_code, ==, "wp-no-server");
      g_assert_nonnull (job->error_time);
    }
  g_assert_cmpuint (nd_store_hasten_jobs (f->store, 0, &error), ==, 0);

  /* an old row: its sentence is kept until the next error's code */
  exec_ok (f->store, "UPDATE outbox SET error_code = NULL, error_detail = NULL, "
                     "last_error = 'Die Website antwortet nicht'");
  legacy = nd_store_load_job (f->store, first->id, &error);
  g_assert_cmpstr (legacy->last_error, ==, "Die Website antwortet nicht");
  g_assert_null (legacy->error_code);
  g_clear_pointer (&legacy, nd_outbox_job_free);
  g_assert_true (nd_store_finish_job (f->store, first->id, ND_OUTBOX_STATE_FAILED,
                                      "wp-no-server", host, NULL, &error));
  legacy = nd_store_load_job (f->store, first->id, &error);
  g_assert_null (legacy->last_error);
  g_assert_cmpstr (legacy->error_code, ==, "wp-no-server");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nd_sync_counter_install ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/outbox/enqueue-claim", test_enqueue_and_claim);
  ADD ("/outbox/retry-finish", test_retry_and_finish);
  ADD ("/outbox/recover", test_recover);
  ADD ("/outbox/postpone-and-hasten", test_postpone_and_hasten);
  ADD ("/outbox/remote-state", test_remote_state);
  ADD ("/outbox/record-publication", test_record_publication);
  ADD ("/outbox/record-publication-after-edit", test_record_publication_after_edit);

#undef ADD

  return g_test_run ();
}
