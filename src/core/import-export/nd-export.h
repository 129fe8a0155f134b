/* nd-export.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

typedef enum
{
  ND_EXPORT_FORMAT_JSON,
  ND_EXPORT_FORMAT_TEXT,
  ND_EXPORT_FORMAT_HTML,
} NdExportFormat;

gboolean  nd_export_format_from_key (const char      *key,
                                     NdExportFormat  *format);

/* The lossless JSON export of one item, loaded from @store:
 *   { "format": "newsdesk-item", "version": 1,
 *     "item": <nd_item_to_json with image data>,
 *     "revisions": [ { "number", "reason", "created", "snapshot": {...} } ] }
 * TEXT is nd_text_format_write(); HTML is nd_render_item_html().
 * (transfer full) */
char     *nd_export_item            (NdStore         *store,
                                     const char      *id,
                                     NdExportFormat   format,
                                     GError         **error);

/* Parses an export (one such object, or an array of them) into items
 * (element-type NdItem) and, in the same order, their revisions
 * (element-type GPtrArray of NdRevision). (transfer full) */
gboolean  nd_export_parse_json      (const char      *data,
                                     gsize            length,
                                     GPtrArray      **items,
                                     GPtrArray      **revisions,
                                     GError         **error);

/* Writes a copy of each image file of @item (slots have none) into the
 * folder @dir, made if missing, as "N-SHA256PREFIX.EXT" (N its position,
 * from 1), with the credit, copyright, creator, caption, alt text, source
 * and licence written into the copy's XMP and IPTC IIM metadata (see
 * nd_image_file_dup_with_metadata()); the stored file is not changed. A
 * GIF file cannot carry them and is written as it is; its path is also
 * put in @without_metadata (may be NULL). Returns the paths written, in
 * order (empty when there is no file). (transfer full) */
GStrv     nd_export_item_images     (NdItem          *item,
                                     const char      *dir,
                                     GStrv           *without_metadata,
                                     GError         **error);

G_END_DECLS
