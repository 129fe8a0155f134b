/* test-publisher.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-publisher"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nd-image-file.h"
#include "nd-image.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-job-error.h"
#include "nd-mock-wp.h"
#include "nd-outbox-runner.h"
#include "nd-store-outbox.h"
#include "nd-publisher.h"
#include "nd-revision.h"
#include "nd-store.h"
#include "nd-target.h"
#include "nd-test-utils.h"
#include "nd-wp-client.h"

#define USER "erika"
#define PASSWORD "abcd EFGH 1234 ijkl MNOP 6789"
#define TARGET "site"

/* The job's last error as the user reads it; freed with the test. */
static const char *
error_of (const NdOutboxJob *job)
{
  char *message = nd_outbox_job_dup_error_message (job);

  g_test_queue_free (message);
  return message;
}

/* The publisher and the runner against the in-process WordPress
 * stand-in: the whole flow, the caches, conflicts, scheduling, withdrawal
 * and the faults, each through the outbox as the window and the command
 * line use it. */

typedef struct
{
  char           *dir;
  char           *db_path;
  NdStore        *store;
  NdMockWp       *mock;
  NdOutboxRunner *runner;
  char           *item_id;
  GPtrArray      *finished;   /* NdOutboxJob: every job-finished, in order */
  GPtrArray      *steps;      /* char *: the step labels */
  guint           n_retrying;
  gint64          job_id;     /* the one waited for */
} Fixture;

static void
on_finished (NdOutboxRunner *runner,
             NdOutboxJob    *job,
             Fixture        *fx)
{
  g_ptr_array_add (fx->finished, nd_outbox_job_copy (job));
}

static void
on_progress (NdOutboxRunner *runner,
             NdOutboxJob    *job,
             guint           step,
             const char     *label,
             double          fraction,
             Fixture        *fx)
{
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <, 1.0);
  g_ptr_array_add (fx->steps, g_strdup (label));
}

static void
on_retrying (NdOutboxRunner *runner,
             NdOutboxJob    *job,
             guint           delay_ms,
             GError         *reason,
             Fixture        *fx)
{
  g_assert_nonnull (reason);
  fx->n_retrying++;
}

static char *
import_sample (NdStore *store)
{
  g_autofree char *path = nd_test_data_path ("meldung-clusterkonferenz-2024.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  nd_import_file (store, file, ND_IMPORT_NONE, &ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);

  return g_strdup (ids[0]);
}

static void
attach_lead (NdStore    *store,
             const char *item_id)
{
  g_autofree char *path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
  g_autoptr(NdImage) attached = NULL;

  g_assert_no_error (error);
  nd_image_set_license (image, "CC BY 4.0");
  attached = nd_store_attach_image (store, item_id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attached);
}

static NdItem *
load_item (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_store_load_item (fx->store, fx->item_id, &error);

  g_assert_no_error (error);
  return item;
}

static void
edit_item (Fixture    *fx,
           const char *title,
           const char *date)
{
  g_autoptr(NdItem) item = load_item (fx);
  g_autoptr(GError) error = NULL;

  if (title != NULL)
    nd_item_set_title (item, title);
  if (date != NULL)
    nd_item_set_date (item, date);
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(NdRetryPolicy) policy = nd_retry_policy_new ();
  g_autoptr(NdRetryPolicy) client_policy = nd_retry_policy_new ();
  g_autofree char *url = NULL;
  g_autoptr(NdItem) item = NULL;

  fx->dir = g_dir_make_tmp ("test-publisher-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db_path = g_build_filename (fx->dir, "newsdesk.db", NULL);
  fx->store = nd_store_open (fx->db_path, &error);
  g_assert_no_error (error);

  fx->mock = nd_mock_wp_new (GPOINTER_TO_UINT (data), USER, PASSWORD);
  url = nd_mock_wp_dup_url (fx->mock);
  target = nd_target_new (TARGET, ND_TARGET_TYPE_WORDPRESS, url, USER);
  nd_store_add_target (fx->store, target, &error);
  g_assert_no_error (error);

  fx->item_id = import_sample (fx->store);
  attach_lead (fx->store, fx->item_id);
  item = load_item (fx);
  nd_item_add_tag (item, "ECCP");
  nd_item_add_tag (item, "Clusterpolitik");
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);

  /* Tiny waits: the job's retries are the runner's, not the client's */
  policy->max_attempts = 3;
  policy->base_delay_ms = 10;
  policy->max_delay_ms = 40;
  policy->max_retry_after_ms = 10000;
  client_policy->max_attempts = 1;
  client_policy->base_delay_ms = 1;
  client_policy->max_delay_ms = 1;

  fx->runner = nd_outbox_runner_new (fx->store);
  nd_outbox_runner_set_retry_policy (fx->runner, policy);
  nd_outbox_runner_set_client_retry_policy (fx->runner, client_policy);
  nd_outbox_runner_set_password (fx->runner, TARGET, PASSWORD);
  fx->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_outbox_job_free);
  fx->steps = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fx->runner, "job-finished", G_CALLBACK (on_finished), fx);
  g_signal_connect (fx->runner, "job-progress", G_CALLBACK (on_progress), fx);
  g_signal_connect (fx->runner, "job-retrying", G_CALLBACK (on_retrying), fx);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->runner);
  nd_test_drain ();
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->mock, nd_mock_wp_free);
  nd_test_drain ();
  nd_test_remove_database (fx->db_path);
  g_rmdir (fx->dir);
  g_free (fx->db_path);
  g_free (fx->dir);
  g_free (fx->item_id);
  g_ptr_array_unref (fx->finished);
  g_ptr_array_unref (fx->steps);
}

