/* nd-render.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-render"

#include "config.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-render.h"
#include "nd-text-format.h"

char *
nd_render_markdown (const char *markdown)
{
  char *html;
  char *result;

  if (markdown == NULL)
    markdown = "";

  /* CMARK_OPT_DEFAULT is cmark's safe mode (no CMARK_OPT_UNSAFE): raw
   * HTML becomes a comment and javascript:, vbscript:, file: and
   * non-image data: links lose their URL. */
  html = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  result = g_strdup (html != NULL ? html : "");
  free (html);

  return result;
}

static void
append_escaped (GString    *s,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (s, escaped);
}

/* Whether @src may stand in an <img>: http(s), a data: image, or a
 * relative path. It comes from elsewhere (a site's answer names the
 * uploaded file), and a browser would take " java\nscript:" for a
 * javascript: URL, so it is read as a browser reads it: without leading
 * controls and spaces, and without tabs and newlines anywhere. */
static gboolean
is_safe_src (const char *src)
{
  g_autoptr(GString) url = g_string_new (NULL);
  const char *scheme_end;

  for (const char *p = src; *p != '\0'; p++)
    {
      if ((url->len == 0 && (guchar) *p <= 0x20) || *p == '\t' || *p == '\n' || *p == '\r')
        continue;
      g_string_append_c (url, *p);
    }

  scheme_end = strpbrk (url->str, ":/?#");
  if (scheme_end == NULL || *scheme_end != ':')
    return TRUE;

  return g_ascii_strncasecmp (url->str, "http:", 5) == 0 ||
         g_ascii_strncasecmp (url->str, "https:", 6) == 0 ||
         g_ascii_strncasecmp (url->str, "data:image/", 11) == 0;
}

char *
nd_render_figure (NdImage    *image,
                  const char *src)
{
  GString *s;
  g_autofree char *credit = NULL;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (ND_IS_IMAGE (image), NULL);

  credit = g_strstrip (g_strdup (nd_image_get_credit (image)));
  caption = g_strstrip (g_strdup (nd_image_get_caption (image)));

  s = g_string_new ("<figure><img");
  if (src != NULL && is_safe_src (src))
    {
      g_string_append (s, " src=\"");
      append_escaped (s, src);
      g_string_append_c (s, '"');
    }
  g_string_append (s, " alt=\"");
  append_escaped (s, nd_image_get_alt_text (image));
  g_string_append (s, "\">");

  if (*caption != '\0' || *credit != '\0')
    {
      g_string_append (s, "<figcaption>");
      append_escaped (s, caption);

      if (*credit != '\0')
        {
          /* "Caption — © Credit": the dash keeps a credit apart from a
           * caption that ends in a name. */
          if (*caption != '\0')
            g_string_append (s, " — ");
          g_string_append (s, "<span class=\"credit\">");
          /* A credit is shown as a credit: "Max Muster" becomes
           * "© Max Muster", "Foto: Max Muster" stays as it is. */
          if (nd_text_format_credit_prefix_length (credit) == 0)
            g_string_append (s, "© ");
          append_escaped (s, credit);
          g_string_append (s, "</span>");
        }

      g_string_append (s, "</figcaption>");
    }

  g_string_append (s, "</figure>");

  return g_string_free (s, FALSE);
}

static char *
dup_data_uri (NdImage  *image,
              gpointer  user_data)
{
  GBytes *data = nd_image_get_data (image);
  const char *mime = nd_image_get_mime_type (image);
  g_autofree char *base64 = NULL;
  gsize size;
  gconstpointer bytes;

  if (data == NULL)
    return NULL;

  if (mime == NULL || *mime == '\0')
    mime = "application/octet-stream";

  bytes = g_bytes_get_data (data, &size);
  base64 = g_base64_encode (bytes, size);

  return g_strconcat ("data:", mime, ";base64,", base64, NULL);
}

static void
append_figure (GString *s,
               NdImage *image)
{
  g_autofree char *src = dup_data_uri (image, NULL);
  g_autofree char *figure = nd_render_figure (image, src);

  g_string_append (s, figure);
  g_string_append_c (s, '\n');
}


/* Inline images */

static gboolean
is_reference (cmark_node *node)
{
  const char *url;

  if (cmark_node_get_type (node) != CMARK_NODE_IMAGE)
    return FALSE;

  url = cmark_node_get_url (node);

  return url != NULL && g_str_has_prefix (url, ND_IMAGE_REFERENCE_SCHEME);
}

