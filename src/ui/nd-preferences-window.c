/* nd-preferences-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-accounts-page.h"
#include "nd-application.h"
#include "nd-preferences-window.h"
#include "nd-text-guard.h"

struct _NdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template Widgets */
  NdAccountsPage       *accounts_page;
  AdwEntryRow          *author_row;
  AdwComboRow          *language_row;

  /* Owned References */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (NdPreferencesWindow, nd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of the language combo, in order, and the setting of each. */
static const char * const language_values[] = { "", "de", "en" };

static gboolean
language_to_row (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_values); i++)
    {
      if (g_strcmp0 (language, language_values[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
row_to_language (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (language_values))
    position = 0;

  return g_variant_new_string (language_values[position]);
}

static void
bind_settings (NdPreferencesWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Uninstalled and without GSETTINGS_SCHEMA_DIR there is nothing to keep
   * the choices in; the rows are then shown but insensitive. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->author_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_bind (self->settings, "default-author", self->author_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_to_row, row_to_language,
                                NULL, NULL);
}

static void
nd_preferences_window_dispose (GObject *object)
{
  NdPreferencesWindow *self = ND_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nd_preferences_window_parent_class)->dispose (object);
}

static void
nd_preferences_window_class_init (NdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_preferences_window_dispose;

  g_type_ensure (ND_TYPE_ACCOUNTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/newsdesk/Newsdesk/nd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, NdPreferencesWindow, language_row);
}

static void
nd_preferences_window_init (NdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The default author becomes every new item's author. */
  nd_text_guard_editable (GTK_EDITABLE (self->author_row), ND_FIELD_AUTHOR);
  bind_settings (self);
}

NdPreferencesWindow *
nd_preferences_window_new (GtkWindow *parent)
{
  NdPreferencesWindow *self;
  GtkApplication *application;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (ND_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);

  /* The accounts are those of the database the application has open. */
  application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  if (ND_IS_APPLICATION (application))
    nd_preferences_window_set_store (self, nd_application_get_store (ND_APPLICATION (application)));

  return self;
}

void
nd_preferences_window_set_store (NdPreferencesWindow *self,
                                 NdStore             *store)
{
  g_return_if_fail (ND_IS_PREFERENCES_WINDOW (self));

  nd_accounts_page_set_store (self->accounts_page, store);
}

NdAccountsPage *
nd_preferences_window_get_accounts_page (NdPreferencesWindow *self)
{
  g_return_val_if_fail (ND_IS_PREFERENCES_WINDOW (self), NULL);

  return self->accounts_page;
}
