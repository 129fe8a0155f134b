/* nd-item-json.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

/* The JSON form of an item, used by `show --json`, revision snapshots and
 * the lossless export. Keys (DESIGN.md): id, kind, status, language,
 * title, teaser, body, date, slug, author, created, updated, revision,
 * tags [string], images [{role, credit, creator, copyright, license,
 * source, alt, caption, sha256, mime, size, width, height, (data)}].
 * Kinds, statuses and roles are written as their stable keys.
 *
 * `show --json` adds "remote" (nd_item_to_json_with_remote()): one object
 * per target the item was published to, {target, remote_id (a number for
 * WordPress), url, published_revision, status (the CMS's: publish,
 * future, draft, pending, trash), modified (the CMS's modification time,
 * ISO 8601, UTC), published (when Newsdesk last wrote the post)}. That is
 * the state of one database's targets, not part of the item: revisions
 * and the export leave it out, and nd_item_from_json() ignores it, so an
 * item imported elsewhere is never taken for published there. */

typedef enum
{
  ND_ITEM_JSON_NONE = 0,
  /* Images carry their bytes, base64, under "data". */
  ND_ITEM_JSON_IMAGE_DATA = 1 << 0,
} NdItemJsonFlags;

#define ND_ITEM_JSON_ERROR (nd_item_json_error_quark ())

typedef enum
{
  ND_ITEM_JSON_ERROR_INVALID,
} NdItemJsonError;

GQuark     nd_item_json_error_quark   (void);

/* (transfer full) */
JsonNode  *nd_item_to_json            (NdItem           *item,
                                       NdItemJsonFlags   flags);
/* The same with "remote": @remote (element-type NdRemoteItem) as
 * nd_store_list_remote_items() gives it. (transfer full) */
JsonNode  *nd_item_to_json_with_remote (NdItem          *item,
                                        GPtrArray       *remote,
                                        NdItemJsonFlags  flags);
/* Validates every field (UUID, kind, status, date, image data against its
 * sha256) and fails with a translated message naming the first bad one.
 * (transfer full) */
NdItem    *nd_item_from_json          (JsonNode         *node,
                                       GError          **error);
/* The item as it was at @revision: its snapshot parsed back. (transfer full) */
NdItem    *nd_item_from_revision      (NdRevision       *revision,
                                       GError          **error);
/* Convenience: the item as a compact or pretty JSON string. (transfer full) */
char      *nd_item_to_json_string     (NdItem           *item,
                                       NdItemJsonFlags   flags,
                                       gboolean          pretty);

G_END_DECLS