/* The image nodes that refer to images, in document order. An image
 * written inside another's brackets ("![a ![b](…)](…)") is only part of
 * that one's alt text, as in HTML: it is not collected, and the walk
 * skips it. Collecting it too made nd_render_body() free it with the
 * outer one, then use it. */
static GPtrArray *
collect_references (cmark_node *document)
{
  GPtrArray *nodes = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && is_reference (node))
        {
          g_ptr_array_add (nodes, node);
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
        }
    }

  cmark_iter_free (iter);

  return nodes;
}

static cmark_node *
parse (const char *markdown)
{
  if (markdown == NULL)
    markdown = "";

  return cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
}

GStrv
nd_render_dup_image_references (const char *markdown)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) nodes = NULL;
  cmark_node *document = parse (markdown);

  nodes = collect_references (document);
  for (guint i = 0; i < nodes->len; i++)
    g_strv_builder_add (builder, cmark_node_get_url (g_ptr_array_index (nodes, i)));

  cmark_node_free (document);

  return g_strv_builder_end (builder);
}

static NdImage *
find_image (NdItem     *item,
            const char *url)
{
  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      if (nd_image_matches_reference (image, url))
        return image;
    }

  return NULL;
}

/* The plain text of an inline node's children: the alt text written
 * between the brackets. */
static char *
dup_node_text (cmark_node *node)
{
  GString *text = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (text, cmark_node_get_literal (child));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (text, ' ');
          break;

        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);

  return g_strstrip (g_string_free (text, FALSE));
}

static gboolean
is_blank_inline (cmark_node *node)
{
  const char *literal;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      return TRUE;

    case CMARK_NODE_TEXT:
      literal = cmark_node_get_literal (node);
      for (const char *p = literal; p != NULL && *p != '\0'; p++)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
        }
      return TRUE;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    default:
      return FALSE;
    }
}

/* TRUE when @node is all its paragraph holds, but for white space. */
static gboolean
stands_alone (cmark_node *node,
              cmark_node *block)
{
  if (cmark_node_parent (node) != block ||
      cmark_node_get_type (block) != CMARK_NODE_PARAGRAPH)
    return FALSE;

  for (cmark_node *child = cmark_node_first_child (block);
       child != NULL;
       child = cmark_node_next (child))
    {
      if (child != node && !is_blank_inline (child))
        return FALSE;
    }

  return TRUE;
}

static cmark_node *
enclosing_block (cmark_node *node)
{
  cmark_node *block = cmark_node_parent (node);

  while (block != NULL &&
         cmark_node_get_type (block) >= CMARK_NODE_FIRST_INLINE &&
         cmark_node_get_type (block) <= CMARK_NODE_LAST_INLINE)
    block = cmark_node_parent (block);

  return block;
}

/* A custom block is written out as it is, also in safe mode; its HTML is
 * nd_render_figure()'s, where every text is escaped. */
static cmark_node *
new_figure_node (NdItem          *item,
                 cmark_node      *reference,
                 NdRenderSrcFunc  src_func,
                 gpointer         user_data)
{
  NdImage *image = find_image (item, cmark_node_get_url (reference));
  g_autoptr(NdImage) shown = NULL;
  g_autofree char *src = NULL;
  g_autofree char *figure = NULL;
  cmark_node *node;

  if (image == NULL)
    return NULL;

  shown = nd_image_copy (image);
  if (*nd_image_get_alt_text (shown) == '\0')
    {
      g_autofree char *alt = dup_node_text (reference);

      nd_image_set_alt_text (shown, alt);
    }

  src = src_func (image, user_data);
  figure = nd_render_figure (shown, src);

  node = cmark_node_new (CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter (node, figure);

  return node;
}

char *
nd_render_body (NdItem          *item,
                NdRenderSrcFunc  src_func,
                gpointer         user_data)
{
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GHashTable) last_after = NULL;
  cmark_node *document;
  char *html;
  char *result;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  if (src_func == NULL)
    src_func = dup_data_uri;

  document = parse (nd_item_get_body (item));
  references = collect_references (document);
  /* block → the last figure put after it, so that several figures of one
   * paragraph keep their order. */
  last_after = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < references->len; i++)
    {
      cmark_node *reference = g_ptr_array_index (references, i);
      cmark_node *block = enclosing_block (reference);
      cmark_node *figure = new_figure_node (item, reference, src_func, user_data);

      if (figure != NULL && block != NULL && stands_alone (reference, block))
        {
          cmark_node_replace (block, figure);
          cmark_node_free (block);
          continue;
        }

      if (figure != NULL && block != NULL)
        {
          cmark_node *after = g_hash_table_lookup (last_after, block);

          cmark_node_insert_after (after != NULL ? after : block, figure);
          g_hash_table_insert (last_after, block, figure);
        }
      else if (figure != NULL)
        {
          cmark_node_free (figure);
        }

      cmark_node_free (reference);
    }

  html = cmark_render_html (document, CMARK_OPT_DEFAULT);
  result = g_strdup (html != NULL ? html : "");
  free (html);
  cmark_node_free (document);

  return result;
}

