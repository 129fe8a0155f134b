/* nd-date.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-date.h"

G_DEFINE_QUARK (nd-date-error-quark, nd_date_error)

/* A tiny scanner over the text the user typed. Each reader either
 * consumes what it expects and returns TRUE, or leaves the position alone
 * and returns FALSE, so alternatives can be tried in turn. */
typedef struct
{
  const char *p;
} Scanner;

typedef struct
{
  guint    year;
  guint    month;
  guint    day;
  gboolean has_time;
  guint    hour;
  guint    minute;
  guint    second;
} Parsed;

typedef struct
{
  const char *name;
  guint       month;
} MonthName;

/* Compared after case folding. German and English, full and abbreviated;
 * "Maerz" for keyboards without umlauts, "Jänner" as written in Austria. */
static const MonthName month_names[] = {
  { "januar", 1 }, { "jänner", 1 }, { "january", 1 }, { "jan", 1 },
  { "februar", 2 }, { "february", 2 }, { "feb", 2 }, { "febr", 2 },
  { "märz", 3 }, { "maerz", 3 }, { "march", 3 }, { "mär", 3 }, { "mrz", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 },
  { "mai", 5 }, { "may", 5 },
  { "juni", 6 }, { "june", 6 }, { "jun", 6 },
  { "juli", 7 }, { "july", 7 }, { "jul", 7 },
  { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
  { "november", 11 }, { "nov", 11 },
  { "dezember", 12 }, { "december", 12 }, { "dez", 12 }, { "dec", 12 },
};

static void
skip_spaces (Scanner *s)
{
  g_assert (s != NULL);

  while (*s->p != '\0' && g_unichar_isspace (g_utf8_get_char (s->p)))
    s->p = g_utf8_next_char (s->p);
}

static gboolean
read_char (Scanner *s,
           char     c)
{
  g_assert (s != NULL);

  if (*s->p != c)
    return FALSE;

  s->p++;
  return TRUE;
}

/* Reads between @min_digits and @max_digits ASCII digits. */
static gboolean
read_number (Scanner *s,
             guint    min_digits,
             guint    max_digits,
             guint   *value)
{
  const char *p;
  guint n = 0;
  guint v = 0;

  g_assert (s != NULL);
  g_assert (value != NULL);

  for (p = s->p; g_ascii_isdigit (*p); p++)
    {
      if (++n > max_digits)
        return FALSE;
      v = v * 10 + (guint) (*p - '0');
    }

  if (n < min_digits)
    return FALSE;

  s->p = p;
  *value = v;

  return TRUE;
}

/* Reads a run of letters and returns it case-folded. */
static char *
read_word (Scanner *s)
{
  const char *start;
  g_autofree char *nfc = NULL;

  g_assert (s != NULL);

  start = s->p;
  while (*s->p != '\0' && g_unichar_isalpha (g_utf8_get_char (s->p)))
    {
      s->p = g_utf8_next_char (s->p);
      /* Combining marks, as in a decomposed "März", belong to the word. */
      while (*s->p != '\0' && g_unichar_ismark (g_utf8_get_char (s->p)))
        s->p = g_utf8_next_char (s->p);
    }

  if (s->p == start)
    return NULL;

  nfc = g_utf8_normalize (start, s->p - start, G_NORMALIZE_NFC);

  return g_utf8_casefold (nfc, -1);
}

static gboolean
read_month_name (Scanner *s,
                 guint   *month)
{
  Scanner save = *s;
  g_autofree char *word = NULL;

  g_assert (month != NULL);

  if (!(word = read_word (s)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (strcmp (month_names[i].name, word) == 0)
        {
          *month = month_names[i].month;
          /* "Jan." and "Sept." */
          read_char (s, '.');
          return TRUE;
        }
    }

  *s = save;
  return FALSE;
}

/* 2024-05-14 */
static gboolean
read_iso_date (Scanner *s,
               Parsed  *out)
{
  Scanner save = *s;

  if (read_number (s, 4, 4, &out->year) &&
      read_char (s, '-') &&
      read_number (s, 1, 2, &out->month) &&
      read_char (s, '-') &&
      read_number (s, 1, 2, &out->day))
    return TRUE;

  *s = save;
  return FALSE;
}

/* 14.05.2024 and 14.5.2024 */
static gboolean
read_numeric_date (Scanner *s,
                   Parsed  *out)
{
  Scanner save = *s;

  if (read_number (s, 1, 2, &out->day) &&
      read_char (s, '.') &&
      read_number (s, 1, 2, &out->month) &&
      read_char (s, '.') &&
      read_number (s, 4, 4, &out->year))
    return TRUE;

  *s = save;
  return FALSE;
}

/* 14. Mai 2024, 14 May 2024, 14. Jan. 2024 */
static gboolean
read_day_month_date (Scanner *s,
                     Parsed  *out)
{
  Scanner save = *s;

  if (read_number (s, 1, 2, &out->day))
    {
      read_char (s, '.');
      skip_spaces (s);
      if (read_month_name (s, &out->month))
        {
          skip_spaces (s);
          if (read_number (s, 4, 4, &out->year))
            return TRUE;
        }
    }

  *s = save;
  return FALSE;
}

/* May 14, 2024 */
static gboolean
read_month_day_date (Scanner *s,
                     Parsed  *out)
{
  Scanner save = *s;

  if (read_month_name (s, &out->month))
    {
      skip_spaces (s);
      if (read_number (s, 1, 2, &out->day))
        {
          read_char (s, ',');
          skip_spaces (s);
          if (read_number (s, 4, 4, &out->year))
            return TRUE;
        }
    }

  *s = save;
  return FALSE;
}

static gboolean
read_uhr (Scanner *s)
{
  Scanner save = *s;
  g_autofree char *word = NULL;

  skip_spaces (s);
  word = read_word (s);
  if (word != NULL && strcmp (word, "uhr") == 0)
    return TRUE;

  *s = save;
  return FALSE;
}

/* "10:30" or "10:30:15". */
static gboolean
read_colon_time (Scanner *s,
                 Parsed  *out)
{
  Scanner save = *s;

  out->second = 0;
  if (read_number (s, 1, 2, &out->hour) &&
      read_char (s, ':') &&
      read_number (s, 2, 2, &out->minute))
    {
      Scanner before_seconds = *s;

      if (!read_char (s, ':') || !read_number (s, 2, 2, &out->second))
        {
          *s = before_seconds;
          out->second = 0;
        }

      return TRUE;
    }

  *s = save;
  return FALSE;
}

/* "10.30 Uhr": a dot between hours and minutes only makes a time with "Uhr". */
static gboolean
read_dot_time (Scanner *s,
               Parsed  *out)
{
  Scanner save = *s;

  out->second = 0;
  if (read_number (s, 1, 2, &out->hour) &&
      read_char (s, '.') &&
      read_number (s, 2, 2, &out->minute) &&
      read_uhr (s))
    return TRUE;

  *s = save;
  return FALSE;
}

/* The optional time after a date: "10:30", "10:30 Uhr", ", 10:30", and
 * after an ISO date also "T10:30", which GLib's ISO 8601 parser refuses
 * for want of seconds. */
static void
read_time (Scanner  *s,
           gboolean  iso_date,
           Parsed   *out)
{
  Scanner save = *s;

  if (!(iso_date && (read_char (s, 'T') || read_char (s, 't'))))
    {
      skip_spaces (s);
      read_char (s, ',');
      skip_spaces (s);
    }

  if (read_colon_time (s, out))
    {
      read_uhr (s);
      out->has_time = TRUE;
      return;
    }

  if (read_dot_time (s, out))
    {
      out->has_time = TRUE;
      return;
    }

  *s = save;
}

static gboolean
parse_parts (const char *text,
             Parsed     *out)
{
  Scanner s = { text };
  gboolean iso_date = FALSE;

  g_assert (text != NULL);
  g_assert (out != NULL);

  memset (out, 0, sizeof *out);
  skip_spaces (&s);

  if (read_iso_date (&s, out))
    iso_date = TRUE;
  else if (!read_numeric_date (&s, out) &&
           !read_day_month_date (&s, out) &&
           !read_month_day_date (&s, out))
    return FALSE;

  read_time (&s, iso_date, out);
  skip_spaces (&s);

  if (*s.p != '\0')
    return FALSE;

  if (out->year < 1 || out->year > 9999 ||
      out->month < 1 || out->month > 12 || out->day < 1 ||
      !g_date_valid_dmy ((GDateDay) out->day, (GDateMonth) out->month, (GDateYear) out->year))
    return FALSE;

  if (out->has_time && (out->hour > 23 || out->minute > 59 || out->second > 59))
    return FALSE;

  return TRUE;
}

static gboolean
year_in_range (guint year)
{
  return year >= ND_DATE_MIN_YEAR && year <= ND_DATE_MAX_YEAR;
}

/* A date-time must stay in range in UTC (what WordPress is sent) and in
 * local time (what is shown) too: "9999-12-31T23:59:59-12:00" is in the
 * year 10000 in UTC, where GDateTime ends. */
static gboolean
date_time_in_range (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);
  g_autoptr(GDateTime) local = g_date_time_to_local (dt);

  return year_in_range ((guint) g_date_time_get_year (dt)) &&
         utc != NULL && year_in_range ((guint) g_date_time_get_year (utc)) &&
         local != NULL && year_in_range ((guint) g_date_time_get_year (local));
}

static char *
format_iso_date_time (GDateTime *dt)
{
  g_assert (dt != NULL);

  /* %:z writes "+00:00" for UTC, never "Z", so the form is uniform. */
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
format_parts (const Parsed *parts,
              gboolean     *out_of_range)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert (parts != NULL);

  if (!year_in_range (parts->year))
    {
      *out_of_range = TRUE;
      return NULL;
    }

  if (!parts->has_time)
    return g_strdup_printf ("%04u-%02u-%02u", parts->year, parts->month, parts->day);

  dt = g_date_time_new_local ((int) parts->year, (int) parts->month, (int) parts->day,
                              (int) parts->hour, (int) parts->minute, parts->second);
  if (dt == NULL)
    return NULL;

  if (!date_time_in_range (dt))
    {
      *out_of_range = TRUE;
      return NULL;
    }

  return format_iso_date_time (dt);
}

/* Full ISO 8601 date-times such as "2024-05-14T10:30:00Z"; one without an
 * offset is local time. Sets @out_of_range for a date-time of another
 * year than the store takes. */
static char *
parse_iso_date_time (const char *text,
                     gboolean   *out_of_range)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  g_assert (text != NULL);

  if (strchr (text, 'T') == NULL && strchr (text, 't') == NULL)
    return NULL;

  if (!(dt = g_date_time_new_from_iso8601 (text, local)))
    return NULL;

  if (!date_time_in_range (dt))
    {
      *out_of_range = TRUE;
      return NULL;
    }

  return format_iso_date_time (dt);
}

