/* nd-kinds.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The enumerations of the domain. Each has a stable key (stored in the
 * database, written to JSON, accepted on the command line) and a display
 * name that goes through the catalogs. Keys never change; display names may.
 */

typedef enum
{
  ND_ITEM_KIND_NEWS,
  ND_ITEM_KIND_PRESS_RELEASE,
  ND_ITEM_KIND_EVENT,
  ND_ITEM_KIND_PUBLICATION,
} NdItemKind;

typedef enum
{
  ND_ITEM_STATUS_DRAFT,
  ND_ITEM_STATUS_READY,
  ND_ITEM_STATUS_SCHEDULED,
  ND_ITEM_STATUS_PUBLISHED,
  ND_ITEM_STATUS_WITHDRAWN,
} NdItemStatus;

typedef enum
{
  ND_IMAGE_ROLE_LEAD,
  ND_IMAGE_ROLE_INLINE,
} NdImageRole;

/* Why a revision (a snapshot of an item) was recorded. NONE is the
 * autosave case: the item is written but no snapshot is kept. */
typedef enum
{
  ND_REVISION_REASON_NONE,
  ND_REVISION_REASON_CREATED,
  ND_REVISION_REASON_IMPORT,
  ND_REVISION_REASON_MANUAL,
  ND_REVISION_REASON_EDIT,
  ND_REVISION_REASON_PUBLICATION,
  ND_REVISION_REASON_RESTORE,
} NdRevisionReason;

const char *nd_item_kind_to_key             (NdItemKind        kind);
gboolean    nd_item_kind_from_key           (const char       *key,
                                             NdItemKind       *kind);
const char *nd_item_kind_to_display         (NdItemKind        kind);

/* The word that heads a plain-text item ("Meldung", "News", ...) in the
 * given language ("de" or "en"; anything else is treated as "en"). These
 * words are part of the file format and are not translated. */
const char *nd_item_kind_to_word            (NdItemKind        kind,
                                             const char       *language);
/* Parses such a word, case-insensitively; sets the language it belongs to. */
gboolean    nd_item_kind_from_word          (const char       *word,
                                             NdItemKind       *kind,
                                             const char      **language);

const char *nd_item_status_to_key           (NdItemStatus      status);
gboolean    nd_item_status_from_key         (const char       *key,
                                             NdItemStatus     *status);
const char *nd_item_status_to_display       (NdItemStatus      status);

const char *nd_image_role_to_key            (NdImageRole       role);
gboolean    nd_image_role_from_key          (const char       *key,
                                             NdImageRole      *role);

const char *nd_revision_reason_to_key       (NdRevisionReason  reason);
gboolean    nd_revision_reason_from_key     (const char       *key,
                                             NdRevisionReason *reason);
const char *nd_revision_reason_to_display   (NdRevisionReason  reason);

G_END_DECLS
