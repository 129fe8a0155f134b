/* test-search-query.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search-query"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "nd-item.h"
#include "nd-limits.h"
#include "nd-search-query.h"
#include "nd-store.h"
#include "nd-test-utils.h"

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

/* The number of quoted phrases in a MATCH text of nd_search_query_to_fts(). */
static guint
count_phrases (const char *match)
{
  guint n = 0;

  for (const char *p = match; *p != '\0'; p++)
    n += *p == '"';

  return n / 2;
}

static void
test_bounds (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *match = NULL;
  g_autofree char *long_word = g_strnfill (ND_LIMIT_SEARCH_CHARS + 1, 'w');

  for (guint i = 0; i < ND_LIMIT_SEARCH_WORDS; i++)
    g_string_append_printf (text, "word%u ", i);
  g_string_truncate (text, text->len - 1);

  /* At the limit: all of it, the last word a prefix. */
  g_assert_cmpuint (nd_search_query_count_words (text->str), ==, ND_LIMIT_SEARCH_WORDS);
  g_assert_false (nd_search_query_is_capped (text->str));
  g_assert_true (nd_search_query_check (text->str, &error));
  g_assert_no_error (error);
  match = nd_search_query_to_fts (text->str);
  g_assert_cmpuint (count_phrases (match), ==, ND_LIMIT_SEARCH_WORDS);
  g_assert_true (g_str_has_suffix (match, "\"*"));
  g_clear_pointer (&match, g_free);

  /* One more: the first ones, the last of them a whole word. */
  g_string_append (text, " extra");
  g_assert_true (nd_search_query_is_capped (text->str));
  g_assert_false (nd_search_query_check (text->str, &error));
  g_assert_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_MANY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  match = nd_search_query_to_fts (text->str);
  g_assert_cmpuint (count_phrases (match), ==, ND_LIMIT_SEARCH_WORDS);
  g_assert_null (strstr (match, "extra"));
  g_assert_true (g_str_has_suffix (match, "\""));
  g_clear_pointer (&match, g_free);

  /* Characters: a single word too long. */
  g_assert_true (nd_search_query_is_capped (long_word));
  g_assert_false (nd_search_query_check (long_word, &error));
  g_assert_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_LONG);
  g_clear_error (&error);
  match = nd_search_query_to_fts (long_word);
  g_assert_cmpuint (strlen (match), ==, ND_LIMIT_SEARCH_CHARS + 3);  /* "…"* */
}

static gint64
time_search (NdStore    *store,
             const char *text,
             guint      *n_found)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 start = g_get_monotonic_time ();

  items = nd_store_search (store, text, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  *n_found = items->len;

  return g_get_monotonic_time () - start;
}

/* The 16,000 repeated words of the report, and the largest query that is
 * searched as a whole, through a store of a few hundred items. */
static void
test_bounded_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("newsdesk-search-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GString) repeated = g_string_new (NULL);
  g_autoptr(GString) maximal = g_string_new (NULL);
  guint n_items = g_getenv ("ND_TEST_SMALL") != NULL ? 100 : 400;
  guint n_found = 0;
  gint64 took;

  g_assert_no_error (error);
  path = g_build_filename (dir, "search.db", NULL);
  store = nd_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(NdItem) item = nd_item_new ();
      g_autofree char *title = g_strdup_printf ("Cluster conference %u in Brussels", i);

      nd_item_set_title (item, title);
      nd_item_set_teaser (item, "Clusters meet words of every kind.");
      nd_item_set_body (item, "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 "
                              "cluster conference brussels policy transformation green");
      g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_NONE, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < 16000; i++)
    g_string_append (repeated, "cluster ");
  took = time_search (store, repeated->str, &n_found);
  g_assert_cmpuint (n_found, ==, n_items);
  g_test_message ("16,000 repeated words (searched: the first %d) over %u items: %.1f ms",
                  ND_LIMIT_SEARCH_WORDS, n_items, took / 1000.0);

  /* 32 different words, all in every item, as long as allowed. */
  for (guint i = 0; i < ND_LIMIT_SEARCH_WORDS; i++)
    g_string_append_printf (maximal, "word%u ", i % 10);
  while (g_utf8_strlen (maximal->str, -1) < ND_LIMIT_SEARCH_CHARS)
    g_string_append_c (maximal, ' ');
  g_assert_false (nd_search_query_is_capped (maximal->str));
  took = time_search (store, maximal->str, &n_found);
  g_assert_cmpuint (n_found, ==, n_items);
  g_test_message ("a maximal query (%d words, %d characters) over %u items: %.1f ms",
                  ND_LIMIT_SEARCH_WORDS, ND_LIMIT_SEARCH_CHARS, n_items, took / 1000.0);

  g_clear_object (&store);
  nd_test_remove_tree (dir);
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
  g_test_add_func ("/search-query/bounds", test_bounds);
  g_test_add_func ("/search-query/bounded-time", test_bounded_time);

  return g_test_run ();
}
