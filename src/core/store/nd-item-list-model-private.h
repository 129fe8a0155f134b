/* nd-item-list-model-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-item-list-model.h"

G_BEGIN_DECLS

/* The items are loaded in pages of this many. */
#define ND_ITEM_LIST_MODEL_PAGE_SIZE 25
/* A new search or filter reads this many handles at once (a search: its
 * ranked window, whatever the size) … */
#define ND_ITEM_LIST_MODEL_FIRST_CHUNK 1000
/* … and the rest this many at a time, in idles, after a pause of so many ms. */
#define ND_ITEM_LIST_MODEL_CHUNK 2000
#define ND_ITEM_LIST_MODEL_CHUNK_DELAY_MS 100
/* At most this many pages stay cached (least recently used goes first). */
#define ND_ITEM_LIST_MODEL_MAX_PAGES 16

/* For the tests: how many pages are cached now, and how many were read
 * from the store since the model was made. */
guint _nd_item_list_model_get_n_cached_pages (NdItemListModel *self);
/* For the tests: read in smaller chunks than ND_ITEM_LIST_MODEL_FIRST_CHUNK
 * and ND_ITEM_LIST_MODEL_CHUNK, from the next search or filter on. */
void  _nd_item_list_model_set_chunk_sizes    (NdItemListModel *self,
                                              guint            first_chunk,
                                              guint            chunk_size);
guint _nd_item_list_model_get_n_page_loads   (NdItemListModel *self);

G_END_DECLS
