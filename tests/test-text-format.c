/* test-text-format.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-text-format"

#include "config.h"

#include <string.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-text-format.h"
#include "nd-test-utils.h"

#define SAMPLE_NAME "meldung-clusterkonferenz-2024.txt"

static const char *sample_title =
  "ECCP: Rückblick auf Europäische Clusterkonferenz 2024 in Brüssel";
static const char *sample_teaser =
  "Anfang Mai 2024 fand die Europäische Clusterkonferenz in Brüssel statt "
  "und zeigte eindrucksvoll, welche bedeutende Rolle den Clusterorganisationen "
  "und der Clusterpolitik bei der Bewältigung der aktuellen Herausforderungen "
  "beigemessen wird. Das Team vom Programm „go-cluster“ war mittendrin, um den "
  "Austausch mit internationalen Akteuren zu suchen und über aktuelle "
  "Herausforderungen für Cluster und die Clusterpolitik zu diskutieren.";
static const char *sample_alt =
  "Das Bild zeigt sechs Personen auf einer Bühne bei der Europäischen "
  "Clusterkonferenz 2024, darunter Dr. Ole Janssen (Unterabteilungsleiter "
  "Innovations- und Technologiepolitik im Bundesministerium für Wirtschaft "
  "und Klimaschutz (BMWK))";

static char *
load_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = nd_test_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static NdItem *
parse_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_text_format_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);

  return item;
}

static NdItem *
parse_sample (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  NdItem *item;

  contents = load_data (SAMPLE_NAME, &length);
  item = nd_text_format_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);

  return item;
}

static void
assert_items_equal (NdItem *a,
                    NdItem *b)
{
  g_assert_cmpint (nd_item_get_kind (a), ==, nd_item_get_kind (b));
  g_assert_cmpstr (nd_item_get_language (a), ==, nd_item_get_language (b));
  g_assert_cmpstr (nd_item_get_date (a), ==, nd_item_get_date (b));
  g_assert_cmpstr (nd_item_get_title (a), ==, nd_item_get_title (b));
  g_assert_cmpstr (nd_item_get_teaser (a), ==, nd_item_get_teaser (b));
  g_assert_cmpstr (nd_item_get_body (a), ==, nd_item_get_body (b));
  g_assert_cmpuint (nd_item_get_n_images (a), ==, nd_item_get_n_images (b));

  for (guint i = 0; i < nd_item_get_n_images (a); i++)
    {
      NdImage *ia = nd_item_get_image (a, i);
      NdImage *ib = nd_item_get_image (b, i);

      g_assert_cmpint (nd_image_get_role (ia), ==, nd_image_get_role (ib));
      g_assert_cmpstr (nd_image_get_alt_text (ia), ==, nd_image_get_alt_text (ib));
      g_assert_cmpstr (nd_image_get_credit (ia), ==, nd_image_get_credit (ib));
      g_assert_cmpstr (nd_image_get_caption (ia), ==, nd_image_get_caption (ib));
    }
}

static NdItem *
round_trip (NdItem *item)
{
  g_autofree char *text = nd_text_format_write (item);

  g_assert_nonnull (text);

  return parse_string (text);
}

static void
test_sample (void)
{
  g_autoptr(NdItem) item = parse_sample ();
  g_auto(GStrv) paragraphs = NULL;
  const char *body;
  NdImage *image;

  g_assert_cmpint (nd_item_get_kind (item), ==, ND_ITEM_KIND_NEWS);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpstr (nd_item_get_language (item), ==, "de");
  g_assert_cmpstr (nd_item_get_date (item), ==, "2024-05-14");
  g_assert_cmpstr (nd_item_get_title (item), ==, sample_title);
  g_assert_cmpstr (nd_item_get_teaser (item), ==, sample_teaser);

  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  image = nd_item_get_image (item, 0);
  g_assert_true (nd_item_get_lead_image (item) == image);
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_LEAD);
  g_assert_cmpstr (nd_image_get_alt_text (image), ==, sample_alt);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "© VDI/VDE-IT");
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Europäische Clusterkonferenz 2024");
  g_assert_false (nd_image_has_data (image));

  body = nd_item_get_body (item);
  paragraphs = g_strsplit (body, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 4);
  g_assert_true (g_str_has_prefix (paragraphs[0], "Dr. Ole Janssen (Unterabteilungsleiter"));
  g_assert_true (g_str_has_prefix (paragraphs[1], "Beim Event der National Cluster Associations"));
  g_assert_true (g_str_has_prefix (paragraphs[2], "Good-Practice-Beispiele"));
  g_assert_true (g_str_has_prefix (paragraphs[3], "Die Clusterkonferenz ist ein Branchen-Treffpunkt"));
  g_assert_true (g_str_has_suffix (body, "untereinander vernetzen."));
  /* Quotes exactly as written: straight, German low-high and the mixed one. */
  g_assert_nonnull (strstr (body, "Podiumsdiskussion \"Being fit for the next EU madate: "
                                  "clusters as hotspots for attracting investments\" die"));
  g_assert_nonnull (strstr (body, "„go-cluster\" oder"));
  g_assert_nonnull (strstr (body, "„Netzwerk der Netzwerke“."));
  /* Neither the teaser nor the image block leaks into the body. */
  g_assert_null (strstr (body, "Anfang Mai"));
  g_assert_null (strstr (body, "VDI/VDE-IT"));
  g_assert_null (strstr (body, "Das Bild zeigt"));
}

