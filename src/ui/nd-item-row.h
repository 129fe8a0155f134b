/* nd-item-row.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-thumbnails.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ITEM_ROW (nd_item_row_get_type ())

G_DECLARE_FINAL_TYPE (NdItemRow, nd_item_row, ND, ITEM_ROW, GtkWidget)

/* One row of the item list: title, "kind · status · date", the tags and
 * the lead image's thumbnail (from @thumbnails, if not NULL), drawn by
 * the row itself (see nd-item-row.c for why). It follows the item's
 * notify signals, so an autosaved title shows at once. Property: "item"
 * (NdItem, nullable). */

GtkWidget *nd_item_row_new      (NdThumbnails *thumbnails);
NdItem    *nd_item_row_get_item (NdItemRow *self);
void       nd_item_row_set_item (NdItemRow *self,
                                 NdItem    *item);
/* The lines the row shows, joined by newlines (its accessible label).
 * (transfer full) */
char      *nd_item_row_dup_text (NdItemRow *self);
/* Whether the thumbnail is there to draw (it loads in the background). */
gboolean   nd_item_row_has_thumbnail (NdItemRow *self);

G_END_DECLS