/**
 * nd_date_parse:
 * @text: what the user typed
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the normalised ISO 8601 form, or %NULL
 */
char *
nd_date_parse (const char  *text,
               GError     **error)
{
  g_autofree char *trimmed = NULL;
  gboolean out_of_range = FALSE;
  char *result = NULL;
  Parsed parts;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_utf8_validate (text, -1, NULL))
    {
      trimmed = g_strstrip (g_strdup (text));

      /* Year 665 is a date, but not one the store or the site takes;
       * say so here rather than let the store refuse it later. */
      if (parse_parts (trimmed, &parts))
        result = format_parts (&parts, &out_of_range);
      else
        result = parse_iso_date_time (trimmed, &out_of_range);
    }

  if (out_of_range)
    g_set_error (error, ND_DATE_ERROR, ND_DATE_ERROR_OUT_OF_RANGE,
                 /* Translators: %s is what the user typed as a date, then the first and last year */
                 _("“%s” is not a date Newsdesk can keep: the year must be between %d and %d"),
                 trimmed, ND_DATE_MIN_YEAR, ND_DATE_MAX_YEAR);
  else if (result == NULL)
    g_set_error (error, ND_DATE_ERROR, ND_DATE_ERROR_INVALID,
                 /* Translators: %s is what the user typed as a date */
                 _("“%s” is not a date (use e.g. 14.05.2024 or 2024-05-14)"),
                 trimmed != NULL ? trimmed : "");

  return result;
}

