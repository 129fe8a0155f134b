/* nd-sync-counter.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts what reaches the disk: installs an SQLite VFS, made the default,
 * that passes everything to the real one and counts the xSync calls on
 * write-ahead logs. A test reads the count before and after a write to
 * see whether the write waited for the disk (survives a power cut). Call
 * nd_sync_counter_install () before opening the store. */

void   nd_sync_counter_install  (void);
guint  nd_sync_counter_get_wal  (void);

G_END_DECLS
