/* nd-image-library.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_IMAGE_LIBRARY (nd_image_library_get_type ())

G_DECLARE_FINAL_TYPE (NdImageLibrary, nd_image_library, ND, IMAGE_LIBRARY, AdwWindow)

/* The image library: a modal window that lists every image file in the
 * store (nd_store_list_images()) with its thumbnail, credit, caption,
 * creator and use count, searched as the user types. Choosing one loads
 * it with its bytes, emits "image-chosen" and closes the window; the
 * window never changes an item or the store.
 *
 * Properties:
 *   "store"  NdStore, construct-only
 *
 * Signals:
 *   "image-chosen" (NdImage *image)  the image with its bytes and the
 *                  library's default credit and file fields (as
 *                  nd_store_load_image_by_id () gives it); the new use's
 *                  fields are filled by nd_store_place_image ()
 */

NdImageLibrary *nd_image_library_new       (NdStore        *store,
                                            GtkWindow      *parent);
/* (transfer none) */
NdStore        *nd_image_library_get_store (NdImageLibrary *self);
/* The number of images listed now (for tests and the empty state). */
guint           nd_image_library_get_n_images (NdImageLibrary *self);

G_END_DECLS
