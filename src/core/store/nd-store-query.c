/* nd-store-query.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-private.h"
#include "nd-search-query.h"
#include "nd-store-private.h"
#include "nd-tag.h"

/* The reading side of NdStore that serves lists: listings, counts, search,
 * tag usage, and the handles and pages the lazy NdItemListModel reads.
 *
 * Tags are never read one item at a time: a page of items gets its tags
 * from one query over all their rowids, passed as one JSON array bound to
 * a parameter (json_each), so the SQL text stays fixed and cached. */

/* The list order. NULL dates sort last in a DESC order, and the index
 * items_date_idx (date, updated, rowid) serves it as it is. */
#define LIST_ORDER " ORDER BY items.date DESC, items.updated DESC, items.rowid DESC"

typedef enum
{
  LIST_SELECT_ITEMS,
  LIST_SELECT_COUNT,
  LIST_SELECT_HANDLES,
} ListSelect;

static const NdStoreFilter default_filter = ND_STORE_FILTER_INIT;

/* "[1,2,3]", for json_each (). (transfer full) */
static char *
handles_to_json (const gint64 *handles,
                 guint         n)
{
  GString *json = g_string_sized_new (2 + n * 8);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_printf (json, "%" G_GINT64_FORMAT, handles[i]);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

typedef struct
{
  GPtrArray *names;
  GPtrArray *keys;
} StoredTags;

static void
stored_tags_free (gpointer data)
{
  StoredTags *tags = data;

  g_ptr_array_unref (tags->names);
  g_ptr_array_unref (tags->keys);
  g_free (tags);
}

gboolean
_nd_store_attach_tags (NdStore       *self,
                       GPtrArray     *items,
                       const gint64  *rowids,
                       GError       **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GHashTable) by_item = NULL;
  g_autofree char *json = NULL;
  static const char * const none[] = { NULL };
  gboolean has_row;

  g_assert (ND_IS_STORE (self));
  g_assert (items != NULL);

  if (items->len == 0)
    return TRUE;

  /* One item (every nd_store_load_item ()) is the common case: a plain
   * lookup, without the JSON list and the sort the general query needs.
   * There, IN (…) rather than a join on json_each, so that a handle given
   * twice does not give its tags twice. */
  if (items->len == 1)
    {
      if (!(stmt = _nd_store_prepare (self,
                                      "SELECT it.item_id, t.name, t.key FROM item_tags it "
                                      "JOIN tags t ON t.id = it.tag_id "
                                      "WHERE it.item_id = ?1 ORDER BY it.position",
                                      error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowids[0]);
    }
  else
    {
      if (!(stmt = _nd_store_prepare (self,
                                      "SELECT it.item_id, t.name, t.key FROM item_tags it "
                                      "JOIN tags t ON t.id = it.tag_id "
                                      "WHERE it.item_id IN (SELECT value FROM json_each (?1)) "
                                      "ORDER BY it.item_id, it.position",
                                      error)))
        return FALSE;
      json = handles_to_json (rowids, items->len);
      _nd_store_bind_text (stmt, 1, json);
    }

  by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, stored_tags_free);

  for (;;)
    {
      StoredTags *tags;
      gint64 rowid;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      rowid = sqlite3_column_int64 (stmt, 0);
      if (!(tags = g_hash_table_lookup (by_item, &rowid)))
        {
          tags = g_new0 (StoredTags, 1);
          tags->names = g_ptr_array_new_with_free_func (g_free);
          tags->keys = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_item, g_memdup2 (&rowid, sizeof rowid), tags);
        }
      g_ptr_array_add (tags->names, g_strdup (_nd_store_column_text (stmt, 1)));
      g_ptr_array_add (tags->keys, g_strdup (_nd_store_column_text (stmt, 2)));
    }

  for (guint i = 0; i < items->len; i++)
    {
      StoredTags *tags = g_hash_table_lookup (by_item, &rowids[i]);

      if (tags == NULL)
        {
          _nd_item_set_stored_tags (g_ptr_array_index (items, i), none, none);
          continue;
        }

      g_ptr_array_add (tags->names, NULL);
      g_ptr_array_add (tags->keys, NULL);
      _nd_item_set_stored_tags (g_ptr_array_index (items, i),
                                (const char * const *) tags->names->pdata,
                                (const char * const *) tags->keys->pdata);
      g_ptr_array_remove_index (tags->names, tags->names->len - 1);
      g_ptr_array_remove_index (tags->keys, tags->keys->len - 1);
    }

  return TRUE;
}

