/* nd-render.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

/* CommonMark to HTML with cmark's safe mode: raw HTML and dangerous URLs
 * (javascript:, vbscript:, file:, data: other than images) never pass.
 * (transfer full) */
char *nd_render_markdown     (const char *markdown);

/* <figure><img alt="…" src="…"><figcaption>caption <span
 * class="credit">© credit</span></figcaption></figure>, every text
 * escaped. @src may be NULL (a slot without a file). (transfer full) */
char *nd_render_figure       (NdImage    *image,
                              const char *src);

/* A complete, standalone HTML5 document of the item: title, date, teaser,
 * lead figure, body, inline figures; images embedded as data: URIs.
 * (transfer full) */
char *nd_render_item_html    (NdItem     *item);

G_END_DECLS
