/* nd-store-schema.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nd-store-private.h"

/* The numbered migrations. Migration N turns a database at user_version
 * N-1 into one at N. A migration is frozen once released: never edit one,
 * add the next. Keys of kinds, statuses and roles are spelled out here on
 * purpose, so that the schema does not move when the C code does.
 *
 * Timestamps (created, updated, next_attempt) are UTC ISO 8601 with
 * microseconds, "2024-05-14T07:30:00.123456Z": fixed width, so that text
 * order is time order.
 *
 * Alt text and caption belong to the use of an image (item_images), not
 * to the file (images): the same photo reused in a second item usually
 * needs another caption, and editing it there must not change the first
 * item. Credit, creator, copyright, licence and source describe the file
 * and are shared by every use. */

static const char migration_1[] =
  "CREATE TABLE items ("
  "  rowid    INTEGER PRIMARY KEY,"
  "  uuid     TEXT NOT NULL UNIQUE,"
  "  kind     TEXT NOT NULL CHECK (kind IN ('news', 'press-release', 'event', 'publication')),"
  "  status   TEXT NOT NULL CHECK (status IN ('draft', 'ready', 'scheduled', 'published', 'withdrawn')),"
  "  language TEXT NOT NULL DEFAULT 'en',"
  "  title    TEXT NOT NULL DEFAULT '',"
  "  teaser   TEXT NOT NULL DEFAULT '',"
  "  body     TEXT NOT NULL DEFAULT '',"
  "  date     TEXT,"
  "  slug     TEXT NOT NULL DEFAULT '',"
  "  author   TEXT NOT NULL DEFAULT '',"
  "  created  TEXT NOT NULL,"
  "  updated  TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  /* The list is ordered by date, then updated, then rowid (all DESC);
   * these indexes serve that order with and without a filter, so
   * the newest page never sorts the whole table. */
  "CREATE INDEX items_date_idx ON items (date, updated);"
  "CREATE INDEX items_status_date_idx ON items (status, date, updated);"
  "CREATE INDEX items_kind_date_idx ON items (kind, date, updated);"

  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  key  TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL"
  ");"
  "CREATE TABLE item_tags ("
  "  item_id  INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  tag_id   INTEGER NOT NULL REFERENCES tags (id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (item_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX item_tags_tag_idx ON item_tags (tag_id);"

  "CREATE TABLE images ("
  "  id        INTEGER PRIMARY KEY,"
  "  sha256    TEXT UNIQUE,"           /* NULL for a slot (no file yet) */
  "  data      BLOB,"
  "  mime      TEXT,"
  "  size      INTEGER NOT NULL DEFAULT 0,"
  "  width     INTEGER NOT NULL DEFAULT 0,"
  "  height    INTEGER NOT NULL DEFAULT 0,"
  "  credit    TEXT NOT NULL DEFAULT '',"
  "  creator   TEXT NOT NULL DEFAULT '',"
  "  copyright TEXT NOT NULL DEFAULT '',"
  "  license   TEXT NOT NULL DEFAULT '',"
  "  source    TEXT NOT NULL DEFAULT '',"
  "  created   TEXT NOT NULL,"
  "  CHECK ((sha256 IS NULL) = (data IS NULL))"
  ");"
  "CREATE TABLE item_images ("
  "  item_id  INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  image_id INTEGER NOT NULL REFERENCES images (id),"
  "  role     TEXT NOT NULL CHECK (role IN ('lead', 'inline')),"
  "  position INTEGER NOT NULL,"
  "  alt      TEXT NOT NULL DEFAULT '',"
  "  caption  TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (item_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX item_images_image_idx ON item_images (image_id);"

  "CREATE TABLE revisions ("
  "  id       INTEGER PRIMARY KEY,"
  "  item_id  INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  number   INTEGER NOT NULL,"
  "  reason   TEXT NOT NULL,"
  "  created  TEXT NOT NULL,"
  "  snapshot TEXT NOT NULL,"
  "  UNIQUE (item_id, number)"
  ");"

  /* The password of a target is never stored here: it lives in the
   * keyring. */
  "CREATE TABLE targets ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE,"
  "  type     TEXT NOT NULL,"
  "  base_url TEXT NOT NULL DEFAULT '',"
  "  username TEXT NOT NULL DEFAULT '',"
  "  options  TEXT NOT NULL DEFAULT '{}',"
  "  created  TEXT NOT NULL"
  ");"
  "CREATE TABLE remote_items ("
  "  item_id            INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  target_id          INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  remote_id          TEXT,"
  "  url                TEXT,"
  "  published_revision INTEGER NOT NULL DEFAULT 0,"
  "  remote_modified    TEXT,"
  "  PRIMARY KEY (item_id, target_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX remote_items_target_idx ON remote_items (target_id);"
  "CREATE TABLE remote_tags ("
  "  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  PRIMARY KEY (target_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE remote_media ("
  "  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  sha256    TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  url       TEXT,"
  "  PRIMARY KEY (target_id, sha256)"
  ") WITHOUT ROWID;"

  "CREATE TABLE outbox ("
  "  id           INTEGER PRIMARY KEY,"
  "  item_id      INTEGER NOT NULL REFERENCES items (rowid) ON DELETE CASCADE,"
  "  target_id    INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  action       TEXT NOT NULL CHECK (action IN ('publish', 'update', 'withdraw', 'delete')),"
  "  revision     INTEGER NOT NULL DEFAULT 0,"
  "  state        TEXT NOT NULL DEFAULT 'pending'"
  "               CHECK (state IN ('pending', 'running', 'done', 'failed', 'conflict')),"
  "  attempts     INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt TEXT,"
  "  last_error   TEXT,"
  "  created      TEXT NOT NULL,"
  "  updated      TEXT NOT NULL"
  ");"
  "CREATE INDEX outbox_state_idx ON outbox (state, next_attempt);"
  "CREATE INDEX outbox_item_idx ON outbox (item_id);"
  "CREATE INDEX outbox_target_idx ON outbox (target_id);";