/* Runs a query of ND_STORE_ITEM_COLUMNS (bound by the caller) and collects
 * the items, then their tags in one more query. */
static GPtrArray *
collect_items (NdStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  for (;;)
    {
      gint64 rowid;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
      g_ptr_array_add (items, _nd_store_item_from_row (stmt));
    }

  /* The listing's statement is done: reset it before the next query, so
   * that no read is left open while the tags are read. */
  sqlite3_reset (stmt);

  if (!_nd_store_attach_tags (self, items, (const gint64 *)(gpointer)rowids->data, error))
    return NULL;

  return g_steal_pointer (&items);
}

/* The SQL of a listing is built from fixed fragments only: the filter's
 * values are always bound. */
static char *
build_list_sql (const NdStoreFilter *filter,
                ListSelect           select)
{
  GString *sql = NULL;
  const char *glue = " WHERE ";

  switch (select)
    {
    case LIST_SELECT_ITEMS:
      sql = g_string_new ("SELECT " ND_STORE_ITEM_COLUMNS " FROM items");
      break;

    case LIST_SELECT_COUNT:
      sql = g_string_new ("SELECT count(*) FROM items");
      break;

    case LIST_SELECT_HANDLES:
      sql = g_string_new ("SELECT items.rowid FROM items");
      break;

    default:
      g_assert_not_reached ();
    }

  if (filter->status != ND_STORE_ANY)
    {
      g_string_append_printf (sql, "%sitems.status = :status", glue);
      glue = " AND ";
    }

  if (filter->kind != ND_STORE_ANY)
    {
      g_string_append_printf (sql, "%sitems.kind = :kind", glue);
      glue = " AND ";
    }

  if (filter->tag != NULL)
    g_string_append_printf (sql,
                            "%sitems.rowid IN (SELECT it.item_id FROM item_tags it "
                            "JOIN tags t ON t.id = it.tag_id WHERE t.key = :tag)",
                            glue);

  if (select == LIST_SELECT_ITEMS || select == LIST_SELECT_HANDLES)
    g_string_append (sql, LIST_ORDER " LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

static gboolean
bind_filter (sqlite3_stmt         *stmt,
             const NdStoreFilter  *filter,
             ListSelect            select,
             GError              **error)
{
  if (filter->status != ND_STORE_ANY)
    {
      if (filter->status < 0 || filter->status > ND_ITEM_STATUS_WITHDRAWN)
        {
          g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                       _("Unknown status %d"), filter->status);
          return FALSE;
        }
      _nd_store_bind_named_text (stmt, ":status",
                                 nd_item_status_to_key ((NdItemStatus)filter->status));
    }

  if (filter->kind != ND_STORE_ANY)
    {
      if (filter->kind < 0 || filter->kind > ND_ITEM_KIND_PUBLICATION)
        {
          g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                       _("Unknown kind %d"), filter->kind);
          return FALSE;
        }
      _nd_store_bind_named_text (stmt, ":kind",
                                 nd_item_kind_to_key ((NdItemKind)filter->kind));
    }

  if (filter->tag != NULL)
    {
      g_autofree char *key = nd_tag_key (filter->tag);

      /* An empty tag is nobody's: it filters everything out. */
      _nd_store_bind_named_text (stmt, ":tag", key != NULL ? key : "");
    }

  if (select == LIST_SELECT_ITEMS || select == LIST_SELECT_HANDLES)
    {
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                          filter->limit > 0 ? (gint64)filter->limit : -1);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"),
                          filter->offset);
    }

  return TRUE;
}

/* Prepares and binds the listing of @select for @filter. (transfer none) */
static NdStmt *
prepare_list (NdStore              *self,
              const NdStoreFilter  *filter,
              ListSelect            select,
              GError              **error)
{
  g_autofree char *sql = build_list_sql (filter, select);
  NdStmt *stmt;

  if (!(stmt = _nd_store_prepare (self, sql, error)))
    return NULL;

  if (!bind_filter (stmt, filter, select, error))
    {
      _nd_stmt_release (stmt);
      return NULL;
    }

  return stmt;
}

GPtrArray *
nd_store_list_items (NdStore              *self,
                     const NdStoreFilter  *filter,
                     GError              **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = prepare_list (self, filter != NULL ? filter : &default_filter,
                             LIST_SELECT_ITEMS, error)))
    return NULL;

  return collect_items (self, stmt, error);
}

