/* nd-text-guard.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-limits.h"

G_BEGIN_DECLS

/* Keeps what nd-limits.h forbids out of a text field as it is typed or
 * pasted: control characters are dropped, and a single-line field gets
 * a space for each line break (nd_field_sanitize()). Text already
 * there is left as it is; the checklist reports it. */
void  nd_text_guard_buffer   (GtkTextBuffer *buffer,
                              NdField        field);
void  nd_text_guard_editable (GtkEditable   *editable,
                              NdField        field);

G_END_DECLS