/* Running jobs -------------------------------------------------------------------- */

static NdOutboxJob *
find_job (Fixture *fx,
          gint64   job_id)
{
  g_autoptr(GPtrArray) jobs = nd_store_list_jobs (fx->store, FALSE, NULL);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->id == job_id)
        return nd_outbox_job_copy (job);
    }

  g_assert_not_reached ();
}

static gboolean
job_ended (gconstpointer data)
{
  Fixture *fx = (Fixture *) data;
  g_autoptr(NdOutboxJob) job = find_job (fx, fx->job_id);

  return !nd_outbox_runner_get_busy (fx->runner) &&
         (job->state == ND_OUTBOX_STATE_DONE || job->state == ND_OUTBOX_STATE_FAILED ||
          job->state == ND_OUTBOX_STATE_CONFLICT);
}

/* Waits for @job_id to end and returns it as the store has it. */
static NdOutboxJob *
wait_job (Fixture *fx,
          gint64   job_id)
{
  fx->job_id = job_id;
  nd_outbox_runner_start (fx->runner);
  nd_outbox_runner_wake (fx->runner);
  nd_test_wait_until (job_ended, fx);

  return find_job (fx, job_id);
}

static NdOutboxJob *
run (Fixture        *fx,
     NdOutboxAction  action,
     NdOutboxFlags   flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) job = nd_store_enqueue_job (fx->store, fx->item_id, TARGET, action, flags, &error);

  g_assert_no_error (error);
  return wait_job (fx, job->id);
}

static void
assert_done (NdOutboxJob *job)
{
  g_assert_cmpstr (error_of (job), ==, NULL);
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_DONE);
}

static void
get_remote (Fixture      *fx,
            NdRemoteItem *remote)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (fx->store, fx->item_id, TARGET, remote, &error));
  g_assert_no_error (error);
}

static const char *
raw (JsonObject *object,
     const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), "raw");
}

static NdRevisionReason
last_revision_reason (Fixture *fx)
{
  g_autoptr(GPtrArray) revisions = nd_store_list_revisions (fx->store, fx->item_id, NULL);

  g_assert_nonnull (revisions);
  g_assert_cmpuint (revisions->len, >, 0);
  return nd_revision_get_reason (g_ptr_array_index (revisions, revisions->len - 1));
}

/* The flow -------------------------------------------------------------------------- */

static void
test_publish_flow (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(NdItem) item = NULL;
  g_autofree char *remote_id = NULL;
  JsonObject *post, *media;
  JsonArray *tags;
  const char *content;

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);
  g_assert_cmpuint (job->attempts, ==, 1);

  /* One post, one image, two tags */
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_media (fx->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_tags (fx->mock), ==, 2);

  post = nd_mock_wp_get_post (fx->mock, 0);
  media = nd_mock_wp_get_media (fx->mock, 0);
  item = load_item (fx);
  g_assert_cmpstr (raw (post, "title"), ==, nd_item_get_title (item));
  g_assert_cmpstr (raw (post, "excerpt"), ==, nd_item_get_teaser (item));
  /* the date is in the past: published at once, with the item's date */
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "publish");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (post, "date_gmt"), "2024-05-1"));
  g_assert_cmpint (json_object_get_int_member (post, "featured_media"), ==,
                   json_object_get_int_member (media, "id"));
  tags = json_object_get_array_member (post, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);

  /* The body rendered, the lead figure with the uploaded URL, the
   * credit, and the marker that finds the post again */
  content = raw (post, "content");
  g_assert_nonnull (strstr (content, "<p>Dr. Ole Janssen"));
  g_assert_nonnull (strstr (content, "<figure><img"));
  g_assert_nonnull (strstr (content, json_object_get_string_member (media, "source_url")));
  g_assert_nonnull (strstr (content, "© VDI/VDE-IT"));
  g_assert_nonnull (strstr (content, "Europäische Clusterkonferenz 2024"));
  g_assert_nonnull (strstr (content, "<!-- newsdesk:"));
  g_assert_nonnull (strstr (content, fx->item_id));

  /* The image's texts: caption with the credit (once), alt text,
   * description with credit and licence */
  g_assert_cmpstr (json_object_get_string_member (media, "caption"), ==,
                   "Europäische Clusterkonferenz 2024 — © VDI/VDE-IT");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==,
                   nd_image_get_alt_text (nd_item_get_lead_image (item)));
  g_assert_nonnull (strstr (json_object_get_string_member (media, "description"), "VDI/VDE-IT"));
  g_assert_nonnull (strstr (json_object_get_string_member (media, "description"), "CC BY 4.0"));

  /* What the store remembers */
  get_remote (fx, &remote);
  remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (post, "id"));
  g_assert_cmpstr (remote.remote_id, ==, remote_id);
  g_assert_cmpstr (remote.url, ==, json_object_get_string_member (post, "link"));
  g_assert_cmpstr (remote.status, ==, "publish");
  g_assert_cmpstr (remote.remote_modified, ==, json_object_get_string_member (post, "modified_gmt"));
  g_assert_cmpuint (remote.published_revision, ==, nd_item_get_revision (item));
  g_assert_nonnull (remote.published);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_PUBLISHED);
  g_assert_cmpint (last_revision_reason (fx), ==, ND_REVISION_REASON_PUBLICATION);

  /* The steps were told, in order */
  g_assert_cmpuint (fx->steps->len, >=, 5);
  g_assert_cmpuint (fx->finished->len, ==, 1);
}

