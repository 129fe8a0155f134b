/* test-publish-ui.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-publish-ui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "nd-application.h"
#include "nd-image-file.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-job-error.h"
#include "nd-mock-wp.h"
#include "nd-store-outbox.h"
#include "nd-publish-outbox.h"
#include "nd-publish-window.h"
#include "nd-store.h"
#include "nd-target.h"
#include "nd-test-utils.h"
#include "nd-window-private.h"

/* The job's last error as the user reads it; freed with the test. */
static const char *
error_of (const NdOutboxJob *job)
{
  char *message = nd_outbox_job_dup_error_message (job);

  g_test_queue_free (message);
  return message;
}

/* Publishing from the window, driven through its actions, against the
 * in-process WordPress stand-in: the Publish button, the item's state
 * above the editor, toasts, the conflict dialog and the outbox. The
 * runner gets the password directly, so no keyring is involved. */

#define USER "editor"
#define PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"
#define TARGET "Website"

static NdApplication *app;
static NdPublishOutbox *outbox_of_runner;

typedef struct
{
  char     *dir;
  char     *db;
  NdStore  *store;
  NdMockWp *mock;
  char     *item_id;
  NdWindow *window;
} Fixture;

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

/* What the checklist asks of an item before it is sent: a lead image
 * with its licence, and tags. */
static void
complete_sample (NdStore    *store,
                 const char *item_id)
{
  g_autofree char *path = nd_test_data_path ("clusterkonferenz-2024.jpg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(NdItem) item = NULL;

  g_assert_no_error (error);
  nd_image_set_license (image, "CC BY 4.0");
  attached = nd_store_attach_image (store, item_id, image, ND_IMAGE_ATTACH_LEAD, &error);
  g_assert_no_error (error);

  item = nd_store_load_item (store, item_id, &error);
  g_assert_no_error (error);
  nd_item_add_tag (item, "ECCP");
  nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) target = NULL;
  g_autofree char *url = NULL;

  f->dir = g_dir_make_tmp ("test-publish-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->store = nd_store_open (f->db, &error);
  g_assert_no_error (error);

  f->mock = nd_mock_wp_new (ND_MOCK_WP_PRETTY, USER, PASSWORD);
  url = nd_mock_wp_dup_url (f->mock);
  target = nd_target_new (TARGET, ND_TARGET_TYPE_WORDPRESS, url, USER);
  nd_store_add_target (f->store, target, &error);
  g_assert_no_error (error);

  f->item_id = import_sample (f->store);
  complete_sample (f->store, f->item_id);

  f->window = nd_window_new (app, f->store, NULL);
  nd_outbox_runner_set_password (_nd_window_get_outbox_runner (f->window), TARGET, PASSWORD);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (_nd_window_select_item (f->window, f->item_id));
  nd_test_drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  nd_test_drain ();
  g_clear_object (&f->store);
  g_clear_pointer (&f->mock, nd_mock_wp_free);
  nd_test_remove_database (f->db);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->item_id);
}

/* Conditions --------------------------------------------------------------- */

static gboolean
runner_idle (gconstpointer data)
{
  const Fixture *f = data;
  NdOutboxRunner *runner = _nd_window_get_outbox_runner (f->window);
  g_autoptr(GPtrArray) jobs = nd_store_list_jobs (f->store, FALSE, NULL);

  if (nd_outbox_runner_get_busy (runner))
    return FALSE;

  /* Nothing waiting to be claimed either. */
  for (guint i = 0; i < jobs->len; i++)
    {
      NdOutboxJob *job = g_ptr_array_index (jobs, i);

      if (job->state == ND_OUTBOX_STATE_PENDING || job->state == ND_OUTBOX_STATE_RUNNING)
        return FALSE;
    }

  return TRUE;
}

static gboolean
status_changed (gconstpointer data)
{
  const Fixture *f = data;

  return nd_publish_status_get_changed (f->window->publish_status);
}

static gboolean
conflict_shown (gconstpointer data)
{
  const Fixture *f = data;

  return f->window->conflict_dialog != NULL;
}

static void
publish (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.publish", "s", TARGET));
  nd_test_wait_until (runner_idle, f);
}

static const char *
post_title (JsonObject *post)
{
  return json_object_get_string_member (json_object_get_object_member (post, "title"), "raw");
}

static gint64
remote_id (Fixture *f)
{
  g_auto(NdRemoteItem) remote = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_get_remote_item (f->store, f->item_id, TARGET, &remote, &error));
  g_assert_no_error (error);
  return g_ascii_strtoll (remote.remote_id, NULL, 10);
}

