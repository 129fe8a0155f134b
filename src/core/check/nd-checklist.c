/* nd-checklist.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-checklist"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-checklist.h"
#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-render.h"

/* How much of a caption or alt text names an image in a message. */
#define SNIPPET_CHARS 40

void
nd_check_problem_free (NdCheckProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray       *problems,
             NdCheckSeverity  severity,
             const char      *field,
             char            *message)
{
  NdCheckProblem *problem = g_new0 (NdCheckProblem, 1);

  g_assert (problems != NULL);
  g_assert (field != NULL);
  g_assert (message != NULL);

  problem->severity = severity;
  problem->field = g_strdup (field);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
image_has_file (NdImage *image)
{
  /* A store may load an image's metadata without its bytes. */
  return nd_image_has_data (image) || nd_image_get_sha256 (image) != NULL;
}

/* The caption, else the alt text, shortened, as a name for the image;
 * NULL when it has neither. */
static char *
dup_snippet (NdImage *image)
{
  const char *candidates[] = {
    nd_image_get_caption (image),
    nd_image_get_alt_text (image),
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *text = NULL;

      if (is_empty (candidates[i]))
        continue;

      text = g_strstrip (g_strdup (candidates[i]));
      g_strdelimit (text, "\r\n\t", ' ');

      if (g_utf8_strlen (text, -1) > SNIPPET_CHARS)
        {
          g_autofree char *head = g_utf8_substring (text, 0, SNIPPET_CHARS - 1);

          g_strchomp (head);
          return g_strconcat (head, "…", NULL);
        }

      return g_steal_pointer (&text);
    }

  return NULL;
}

/* Folded for comparison: case, Unicode form, white space runs and the
 * final punctuation do not count. */
static char *
dup_comparable (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (normalized != NULL ? normalized : "", -1);
  GString *result = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = result->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (result, ' ');
      space = FALSE;
      g_string_append_unichar (result, c);
    }

  while (result->len > 0 && strchr (".!:;,", result->str[result->len - 1]) != NULL)
    g_string_truncate (result, result->len - 1);

  return g_string_free (result, FALSE);
}

/* "IMG_1234.jpg", "foto.png", "DSC01234": what a camera or a file
 * manager names a picture says nothing about what it shows. */
static gboolean
looks_like_file_name (const char *alt)
{
  static const char * const extensions[] = {
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".heic", ".bmp", ".svg",
  };
  static const char * const camera_prefixes[] = {
    "img", "dsc", "dscn", "dscf", "pxl", "dji", "gopr", "mvimg",
  };
  g_autofree char *text = g_strstrip (g_ascii_strdown (alt, -1));
  const char *p;

  if (*text == '\0' || strchr (text, ' ') != NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_str_has_suffix (text, extensions[i]))
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (camera_prefixes); i++)
    {
      if (!g_str_has_prefix (text, camera_prefixes[i]))
        continue;

      p = text + strlen (camera_prefixes[i]);
      if (*p == '_' || *p == '-')
        p++;
      if (g_ascii_isdigit (*p))
        return TRUE;
    }

  return FALSE;
}

static void
check_image (GPtrArray *problems,
             NdImage   *image,
             guint      number)
{
  g_autofree char *name = dup_snippet (image);

  if (!image_has_file (image))
    add_problem (problems, ND_CHECK_ERROR, "image",
                 name != NULL
                 /* Translators: %u is the image's position, %s its caption */
                 ? g_strdup_printf (_("Image %u (“%s”) has no file yet"), number, name)
                 : g_strdup_printf (_("Image %u has no file yet"), number));

  if (is_empty (nd_image_get_credit (image)))
    add_problem (problems, ND_CHECK_ERROR, "image",
                 name != NULL
                 /* Translators: %u is the image's position, %s its caption */
                 ? g_strdup_printf (_("Image %u (“%s”) has no credit"), number, name)
                 : g_strdup_printf (_("Image %u has no credit"), number));

  if (is_empty (nd_image_get_alt_text (image)))
    add_problem (problems, ND_CHECK_ERROR, "image",
                 name != NULL
                 /* Translators: %u is the image's position, %s its caption;
                  * alt text describes the image for people who cannot see it */
                 ? g_strdup_printf (_("Image %u (“%s”) has no alt text"), number, name)
                 : g_strdup_printf (_("Image %u has no alt text"), number));
  else if (looks_like_file_name (nd_image_get_alt_text (image)))
    add_problem (problems, ND_CHECK_WARNING, "image",
                 /* Translators: %u is the image's position, %s its alt text */
                 g_strdup_printf (_("The alt text of image %u (“%s”) is a file name; describe what the image shows"),
                                  number, nd_image_get_alt_text (image)));
  else if (!is_empty (nd_image_get_caption (image)))
    {
      g_autofree char *alt = dup_comparable (nd_image_get_alt_text (image));
      g_autofree char *caption = dup_comparable (nd_image_get_caption (image));

      if (g_str_equal (alt, caption))
        add_problem (problems, ND_CHECK_WARNING, "image",
                     /* Translators: %u is the image's position */
                     g_strdup_printf (_("The alt text of image %u repeats its caption; describe what the image shows"),
                                      number));
    }
}

/* References in the body to images the item does not have. */
static void
check_references (GPtrArray *problems,
                  NdItem    *item)
{
  g_auto(GStrv) references = nd_render_dup_image_references (nd_item_get_body (item));

  for (guint i = 0; references[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < nd_item_get_n_images (item) && !found; j++)
        found = nd_image_matches_reference (nd_item_get_image (item, j), references[i]);

      if (!found)
        add_problem (problems, ND_CHECK_ERROR, "body",
                     /* Translators: %s is the reference as written in the body,
                      * "newsdesk:image/3f2a9c1b7e4d" */
                     g_strdup_printf (_("The body shows the image “%s”, which the item does not have"),
                                      references[i]));
    }
}

