/* nd-limits.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

/* What the text fields of an item may hold: the one place that says how
 * long each may be and which characters it may contain. The importer,
 * the command line ("set", "tag", "attach"), the checklist and the
 * editor all ask here.
 *
 * Lengths are in characters (Unicode code points), as the editor counts
 * them. A value longer than its maximum is refused at every entrance; a
 * value longer than its warning length is accepted, and the checklist
 * warns about it. What came in some other way (an older version, a pull
 * from the site) and is over the maximum is an error in the checklist,
 * so it is never published unnoticed.
 *
 * Characters: no field holds a control character other than tab, and
 * only the teaser and the body hold line breaks (LF, CR or CRLF). C0
 * controls (U+0000–U+001F), DEL and the C1 controls (U+0080–U+009F) are
 * refused: they are never text, and on a terminal they are commands. */

typedef enum
{
  ND_FIELD_TITLE,
  ND_FIELD_TEASER,
  ND_FIELD_BODY,
  ND_FIELD_AUTHOR,
  ND_FIELD_SLUG,
  ND_FIELD_LANGUAGE,
  ND_FIELD_TAG,
  ND_FIELD_ALT_TEXT,
  ND_FIELD_CAPTION,
  ND_FIELD_CREDIT,
  ND_N_FIELDS
} NdField;

typedef struct
{
  guint    warn;       /* characters above which the checklist warns; 0: never */
  guint    max;        /* characters above which a value is refused */
  gboolean multiline;  /* may hold line breaks */
} NdFieldLimit;

/* Tags per item. */
#define ND_LIMIT_TAGS_WARN    20
#define ND_LIMIT_TAGS_MAX     100

/* A search query (nd-search-query.c applies these): a search of
 * thousands of words costs seconds and finds nothing a few of them
 * would not. */
#define ND_LIMIT_SEARCH_WORDS 32
#define ND_LIMIT_SEARCH_CHARS 1000

#define ND_LIMITS_ERROR (nd_limits_error_quark ())

typedef enum
{
  ND_LIMITS_ERROR_TOO_LONG,
  ND_LIMITS_ERROR_TOO_MANY,
  ND_LIMITS_ERROR_CONTROL,
  ND_LIMITS_ERROR_LINE_BREAK,
  ND_LIMITS_ERROR_NUL,
  ND_LIMITS_ERROR_NOT_UTF8,
} NdLimitsError;

GQuark              nd_limits_error_quark     (void);

const NdFieldLimit *nd_field_get_limit        (NdField      field);
/* The field's name at the start of a sentence, translated: "The title". */
const char         *nd_field_get_phrase       (NdField      field);

/* Checks one value of @field: UTF-8, no NUL within @length bytes
 * (-1: @text is NUL-terminated), no control character the field may
 * not hold, not longer than its maximum. The message is translated and
 * names the field ("The title is 2,000,000 characters long; at most
 * 1,000 are allowed"). */
gboolean            nd_field_check            (NdField      field,
                                               const char  *text,
                                               gssize       length,
                                               GError     **error);

/* Refuses more than ND_LIMIT_TAGS_MAX tags. */
gboolean            nd_limits_check_tag_count (guint        n_tags,
                                               GError     **error);

/* Checks every field of @item, the number of its tags and the text
 * fields of its images with nd_field_check(). */
gboolean            nd_limits_check_item      (NdItem      *item,
                                               GError     **error);

/* The first character at or after @text (NUL-terminated UTF-8) that
 * @field may not hold, or NULL: a control character, or a line break
 * in a single-line field. */
const char         *nd_field_find_forbidden   (NdField      field,
                                               const char  *text);

/* @text as the field may hold it, for text pasted into the editor:
 * control characters dropped, line breaks of a single-line field turned
 * into spaces (CRLF as one). (transfer full) */
char               *nd_field_sanitize         (NdField      field,
                                               const char  *text,
                                               gssize       length);

/* @text with every control character other than tab and LF (CRLF
 * counts as LF) replaced by a visible stand-in (U+241B "␛" for ESC, the
 * Control Pictures block for C0 and DEL, U+FFFD for C1), for printing on
 * a terminal; invalid UTF-8 becomes U+FFFD too. (transfer full) */
char               *nd_text_dup_printable     (const char  *text);

/* TRUE when @c is a control character other than tab, LF and CR. */
gboolean            nd_unichar_is_forbidden_control (gunichar c);

G_END_DECLS
