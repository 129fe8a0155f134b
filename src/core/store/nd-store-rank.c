/* nd-store-rank.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* nd_rank (): the ranking of a search, FTS5's bm25 without its most
 * expensive step.
 *
 * bm25 weighs each phrase of a query by its inverse document frequency,
 * which FTS5 finds by reading the phrase's whole document list once per
 * query: 4 ms for a prefix such as "fo"* that 95,000 of 100,000 items
 * match, on every keystroke, before a single row is ranked. nd_rank ()
 * computes the same score with two savings, and no other difference:
 *
 * - A query of one phrase needs no IDF at all: it multiplies every row's
 *   score by the same positive number, so the order is bm25's without it.
 * - For several phrases, counting stops at half the rows: from there on
 *   bm25 sets the IDF to its floor (1e-6) whatever the exact count.
 *
 * - A phrase's count is kept (in the store, per phrase text) until the
 *   index changes: while one types "Anna Mü", "Anna" is counted once.
 *   The query's text, given as the first argument, names the phrases.
 *
 * The other terms (k1 = 1.2, b = 0.75, the column weights, the row's
 * length against the average) are bm25's, as in SQLite's fts5_aux.c.
 * Arguments: the MATCH text, then a weight per column, like bm25 ().
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <math.h>

#include "nd-store-private.h"

#define K1 1.2
#define B  0.75

typedef struct
{
  int     n_phrases;
  double  average_length;  /* tokens per row, all columns */
  double *idf;             /* per phrase */
} RankData;

typedef struct
{
  sqlite3_int64 n;
  sqlite3_int64 stop;
} Count;

static void
rank_data_free (void *data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank);
}

static int
count_row_cb (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              void                   *user_data)
{
  Count *count = user_data;

  /* SQLITE_DONE ends xQueryPhrase () without an error. */
  return ++count->n >= count->stop ? SQLITE_DONE : SQLITE_OK;
}

/* The phrases of a MATCH text as written by nd_search_query_to_fts ():
 * quoted strings ("" inside stands for "), each maybe followed by *. In
 * FTS5 each is one phrase, numbered in this order. (transfer full) */
static GPtrArray *
split_phrases (const char *match)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  const char *p = match;

  while (p != NULL && *p != '\0')
    {
      g_autoptr(GString) phrase = NULL;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      if (*p != '"')
        return NULL;  /* not ours: no names, no keeping */

      phrase = g_string_new (NULL);
      for (p++; *p != '\0'; p++)
        {
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            break;
          g_string_append_c (phrase, *p);
        }
      if (*p != '"')
        return NULL;
      p++;
      if (*p == '*')
        {
          g_string_append_c (phrase, '*');
          p++;
        }
      g_ptr_array_add (phrases, g_string_free (g_steal_pointer (&phrase), FALSE));
    }

  return g_steal_pointer (&phrases);
}

/* bm25's IDF of phrase @phrase, counting its rows up to half of @n_rows
 * (or taking the count kept under @name). */
static int
phrase_idf (NdStore                *store,
            const Fts5ExtensionApi *api,
            Fts5Context            *fts,
            int                     phrase,
            const char             *name,
            sqlite3_int64           n_rows,
            double                 *idf)
{
  Count count = { 0, MAX (n_rows / 2 + 1, 1) };
  gpointer kept;
  int rc;

  if (name != NULL && g_hash_table_lookup_extended (store->phrase_rows, name, NULL, &kept))
    count.n = GPOINTER_TO_SIZE (kept);
  else
    {
      if ((rc = api->xQueryPhrase (fts, phrase, &count, count_row_cb)) != SQLITE_OK)
        return rc;
      if (name != NULL)
        g_hash_table_insert (store->phrase_rows, g_strdup (name), GSIZE_TO_POINTER ((gsize) count.n));
    }

  *idf = log ((n_rows - count.n + 0.5) / (count.n + 0.5));
  if (*idf <= 0.0)
    *idf = 1e-6;

  return SQLITE_OK;
}