/* The search index. A standalone FTS5 table whose rowid is items.rowid;
 * the store keeps it current in the same transaction as the item. Rows
 * that exist already are indexed here, so an upgraded database is
 * searchable at once. */
/* The prefix indexes keep prefix queries (search as you type: "Cl",
 * "Clust", "Cluster") from merging the lists of every term that starts
 * alike at query time, which costs tens of milliseconds for a common
 * stem at 100,000 items. FTS5 uses a prefix index only for a prefix of
 * exactly its length, and German stems are long ("Mittelstand" has 11
 * letters and dozens of compounds); beyond 12, few terms share one. At
 * 100,000 items this costs about 650 MB of index and makes the slowest
 * prefix query about 4 times faster. The rank is bm25
 * weighted by column (title, teaser, body, tags): a word in the title
 * counts most, one deep in the body least. Stored in the table's config,
 * so that "ORDER BY rank" lets FTS5 sort inside the index. */
static const char migration_2[] =
  "CREATE VIRTUAL TABLE items_fts USING fts5 ("
  "  title, teaser, body, tags,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3 4 5 6 7 8 9 10 11 12'"
  ");"
  "INSERT INTO items_fts (items_fts, rank) VALUES ('rank', 'bm25 (10.0, 4.0, 1.0, 6.0)');"
  "INSERT INTO items_fts (rowid, title, teaser, body, tags)"
  "  SELECT i.rowid, i.title, i.teaser, i.body,"
  "         coalesce ((SELECT group_concat (name, ' ') FROM"
  "                     (SELECT t.name AS name FROM item_tags it"
  "                        JOIN tags t ON t.id = it.tag_id"
  "                       WHERE it.item_id = i.rowid"
  "                       ORDER BY it.position)), '')"
  "    FROM items i;";

/* Publishing: a job's options (as a draft, overwrite changes made on the
 * CMS: NdOutboxFlags), and per item and target the post's status and
 * when we last wrote it, for the editor's "Published … · Open in browser". */
static const char migration_3[] =
  "ALTER TABLE outbox ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE remote_items ADD COLUMN status TEXT;"
  "ALTER TABLE remote_items ADD COLUMN published TEXT;";

