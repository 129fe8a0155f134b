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

/* The instance struct lives here because the class spans two files:
 * nd-store.c maps the domain to rows, nd-store-schema.c opens the file,
 * migrates it and holds the SQL plumbing both use. */
struct _NdStore
{
  GObject     parent_instance;

  /* Owned References */
  sqlite3    *db;
  char       *path;
  GHashTable *stmts;           /* SQL text → sqlite3_stmt, prepared once */

  int         schema_version;
  guint       rank_window;     /* see nd_store_search () */
  GHashTable *phrase_rows;     /* phrase → its rows, counted by nd_rank () (nd-store-rank.c) */
  gint64      data_version;    /* PRAGMA data_version when phrase_rows was last checked */

  /* Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, inner
   * ones are savepoints. Changes are announced when the outermost one
   * commits, so that nobody reads a state that may still be rolled back. */
  guint       depth;
  gboolean    wal;             /* commits go to a WAL file, synced by us */
  gboolean    read_only;       /* opened with SQLITE_OPEN_READONLY: every write refused */
  gboolean    unsynced;        /* the outermost one commits without an fsync */
  GArray     *changes;         /* PendingChange, not announced yet */
  GArray     *change_marks;    /* guint per open savepoint: changes->len at its start */
};

typedef struct
{
  char          *id;
  NdStoreChange  change;
} PendingChange;

/* The columns _nd_store_item_from_row() reads, in this order. */
#define ND_STORE_ITEM_COLUMNS \
  "items.rowid, items.uuid, items.kind, items.status, items.language, " \
  "items.title, items.teaser, items.date, items.slug, items.author, " \
  "items.created, items.updated, items.revision"
#define ND_STORE_N_ITEM_COLUMNS 13

/* A cached statement, handed out by _nd_store_prepare() and given back
 * (reset, bindings cleared) when the g_autoptr goes out of scope: a
 * statement left half-stepped would keep a read transaction open. */
typedef struct sqlite3_stmt NdStmt;

void        _nd_stmt_release              (NdStmt       *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStmt, _nd_stmt_release)

/* Opens @path and migrates it to @version; the checks of nd_store_open(). */
NdStore    *_nd_store_open_internal       (const char       *path,
                                           int               version,
                                           NdStoreOpenFlags  flags,
                                           GError          **error);

/* Fills @error for @rc, naming the store's file. */
void        _nd_store_set_error           (NdStore      *self,
                                           int           rc,
                                           GError      **error);
/* A statement for @sql, prepared once per store and cached. (transfer none) */
NdStmt     *_nd_store_prepare             (NdStore      *self,
                                           const char   *sql,
                                           GError      **error);
gboolean    _nd_store_exec                (NdStore      *self,
                                           const char   *sql,
                                           GError      **error);
/* Steps a statement that returns no row. */
gboolean    _nd_store_step_done           (NdStore      *self,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
/* Steps a query: TRUE with *@has_row for a row, FALSE on an error. */
gboolean    _nd_store_step_row            (NdStore      *self,
                                           sqlite3_stmt *stmt,
                                           gboolean     *has_row,
                                           GError      **error);
/* Binds @text (copied), or NULL. */
void        _nd_store_bind_text           (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
void        _nd_store_bind_named_text     (sqlite3_stmt *stmt,
                                           const char   *name,
                                           const char   *text);
const char *_nd_store_column_text         (sqlite3_stmt *stmt,
                                           int           column);
/* Emits NdStore::item-changed now, or when the outermost transaction
 * commits if one is open (dropped if it is rolled back). */
void        _nd_store_announce_change     (NdStore       *self,
                                           const char    *id,
                                           NdStoreChange  change);
void        _nd_store_flush_changes       (NdStore       *self);

/* Transactions (they nest, see struct _NdStore). The outermost is BEGIN
 * IMMEDIATE: it takes the write lock at once, so that a busy database
 * fails here rather than halfway through a save. */
gboolean    _nd_store_begin               (NdStore      *self,
                                           GError      **error);
gboolean    _nd_store_commit              (NdStore      *self,
                                           GError      **error);
/* Begins a transaction whose commit does not wait for the disk, if it is
 * the outermost one: for a write that may be lost in a power cut without
 * harm (it stays atomic: all of it is lost, or none). */
gboolean    _nd_store_begin_unsynced      (NdStore      *self,
                                           GError      **error);
void        _nd_store_rollback            (NdStore      *self);

/* Gives the item @status and a new revision with @reason, changing nothing
 * else; @item is the copy the caller read. *@was_current tells whether it
 * still was the store's copy: then it is updated and its snapshot recorded,
 * else the store's copy is read again and used instead. */
gboolean    _nd_store_save_status         (NdStore           *self,
                                           NdItem            *item,
                                           NdItemStatus       status,
                                           NdRevisionReason   reason,
                                           gboolean          *was_current,
                                           GError           **error);

/* Adds the search's rank function nd_rank () (nd-store-rank.c) to the
 * connection: used as nd_rank (items_fts, ND_STORE_RANK_WEIGHTS). */
gboolean    _nd_store_register_rank       (NdStore      *self,
                                           GError      **error);
/* Forgets nd_rank ()'s counts when the index may have changed: after a
 * commit of ours, or (checked before a search) one by another connection. */
void        _nd_store_forget_ranks        (NdStore      *self);
void        _nd_store_check_ranks         (NdStore      *self);
#define ND_STORE_RANK_WEIGHTS "10.0, 4.0, 1.0, 6.0"  /* title, teaser, body, tags */
/* nd_rank (items_fts, MATCH, weights…): the query is passed too, so that
 * the counts of its phrases can be kept across keystrokes. */
#define ND_STORE_RANK(match) "nd_rank (items_fts, " match ", " ND_STORE_RANK_WEIGHTS ")"

/* ND_STORE_ERROR_NOT_FOUND: there is no publishing target @name. */
void        _nd_store_set_no_target       (const char   *name,
                                           GError      **error);

/* UTC, "2024-05-14T07:30:00.123456Z". (transfer full) (nullable) */
char       *_nd_store_format_timestamp    (GDateTime    *date_time);
/* (transfer full) (nullable) */
GDateTime  *_nd_store_parse_timestamp     (const char   *text);

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

/* EXPLAIN QUERY PLAN of the query nd_store_list_items() runs for
 * @filter, one line per step, so tests can check the indexes are used.
 * (transfer full) */
char     *_nd_store_explain_list           (NdStore             *self,
                                            const NdStoreFilter *filter);

/* The same for the query of nd_store_list_handles(). (transfer full) */
char     *_nd_store_explain_handles        (NdStore             *self,
                                            const NdStoreFilter *filter);

/* An item (no body, no tags, no images) from a row of
 * ND_STORE_ITEM_COLUMNS. (transfer full) */
NdItem   *_nd_store_item_from_row          (sqlite3_stmt        *stmt);

/* Sets the tags of @items (element-type NdItem), whose rowids are
 * @rowids in the same order, with one query for all of them. */
gboolean  _nd_store_attach_tags            (NdStore             *self,
                                            GPtrArray           *items,
                                            const gint64        *rowids,
                                            GError             **error);

/* For tests: rank only the @window most recently added matches. */
void      _nd_store_set_rank_window        (NdStore     *self,
                                            guint        window);

/* The raw connection, for tests that need to look underneath. (transfer none) */
sqlite3  *_nd_store_get_db                 (NdStore     *self);

G_END_DECLS