/* TRUE when the body shows @image itself. */
static gboolean
is_referenced (char    **references,
               NdImage  *image)
{
  for (guint i = 0; references[i] != NULL; i++)
    {
      if (nd_image_matches_reference (image, references[i]))
        return TRUE;
    }

  return FALSE;
}

/* The credits once each, in the order of the images, under a heading in
 * the item's language (like the date, not the user's). */
static void
append_credits (GString *s,
                NdItem  *item)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *language = nd_item_get_language (item);

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      char *line = nd_image_dup_credit_line (nd_item_get_image (item, i));

      if (line == NULL)
        continue;
      if (g_ptr_array_find_with_equal_func (lines, line, g_str_equal, NULL))
        g_free (line);
      else
        g_ptr_array_add (lines, line);
    }

  if (lines->len == 0)
    return;

  g_string_append (s, "<footer class=\"credits\"><h2>");
  append_escaped (s, language != NULL && g_str_has_prefix (language, "de")
                     ? "Bildnachweis" : "Image credits");
  g_string_append (s, "</h2><ul>");
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, "<li>");
      append_escaped (s, g_ptr_array_index (lines, i));
      g_string_append (s, "</li>");
    }
  g_string_append (s, "</ul></footer>\n");
}

static void
append_date (GString *s,
             NdItem  *item)
{
  const char *iso = nd_item_get_date (item);
  g_autofree char *shown = NULL;

  if (iso == NULL || !nd_date_is_valid (iso))
    return;

  /* The document is in the item's language, not in the user's locale:
   * German dates as 14.05.2024, others in the unambiguous ISO form. */
  shown = nd_date_format_for_text (iso, nd_item_get_language (item));

  g_string_append (s, "<p class=\"date\"><time datetime=\"");
  append_escaped (s, iso);
  g_string_append (s, "\">");
  append_escaped (s, shown != NULL ? shown : iso);
  g_string_append (s, "</time></p>\n");
}

char *
nd_render_item_html (NdItem *item)
{
  GString *s;
  g_autofree char *body = NULL;
  g_auto(GStrv) references = NULL;
  NdImage *lead;
  const char *teaser;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  s = g_string_new ("<!DOCTYPE html>\n<html lang=\"");
  append_escaped (s, nd_item_get_language (item));
  g_string_append (s, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>");
  append_escaped (s, nd_item_get_title (item));
  g_string_append (s, "</title>\n"
                      "<style>\n"
                      "body { max-width: 42em; margin: 2em auto; padding: 0 1em; font-family: sans-serif; line-height: 1.5; }\n"
                      "figure { margin: 1.5em 0; }\n"
                      "img { max-width: 100%; height: auto; }\n"
                      "figcaption, .date { color: #555; font-size: 0.9em; }\n"
                      ".teaser { font-weight: bold; }\n"
                      "</style>\n"
                      "</head>\n<body>\n<article>\n<h1>");
  append_escaped (s, nd_item_get_title (item));
  g_string_append (s, "</h1>\n");

  append_date (s, item);

  teaser = nd_item_get_teaser (item);
  if (teaser != NULL && *teaser != '\0')
    {
      g_string_append (s, "<p class=\"teaser\">");
      append_escaped (s, teaser);
      g_string_append (s, "</p>\n");
    }

  lead = nd_item_get_lead_image (item);
  if (lead != NULL)
    append_figure (s, lead);

  body = nd_render_body (item, NULL, NULL);
  g_string_append (s, body);

  references = nd_render_dup_image_references (nd_item_get_body (item));
  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      if (image != lead && !is_referenced (references, image))
        append_figure (s, image);
    }

  append_credits (s, item);

  g_string_append (s, "</article>\n</body>\n</html>\n");

  return g_string_free (s, FALSE);
}
