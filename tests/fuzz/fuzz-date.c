/* fuzz-date.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The date parser (nd-date.c). Oracle: whatever the parser accepts, the
 * store accepts too (nd_date_is_valid ()), and the text format writes it
 * in a form that parses back to the same date; no input makes any of the
 * helpers fail an assertion. */

#include "config.h"

#include <string.h>

#include "nd-date.h"
#include "nd-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  return 0;
}

static void
check_text_round_trip (const char *iso,
                       const char *language)
{
  g_autofree char *text = nd_date_format_for_text (iso, language);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  ND_FUZZ_CHECK (text != NULL, "“%s” has no text form", iso);
  back = nd_date_parse (text, &error);
  ND_FUZZ_CHECK (back != NULL, "“%s” written as “%s” does not parse back: %s",
                 iso, text, error->message);
  ND_FUZZ_CHECK (strcmp (back, iso) == 0, "“%s” written as “%s” parses back as “%s”",
                 iso, text, back);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GDateTime) dt = NULL;

  /* What the store is given directly (imports): never crashes. */
  if (nd_date_is_valid (text))
    {
      g_autoptr(GDateTime) stored = nd_date_to_date_time (text);

      ND_FUZZ_CHECK (stored != NULL, "“%s” is valid but has no date-time", text);
      g_free (nd_date_format_for_display (text));
    }
  nd_date_has_time (text);

  iso = nd_date_parse (text, &error);
  if (iso == NULL)
    {
      ND_FUZZ_CHECK (error != NULL && error->domain == ND_DATE_ERROR, "no error for “%s”", text);
      return 0;
    }

  /* The parser and the store agree (the year-665 defect). */
  ND_FUZZ_CHECK (nd_date_is_valid (iso), "“%s” parsed as “%s”, which the store refuses", text, iso);
  dt = nd_date_to_date_time (iso);
  ND_FUZZ_CHECK (dt != NULL, "“%s” has no date-time", iso);
  display = nd_date_format_for_display (iso);
  ND_FUZZ_CHECK (display != NULL, "“%s” cannot be shown", iso);

  check_text_round_trip (iso, "de");
  check_text_round_trip (iso, "en");

  return 0;
}