/* Hardening:
 * - remote_items.digest: a digest of the post's raw fields (title,
 *   excerpt, content, status, date, featured media, tags) as they were
 *   after our last write. WordPress's modified_gmt has one-second
 *   resolution, so the stamp alone misses a change made on the site in
 *   the same second as ours; the digest does not.
 * - item_images.credit: the credit is a legal statement about this use
 *   of the photo, so it belongs to the use, as alt text and caption do.
 *   images.credit stays as the library's default for the next use.
 *   Existing uses keep the credit they showed until now.
 * - outbox.error_code and error_detail: a job's last error as a stable
 *   code and its parameter (a host, an HTTP status, the CMS's own
 *   message), so that it is shown in the language of whoever reads it,
 *   not of the moment it was recorded. last_error stays for jobs that
 *   failed before. */
static const char migration_4[] =
  "ALTER TABLE remote_items ADD COLUMN digest TEXT;"
  "ALTER TABLE item_images ADD COLUMN credit TEXT NOT NULL DEFAULT '';"
  "UPDATE item_images SET credit ="
  "  coalesce ((SELECT credit FROM images WHERE images.id = item_images.image_id), '');"
  "ALTER TABLE outbox ADD COLUMN error_code TEXT;"
  "ALTER TABLE outbox ADD COLUMN error_detail TEXT;"
  /* A site's media item carries the credit in its caption, so two uses
   * of one photo with different credits are two uploads: the media is
   * now kept per target, SHA-256 and credit. */
  "CREATE TABLE remote_media_4 ("
  "  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,"
  "  sha256    TEXT NOT NULL,"
  "  credit    TEXT NOT NULL DEFAULT '',"
  "  remote_id TEXT NOT NULL,"
  "  url       TEXT,"
  "  PRIMARY KEY (target_id, sha256, credit)"
  ") WITHOUT ROWID;"
  "INSERT INTO remote_media_4 (target_id, sha256, credit, remote_id, url)"
  "  SELECT r.target_id, r.sha256,"
  "         coalesce ((SELECT i.credit FROM images i WHERE i.sha256 = r.sha256), ''),"
  "         r.remote_id, r.url"
  "    FROM remote_media r;"
  "DROP TABLE remote_media;"
  "ALTER TABLE remote_media_4 RENAME TO remote_media;";

static const char * const migrations[] = {
  NULL,          /* version 0: the empty database */
  migration_1,
  migration_2,
  migration_3,
  migration_4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ND_STORE_SCHEMA_VERSION + 1);

static gboolean
is_read_only_path (const char *path)
{
  g_autofree char *dir = NULL;

  g_assert (path != NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    return TRUE;

  dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) != 0;
}

static void
set_read_only_error (GError     **error,
                     const char  *path)
{
  g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY,
               _("The database “%s” cannot be written"), path);
}

/* SQLite's own messages are English ("disk I/O error", "unable to open
 * database file"); an editor reads ours, in their language, and SQLite's
 * only where we have no better sentence, marked as SQLite's. The errno
 * behind an I/O error is named by the C library, which translates it. */
static void
set_cantopen_error (GError     **error,
                    const char  *path,
                    int          errsv)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                 _("“%s” is a folder, not a Newsdesk database"), path);
  else if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The folder of the database “%s” does not exist"), path);
  else if (is_read_only_path (path))
    set_read_only_error (error, path);
  else if (errsv != 0)
    /* Translators: the second %s is the system's reason */
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The database “%s” cannot be opened: %s"), path, g_strerror (errsv));
  else
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The database “%s” cannot be opened"), path);
}

static void
set_io_error (GError     **error,
              const char  *path,
              int          errsv)
{
  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The disk holding the database “%s” is full"), path);
  else if (errsv == EROFS || errsv == EACCES || errsv == EPERM)
    set_read_only_error (error, path);
  else if (errsv != 0)
    /* Translators: the second %s is the system's reason */
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The database “%s” could not be read or written: %s"), path, g_strerror (errsv));
  else
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The database “%s” could not be read or written (an input/output error)"), path);
}

