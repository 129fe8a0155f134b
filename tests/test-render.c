/* test-render.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <string.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-render.h"

static const char *evil_body =
  "Hello <script>alert(1)</script> world.\n\n"
  "<script>\nalert(2)\n</script>\n\n"
  "An image: <img src=x onerror=alert(3)>\n\n"
  "<img src=x onerror=alert(4)>\n\n"
  "[click](javascript:alert(5)) and [also](JAVASCRIPT:alert(6)) "
  "and <javascript:alert(7)>\n\n"
  "<a href=\"javascript:alert(8)\">raw link</a>";

static void
assert_safe (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "</script"));
  g_assert_null (strstr (lower, "<img src=x"));
  g_assert_null (strstr (lower, "onerror"));
  /* Text may mention javascript:, no attribute may hold it. */
  g_assert_null (strstr (lower, "href=\"javascript"));
  g_assert_null (strstr (lower, "src=\"javascript"));
  g_assert_null (strstr (lower, "href=javascript"));
}

static void
test_markdown_safe (void)
{
  g_autofree char *html = nd_render_markdown (evil_body);

  assert_safe (html);
  /* The text around the raw HTML is still there. */
  g_assert_nonnull (strstr (html, "Hello"));
  g_assert_nonnull (strstr (html, "world."));
  g_assert_nonnull (strstr (html, ">click</a>"));
}

static void
test_markdown_escapes (void)
{
  g_autofree char *html = nd_render_markdown ("Fish & chips < 5 € \"quoted\"");

  g_assert_nonnull (strstr (html, "Fish &amp; chips &lt; 5 €"));
  g_assert_null (strstr (html, "& chips"));
}

static void
test_markdown_blocks (void)
{
  g_autofree char *html = nd_render_markdown ("## Heading\n\n"
                                              "Some *emphasis* and **strong** text.\n\n"
                                              "- one\n- two\n\n"
                                              "1. first\n2. second\n\n"
                                              "[a link](https://example.org/?a=1&b=2)");

  g_assert_nonnull (strstr (html, "<h2>Heading</h2>"));
  g_assert_nonnull (strstr (html, "<em>emphasis</em>"));
  g_assert_nonnull (strstr (html, "<strong>strong</strong>"));
  g_assert_nonnull (strstr (html, "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
  g_assert_nonnull (strstr (html, "<ol>"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.org/?a=1&amp;b=2\">a link</a>"));
}

static void
test_markdown_empty (void)
{
  g_autofree char *html = nd_render_markdown ("");
  g_autofree char *null_html = nd_render_markdown (NULL);

  g_assert_cmpstr (html, ==, "");
  g_assert_cmpstr (null_html, ==, "");
}

static NdImage *
new_image (const char *alt,
           const char *credit,
           const char *caption)
{
  NdImage *image = nd_image_new ();

  nd_image_set_alt_text (image, alt);
  nd_image_set_credit (image, credit);
  nd_image_set_caption (image, caption);

  return image;
}

static void
test_figure_escapes (void)
{
  g_autoptr(NdImage) image = new_image ("A \"quoted\" <b>alt</b> & more",
                                        "© Smith & <Sons> \"Ltd\"",
                                        "Caption <i>with</i> & \"quotes\"");
  g_autofree char *html = nd_render_figure (image, "data:image/png;base64,AAAA");
  g_autofree char *no_src = nd_render_figure (image, NULL);

  g_assert_cmpstr (html, ==,
                   "<figure><img src=\"data:image/png;base64,AAAA\" "
                   "alt=\"A &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt; &amp; more\">"
                   "<figcaption>Caption &lt;i&gt;with&lt;/i&gt; &amp; &quot;quotes&quot; — "
                   "<span class=\"credit\">© Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;</span>"
                   "</figcaption></figure>");
  g_assert_null (strstr (no_src, "src="));
  g_assert_true (g_str_has_prefix (no_src, "<figure><img alt=\"A &quot;quoted"));
}

static void
test_figure_credit (void)
{
  const struct { const char *credit; const char *shown; } cases[] = {
    { "Jane Doe", "<span class=\"credit\">© Jane Doe</span>" },
    { "© VDI/VDE-IT", "<span class=\"credit\">© VDI/VDE-IT</span>" },
    { "Foto: Max Muster", "<span class=\"credit\">Foto: Max Muster</span>" },
    { "(c) ACME", "<span class=\"credit\">(c) ACME</span>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NdImage) image = new_image ("alt", cases[i].credit, "Caption");
      g_autofree char *html = nd_render_figure (image, NULL);

      g_assert_nonnull (strstr (html, cases[i].shown));
      g_assert_null (strstr (html, "© ©"));
    }
}

static NdItem *
new_item (void)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) lead = new_image ("Three robots in a lab", "Photo: Jane Doe", "The new lab");
  g_autoptr(NdImage) inline_image = new_image ("A chart", "ACME", "Sales");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);

  nd_item_set_language (item, "de");
  nd_item_set_date (item, "2024-05-14");
  nd_item_set_title (item, "Roboter & Menschen");
  nd_item_set_teaser (item, "Ein Tag der <offenen> Tür.");
  nd_item_set_body (item, evil_body);
  nd_image_set_role (lead, ND_IMAGE_ROLE_LEAD);
  nd_image_set_data (lead, bytes, "image/png", 1, 1);
  nd_image_set_role (inline_image, ND_IMAGE_ROLE_INLINE);
  nd_item_add_image (item, inline_image);
  nd_item_add_image (item, lead);

  return item;
}