static void
test_update_uses_caches (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_auto(NdRemoteItem) before = { 0 };
  g_auto(NdRemoteItem) after = { 0 };
  g_autoptr(NdItem) item = NULL;
  guint tag_requests;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  get_remote (fx, &before);
  tag_requests = nd_mock_wp_count (fx->mock, NULL, "/wp/v2/tags");

  edit_item (fx, "Rückblick: Clusterkonferenz 2024", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (second);

  /* The same post, changed; the image and the tags not sent again */
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
  g_assert_cmpstr (raw (nd_mock_wp_get_post (fx->mock, 0), "title"), ==, "Rückblick: Clusterkonferenz 2024");
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/media"), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_media (fx->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, NULL, "/wp/v2/tags"), ==, tag_requests);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/posts"), ==, 1);

  get_remote (fx, &after);
  item = load_item (fx);
  g_assert_cmpstr (after.remote_id, ==, before.remote_id);
  g_assert_cmpstr (after.remote_modified, !=, before.remote_modified);
  g_assert_cmpuint (after.published_revision, >, before.published_revision);
  g_assert_cmpuint (after.published_revision, ==, nd_item_get_revision (item));
}

static void
test_conflict (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_autoptr(NdOutboxJob) forced = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  JsonObject *post;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  get_remote (fx, &remote);

  /* An editor changes the post on the site */
  g_assert_true (nd_mock_wp_edit_post (fx->mock, g_ascii_strtoll (remote.remote_id, NULL, 10),
                                       "<p>Edited on the site</p>"));
  edit_item (fx, "A new title", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  g_assert_cmpint (second->state, ==, ND_OUTBOX_STATE_CONFLICT);
  g_assert_nonnull (strstr (error_of (second), "changed on the site since"));
  post = nd_mock_wp_get_post (fx->mock, 0);
  g_assert_cmpstr (raw (post, "content"), ==, "<p>Edited on the site</p>");
  g_assert_cmpstr (raw (post, "title"), !=, "A new title");

  /* Forced, it overwrites */
  nd_store_retry_job (fx->store, second->id, ND_OUTBOX_FLAG_FORCE, &error);
  g_assert_no_error (error);
  forced = wait_job (fx, second->id);
  assert_done (forced);
  g_assert_cmpstr (raw (post, "title"), ==, "A new title");
  g_assert_null (strstr (raw (post, "content"), "Edited on the site"));
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

static gint64
post_id (Fixture *fx)
{
  g_auto(NdRemoteItem) remote = { 0 };

  get_remote (fx, &remote);
  return g_ascii_strtoll (remote.remote_id, NULL, 10);
}

/* WordPress stamps modified_gmt to the second: an edit on the site in the
 * same second as our last write has our stamp, and only the digest of
 * the post's fields tells it apart. */
static void
test_conflict_same_second (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_autoptr(NdOutboxJob) forced = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_autofree char *digest = NULL;
  g_autofree char *stamp = NULL;
  JsonObject *post;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  post = nd_mock_wp_get_post (fx->mock, 0);

  /* The digest of the post as the site answered the write */
  get_remote (fx, &remote);
  digest = nd_wp_post_digest (post);
  g_assert_nonnull (digest);
  g_assert_true (g_str_has_prefix (remote.digest, ND_WP_DIGEST_PREFIX));
  g_assert_cmpstr (remote.digest, ==, digest);

  stamp = g_strdup (json_object_get_string_member (post, "modified_gmt"));
  g_assert_true (nd_mock_wp_edit_post_text (fx->mock, post_id (fx), "title", "Changed on the site", TRUE));
  g_assert_cmpstr (json_object_get_string_member (post, "modified_gmt"), ==, stamp);

  edit_item (fx, "A new title", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  g_assert_cmpint (second->state, ==, ND_OUTBOX_STATE_CONFLICT);
  g_assert_nonnull (strstr (error_of (second), "changed on the site since"));
  g_assert_cmpstr (raw (post, "title"), ==, "Changed on the site");
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/posts/1"), ==, 0);

  /* Forced, it overwrites, and the new digest is the site's */
  nd_store_retry_job (fx->store, second->id, ND_OUTBOX_FLAG_FORCE, &error);
  g_assert_no_error (error);
  forced = wait_job (fx, second->id);
  assert_done (forced);
  g_assert_cmpstr (raw (post, "title"), ==, "A new title");
  nd_remote_item_clear (&remote);
  get_remote (fx, &remote);
  g_clear_pointer (&digest, g_free);
  digest = nd_wp_post_digest (post);
  g_assert_cmpstr (remote.digest, ==, digest);
}

/* "Update" pressed on the site without a change moves the stamp but
 * changes none of the fields we write: nothing would be lost, so it is
 * not a conflict. */
static void
test_resave_is_no_conflict (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  JsonObject *post;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  get_remote (fx, &remote);
  post = nd_mock_wp_get_post (fx->mock, 0);

  g_assert_true (nd_mock_wp_touch_post (fx->mock, post_id (fx)));
  g_assert_cmpstr (json_object_get_string_member (post, "modified_gmt"), !=, remote.remote_modified);

  edit_item (fx, "A new title", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (second);
  g_assert_cmpstr (raw (post, "title"), ==, "A new title");
}

/* A row recorded before there was a digest has only the stamp: a new
 * stamp is a conflict, the same stamp is not. */
static void
test_conflict_without_digest (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_autoptr(NdOutboxJob) third = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  JsonObject *post;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  post = nd_mock_wp_get_post (fx->mock, 0);

  get_remote (fx, &remote);
  g_clear_pointer (&remote.digest, g_free);
  nd_store_set_remote_item (fx->store, fx->item_id, TARGET, &remote, &error);
  g_assert_no_error (error);
  nd_remote_item_clear (&remote);
  get_remote (fx, &remote);
  g_assert_null (remote.digest);

  /* Same stamp: the stamp alone sees nothing */
  g_assert_true (nd_mock_wp_edit_post_text (fx->mock, post_id (fx), "excerpt", "Site excerpt", TRUE));
  edit_item (fx, "A new title", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (second);
  g_assert_cmpstr (raw (post, "title"), ==, "A new title");

  /* The publication wrote a digest again; without it, a re-save is a
   * conflict, as it always was */
  nd_remote_item_clear (&remote);
  get_remote (fx, &remote);
  g_assert_nonnull (remote.digest);
  g_clear_pointer (&remote.digest, g_free);
  nd_store_set_remote_item (fx->store, fx->item_id, TARGET, &remote, &error);
  g_assert_no_error (error);
  g_assert_true (nd_mock_wp_touch_post (fx->mock, post_id (fx)));
  edit_item (fx, "Another title", NULL);
  third = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  g_assert_cmpint (third->state, ==, ND_OUTBOX_STATE_CONFLICT);
}

/* Plain text reaches WordPress escaped: a title, a teaser, an alt text,
 * a caption and a credit are shown as typed, never as markup. */
static void
test_plain_text_escaped (Fixture       *fx,
                         gconstpointer  data)
{
  const char *title = "Title <img src=x onerror=alert(1)> &amp;";
  const char *teaser = "Teaser <b onmouseover=\"x()\">bold</b> 'quoted'";
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdItem) item = load_item (fx);
  g_autoptr(GError) error = NULL;
  NdImage *lead = nd_item_get_lead_image (item);
  JsonObject *post, *media;
  const char *content;

  nd_item_set_title (item, title);
  nd_item_set_teaser (item, teaser);
  nd_image_set_alt_text (lead, "Alt <script>alert(2)</script>");
  nd_image_set_caption (lead, "Caption <i onclick=y()>");
  nd_image_set_credit (lead, "Foto: <u>Evil</u> & Co");
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);
  post = nd_mock_wp_get_post (fx->mock, 0);
  media = nd_mock_wp_get_media (fx->mock, 0);

  g_assert_cmpstr (raw (post, "title"), ==, "Title &lt;img src=x onerror=alert(1)&gt; &amp;amp;");
  g_assert_cmpstr (raw (post, "excerpt"), ==,
                   "Teaser &lt;b onmouseover=&quot;x()&quot;&gt;bold&lt;/b&gt; &#039;quoted&#039;");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==,
                   "Alt &lt;script&gt;alert(2)&lt;/script&gt;");
  g_assert_cmpstr (json_object_get_string_member (media, "caption"), ==,
                   "Caption &lt;i onclick=y()&gt; — Foto: &lt;u&gt;Evil&lt;/u&gt; &amp; Co");
  g_assert_null (strchr (json_object_get_string_member (media, "description"), '<'));

  /* The figure in the content escapes its texts too */
  content = raw (post, "content");
  g_assert_null (strstr (content, "<script"));
  g_assert_null (strstr (content, "<i onclick"));
  g_assert_null (strstr (content, "<u>"));
  g_assert_nonnull (strstr (content, "&lt;u&gt;Evil&lt;/u&gt; &amp; Co"));
}

/* An item without a slug (made before imports gave one) is sent with the
 * slug its title gives; after that the post keeps its address, whatever
 * the title becomes, unless the editor sets a slug. */
static void
test_slug_kept_after_publication (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;
  g_autoptr(NdOutboxJob) third = NULL;
  g_autoptr(NdItem) item = load_item (fx);
  g_autoptr(NdItem) chosen = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *post;

  nd_item_set_slug (item, "");
  nd_store_save_item (fx->store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  post = nd_mock_wp_get_post (fx->mock, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==,
                   "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel");

  edit_item (fx, "Ein ganz anderer Titel", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (second);
  g_assert_cmpstr (raw (post, "title"), ==, "Ein ganz anderer Titel");
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==,
                   "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel");

  chosen = load_item (fx);
  nd_item_set_slug (chosen, "neue-adresse");
  nd_store_save_item (fx->store, chosen, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);
  third = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (third);
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==, "neue-adresse");
}

static void
test_schedule (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 59);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 61);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%dT%H:%M:%S+00:00");
  g_autofree char *date_gmt = g_date_time_format (tomorrow, "%Y-%m-%dT%H:%M:%S");
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdItem) item = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  JsonObject *post;

  /* WordPress's 60-second rule */
  g_assert_cmpstr (nd_publisher_status_for_date (soon, now, FALSE), ==, "publish");
  g_assert_cmpstr (nd_publisher_status_for_date (later, now, FALSE), ==, "future");
  g_assert_cmpstr (nd_publisher_status_for_date (later, now, TRUE), ==, "draft");

  edit_item (fx, NULL, date);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);

  post = nd_mock_wp_get_post (fx->mock, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (post, "date_gmt"), ==, date_gmt);
  item = load_item (fx);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_SCHEDULED);
  get_remote (fx, &remote);
  g_assert_cmpstr (remote.status, ==, "future");
}