/* Strictly "YYYY-MM-DD" naming a real day. */
static gboolean
parse_plain_iso_date (const char *iso,
                      Parsed     *out)
{
  Scanner s = { iso };

  g_assert (iso != NULL);

  memset (out, 0, sizeof *out);

  return (read_number (&s, 4, 4, &out->year) &&
          read_char (&s, '-') &&
          read_number (&s, 2, 2, &out->month) &&
          read_char (&s, '-') &&
          read_number (&s, 2, 2, &out->day) &&
          *s.p == '\0' &&
          year_in_range (out->year) &&
          g_date_valid_dmy ((GDateDay) out->day, (GDateMonth) out->month,
                            (GDateYear) out->year));
}

/* A stored date-time must carry its offset: with a NULL default zone,
 * GLib refuses one that has none. */
static GDateTime *
parse_stored_date_time (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;

  g_assert (iso != NULL);

  if (strchr (iso, 'T') == NULL)
    return NULL;

  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL || !date_time_in_range (dt))
    return NULL;

  return g_steal_pointer (&dt);
}

gboolean
nd_date_is_valid (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  Parsed parts;

  if (iso == NULL)
    return FALSE;

  if (parse_plain_iso_date (iso, &parts))
    return TRUE;

  dt = parse_stored_date_time (iso);

  return dt != NULL;
}