static void
test_dates (void)
{
  const struct { const char *line; const char *iso; } cases[] = {
    { "14.05.2024", "2024-05-14" },
    { "2024-05-14", "2024-05-14" },
    { "14. Mai 2024", "2024-05-14" },
    { "1.2.2023", "2023-02-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("Meldung\n%s\n\nTitel\n\nTeaser.\n\nText.\n",
                                               cases[i].line);
      g_autoptr(NdItem) item = parse_string (text);

      g_assert_cmpstr (nd_item_get_date (item), ==, cases[i].iso);
      g_assert_cmpstr (nd_item_get_title (item), ==, "Titel");
    }
}

static void
test_no_date (void)
{
  g_autoptr(NdItem) item = parse_string ("Meldung\n\nTitel\n\nTeaser.\n\nText.\n");
  g_autoptr(NdItem) later = parse_string ("Meldung\n\n\n14.05.2024\n\nTitel\n\nTeaser.\n");

  g_assert_null (nd_item_get_date (item));
  g_assert_cmpstr (nd_item_get_title (item), ==, "Titel");
  g_assert_cmpstr (nd_item_get_teaser (item), ==, "Teaser.");
  g_assert_cmpstr (nd_item_get_body (item), ==, "Text.");

  /* A date after a blank line is still the date, not the title. */
  g_assert_cmpstr (nd_item_get_date (later), ==, "2024-05-14");
  g_assert_cmpstr (nd_item_get_title (later), ==, "Titel");
}

static void
test_credit_prefixes (void)
{
  const char *prefixes[] = {
    "© ", "©", "(c) ", "(C) ", "Foto: ", "Bild: ", "Bildquelle: ", "Photo: ", "Credit: ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *credit = g_strconcat (prefixes[i], "Max Muster", NULL);
      g_autofree char *text = g_strdup_printf ("Meldung\n14.05.2024\n\nTitel\n\nTeaser.\n\n"
                                               "Eine Frau am Rednerpult\n%s\nDie Rednerin\n\n"
                                               "Erster Absatz.\n", credit);
      g_autoptr(NdItem) item = parse_string (text);
      NdImage *image;

      g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
      image = nd_item_get_image (item, 0);
      g_assert_cmpstr (nd_image_get_credit (image), ==, credit);
      g_assert_cmpstr (nd_image_get_alt_text (image), ==, "Eine Frau am Rednerpult");
      g_assert_cmpstr (nd_image_get_caption (image), ==, "Die Rednerin");
      g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_LEAD);
      g_assert_cmpstr (nd_item_get_teaser (item), ==, "Teaser.");
      g_assert_cmpstr (nd_item_get_body (item), ==, "Erster Absatz.");
    }
}

