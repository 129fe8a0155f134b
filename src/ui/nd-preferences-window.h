/* nd-preferences-window.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ND_TYPE_PREFERENCES_WINDOW (nd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (NdPreferencesWindow, nd_preferences_window, ND, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The preferences: what a new item starts with (author, language). The
 * CMS accounts join them with publishing. Changes apply at once
 * (GSettings), as GNOME preferences do. @parent may be NULL. */
NdPreferencesWindow *nd_preferences_window_new (GtkWindow *parent);

G_END_DECLS
