/* nd-import.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-types.h"

G_BEGIN_DECLS

typedef enum
{
  ND_IMPORT_NONE = 0,
  /* A JSON export whose item id already exists replaces that item. */
  ND_IMPORT_REPLACE = 1 << 0,
} NdImportFlags;

/* Imports one file into @store: a plain-text item (nd-text-format.h) or a
 * JSON export (nd-export.h: one item object or an array of them), told
 * apart by content, not by name. All items of the file go in one
 * transaction, or none does. On success @out_ids (if not NULL) receives
 * the new item ids. On failure the translated message starts with the
 * file's display name ("sample.txt: the file is empty"). */
gboolean nd_import_file  (NdStore        *store,
                          GFile          *file,
                          NdImportFlags   flags,
                          GStrv          *out_ids,
                          GError        **error);
/* The same for contents already in memory; @name is used in messages. */
gboolean nd_import_bytes (NdStore        *store,
                          GBytes         *contents,
                          const char     *name,
                          NdImportFlags   flags,
                          GStrv          *out_ids,
                          GError        **error);

G_END_DECLS
