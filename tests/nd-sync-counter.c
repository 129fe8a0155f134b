/* nd-sync-counter.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "nd-sync-counter.h"

/* A file of the counting VFS: the real file follows this header in the
 * same allocation (szOsFile is the real VFS's size plus ours). */
typedef struct
{
  sqlite3_file  base;
  gboolean      is_wal;
  sqlite3_file *real;
} CountedFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs  counting_vfs;
static sqlite3_io_methods counted_methods;
static guint wal_syncs;

#define REAL(file) (((CountedFile *) (file))->real)

static int
counted_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
counted_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
counted_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
counted_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
counted_sync (sqlite3_file *file, int flags)
{
  if (((CountedFile *) file)->is_wal)
    g_atomic_int_inc (&wal_syncs);

  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
counted_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
counted_lock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
counted_unlock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
counted_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
counted_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
counted_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
counted_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
counted_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, out);
}

static int
counted_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
counted_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
counted_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
counted_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
counted_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, page);
}

static int
counting_open (sqlite3_vfs  *vfs,
               const char   *name,
               sqlite3_file *file,
               int           flags,
               int          *out_flags)
{
  CountedFile *counted = (CountedFile *) file;
  int rc;

  counted->real = (sqlite3_file *) (counted + 1);
  counted->is_wal = (flags & SQLITE_OPEN_WAL) != 0;
  rc = real_vfs->xOpen (real_vfs, name, counted->real, flags, out_flags);
  /* Without methods SQLite does not close the file: only on success. */
  counted->base.pMethods = counted->real->pMethods != NULL ? &counted_methods : NULL;

  return rc;
}

void
nd_sync_counter_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert (real_vfs != NULL && real_vfs->iVersion >= 3);

  counted_methods = (sqlite3_io_methods) {
    .iVersion = 3,
    .xClose = counted_close,
    .xRead = counted_read,
    .xWrite = counted_write,
    .xTruncate = counted_truncate,
    .xSync = counted_sync,
    .xFileSize = counted_file_size,
    .xLock = counted_lock,
    .xUnlock = counted_unlock,
    .xCheckReservedLock = counted_check_reserved_lock,
    .xFileControl = counted_file_control,
    .xSectorSize = counted_sector_size,
    .xDeviceCharacteristics = counted_device_characteristics,
    .xShmMap = counted_shm_map,
    .xShmLock = counted_shm_lock,
    .xShmBarrier = counted_shm_barrier,
    .xShmUnmap = counted_shm_unmap,
    .xFetch = counted_fetch,
    .xUnfetch = counted_unfetch,
  };

  counting_vfs = *real_vfs;
  counting_vfs.szOsFile = (int) sizeof (CountedFile) + real_vfs->szOsFile;
  counting_vfs.zName = "nd-sync-counter";
  counting_vfs.pNext = NULL;
  /* Everything else (names, randomness, time, …) stays the real VFS's
   * own; the unix VFS reads nothing from the sqlite3_vfs it is given but
   * pAppData, which the copy keeps. */
  counting_vfs.xOpen = counting_open;

  g_assert_cmpint (sqlite3_vfs_register (&counting_vfs, 1), ==, SQLITE_OK);
}

guint
nd_sync_counter_get_wal (void)
{
  return (guint) g_atomic_int_get (&wal_syncs);
}
