/* nd-limits.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-limits"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-limits.h"

/* Why these numbers (the README's table says the same):
 *
 * - title: a headline is rarely over 100 characters; search engines and
 *   feed readers cut at about 60–110, WordPress's own list columns at
 *   far less. Over 250 is worth a warning; 1,000 is no headline any
 *   more but a paragraph pasted into the wrong field.
 * - teaser: the editor already hints at 300 (WordPress themes show an
 *   excerpt of about 55 words); 5,000 is an article, not a teaser.
 * - body: 100,000 characters are about 15,000 words, longer than any
 *   news item or press release; 1,000,000 keeps a whole publication
 *   possible and a pasted database dump out.
 * - slug, tag: WordPress keeps at most 200 characters (post_name and
 *   the term name are VARCHAR(200)) and cuts the rest silently.
 * - language: 35 characters is the longest BCP 47 tag RFC 5646 asks
 *   implementations to keep.
 * - alt text: screen readers read it in one go; over 250 (the image
 *   panel's meter turns red there) is a caption in the wrong field.
 * - caption and credit: one or two lines under an image. */
static const NdFieldLimit limits[ND_N_FIELDS] = {
  [ND_FIELD_TITLE]    = {    250,     1000, FALSE },
  [ND_FIELD_TEASER]   = {    300,     5000, TRUE },
  [ND_FIELD_BODY]     = { 100000,  1000000, TRUE },
  [ND_FIELD_AUTHOR]   = {      0,      200, FALSE },
  [ND_FIELD_SLUG]     = {      0,      200, FALSE },
  [ND_FIELD_LANGUAGE] = {      0,       35, FALSE },
  [ND_FIELD_TAG]      = {     50,      200, FALSE },
  [ND_FIELD_ALT_TEXT] = {    250,     1000, FALSE },
  [ND_FIELD_CAPTION]  = {    300,     2000, FALSE },
  [ND_FIELD_CREDIT]   = {    150,      500, FALSE },
};

/* The field's name at the start of a sentence. */
static const char * const field_phrases[ND_N_FIELDS] = {
  /* Translators: this and the next name a field at the start of a
   * sentence, such as "The title is 2,000 characters long; at most 1,000
   * are allowed" */
  [ND_FIELD_TITLE]    = N_("The title"),
  [ND_FIELD_TEASER]   = N_("The teaser"),
  [ND_FIELD_BODY]     = N_("The body"),
  [ND_FIELD_AUTHOR]   = N_("The author"),
  [ND_FIELD_SLUG]     = N_("The slug"),
  [ND_FIELD_LANGUAGE] = N_("The language tag"),
  [ND_FIELD_TAG]      = N_("A tag"),
  [ND_FIELD_ALT_TEXT] = N_("The alt text"),
  [ND_FIELD_CAPTION]  = N_("The caption"),
  [ND_FIELD_CREDIT]   = N_("The credit"),
};

G_DEFINE_QUARK (nd-limits-error-quark, nd_limits_error)

const NdFieldLimit *
nd_field_get_limit (NdField field)
{
  g_return_val_if_fail (field < ND_N_FIELDS, NULL);

  return &limits[field];
}

const char *
nd_field_get_phrase (NdField field)
{
  g_return_val_if_fail (field < ND_N_FIELDS, NULL);

  return _(field_phrases[field]);
}

gboolean
nd_unichar_is_forbidden_control (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';

  return c >= 0x7f && c <= 0x9f;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r';
}

const char *
nd_field_find_forbidden (NdField     field,
                         const char *text)
{
  g_return_val_if_fail (field < ND_N_FIELDS, NULL);

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (nd_unichar_is_forbidden_control (c) ||
          (!limits[field].multiline && is_line_break (c)))
        return p;
    }

  return NULL;
}

/* "2,000,000" as the locale writes it. */
static char *
dup_count (gsize n)
{
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, n);
}

static gboolean
check_forbidden (NdField      field,
                 const char  *text,
                 GError     **error)
{
  const char *bad = nd_field_find_forbidden (field, text);
  const char *phrase = _(field_phrases[field]);
  gunichar c;

  if (bad == NULL)
    return TRUE;

  c = g_utf8_get_char (bad);

  if (is_line_break (c))
    {
      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_LINE_BREAK,
                   /* Translators: %s names the field, "The title" */
                   _("%s must be a single line"), phrase);
      return FALSE;
    }

  if (limits[field].multiline)
    {
      guint line = 1;

      for (const char *p = text; p < bad; p++)
        line += *p == '\n';

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_CONTROL,
                   /* Translators: %s names the field, "The body"; U+%04X is
                    * the character's code, %u a line number */
                   _("%s holds a control character (U+%04X) in line %u; remove it"),
                   phrase, c, line);
    }
  else
    {
      g_autofree char *position = dup_count (g_utf8_pointer_to_offset (text, bad) + 1);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_CONTROL,
                   /* Translators: %s names the field, "The title"; U+%04X is
                    * the character's code, the last %s its position */
                   _("%s holds a control character (U+%04X) at character %s; remove it"),
                   phrase, c, position);
    }

  return FALSE;
}

