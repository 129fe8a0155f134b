/* nd-image-file.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-image.h"
#include "nd-types.h"

G_BEGIN_DECLS

/* Image files: reading and checking them (JPEG, PNG, WebP and GIF, decoded
 * in full with gdk-pixbuf, so a truncated file is refused), their IPTC and
 * XMP metadata (gexiv2), and putting an image into an item.
 *
 * Threads: nd_image_file_load(), nd_image_file_load_bytes(),
 * nd_image_metadata_read() and nd_image_file_dup_with_metadata() share no
 * state and may run in a worker thread (a GTask thread in the UI) on an
 * NdImage that no other thread touches meanwhile; nd_image_file_attach()
 * changes the item and belongs on the thread that owns it. Nothing here
 * touches the store. */

#define ND_IMAGE_FILE_ERROR (nd_image_file_error_quark ())

/* Every message names the file and is translated, one line. */
typedef enum
{
  ND_IMAGE_FILE_ERROR_READ,         /* the file cannot be read */
  ND_IMAGE_FILE_ERROR_TOO_LARGE,    /* over ND_IMAGE_FILE_MAX_SIZE bytes or MAX_PIXELS */
  ND_IMAGE_FILE_ERROR_UNSUPPORTED,  /* not a JPEG, PNG, WebP or GIF image */
  ND_IMAGE_FILE_ERROR_DAMAGED,      /* truncated, or does not decode */
  ND_IMAGE_FILE_ERROR_WRITE,        /* the metadata cannot be written */
} NdImageFileError;

/* 50 MB (as g_format_size() counts them, so that messages say "50.0 MB"):
 * far above any photo a web page needs, and the whole file is held in
 * memory and in the database. Checked before the file is read. */
#define ND_IMAGE_FILE_MAX_SIZE (50 * 1000 * 1000)
/* A small file may unpack into a huge picture (a 30000 × 30000 PNG of
 * zeros is 874 KB); 100 megapixels is above any camera's and still
 * decodes in a few hundred MB. Checked from the header before decoding,
 * wherever an image is decoded (attaching, thumbnails). */
#define ND_IMAGE_FILE_MAX_PIXELS (100 * 1000 * 1000)

GQuark         nd_image_file_error_quark    (void);

/* Reads @file, checks its size before reading it, decodes it in full, and
 * returns an image (role inline) with its bytes, MIME type and dimensions;
 * the text fields stay empty (see nd_image_file_fill_metadata()).
 * (transfer full) */
