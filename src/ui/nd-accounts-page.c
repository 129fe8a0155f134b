/* nd-accounts-page.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-account-editor.h"
#include "nd-accounts-page.h"
#include "nd-credentials.h"
#include "nd-store.h"
#include "nd-target.h"

struct _NdAccountsPage
{
  AdwPreferencesPage  parent_instance;

  /* Template Widgets */
  GtkListBox         *list_box;

  /* Owned References */
  NdStore            *store;
  GCancellable       *cancellable;  /* the keyring checks of the rows */
  GPtrArray          *removals;     /* (element-type Removal): waiting for their toast */

  /* Borrowed References */
  AdwToast           *last_toast;   /* weak pointer */
};

G_DEFINE_FINAL_TYPE (NdAccountsPage, nd_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A removal waits for its toast: Undo keeps the account as it was, with
 * what the store knows of it on the CMS (remote ids, outbox jobs), which
 * removing it from the store would drop. Shared by the page and the
 * toast's handlers (a GRcBox). */
typedef struct
{
  NdStore  *store;
  NdTarget *target;
  GWeakRef  page;
  GWeakRef  toast;
  gboolean  done;  /* carried out or undone */
} Removal;

static void refresh (NdAccountsPage *self);

static void
removal_clear (Removal *removal)
{
  g_clear_object (&removal->store);
  g_clear_object (&removal->target);
  g_weak_ref_clear (&removal->page);
  g_weak_ref_clear (&removal->toast);
}

static void
removal_release (gpointer removal)
{
  g_rc_box_release_full (removal, (GDestroyNotify) removal_clear);
}

static void
removal_release_closure (gpointer  removal,
                         GClosure *closure)
{
  removal_release (removal);
}

/* Helpers */

static gboolean
is_pending (NdAccountsPage *self,
            const char     *name)
{
  for (guint i = 0; i < self->removals->len; i++)
    {
      Removal *removal = g_ptr_array_index (self->removals, i);

      if (g_strcmp0 (nd_target_get_name (removal->target), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
password_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nd_credentials_clear_finish (result, NULL, &error))
    g_warning ("Could not remove the password of a removed account from the keyring: %s",
               error->message);
}

/* Removes the account from the store, then its password from the
 * keyring. @page (nullable) is shown without it. */
static void
removal_carry_out (Removal        *removal,
                   NdAccountsPage *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = g_weak_ref_get (&removal->toast);

  if (removal->done)
    return;
  removal->done = TRUE;

  if (!nd_store_remove_target (removal->store, nd_target_get_name (removal->target), &error)
      && !g_error_matches (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not remove the account “%s”: %s",
               nd_target_get_name (removal->target), error->message);
  else
    nd_credentials_clear_async (removal->target, NULL, password_cleared_cb, NULL);

  if (page != NULL)
    {
      g_ptr_array_remove (page->removals, removal);
      refresh (page);
    }

  /* An Undo that could do nothing any more is not offered. */
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    Removal  *removal)
{
  g_autoptr(NdAccountsPage) page = g_weak_ref_get (&removal->page);

  removal_carry_out (removal, page);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Removal  *removal)
{
  g_autoptr(NdAccountsPage) page = g_weak_ref_get (&removal->page);

  if (removal->done)
    return;
  removal->done = TRUE;

  if (page != NULL)
    {
      g_ptr_array_remove (page->removals, removal);
      refresh (page);
    }
}

/* While disposing, the page is not touched any more. */
static void
carry_out_removals (NdAccountsPage *self,
                    gboolean        disposing)
{
  g_autoptr(GPtrArray) removals = g_ptr_array_copy (self->removals, (GCopyFunc) g_rc_box_acquire, NULL);

  g_ptr_array_set_free_func (removals, removal_release);
  for (guint i = 0; i < removals->len; i++)
    removal_carry_out (g_ptr_array_index (removals, i), disposing ? NULL : self);

  if (disposing)
    g_ptr_array_set_size (self->removals, 0);
}

/* The rows */

static void
set_row_subtitle (AdwActionRow *row,
                  NdTarget     *target,
                  const char   *problem)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *text = NULL;

  /* Translators: "USER on https://SITE" */
  subtitle = g_strdup_printf (_("%s on %s"), nd_target_get_user (target), nd_target_get_url (target));
  if (problem != NULL)
    text = g_strdup_printf ("%s\n%s", subtitle, problem);

  adw_action_row_set_subtitle (row, text != NULL ? text : subtitle);
}

static void
check_password_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  NdTarget *target = g_object_get_data (G_OBJECT (task), "nd-target");
  GError *error = NULL;
  gboolean has_password = FALSE;

  g_assert (ND_IS_TARGET (target));

  if (!nd_credentials_has_password_sync (target, &has_password, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, has_password);
}

static void
password_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) row = g_weak_ref_get (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  gboolean has_password = g_task_propagate_boolean (G_TASK (result), &error);
  NdTarget *target;
  GtkWidget *warning;

  if (row == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (has_password)
    return;

  target = g_object_get_data (G_OBJECT (row), "nd-target");
  warning = g_object_get_data (G_OBJECT (row), "nd-warning");
  set_row_subtitle (ADW_ACTION_ROW (row), target,
                    error != NULL ? error->message : _("No password in the keyring"));
  gtk_widget_set_tooltip_text (warning, _("Publishing needs the password: edit the account to enter it"));
  gtk_widget_set_visible (warning, TRUE);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Asks the keyring in a thread: its D-Bus calls may take a while. The
 * task holds no widget, since it may be freed in that thread. */
static void
check_password (NdAccountsPage *self,
                GtkWidget      *row,
                NdTarget       *target)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, password_checked_cb, NULL);
  GWeakRef *weak_row = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak_row, row);
  g_task_set_source_tag (task, check_password);
  g_task_set_task_data (task, weak_row, weak_ref_free);
  g_object_set_data_full (G_OBJECT (task), "nd-target", g_object_ref (target), g_object_unref);
  g_task_run_in_thread (task, check_password_thread);
}

static GtkWidget *
create_row (NdAccountsPage *self,
            NdTarget       *target)
{
  const char *name = nd_target_get_name (target);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  set_row_subtitle (ADW_ACTION_ROW (row), target, NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_visible (warning, FALSE);
  gtk_widget_add_css_class (warning, "warning");

  /* Translators: the accessible name of an account's remove button */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "accounts.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", name);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "nd-target", g_object_ref (target), g_object_unref);
  g_object_set_data (G_OBJECT (row), "nd-warning", warning);
  check_password (self, row, target);

  return row;
}

