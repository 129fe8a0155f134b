/* nd-remote-item.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where an item is published: what the store knows of it on one target
 * (the store keeps it with the outbox, nd-store-outbox.h; the JSON of
 * `show --json` prints it). */
typedef struct
{
  char      *remote_id;           /* the post's id on the CMS */
  char      *url;                 /* (nullable) its link */
  char      *status;              /* (nullable) "publish", "future", "draft" */
  char      *remote_modified;     /* (nullable) the CMS's modified_gmt at our last write */
  guint      published_revision;  /* the item's revision last sent */
  GDateTime *published;           /* (nullable) when we last wrote it */
  char      *digest;              /* (nullable) the post's fields as the CMS
                                   * held them after our last write (see
                                   * nd_wp_post_digest()); NULL in rows
                                   * written before schema 4 */
  char      *target;              /* (nullable) the target's name; filled in
                                   * when read, ignored when written */
} NdRemoteItem;

void nd_remote_item_clear (NdRemoteItem *remote);
void nd_remote_item_free  (NdRemoteItem *remote);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NdRemoteItem, nd_remote_item_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdRemoteItem, nd_remote_item_free)

G_END_DECLS