static void
test_item_html (void)
{
  g_autoptr(NdItem) item = new_item ();
  g_autofree char *html = nd_render_item_html (item);
  g_autofree char *base64 = g_base64_encode ((const guchar *) "\x89PNG\r\n\x1a\n", 8);
  g_autofree char *data_uri = g_strconcat ("src=\"data:image/png;base64,", base64, "\"", NULL);
  const char *lead_at;
  const char *inline_at;
  const char *body_at;

  assert_safe (html);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<html lang=\"de\">"));
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<title>Roboter &amp; Menschen</title>"));
  g_assert_nonnull (strstr (html, "<h1>Roboter &amp; Menschen</h1>"));
  g_assert_nonnull (strstr (html, "<time datetime=\"2024-05-14\">14.05.2024</time>"));
  g_assert_nonnull (strstr (html, "<p class=\"teaser\">Ein Tag der &lt;offenen&gt; Tür.</p>"));
  g_assert_nonnull (strstr (html, data_uri));
  g_assert_nonnull (strstr (html, "<span class=\"credit\">Photo: Jane Doe</span>"));
  g_assert_nonnull (strstr (html, "<span class=\"credit\">© ACME</span>"));
  g_assert_nonnull (strstr (html, "</article>"));

  /* Lead figure before the body, the inline one after it, whatever their
   * order in the item. */
  lead_at = strstr (html, "Three robots");
  body_at = strstr (html, "Hello");
  inline_at = strstr (html, "A chart");
  g_assert_nonnull (lead_at);
  g_assert_nonnull (body_at);
  g_assert_nonnull (inline_at);
  g_assert_true (lead_at < body_at);
  g_assert_true (body_at < inline_at);

  /* The slot without a file has no src at all. */
  g_assert_nonnull (strstr (html, "<figure><img alt=\"A chart\">"));
}

/* An item with two files (SHA-256 of their bytes) and a body that shows
 * them inline. */
