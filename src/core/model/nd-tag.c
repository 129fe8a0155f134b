/* nd-tag.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-tag"

#include "config.h"

#include "nd-tag.h"

/* Trims the tag and collapses every run of Unicode white space to one
 * ASCII space, so that "ECCP  2024" and "ECCP 2024" are one tag. */
static char *
collapse_whitespace (const char *tag)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  g_assert (tag != NULL);

  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = TRUE;
          continue;
        }

      if (pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nd_tag_normalize (const char *tag)
{
  g_autofree char *collapsed = NULL;

  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (tag, -1, NULL), NULL);

  collapsed = collapse_whitespace (tag);

  return g_utf8_normalize (collapsed, -1, G_NORMALIZE_NFC);
}

char *
nd_tag_key (const char *tag)
{
  g_autofree char *collapsed = NULL;
  g_autofree char *nfkc = NULL;

  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (tag, -1, NULL), NULL);

  collapsed = collapse_whitespace (tag);
  if (collapsed[0] == '\0')
    return NULL;

  nfkc = g_utf8_normalize (collapsed, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (nfkc, -1);
}

gboolean
nd_tag_equal (const char *a,
              const char *b)
{
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  key_a = nd_tag_key (a);
  key_b = nd_tag_key (b);

  return key_a != NULL && g_strcmp0 (key_a, key_b) == 0;
}
