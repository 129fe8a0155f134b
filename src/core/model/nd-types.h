/* nd-types.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Forward declarations, so headers need not include each other. */
typedef struct _NdImage    NdImage;
typedef struct _NdImageMetadata NdImageMetadata;
typedef struct _NdItem     NdItem;
typedef struct _NdRevision NdRevision;
typedef struct _NdStore    NdStore;

G_END_DECLS
