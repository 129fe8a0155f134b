/* test-checklist.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-checklist"

#include "config.h"

#include <string.h>

#include "nd-checklist.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-text-format.h"

static NdImage *
new_complete_image (void)
{
  NdImage *image = nd_image_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);

  nd_image_set_data (image, bytes, "image/png", 1, 1);
  nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
  nd_image_set_credit (image, "© Jane Doe");
  nd_image_set_alt_text (image, "Three robots in a lab");
  nd_image_set_caption (image, "The new lab");

  return image;
}

static NdItem *
new_complete_item (void)
{
  NdItem *item = nd_item_new ();
  g_autoptr(NdImage) image = new_complete_image ();

  nd_item_set_title (item, "Title");
  nd_item_set_teaser (item, "Teaser.");
  nd_item_set_body (item, "Body.");
  nd_item_set_date (item, "2024-05-14");
  nd_item_add_image (item, image);

  return item;
}

/* Asserts that @item has exactly one problem, an error about @field whose
 * message contains @in_message (if not NULL). */
static void
assert_one_problem (NdItem     *item,
                    const char *field,
                    const char *in_message)
{
  g_autoptr(GPtrArray) problems = nd_item_check (item);
  NdCheckProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, ND_CHECK_ERROR);
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_nonnull (problem->message);
  g_assert_cmpstr (problem->message, !=, "");
  g_assert_null (strchr (problem->message, '\n'));
  if (in_message != NULL)
    g_assert_nonnull (strstr (problem->message, in_message));
  g_assert_false (nd_check_passes (problems));
}

static void
test_complete (void)
{
  g_autoptr(NdItem) item = new_complete_item ();
  g_autoptr(GPtrArray) problems = nd_item_check (item);
  g_autoptr(NdItem) no_images = new_complete_item ();
  g_autoptr(GPtrArray) no_images_problems = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (nd_check_passes (problems));

  /* Images are not required; a date with a time is fine. */
  nd_item_clear_images (no_images);
  nd_item_set_date (no_images, "2024-05-14T09:30:00+02:00");
  no_images_problems = nd_item_check (no_images);
  g_assert_cmpuint (no_images_problems->len, ==, 0);
}

static void
test_missing_texts (void)
{
  const char *empties[] = { "", "  \n\t ", "\u00a0" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(NdItem) title = new_complete_item ();
      g_autoptr(NdItem) teaser = new_complete_item ();
      g_autoptr(NdItem) body = new_complete_item ();

      nd_item_set_title (title, empties[i]);
      assert_one_problem (title, "title", NULL);
      nd_item_set_teaser (teaser, empties[i]);
      assert_one_problem (teaser, "teaser", NULL);
      nd_item_set_body (body, empties[i]);
      assert_one_problem (body, "body", NULL);
    }
}

static void
test_date (void)
{
  g_autoptr(NdItem) missing = new_complete_item ();
  g_autoptr(NdItem) invalid = new_complete_item ();

  nd_item_set_date (missing, NULL);
  assert_one_problem (missing, "date", NULL);

  nd_item_set_date (invalid, "2024-02-30");
  assert_one_problem (invalid, "date", "2024-02-30");
}

static void
test_images (void)
{
  g_autoptr(NdItem) no_file = new_complete_item ();
  g_autoptr(NdItem) no_credit = new_complete_item ();
  g_autoptr(NdItem) no_alt = new_complete_item ();
  g_autoptr(NdItem) second = new_complete_item ();
  g_autoptr(NdImage) slot = nd_image_new ();
  g_autoptr(NdImage) bare = nd_image_new ();
  g_autoptr(GPtrArray) bare_problems = NULL;
  g_autoptr(NdItem) bare_item = new_complete_item ();

  nd_image_set_credit (slot, "© Someone");
  nd_image_set_alt_text (slot, "Alt");
  nd_image_set_caption (slot, "The caption");
  nd_item_clear_images (no_file);
  nd_item_add_image (no_file, slot);
  assert_one_problem (no_file, "image", "“The caption”");

  nd_image_set_credit (nd_item_get_image (no_credit, 0), "  ");
  assert_one_problem (no_credit, "image", "The new lab");

  nd_image_set_alt_text (nd_item_get_image (no_alt, 0), "");
  assert_one_problem (no_alt, "image", "The new lab");

  /* The image is named by its position. */
  nd_item_add_image (second, slot);
  assert_one_problem (second, "image", "2");

  /* One problem for each missing thing. */
  nd_item_add_image (bare_item, bare);
  bare_problems = nd_item_check (bare_item);
  g_assert_cmpuint (bare_problems->len, ==, 3);
  for (guint i = 0; i < bare_problems->len; i++)
    {
      NdCheckProblem *problem = g_ptr_array_index (bare_problems, i);

      g_assert_cmpstr (problem->field, ==, "image");
      g_assert_nonnull (strstr (problem->message, "2"));
    }
}