static void
refresh (NdAccountsPage *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));

  if (self->store == NULL)
    return;

  targets = nd_store_list_targets (self->store, &error);
  if (targets == NULL)
    {
      g_warning ("Could not list the accounts: %s", error->message);
      return;
    }
  g_ptr_array_set_free_func (targets, g_object_unref);

  for (guint i = 0; i < targets->len; i++)
    {
      NdTarget *target = g_ptr_array_index (targets, i);

      if (!is_pending (self, nd_target_get_name (target)))
        gtk_list_box_append (self->list_box, create_row (self, target));
    }
}

static void
add_toast (NdAccountsPage *self,
           AdwToast       *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), g_object_ref (toast));
}

/* Editing */

static void
editor_saved_cb (NdAccountsPage  *self,
                 NdTarget        *target,
                 NdAccountEditor *editor)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_WINDOW);
  g_autofree char *title = NULL;
  g_autoptr(AdwToast) toast = NULL;

  refresh (self);

  /* Translators: %s is the name of a CMS account */
  title = g_strdup_printf (_("“%s” saved"), nd_target_get_name (target));
  toast = adw_toast_new (title);
  add_toast (self, toast);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
present_editor (NdAccountsPage *self,
                NdTarget       *target)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  NdAccountEditor *editor;

  g_return_if_fail (window != NULL);

  editor = nd_account_editor_new (self->store, target);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (window), GTK_WIDGET (editor));
  gtk_widget_grab_focus (GTK_WIDGET (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (widget);

  g_return_if_fail (self->store != NULL);

  /* A removed account's name may be wanted again right away. */
  carry_out_removals (self, FALSE);
  present_editor (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (widget);
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL);

  target = nd_store_lookup_target (self->store, g_variant_get_string (parameter, NULL), &error);
  if (target == NULL)
    {
      g_warning ("Could not open the account: %s", error->message);
      refresh (self);
      return;
    }

  present_editor (self, target);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *title = NULL;
  Removal *removal;

  g_return_if_fail (self->store != NULL);

  if (is_pending (self, name))
    return;

  target = nd_store_lookup_target (self->store, name, &error);
  if (target == NULL)
    {
      g_warning ("Could not remove the account: %s", error->message);
      refresh (self);
      return;
    }

  /* Translators: %s is the name of a CMS account */
  title = g_strdup_printf (_("“%s” removed"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));

  removal = g_rc_box_new0 (Removal);
  removal->store = g_object_ref (self->store);
  removal->target = g_steal_pointer (&target);
  g_weak_ref_init (&removal->page, self);
  g_weak_ref_init (&removal->toast, toast);
  g_ptr_array_add (self->removals, removal);

  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                         g_rc_box_acquire (removal), removal_release_closure, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                         g_rc_box_acquire (removal), removal_release_closure, 0);
  g_set_weak_pointer (&self->last_toast, toast);

  refresh (self);
  add_toast (self, toast);
}

