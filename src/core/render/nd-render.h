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
 * escaped. @src may be NULL (a slot without a file); one that is not an
 * http(s), data: image or relative URL is left out. (transfer full) */
char *nd_render_figure       (NdImage    *image,
                              const char *src);

/* A complete, standalone HTML5 document of the item: title, date, teaser,
 * lead figure, body (nd_render_body()), the figures of images the body
 * does not show, and the image credits ("Bildnachweis" for German
 * items); images embedded as data: URIs. (transfer full) */
char *nd_render_item_html    (NdItem     *item);

/* Inline images in the body
 *
 * The body refers to one of the item's images with CommonMark's image
 * syntax and a URL of the scheme ND_IMAGE_REFERENCE_SCHEME (nd-image.h):
 *
 *   ![Six people on a stage](newsdesk:image/3f2a9c1b7e4d)
 *
 * where the hex digits (at least ND_IMAGE_REFERENCE_MIN_PREFIX) start the
 * SHA-256 of the image's file; nd_image_dup_reference() gives the URL.
 * The image's own alt text, caption and credit are used; the text in the
 * brackets stands in only when the image has no alt text. */

/* Gives the src of an image for nd_render_body(); NULL leaves src out.
 * (transfer full) (nullable) */
typedef char *(*NdRenderSrcFunc) (NdImage  *image,
                                  gpointer  user_data);

/* The body as nd_render_markdown() renders it, with each reference to an
 * image of @item replaced by its nd_render_figure(). A figure cannot sit
 * in a paragraph: a reference alone in its paragraph takes the
 * paragraph's place, one within running text follows its paragraph. A
 * reference to no image of the item is left out (nd_item_check()
 * reports it). @src_func NULL embeds the images as data: URIs.
 * (transfer full) */
char *nd_render_body         (NdItem          *item,
                              NdRenderSrcFunc  src_func,
                              gpointer         user_data);

/* The URLs of all image references (ND_IMAGE_REFERENCE_SCHEME) in
 * @markdown, in order. (transfer full) */
GStrv nd_render_dup_image_references (const char *markdown);

G_END_DECLS