static void
set_constraint_error (GError     **error,
                      const char  *path,
                      int          rc)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” holds such an entry already"), path);
      break;

    case SQLITE_CONSTRAINT_NOTNULL:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” refused an entry that lacks a required value"), path);
      break;

    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” refused an entry that refers to one that does not exist"),
                   path);
      break;

    default:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” refused a value that is not allowed there"), path);
      break;
    }
}

void
_nd_store_set_error_from_sqlite (GError     **error,
                                 sqlite3     *db,
                                 int          rc,
                                 const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int errsv = db != NULL ? sqlite3_system_errno (db) : 0;

  if (path == NULL || *path == '\0')
    path = ":memory:";

  /* SQLite's own words stay in the log for whoever debugs. */
  g_debug ("SQLite error %d on “%s” (errno %d): %s", rc, path, errsv, detail);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Newsdesk database"), path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_LOCKED,
                   _("The database “%s” is in use by another program"), path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      set_read_only_error (error, path);
      break;

    case SQLITE_CANTOPEN:
      set_cantopen_error (error, path, errsv);
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_NOMEM)
        g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                     _("There is not enough memory to work on the database “%s”"), path);
      else
        set_io_error (error, path, errsv);
      break;

    case SQLITE_NOMEM:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("There is not enough memory to work on the database “%s”"), path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("The database “%s” is damaged"), path);
      break;

    case SQLITE_FULL:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("The disk holding the database “%s” is full"), path);
      break;

    case SQLITE_NOLFS:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("The database “%s” is too large for this system"), path);
      break;

    case SQLITE_PROTOCOL:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_LOCKED,
                   _("The database “%s” is in use by another program"), path);
      break;

    case SQLITE_INTERRUPT:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("Work on the database “%s” was interrupted"), path);
      break;

    case SQLITE_CONSTRAINT:
      set_constraint_error (error, path, rc);
      break;

    case SQLITE_TOOBIG:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” refused a value that is too large"), path);
      break;

    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The database “%s” refused a value of the wrong type"), path);
      break;

    default:
      /* No sentence of ours fits (an error in our SQL, say): SQLite's
       * own English words, marked as such. */
      /* Translators: the second %s is SQLite's own message, in English */
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                   _("Error in the database “%s” (SQLite says: “%s”)"), path, detail);
      break;
    }
}

int
_nd_store_read_user_version (sqlite3 *db,
                             int     *rc)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int res;

  g_assert (db != NULL);
  g_assert (rc != NULL);

  res = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (res == SQLITE_OK)
    {
      res = sqlite3_step (stmt);
      if (res == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          res = SQLITE_OK;
        }
    }

  /* Preparing reads the schema; a file that is no database fails here or
   * at the step with SQLITE_NOTADB. Keep the step's code, not finalize's. */
  sqlite3_finalize (stmt);
  *rc = res;

  return res == SQLITE_OK ? version : -1;
}