static void
test_image_blocks (void)
{
  g_autoptr(NdItem) item = NULL;
  g_autofree char *long_line = NULL;
  g_autofree char *text = NULL;
  NdImage *image;

  /* Credit opening its paragraph: the previous paragraph is the alt text. */
  item = parse_string ("News\n2024-05-14\n\nTitle\n\nTeaser line one\nand two.\n\n"
                       "First paragraph.\n\nA red bridge at dusk\n\n© Jane Doe\nThe bridge\n\n"
                       "Last paragraph.\n");
  g_assert_cmpstr (nd_item_get_teaser (item), ==, "Teaser line one and two.");
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  image = nd_item_get_image (item, 0);
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_INLINE);
  g_assert_cmpstr (nd_image_get_alt_text (image), ==, "A red bridge at dusk");
  g_assert_cmpstr (nd_image_get_credit (image), ==, "© Jane Doe");
  g_assert_cmpstr (nd_image_get_caption (image), ==, "The bridge");
  g_assert_cmpstr (nd_item_get_body (item), ==, "First paragraph.\n\nLast paragraph.");
  g_clear_object (&item);

  /* A teaser paragraph that is an image block: the next one is the teaser. */
  item = parse_string ("News\n2024-05-14\n\nTitle\n\nAlt\nPhoto: Jane Doe\nCaption\n\n"
                       "The teaser.\n\nBody one\nstill body one.\n");
  g_assert_cmpstr (nd_item_get_teaser (item), ==, "The teaser.");
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
  g_assert_cmpint (nd_image_get_role (nd_item_get_image (item, 0)), ==, ND_IMAGE_ROLE_LEAD);
  g_assert_cmpstr (nd_item_get_body (item), ==, "Body one\nstill body one.");
  g_clear_object (&item);

  /* A long line after the credit is body text, not a caption. */
  long_line = g_strnfill (130, 'x');
  text = g_strdup_printf ("News\n\nTitle\n\nTeaser.\n\nAlt\nCredit: Jane\n%s\nmore\n\nEnd.\n",
                          long_line);
  item = parse_string (text);
  image = nd_item_get_image (item, 0);
  g_assert_cmpstr (nd_image_get_caption (image), ==, "");
  g_assert_cmpstr (nd_image_get_credit (image), ==, "Credit: Jane");
  g_assert_true (g_str_has_prefix (nd_item_get_body (item), long_line));
  g_assert_true (g_str_has_suffix (nd_item_get_body (item), "\nmore\n\nEnd."));
  g_clear_object (&item);

  /* Lines after a short caption are body text. */
  item = parse_string ("News\n\nTitle\n\nTeaser.\n\nAlt\n(c) Jane\nCaption\nBody right away.\n");
  image = nd_item_get_image (item, 0);
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Caption");
  g_assert_cmpstr (nd_image_get_credit (image), ==, "(c) Jane");
  g_assert_cmpstr (nd_item_get_body (item), ==, "Body right away.");
}

static void
test_kinds_and_languages (void)
{
  const struct {
    const char *word;
    NdItemKind  kind;
    const char *language;
  } cases[] = {
    { "Meldung", ND_ITEM_KIND_NEWS, "de" },
    { "Pressemitteilung", ND_ITEM_KIND_PRESS_RELEASE, "de" },
    { "Veranstaltung", ND_ITEM_KIND_EVENT, "de" },
    { "Publikation", ND_ITEM_KIND_PUBLICATION, "de" },
    { "News", ND_ITEM_KIND_NEWS, "en" },
    { "Press release", ND_ITEM_KIND_PRESS_RELEASE, "en" },
    { "Event", ND_ITEM_KIND_EVENT, "en" },
    { "Publication", ND_ITEM_KIND_PUBLICATION, "en" },
    { "  event  ", ND_ITEM_KIND_EVENT, "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("\n\n%s\n2024-05-14\n\nTitle\n\nTeaser.\n",
                                               cases[i].word);
      g_autoptr(NdItem) item = parse_string (text);

      g_assert_cmpint (nd_item_get_kind (item), ==, cases[i].kind);
      g_assert_cmpstr (nd_item_get_language (item), ==, cases[i].language);
    }
}

