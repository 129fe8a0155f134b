/* fuzz-render.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Markdown to HTML (nd-render.c): the body alone, the body with an
 * image reference, and the whole item as a document. The input is split
 * at 0x1E into body, title, teaser, alt text, caption, credit and the
 * image's src (as a site's answer would give it).
 *
 * Oracle, whatever goes in, the HTML that comes out has
 *  - no "<script" (in any case),
 *  - no attribute whose name starts with "on" inside a tag,
 *  - no URL attribute (href, src, …) whose value is a javascript: or
 *    vbscript: URL once character references are decoded and the white
 *    space and control characters a browser ignores in a URL are
 *    removed. */

#include "config.h"

#include <string.h>

#include "nd-fuzz.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-render.h"

enum { BODY, TITLE, TEASER, ALT, CAPTION, CREDIT, SRC, N_PARTS };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  return 0;
}

/* Character references as a browser decodes them in an attribute: the
 * numeric ones (with or without ";") and the named ones that can spell
 * "javascript:" or hide in it. */
static GString *
decode_references (const char *value,
                   gsize       length)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "colon", ':' }, { "tab", '\t' }, { "newline", '\n' }, { "nbsp", 0xA0 },
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "sol", '/' }, { "lpar", '(' }, { "rpar", ')' }, { "period", '.' },
  };
  GString *out = g_string_new (NULL);
  gsize i = 0;

  while (i < length)
    {
      if (value[i] == '&' && i + 1 < length && value[i + 1] == '#')
        {
          gboolean hex = i + 2 < length && (value[i + 2] == 'x' || value[i + 2] == 'X');
          gsize j = i + (hex ? 3 : 2);
          guint64 c = 0;
          gboolean any = FALSE;

          while (j < length && (hex ? g_ascii_isxdigit (value[j]) : g_ascii_isdigit (value[j])))
            {
              c = MIN (c * (hex ? 16 : 10) + (guint64) (hex ? g_ascii_xdigit_value (value[j])
                                                            : g_ascii_digit_value (value[j])),
                       0x110000);
              any = TRUE;
              j++;
            }
          if (any)
            {
              g_string_append_unichar (out, c < 0x110000 && c != 0 ? (gunichar) c : 0xFFFD);
              i = j < length && value[j] == ';' ? j + 1 : j;
              continue;
            }
        }
      else if (value[i] == '&')
        {
          gboolean found = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (named) && !found; k++)
            {
              gsize n = strlen (named[k].name);

              if (i + 1 + n <= length && g_ascii_strncasecmp (value + i + 1, named[k].name, n) == 0)
                {
                  g_string_append_unichar (out, named[k].c);
                  i += 1 + n;
                  if (i < length && value[i] == ';')
                    i++;
                  found = TRUE;
                }
            }
          if (found)
            continue;
        }

      g_string_append_c (out, value[i]);
      i++;
    }

  return out;
}

