/* nd-date.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An item's date is kept as ISO 8601 text: a date ("2024-05-14") or a
 * date and time with offset ("2024-05-14T09:30:00+02:00"). These helpers
 * are the only place that parses or formats it. */

#define ND_DATE_ERROR (nd_date_error_quark ())

/* The years a date may have, in the parser and in the store alike: the
 * ISO form has exactly four digits, and WordPress keeps dates in MySQL
 * DATETIME columns, which hold the years 1000 to 9999. */
#define ND_DATE_MIN_YEAR 1000
#define ND_DATE_MAX_YEAR 9999

typedef enum
{
  ND_DATE_ERROR_INVALID,
  ND_DATE_ERROR_OUT_OF_RANGE,
} NdDateError;

GQuark      nd_date_error_quark        (void);

/* Accepts "14.05.2024", "2024-05-14", "14. Mai 2024", "14 May 2024",
 * "May 14, 2024", each optionally followed by a time "10:30" (local time
 * zone), and full ISO 8601 date-times, of the years ND_DATE_MIN_YEAR to
 * ND_DATE_MAX_YEAR. Returns the normalised ISO form or NULL with a
 * translated error. (transfer full) */
char       *nd_date_parse              (const char  *text,
                                        GError     **error);
gboolean    nd_date_is_valid           (const char  *iso);
gboolean    nd_date_has_time           (const char  *iso);
/* Midnight local time for a plain date. (transfer full) (nullable) */
GDateTime  *nd_date_to_date_time       (const char  *iso);
/* In the user's locale: "14.05.2024" in German, "05/14/2024" in US English. */
char       *nd_date_format_for_display (const char  *iso);
/* For the plain-text format: "14.05.2024" for German, "2024-05-14" else. */
char       *nd_date_format_for_text    (const char  *iso,
                                        const char  *language);

G_END_DECLS