static int
exec (sqlite3    *db,
      const char *sql)
{
  g_assert (db != NULL);
  g_assert (sql != NULL);

  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

gboolean
_nd_store_migrate (sqlite3  *db,
                   int       target_version,
                   GError  **error)
{
  g_autofree char *set_version = NULL;
  const char *path;
  int version;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version >= 0 && target_version <= ND_STORE_SCHEMA_VERSION, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = sqlite3_db_filename (db, "main");
  if (path == NULL || *path == '\0')
    path = ":memory:";

  rc = exec (db, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error_from_sqlite (error, db, rc, path);
      return FALSE;
    }

  /* Read again inside the transaction: another program may have upgraded
   * the file between our first look and taking the write lock. */
  version = _nd_store_read_user_version (db, &rc);
  if (version < 0)
    goto failed;

  if (version > ND_STORE_SCHEMA_VERSION)
    {
      exec (db, "ROLLBACK");
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Newsdesk (schema %d, this version reads up to schema %d)"),
                   path, version, ND_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (version >= target_version)
    {
      exec (db, "ROLLBACK");
      return TRUE;
    }

  for (int v = version + 1; v <= target_version; v++)
    {
      g_debug ("Migrating “%s” to schema %d", path, v);

      rc = exec (db, migrations[v]);
      if (rc != SQLITE_OK)
        goto failed;
    }

  /* PRAGMA takes no bound parameters; the number is ours, not the user's. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", target_version);
  rc = exec (db, set_version);
  if (rc != SQLITE_OK)
    goto failed;

  rc = exec (db, "COMMIT");
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  _nd_store_set_error_from_sqlite (error, db, rc, path);
  exec (db, "ROLLBACK");
  return FALSE;
}

/* The SQL plumbing */

void
_nd_stmt_release (NdStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
_nd_store_set_error (NdStore  *self,
                     int       rc,
                     GError  **error)
{
  _nd_store_set_error_from_sqlite (error, self->db, rc, self->path);
}

NdStmt *
_nd_store_prepare (NdStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (ND_IS_STORE (self));
  g_assert (sql != NULL);

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);

  return stmt;
}

gboolean
_nd_store_exec (NdStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc;

  g_assert (ND_IS_STORE (self));

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a query: TRUE with *has_row for a row, FALSE on an error. */
gboolean
_nd_store_step_row (NdStore       *self,
                    sqlite3_stmt  *stmt,
                    gboolean      *has_row,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that returns no row. */
gboolean
_nd_store_step_done (NdStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  gboolean has_row;

  return _nd_store_step_row (self, stmt, &has_row, error);
}

void
_nd_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_nd_store_bind_named_text (sqlite3_stmt *stmt,
                           const char   *name,
                           const char   *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  _nd_store_bind_text (stmt, index, text);
}

const char *
_nd_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

/* Runs one of the few fixed statements that open and close transactions.
 * They run for every write, so they are prepared once, not parsed each
 * time as sqlite3_exec() would. */
static gboolean
run_cached (NdStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  if (!(stmt = _nd_store_prepare (self, sql, error)))
    return FALSE;

  return _nd_store_step_done (self, stmt, error);
}

/* Makes the commit just done survive a power cut. The connection runs
 * with synchronous = NORMAL, where a WAL commit is written but not
 * synced; syncing the WAL here after COMMIT gives FULL's guarantee for
 * the commits that need it, while a transaction begun unsynced skips it
 * (SQLite takes a new synchronous level only outside a transaction and
 * recompiles the PRAGMA each time, which costs more than it saves). */
static gboolean
sync_wal (NdStore  *self,
          GError  **error)
{
  sqlite3_file *wal = NULL;
  int rc;

  if (!self->wal)
    return TRUE;

  rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
  if (rc != SQLITE_OK || wal == NULL || wal->pMethods == NULL)
    return TRUE;  /* no WAL open: nothing was written to it */

  rc = wal->pMethods->xSync (wal, SQLITE_SYNC_NORMAL);
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_wal (NdStore *self)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self, "PRAGMA journal_mode", NULL)) ||
      !_nd_store_step_row (self, stmt, &has_row, NULL) || !has_row)
    return FALSE;

  return g_strcmp0 (_nd_store_column_text (stmt, 0), "wal") == 0;
}

gboolean
_nd_store_begin (NdStore  *self,
                 GError  **error)
{
  g_autofree char *savepoint = NULL;
  guint mark;

  /* Said here, before SQLite would say it halfway through. */
  if (self->read_only)
    {
      set_read_only_error (error, self->path);
      return FALSE;
    }

  if (self->depth == 0)
    {
      if (!run_cached (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->depth = 1;
      return TRUE;
    }

  savepoint = g_strdup_printf ("SAVEPOINT nd_%u", self->depth);
  if (!run_cached (self, savepoint, error))
    return FALSE;

  mark = self->changes->len;
  g_array_append_val (self->change_marks, mark);
  self->depth++;

  return TRUE;
}

gboolean
_nd_store_commit (NdStore  *self,
                  GError  **error)
{
  g_autofree char *release = NULL;

  g_assert (self->depth > 0);

  if (self->depth == 1)
    {
      gboolean synced;

      if (!run_cached (self, "COMMIT", error))
        return FALSE;
      self->depth = 0;
      _nd_store_forget_ranks (self);
      synced = self->unsynced || sync_wal (self, error);
      self->unsynced = FALSE;
      /* Committed either way: others may read it already. */
      _nd_store_flush_changes (self);
      return synced;
    }

  release = g_strdup_printf ("RELEASE nd_%u", self->depth - 1);
  if (!run_cached (self, release, error))
    return FALSE;

  g_array_set_size (self->change_marks, self->change_marks->len - 1);
  self->depth--;

  return TRUE;
}

gboolean
_nd_store_begin_unsynced (NdStore  *self,
                          GError  **error)
{
  if (self->depth > 0)
    return _nd_store_begin (self, error);

  if (!_nd_store_begin (self, error))
    return FALSE;
  self->unsynced = TRUE;

  return TRUE;
}

void
_nd_store_rollback (NdStore *self)
{
  if (self->depth > 1)
    {
      g_autofree char *rollback = g_strdup_printf ("ROLLBACK TO nd_%u; RELEASE nd_%u",
                                                   self->depth - 1, self->depth - 1);
      guint mark = g_array_index (self->change_marks, guint, self->change_marks->len - 1);

      sqlite3_exec (self->db, rollback, NULL, NULL, NULL);
      g_array_set_size (self->changes, mark);
      g_array_set_size (self->change_marks, self->change_marks->len - 1);
      self->depth--;
      return;
    }

  /* After some errors SQLite has rolled back already; that is fine. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
  self->unsynced = FALSE;
  g_array_set_size (self->changes, 0);
}

/* "2024-05-14T07:30:00.123456Z": fixed width, so text order is time order. */
char *
_nd_store_format_timestamp (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date_time == NULL)
    return NULL;

  utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

GDateTime *
_nd_store_parse_timestamp (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/* Opening */

/* How long a call waits for another program that holds the write lock
 * before it fails with ND_STORE_ERROR_LOCKED. The environment variable
 * ND_STORE_BUSY_TIMEOUT_MS (milliseconds) overrides it; the tests set it
 * low so that the lock test does not wait for seconds. It is read when a
 * store is opened. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("ND_STORE_BUSY_TIMEOUT_MS");
  gint64 value;

  if (env == NULL || *env == '\0')
    return DEFAULT_BUSY_TIMEOUT_MS;

  value = g_ascii_strtoll (env, NULL, 10);

  return (int)CLAMP (value, 0, G_MAXINT);
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int errsv;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  errsv = errno;
  if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY,
                 _("The database “%s” cannot be written"), path);
  else
    /* Translators: the second %s is the system's reason. */
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_FAILED,
                 _("The folder for the database “%s” cannot be made: %s"),
                 path, g_strerror (errsv));

  return FALSE;
}

/* What SQLite would open but cannot be a database gets a sentence of
 * ours: on a FIFO SQLite blocks or says "disk I/O error", on a folder
 * "unable to open database file". */
static gboolean
check_file_type (const char  *path,
                 GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;  /* missing: it is made */

  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Newsdesk database"), path);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a regular file, so it cannot be a Newsdesk database"), path);
      return FALSE;
    }

  return TRUE;
}

/* Whether @path has a write-ahead log with commits in it that the main
 * file does not hold yet. */
static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Opens @path read-only, as SQLITE_OPEN_READONLY with "mode=ro", and
 * reads the schema version to see that it can be read. A WAL database
 * opened read-only needs its -shm file: present and readable (a writer
 * may be at work), or one SQLite can make. When there is none and the
 * folder cannot be written, but there is no WAL content either (the file
 * was closed properly, so no writer is at work: a writer makes both),
 * the main file holds everything, and "immutable" reads it without the
 * -shm. With WAL content but no -shm, the newest commits could be
 * missed: refused. */
static int
open_read_only_uri (NdStore  *self,
                    gboolean  immutable,
                    int      *version)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *full = NULL;
  int rc;

  g_clear_pointer (&self->db, sqlite3_close);
  if (uri == NULL)
    return SQLITE_CANTOPEN;

  full = g_strconcat (uri, immutable ? "?mode=ro&immutable=1" : "?mode=ro", NULL);
  rc = sqlite3_open_v2 (full, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  *version = _nd_store_read_user_version (self->db, &rc);

  return rc;
}

static gboolean
open_read_only (NdStore  *self,
                int      *version,
                GError  **error)
{
  int rc = open_read_only_uri (self, FALSE, version);

  if (((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) &&
      !has_wal_content (self->path))
    rc = open_read_only_uri (self, TRUE, version);

  if (rc == SQLITE_OK)
    {
      self->read_only = TRUE;
      return TRUE;
    }

  if (has_wal_content (self->path) &&
      ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN))
    g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY,
                 _("The database “%s” cannot be read: its last changes are in “%s-wal”, "
                   "and its folder cannot be written"),
                 self->path, self->path);
  else
    _nd_store_set_error (self, rc, error);

  return FALSE;
}

