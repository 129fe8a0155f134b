/* nd-item-list-model.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-store.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ITEM_LIST_MODEL (nd_item_list_model_get_type ())

G_DECLARE_FINAL_TYPE (NdItemListModel, nd_item_list_model, ND, ITEM_LIST_MODEL, GObject)

/* A GListModel of NdItem summaries (no body, no images) over the store,
 * for a GtkListView of 100,000 items: it holds only the ordered handles
 * (nd_store_list_handles()) and loads items in pages of 25 when
 * get_item() asks for them, keeping a few pages cached (Sysprof's lazy
 * model technique). It never reads all rows.
 *
 * It follows NdStore::item-changed: a modified item that keeps its place
 * is updated in place (the same NdItem object gets the new values, so
 * rows bound to its properties follow) and emits items-changed for that
 * position only; added, removed or moved items emit items-changed for
 * the smallest range that differs.
 *
 * Properties: "store" (construct-only), "search" (string, nullable:
 * NULL or "" lists by filter, anything else is a full-text search, best
 * match first), "n-items" (read-only), "loading" (read-only: TRUE while
 * the rest of a long list or search is read, in idles of the thread-default
 * main context; the first items are there at once). */

NdItemListModel *nd_item_list_model_new        (NdStore             *store);
NdStore         *nd_item_list_model_get_store  (NdItemListModel     *self);
/* Copies @filter (its tag string too); offset and limit are ignored. */
void             nd_item_list_model_set_filter (NdItemListModel     *self,
                                                const NdStoreFilter *filter);
const char      *nd_item_list_model_get_search (NdItemListModel     *self);
void             nd_item_list_model_set_search (NdItemListModel     *self,
                                                const char          *search);
gboolean         nd_item_list_model_get_loading (NdItemListModel    *self);
/* A new search or filter shows its first @n_rows at once (the rows a view
 * has on screen: 0, the default, means no limit) and the rest once the
 * query has not changed for ND_ITEM_LIST_MODEL_CHUNK_DELAY_MS (100 ms): a
 * view makes no rows that nobody sees while a search is being typed. */
void             nd_item_list_model_set_first_rows (NdItemListModel *self,
                                                    guint            n_rows);
/* The items of the list, also those still waiting behind its first rows
 * (what a count shown to the user should say). */
guint            nd_item_list_model_get_n_listed   (NdItemListModel *self);
/* The position of the item with @id, or G_MAXUINT. Does not load pages. */
guint            nd_item_list_model_find       (NdItemListModel     *self,
                                                const char          *id);
/* Re-reads the handles (after changes made by another connection). */
void             nd_item_list_model_reload     (NdItemListModel     *self);

G_END_DECLS