static void
test_as_draft (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(NdItem) item = NULL;

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_AS_DRAFT);
  assert_done (job);
  g_assert_cmpstr (json_object_get_string_member (nd_mock_wp_get_post (fx->mock, 0), "status"), ==, "draft");
  item = load_item (fx);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
}

static void
test_withdraw_and_delete (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(NdOutboxJob) never = NULL;
  g_autoptr(NdOutboxJob) published = NULL;
  g_autoptr(NdOutboxJob) withdrawn = NULL;
  g_autoptr(NdOutboxJob) deleted = NULL;
  g_autoptr(NdItem) item = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  JsonObject *post;

  /* Nothing to withdraw before it was published */
  never = run (fx, ND_OUTBOX_ACTION_WITHDRAW, ND_OUTBOX_FLAG_NONE);
  g_assert_cmpint (never->state, ==, ND_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (error_of (never), TARGET));
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/posts"), ==, 0);

  published = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (published);
  withdrawn = run (fx, ND_OUTBOX_ACTION_WITHDRAW, ND_OUTBOX_FLAG_NONE);
  assert_done (withdrawn);

  post = nd_mock_wp_get_post (fx->mock, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "draft");
  item = load_item (fx);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_WITHDRAWN);
  g_assert_cmpint (last_revision_reason (fx), ==, ND_REVISION_REASON_PUBLICATION);
  get_remote (fx, &remote);
  g_assert_cmpstr (remote.status, ==, "draft");

  deleted = run (fx, ND_OUTBOX_ACTION_DELETE, ND_OUTBOX_FLAG_NONE);
  assert_done (deleted);
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "trash");
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

