/* nd-image.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-enum-types.h"
#include "nd-kinds.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_IMAGE (nd_image_get_type ())

G_DECLARE_FINAL_TYPE (NdImage, nd_image, ND, IMAGE, GObject)

/* An image as used by an item: the file (bytes, SHA-256, MIME type, size,
 * dimensions) with its credit and descriptions, and the role it has in
 * the item. An image without bytes is a slot: the importer knows its
 * credit, alt text and caption, but the file is still to be attached.
 *
 * Properties (notify with G_PARAM_EXPLICIT_NOTIFY):
 *   "store-id"   gint64, the row in the store's images table (0: not stored)
 *   "role"       NdImageRole
 *   "data"       GBytes, nullable; set with nd_image_set_data()
 *   "sha256"     string, hex, NULL without data (read-only)
 *   "mime-type"  string, nullable
 *   "size"       guint64, the number of bytes (read-only)
 *   "width", "height"  guint, pixels, 0 when unknown
 *   "credit", "creator", "copyright", "license", "source",
 *   "alt-text", "caption": strings, never NULL ("" when unset)
 */

NdImage     *nd_image_new            (void);

gint64       nd_image_get_store_id   (NdImage     *self);
void         nd_image_set_store_id   (NdImage     *self,
                                      gint64       store_id);
NdImageRole  nd_image_get_role       (NdImage     *self);
void         nd_image_set_role       (NdImage     *self,
                                      NdImageRole  role);
gboolean     nd_image_has_data       (NdImage     *self);
/* (transfer none) (nullable) */
GBytes      *nd_image_get_data       (NdImage     *self);
/* Sets the bytes and computes "sha256" and "size". The MIME type and the
 * dimensions are the caller's (core does not decode images). */
void         nd_image_set_data       (NdImage     *self,
                                      GBytes      *data,
                                      const char  *mime_type,
                                      guint        width,
                                      guint        height);
/* For a store that loads metadata without the bytes. */
void         nd_image_set_file_info  (NdImage     *self,
                                      const char  *sha256,
                                      const char  *mime_type,
                                      guint64      size,
                                      guint        width,
                                      guint        height);
const char  *nd_image_get_sha256     (NdImage     *self);
const char  *nd_image_get_mime_type  (NdImage     *self);
guint64      nd_image_get_size       (NdImage     *self);
guint        nd_image_get_width      (NdImage     *self);
guint        nd_image_get_height     (NdImage     *self);

const char  *nd_image_get_credit     (NdImage     *self);
void         nd_image_set_credit     (NdImage     *self,
                                      const char  *credit);
const char  *nd_image_get_creator    (NdImage     *self);
void         nd_image_set_creator    (NdImage     *self,
                                      const char  *creator);
const char  *nd_image_get_copyright  (NdImage     *self);
void         nd_image_set_copyright  (NdImage     *self,
                                      const char  *copyright);
const char  *nd_image_get_license    (NdImage     *self);
void         nd_image_set_license    (NdImage     *self,
                                      const char  *license);
const char  *nd_image_get_source     (NdImage     *self);
void         nd_image_set_source     (NdImage     *self,
                                      const char  *source);
const char  *nd_image_get_alt_text   (NdImage     *self);
void         nd_image_set_alt_text   (NdImage     *self,
                                      const char  *alt_text);
const char  *nd_image_get_caption    (NdImage     *self);
void         nd_image_set_caption    (NdImage     *self,
                                      const char  *caption);

/* (transfer full) */
NdImage     *nd_image_copy           (NdImage     *self);

G_END_DECLS
