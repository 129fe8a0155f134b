/* nd-account-editor.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-account-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "nd-account-editor.h"
#include "nd-credentials.h"
#include "nd-store.h"
#include "nd-wp-client.h"

/* "Test Connection" is something the user waits for: one attempt, and a
 * limit far below the publisher's. */
#define TEST_TIMEOUT_MS 30000

static const NdItemKind category_kinds[] = {
  ND_ITEM_KIND_NEWS,
  ND_ITEM_KIND_PRESS_RELEASE,
  ND_ITEM_KIND_EVENT,
  ND_ITEM_KIND_PUBLICATION,
};

struct _NdAccountEditor
{
  GtkWidget             parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup  *account_group;
  GtkWidget            *box;
  GtkWidget            *ca_clear_button;
  AdwActionRow         *ca_row;
  AdwPreferencesGroup  *categories_group;
  AdwEntryRow          *name_row;
  AdwPasswordEntryRow  *password_row;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  GtkLabel             *validation_label;
  AdwWindowTitle       *window_title;

  /* Borrowed References */
  AdwEntryRow          *category_rows[G_N_ELEMENTS (category_kinds)];

  /* Owned References */
  NdStore              *store;
  NdTarget             *target;
  char                 *ca_file;
  GCancellable         *test_cancellable;
  GCancellable         *save_cancellable;
  GtkFileChooserNative *chooser;

  /* Only fields the user has changed show their problem: an empty form
   * is not an error. */
  guint                 name_touched : 1;
  guint                 url_touched : 1;
  guint                 user_touched : 1;
  guint                 filling : 1;
  guint                 testing : 1;
  guint                 saving : 1;
};

G_DEFINE_FINAL_TYPE (NdAccountEditor, nd_account_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TARGET,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* What a save carries from one asynchronous step to the next. */
typedef struct
{
  NdAccountEditor *self;
  NdTarget        *candidate;
} Save;

static void
save_free (Save *save)
{
  g_clear_object (&save->self);
  g_clear_object (&save->candidate);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

/* Helpers */

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_busy (NdAccountEditor *self)
{
  return self->testing || self->saving;
}

/* Whether the keyring entry, filed under name, URL and user, must move. */
static gboolean
credentials_moved (NdTarget *before,
                   NdTarget *after)
{
  return g_strcmp0 (nd_target_get_name (before), nd_target_get_name (after)) != 0
         || g_strcmp0 (nd_target_get_url (before), nd_target_get_url (after)) != 0
         || g_strcmp0 (nd_target_get_user (before), nd_target_get_user (after)) != 0;
}

static gboolean
name_is_taken (NdAccountEditor *self,
               const char      *name)
{
  g_autoptr(NdTarget) other = NULL;

  if (self->store == NULL)
    return FALSE;

  other = nd_store_lookup_target (self->store, name, NULL);
  if (other == NULL)
    return FALSE;

  return self->target == NULL
         || nd_target_get_store_id (other) != nd_target_get_store_id (self->target);
}

/* The account as typed, checked by the core, with its URL in normal form;
 * NULL with the core's message when something is wrong. (transfer full) */
static NdTarget *
build_candidate (NdAccountEditor  *self,
                 GError          **error)
{
  g_autoptr(NdTarget) candidate = NULL;
  g_autofree char *url = NULL;

  candidate = nd_target_new (row_text (self->name_row), ND_TARGET_TYPE_WORDPRESS,
                             row_text (self->url_row), row_text (self->user_row));

  /* Options a newer Newsdesk wrote stay as they are. */
  if (self->target != NULL)
    {
      g_autofree char *options = nd_target_dup_options (self->target);

      nd_target_set_store_id (candidate, nd_target_get_store_id (self->target));
      nd_target_set_target_type (candidate, nd_target_get_target_type (self->target));
      nd_target_set_created (candidate, nd_target_get_created (self->target));
      if (!nd_target_set_options (candidate, options, error))
        return NULL;
    }

  nd_target_set_ca_file (candidate, self->ca_file);
  for (guint i = 0; i < G_N_ELEMENTS (category_kinds); i++)
    {
      g_autofree char *category = g_strdup (row_text (self->category_rows[i]));

      nd_target_set_category (candidate, category_kinds[i], g_strstrip (category));
    }

  if (!nd_target_validate (candidate, error))
    return NULL;

  url = nd_target_normalize_url (row_text (self->url_row), error);
  if (url == NULL)
    return NULL;
  nd_target_set_url (candidate, url);

  if (name_is_taken (self, nd_target_get_name (candidate)))
    {
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_NAME,
                   _("There is an account named “%s” already"), nd_target_get_name (candidate));
      return NULL;
    }

  return g_steal_pointer (&candidate);
}

/* The row a validation error is about, if the user has touched it. */
static GtkWidget *
row_for_error (NdAccountEditor *self,
               const GError    *error)
{
  if (error->domain != ND_TARGET_ERROR)
    return NULL;

  switch ((NdTargetError) error->code)
    {
    case ND_TARGET_ERROR_INVALID_NAME:
      return self->name_touched ? GTK_WIDGET (self->name_row) : NULL;
    case ND_TARGET_ERROR_INVALID_URL:
    case ND_TARGET_ERROR_INSECURE_URL:
      return self->url_touched ? GTK_WIDGET (self->url_row) : NULL;
    case ND_TARGET_ERROR_INVALID_USER:
      return self->user_touched ? GTK_WIDGET (self->user_row) : NULL;
    case ND_TARGET_ERROR_INVALID_OPTIONS:
      return GTK_WIDGET (self->ca_row);
    default:
      return NULL;
    }
}

static void
update_state (NdAccountEditor *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->name_row), GTK_WIDGET (self->url_row),
    GTK_WIDGET (self->user_row), GTK_WIDGET (self->ca_row),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTarget) candidate = build_candidate (self, &error);
  GtkWidget *culprit = candidate == NULL ? row_for_error (self, error) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == culprit)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }

  gtk_label_set_text (self->validation_label, culprit != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), culprit != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 candidate != NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test-connection", !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.clear-ca-file", self->ca_file != NULL);
  gtk_widget_set_visible (self->ca_clear_button, self->ca_file != NULL);

  gtk_spinner_set_spinning (self->spinner, is_busy (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), is_busy (self));
}

