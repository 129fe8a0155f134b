/* nd-store-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "nd-store.h"

G_BEGIN_DECLS

/* Runs every migration from the database's PRAGMA user_version up to
 * @target_version in one transaction (BEGIN IMMEDIATE … COMMIT) and sets
 * user_version at its end; on any error nothing changes. A database
 * already at @target_version is left alone. The caller has checked that
 * the database is not newer than ND_STORE_SCHEMA_VERSION. */
gboolean  _nd_store_migrate                (sqlite3     *db,
                                            int          target_version,
                                            GError     **error);

/* Like nd_store_open(), but migrates only up to @version (1 …
 * ND_STORE_SCHEMA_VERSION). For the migration tests. (transfer full) */
NdStore  *_nd_store_open_at_version        (const char  *path,
                                            int          version,
                                            GError     **error);

/* Reads PRAGMA user_version; on failure returns -1 and sets @rc. */
int       _nd_store_read_user_version      (sqlite3     *db,
                                            int         *rc);

/* Fills @error from a failed SQLite call, picking the NdStoreError code
 * that fits the result code @rc and naming @path in the message. */
void      _nd_store_set_error_from_sqlite  (GError     **error,
                                            sqlite3     *db,
                                            int          rc,
                                            const char  *path);

/* The raw connection, for tests that need to look underneath. (transfer none) */
sqlite3  *_nd_store_get_db                 (NdStore     *self);

G_END_DECLS
