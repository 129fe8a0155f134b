/* test-date.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-date"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "nd-date.h"

/* The tests run in Berlin time, given as a POSIX rule so that they do not
 * depend on tzdata: CET (+01:00) in winter, CEST (+02:00) in summer. */
#define BERLIN_TZ "CET-1CEST,M3.5.0,M10.5.0/3"

static void
assert_parses (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = nd_date_parse (text, &error);

  if (error != NULL)
    g_test_message ("parsing “%s”: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, expected);
  g_assert_true (nd_date_is_valid (iso));
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = nd_date_parse (text, &error);

  if (iso != NULL)
    g_test_message ("“%s” parsed as %s", text, iso);
  g_assert_null (iso);
  g_assert_error (error, ND_DATE_ERROR, ND_DATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024-05-14"));
}

static void
test_parse_dates (void)
{
  assert_parses ("14.05.2024", "2024-05-14");
  assert_parses ("14.5.2024", "2024-05-14");
  assert_parses ("4.5.2024", "2024-05-04");
  assert_parses ("  14.05.2024 ", "2024-05-14");
  assert_parses ("2024-05-14", "2024-05-14");
  assert_parses ("2024-5-4", "2024-05-04");
  assert_parses ("14. Mai 2024", "2024-05-14");
  assert_parses ("14 Mai 2024", "2024-05-14");
  assert_parses ("14. März 2024", "2024-03-14");
  /* "März" with a combining diaeresis */
  assert_parses ("14. Ma\xcc\x88rz 2024", "2024-03-14");
  assert_parses ("14. Maerz 2024", "2024-03-14");
  assert_parses ("1. Januar 2024", "2024-01-01");
  assert_parses ("1. Jan. 2024", "2024-01-01");
  assert_parses ("29. Feb. 2024", "2024-02-29");
  assert_parses ("3. Okt. 2024", "2024-10-03");
  assert_parses ("24. Dezember 2024", "2024-12-24");
  assert_parses ("24. dez 2024", "2024-12-24");
  assert_parses ("14 May 2024", "2024-05-14");
  assert_parses ("14 MAY 2024", "2024-05-14");
  assert_parses ("May 14, 2024", "2024-05-14");
  assert_parses ("May 14 2024", "2024-05-14");
  assert_parses ("Sept. 3, 2024", "2024-09-03");
  assert_parses ("October 31, 2024", "2024-10-31");
}

static void
test_parse_times (void)
{
  assert_parses ("14.05.2024 10:30", "2024-05-14T10:30:00+02:00");
  assert_parses ("14.05.2024 10:30 Uhr", "2024-05-14T10:30:00+02:00");
  assert_parses ("14.05.2024 10.30 Uhr", "2024-05-14T10:30:00+02:00");
  assert_parses ("14.05.2024, 9:05", "2024-05-14T09:05:00+02:00");
  assert_parses ("14.01.2024 10:30", "2024-01-14T10:30:00+01:00");
  assert_parses ("2024-05-14 10:30", "2024-05-14T10:30:00+02:00");
  assert_parses ("14. Mai 2024 10:30 Uhr", "2024-05-14T10:30:00+02:00");
  assert_parses ("14 May 2024 23:59", "2024-05-14T23:59:00+02:00");
  assert_parses ("May 14, 2024, 00:00", "2024-05-14T00:00:00+02:00");
  assert_parses ("14.05.2024 10:30:15", "2024-05-14T10:30:15+02:00");
}

static void
test_parse_iso_date_times (void)
{
  assert_parses ("2024-05-14T10:30:00Z", "2024-05-14T10:30:00+00:00");
  assert_parses ("2024-05-14T10:30:00+02:00", "2024-05-14T10:30:00+02:00");
  assert_parses ("2024-05-14T10:30:00-05:30", "2024-05-14T10:30:00-05:30");
  assert_parses ("2024-05-14T10:30:00.250+02:00", "2024-05-14T10:30:00+02:00");
  /* Without an offset, a time is local. */
  assert_parses ("2024-05-14T10:30:00", "2024-05-14T10:30:00+02:00");
  assert_parses ("2024-12-14T10:30", "2024-12-14T10:30:00+01:00");
}

static void
test_parse_invalid (void)
{
  assert_refused ("31.02.2024");
  assert_refused ("29.02.2023");
  assert_refused ("2024-13-01");
  assert_refused ("2024-00-10");
  assert_refused ("32.01.2024");
  assert_refused ("gestern");
  assert_refused ("");
  assert_refused ("   ");
  assert_refused ("14.05.24");
  assert_refused ("14. Foo 2024");
  assert_refused ("14.05.2024 25:00");
  assert_refused ("14.05.2024 10:60");
  assert_refused ("14.05.2024 10.30");
  assert_refused ("14.05.2024 morgen");
  assert_refused ("2024-05-14T25:00:00Z");
  assert_refused ("2024-02-30T10:00:00Z");
}

static void
test_is_valid (void)
{
  g_assert_true (nd_date_is_valid ("2024-05-14"));
  g_assert_true (nd_date_is_valid ("2024-05-14T10:30:00+02:00"));
  g_assert_true (nd_date_is_valid ("2024-05-14T10:30:00Z"));
  g_assert_false (nd_date_is_valid ("2024-02-30"));
  g_assert_false (nd_date_is_valid ("2024-5-14"));
  g_assert_false (nd_date_is_valid ("14.05.2024"));
  /* Stored date-times carry their offset. */
  g_assert_false (nd_date_is_valid ("2024-05-14T10:30:00"));
  g_assert_false (nd_date_is_valid (""));
  g_assert_false (nd_date_is_valid (NULL));

  g_assert_false (nd_date_has_time ("2024-05-14"));
  g_assert_true (nd_date_has_time ("2024-05-14T10:30:00+02:00"));
  g_assert_false (nd_date_has_time ("nonsense"));
}

static void
test_to_date_time (void)
{
  g_autoptr(GDateTime) midnight = nd_date_to_date_time ("2024-05-14");
  g_autoptr(GDateTime) timed = nd_date_to_date_time ("2024-05-14T10:30:00+02:00");
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2024, 5, 14, 8, 30, 0);
  g_autoptr(GDateTime) invalid = nd_date_to_date_time ("2024-02-31");

  g_assert_nonnull (midnight);
  g_assert_cmpint (g_date_time_get_hour (midnight), ==, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (midnight), ==, 14);
  g_assert_cmpint (g_date_time_get_utc_offset (midnight), ==, 2 * G_TIME_SPAN_HOUR);
  g_assert_true (g_date_time_equal (timed, expected));
  g_assert_null (invalid);
}

static void
assert_text_round_trip (const char *iso,
                        const char *language,
                        const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = nd_date_format_for_text (iso, language);
  g_autofree char *back = NULL;

  g_assert_cmpstr (text, ==, expected_text);
  back = nd_date_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, iso);
}