guint
nd_store_count_items (NdStore              *self,
                      const NdStoreFilter  *filter,
                      GError              **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!(stmt = prepare_list (self, filter != NULL ? filter : &default_filter,
                             LIST_SELECT_COUNT, error)) ||
      !_nd_store_step_row (self, stmt, &has_row, error))
    return 0;

  return has_row ? (guint)sqlite3_column_int64 (stmt, 0) : 0;
}

static char *
explain (NdStore    *self,
         const char *sql)
{
  g_autofree char *text = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, text, -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", _nd_store_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);

  return g_string_free (plan, FALSE);
}

char *
_nd_store_explain_list (NdStore             *self,
                        const NdStoreFilter *filter)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);

  sql = build_list_sql (filter != NULL ? filter : &default_filter, LIST_SELECT_ITEMS);

  return explain (self, sql);
}

char *
_nd_store_explain_handles (NdStore             *self,
                           const NdStoreFilter *filter)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);

  sql = build_list_sql (filter != NULL ? filter : &default_filter, LIST_SELECT_HANDLES);

  return explain (self, sql);
}

/* Ranking. Ranking costs a microsecond or two per matching item (FTS5
 * reads each match's column sizes), so ranking every match of a word
 * found in half of 100,000 items takes longer than a keystroke may. A
 * search ranks the store's rank window (ND_STORE_RANK_WINDOW) of most
 * recently added matches instead and lists older matches after them,
 * newest first. A query with fewer matches than the window, which is what
 * a search narrows to as words are typed, is ranked in full. Equal ranks
 * put the newer item first. The rank is nd_rank () (nd-store-rank.c): bm25's order, title first,
 * without bm25's full pass over each word's matches. */
GPtrArray *
nd_store_search (NdStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GArray) handles = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(handles = nd_store_search_handles (self, text, limit, error)))
    return NULL;

  return nd_store_load_summaries (self, (const gint64 *) (gpointer) handles->data, handles->len, error);
}

/* Counts and tags */

/* Fills @counts (indexed by the enum) from "SELECT key, count(*)". */
static gboolean
count_by_key (NdStore     *self,
              const char  *sql,
              gboolean     by_status,
              guint       *counts,
              guint       *total,
              GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self, sql, error)))
    return FALSE;

  for (;;)
    {
      const char *key;
      guint n;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      key = _nd_store_column_text (stmt, 0);
      n = (guint)sqlite3_column_int64 (stmt, 1);

      if (by_status)
        {
          NdItemStatus status;

          if (nd_item_status_from_key (key, &status))
            counts[status] = n;
        }
      else
        {
          NdItemKind kind;

          if (nd_item_kind_from_key (key, &kind))
            counts[kind] = n;
        }

      if (total != NULL)
        *total += n;
    }

  return TRUE;
}

gboolean
nd_store_get_counts (NdStore        *self,
                     NdStoreCounts  *counts,
                     GError        **error)
{
  NdStoreCounts result = { 0 };

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Each GROUP BY walks the leading column of its own index
   * (items_status_date_idx, items_kind_date_idx) without touching the
   * table; the schema's CHECK makes every row count under one status. */
  if (!count_by_key (self, "SELECT status, count(*) FROM items GROUP BY status",
                     TRUE, result.by_status, &result.total, error) ||
      !count_by_key (self, "SELECT kind, count(*) FROM items GROUP BY kind",
                     FALSE, result.by_kind, NULL, error))
    return FALSE;

  *counts = result;

  return TRUE;
}

void
nd_tag_usage_free (NdTagUsage *usage)
{
  if (usage == NULL)
    return;

  g_free (usage->name);
  g_free (usage->key);
  g_free (usage);
}

/* The key range of every tag whose key starts with @prefix's key:
 * [key, bound). A trailing space is kept ("eu " finds "eu 2024", not
 * "europa"). FALSE when @prefix has no key (empty, only spaces). */
static gboolean
prefix_range (const char  *prefix,
              char       **lower,
              char       **upper)
{
  g_autofree char *key = nd_tag_key (prefix);
  const char *last;
  gsize len;

  if (key == NULL)
    return FALSE;

  last = g_utf8_find_prev_char (prefix, prefix + strlen (prefix));
  if (last != NULL && g_unichar_isspace (g_utf8_get_char (last)))
    {
      char *spaced = g_strconcat (key, " ", NULL);

      g_free (key);
      key = spaced;
    }

  /* Keys compare bytewise (BINARY). Raising the last byte by one gives
   * the first string after every string that starts with the key; UTF-8
   * has no 0xff byte, so this never overflows. The bound may be no valid
   * UTF-8, which does not matter for memcmp (). */
  len = strlen (key);
  *upper = g_strdup (key);
  (*upper)[len - 1] = (char)((guchar)(*upper)[len - 1] + 1);
  *lower = g_steal_pointer (&key);

  return TRUE;
}

