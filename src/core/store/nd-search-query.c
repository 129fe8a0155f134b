/* nd-search-query.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-search-query"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-limits.h"
#include "nd-search-query.h"

/* A word is a run of letters and numbers. Combining marks belong to the
 * word they follow, so that a decomposed "Bru\u0308ssel" stays one word.
 * Everything else (quotes, apostrophes, hyphens, '*', ':', '^', brackets,
 * emoji) separates words; since no separator survives, no word can ever
 * contain a double quote, and FTS5 syntax has nothing left to act on. */
static gboolean
is_word_char (gunichar c,
              gboolean in_word)
{
  if (g_unichar_isalnum (c))
    return TRUE;

  return in_word && g_unichar_ismark (c);
}

char *
nd_search_query_to_fts (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  gboolean in_word = FALSE;
  gboolean ends_in_space = FALSE;
  guint n_words = 0;
  guint n_chars = 0;
  guint last_word_chars = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0' && n_chars < ND_LIMIT_SEARCH_CHARS;
       p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c, in_word))
        {
          if (!in_word)
            {
              /* A word beyond the limit: what came before is complete. */
              if (n_words == ND_LIMIT_SEARCH_WORDS)
                {
                  ends_in_space = TRUE;
                  break;
                }
              if (n_words > 0)
                g_string_append_c (out, ' ');
              g_string_append_c (out, '"');
              n_words++;
              in_word = TRUE;
              last_word_chars = 0;
            }
          g_string_append_unichar (out, c);
          if (!g_unichar_ismark (c))
            last_word_chars++;
        }
      else if (in_word)
        {
          g_string_append_c (out, '"');
          in_word = FALSE;
        }

      ends_in_space = g_unichar_isspace (c);
    }

  if (n_words == 0)
    return NULL;

  if (in_word)
    g_string_append_c (out, '"');

  /* While the user is still typing the last word, it matches as a prefix:
   * "Clusterk" finds "Clusterkonferenz". A trailing space ends the word.
   * A single letter is taken as a word, not as a prefix: "d*" would match
   * nearly every item and tell the user nothing. */
  if (!ends_in_space && last_word_chars >= 2)
    g_string_append_c (out, '*');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nd_search_query_while_typing (const char *text)
{
  g_autofree char *valid = NULL;
  const char *last_word = NULL;
  gboolean in_word = FALSE;
  guint n_words = 0;
  guint last_word_chars = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c, in_word))
        {
          if (!in_word)
            {
              last_word = p;
              last_word_chars = 0;
              n_words++;
              in_word = TRUE;
            }
          if (!g_unichar_ismark (c))
            last_word_chars++;
        }
      else
        in_word = FALSE;
    }

  /* Still typing a word of one letter: look for what came before it. */
  if (in_word && last_word_chars == 1)
    {
      if (n_words == 1)
        return NULL;
      return g_strndup (valid, last_word - valid);
    }

  return n_words > 0 ? g_steal_pointer (&valid) : NULL;
}

guint
nd_search_query_count_words (const char *text)
{
  g_autofree char *valid = NULL;
  gboolean in_word = FALSE;
  guint n_words = 0;

  if (text == NULL)
    return 0;

  valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean word_char = is_word_char (g_utf8_get_char (p), in_word);

      if (word_char && !in_word)
        n_words++;
      in_word = word_char;
    }

  return n_words;
}

gboolean
nd_search_query_is_capped (const char *text)
{
  if (text == NULL)
    return FALSE;

  return g_utf8_strlen (text, -1) > ND_LIMIT_SEARCH_CHARS ||
         nd_search_query_count_words (text) > ND_LIMIT_SEARCH_WORDS;
}

gboolean
nd_search_query_check (const char  *text,
                       GError     **error)
{
  glong n_chars;
  guint n_words;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > ND_LIMIT_SEARCH_CHARS)
    {
      g_autofree char *have = g_strdup_printf ("%'ld", n_chars);
      g_autofree char *allowed = g_strdup_printf ("%'d", ND_LIMIT_SEARCH_CHARS);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_LONG,
                   /* Translators: two numbers of characters */
                   _("The search is %s characters long; at most %s are allowed"),
                   have, allowed);
      return FALSE;
    }

  n_words = nd_search_query_count_words (text);
  if (n_words > ND_LIMIT_SEARCH_WORDS)
    {
      g_autofree char *have = g_strdup_printf ("%'u", n_words);
      g_autofree char *allowed = g_strdup_printf ("%'d", ND_LIMIT_SEARCH_WORDS);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_MANY,
                   /* Translators: two numbers of words */
                   _("The search has %s words; at most %s are allowed"),
                   have, allowed);
      return FALSE;
    }

  return TRUE;
}