gboolean
nd_field_check (NdField      field,
                const char  *text,
                gssize       length,
                GError     **error)
{
  const char *phrase;
  const char *nul;
  gsize n_bytes;
  glong n_chars;

  g_return_val_if_fail (field < ND_N_FIELDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;

  phrase = _(field_phrases[field]);
  n_bytes = length < 0 ? strlen (text) : (gsize) length;

  /* C would cut the text at a NUL without a word: refuse it instead. */
  if ((nul = memchr (text, '\0', n_bytes)) != NULL)
    {
      g_autofree char *position = dup_count ((gsize) (nul - text) + 1);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_NUL,
                   /* Translators: %s names the field, "The body"; the second
                    * %s is a byte position */
                   _("%s holds a NUL byte (at byte %s); text cannot hold one"),
                   phrase, position);
      return FALSE;
    }

  if (!g_utf8_validate_len (text, n_bytes, NULL))
    {
      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_NOT_UTF8,
                   /* Translators: %s names the field, "The body" */
                   _("%s is not valid UTF-8 text"), phrase);
      return FALSE;
    }

  if (!check_forbidden (field, text, error))
    return FALSE;

  n_chars = g_utf8_strlen (text, (gssize) n_bytes);
  if ((gsize) n_chars > limits[field].max)
    {
      g_autofree char *have = dup_count ((gsize) n_chars);
      g_autofree char *allowed = dup_count (limits[field].max);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_LONG,
                   /* Translators: the first %s names the field, "The title";
                    * then two numbers of characters */
                   _("%s is %s characters long; at most %s are allowed"),
                   phrase, have, allowed);
      return FALSE;
    }

  return TRUE;
}

gboolean
nd_limits_check_tag_count (guint    n_tags,
                           GError **error)
{
  g_autofree char *have = NULL;
  g_autofree char *allowed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_tags <= ND_LIMIT_TAGS_MAX)
    return TRUE;

  have = dup_count (n_tags);
  allowed = dup_count (ND_LIMIT_TAGS_MAX);
  g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_TOO_MANY,
               /* Translators: two numbers of tags */
               _("The item has %s tags; at most %s are allowed"), have, allowed);

  return FALSE;
}

static gboolean
check_image (NdImage  *image,
             guint     number,
             GError  **error)
{
  const struct { NdField field; const char *text; } fields[] = {
    { ND_FIELD_ALT_TEXT, nd_image_get_alt_text (image) },
    { ND_FIELD_CAPTION,  nd_image_get_caption (image) },
    { ND_FIELD_CREDIT,   nd_image_get_credit (image) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!nd_field_check (fields[i].field, fields[i].text, -1, error))
        {
          /* Translators: %u is the image's position in the item, %s what
           * is wrong with one of its fields */
          g_prefix_error (error, _("Image %u: "), number);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
nd_limits_check_item (NdItem  *item,
                      GError **error)
{
  const struct { NdField field; const char *text; } fields[] = {
    { ND_FIELD_TITLE,    nd_item_get_title (item) },
    { ND_FIELD_TEASER,   nd_item_get_teaser (item) },
    { ND_FIELD_BODY,     nd_item_get_body (item) },
    { ND_FIELD_AUTHOR,   nd_item_get_author (item) },
    { ND_FIELD_SLUG,     nd_item_get_slug (item) },
    { ND_FIELD_LANGUAGE, nd_item_get_language (item) },
  };
  const char * const *tags;
  guint n_tags = 0;

  g_return_val_if_fail (ND_IS_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!nd_field_check (fields[i].field, fields[i].text, -1, error))
        return FALSE;
    }

  tags = nd_item_get_tags (item);
  for (; tags != NULL && tags[n_tags] != NULL; n_tags++)
    {
      if (!nd_field_check (ND_FIELD_TAG, tags[n_tags], -1, error))
        return FALSE;
    }

  if (!nd_limits_check_tag_count (n_tags, error))
    return FALSE;

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      if (!check_image (nd_item_get_image (item, i), i + 1, error))
        return FALSE;
    }

  return TRUE;
}

char *
nd_field_sanitize (NdField     field,
                   const char *text,
                   gssize      length)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (field < ND_N_FIELDS, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", length);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) && !limits[field].multiline)
        {
          /* CRLF is one line break, one space. */
          if (!(c == '\r' && p[1] == '\n'))
            g_string_append_c (out, ' ');
        }
      else if (!nd_unichar_is_forbidden_control (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
nd_text_dup_printable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;  /* the LF that follows ends the line */
      else if (c == '\t' || c == '\n' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f)))
        g_string_append_unichar (out, c);
      else if (c < 0x20)
        g_string_append_unichar (out, 0x2400 + c);  /* ␀ … ␟ */
      else if (c == 0x7f)
        g_string_append_unichar (out, 0x2421);      /* ␡ */
      else
        g_string_append_unichar (out, 0xFFFD);
    }

  return g_string_free (out, FALSE);
}
