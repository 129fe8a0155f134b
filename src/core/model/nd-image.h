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

/* The text fields of an image, as flags: which of them came from the
 * file's own metadata (see nd-image-file.h). */
typedef enum
{
  ND_IMAGE_FIELD_NONE      = 0,
  ND_IMAGE_FIELD_CREDIT    = 1 << 0,
  ND_IMAGE_FIELD_CREATOR   = 1 << 1,
  ND_IMAGE_FIELD_COPYRIGHT = 1 << 2,
  ND_IMAGE_FIELD_LICENSE   = 1 << 3,
  ND_IMAGE_FIELD_SOURCE    = 1 << 4,
  ND_IMAGE_FIELD_ALT_TEXT  = 1 << 5,
  ND_IMAGE_FIELD_CAPTION   = 1 << 6,
} NdImageFields;

#define ND_IMAGE_FIELD_ALL ((NdImageFields) 0x7f)

#define ND_TYPE_IMAGE_FIELDS (nd_image_fields_get_type ())

GType        nd_image_fields_get_type (void);

/* The scheme of an inline image in an item's body: CommonMark
 * ![alt text](newsdesk:image/SHA256-PREFIX), where the prefix (at least
 * ND_IMAGE_REFERENCE_MIN_PREFIX hex digits) names one of the item's
 * images by the SHA-256 of its file. See nd_render_body(). */
#define ND_IMAGE_REFERENCE_SCHEME "newsdesk:image/"
#define ND_IMAGE_REFERENCE_MIN_PREFIX 6

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
 *   "from-file"  NdImageFields: the text fields whose value was taken
 *                from the file's metadata. Setting one of those fields to
 *                another value clears its flag, so the flags always say
 *                where the value shown now came from.
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

NdImageFields nd_image_get_from_file (NdImage     *self);
void         nd_image_set_from_file  (NdImage     *self,
                                      NdImageFields fields);
/* The value of one text field (exactly one flag of @field). */
const char  *nd_image_get_field      (NdImage     *self,
                                      NdImageFields field);
void         nd_image_set_field      (NdImage     *self,
                                      NdImageFields field,
                                      const char  *value);
/* Empties each of @fields: what is left is the file, e.g. a library
 * image to be placed in an item, whose fields are then filled by
 * nd_store_place_image () as for any new use. */
void         nd_image_clear_fields   (NdImage       *self,
                                      NdImageFields  fields);
/* The stable key of one field: "credit", "creator", "copyright",
 * "license", "source", "alt", "caption" (as in the JSON output). */
const char  *nd_image_field_to_key   (NdImageFields field);

/* The credit as shown under the image: "© VDI/VDE-IT"; a credit that
 * opens with its own prefix ("Foto: …") stays as it is. NULL when the
 * credit is empty. (transfer full) (nullable) */
char        *nd_image_dup_credit_line (NdImage    *self);

/* "newsdesk:image/" and the first 12 hex digits of the file's SHA-256,
 * for the body; NULL for a slot. (transfer full) (nullable) */
char        *nd_image_dup_reference  (NdImage     *self);
/* TRUE when @url is a reference (see ND_IMAGE_REFERENCE_SCHEME) that fits
 * this image's file. */
gboolean     nd_image_matches_reference (NdImage  *self,
                                         const char *url);

G_END_DECLS