/* Every check runs before the first write, in this order, so that a file
 * we refuse is left exactly as it was: SQLite reads the header (not a
 * database? locked?), then user_version (too new?), then we ask whether
 * the file could be opened for writing. A read-only database is refused
 * at open rather than at the first save, because an editor that accepts
 * edits it can never save would lose them; with
 * ND_STORE_OPEN_ALLOW_READ_ONLY (the commands that only read) it is
 * opened read-only instead, and nothing is written: no WAL switch, no
 * migration. Only then WAL is switched on (which writes the header) and
 * the schema is migrated. */
static gboolean
open_file (NdStore           *self,
           NdStoreOpenFlags   flags,
           int               *current,
           GError           **error)
{
  gboolean allow_read_only = (flags & ND_STORE_OPEN_ALLOW_READ_ONLY) != 0;
  int rc;

  if (allow_read_only && g_file_test (self->path, G_FILE_TEST_EXISTS) &&
      is_read_only_path (self->path))
    return open_read_only (self, current, error);

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());

  *current = _nd_store_read_user_version (self->db, &rc);
  if (*current < 0)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  /* Opened, but SQLite found it cannot write (a read-only mount). */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      if (allow_read_only)
        return open_read_only (self, current, error);
      set_read_only_error (error, self->path);
      return FALSE;
    }

  return TRUE;
}