static NdItem *
new_item_with_inline (const char *body_template)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) chart = new_image ("A \"chart\" <b>", "Foto: A & B", "Sales <2024>");
  g_autoptr(NdImage) photo = new_image ("", "ACME", "");
  g_autoptr(GBytes) chart_bytes = g_bytes_new_static ("chart-bytes", 11);
  g_autoptr(GBytes) photo_bytes = g_bytes_new_static ("photo-bytes", 11);
  g_autofree char *chart_ref = NULL;
  g_autofree char *photo_ref = NULL;
  g_autoptr(GString) body = g_string_new (body_template);

  nd_image_set_data (chart, chart_bytes, "image/png", 1, 1);
  nd_image_set_data (photo, photo_bytes, "image/jpeg", 1, 1);
  nd_item_add_image (item, chart);
  nd_item_add_image (item, photo);
  chart_ref = nd_image_dup_reference (chart);
  photo_ref = nd_image_dup_reference (photo);
  g_string_replace (body, "CHART", chart_ref, 0);
  g_string_replace (body, "PHOTO", photo_ref, 0);
  nd_item_set_body (item, body->str);

  return item;
}

static char *
src_by_mime (NdImage  *image,
             gpointer  user_data)
{
  return g_strdup_printf ("https://cdn.example/%s?x=1&y=2", nd_image_get_mime_type (image));
}

static void
test_body_inline_alone (void)
{
  g_autoptr(NdItem) item = new_item_with_inline ("Before.\n\n![ignored](CHART)\n\nAfter.");
  g_autofree char *html = nd_render_body (item, src_by_mime, NULL);

  assert_safe (html);
  /* The figure takes the paragraph's place: no <p> around it. */
  g_assert_nonnull (strstr (html, "<p>Before.</p>\n<figure><img src=\"https://cdn.example/image/png?x=1&amp;y=2\" "
                                  "alt=\"A &quot;chart&quot; &lt;b&gt;\"><figcaption>Sales &lt;2024&gt; — "
                                  "<span class=\"credit\">Foto: A &amp; B</span></figcaption></figure>\n<p>After.</p>"));
  g_assert_null (strstr (html, "ignored"));
  g_assert_null (strstr (html, "newsdesk:"));
}

static void
test_body_inline_in_text (void)
{
  g_autoptr(NdItem) item = new_item_with_inline ("Text ![first](PHOTO) more ![second](CHART) end.\n\n"
                                                 "Unknown ![x](newsdesk:image/0123456789ab) here.");
  g_autofree char *html = nd_render_body (item, NULL, NULL);
  const char *paragraph = strstr (html, "<p>Text  more  end.</p>");
  const char *photo = strstr (html, "alt=\"first\"");
  const char *chart = strstr (html, "alt=\"A &quot;chart");

  assert_safe (html);
  /* Both follow their paragraph, in order; the photo without alt text
   * takes the words in the brackets; data: URIs by default. */
  g_assert_nonnull (paragraph);
  g_assert_nonnull (photo);
  g_assert_nonnull (chart);
  g_assert_true (paragraph < photo);
  g_assert_true (photo < chart);
  g_assert_nonnull (strstr (html, "src=\"data:image/jpeg;base64,"));
  g_assert_nonnull (strstr (html, "<span class=\"credit\">© ACME</span>"));
  /* A reference to no image of the item is dropped. */
  g_assert_nonnull (strstr (html, "<p>Unknown  here.</p>"));
  g_assert_null (strstr (html, "0123456789ab"));
}

static void
test_body_references_listed (void)
{
  g_auto(GStrv) references = nd_render_dup_image_references ("![a](newsdesk:image/abcdef12)\n\n"
                                                             "![b](https://example.org/b.png) "
                                                             "[not an image](newsdesk:image/ffffff) "
                                                             "![c](newsdesk:image/123456)");

  g_assert_cmpuint (g_strv_length (references), ==, 2);
  g_assert_cmpstr (references[0], ==, "newsdesk:image/abcdef12");
  g_assert_cmpstr (references[1], ==, "newsdesk:image/123456");
}

/* An image written in another's brackets is only that one's alt text:
 * one figure, built from the outer reference, whether it stands alone or
 * sits in text (found by fuzz-render: the inner node was freed with the
 * outer one, then used). */
