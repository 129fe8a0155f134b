/* fuzz-search-query.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The search-query parser (nd-search-query.c). Oracle: what it makes of
 * any text is a MATCH expression that SQLite's FTS5, configured as the
 * store's index, accepts: a user's search never ends in a syntax error. */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "nd-fuzz.h"
#include "nd-search-query.h"

static sqlite3 *db;
static sqlite3_stmt *match;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();

  /* As migration 2 of nd-store-schema.c makes it, with two rows. */
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE items_fts USING fts5 ("
                    "  title, teaser, body, tags,"
                    "  tokenize = 'unicode61 remove_diacritics 2',"
                    "  prefix = '2 3 4 5 6 7 8 9 10 11 12');"
                    "INSERT INTO items_fts VALUES ('Clusterkonferenz 2024', 'Rückblick', 'Sechs Leute auf der Bühne', 'Forschung');"
                    "INSERT INTO items_fts VALUES ('Fish & chips', 'A teaser', 'Some body', 'Test');",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 ORDER BY rank",
                          -1, &match, NULL) != SQLITE_OK)
    g_error ("cannot set up FTS5: %s", sqlite3_errmsg (db));

  return 0;
}

static void
check_match (const char *text,
             const char *query)
{
  int rc;

  if (query == NULL)
    return;

  ND_FUZZ_CHECK (g_utf8_validate (query, -1, NULL), "“%s” gave a query that is not UTF-8", text);

  sqlite3_reset (match);
  sqlite3_bind_text (match, 1, query, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (match)) == SQLITE_ROW)
    ;
  ND_FUZZ_CHECK (rc == SQLITE_DONE, "“%s” gave “%s”, which FTS5 refuses: %s",
                 text, query, sqlite3_errmsg (db));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *query = NULL;
  g_autofree char *typing = NULL;
  g_autofree char *typing_query = NULL;

  /* The entry and the command line hand over UTF-8 text. */
  if (size > 4096 || !g_utf8_validate ((const char *) data, (gssize) size, NULL))
    return 0;
  text = g_strndup ((const char *) data, size);

  query = nd_search_query_to_fts (text);
  check_match (text, query);
  /* Search as you type looks for less of the text, the same way. */
  typing = nd_search_query_while_typing (text);
  if (typing != NULL)
    {
      typing_query = nd_search_query_to_fts (typing);
      check_match (typing, typing_query);
    }

  return 0;
}