static void
set_busy (NdAccountEditor *self,
          gboolean         testing,
          gboolean         saving)
{
  gboolean was_busy = is_busy (self);

  self->testing = !!testing;
  self->saving = !!saving;
  update_state (self);

  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* @text NULL clears the status. */
static void
show_status (NdAccountEditor *self,
             const char      *text,
             gboolean         success)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_remove_css_class (label, success ? "error" : "success");
  if (text != NULL)
    gtk_widget_add_css_class (label, success ? "success" : "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

/* A test of what was typed before is no answer for what is typed now. */
static void
cancel_test (NdAccountEditor *self)
{
  if (self->test_cancellable != NULL)
    {
      g_cancellable_cancel (self->test_cancellable);
      g_clear_object (&self->test_cancellable);
    }

  if (self->testing)
    set_busy (self, FALSE, self->saving);
}

static void
update_ca_row (NdAccountEditor *self)
{
  g_autofree char *shown = NULL;

  if (self->ca_file != NULL)
    shown = g_filename_display_name (self->ca_file);

  adw_action_row_set_subtitle (self->ca_row,
                               shown != NULL ? shown : _("None: the system’s authorities are trusted"));
}

static void
fill_fields (NdAccountEditor *self)
{
  NdTarget *target = self->target;

  self->filling = TRUE;

  if (target != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), nd_target_get_name (target));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), nd_target_get_url (target));
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), nd_target_get_user (target));
      self->ca_file = g_strdup (nd_target_get_ca_file (target));

      for (guint i = 0; i < G_N_ELEMENTS (category_kinds); i++)
        {
          const char *category = nd_target_get_category (target, category_kinds[i]);

          gtk_editable_set_text (GTK_EDITABLE (self->category_rows[i]),
                                 category != NULL ? category : "");
        }
    }

  adw_window_title_set_title (self->window_title,
                              target != NULL ? _("Edit Account") : _("Add Account"));
  adw_window_title_set_subtitle (self->window_title,
                                 target != NULL ? nd_target_get_name (target) : NULL);
  adw_preferences_group_set_description (self->account_group,
                                         target != NULL
                                         ? _("Leave the application password empty to keep the one in the keyring.")
                                         : _("Create an application password for Newsdesk in WordPress, under Users → Profile. It is kept in the keyring."));

  update_ca_row (self);
  self->filling = FALSE;
}

/* Test Connection */

static void
connection_tested_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(NdAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *text = NULL;

  display_name = nd_wp_client_test_connection_finish (ND_WP_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->testing)
    return;

  set_busy (self, FALSE, self->saving);
  g_clear_object (&self->test_cancellable);

  if (display_name == NULL)
    {
      show_status (self, error->message, FALSE);
      return;
    }

  /* Translators: %s is the user's name as WordPress shows it */
  text = g_strdup_printf (_("Connected as %s"), display_name);
  show_status (self, text, TRUE);
}