static void
test_check_fails (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;

  edit_item (fx, "", NULL);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);

  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_FAILED);
  g_assert_true (g_str_has_prefix (error_of (job), "Not ready to publish: "));
  g_assert_null (strchr (error_of (job), '\n'));
  /* nothing was sent */
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_media (fx->mock), ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_tags (fx->mock), ==, 0);
}

/* Faults ------------------------------------------------------------------------------ */

/* The post is made, the answer is lost: the next attempt finds it by its
 * marker instead of making a second one. */
static void
test_lost_create (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_autofree char *id = NULL;
  NdOutboxJob *first;

  nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DROP, 1, NULL);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);

  g_assert_cmpuint (job->attempts, ==, 2);
  g_assert_cmpuint (fx->finished->len, ==, 2);
  first = g_ptr_array_index (fx->finished, 0);
  g_assert_cmpint (first->state, ==, ND_OUTBOX_STATE_PENDING);
  g_assert_nonnull (error_of (first));
  g_assert_nonnull (first->next_attempt);

  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/posts"), ==, 1);
  get_remote (fx, &remote);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (nd_mock_wp_get_post (fx->mock, 0), "id"));
  g_assert_cmpstr (remote.remote_id, ==, id);
}

/* A site (a broken plugin) that answers the write with objects where
 * WordPress sends strings: the post is made, its id recorded, and what
 * has the wrong type counts as not sent; no critical warning (they are
 * fatal in the tests). */
