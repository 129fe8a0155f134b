/* nd-text-format.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

/* The plain-text item format editors already write (see the sample
 * "meldung-clusterkonferenz-2024.txt"):
 *
 *   kind word            Meldung | Pressemitteilung | Veranstaltung | Publikation
 *                        | News | Press release | Event | Publication
 *                        (the word also sets the language)
 *   date                 14.05.2024 | 2024-05-14 | 14. Mai 2024
 *   (blank lines)
 *   title
 *   teaser               the first paragraph after the title
 *   image blocks         [alt text paragraph] credit line [short caption line]
 *                        where the credit line starts with ©, (c), Foto:,
 *                        Bild:, Bildquelle:, Photo: or Credit:
 *   body paragraphs      kept exactly as written, joined as CommonMark
 *                        paragraphs
 *
 * The first image block before any body paragraph is the lead image,
 * later ones are inline images. Image blocks become image slots: credit,
 * alt text and caption, no bytes.
 *
 * A line that starts with a backslash is escaped: the rest is the text
 * as it is ("\\" a backslash, "\n" a line break), never a credit line,
 * a blank line or a date. The writer escapes what would otherwise be read
 * as something else, so that any item's text comes back unchanged. */

#define ND_TEXT_FORMAT_ERROR (nd_text_format_error_quark ())

typedef enum
{
  ND_TEXT_FORMAT_ERROR_EMPTY,
  ND_TEXT_FORMAT_ERROR_BINARY,
  ND_TEXT_FORMAT_ERROR_NOT_UTF8,
  ND_TEXT_FORMAT_ERROR_NO_KIND,
  ND_TEXT_FORMAT_ERROR_BAD_DATE,
  ND_TEXT_FORMAT_ERROR_NO_TITLE,
} NdTextFormatError;

GQuark   nd_text_format_error_quark (void);

/* Parses a whole file's contents (a UTF-8 BOM and CRLF line ends are
 * fine). Errors are translated, one line, without the file name.
 * (transfer full) */
NdItem  *nd_text_format_parse       (const char  *data,
                                     gsize        length,
                                     GError     **error);
/* Writes @item in the same format, so that parsing the result gives the
 * same kind, date, title, teaser, body and images' alt text, credit and
 * caption, whatever they hold: lines that would read as something else
 * are escaped (see nd-text-format.c). (transfer full) */
char    *nd_text_format_write       (NdItem      *item);
/* What of @item nd_text_format_write() cannot carry, as one translated
 * sentence, or NULL when it carries everything that is set. (transfer full) */
char    *nd_text_format_dup_losses  (NdItem      *item);

/* The length of the credit prefix (©, (c), Foto:, Bild:, Bildquelle:,
 * Photo:, Credit:, ASCII case ignored) that @line starts with, leading
 * blanks included, or 0: the one place that knows what marks a credit. */
gsize    nd_text_format_credit_prefix_length (const char *line);

G_END_DECLS
