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
  if (src != NULL)
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
          if (*caption != '\0')
            g_string_append_c (s, ' ');
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
dup_data_uri (NdImage *image)
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
  g_autofree char *src = dup_data_uri (image);
  g_autofree char *figure = nd_render_figure (image, src);

  g_string_append (s, figure);
  g_string_append_c (s, '\n');
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

  body = nd_render_markdown (nd_item_get_body (item));
  g_string_append (s, body);

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      if (image != lead)
        append_figure (s, image);
    }

  g_string_append (s, "</article>\n</body>\n</html>\n");

  return g_string_free (s, FALSE);
}