NdStore *
_nd_store_open_internal (const char        *path,
                         int                version,
                         NdStoreOpenFlags   flags,
                         GError           **error)
{
  g_autoptr(NdStore) self = NULL;
  gboolean in_memory;
  int current = -1;

  g_assert (path != NULL);
  g_assert (version >= 1 && version <= ND_STORE_SCHEMA_VERSION);

  in_memory = g_str_equal (path, ":memory:");
  if (!in_memory && (!check_file_type (path, error) || !ensure_folder (path, error)))
    return NULL;

  self = g_object_new (ND_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_file (self, flags, &current, error))
    return NULL;

  if (!_nd_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (current > ND_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Newsdesk (schema %d, this version reads up to schema %d)"),
                   path, current, ND_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (self->read_only)
    {
      /* Reading an older schema would fail at the first missing column;
       * upgrading it is a write. */
      if (current < version)
        {
          g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_READ_ONLY,
                       _("The database “%s” was made by an older version of Newsdesk and cannot be upgraded, because it cannot be written"),
                       path);
          return NULL;
        }
      if (!_nd_store_register_rank (self, error))
        return NULL;
      self->schema_version = current;
      return g_steal_pointer (&self);
    }

  if (!in_memory && !_nd_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return NULL;

  if (current < version && !_nd_store_migrate (self->db, version, error))
    return NULL;

  if (!_nd_store_register_rank (self, error))
    return NULL;

  /* What was saved survives a power cut: in WAL mode _nd_store_commit ()
   * syncs the WAL itself (see sync_wal ()), so SQLite need not. Where the
   * file system gave no WAL, SQLite's own FULL syncing stays. */
  if (!in_memory && is_wal (self))
    {
      if (!_nd_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
      self->wal = TRUE;
    }

  self->schema_version = MAX (current, version);

  return g_steal_pointer (&self);
}