static void
test_warning_passes (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_check_problem_free);
  NdCheckProblem *warning = g_new0 (NdCheckProblem, 1);

  warning->severity = ND_CHECK_WARNING;
  warning->field = g_strdup ("body");
  warning->message = g_strdup ("A warning");
  g_ptr_array_add (problems, warning);

  g_assert_true (nd_check_passes (problems));
}

static void
test_sample (void)
{
  const char *dir = g_getenv ("ND_TEST_DATA");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) item = NULL;
  gsize length;

  if (dir != NULL)
    path = g_build_filename (dir, "meldung-clusterkonferenz-2024.txt", NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "meldung-clusterkonferenz-2024.txt", NULL);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  item = nd_text_format_parse (contents, length, &error);
  g_assert_no_error (error);

  /* Everything is there except the image file itself; its teaser is
   * longer than a teaser should be (a warning, as the editor's hint). */
  {
    g_autoptr(GPtrArray) problems = nd_item_check (item);
    NdCheckProblem *error_problem;
    NdCheckProblem *warning;

    g_assert_cmpuint (problems->len, ==, 2);
    error_problem = g_ptr_array_index (problems, 0);
    warning = g_ptr_array_index (problems, 1);
    g_assert_cmpint (error_problem->severity, ==, ND_CHECK_ERROR);
    g_assert_cmpstr (error_problem->field, ==, "image");
    g_assert_nonnull (strstr (error_problem->message, "Europäische Clusterkonferenz 2024"));
    g_assert_cmpint (warning->severity, ==, ND_CHECK_WARNING);
    g_assert_cmpstr (warning->field, ==, "teaser");
    g_assert_nonnull (strstr (warning->message, "300"));
  }
}

/* Asserts one warning about "image" (the item still passes). */
static void
assert_one_warning (NdItem     *item,
                    const char *in_message)
{
  g_autoptr(GPtrArray) problems = nd_item_check (item);
  NdCheckProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, ND_CHECK_WARNING);
  g_assert_cmpstr (problem->field, ==, "image");
  if (in_message != NULL)
    g_assert_nonnull (strstr (problem->message, in_message));
  g_assert_true (nd_check_passes (problems));
}

static void
test_alt_text_quality (void)
{
  const char *file_names[] = { "IMG_1234.jpg", "foto.png", "DSC01234", "Bild.JPEG", " pxl_20240514 " };
  const char *fine[] = { "Three robots in a lab", "img", "Logo", "Das Team vor dem Gebäude.jpg-Plakat" };

  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    {
      g_autoptr(NdItem) item = new_complete_item ();

      nd_image_set_alt_text (nd_item_get_image (item, 0), file_names[i]);
      assert_one_warning (item, "file name");
    }

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(NdItem) item = new_complete_item ();
      g_autoptr(GPtrArray) problems = NULL;

      nd_image_set_alt_text (nd_item_get_image (item, 0), fine[i]);
      problems = nd_item_check (item);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_alt_repeats_caption (void)
{
  g_autoptr(NdItem) item = new_complete_item ();
  NdImage *image = nd_item_get_image (item, 0);

  nd_image_set_caption (image, "Three robots in a lab");
  assert_one_warning (item, "caption");

  /* Case, spacing and the final full stop do not make it different. */
  nd_image_set_alt_text (image, "three  ROBOTS in a lab.");
  assert_one_warning (item, "caption");
}

static void
test_body_reference (void)
{
  g_autoptr(NdItem) item = new_complete_item ();
  g_autofree char *reference = nd_image_dup_reference (nd_item_get_image (item, 0));
  g_autofree char *good = g_strdup_printf ("Text.\n\n![](%s)", reference);
  g_autoptr(GPtrArray) problems = NULL;

  nd_item_set_body (item, good);
  problems = nd_item_check (item);
  g_assert_cmpuint (problems->len, ==, 0);

  nd_item_set_body (item, "Text.\n\n![](newsdesk:image/0123456789ab)");
  assert_one_problem (item, "body", "newsdesk:image/0123456789ab");
}


/* The problem about @field, which must be the only one. */
static NdCheckProblem *
only_problem (GPtrArray  *problems,
              const char *field)
{
  NdCheckProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->field, ==, field);

  return problem;
}