static void
test_wrong_types (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  g_auto(NdRemoteItem) remote = { 0 };
  g_autofree char *id = NULL;

  nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_WRONG_TYPES, 1, NULL);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);

  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
  get_remote (fx, &remote);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (nd_mock_wp_get_post (fx->mock, 0), "id"));
  g_assert_cmpstr (remote.remote_id, ==, id);
  g_assert_null (remote.url);
  g_assert_null (remote.remote_modified);
}

/* An update made in recovery (to the post an attempt made before its
 * answer was lost) carries the marker as a create does: when that
 * update's answer is lost too, the next attempt still finds the post by
 * its marker and makes no second one. */
static void
test_recovery_update_keeps_marker (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *comment = NULL;
  JsonObject *post;
  const char *content;

  /* the create, then the recovery's update: both done, both answers lost */
  nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_DROP, 2, NULL);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);

  g_assert_cmpuint (job->attempts, ==, 3);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/posts"), ==, 1);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);

  post = nd_mock_wp_get_post (fx->mock, 0);
  content = json_object_get_string_member (json_object_get_object_member (post, "content"), "raw");
  marker = g_strdup_printf ("%s:%u", fx->item_id, job->revision);
  comment = nd_wp_marker_comment (marker);
  g_assert_nonnull (strstr (content, comment));
}

/* 503 with Retry-After: the next attempt is not before it. */
static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earliest = g_date_time_add_seconds (before, 1);
  g_autoptr(NdOutboxJob) job = NULL;
  NdOutboxJob *first;

  nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_503, 1, "1");
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);

  g_assert_cmpuint (fx->finished->len, ==, 2);
  first = g_ptr_array_index (fx->finished, 0);
  g_assert_cmpint (first->state, ==, ND_OUTBOX_STATE_PENDING);
  /* the runner's own backoff is at most 40 ms: this is the server's wait */
  g_assert_cmpint (g_date_time_compare (first->next_attempt, earliest), >=, 0);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

/* 500 each time: the job gives up after the runner's attempts, with the
 * server's reason. */
static void
test_server_error_gives_up (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;

  nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_500, 10, NULL);
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);

  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (job->attempts, ==, 3);
  g_assert_nonnull (error_of (job));
  g_assert_null (strchr (error_of (job), '\n'));
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 0);
}

/* 401 and 403 end the job at once with a reason. */
static void
test_permanent_errors (Fixture       *fx,
                       gconstpointer  data)
{
  NdMockFault faults[] = { ND_MOCK_FAULT_401, ND_MOCK_FAULT_403, ND_MOCK_FAULT_413 };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(NdOutboxJob) job = NULL;

      /* 413 comes from the upload; the others from the first request */
      if (faults[i] == ND_MOCK_FAULT_413)
        nd_mock_wp_add_fault (fx->mock, "POST", "/wp/v2/media", faults[i], 1, NULL);
      else
        nd_mock_wp_add_fault (fx->mock, NULL, "/", faults[i], 1, NULL);
      job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);

      g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_FAILED);
      g_assert_cmpuint (job->attempts, ==, 1);
      g_assert_nonnull (error_of (job));
      g_assert_cmpstr (error_of (job), !=, "");
      g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 0);
    }
}

/* A job left running by a crash is worked after a restart. */
static void
test_recover (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) queued = NULL;
  g_autoptr(NdOutboxJob) claimed = NULL;
  g_autoptr(NdOutboxJob) job = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  queued = nd_store_enqueue_job (fx->store, fx->item_id, TARGET, ND_OUTBOX_ACTION_PUBLISH,
                                 ND_OUTBOX_FLAG_NONE, &error);
  g_assert_no_error (error);
  claimed = nd_store_claim_job (fx->store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claimed->id, ==, queued->id);

  /* "crashed": running, and nothing claims it ... until the runner starts */
  job = wait_job (fx, queued->id);
  assert_done (job);
  g_assert_cmpuint (job->attempts, ==, 2);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

/* Plain permalinks ("?rest_route=") work the same. */
static void
test_plain_permalinks (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);

  assert_done (job);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

/* Jobs for the same target share one client: the site is discovered
 * once, not for every job (the target's URL has no trailing "/", the
 * client's home page has). */
static void
test_client_kept (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(NdOutboxJob) first = NULL;
  g_autoptr(NdOutboxJob) second = NULL;

  guint discovery;

  first = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (first);
  /* the home page and the REST root (both route "/" to the mock) */
  discovery = nd_mock_wp_count (fx->mock, "GET", "/");
  g_assert_cmpuint (discovery, >, 0);
  edit_item (fx, "Europäische Clusterkonferenz 2024: das Programm", NULL);
  second = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (second);

  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "GET", "/"), ==, discovery);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 1);
}

/* Categories ------------------------------------------------------------------------ */

/* Gives the sample item's kind @category on the target. */
static void
set_category (Fixture    *fx,
              const char *category)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) target = nd_store_lookup_target (fx->store, TARGET, &error);
  g_autoptr(NdItem) item = load_item (fx);

  g_assert_no_error (error);
  nd_target_set_category (target, nd_item_get_kind (item), category);
  nd_store_update_target (fx->store, target, &error);
  g_assert_no_error (error);
}