GPtrArray *
nd_store_list_tags (NdStore     *self,
                    const char  *prefix,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (prefix == NULL || g_utf8_validate (prefix, -1, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Ties are ordered by key, that is by name without regard to case. The
   * prefix is a range on the unique index of tags.key; grouping by the key
   * (unique, like the id) lets that range give the groups in order, where
   * GROUP BY t.id made SQLite scan every tag. The counts come from
   * item_tags_tag_idx. */
  if (prefix != NULL && prefix_range (prefix, &lower, &upper))
    {
      if (!(stmt = _nd_store_prepare (self,
                                      "SELECT t.name, t.key, count(*) AS n FROM tags t "
                                      "JOIN item_tags it ON it.tag_id = t.id "
                                      "WHERE t.key >= ?1 AND t.key < ?2 "
                                      "GROUP BY t.key ORDER BY n DESC, t.key, t.name LIMIT ?3",
                                      error)))
        return NULL;
      _nd_store_bind_text (stmt, 1, lower);
      _nd_store_bind_text (stmt, 2, upper);
    }
  else
    {
      if (!(stmt = _nd_store_prepare (self,
                                      "SELECT t.name, t.key, count(*) AS n FROM item_tags it "
                                      "JOIN tags t ON t.id = it.tag_id "
                                      "GROUP BY it.tag_id ORDER BY n DESC, t.key, t.name LIMIT ?3",
                                      error)))
        return NULL;
    }

  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64)limit : -1);
  tags = g_ptr_array_new_with_free_func ((GDestroyNotify)nd_tag_usage_free);

  for (;;)
    {
      NdTagUsage *usage;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      usage = g_new0 (NdTagUsage, 1);
      usage->name = g_strdup (_nd_store_column_text (stmt, 0));
      usage->key = g_strdup (_nd_store_column_text (stmt, 1));
      usage->count = (guint)sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (tags, usage);
    }

  return g_steal_pointer (&tags);
}

/* The lazy list */

static GArray *
collect_handles (NdStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GArray) handles = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  for (;;)
    {
      gint64 handle;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      handle = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (handles, handle);
    }

  return g_steal_pointer (&handles);
}

GArray *
nd_store_list_handles (NdStore              *self,
                       const NdStoreFilter  *filter,
                       GError              **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = prepare_list (self, filter != NULL ? filter : &default_filter,
                             LIST_SELECT_HANDLES, error)))
    return NULL;

  return collect_handles (self, stmt, error);
}

typedef struct
{
  gint64 hit;
  double score;
} Hit;

/* Best first: the lower score, then the newer item. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;

  return (x->hit < y->hit) - (x->hit > y->hit);
}

/* The ranked window of @query, best first, at most @limit (0: all). It
 * is read once, newest first, and sorted here rather than in SQLite's
 * sorter: a thousand pairs sort in a few microseconds, where the sorter's
 * temporary b-tree took half a millisecond of every keystroke. */
static GArray *
search_window (NdStore     *self,
               const char  *query,
               guint        limit,
               GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  GArray *handles;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT rowid, " ND_STORE_RANK ("?1") " FROM items_fts "
                                  "WHERE items_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
                                  error)))
    return NULL;
  _nd_store_check_ranks (self);
  _nd_store_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, self->rank_window);

  for (;;)
    {
      Hit hit;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      hit.hit = sqlite3_column_int64 (stmt, 0);
      hit.score = sqlite3_column_double (stmt, 1);
      g_array_append_val (hits, hit);
    }

  g_array_sort (hits, compare_hits);
  if (limit > 0 && hits->len > limit)
    g_array_set_size (hits, limit);

  handles = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (handles, g_array_index (hits, Hit, i).hit);

  return handles;
}

/* The matches of @query added before @before, newest first. */
static GArray *
search_before (NdStore     *self,
               const char  *query,
               gint64       before,
               guint        limit,
               GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 "
                                  "AND rowid < ?2 ORDER BY rowid DESC LIMIT ?3",
                                  error)))
    return NULL;
  _nd_store_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, before);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  return collect_handles (self, stmt, error);
}

static gint64
oldest_handle (GArray *handles)
{
  gint64 oldest = G_MAXINT64;

  for (guint i = 0; i < handles->len; i++)
    oldest = MIN (oldest, g_array_index (handles, gint64, i));

  return oldest;
}