static GtkTextView *
find_title_view (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root) && gtk_widget_has_css_class (root, "nd-title"))
    return GTK_TEXT_VIEW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = find_title_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;
  GtkTextView *title_view;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  AdwToast *toast;
  const char *text;

  /* One account: a plain button that publishes there. */
  g_assert_null (nd_publish_status_get_text (f->window->publish_status));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->window->publish_button)));

  publish (f);

  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);
  item = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post_title (nd_mock_wp_get_post (f->mock, 0)), ==, nd_item_get_title (item));

  text = nd_publish_status_get_text (f->window->publish_status);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Published "));
  g_assert_nonnull (strstr (text, TARGET));
  g_assert_nonnull (nd_publish_status_get_url (f->window->publish_status));
  g_assert_false (nd_publish_status_get_changed (f->window->publish_status));
  g_assert_false (nd_publish_button_get_busy (f->window->publish_button));

  toast = _nd_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Published "));
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-uri");

  /* An edit in the editor marks the publication as behind. */
  title_view = find_title_view (GTK_WIDGET (f->window->editor));
  g_assert_nonnull (title_view);
  buffer = gtk_text_view_get_buffer (title_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " (updated)", -1);
  g_assert_true (nd_item_editor_flush (f->window->editor, &error));
  g_assert_no_error (error);
  nd_test_wait_until (status_changed, f);

  /* Published again, it is not. */
  publish (f);
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);
  g_assert_true (g_str_has_suffix (post_title (nd_mock_wp_get_post (f->mock, 0)), " (updated)"));
  g_assert_false (nd_publish_status_get_changed (f->window->publish_status));
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *post;

  publish (f);
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);

  /* Someone changes the post on the site, and we change the item. */
  g_assert_true (nd_mock_wp_edit_post (f->mock, remote_id (f), "Edited on the site"));
  item = nd_store_load_item (f->store, f->item_id, &error);
  g_assert_no_error (error);
  nd_item_set_title (item, "Our own title");
  nd_store_save_item (f->store, item, ND_REVISION_REASON_NONE, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.publish", "s", TARGET));
  nd_test_wait_until (conflict_shown, f);
  post = nd_mock_wp_find_post (f->mock, remote_id (f));
  g_assert_cmpstr (post_title (post), !=, "Our own title");

  adw_message_dialog_response (f->window->conflict_dialog, "overwrite");
  nd_test_wait_until (runner_idle, f);

  post = nd_mock_wp_find_post (f->mock, remote_id (f));
  g_assert_cmpstr (post_title (post), ==, "Our own title");
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);
  g_assert_cmpuint (nd_publish_outbox_get_n_jobs (f->window->outbox), ==, 0);
}

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  NdOutboxJob *job;
  AdwToast *toast;

  nd_mock_wp_add_fault (f->mock, "POST", "/wp/v2/posts", ND_MOCK_FAULT_403, 1, NULL);
  publish (f);

  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 0);
  g_assert_null (nd_publish_status_get_text (f->window->publish_status));

  /* The outbox lists the failed job with WordPress's reason. */
  g_assert_cmpuint (nd_publish_outbox_get_n_jobs (f->window->outbox), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->outbox_button)));
  job = nd_publish_outbox_get_job (f->window->outbox, 0);
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_FAILED);
  g_assert_nonnull (error_of (job));
  g_assert_cmpstr (error_of (job), !=, "");

  toast = _nd_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), error_of (job)));
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.retry-job");

  /* Retry (the fault is used up) publishes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry-job", "x", job->id));
  nd_test_wait_until (runner_idle, f);
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);
  g_assert_cmpuint (nd_publish_outbox_get_n_jobs (f->window->outbox), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->outbox_button)));
  g_assert_true (g_str_has_prefix (nd_publish_status_get_text (f->window->publish_status), "Published "));
}

/* Several jobs at once: the outbox shows how far the batch is. */
static void
record_batch_cb (GPtrArray      *texts,
                 NdOutboxJob    *job,
                 NdOutboxRunner *runner)
{
  /* Runs after the outbox's own handler, connected first. */
  g_ptr_array_add (texts, g_strdup (_nd_publish_outbox_get_batch_text (outbox_of_runner)));
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  NdOutboxRunner *runner = _nd_window_get_outbox_runner (f->window);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *second = import_sample (f->store);
  g_autofree char *third = import_sample (f->store);
  const char *ids[] = { f->item_id, second, third };

  complete_sample (f->store, second);
  complete_sample (f->store, third);
  outbox_of_runner = f->window->outbox;
  g_signal_connect_swapped (runner, "job-started", G_CALLBACK (record_batch_cb), texts);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(NdOutboxJob) job = nd_store_enqueue_job (f->store, ids[i], TARGET,
                                                         ND_OUTBOX_ACTION_PUBLISH, 0, &error);

      g_assert_no_error (error);
    }
  nd_outbox_runner_wake (runner);
  nd_test_wait_until (runner_idle, f);
  g_signal_handlers_disconnect_by_data (runner, texts);

  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 3);
  g_assert_cmpuint (texts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "0 of 3 sent");
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "1 of 3 sent");
  g_assert_cmpstr (g_ptr_array_index (texts, 2), ==, "2 of 3 sent");
  /* All sent: the bar goes. */
  g_assert_null (_nd_publish_outbox_get_batch_text (f->window->outbox));
}

