/* test-accounts.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-accounts"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "nd-account-editor.h"
#include "nd-accounts-page.h"
#include "nd-credentials.h"
#include "nd-mock-wp.h"
#include "nd-preferences-window.h"
#include "nd-resources.h"
#include "nd-store.h"
#include "nd-target.h"
#include "nd-test-utils.h"
#include "nd-wp-client.h"

/* The CMS accounts page of the preferences, driven through its real
 * widgets and actions, against the in-process WordPress stand-in and a
 * private GNOME Keyring (tests/setup/keyring-session, started by main()
 * before anything talks to D-Bus): the user's own keyring is never
 * reached. */

#define USER "editor"
#define PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"

typedef struct
{
  char                *dir;
  char                *db;
  NdStore             *store;
  NdMockWp            *mock;
  char                *url;          /* as the mock gives it: with a trailing "/" */
  NdPreferencesWindow *window;
  NdAccountsPage      *page;
} Fixture;

/* Widgets ------------------------------------------------------------------ */

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (title == NULL
          || (ADW_IS_PREFERENCES_ROW (root)
              && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
account_row (Fixture    *f,
             const char *name)
{
  return find_widget (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, name);
}

static NdAccountEditor *
editor_of (Fixture *f)
{
  return (NdAccountEditor *) find_widget (GTK_WIDGET (f->window), ND_TYPE_ACCOUNT_EDITOR, NULL);
}

static GObject *
editor_child (NdAccountEditor *editor,
              const char      *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (editor), ND_TYPE_ACCOUNT_EDITOR, name);

  g_assert_nonnull (child);

  return child;
}

static void
set_field (NdAccountEditor *editor,
           const char      *row,
           const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, row)), text);
}

static const char *
status_of (NdAccountEditor *editor)
{
  return gtk_label_get_text (GTK_LABEL (editor_child (editor, "status_label")));
}

/* Presses a button of the editor, as the user would. */
static void
press (NdAccountEditor *editor,
       const char      *action_name)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (editor), action_name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Conditions ---------------------------------------------------------------- */

static gboolean
editor_shown (gconstpointer data)
{
  Fixture *f = (Fixture *) data;

  return editor_of (f) != NULL;
}

static gboolean
editor_gone (gconstpointer data)
{
  Fixture *f = (Fixture *) data;

  return editor_of (f) == NULL;
}

static gboolean
editor_done (gconstpointer data)
{
  NdAccountEditor *editor = (NdAccountEditor *) data;

  return !nd_account_editor_get_busy (editor) && *status_of (editor) != '\0';
}

static gboolean
keyring_has_none (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean has_password = TRUE;

  g_assert_true (nd_credentials_has_password_sync ((NdTarget *) data, &has_password, NULL, &error));
  g_assert_no_error (error);

  return !has_password;
}

static gboolean
row_has_problem (gconstpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW ((gpointer) data));

  return subtitle != NULL && strchr (subtitle, '\n') != NULL;
}

/* What the client itself says ------------------------------------------------ */

typedef struct
{
  char   *display_name;
  GError *error;
  gboolean done;
} Tested;

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Tested *tested = user_data;

  tested->display_name = nd_wp_client_test_connection_finish (ND_WP_CLIENT (object), result,
                                                              &tested->error);
  tested->done = TRUE;
}

static gboolean
tested_done (gconstpointer data)
{
  return ((const Tested *) data)->done;
}

/* The text the page must show for @password: "Connected as …" or the
 * client's own message. (transfer full) */
static char *
expected_status (Fixture    *f,
                 const char *password)
{
  g_autoptr(NdWpClient) client = nd_wp_client_new (f->url, USER, password, NULL);
  NdRetryPolicy policy = *nd_wp_client_get_retry_policy (client);
  Tested tested = { NULL, NULL, FALSE };
  char *text;

  policy.max_attempts = 1;
  nd_wp_client_set_retry_policy (client, &policy);
  nd_wp_client_test_connection_async (client, NULL, tested_cb, &tested);
  nd_test_wait_until (tested_done, &tested);

  if (tested.display_name != NULL)
    text = g_strdup_printf ("Connected as %s", tested.display_name);
  else
    text = g_strdup (tested.error->message);

  g_free (tested.display_name);
  g_clear_error (&tested.error);

  return text;
}