gboolean
nd_date_has_time (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL)
    return FALSE;

  dt = parse_stored_date_time (iso);

  return dt != NULL;
}

/**
 * nd_date_to_date_time:
 * @iso: an ISO 8601 date or date-time
 *
 * Returns: (transfer full) (nullable): the date-time, midnight local time
 *   for a plain date, or %NULL if @iso is not valid
 */
GDateTime *
nd_date_to_date_time (const char *iso)
{
  Parsed parts;

  if (iso == NULL)
    return NULL;

  if (parse_plain_iso_date (iso, &parts))
    return g_date_time_new_local ((int) parts.year, (int) parts.month, (int) parts.day,
                                  0, 0, 0);

  return parse_stored_date_time (iso);
}

/**
 * nd_date_format_for_display:
 * @iso: an ISO 8601 date or date-time
 *
 * Returns: (transfer full) (nullable): the date in the user's locale, a
 *   time in the local time zone, or %NULL if @iso is not valid
 */
char *
nd_date_format_for_display (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (!(dt = nd_date_to_date_time (iso)))
    return NULL;

  if (!nd_date_has_time (iso))
    return g_date_time_format (dt, "%x");

  local = g_date_time_to_local (dt);

  /* %x is the locale's own date format: 14.05.2024 in German. */
  return g_date_time_format (local, "%x %H:%M");
}

/**
 * nd_date_format_for_text:
 * @iso: an ISO 8601 date or date-time
 * @language: the item's language
 *
 * The result parses back with nd_date_parse() to @iso. A German time is
 * written as local time ("14.05.2024 10:30"); where the stored offset is
 * not the local one, that would lose it, so the full ISO form is used.
 *
 * Returns: (transfer full) (nullable): the date for the plain-text format,
 *   or %NULL if @iso is not valid
 */
char *
nd_date_format_for_text (const char *iso,
                         const char *language)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;
  gboolean german = g_strcmp0 (language, "de") == 0;
  Parsed parts;

  if (iso == NULL)
    return NULL;

  /* Printed here rather than with strftime, whose %Y does not pad years
   * before 1000 to the four digits nd_date_parse() wants. */
  if (parse_plain_iso_date (iso, &parts))
    {
      if (german)
        return g_strdup_printf ("%02u.%02u.%04u", parts.day, parts.month, parts.year);
      return g_strdup_printf ("%04u-%02u-%02u", parts.year, parts.month, parts.day);
    }

  if (!(dt = parse_stored_date_time (iso)))
    return NULL;

  local = g_date_time_to_local (dt);

  if (german &&
      g_date_time_get_utc_offset (local) == g_date_time_get_utc_offset (dt) &&
      g_date_time_get_second (dt) == 0)
    return g_date_time_format (dt, "%d.%m.%Y %H:%M");

  return format_iso_date_time (dt);
}