/* The site is down: the job waits in the outbox with its due time and
 * the last error as such; the row's Retry Now sends it at once. */
static gboolean
job_waiting (gconstpointer data)
{
  const Fixture *f = data;
  g_autoptr(GPtrArray) jobs = nd_store_list_jobs (f->store, TRUE, NULL);
  NdOutboxJob *job = jobs->len > 0 ? g_ptr_array_index (jobs, 0) : NULL;

  return !nd_outbox_runner_get_busy (_nd_window_get_outbox_runner (f->window)) &&
         job != NULL && job->state == ND_OUTBOX_STATE_PENDING && job->next_attempt != NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_site_down_retry_now (Fixture       *f,
                          gconstpointer  data)
{
  NdOutboxRunner *runner = _nd_window_get_outbox_runner (f->window);
  g_autoptr(NdRetryPolicy) once = nd_retry_policy_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(NdOutboxJob) hastened = NULL;
  g_autoptr(GError) error = NULL;
  NdOutboxJob *job;
  GtkWidget *row;
  GtkWidget *retry;
  const char *subtitle;
  AdwToast *toast;
  gint64 started;
  gint64 job_id;

  /* no retries within the attempt: the test need not wait for them */
  once->max_attempts = 1;
  nd_outbox_runner_set_client_retry_policy (runner, once);
  nd_mock_wp_set_down (f->mock, TRUE);

  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.publish", "s", TARGET));
  nd_test_wait_until (job_waiting, f);
  g_test_message ("queued after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 0);

  g_assert_cmpuint (nd_publish_outbox_get_n_jobs (f->window->outbox), ==, 1);
  job = nd_publish_outbox_get_job (f->window->outbox, 0);
  now = g_date_time_new_now_utc ();
  g_assert_cmpint (job->state, ==, ND_OUTBOX_STATE_PENDING);
  g_assert_cmpint (g_date_time_compare (job->next_attempt, now), >, 0);
  g_assert_cmpstr (job->error_code, ==, "wp-no-server");
  g_assert_nonnull (job->error_time);
  job_id = job->id;

  /* The row: waiting until …, the last error with its time, Retry Now */
  row = _nd_publish_outbox_get_row (f->window->outbox, 0);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, " · waiting until "));
  g_assert_nonnull (strstr (subtitle, " · last error at "));
  g_assert_nonnull (strstr (subtitle, ": No web server answers at 127.0.0.1"));
  retry = find_button (row, "win.retry-job");
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Retry Now");

  /* The toast says the same and offers the same */
  toast = _nd_window_get_last_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), " waits in the outbox until "));
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "No web server answers at 127.0.0.1"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Retry Now");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.retry-job");

  /* The site is back; Retry Now means now: due at once, not at its time */
  nd_mock_wp_set_down (f->mock, FALSE);
  started = g_get_monotonic_time ();
  /* clicked, as a click does (activate would wait for its animation) */
  g_signal_emit_by_name (retry, "clicked");
  hastened = nd_store_load_job (f->store, job_id, &error);
  g_assert_no_error (error);
  g_assert_null (hastened->next_attempt);
  nd_test_wait_until (runner_idle, f);
  g_test_message ("published %.2f s after Retry Now", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (nd_mock_wp_n_posts (f->mock), ==, 1);
  g_assert_cmpuint (nd_publish_outbox_get_n_jobs (f->window->outbox), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The tests read the English texts. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  adw_init ();
  gtk_source_init ();
  app = nd_application_new (":memory:");
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add ("/publish-ui/publish", Fixture, NULL, fixture_set_up, test_publish, fixture_tear_down);
  g_test_add ("/publish-ui/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/publish-ui/failure", Fixture, NULL, fixture_set_up, test_failure, fixture_tear_down);
  g_test_add ("/publish-ui/batch", Fixture, NULL, fixture_set_up, test_batch, fixture_tear_down);
  g_test_add ("/publish-ui/site-down-retry-now", Fixture, NULL, fixture_set_up, test_site_down_retry_now,
              fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
