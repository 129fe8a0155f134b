/* test-search-query.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search-query"

#include "config.h"

#include <sqlite3.h>

#include "nd-search-query.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static const Case cases[] = {
  { "brussel", "\"brussel\"*" },
  { "brussel ", "\"brussel\"" },
  { "Brüssel Klima", "\"Brüssel\" \"Klima\"*" },
  { "  Brüssel   Klima  ", "\"Brüssel\" \"Klima\"" },
  { "Clusterk", "\"Clusterk\"*" },
  { "2024", "\"2024\"*" },
  /* A single letter is a word, two letters are already a prefix. */
  { "d", "\"d\"" },
  { "Cl", "\"Cl\"*" },
  { "Brüssel d", "\"Brüssel\" \"d\"" },
  { "u\xcc\x88", "\"u\xcc\x88\"" },
  /* FTS5 syntax loses its meaning. */
  { "\"", NULL },
  { "\"quoted phrase\"", "\"quoted\" \"phrase\"*" },
  { "a\"b", "\"a\" \"b\"" },
  { "AND", "\"AND\"*" },
  { "OR NOT", "\"OR\" \"NOT\"*" },
  { "cats AND dogs ", "\"cats\" \"AND\" \"dogs\"" },
  { "title:foo", "\"title\" \"foo\"*" },
  { "*", NULL },
  { "foo*", "\"foo\"*" },
  { "(", NULL },
  { "(a OR b)", "\"a\" \"OR\" \"b\"" },
  { "^x", "\"x\"" },
  { "NEAR(a b)", "\"NEAR\" \"a\" \"b\"" },
  { "a + b - c", "\"a\" \"b\" \"c\"" },
  { "{title body}: x", "\"title\" \"body\" \"x\"" },
  /* Apostrophes and hyphens separate words. */
  { "Kinder-Uni", "\"Kinder\" \"Uni\"*" },
  { "l'homme", "\"l\" \"homme\"*" },
  /* Emoji and symbols are no words. */
  { "🎉 party", "\"party\"*" },
  { "party 🎉", "\"party\"" "*" },
  { "© 2024", "\"2024\"*" },
  /* A combining mark stays with its letter. */
  { "Bru\xcc\x88ssel", "\"Bru\xcc\x88ssel\"*" },
  { "ÆØÅ ñ", "\"ÆØÅ\" \"ñ\"" },
  { "日本語", "\"日本語\"*" },
  { "a\tb\n", "\"a\" \"b\"" },
};

static const char * const no_words[] = {
  "", "  ", "***", "\"\"", "-", "'", "()", "🎉", "\t\n", ":^*",
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = nd_search_query_to_fts (cases[i].input);

      g_test_message ("%s → %s", cases[i].input, fts ? fts : "(null)");
      g_assert_cmpstr (fts, ==, cases[i].expected);
    }
}

static void
test_no_words (void)
{
  g_assert_null (nd_search_query_to_fts (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (no_words); i++)
    {
      g_autofree char *fts = nd_search_query_to_fts (no_words[i]);

      g_assert_null (fts);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *fts = nd_search_query_to_fts ("ab\xff\xfe" "cd");

  /* The bad bytes become U+FFFD, which is no letter: two words. */
  g_assert_cmpstr (fts, ==, "\"ab\" \"cd\"*");
}

/* Every output, and a pile of hostile inputs, is a valid FTS5 query. */
static void
test_valid_fts (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE t USING fts5 (a, b, "
                                 "tokenize = 'unicode61 remove_diacritics 2');"
                                 "INSERT INTO t VALUES ('Brüssel', 'x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  while (big->len < 10 * 1024)
    g_string_append (big, "\"AND OR NOT ( ) * ^ : NEAR word-x ");

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *input = i < G_N_ELEMENTS (cases) ? cases[i].input : big->str;
      g_autofree char *fts = nd_search_query_to_fts (input);
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (fts == NULL)
        continue;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM t WHERE t MATCH ?",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        g_error ("%s: %s", fts, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
}

/* Search as you type leaves out a last word of one letter still being
 * typed, and nothing else. */
static void
test_while_typing (void)
{
  static const struct { const char *text; const char *expected; } typing[] = {
    { "F", NULL },
    { "  F", NULL },
    { "Fö", "Fö" },
    { "Förderung", "Förderung" },
    { "Förderung ", "Förderung " },
    { "Förderung M", "Förderung " },
    { "Förderung Mi", "Förderung Mi" },
    { "Förderung M ", "Förderung M " },          /* a word of one letter, typed out */
    { "Anna Müller, J", "Anna Müller, " },
    { "e\xcc\x81", NULL },                         /* one letter with its accent */
    { "Brüssel é", "Brüssel " },
    { "5", NULL },
    { "5 G", "5 " },
    { "…", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      g_autofree char *query = nd_search_query_while_typing (typing[i].text);

      g_test_message ("“%s”", typing[i].text);
      g_assert_cmpstr (query, ==, typing[i].expected);
    }

  g_assert_null (nd_search_query_while_typing (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-query/cases", test_cases);
  g_test_add_func ("/search-query/no-words", test_no_words);
  g_test_add_func ("/search-query/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/search-query/valid-fts", test_valid_fts);
  g_test_add_func ("/search-query/while-typing", test_while_typing);

  return g_test_run ();
}