/* Once per query: the average row length and the phrases' weights. */
static int
rank_data_new (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               const char              *match,
               RankData               **out)
{
  NdStore *store = api->xUserData (fts);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree RankData *rank = g_new0 (RankData, 1);
  g_autofree double *idf = NULL;
  sqlite3_int64 n_rows = 0;
  sqlite3_int64 n_tokens = 0;
  int rc;

  if ((rc = api->xRowCount (fts, &n_rows)) != SQLITE_OK ||
      (rc = api->xColumnTotalSize (fts, -1, &n_tokens)) != SQLITE_OK)
    return rc;

  rank->n_phrases = api->xPhraseCount (fts);
  rank->average_length = n_rows > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  if (rank->average_length <= 0.0)
    rank->average_length = 1.0;

  /* Counts are kept only when the phrases are known by name. */
  names = split_phrases (match);
  if (names != NULL && names->len != (guint) rank->n_phrases)
    g_clear_pointer (&names, g_ptr_array_unref);

  idf = g_new (double, MAX (rank->n_phrases, 1));
  for (int i = 0; i < rank->n_phrases; i++)
    {
      if (rank->n_phrases == 1)
        idf[i] = 1.0;
      else if ((rc = phrase_idf (store, api, fts, i, names != NULL ? g_ptr_array_index (names, i) : NULL,
                                 n_rows, &idf[i])) != SQLITE_OK)
        return rc;
    }

  rank->idf = g_steal_pointer (&idf);
  *out = g_steal_pointer (&rank);

  return SQLITE_OK;
}

static void
nd_rank (const Fts5ExtensionApi  *api,
         Fts5Context             *fts,
         sqlite3_context         *context,
         int                      n_values,
         sqlite3_value          **values)
{
  RankData *rank = api->xGetAuxdata (fts, 0);
  g_autofree double *frequency = NULL;
  int n_instances = 0;
  int n_tokens = 0;
  double score = 0.0;
  int rc;

  if (n_values < 1)
    {
      sqlite3_result_error (context, "nd_rank () takes the MATCH text, then the column weights", -1);
      return;
    }

  if (rank == NULL)
    {
      if ((rc = rank_data_new (api, fts, (const char *) sqlite3_value_text (values[0]), &rank)) != SQLITE_OK ||
          (rc = api->xSetAuxdata (fts, rank, rank_data_free)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
    }

  /* The phrases' frequencies in this row, each hit weighted by its column. */
  frequency = g_new0 (double, MAX (rank->n_phrases, 1));
  if ((rc = api->xInstCount (fts, &n_instances)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  for (int i = 0; i < n_instances; i++)
    {
      int phrase, column, offset;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      frequency[phrase] += column + 1 < n_values ? sqlite3_value_double (values[column + 1]) : 1.0;
    }

  if ((rc = api->xColumnSize (fts, -1, &n_tokens)) != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < rank->n_phrases; i++)
    score += rank->idf[i] * (frequency[i] * (K1 + 1.0)) /
             (frequency[i] + K1 * (1.0 - B + B * n_tokens / rank->average_length));

  /* Smaller is better, as with bm25 (): ORDER BY score. */
  sqlite3_result_double (context, -score);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  /* The documented way to reach the FTS5 API of a connection. */
  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return api;
}

gboolean
_nd_store_register_rank (NdStore  *self,
                         GError  **error)
{
  fts5_api *api = get_fts5_api (self->db);
  int rc;

  if (api == NULL)
    {
      _nd_store_set_error (self, SQLITE_ERROR, error);
      return FALSE;
    }

  /* The store outlives its connection, and with it this function. */
  rc = api->xCreateFunction (api, "nd_rank", self, nd_rank, NULL);
  if (rc != SQLITE_OK)
    {
      _nd_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

void
_nd_store_forget_ranks (NdStore *self)
{
  g_hash_table_remove_all (self->phrase_rows);
}

void
_nd_store_check_ranks (NdStore *self)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;
  gint64 version;

  /* data_version changes with every commit of another connection. */
  if (!(stmt = _nd_store_prepare (self, "PRAGMA data_version", NULL)) ||
      !_nd_store_step_row (self, stmt, &has_row, NULL) || !has_row)
    {
      _nd_store_forget_ranks (self);
      return;
    }

  version = sqlite3_column_int64 (stmt, 0);
  if (version != self->data_version)
    _nd_store_forget_ranks (self);
  self->data_version = version;
}