/* The attributes whose value a browser takes as a URL. */
static gboolean
is_url_attribute (const char *name,
                  gsize       length)
{
  static const char *names[] = {
    "href", "src", "srcset", "action", "formaction", "poster", "data", "background",
    "cite", "xlink:href", "lowsrc", "dynsrc", "ping", "longdesc", "manifest", "codebase",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (name, names[i], length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_dangerous_url (const char *value,
                  gsize       length)
{
  g_autoptr(GString) decoded = decode_references (value, length);
  g_autoptr(GString) bare = g_string_new (NULL);

  /* A browser drops leading and trailing C0 controls and spaces, and
   * tabs and newlines anywhere in a URL. Dropping every control and
   * space is stricter still. */
  for (gsize i = 0; i < decoded->len; i++)
    {
      guchar c = (guchar) decoded->str[i];

      if (c > 0x20 && c != 0x7F)
        g_string_append_c (bare, (char) g_ascii_tolower (c));
    }

  return g_str_has_prefix (bare->str, "javascript:") || g_str_has_prefix (bare->str, "vbscript:");
}

static void
check_html (const char *html,
            const char *what)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);
  gsize length = strlen (html);
  gsize i = 0;

  ND_FUZZ_CHECK (strstr (lower, "<script") == NULL, "%s has a <script: %s", what, html);

  /* The tags: "<" and a letter, "/" or "!" open one, as in HTML. */
  while (i < length)
    {
      if (html[i] != '<' || i + 1 >= length ||
          !(g_ascii_isalpha (html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!'))
        {
          i++;
          continue;
        }

      /* the tag's name */
      i++;
      while (i < length && !g_ascii_isspace (html[i]) && html[i] != '>' && html[i] != '/')
        i++;

      /* its attributes */
      while (i < length && html[i] != '>')
        {
          gsize name_start, name_end;

          if (g_ascii_isspace (html[i]) || html[i] == '/')
            {
              i++;
              continue;
            }

          name_start = i;
          while (i < length && !g_ascii_isspace (html[i]) && html[i] != '>' &&
                 html[i] != '/' && html[i] != '=')
            i++;
          name_end = MAX (i, name_start + 1);
          i = MAX (i, name_start + 1);

          ND_FUZZ_CHECK (!(name_end - name_start >= 2 &&
                           g_ascii_strncasecmp (html + name_start, "on", 2) == 0),
                         "%s has an event handler attribute “%.*s” in: %s",
                         what, (int) (name_end - name_start), html + name_start, html);

          while (i < length && g_ascii_isspace (html[i]))
            i++;
          if (i < length && html[i] == '=')
            {
              gsize value_start, value_end;

              i++;
              while (i < length && g_ascii_isspace (html[i]))
                i++;
              if (i < length && (html[i] == '"' || html[i] == '\''))
                {
                  char quote = html[i++];

                  value_start = i;
                  while (i < length && html[i] != quote)
                    i++;
                  value_end = i;
                  if (i < length)
                    i++;
                }
              else
                {
                  value_start = i;
                  while (i < length && !g_ascii_isspace (html[i]) && html[i] != '>')
                    i++;
                  value_end = i;
                }

              ND_FUZZ_CHECK (!is_url_attribute (html + name_start, name_end - name_start) ||
                             !is_dangerous_url (html + value_start, value_end - value_start),
                             "%s has a script URL “%.*s” in: %s",
                             what, (int) (value_end - value_start), html + value_start, html);
            }
        }
    }
}

static char *
src_for_image (NdImage  *image,
               gpointer  user_data)
{
  return g_strdup (user_data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdImage) image = nd_image_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG", 4);
  g_autofree char *markdown_html = NULL;
  g_autofree char *body_html = NULL;
  g_autofree char *document = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *with_reference = NULL;
  const char *part[N_PARTS] = { NULL, };

  if (size > 65536)
    return 0;

  /* Whatever reaches the renderer is UTF-8: the store and every entrance
   * check it. */
  valid = g_utf8_make_valid ((const char *) data, (gssize) size);
  parts = g_strsplit (valid, "\x1e", N_PARTS);
  for (guint i = 0; i < N_PARTS; i++)
    part[i] = i < g_strv_length (parts) ? parts[i] : "";

  markdown_html = nd_render_markdown (part[BODY]);
  check_html (markdown_html, "nd_render_markdown ()");

  nd_image_set_data (image, bytes, "image/png", 1, 1);
  nd_image_set_alt_text (image, part[ALT]);
  nd_image_set_caption (image, part[CAPTION]);
  nd_image_set_credit (image, part[CREDIT]);
  reference = nd_image_dup_reference (image);
  with_reference = g_strdup_printf ("%s\n\n![%s](%s)\n\nText ![x](%s) more.",
                                    part[BODY], part[ALT], reference, reference);

  nd_item_set_language (item, "de");
  nd_item_set_title (item, part[TITLE]);
  nd_item_set_teaser (item, part[TEASER]);
  nd_item_set_body (item, with_reference);
  nd_item_add_image (item, image);

  body_html = nd_render_body (item, src_for_image, (gpointer) part[SRC]);
  check_html (body_html, "nd_render_body ()");

  document = nd_render_item_html (item);
  check_html (document, "nd_render_item_html ()");

  return 0;
}