static void
test_limits (void)
{
  const NdFieldLimit *title_limit = nd_field_get_limit (ND_FIELD_TITLE);
  g_autoptr(NdItem) item = new_complete_item ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *warn_count = g_strdup_printf ("%'u", title_limit->warn + 1);
  g_autofree char *max_count = g_strdup_printf ("%'u", title_limit->max);
  NdCheckProblem *problem;

  /* Long but allowed: a warning, publication not blocked. */
  for (guint i = 0; i < title_limit->warn + 1; i++)
    g_string_append_c (text, 'x');
  nd_item_set_title (item, text->str);
  problems = nd_item_check (item);
  problem = only_problem (problems, "title");
  g_assert_cmpint (problem->severity, ==, ND_CHECK_WARNING);
  g_assert_nonnull (strstr (problem->message, warn_count));
  g_assert_true (nd_check_passes (problems));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* At the warning length exactly: nothing. */
  g_string_truncate (text, title_limit->warn);
  nd_item_set_title (item, text->str);
  problems = nd_item_check (item);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Over the maximum (it came in some other way): an error. */
  while (text->len <= title_limit->max)
    g_string_append_c (text, 'x');
  nd_item_set_title (item, text->str);
  problems = nd_item_check (item);
  problem = only_problem (problems, "title");
  g_assert_cmpint (problem->severity, ==, ND_CHECK_ERROR);
  g_assert_nonnull (strstr (problem->message, max_count));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A control character from old data: an error that says which. */
  nd_item_set_title (item, "Title \033]0;owned\007");
  problems = nd_item_check (item);
  problem = only_problem (problems, "title");
  g_assert_cmpint (problem->severity, ==, ND_CHECK_ERROR);
  g_assert_nonnull (strstr (problem->message, "U+001B"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  nd_item_set_title (item, "Title");

  /* Tags: many is a warning, too many an error. */
  for (guint i = 0; i <= ND_LIMIT_TAGS_MAX; i++)
    {
      g_autofree char *tag = g_strdup_printf ("tag %u", i);

      nd_item_add_tag (item, tag);
      g_clear_pointer (&problems, g_ptr_array_unref);
      problems = nd_item_check (item);
      if (i + 1 <= ND_LIMIT_TAGS_WARN)
        g_assert_cmpuint (problems->len, ==, 0);
      else
        {
          problem = only_problem (problems, "tags");
          g_assert_cmpint (problem->severity, ==,
                           i + 1 > ND_LIMIT_TAGS_MAX ? ND_CHECK_ERROR : ND_CHECK_WARNING);
        }
    }
  g_clear_pointer (&problems, g_ptr_array_unref);
  nd_item_set_tags (item, NULL);

  /* An image's field is named with the image. */
  g_string_truncate (text, 0);
  for (guint i = 0; i <= nd_field_get_limit (ND_FIELD_ALT_TEXT)->max; i++)
    g_string_append (text, "a ");
  nd_image_set_alt_text (nd_item_get_image (item, 0), text->str);
  problems = nd_item_check (item);
  problem = only_problem (problems, "image");
  g_assert_cmpint (problem->severity, ==, ND_CHECK_ERROR);
  g_assert_true (g_str_has_prefix (problem->message, "Image 1: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checklist/complete", test_complete);
  g_test_add_func ("/checklist/missing-texts", test_missing_texts);
  g_test_add_func ("/checklist/date", test_date);
  g_test_add_func ("/checklist/images", test_images);
  g_test_add_func ("/checklist/warning-passes", test_warning_passes);
  g_test_add_func ("/checklist/sample", test_sample);
  g_test_add_func ("/checklist/alt-file-name", test_alt_text_quality);
  g_test_add_func ("/checklist/alt-repeats-caption", test_alt_repeats_caption);
  g_test_add_func ("/checklist/body-reference", test_body_reference);
  g_test_add_func ("/checklist/limits", test_limits);

  return g_test_run ();
}
