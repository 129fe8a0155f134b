/* nd-test-utils.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every test suite needs: the test data, temporary databases,
 * main-loop waits that fail instead of hanging, a private keyring, and
 * hostile image files. GLib, GIO and zlib only. */

/* $ND_TEST_DATA/@name, or tests/data/@name from G_TEST_SRCDIR. (transfer full) */
char     *nd_test_data_path       (const char    *name);
/* The whole file of nd_test_data_path (@name); the test fails if it
 * cannot be read. (transfer full) */
GBytes   *nd_test_load_data       (const char    *name);

/* A valid PNG of @width × @height grey pixels, all black, built here
 * (zlib's deflate and CRC-32): a "decompression bomb", since 30000 ×
 * 30000 pixels (900 MB unpacked) fit in 874 KB. Deterministic.
 * (transfer full) */
GBytes   *nd_test_png_bomb        (guint32        width,
                                   guint32        height);

/* Removes @path, a folder with all it holds (made writable first; links
 * are removed, not followed) or a file. */
void      nd_test_remove_tree     (const char    *path);

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

/* A keyring of the test's own: tests/setup/keyring-session (GNOME Keyring
 * on a D-Bus session of its own, its files in @dir), so that no test
 * touches the user's keyring. The test fails if it does not start. */
typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *address;   /* of its D-Bus session */
} NdTestKeyring;

NdTestKeyring *nd_test_keyring_start (void);
/* Points this process at @keyring, before its first D-Bus call: the
 * session bus, and HOME and the XDG folders inside @keyring's folder.
 * Subprocesses inherit it. */
void           nd_test_keyring_use   (NdTestKeyring *keyring);
/* Ends the session (keyring and bus) and removes its files. */
void           nd_test_keyring_stop  (NdTestKeyring *keyring);

G_END_DECLS