static void
assert_refused (const char        *data,
                gsize              length,
                NdTextFormatError  code,
                const char        *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = nd_text_format_parse (data, length, &error);

  g_assert_null (item);
  g_assert_error (error, ND_TEXT_FORMAT_ERROR, (int) code);
  g_assert_null (strchr (error->message, '\n'));
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
}

/* For literals, which may contain NUL bytes. */
#define REFUSED(literal, code, in_message) \
  assert_refused (literal, sizeof literal - 1, code, in_message)

static void
test_bad_inputs (void)
{
  const char latin1[] = "Meldung\n14.05.2024\n\nR\xfc" "ckblick\n\nTeaser.\n";
  g_autofree char *png = NULL;
  gsize png_length;

  REFUSED ("", ND_TEXT_FORMAT_ERROR_EMPTY, NULL);
  REFUSED (" \n\t\r\n  \n", ND_TEXT_FORMAT_ERROR_EMPTY, NULL);
  REFUSED ("\xEF\xBB\xBF", ND_TEXT_FORMAT_ERROR_EMPTY, NULL);
  REFUSED ("\xEF\xBB\xBF\r\n \r\n", ND_TEXT_FORMAT_ERROR_EMPTY, NULL);

  png = load_data ("logo.png", &png_length);
  assert_refused (png, png_length, ND_TEXT_FORMAT_ERROR_BINARY, NULL);
  REFUSED ("Meldung\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11", ND_TEXT_FORMAT_ERROR_BINARY, NULL);

  /* The line of the first bad byte is named. */
  assert_refused (latin1, strlen (latin1), ND_TEXT_FORMAT_ERROR_NOT_UTF8, "4");

  REFUSED ("Meldung\n14.05.2024\n\n \n\n", ND_TEXT_FORMAT_ERROR_NO_TITLE, NULL);
  REFUSED ("Meldung\n14.05.2024", ND_TEXT_FORMAT_ERROR_NO_TITLE, NULL);

  /* The allowed words are named, and what was found. */
  REFUSED ("Nachricht\n14.05.2024\n\nTitel\n", ND_TEXT_FORMAT_ERROR_NO_KIND, "Nachricht");
  REFUSED ("Nachricht\n14.05.2024\n\nTitel\n", ND_TEXT_FORMAT_ERROR_NO_KIND, "Pressemitteilung");
  REFUSED ("ECCP: Titel\n\nTeaser\n", ND_TEXT_FORMAT_ERROR_NO_KIND, "Meldung");

  REFUSED ("Meldung\n32.05.2024\n\nTitel\n", ND_TEXT_FORMAT_ERROR_BAD_DATE, "32.05.2024");
  REFUSED ("Meldung\nMein Titel\n\nTeaser.\n", ND_TEXT_FORMAT_ERROR_BAD_DATE, "Mein Titel");
}

static char *
to_crlf (const char *text,
         const char *line_end)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *joined = g_strjoinv (line_end, lines);

  return g_strconcat ("\xEF\xBB\xBF", joined, NULL);
}

static void
test_bom_crlf (void)
{
  g_autoptr(NdItem) plain = parse_sample ();
  g_autofree char *contents = NULL;
  gsize length;
  const char *ends[] = { "\r\n", "\r" };

  contents = load_data (SAMPLE_NAME, &length);

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autofree char *windows = to_crlf (contents, ends[i]);
      g_autoptr(NdItem) item = parse_string (windows);

      g_assert_null (strchr (nd_item_get_body (item), '\r'));
      assert_items_equal (plain, item);
    }
}

static void
test_round_trip_sample (void)
{
  g_autoptr(NdItem) item = parse_sample ();
  g_autoptr(NdItem) again = round_trip (item);

  assert_items_equal (item, again);
}

static NdImage *
new_image (NdImageRole  role,
           const char  *alt,
           const char  *credit,
           const char  *caption)
{
  NdImage *image = nd_image_new ();

  nd_image_set_role (image, role);
  nd_image_set_alt_text (image, alt);
  nd_image_set_credit (image, credit);
  nd_image_set_caption (image, caption);

  return image;
}

