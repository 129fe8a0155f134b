/* nd-slug.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-slug"

#include "config.h"

#include "nd-slug.h"

static gboolean
language_is_german (const char *language)
{
  return language != NULL &&
         g_ascii_strncasecmp (language, "de", 2) == 0 &&
         (language[2] == '\0' || language[2] == '-' || language[2] == '_');
}

char *
nd_slug_from_title (const char *title,
                    const char *language)
{
  g_autofree char *ascii = NULL;
  GString *slug;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    return g_strdup ("");

  /* German transliterates ü as ue ("Brüssel" → "bruessel"); g_str_to_ascii()
   * knows the rule, whatever the process's own locale. Characters it
   * cannot transliterate become "?", a separator below. */
  ascii = g_str_to_ascii (title, language_is_german (language) ? "de" : "C");
  slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < ND_SLUG_MAX_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}