static void
row_activated_cb (NdAccountsPage *self,
                  GtkListBoxRow  *row)
{
  NdTarget *target = g_object_get_data (G_OBJECT (row), "nd-target");

  g_return_if_fail (target != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "accounts.edit", "s", nd_target_get_name (target));
}

/* GObject */

static void
nd_accounts_page_dispose (GObject *object)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (object);

  /* Closing the preferences is no Undo. */
  if (self->removals != NULL)
    carry_out_removals (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ACCOUNTS_PAGE);

  g_clear_weak_pointer (&self->last_toast);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->removals, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_accounts_page_parent_class)->dispose (object);
}

static void
nd_accounts_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_accounts_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NdAccountsPage *self = ND_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      nd_accounts_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_accounts_page_class_init (NdAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_accounts_page_dispose;
  object_class->get_property = nd_accounts_page_get_property;
  object_class->set_property = nd_accounts_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/newsdesk/Newsdesk/nd-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NdAccountsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "s", remove_action);
}

static void
nd_accounts_page_init (NdAccountsPage *self)
{
  self->removals = g_ptr_array_new_with_free_func (removal_release);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", FALSE);
}

NdAccountsPage *
nd_accounts_page_new (void)
{
  return g_object_new (ND_TYPE_ACCOUNTS_PAGE, NULL);
}

NdStore *
nd_accounts_page_get_store (NdAccountsPage *self)
{
  g_return_val_if_fail (ND_IS_ACCOUNTS_PAGE (self), NULL);

  return self->store;
}

void
nd_accounts_page_set_store (NdAccountsPage *self,
                            NdStore        *store)
{
  g_return_if_fail (ND_IS_ACCOUNTS_PAGE (self));
  g_return_if_fail (store == NULL || ND_IS_STORE (store));

  if (self->store == store)
    return;

  /* Pending removals belong to the store they were made in. */
  carry_out_removals (self, FALSE);
  g_set_object (&self->store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", store != NULL);
  refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AdwToast *
_nd_accounts_page_get_last_toast (NdAccountsPage *self)
{
  g_return_val_if_fail (ND_IS_ACCOUNTS_PAGE (self), NULL);

  return self->last_toast;
}