static void
start_test (NdAccountEditor *self,
            const char      *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpClient) client = NULL;
  g_autofree char *url = nd_target_normalize_url (row_text (self->url_row), &error);
  NdRetryPolicy policy;

  g_assert (self->testing);

  if (url == NULL)
    {
      set_busy (self, FALSE, self->saving);
      show_status (self, error->message, FALSE);
      return;
    }

  client = nd_wp_client_new (url, row_text (self->user_row), password, self->ca_file);
  policy = *nd_wp_client_get_retry_policy (client);
  policy.max_attempts = 1;
  nd_wp_client_set_retry_policy (client, &policy);
  nd_wp_client_set_timeout_ms (client, TEST_TIMEOUT_MS);

  nd_wp_client_test_connection_async (client, self->test_cancellable,
                                      connection_tested_cb, g_object_ref (self));
}

static void
stored_password_looked_up_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(NdAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdPassword) password = nd_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->testing)
    return;

  if (password == NULL)
    {
      set_busy (self, FALSE, self->saving);
      if (g_error_matches (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND))
        show_status (self, _("The keyring has no password for this account: enter the application password"), FALSE);
      else
        show_status (self, error->message, FALSE);
      return;
    }

  start_test (self, password);
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *password = row_text (self->password_row);

  cancel_test (self);

  if ((url = nd_target_normalize_url (row_text (self->url_row), &error)) == NULL)
    {
      show_status (self, error->message, FALSE);
      return;
    }
  if (*row_text (self->user_row) == '\0')
    {
      show_status (self, _("Enter the user name to test the connection"), FALSE);
      return;
    }
  if (*password == '\0' && self->target == NULL)
    {
      show_status (self, _("Enter the application password to test the connection"), FALSE);
      return;
    }

  show_status (self, NULL, FALSE);
  self->test_cancellable = g_cancellable_new ();
  set_busy (self, TRUE, self->saving);

  /* An empty field means the saved password, as it does for Save. */
  if (*password == '\0')
    nd_credentials_lookup_async (self->target, self->test_cancellable,
                                 stored_password_looked_up_cb, g_object_ref (self));
  else
    start_test (self, password);
}

/* Save */

static void
stale_password_cleared_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nd_credentials_clear_finish (result, NULL, &error))
    g_warning ("Could not remove a password that is no longer used from the keyring: %s",
               error->message);
}

static void
save_failed (NdAccountEditor *self,
             const GError    *error)
{
  g_autofree char *text = NULL;

  /* Translators: %s is the precise reason, e.g. "No keyring is available: …" */
  text = g_strdup_printf (_("The account was not saved: %s"), error->message);
  g_clear_object (&self->save_cancellable);
  set_busy (self, self->testing, FALSE);
  show_status (self, text, FALSE);
}

/* The last step: the account in one transaction, after its password. */
static void
write_target (Save     *save,
              gboolean  password_stored)
{
  NdAccountEditor *self = save->self;
  NdTarget *candidate = save->candidate;
  g_autoptr(GError) error = NULL;
  gboolean moved = self->target == NULL || credentials_moved (self->target, candidate);
  gboolean ok;

  if (nd_target_get_store_id (candidate) == 0)
    ok = nd_store_add_target (self->store, candidate, &error);
  else
    ok = nd_store_update_target (self->store, candidate, &error);

  if (!ok)
    {
      /* Nothing of a failed save stays behind in the keyring. */
      if (password_stored && moved)
        nd_credentials_clear_async (candidate, NULL, stale_password_cleared_cb, NULL);
      save_failed (self, error);
      return;
    }

  if (self->target != NULL && moved)
    nd_credentials_clear_async (self->target, NULL, stale_password_cleared_cb, NULL);

  g_set_object (&self->target, candidate);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
  g_clear_object (&self->save_cancellable);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  self->filling = FALSE;
  set_busy (self, self->testing, FALSE);

  g_signal_emit (self, signals[SAVED], 0, candidate);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;

  if (!nd_credentials_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        save_failed (save->self, error);
      return;
    }

  write_target (save, TRUE);
}

static void
old_password_looked_up_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdPassword) password = nd_credentials_lookup_finish (result, &error);
  GCancellable *cancellable;
  NdTarget *candidate;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND))
    {
      /* There is nothing to move. */
      write_target (save, FALSE);
      return;
    }

  if (password == NULL)
    {
      save_failed (save->self, error);
      return;
    }

  candidate = save->candidate;
  cancellable = save->self->save_cancellable;
  nd_credentials_store_async (candidate, password, cancellable,
                              password_stored_cb, g_steal_pointer (&save));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(Save) save = NULL;
  const char *password = row_text (self->password_row);
  NdTarget *candidate;

  g_return_if_fail (self->store != NULL);

  if (self->saving)
    return;

  save = g_new0 (Save, 1);
  save->self = g_object_ref (self);
  save->candidate = build_candidate (self, &error);
  if (save->candidate == NULL)
    {
      self->name_touched = self->url_touched = self->user_touched = TRUE;
      update_state (self);
      return;
    }

  cancel_test (self);
  show_status (self, NULL, FALSE);
  self->save_cancellable = g_cancellable_new ();
  set_busy (self, FALSE, TRUE);

  /* The password first: if the keyring fails, nothing is saved. A new
   * name, URL or user files the password anew (the keyring keys it by
   * them); an empty field keeps the saved one. */
  candidate = save->candidate;
  if (*password != '\0')
    nd_credentials_store_async (candidate, password, self->save_cancellable,
                                password_stored_cb, g_steal_pointer (&save));
  else if (self->target != NULL && credentials_moved (self->target, candidate))
    nd_credentials_lookup_async (self->target, self->save_cancellable,
                                 old_password_looked_up_cb, g_steal_pointer (&save));
  else
    write_target (save, FALSE);
}