static void
test_format_for_text (void)
{
  assert_text_round_trip ("2024-05-14", "de", "14.05.2024");
  assert_text_round_trip ("2024-05-14", "en", "2024-05-14");
  assert_text_round_trip ("2024-05-04", NULL, "2024-05-04");
  assert_text_round_trip ("1000-05-04", "en", "1000-05-04");
  assert_text_round_trip ("1000-05-04", "de", "04.05.1000");
  assert_text_round_trip ("2024-05-14T10:30:00+02:00", "de", "14.05.2024 10:30");
  assert_text_round_trip ("2024-01-14T10:30:00+01:00", "de", "14.01.2024 10:30");
  assert_text_round_trip ("2024-05-14T10:30:00+02:00", "en", "2024-05-14T10:30:00+02:00");
  /* An offset that is not the local one must survive in German too. */
  assert_text_round_trip ("2024-05-14T10:30:00+00:00", "de", "2024-05-14T10:30:00+00:00");
  assert_text_round_trip ("2024-05-14T10:30:15+02:00", "de", "2024-05-14T10:30:15+02:00");

  g_assert_null (nd_date_format_for_text ("gestern", "de"));
}

static void
assert_out_of_range (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = nd_date_parse (text, &error);

  if (iso != NULL)
    g_test_message ("“%s” parsed as %s", text, iso);
  g_assert_null (iso);
  g_assert_error (error, ND_DATE_ERROR, ND_DATE_ERROR_OUT_OF_RANGE);
  g_test_message ("%s", error->message);
  /* One message naming the range, not a refusal from the store later. */
  g_assert_nonnull (strstr (error->message, "1000"));
  g_assert_nonnull (strstr (error->message, "9999"));
}

