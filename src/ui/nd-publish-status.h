/* nd-publish-status.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_PUBLISH_STATUS (nd_publish_status_get_type ())

G_DECLARE_FINAL_TYPE (NdPublishStatus, nd_publish_status, ND, PUBLISH_STATUS, GtkWidget)

/* One quiet line above the editor about the item on the CMS: "Published
 * 14.05.2024 on Website", "Scheduled for …", "Withdrawn", with "Changed
 * since publication" when the item was edited after it was last sent,
 * and "Open in Browser". Hidden for an item never sent. It follows the
 * store's "item-changed" for its item.
 *
 * Properties:
 *   "store"    NdStore, construct-only
 *   "item-id"  string, nullable */

NdPublishStatus *nd_publish_status_new         (NdStore         *store);
void             nd_publish_status_set_item_id (NdPublishStatus *self,
                                                const char      *item_id);
/* Reads the item's state on its CMS again. */
void             nd_publish_status_refresh     (NdPublishStatus *self);
/* What the line says, or NULL when hidden. */
const char      *nd_publish_status_get_text    (NdPublishStatus *self);
gboolean         nd_publish_status_get_changed (NdPublishStatus *self);
/* The target the line is about, and the post's link (nullable). */
const char      *nd_publish_status_get_target  (NdPublishStatus *self);
const char      *nd_publish_status_get_url     (NdPublishStatus *self);

G_END_DECLS
