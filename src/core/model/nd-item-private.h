/* nd-item-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-item.h"

G_BEGIN_DECLS

/* For the store, which reads tags as it wrote them: @names already
 * normalized, @keys their keys (nd_tag_key ()), both NULL-terminated and
 * of the same length, without duplicates. Skips the normalizing that
 * nd_item_set_tags () does for every tag, which would cost more than the
 * query when a page of the item list is read. */
void _nd_item_set_stored_tags (NdItem             *self,
                               const char * const *names,
                               const char * const *keys);

G_END_DECLS