static gint64
post_category (Fixture *fx)
{
  JsonObject *post = nd_mock_wp_get_post (fx->mock, 0);
  JsonArray *categories;

  g_assert_true (json_object_has_member (post, "categories"));
  categories = json_object_get_array_member (post, "categories");
  g_assert_cmpuint (json_array_get_length (categories), ==, 1);

  return json_array_get_int_element (categories, 0);
}

/* A category named on the account is found by its exact name, whatever
 * its case, and not by a longer name that contains it (search= matches
 * parts); the site's escaping ("&amp;") does not matter. */
static void
test_category_by_name (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  gint64 id;

  nd_mock_wp_add_category (fx->mock, "Meldungen aus Europa");
  id = nd_mock_wp_add_category (fx->mock, "Meldungen & Berichte");
  nd_mock_wp_add_category (fx->mock, "Ältere Meldungen & Berichte");
  set_category (fx, "meldungen & BERICHTE");

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "GET", "/wp/v2/categories"), ==, 1);
  g_assert_cmpint (post_category (fx), ==, id);
}

/* Digits are the category's id: no lookup. */
static void
test_category_by_id (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;

  set_category (fx, "42");
  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "GET", "/wp/v2/categories"), ==, 0);
  g_assert_cmpint (post_category (fx), ==, 42);
}

/* A name the site does not have fails the job at once, naming it, with
 * nothing sent and no category made. */
static void
test_category_missing (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;

  nd_mock_wp_add_category (fx->mock, "Pressemitteilungen");
  set_category (fx, "Presse");

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (job->attempts, ==, 1);
  g_assert_nonnull (error_of (job));
  g_assert_nonnull (strstr (error_of (job), "“Presse”"));
  g_assert_null (strchr (error_of (job), '\n'));
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/categories"), ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_media (fx->mock), ==, 0);
  g_assert_cmpuint (nd_mock_wp_n_tags (fx->mock), ==, 0);
}

/* A 503 on the lookup is transient: the job is tried again and works. */
static void
test_category_lookup_retried (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(NdOutboxJob) job = NULL;
  gint64 id;

  id = nd_mock_wp_add_category (fx->mock, "Termine");
  set_category (fx, "Termine");
  nd_mock_wp_add_fault (fx->mock, "GET", "/wp/v2/categories", ND_MOCK_FAULT_503, 1, NULL);

  job = run (fx, ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE);
  assert_done (job);
  g_assert_cmpuint (job->attempts, ==, 2);
  g_assert_cmpint (post_category (fx), ==, id);
}

/* Credits per use ----------------------------------------------------------------------- */

#define CREDIT_A "Foto: Max Muster / VDI/VDE-IT"
#define CREDIT_B "Foto: Erika Beispiel"

static NdOutboxJob *
run_item (Fixture    *fx,
          const char *item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdOutboxJob) job = nd_store_enqueue_job (fx->store, item_id, TARGET, ND_OUTBOX_ACTION_PUBLISH,
                                                     ND_OUTBOX_FLAG_NONE, &error);

  g_assert_no_error (error);
  return wait_job (fx, job->id);
}

/* A new item from the sample, the photo attached with @credit. */
static char *
add_item_with_credit (Fixture    *fx,
                      const char *credit)
{
  g_autofree char *id = import_sample (fx->store);
  g_autofree char *path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
  g_autoptr(NdImage) attached = NULL;

  g_assert_no_error (error);
  nd_image_set_credit (image, credit);
  attached = nd_store_attach_image (fx->store, id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_image_get_credit (attached), ==, credit);

  return g_steal_pointer (&id);
}

/* The media item a post features. */
static JsonObject *
featured_media (Fixture *fx,
                gint64   post_id)
{
  JsonObject *post = nd_mock_wp_find_post (fx->mock, post_id);
  gint64 media_id;

  g_assert_nonnull (post);
  media_id = json_object_get_int_member (post, "featured_media");
  for (guint i = 0; i < nd_mock_wp_n_media (fx->mock); i++)
    {
      JsonObject *media = nd_mock_wp_get_media (fx->mock, i);

      if (json_object_get_int_member (media, "id") == media_id)
        return media;
    }

  g_assert_not_reached ();
}

static gint64
remote_post_id (Fixture    *fx,
                const char *item_id)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (fx->store, item_id, TARGET, &remote, &error));
  g_assert_no_error (error);
  return g_ascii_strtoll (remote.remote_id, NULL, 10);
}

/* One photo in two items with two credits: two media items, each post
 * with its own credit in its figure and its featured image's caption; a
 * third item with the first's credit reuses the first's media item. */