static NdItem *
new_english_item (void)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) lead = new_image (ND_IMAGE_ROLE_LEAD, "A lab with three robots",
                                       "Photo: Jane Doe", "The new lab");
  g_autoptr(NdImage) inline_image = new_image (ND_IMAGE_ROLE_INLINE, "Chart of sales & costs",
                                               "© ACME <Corp>", "Sales \"2024\"");

  nd_item_set_kind (item, ND_ITEM_KIND_EVENT);
  nd_item_set_language (item, "en");
  nd_item_set_date (item, "2024-06-01");
  nd_item_set_title (item, "Robots & people: \"an open day\"");
  nd_item_set_teaser (item, "Join us for <b>an open day</b> & see *what* we do.");
  nd_item_set_body (item,
                    "First <script>alert(1)</script> paragraph with *stars* & \"quotes\".\n\n"
                    "Second paragraph,\nwith a line break and 'single quotes'.\n\n"
                    "- a list item\n- another one\n\n"
                    "## A heading\n\n"
                    "Last one: <img src=x onerror=alert(1)> done.");
  nd_item_add_image (item, lead);
  nd_item_add_image (item, inline_image);

  return item;
}

static void
test_round_trip_english (void)
{
  g_autoptr(NdItem) item = new_english_item ();
  g_autoptr(NdItem) again = round_trip (item);
  g_autofree char *text = nd_text_format_write (item);

  g_assert_true (g_str_has_prefix (text, "Event\n2024-06-01\n\n"));
  /* Body text is written as it is, without escaping. */
  g_assert_nonnull (strstr (text, "<script>alert(1)</script> paragraph with *stars* & \"quotes\""));
  assert_items_equal (item, again);
  g_assert_cmpstr (nd_item_get_language (again), ==, "en");
  g_assert_cmpuint (nd_item_get_n_images (again), ==, 2);
}

static void
test_round_trip_edge_cases (void)
{
  g_autoptr(NdItem) item = new_english_item ();
  g_autoptr(NdItem) again = NULL;
  g_autoptr(NdImage) bare = new_image (ND_IMAGE_ROLE_INLINE, "", "", "");
  g_autoptr(NdImage) no_alt = new_image (ND_IMAGE_ROLE_INLINE, "", "Credit: Someone", "Caption only");
  NdImage *plain_credit;

  /* German, no date, images without alt text or credit. */
  nd_item_set_kind (item, ND_ITEM_KIND_PRESS_RELEASE);
  nd_item_set_language (item, "de");
  nd_item_set_date (item, NULL);
  nd_item_add_image (item, bare);
  nd_item_add_image (item, no_alt);
  again = round_trip (item);
  assert_items_equal (item, again);
  g_assert_null (nd_item_get_date (again));
  g_clear_object (&again);

  /* A credit without a credit prefix is written as "©" and the escaped
   * credit, and comes back as it was. */
  plain_credit = nd_item_get_image (item, 0);
  nd_image_set_credit (plain_credit, "Jane Doe");
  again = round_trip (item);
  g_assert_cmpstr (nd_image_get_credit (nd_item_get_image (again, 0)), ==, "Jane Doe");
  g_assert_cmpstr (nd_item_get_body (again), ==, nd_item_get_body (item));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-format/sample", test_sample);
  g_test_add_func ("/text-format/dates", test_dates);
  g_test_add_func ("/text-format/no-date", test_no_date);
  g_test_add_func ("/text-format/credit-prefixes", test_credit_prefixes);
  g_test_add_func ("/text-format/image-blocks", test_image_blocks);
  g_test_add_func ("/text-format/kinds-and-languages", test_kinds_and_languages);
  g_test_add_func ("/text-format/bad-inputs", test_bad_inputs);
  g_test_add_func ("/text-format/bom-crlf", test_bom_crlf);
  g_test_add_func ("/text-format/round-trip/sample", test_round_trip_sample);
  g_test_add_func ("/text-format/round-trip/english", test_round_trip_english);
  g_test_add_func ("/text-format/round-trip/edge-cases", test_round_trip_edge_cases);

  return g_test_run ();
}