/* The parser takes what the store takes: the years 1000 to 9999. "31.12.0665
 * 10:30" used to be parsed into "665-12-31T10:30:00+00:00", which the
 * store then refused as no valid date. */
static void
test_year_range (void)
{
  assert_out_of_range ("31.12.0665");
  assert_out_of_range ("31.12.0665 10:30");
  assert_out_of_range ("0665-12-31");
  assert_out_of_range ("0665-12-31T10:30:00+00:00");
  assert_out_of_range ("31.12.0999 23:59");
  assert_out_of_range ("0001-01-01");

  assert_parses ("01.01.1000", "1000-01-01");
  assert_parses ("1000-01-01T00:00:00+00:00", "1000-01-01T00:00:00+00:00");
  assert_parses ("31.12.9999", "9999-12-31");
  assert_parses ("9999-12-31T20:00:00+00:00", "9999-12-31T20:00:00+00:00");
  /* In range as written, but the year 10000 in UTC and local time
   * (found by tests/fuzz/fuzz-date.c: shown, it was a critical). */
  assert_out_of_range ("9999-12-31T23:59:59-12:00");

  /* The store's check agrees. */
  g_assert_false (nd_date_is_valid ("0665-12-31"));
  g_assert_false (nd_date_is_valid ("0665-12-31T10:30:00+00:00"));
  g_assert_false (nd_date_is_valid ("0999-12-31"));
  g_assert_true (nd_date_is_valid ("1000-01-01"));
  g_assert_true (nd_date_is_valid ("9999-12-31T20:00:00+00:00"));
  g_assert_false (nd_date_is_valid ("9999-12-31T23:59:59-12:00"));
}

static void
test_format_for_display (void)
{
  g_autofree char *date = NULL;
  g_autofree char *date_time = NULL;
  char *old = NULL;

  old = g_strdup (setlocale (LC_TIME, NULL));
  if (setlocale (LC_TIME, "de_DE.UTF-8") == NULL)
    {
      g_free (old);
      g_test_skip ("The de_DE.UTF-8 locale is not available");
      return;
    }

  date = nd_date_format_for_display ("2024-05-14");
  date_time = nd_date_format_for_display ("2024-05-14T08:30:00+00:00");
  setlocale (LC_TIME, old);
  g_free (old);

  g_assert_cmpstr (date, ==, "14.05.2024");
  /* Shown in local time. */
  g_assert_cmpstr (date_time, ==, "14.05.2024 10:30");
  g_assert_null (nd_date_format_for_display ("2024-13-01"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", BERLIN_TZ, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/dates", test_parse_dates);
  g_test_add_func ("/date/parse/times", test_parse_times);
  g_test_add_func ("/date/parse/iso-date-times", test_parse_iso_date_times);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/year-range", test_year_range);
  g_test_add_func ("/date/is-valid", test_is_valid);
  g_test_add_func ("/date/to-date-time", test_to_date_time);
  g_test_add_func ("/date/format/text", test_format_for_text);
  g_test_add_func ("/date/format/display", test_format_for_display);

  return g_test_run ();
}
