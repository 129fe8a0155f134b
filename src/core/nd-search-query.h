/* nd-search-query.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Turns what a user typed into an FTS5 MATCH expression that is always
 * valid: every word becomes a quoted string (so quotes, AND/OR/NOT, *, ^,
 * column filters and parentheses lose their meaning), words are ANDed,
 * and the last word matches as a prefix unless the text ends in a space
 * or the word is a single letter.
 * Returns NULL when the text has no word at all. (transfer full) */
char *nd_search_query_to_fts (const char *text);

/* What search as you type looks for while @text is being typed: @text
 * without a last word of one letter that is still being typed ("Anna M"
 * looks for "Anna "). Taken as a word, the letter would match almost
 * nothing, and the list would flash "No Results" on the way from "Anna"
 * to "Anna Müller"; as a prefix it would match nearly everything. A
 * single letter followed by a space is a word like any other.
 * Returns NULL when no word is left. (transfer full) */
char *nd_search_query_while_typing (const char *text);

G_END_DECLS
