/* nd-checklist.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-checklist.h"
#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"

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