/* The certificate file */

static void
chooser_response_cb (NdAccountEditor      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          g_free (self->ca_file);
          self->ca_file = g_file_get_path (file);
          cancel_test (self);
          show_status (self, NULL, FALSE);
          update_ca_row (self);
          update_state (self);
        }
    }

  g_clear_object (&self->chooser);
}

static void
choose_ca_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (pem, _("PEM Certificates"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  gtk_file_filter_add_pattern (pem, "*.cer");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Certificate Authority"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pem);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_ca_file_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (widget);

  g_clear_pointer (&self->ca_file, g_free);
  cancel_test (self);
  show_status (self, NULL, FALSE);
  update_ca_row (self);
  update_state (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

/* Signal handlers */

static void
field_changed_cb (NdAccountEditor *self,
                  GtkEditable     *editable)
{
  if (self->filling)
    return;

  if (editable == GTK_EDITABLE (self->name_row))
    self->name_touched = TRUE;
  else if (editable == GTK_EDITABLE (self->url_row))
    self->url_touched = TRUE;
  else if (editable == GTK_EDITABLE (self->user_row))
    self->user_touched = TRUE;

  if (self->testing)
    cancel_test (self);
  if (!self->saving)
    show_status (self, NULL, FALSE);
  update_state (self);
}

static void
add_category_rows (NdAccountEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_kinds); i++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     nd_item_kind_to_display (category_kinds[i]));
      g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->categories_group, GTK_WIDGET (row));
      self->category_rows[i] = row;
    }
}

/* GObject */

static void
nd_account_editor_constructed (GObject *object)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (object);

  G_OBJECT_CLASS (nd_account_editor_parent_class)->constructed (object);

  fill_fields (self);
  update_state (self);
}

static void
nd_account_editor_dispose (GObject *object)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (object);

  /* The callbacks of what is running see the cancellation and touch
   * nothing of this widget. */
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->save_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ACCOUNT_EDITOR);
  memset (self->category_rows, 0, sizeof self->category_rows);

  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->target);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (nd_account_editor_parent_class)->dispose (object);
}

static void
nd_account_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_account_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdAccountEditor *self = ND_ACCOUNT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TARGET:
      self->target = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_account_editor_class_init (NdAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_account_editor_constructed;
  object_class->dispose = nd_account_editor_dispose;
  object_class->get_property = nd_account_editor_get_property;
  object_class->set_property = nd_account_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL,
                         ND_TYPE_TARGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdAccountEditor::saved:
   * @self: the editor
   * @target: the account as stored
   *
   * The account and its password are stored.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ND_TYPE_TARGET);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "accounteditor");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/newsdesk/Newsdesk/nd-account-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, account_group);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, box);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, ca_row);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, categories_group);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, user_row);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, validation_label);
  gtk_widget_class_bind_template_child (widget_class, NdAccountEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.test-connection", NULL,
                                   test_connection_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-ca-file", NULL,
                                   choose_ca_file_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-ca-file", NULL,
                                   clear_ca_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
}

static void
nd_account_editor_init (NdAccountEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_category_rows (self);
}

NdAccountEditor *
nd_account_editor_new (NdStore  *store,
                       NdTarget *target)
{
  g_return_val_if_fail (ND_IS_STORE (store), NULL);
  g_return_val_if_fail (target == NULL || ND_IS_TARGET (target), NULL);

  return g_object_new (ND_TYPE_ACCOUNT_EDITOR,
                       "store", store,
                       "target", target,
                       NULL);
}

NdTarget *
nd_account_editor_get_target (NdAccountEditor *self)
{
  g_return_val_if_fail (ND_IS_ACCOUNT_EDITOR (self), NULL);

  return self->target;
}

gboolean
nd_account_editor_get_busy (NdAccountEditor *self)
{
  g_return_val_if_fail (ND_IS_ACCOUNT_EDITOR (self), FALSE);

  return is_busy (self);
}