NdImage       *nd_image_file_load           (GFile          *file,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* The same for bytes, e.g. pasted from the clipboard; @name (e.g. the
 * file name, or "pasted image") names them in messages. (transfer full) */
NdImage       *nd_image_file_load_bytes     (GBytes         *bytes,
                                             const char     *name,
                                             GError        **error);

/* The picture's size as its header says, without decoding it: the
 * loader (for @mime_type, or guessed when NULL) is given the bytes in
 * small steps and stopped as soon as it knows the size. FALSE when the
 * header gives none (the bytes are then no image or damaged). */
gboolean       nd_image_file_peek_size      (GBytes         *bytes,
                                             const char     *mime_type,
                                             int            *width,
                                             int            *height);
/* Whether a picture of @width × @height pixels may be decoded (at most
 * ND_IMAGE_FILE_MAX_PIXELS); else ND_IMAGE_FILE_ERROR_TOO_LARGE with a
 * message that names @name, the size and the limit. */
gboolean       nd_image_file_check_size     (int             width,
                                             int             height,
                                             const char     *name,
                                             GError        **error);

/* The MIME type of the formats we take ("image/jpeg", …) from the first
 * bytes, or NULL. */
const char    *nd_image_file_sniff_mime     (const guint8   *data,
                                             gsize           length);
/* "jpg", "png", "webp", "gif"; "bin" for anything else. */
const char    *nd_image_file_extension      (const char     *mime_type);

/* What a file's metadata says, each field "" when it says nothing:
 *   credit     XMP photoshop:Credit, else IIM 2:110 Credit Line
 *   creator    XMP dc:creator (several joined by ", "), else IIM 2:80 By-line
 *   copyright  XMP dc:rights, else IIM 2:116 Copyright Notice
 *   license    XMP xmpRights:UsageTerms (IIM has no such field)
 *   source     XMP photoshop:Source, else IIM 2:115 Source
 *   alt_text   XMP Iptc4xmpCore:AltTextAccessibility (XMP only)
 *   caption    XMP dc:description, else IIM 2:120 Caption/Abstract
 * XMP is preferred because it is UTF-8 by definition; IIM text is read as
 * UTF-8 when it says so or is valid UTF-8, else as ISO 8859-1. */
struct _NdImageMetadata
{
  char *credit;
  char *creator;
  char *copyright;
  char *license;
  char *source;
  char *alt_text;
  char *caption;
};

/* Never NULL: a file without metadata (or that exiv2 cannot parse) gives
 * all fields empty. (transfer full) */
NdImageMetadata *nd_image_metadata_read     (GBytes         *bytes);
void           nd_image_metadata_free       (NdImageMetadata *metadata);
/* The value of one field (exactly one flag). (transfer none) */
const char    *nd_image_metadata_get        (const NdImageMetadata *metadata,
                                             NdImageFields   field);
/* Sets the fields of @image that are empty (only whitespace) from
 * @metadata, marks them in "from-file", and returns those it set. */
NdImageFields  nd_image_metadata_fill       (const NdImageMetadata *metadata,
                                             NdImage        *image);
/* The non-empty fields of @image whose value is the one in @metadata:
 * how a loaded image finds out again which of its fields came from its
 * file (the store keeps the file, so this needs no column of its own).
 * Also sets "from-file" to that. */
NdImageFields  nd_image_metadata_match      (const NdImageMetadata *metadata,
                                             NdImage        *image);

/* nd_image_metadata_fill() with the metadata of @image's own bytes; does
 * nothing for a slot. */
NdImageFields  nd_image_file_fill_metadata  (NdImage        *image);
/* nd_image_metadata_match() with the metadata of @image's own bytes. */
NdImageFields  nd_image_file_match_metadata (NdImage        *image);
/* The same for each of @images (NdImage), with the files read in a worker
 * thread: a large photo takes exiv2 tens of milliseconds. The marks are
 * set by _finish (), on the thread that called _async (). */
void           nd_image_file_match_metadata_async  (GPtrArray           *images,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       nd_image_file_match_metadata_finish (GAsyncResult        *result,
                                                    GError             **error);

/* A copy of @image's bytes with its credit, copyright, creator, caption,
 * alt text, source and licence written into the file's XMP and (where the
 * format has it) IPTC IIM, in UTF-8; empty fields leave what the file
 * says. @image itself is not changed. GIF cannot carry this metadata:
 * ND_IMAGE_FILE_ERROR_UNSUPPORTED. (transfer full) */
GBytes        *nd_image_file_dup_with_metadata (NdImage     *image,
                                                GError     **error);

typedef enum
{
  ND_IMAGE_ATTACH_NONE  = 0,
  /* Fill or replace the item's lead image (inserted first when there is
   * none) instead of filling the first empty slot or appending. */
  ND_IMAGE_ATTACH_LEAD  = 1 << 0,
} NdImageAttachFlags;

/* Puts @image (which has bytes) into @item:
 * - with ND_IMAGE_ATTACH_LEAD it becomes the lead image: a lead slot
 *   without a file is filled, a lead image with a file is replaced;
 * - else the first slot without a file (any role) is filled, and without
 *   such a slot the image is appended as an inline image.
 * A slot that is filled keeps its role, and its credit, alt text, caption
 * and other fields wherever @image's are empty. The fields of a replaced
 * lead image (they describe another picture) are not kept. Metadata from
 * the file is not applied here: call nd_image_file_fill_metadata() on the
 * result afterwards, so that the caller's and the slot's values go first
 * (nd_store_place_image() does all of this, for the window and, through
 * nd_store_attach_image(), the command line).
 * Returns the image as it is now in @item: the filled slot, or @image.
 * (transfer none) */
NdImage       *nd_image_file_attach         (NdItem         *item,
                                             NdImage        *image,
                                             NdImageAttachFlags flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdImageMetadata, nd_image_metadata_free)

G_END_DECLS