GArray *
nd_store_search_handles (NdStore     *self,
                         const char  *text,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GArray) handles = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = nd_search_query_to_fts (text);
  if (query == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The order of nd_store_search (): the ranked window first … */
  if (!(handles = search_window (self, query, limit, error)))
    return NULL;

  if (handles->len < self->rank_window || (limit > 0 && handles->len >= limit))
    return g_steal_pointer (&handles);

  /* … then the matches older than the window, newest first. */
  if (!(rest = search_before (self, query, oldest_handle (handles),
                              limit > 0 ? limit - handles->len : 0, error)))
    return NULL;

  g_array_append_vals (handles, rest->data, rest->len);

  return g_steal_pointer (&handles);
}

GArray *
nd_store_search_handles_ranked (NdStore     *self,
                                const char  *text,
                                GError     **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = nd_search_query_to_fts (text);
  if (query == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  return search_window (self, query, 0, error);
}

GArray *
nd_store_search_handles_before (NdStore     *self,
                                const char  *text,
                                gint64       before,
                                guint        limit,
                                GError     **error)
{
  g_autofree char *query = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = nd_search_query_to_fts (text);
  if (query == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  return search_before (self, query, before, limit, error);
}

/* A list row shows the lead image's thumbnail: the summaries get their
 * lead image, file information only (no bytes, no credit), read for the
 * whole page in one query. @json is the page's handles. */
static gboolean
attach_lead_images (NdStore     *self,
                    GPtrArray   *items,
                    const char  *json,
                    GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_row;

  if (items->len == 0)
    return TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_id, (gpointer) nd_item_get_id (item), item);
    }

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT items.uuid, i.id, i.sha256, i.mime, i.size, i.width, i.height "
                                  "FROM item_images ii "
                                  "JOIN images i ON i.id = ii.image_id "
                                  "JOIN items ON items.rowid = ii.item_id "
                                  "WHERE ii.item_id IN (SELECT value FROM json_each (?1)) "
                                  "  AND ii.role = 'lead' AND i.sha256 IS NOT NULL "
                                  "ORDER BY ii.item_id, ii.position",
                                  error)))
    return FALSE;

  _nd_store_bind_text (stmt, 1, json);

  for (;;)
    {
      g_autoptr(NdImage) image = NULL;
      NdItem *item;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      item = g_hash_table_lookup (by_id, _nd_store_column_text (stmt, 0));
      if (item == NULL || nd_item_get_lead_image (item) != NULL)
        continue;

      image = nd_image_new ();
      nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
      nd_image_set_store_id (image, sqlite3_column_int64 (stmt, 1));
      nd_image_set_file_info (image,
                              _nd_store_column_text (stmt, 2),
                              _nd_store_column_text (stmt, 3),
                              (guint64) sqlite3_column_int64 (stmt, 4),
                              (guint) sqlite3_column_int64 (stmt, 5),
                              (guint) sqlite3_column_int64 (stmt, 6));
      nd_item_add_image (item, image);
    }

  return TRUE;
}

GPtrArray *
nd_store_load_summaries (NdStore       *self,
                         const gint64  *handles,
                         guint          n,
                         GError       **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (handles != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* CROSS JOIN keeps json_each as the outer loop: one rowid lookup per
   * handle, in the order given ("key" is the index in the array). */
  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " ND_STORE_ITEM_COLUMNS " FROM json_each (?1) AS j "
                                  "CROSS JOIN items ON items.rowid = j.value "
                                  "ORDER BY j.key",
                                  error)))
    return NULL;

  json = handles_to_json (handles, n);
  _nd_store_bind_text (stmt, 1, json);

  if (!(items = collect_items (self, stmt, error)) ||
      !attach_lead_images (self, items, json, error))
    return NULL;

  return g_steal_pointer (&items);
}

gint64
nd_store_get_handle (NdStore    *self,
                     const char *id)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), 0);
  g_return_val_if_fail (id != NULL, 0);

  if (!(stmt = _nd_store_prepare (self, "SELECT rowid FROM items WHERE uuid = ?1", &error)))
    {
      g_warning ("%s", error->message);
      return 0;
    }

  _nd_store_bind_text (stmt, 1, id);
  if (!_nd_store_step_row (self, stmt, &has_row, &error))
    {
      g_warning ("%s", error->message);
      return 0;
    }

  return has_row ? sqlite3_column_int64 (stmt, 0) : 0;
}
