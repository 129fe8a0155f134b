/* nd-thumbnails.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_THUMBNAILS (nd_thumbnails_get_type ())

G_DECLARE_FINAL_TYPE (NdThumbnails, nd_thumbnails, ND, THUMBNAILS, GObject)

/* Small pictures of the store's images, by SHA-256, for the item list and
 * the image library: each cut to cover width × height (from the middle,
 * twice the pixels for screens that scale by 2). nd_thumbnails_lookup()
 * gives a cached texture at once or starts loading one: the bytes are
 * read from the store in an idle, one image at a time, decoded and scaled
 * in a worker thread, and ::ready is emitted with the SHA-256 when the
 * texture is there. At most ND_THUMBNAILS_MAX_CACHED are kept, the least
 * recently looked up go first. An image that cannot be decoded is not
 * tried again. */

#define ND_THUMBNAILS_MAX_CACHED 200

NdThumbnails *nd_thumbnails_new      (NdStore      *store,
                                      int           width,
                                      int           height);
/* (transfer none) (nullable) */
GdkTexture   *nd_thumbnails_lookup   (NdThumbnails *self,
                                      const char   *sha256,
                                      gint64        store_id);

/* A picture of exactly @width × @height pixels that covers the box, cut
 * from the middle of the image in @bytes, scaled while decoding (so a
 * large photo never lives in memory whole). For worker threads: it
 * touches nothing shared. (transfer full) */
GdkPixbuf    *nd_thumbnail_decode_cover (GBytes       *bytes,
                                         int           width,
                                         int           height,
                                         GError      **error);

G_END_DECLS
