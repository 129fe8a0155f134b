/* nd-item-row.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ITEM_ROW (nd_item_row_get_type ())

G_DECLARE_FINAL_TYPE (NdItemRow, nd_item_row, ND, ITEM_ROW, GtkWidget)

/* One row of the item list: title, "kind · status · date" and the tags,
 * drawn by the row itself (see nd-item-row.c for why). It follows the
 * item's notify signals, so an autosaved title shows at once. Property:
 * "item" (NdItem, nullable). */

GtkWidget *nd_item_row_new      (void);
NdItem    *nd_item_row_get_item (NdItemRow *self);
void       nd_item_row_set_item (NdItemRow *self,
                                 NdItem    *item);
/* The lines the row shows, joined by newlines (its accessible label).
 * (transfer full) */
char      *nd_item_row_dup_text (NdItemRow *self);

G_END_DECLS