static void
test_credit_per_use (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *a = add_item_with_credit (fx, CREDIT_A);
  g_autofree char *b = add_item_with_credit (fx, CREDIT_B);
  g_autofree char *c = NULL;
  g_autoptr(NdOutboxJob) job_a = NULL;
  g_autoptr(NdOutboxJob) job_b = NULL;
  g_autoptr(NdOutboxJob) job_c = NULL;
  g_autoptr(NdOutboxJob) again = NULL;
  const char *content;
  JsonObject *media_a;
  JsonObject *media_b;

  job_a = run_item (fx, a);
  assert_done (job_a);
  job_b = run_item (fx, b);
  assert_done (job_b);

  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 2);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/media"), ==, 2);

  content = raw (nd_mock_wp_find_post (fx->mock, remote_post_id (fx, a)), "content");
  g_assert_nonnull (strstr (content, CREDIT_A));
  g_assert_null (strstr (content, "Erika"));
  content = raw (nd_mock_wp_find_post (fx->mock, remote_post_id (fx, b)), "content");
  g_assert_nonnull (strstr (content, CREDIT_B));
  g_assert_null (strstr (content, "Max Muster"));

  media_a = featured_media (fx, remote_post_id (fx, a));
  media_b = featured_media (fx, remote_post_id (fx, b));
  g_assert_cmpint (json_object_get_int_member (media_a, "id"), !=, json_object_get_int_member (media_b, "id"));
  g_assert_nonnull (strstr (json_object_get_string_member (media_a, "caption"), CREDIT_A));
  g_assert_nonnull (strstr (json_object_get_string_member (media_b, "caption"), CREDIT_B));

  /* A third use with A's credit: A's media item, no new upload. */
  c = add_item_with_credit (fx, CREDIT_A);
  job_c = run_item (fx, c);
  assert_done (job_c);
  g_assert_cmpuint (nd_mock_wp_n_posts (fx->mock), ==, 3);
  g_assert_cmpuint (nd_mock_wp_count (fx->mock, "POST", "/wp/v2/media"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (featured_media (fx, remote_post_id (fx, c)), "id"), ==,
                   json_object_get_int_member (media_a, "id"));

  /* B published again leaves A's media item's credit alone. */
  again = run_item (fx, b);
  assert_done (again);
  g_assert_nonnull (strstr (json_object_get_string_member (featured_media (fx, remote_post_id (fx, a)), "caption"),
                            CREDIT_A));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, flags) \
  g_test_add ("/publisher/" path, Fixture, GUINT_TO_POINTER (flags), fixture_set_up, func, fixture_tear_down)

  ADD ("flow", test_publish_flow, ND_MOCK_WP_PRETTY);
  ADD ("update-uses-caches", test_update_uses_caches, ND_MOCK_WP_PRETTY);
  ADD ("credit-per-use", test_credit_per_use, ND_MOCK_WP_PRETTY);
  ADD ("conflict", test_conflict, ND_MOCK_WP_PRETTY);
  ADD ("conflict/same-second", test_conflict_same_second, ND_MOCK_WP_PRETTY);
  ADD ("conflict/resave", test_resave_is_no_conflict, ND_MOCK_WP_PRETTY);
  ADD ("conflict/without-digest", test_conflict_without_digest, ND_MOCK_WP_PRETTY);
  ADD ("plain-text-escaped", test_plain_text_escaped, ND_MOCK_WP_PRETTY);
  ADD ("slug-kept", test_slug_kept_after_publication, ND_MOCK_WP_PRETTY);
  ADD ("schedule", test_schedule, ND_MOCK_WP_PRETTY);
  ADD ("as-draft", test_as_draft, ND_MOCK_WP_PRETTY);
  ADD ("withdraw-and-delete", test_withdraw_and_delete, ND_MOCK_WP_PRETTY);
  ADD ("check-fails", test_check_fails, ND_MOCK_WP_PRETTY);
  ADD ("plain-permalinks", test_plain_permalinks, ND_MOCK_WP_PLAIN);
  ADD ("faults/lost-create", test_lost_create, ND_MOCK_WP_PRETTY);
  ADD ("faults/lost-recovery-update", test_recovery_update_keeps_marker, ND_MOCK_WP_PRETTY);
  ADD ("faults/retry-after", test_retry_after, ND_MOCK_WP_PRETTY);
  ADD ("faults/wrong-types", test_wrong_types, ND_MOCK_WP_PRETTY);
  ADD ("faults/server-error-gives-up", test_server_error_gives_up, ND_MOCK_WP_PRETTY);
  ADD ("faults/permanent", test_permanent_errors, ND_MOCK_WP_PRETTY);
  ADD ("recover", test_recover, ND_MOCK_WP_PRETTY);
  ADD ("client-kept", test_client_kept, ND_MOCK_WP_PRETTY);
  ADD ("category/by-name", test_category_by_name, ND_MOCK_WP_PRETTY);
  ADD ("category/by-id", test_category_by_id, ND_MOCK_WP_PRETTY);
  ADD ("category/missing", test_category_missing, ND_MOCK_WP_PRETTY);
  ADD ("category/lookup-retried", test_category_lookup_retried, ND_MOCK_WP_PRETTY);

#undef ADD

  return g_test_run ();
}
