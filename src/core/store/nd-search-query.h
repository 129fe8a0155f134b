/* nd-search-query.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The size of a query is bounded (ND_LIMIT_SEARCH_WORDS words and
 * ND_LIMIT_SEARCH_CHARS characters, nd-limits.h): every search goes
 * through nd_search_query_to_fts(), which looks at no more than that, so
 * no query can keep the store busy for seconds. The command line refuses
 * a longer query (nd_search_query_check()); the window searches for the
 * first words and says so (nd_search_query_is_capped()). */

/* Turns what a user typed into an FTS5 MATCH expression that is always
 * valid: every word becomes a quoted string (so quotes, AND/OR/NOT, *, ^,
 * column filters and parentheses lose their meaning), words are ANDed,
 * and the last word matches as a prefix unless the text ends in a space
 * or the word is a single letter. Words after the first
 * ND_LIMIT_SEARCH_WORDS and characters after the first
 * ND_LIMIT_SEARCH_CHARS are ignored.
 * Returns NULL when the text has no word at all. (transfer full) */
char     *nd_search_query_to_fts      (const char  *text);

/* The number of words in @text, as nd_search_query_to_fts() counts them. */
guint     nd_search_query_count_words (const char  *text);

/* TRUE when nd_search_query_to_fts() ignores a part of @text. */
gboolean  nd_search_query_is_capped   (const char  *text);

/* Refuses a query that nd_search_query_to_fts() would cap, with a
 * translated message that says how long it is and what is allowed. */
gboolean  nd_search_query_check       (const char  *text,
                                       GError     **error);

/* What search as you type looks for while @text is being typed: @text
 * without a last word of one letter that is still being typed ("Anna M"
 * looks for "Anna "). Taken as a word, the letter would match almost
 * nothing, and the list would flash "No Results" on the way from "Anna"
 * to "Anna Müller"; as a prefix it would match nearly everything. A
 * single letter followed by a space is a word like any other.
 * Returns NULL when no word is left. (transfer full) */
char     *nd_search_query_while_typing (const char  *text);

G_END_DECLS
