/* nd-test-utils.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What every test suite needs: the test data, temporary databases, and
 * main-loop waits that fail instead of hanging. GLib only. */

/* $ND_TEST_DATA/@name, or tests/data/@name from G_TEST_SRCDIR. (transfer full) */
char     *nd_test_data_path       (const char    *name);
/* The whole file of nd_test_data_path (@name); the test fails if it
 * cannot be read. (transfer full) */
GBytes   *nd_test_load_data       (const char    *name);

/* Removes an SQLite database at @path with its -wal, -shm and -journal. */
void      nd_test_remove_database (const char    *path);

/* Runs every main-context source that is ready, without blocking. */
void      nd_test_drain           (void);

typedef gboolean (*NdTestCondition) (gconstpointer data);

/* Spins the main loop until @condition (@data) holds. Fails the test
 * after a limit far above any debounce or animation, so that a slow
 * machine or an ASan build makes no test flaky. */
void      nd_test_wait_until      (NdTestCondition condition,
                                   gconstpointer   data);

G_END_DECLS
