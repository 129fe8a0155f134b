/* nd-preferences-window.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-accounts-page.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_PREFERENCES_WINDOW (nd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (NdPreferencesWindow, nd_preferences_window, ND, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The preferences: what a new item starts with (author, language), and
 * the CMS accounts of the store. Changes apply at once (GSettings, the
 * store), as GNOME preferences do. @parent may be NULL; when it belongs
 * to an NdApplication, the accounts are those of its store. */
NdPreferencesWindow *nd_preferences_window_new               (GtkWindow           *parent);

/* The store whose accounts are shown; NULL shows none. */
void                 nd_preferences_window_set_store         (NdPreferencesWindow *self,
                                                              NdStore             *store);
/* (transfer none) */
NdAccountsPage      *nd_preferences_window_get_accounts_page (NdPreferencesWindow *self);

G_END_DECLS
