/* nd-sidebar.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-item-list-model.h"

G_BEGIN_DECLS

#define ND_TYPE_SIDEBAR (nd_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (NdSidebar, nd_sidebar, ND, SIDEBAR, GtkWidget)

/* The filters of the item list: All, by status, by kind and the most used
 * tags, each with its count. Selecting a row sets the filter of "model";
 * the counts follow NdStore::item-changed (coalesced in an idle).
 *
 * Properties:
 *   "model"  NdItemListModel, nullable: the list it filters
 *   "title"  string, read-only: the name of the selected filter ("Drafts")
 *
 * Signals:
 *   NdSidebar::activated  the user clicked a row (or pressed Enter on it)
 */

GtkWidget       *nd_sidebar_new            (void);
NdItemListModel *nd_sidebar_get_model      (NdSidebar       *self);
void             nd_sidebar_set_model      (NdSidebar       *self,
                                            NdItemListModel *model);
const char      *nd_sidebar_get_title      (NdSidebar       *self);
/* TRUE when "All Items" is selected (the list is not filtered). */
gboolean         nd_sidebar_get_shows_all  (NdSidebar       *self);
void             nd_sidebar_select_all     (NdSidebar       *self);
/* Selects the row of that status / kind / tag (any spelling); FALSE if
 * there is no such row. */
gboolean         nd_sidebar_select_status  (NdSidebar       *self,
                                            NdItemStatus     status);
gboolean         nd_sidebar_select_kind    (NdSidebar       *self,
                                            NdItemKind       kind);
gboolean         nd_sidebar_select_tag     (NdSidebar       *self,
                                            const char      *tag);
/* The count shown on the selected row. */
guint            nd_sidebar_get_count      (NdSidebar       *self);
/* Re-reads the counts and tags now instead of in the next idle. */
void             nd_sidebar_refresh        (NdSidebar       *self);

G_END_DECLS
