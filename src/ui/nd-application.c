/* nd-application.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "nd-application.h"
#include "nd-outbox-runner.h"
#include "nd-preferences-window.h"
#include "nd-resources.h"
#include "nd-store.h"
#include "nd-window.h"

struct _NdApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *db_path;
  NdStore        *store;
  GError         *store_error;
  NdOutboxRunner *runner;
};

G_DEFINE_FINAL_TYPE (NdApplication, nd_application, ADW_TYPE_APPLICATION)

static void
open_store (NdApplication *self)
{
  g_autofree char *default_path = NULL;
  const char *path = self->db_path;

  if (self->store != NULL || self->store_error != NULL)
    return;

  if (path == NULL)
    path = default_path = nd_store_dup_default_path ();

  self->store = nd_store_open (path, &self->store_error);
  if (self->store == NULL)
    return;

  /* Jobs left from the last session (or queued on the command line) go
   * out in the background; the runner asks the keyring for passwords. */
  self->runner = nd_outbox_runner_new (self->store);
  nd_outbox_runner_start (self->runner);
}

static void
nd_application_activate (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);
  GtkWindow *window;

  open_store (self);

  /* One window: a second launch (single instance, over D-Bus) raises it. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (nd_window_new (self, self->store, self->store_error));

  gtk_window_present (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  NdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Newsdesk authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Newsdesk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         /* Translators: Replace "translator-credits" with your name/year */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Write, tag and publish news items"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  NdApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing (not just quitting) lets each window flush its editor and
   * remember its state; the application ends with its last window. A
   * window that cannot save asks first and stays. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  NdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  NdPreferencesWindow *preferences = nd_preferences_window_new (parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "quit", quit_activated },
};

static void
nd_application_startup (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (nd_application_parent_class)->startup (app);
  /* The editor's body is a GtkSourceView. */
  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  open_store (self);
}

static void
nd_application_shutdown (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);

  /* A job cut short is pending again and goes out next time. */
  if (self->runner != NULL)
    nd_outbox_runner_stop (self->runner);

  G_APPLICATION_CLASS (nd_application_parent_class)->shutdown (app);
  gtk_source_finalize ();
}

static void
nd_application_finalize (GObject *object)
{
  NdApplication *self = ND_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->runner);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (nd_application_parent_class)->finalize (object);
}

static void
nd_application_class_init (NdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = nd_application_finalize;
  app_class->activate = nd_application_activate;
  app_class->shutdown = nd_application_shutdown;
  app_class->startup = nd_application_startup;
}

static void
nd_application_init (NdApplication *self)
{
}

NdApplication *
nd_application_new (const char *db_path)
{
  NdApplication *self;

  nd_register_resource ();

  self = g_object_new (ND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/newsdesk/Newsdesk",
                       NULL);
  self->db_path = g_strdup (db_path);

  return self;
}

NdStore *
nd_application_get_store (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), NULL);

  return self->store;
}

NdOutboxRunner *
nd_application_get_outbox_runner (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), NULL);

  return self->runner;
}

int
nd_application_run (const char  *db_path,
                    int          argc,
                    char       **argv)
{
  g_autoptr(NdApplication) app = nd_application_new (db_path);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