/* Over a field's maximum or holding what it may not (it came in by a
 * way that does not check, such as an older version): an error, so it
 * is not published. Over the warning length: a warning. */
static void
check_field_limit (GPtrArray  *problems,
                   const char *key,
                   NdField     field,
                   const char *text,
                   guint       image_number)
{
  g_autoptr(GError) error = NULL;
  const NdFieldLimit *limit = nd_field_get_limit (field);
  glong n_chars;

  if (!nd_field_check (field, text, -1, &error))
    {
      add_problem (problems, ND_CHECK_ERROR, key,
                   image_number > 0
                   /* Translators: %u is the image's position, %s what is wrong */
                   ? g_strdup_printf (_("Image %u: %s"), image_number, error->message)
                   : g_strdup (error->message));
      return;
    }

  n_chars = g_utf8_strlen (text, -1);
  if (limit->warn > 0 && (gsize) n_chars > limit->warn)
    {
      g_autofree char *have = g_strdup_printf ("%'ld", n_chars);
      g_autofree char *advised = g_strdup_printf ("%'u", limit->warn);
      g_autofree char *message = NULL;

      /* Translators: the first %s names the field ("The title"), then two
       * numbers of characters */
      message = g_strdup_printf (_("%s is %s characters long; at most %s are advisable"),
                                 nd_field_get_phrase (field), have, advised);
      add_problem (problems, ND_CHECK_WARNING, key,
                   image_number > 0
                   ? g_strdup_printf (_("Image %u: %s"), image_number, message)
                   : g_steal_pointer (&message));
    }
}

static void
check_limits (GPtrArray *problems,
              NdItem    *item)
{
  const struct { const char *key; NdField field; const char *text; } fields[] = {
    { "title",    ND_FIELD_TITLE,    nd_item_get_title (item) },
    { "teaser",   ND_FIELD_TEASER,   nd_item_get_teaser (item) },
    { "body",     ND_FIELD_BODY,     nd_item_get_body (item) },
    { "author",   ND_FIELD_AUTHOR,   nd_item_get_author (item) },
    { "slug",     ND_FIELD_SLUG,     nd_item_get_slug (item) },
    { "language", ND_FIELD_LANGUAGE, nd_item_get_language (item) },
  };
  const char * const *tags = nd_item_get_tags (item);
  guint n_tags = tags != NULL ? g_strv_length ((char **) tags) : 0;

  /* A blank field is reported as empty where that matters; its line
   * breaks or length are not worth a second line. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!is_empty (fields[i].text))
      check_field_limit (problems, fields[i].key, fields[i].field, fields[i].text, 0);

  for (guint i = 0; i < n_tags; i++)
    check_field_limit (problems, "tags", ND_FIELD_TAG, tags[i], 0);

  if (n_tags > ND_LIMIT_TAGS_MAX)
    {
      g_autoptr(GError) error = NULL;

      nd_limits_check_tag_count (n_tags, &error);
      add_problem (problems, ND_CHECK_ERROR, "tags", g_strdup (error->message));
    }
  else if (n_tags > ND_LIMIT_TAGS_WARN)
    {
      g_autofree char *have = g_strdup_printf ("%'u", n_tags);
      g_autofree char *advised = g_strdup_printf ("%'u", ND_LIMIT_TAGS_WARN);

      add_problem (problems, ND_CHECK_WARNING, "tags",
                   /* Translators: two numbers of tags */
                   g_strdup_printf (_("The item has %s tags; at most %s are advisable"),
                                    have, advised));
    }

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      check_field_limit (problems, "image", ND_FIELD_ALT_TEXT, nd_image_get_alt_text (image), i + 1);
      check_field_limit (problems, "image", ND_FIELD_CAPTION, nd_image_get_caption (image), i + 1);
      check_field_limit (problems, "image", ND_FIELD_CREDIT, nd_image_get_credit (image), i + 1);
    }
}

GPtrArray *
nd_item_check (NdItem *item)
{
  GPtrArray *problems;
  const char *date;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_check_problem_free);

  if (is_empty (nd_item_get_title (item)))
    add_problem (problems, ND_CHECK_ERROR, "title",
                 g_strdup (_("The title is empty")));

  if (is_empty (nd_item_get_teaser (item)))
    add_problem (problems, ND_CHECK_ERROR, "teaser",
                 g_strdup (_("The teaser is empty")));

  if (is_empty (nd_item_get_body (item)))
    add_problem (problems, ND_CHECK_ERROR, "body",
                 g_strdup (_("The body is empty")));

  date = nd_item_get_date (item);
  if (is_empty (date))
    add_problem (problems, ND_CHECK_ERROR, "date",
                 g_strdup (_("The publication date is missing")));
  else if (!nd_date_is_valid (date))
    add_problem (problems, ND_CHECK_ERROR, "date",
                 /* Translators: %s is the date as stored */
                 g_strdup_printf (_("The date “%s” is not valid"), date));

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    check_image (problems, nd_item_get_image (item, i), i + 1);

  check_references (problems, item);
  check_limits (problems, item);

  return problems;
}

gboolean
nd_check_passes (GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    {
      NdCheckProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ND_CHECK_ERROR)
        return FALSE;
    }

  return TRUE;
}