/* Files ---------------------------------------------------------------------- */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_length = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (contents + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Fixture ------------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->store = nd_store_open (f->db, &error);
  g_assert_no_error (error);

  f->mock = nd_mock_wp_new (ND_MOCK_WP_PRETTY, USER, PASSWORD);
  f->url = nd_mock_wp_dup_url (f->mock);

  f->window = nd_preferences_window_new (NULL);
  f->page = nd_preferences_window_get_accounts_page (f->window);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  nd_test_drain ();

  g_clear_object (&f->store);
  g_clear_pointer (&f->mock, nd_mock_wp_free);
  nd_test_remove_database (f->db);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->url);
  g_free (f->db);
  g_free (f->dir);
}

/* A stored account with its password in the keyring, as the CLI makes one. */
static NdTarget *
add_stored (Fixture    *f,
            const char *name,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  NdTarget *target = nd_target_new (name, ND_TARGET_TYPE_WORDPRESS, f->url, USER);

  g_assert_true (nd_store_add_target (f->store, target, &error));
  g_assert_no_error (error);
  if (password != NULL)
    {
      g_assert_true (nd_credentials_store_sync (target, password, NULL, &error));
      g_assert_no_error (error);
    }

  return target;
}

static void
assert_keyring_has (NdTarget   *target,
                    const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdPassword) stored = nd_credentials_lookup_sync (target, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, password);
}

static NdAccountEditor *
open_editor (Fixture    *f,
             const char *name)
{
  nd_test_wait_until (editor_gone, f);
  if (name == NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "accounts.add", NULL));
  else
    g_signal_emit_by_name (account_row (f, name), "activate");
  nd_test_wait_until (editor_shown, f);

  return editor_of (f);
}

/* Tests --------------------------------------------------------------------- */

/* Add an account: inline checks, Test Connection with a wrong and the
 * right password, Save. */