static void
test_body_inline_nested (void)
{
  const char *bodies[] = {
    "![outer ![inner](PHOTO)](CHART)",
    "Text ![outer ![inner](PHOTO) ![deeper ![x](CHART)](PHOTO)](CHART) more.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(NdItem) item = new_item_with_inline (bodies[i]);
      g_autofree char *html = nd_render_body (item, src_by_mime, NULL);
      g_auto(GStrv) references = nd_render_dup_image_references (nd_item_get_body (item));
      const char *figure = strstr (html, "<figure>");

      assert_safe (html);
      g_assert_nonnull (figure);
      g_assert_null (strstr (figure + 1, "<figure>"));
      g_assert_nonnull (strstr (html, "src=\"https://cdn.example/image/png?x=1&amp;y=2\""));
      g_assert_null (strstr (html, "image/jpeg"));
      g_assert_null (strstr (html, "newsdesk:"));
      g_assert_cmpuint (g_strv_length (references), ==, 1);
      g_assert_true (nd_image_matches_reference (nd_item_get_image (item, 0), references[0]));
    }
}

static void
test_item_html_inline_once (void)
{
  g_autoptr(NdItem) item = new_item_with_inline ("![](CHART)");
  g_autofree char *html = nd_render_item_html (item);
  const char *first = strstr (html, "Sales &lt;2024&gt;");

  g_assert_nonnull (first);
  /* Shown in the body, it is not repeated after it. */
  g_assert_null (strstr (first + 1, "Sales &lt;2024&gt;"));
  /* The credits, once each, at the end. */
  g_assert_nonnull (strstr (html, "<li>Foto: A &amp; B</li><li>© ACME</li>"));
}

static void
test_item_html_credits_language (void)
{
  g_autoptr(NdItem) item = new_item_with_inline ("Text.");
  g_autofree char *en = NULL;
  g_autofree char *de = NULL;

  nd_item_set_language (item, "en");
  en = nd_render_item_html (item);
  nd_item_set_language (item, "de");
  de = nd_render_item_html (item);

  g_assert_nonnull (strstr (en, "<h2>Image credits</h2>"));
  g_assert_nonnull (strstr (de, "<h2>Bildnachweis</h2>"));
}

/* A src from elsewhere (a site's answer) that a browser would read as a
 * script URL is left out; found by tests/fuzz/fuzz-render.c. */
static void
test_figure_unsafe_src (void)
{
  const char *unsafe[] = { "javascript:alert(1)", " java\nscript:alert(1)", "\x01JavaScript:x",
                           "jav\tascript:x", "vbscript:x", "data:text/html,<b>" };
  const char *safe[] = { "https://example.org/a.png", "http://example.org/a.png",
                         "data:image/png;base64,AAAA", "images/a.png" };
  g_autoptr(NdImage) image = nd_image_new ();

  nd_image_set_alt_text (image, "Alt");
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autofree char *html = nd_render_figure (image, unsafe[i]);

      g_assert_null (strstr (html, "src="));
      g_assert_nonnull (strstr (html, "alt=\"Alt\""));
    }
  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_autofree char *html = nd_render_figure (image, safe[i]);

      g_assert_nonnull (strstr (html, "src="));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/markdown/safe", test_markdown_safe);
  g_test_add_func ("/render/markdown/escapes", test_markdown_escapes);
  g_test_add_func ("/render/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/render/markdown/empty", test_markdown_empty);
  g_test_add_func ("/render/figure/escapes", test_figure_escapes);
  g_test_add_func ("/render/figure/credit", test_figure_credit);
  g_test_add_func ("/render/figure/unsafe-src", test_figure_unsafe_src);
  g_test_add_func ("/render/item-html", test_item_html);
  g_test_add_func ("/render/body/inline-alone", test_body_inline_alone);
  g_test_add_func ("/render/body/inline-in-text", test_body_inline_in_text);
  g_test_add_func ("/render/body/references", test_body_references_listed);
  g_test_add_func ("/render/body/inline-nested", test_body_inline_nested);
  g_test_add_func ("/render/item-html/inline-once", test_item_html_inline_once);
  g_test_add_func ("/render/item-html/credits-language", test_item_html_credits_language);

  return g_test_run ();
}
