/* nd-revision.h
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

#define ND_TYPE_REVISION (nd_revision_get_type ())

G_DECLARE_FINAL_TYPE (NdRevision, nd_revision, ND, REVISION, GObject)

/* A snapshot of an item at a save point, immutable once made.
 * "snapshot" is the item as JSON (nd_item_to_json() without image bytes;
 * nd_item_from_revision() reads it back),
 * so that any revision can be shown or restored even after the schema of
 * the live tables has moved on. All properties are construct-only. */

NdRevision       *nd_revision_new           (guint             number,
                                             NdRevisionReason  reason,
                                             GDateTime        *created,
                                             const char       *snapshot);
guint             nd_revision_get_number    (NdRevision       *self);
NdRevisionReason  nd_revision_get_reason    (NdRevision       *self);
GDateTime        *nd_revision_get_created   (NdRevision       *self);
const char       *nd_revision_get_snapshot  (NdRevision       *self);

G_END_DECLS
