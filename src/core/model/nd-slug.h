/* nd-slug.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest slug derived from a title, in bytes (ASCII). */
#define ND_SLUG_MAX_LENGTH 80

/* The slug (the last part of a post's web address) a title gives: ASCII
 * letters and digits in lower case, every other run of characters one
 * "-", none at either end, at most ND_SLUG_MAX_LENGTH bytes. For @language
 * "de" (or "de-AT", …) umlauts are transliterated the German way ("ä" →
 * "ae", "ß" → "ss"); otherwise accents are dropped ("é" → "e").
 * Characters without a Latin transliteration are dropped. An empty or
 * NULL @title gives "". The editor window, the import and the publisher
 * all use this one rule, so that an item's address does not depend on
 * where it was made. (transfer full) */
char *nd_slug_from_title (const char *title,
                          const char *language);

G_END_DECLS
