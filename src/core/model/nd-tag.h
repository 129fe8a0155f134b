/* nd-tag.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The identity of a tag: NFKC, case-folded, diacritics kept, inner
 * whitespace collapsed, trimmed. "ECCP", "eccp" and " Eccp " share a key.
 * Returns NULL for a tag that is empty after trimming. (transfer full) */
char     *nd_tag_key        (const char *tag);
/* The display form: trimmed, inner whitespace collapsed, NFC. (transfer full) */
char     *nd_tag_normalize  (const char *tag);
gboolean  nd_tag_equal      (const char *a,
                             const char *b);

G_END_DECLS