static void
test_accounts_add (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) stored = NULL;
  g_autofree char *wrong = expected_status (f, "not the password");
  g_autofree char *connected = expected_status (f, PASSWORD);
  g_autofree char *insecure = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  NdAccountEditor *editor;
  GtkWidget *validation;

  g_assert_true (g_str_has_prefix (connected, "Connected as "));
  g_assert_false (g_str_has_prefix (wrong, "Connected as "));

  nd_preferences_window_set_store (f->window, f->store);
  g_assert_null (account_row (f, "Website"));
  editor = open_editor (f, NULL);
  validation = GTK_WIDGET (editor_child (editor, "validation_label"));

  /* An empty form is no error, but cannot be saved. */
  g_assert_false (gtk_widget_get_visible (validation));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (editor), "editor.save")));

  set_field (editor, "name_row", "Website");
  set_field (editor, "user_row", USER);

  /* Plain http:// to another computer: the core's message, at the row. */
  set_field (editor, "url_row", "http://example.org");
  g_assert_null (nd_target_normalize_url ("http://example.org", &error));
  g_assert_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INSECURE_URL);
  insecure = g_strdup (error->message);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (validation));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (validation)), ==, insecure);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "url_row")), "error"));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (editor), "editor.save")));

  set_field (editor, "url_row", f->url);
  g_assert_false (gtk_widget_get_visible (validation));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "url_row")), "error"));

  /* A wrong password: the precise reason, and nothing stored. */
  set_field (editor, "password_row", "not the password");
  press (editor, "editor.test-connection");
  g_assert_true (nd_account_editor_get_busy (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor_child (editor, "spinner"))));
  nd_test_wait_until (editor_done, editor);
  g_assert_cmpstr (status_of (editor), ==, wrong);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "status_label")), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor_child (editor, "spinner"))));

  /* Typing clears the answer about what was typed before. */
  set_field (editor, "password_row", PASSWORD);
  g_assert_cmpstr (status_of (editor), ==, "");
  press (editor, "editor.test-connection");
  nd_test_wait_until (editor_done, editor);
  g_assert_cmpstr (status_of (editor), ==, connected);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "status_label")), "success"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "status_label")), "error"));

  /* Testing saved nothing. */
  g_assert_null (nd_store_lookup_target (f->store, "Website", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  press (editor, "editor.save");
  nd_test_wait_until (editor_gone, f);

  stored = nd_store_lookup_target (f->store, "Website", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_user (stored), ==, USER);
  g_assert_true (g_str_has_prefix (f->url, nd_target_get_url (stored)));
  g_assert_false (g_str_has_suffix (nd_target_get_url (stored), "/"));
  assert_keyring_has (stored, PASSWORD);
  g_assert_nonnull (account_row (f, "Website"));

  /* The password is in the keyring only. */
  g_assert_true (file_contains (wal, "Website") || file_contains (f->db, "Website"));
  g_assert_false (file_contains (wal, PASSWORD));
  g_assert_false (file_contains (f->db, PASSWORD));
  g_clear_object (&f->store);
  nd_preferences_window_set_store (f->window, NULL);
  g_assert_true (file_contains (f->db, "Website"));
  g_assert_false (file_contains (f->db, PASSWORD));

  g_assert_true (nd_credentials_clear_sync (stored, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Edit: the saved password serves Test Connection; a rename moves the
 * keyring entry; categories are kept per kind. */
static void
test_accounts_edit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) old = add_stored (f, "Blog", PASSWORD);
  g_autoptr(NdTarget) nopass = add_stored (f, "Archive", NULL);
  g_autoptr(NdTarget) renamed = NULL;
  g_autofree char *connected = expected_status (f, PASSWORD);
  GtkWidget *news_row;
  NdAccountEditor *editor;

  nd_preferences_window_set_store (f->window, f->store);

  /* An account without a password says so; one with it does not. */
  nd_test_wait_until (row_has_problem, account_row (f, "Archive"));
  nd_test_drain ();
  g_assert_false (row_has_problem (account_row (f, "Blog")));

  editor = open_editor (f, "Blog");
  g_assert_true (nd_account_editor_get_target (editor) != NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "name_row"))), ==, "Blog");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "password_row"))), ==, "");

  /* An empty password field means the saved one. */
  press (editor, "editor.test-connection");
  nd_test_wait_until (editor_done, editor);
  g_assert_cmpstr (status_of (editor), ==, connected);

  /* Another account's name is refused at once. */
  set_field (editor, "name_row", "Archive");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor_child (editor, "validation_label"))));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (editor), "editor.save")));

  set_field (editor, "name_row", "Blog DE");
  news_row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, nd_item_kind_to_display (ND_ITEM_KIND_NEWS));
  g_assert_nonnull (news_row);
  gtk_editable_set_text (GTK_EDITABLE (news_row), " Meldungen ");
  press (editor, "editor.save");
  nd_test_wait_until (editor_gone, f);

  renamed = nd_store_lookup_target (f->store, "Blog DE", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_target_get_store_id (renamed), ==, nd_target_get_store_id (old));
  g_assert_cmpstr (nd_target_get_category (renamed, ND_ITEM_KIND_NEWS), ==, "Meldungen");
  g_assert_null (nd_target_get_category (renamed, ND_ITEM_KIND_EVENT));
  g_assert_null (nd_store_lookup_target (f->store, "Blog", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The password moved with the name. */
  assert_keyring_has (renamed, PASSWORD);
  nd_test_wait_until (keyring_has_none, old);
  g_assert_nonnull (account_row (f, "Blog DE"));
  g_assert_null (account_row (f, "Blog"));

  /* A new password replaces the saved one; an empty one keeps it. */
  editor = open_editor (f, "Blog DE");
  set_field (editor, "password_row", "a newer password");
  press (editor, "editor.save");
  nd_test_wait_until (editor_gone, f);
  assert_keyring_has (renamed, "a newer password");

  editor = open_editor (f, "Blog DE");
  set_field (editor, "user_row", "chief");
  press (editor, "editor.save");
  nd_test_wait_until (editor_gone, f);
  g_clear_object (&renamed);
  renamed = nd_store_lookup_target (f->store, "Blog DE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_target_get_user (renamed), ==, "chief");
  assert_keyring_has (renamed, "a newer password");

  g_assert_true (nd_credentials_clear_sync (renamed, NULL, NULL, &error));
  g_assert_no_error (error);
  nd_test_wait_until (keyring_has_none, nopass);
}

/* Remove: no question, an Undo, and the keyring entry goes only with the
 * toast. */
static void
test_accounts_remove_undo (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) target = add_stored (f, "Gone", PASSWORD);
  g_autoptr(NdTarget) closed = add_stored (f, "Closed", PASSWORD);
  g_autoptr(NdTarget) lookup = NULL;
  AdwToast *toast;

  nd_preferences_window_set_store (f->window, f->store);
  g_assert_nonnull (account_row (f, "Gone"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "accounts.remove", "s", "Gone"));
  g_assert_null (account_row (f, "Gone"));
  toast = _nd_accounts_page_get_last_toast (f->page);
  g_assert_nonnull (toast);
  g_assert_nonnull (adw_toast_get_button_label (toast));

  /* Undo, as the toast's button does it: the account is as it was. */
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  nd_test_drain ();
  g_assert_nonnull (account_row (f, "Gone"));
  lookup = nd_store_lookup_target (f->store, "Gone", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_target_get_store_id (lookup), ==, nd_target_get_store_id (target));
  assert_keyring_has (target, PASSWORD);

  /* Removed for good once the toast is gone without Undo. */
  g_signal_emit_by_name (find_action_button (account_row (f, "Gone"), "accounts.remove"), "clicked");
  g_assert_null (account_row (f, "Gone"));
  toast = _nd_accounts_page_get_last_toast (f->page);
  g_assert_nonnull (toast);
  adw_toast_dismiss (toast);
  nd_test_drain ();
  g_assert_null (account_row (f, "Gone"));
  g_assert_null (nd_store_lookup_target (f->store, "Gone", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  nd_test_wait_until (keyring_has_none, target);

  /* Closing the preferences is no Undo either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "accounts.remove", "s", "Closed"));
  assert_keyring_has (closed, PASSWORD);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  nd_test_drain ();
  g_assert_null (nd_store_lookup_target (f->store, "Closed", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  nd_test_wait_until (keyring_has_none, closed);
}

/* Without a keyring the account is not saved, and the page says why. Run
 * in a subprocess that has no session bus. */
static void
test_accounts_no_keyring (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  NdAccountEditor *editor;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /accounts/no-keyring, without a session bus");
      return;
    }

  nd_preferences_window_set_store (f->window, f->store);
  editor = open_editor (f, NULL);
  set_field (editor, "name_row", "Website");
  set_field (editor, "url_row", f->url);
  set_field (editor, "user_row", USER);
  set_field (editor, "password_row", PASSWORD);
  press (editor, "editor.save");
  nd_test_wait_until (editor_done, editor);

  g_assert_true (strstr (status_of (editor), "No keyring is available") != NULL);
  g_assert_null (strstr (status_of (editor), PASSWORD));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_child (editor, "status_label")), "error"));
  g_assert_nonnull (editor_of (f));
  g_assert_null (nd_store_lookup_target (f->store, "Website", &error));
  g_assert_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND);
}

static void
test_accounts_no_keyring_trap (void)
{
  g_test_trap_subprocess ("/accounts/no-keyring/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The private keyring --------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  NdTestKeyring *session = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* A subprocess runs without any keyring; this process with its own,
   * before anything (GTK included) talks to D-Bus. */
  if (g_test_subprocess ())
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  else
    {
      session = nd_test_keyring_start ();
      nd_test_keyring_use (session);
    }

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      status = g_test_run ();
      if (session != NULL)
        nd_test_keyring_stop (session);
      return status;
    }

  adw_init ();
  nd_register_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accounts/add", test_accounts_add);
  ADD ("/accounts/edit", test_accounts_edit);
  ADD ("/accounts/remove-undo", test_accounts_remove_undo);
  ADD ("/accounts/no-keyring/subprocess", test_accounts_no_keyring);
  g_test_add_func ("/accounts/no-keyring", test_accounts_no_keyring_trap);

#undef ADD

  status = g_test_run ();

  if (session != NULL)
    nd_test_keyring_stop (session);

  return status;
}
