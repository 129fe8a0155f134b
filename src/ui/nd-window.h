/* nd-window.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-application.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_WINDOW (nd_window_get_type ())

G_DECLARE_FINAL_TYPE (NdWindow, nd_window, ND, WINDOW, AdwApplicationWindow)

/* @store may be NULL, then @store_error says why it could not be opened
 * and the window shows that instead of the items. */
NdWindow *nd_window_new          (NdApplication  *application,
                                  NdStore        *store,
                                  const GError   *store_error);

/* Imports @files (plain-text items or JSON exports) one by one with
 * nd_import_file(), selects the first new item and shows one toast that
 * sums up what went in and which files were refused and why. Used by the
 * Import… dialog and by drag-and-drop. Returns that toast (transfer none),
 * or NULL when @n_files is 0 or the window has no store. */
AdwToast *nd_window_import_files (NdWindow       *self,
                                  GFile         **files,
                                  guint           n_files);

G_END_DECLS
