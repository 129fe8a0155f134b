/* test-slug.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-slug"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "nd-slug.h"

/* The one rule the editor, the import and the publisher share. */
static void
test_from_title (void)
{
  static const struct {
    const char *title;
    const char *language;
    const char *slug;
  } cases[] = {
    { "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel", "de",
      "eccp-rueckblick-auf-europaeische-clusterkonferenz-2024-in-bruessel" },
    { "Größe & Maß", "de", "groesse-mass" },
    { "Äpfel, Öl, Übermut", "de-AT", "aepfel-oel-uebermut" },
    { "Café crème in Zürich", "en", "cafe-creme-in-zurich" },
    { "  --Hello,   World!--  ", "en", "hello-world" },
    { "Title <img src=x onerror=alert(1)> &amp;", "en", "title-img-src-x-onerror-alert-1-amp" },
    { "", "de", "" },
    { "!!!", "de", "" },
    { "Привет мир", "en", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = nd_slug_from_title (cases[i].title, cases[i].language);

      g_assert_cmpstr (slug, ==, cases[i].slug);
    }
}

static void
test_bounds (void)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *slug = NULL;
  g_autofree char *none = nd_slug_from_title (NULL, NULL);
  g_autofree char *invalid = nd_slug_from_title ("ab\xff" "cd", "de");

  for (guint i = 0; i < 100; i++)
    g_string_append (title, "Wort ");
  slug = nd_slug_from_title (title->str, "de");

  g_assert_cmpuint (strlen (slug), <=, ND_SLUG_MAX_LENGTH);
  g_assert_true (g_str_has_prefix (slug, "wort-wort-"));
  g_assert_false (g_str_has_suffix (slug, "-"));
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (invalid, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slug/from-title", test_from_title);
  g_test_add_func ("/slug/bounds", test_bounds);

  return g_test_run ();
}
