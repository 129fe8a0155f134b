/* nd-text-format.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-text-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-kinds.h"
#include "nd-slug.h"
#include "nd-text-format.h"

/* How the format reads, beyond the summary in the header:
 *
 * - The date line is optional: when the line after the kind word is
 *   blank, a date may still follow after the blank lines; if the next
 *   non-blank line is no date, it is the title and the item has no date.
 *   A non-blank second line that is no date is refused, because that is
 *   almost always a typo in the date.
 * - An image block is a paragraph that contains a credit line. The lines
 *   before the credit line are the alt text. When the credit line opens
 *   its paragraph, the previous paragraph is the alt text, but only if it
 *   is an ordinary body paragraph separated by exactly one blank line: the
 *   writer puts two blank lines before a block without alt text so that
 *   it does not take the paragraph before it.
 * - A credit line that is only a prefix ("©", "Foto:") is an empty
 *   credit; this is how the writer expresses an image without credit.
 *
 * - An escaped line starts with a backslash; the rest is the text, with
 *   "\\" for a backslash, "\n" for LF and "\r" for CR. The writer
 *   escapes every line that would otherwise be read as something else: a
 *   body line that starts with a credit prefix or a backslash or is
 *   blank, extra blank lines, a field with a line break or with white
 *   space at either end, an empty teaser that something follows (so that
 *   the next paragraph does not take its place), a title that reads as a
 *   date, a caption longer than MAX_CAPTION_CHARS (an escaped line after
 *   the credit line is always the caption). A credit that does not start
 *   with a credit prefix is written as "©" and the escaped credit, and
 *   read back without the "©".
 *
 * So kind, date, title, teaser, body and the images' alt text, credit and
 * caption come back exactly as written. What the format has no place for,
 * and nd_text_format_dup_losses() names: the language other than German
 * and English (the kind word is English), the status (an import is a
 * draft), author, slug, tags, the image files, a second lead image and a
 * lead image that is not the first image. */

#define MAX_CAPTION_CHARS 120

/* Lines that contain more of these are rather a binary file than text
 * with a stray control character pasted in. */
#define MAX_CONTROL_CHARS 8

static const char * const credit_prefixes[] = {
  "©", "(c)", "Foto:", "Bild:", "Bildquelle:", "Photo:", "Credit:",
};

typedef struct
{
  GPtrArray *lines;  /* (element-type utf8) borrowed from the split text */
  guint      gap;    /* blank lines before this paragraph */
} Paragraph;

typedef enum
{
  PREVIOUS_NONE,
  PREVIOUS_TEASER,
  PREVIOUS_BODY,
  PREVIOUS_IMAGE,
} Previous;

G_DEFINE_QUARK (nd-text-format-error-quark, nd_text_format_error)

static Paragraph *
paragraph_new (guint gap)
{
  Paragraph *p = g_new0 (Paragraph, 1);

  p->lines = g_ptr_array_new ();
  p->gap = gap;

  return p;
}

static void
paragraph_free (gpointer data)
{
  Paragraph *p = data;

  g_ptr_array_unref (p->lines);
  g_free (p);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* U+FEFF can be left over from files concatenated with their BOMs. */
      if (!g_unichar_isspace (c) && c != 0xFEFF && c != 0x200B)
        return FALSE;
    }

  return TRUE;
}

gsize
nd_text_format_credit_prefix_length (const char *line)
{
  gsize blanks = 0;

  g_return_val_if_fail (line != NULL, 0);

  while (line[blanks] == ' ' || line[blanks] == '\t')
    blanks++;

  for (guint i = 0; i < G_N_ELEMENTS (credit_prefixes); i++)
    {
      gsize len = strlen (credit_prefixes[i]);

      /* The prefixes other than © are ASCII: "foto:" and "(C)" count too. */
      if (g_ascii_strncasecmp (line + blanks, credit_prefixes[i], len) == 0)
        return blanks + len;
    }

  return 0;
}

static gboolean
is_credit_line (const char *line)
{
  return nd_text_format_credit_prefix_length (line) > 0;
}

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
is_escaped (const char *line)
{
  return line[0] == '\\';
}

/* The text of the escaped line @line (which starts with the backslash).
 * An unknown escape is kept as written. (transfer full) */
static char *
dup_unescaped (const char *line)
{
  GString *s = g_string_new (NULL);

  g_assert (is_escaped (line));

  for (const char *p = line + 1; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        g_string_append_c (s, *p);
      else if (p[1] == '\\')
        g_string_append_c (s, '\\'), p++;
      else if (p[1] == 'n')
        g_string_append_c (s, '\n'), p++;
      else if (p[1] == 'r')
        g_string_append_c (s, '\r'), p++;
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

/* A line of a paragraph as a field takes it: escaped lines unescaped,
 * others trimmed when @strip. (transfer full) */
static char *
dup_line_text (const char *line,
               gboolean    strip)
{
  if (is_escaped (line))
    return dup_unescaped (line);

  return strip ? strip_dup (line) : g_strdup (line);
}

/* Joins the lines [@from, @to) of @p with single spaces, each trimmed. */
static char *
join_flat (Paragraph *p,
           guint      from,
           guint      to)
{
  GString *s = g_string_new (NULL);

  g_assert (to <= p->lines->len);

  for (guint i = from; i < to; i++)
    {
      g_autofree char *line = dup_line_text (g_ptr_array_index (p->lines, i), TRUE);

      if (i > from)
        g_string_append_c (s, ' ');
      g_string_append (s, line);
    }

  return g_string_free (s, FALSE);
}

/* Joins the lines [@from, @to) of @p as written. */
static char *
join_verbatim (Paragraph *p,
               guint      from,
               guint      to)
{
  GString *s = g_string_new (NULL);

  g_assert (to <= p->lines->len);

  for (guint i = from; i < to; i++)
    {
      g_autofree char *line = dup_line_text (g_ptr_array_index (p->lines, i), FALSE);

      if (i > from)
        g_string_append_c (s, '\n');
      g_string_append (s, line);
    }

  return g_string_free (s, FALSE);
}

static guint
count_lines_before (const char *data,
                    const char *end)
{
  guint line = 1;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
        line++;
    }

  return line;
}

static gboolean
check_bytes (const char  *data,
             gsize        length,
             GError     **error)
{
  const char *end = NULL;
  guint n_control = 0;

  if (length == 0)
    {
      g_set_error_literal (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_EMPTY,
                           _("the file is empty"));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        n_control++;
      else if (c == 0x7f)
        n_control++;
    }

  if (memchr (data, '\0', length) != NULL ||
      (n_control > MAX_CONTROL_CHARS && n_control * 100 > length))
    {
      g_set_error_literal (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_BINARY,
                           _("this is a binary file, not a text item"));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_NOT_UTF8,
                   /* Translators: %u is a line number */
                   _("line %u is not UTF-8 text; save the file as UTF-8 and import it again"),
                   count_lines_before (data, end));
      return FALSE;
    }

  return TRUE;
}

/* Drops a BOM and turns CRLF and CR line ends into LF. */
static char *
normalise (const char *data,
           gsize       length)
{
  GString *s = g_string_sized_new (length);
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  for (; i < length; i++)
    {
      if (data[i] == '\r')
        {
          g_string_append_c (s, '\n');
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (s, data[i]);
    }

  return g_string_free (s, FALSE);
}

static guint
skip_blank (char  **lines,
            guint   i)
{
  while (lines[i] != NULL && is_blank (lines[i]))
    i++;

  return i;
}

static char *
dup_kind_words (void)
{
  GString *s = g_string_new (NULL);
  const char * const languages[] = { "de", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      for (guint k = ND_ITEM_KIND_NEWS; k <= ND_ITEM_KIND_PUBLICATION; k++)
        {
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, nd_item_kind_to_word ((NdItemKind) k, languages[l]));
        }
    }

  return g_string_free (s, FALSE);
}

static gboolean
read_kind (NdItem      *item,
           const char  *line,
           GError     **error)
{
  NdItemKind kind;
  const char *language = NULL;

  if (!nd_item_kind_from_word (line, &kind, &language))
    {
      g_autofree char *words = dup_kind_words ();
      g_autofree char *shown = strip_dup (line);

      g_set_error (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_NO_KIND,
                   /* Translators: %s is a list of the allowed words, then
                    * the first line of the file */
                   _("the first line must be the kind of item (one of %s), not “%s”"),
                   words, shown);
      return FALSE;
    }

  nd_item_set_kind (item, kind);
  nd_item_set_language (item, language);

  return TRUE;
}

/* Reads the date that may follow the kind line at @lines[*i] and moves
 * *i past it. */
static gboolean
read_date (NdItem      *item,
           char       **lines,
           guint       *i,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *iso = NULL;
  guint next;

  if (lines[*i] != NULL && !is_blank (lines[*i]))
    {
      if (!(iso = nd_date_parse (lines[*i], &local_error)))
        {
          g_set_error (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_BAD_DATE,
                       /* Translators: %u is a line number, %s why the date is wrong */
                       _("line %u should be the date: %s"),
                       *i + 1, local_error->message);
          return FALSE;
        }

      nd_item_set_date (item, iso);
      (*i)++;
      return TRUE;
    }

  /* A blank second line: the date is optional, but some files have a
   * blank line between kind and date. */
  next = skip_blank (lines, *i);
  if (lines[next] != NULL && (iso = nd_date_parse (lines[next], NULL)))
    {
      nd_item_set_date (item, iso);
      *i = next + 1;
    }

  return TRUE;
}

/* Splits @lines from @i on into paragraphs. */
static GPtrArray *
split_paragraphs (char  **lines,
                  guint   i)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (paragraph_free);
  Paragraph *current = NULL;
  guint gap = 0;

  for (; lines[i] != NULL; i++)
    {
      if (is_blank (lines[i]))
        {
          current = NULL;
          gap++;
          continue;
        }

      if (current == NULL)
        {
          current = paragraph_new (gap);
          g_ptr_array_add (paragraphs, current);
          gap = 0;
        }

      g_ptr_array_add (current->lines, lines[i]);
    }

  return paragraphs;
}

static char *
dup_credit (const char *line)
{
  g_autofree char *credit = strip_dup (line);
  gsize prefix = nd_text_format_credit_prefix_length (line);

  /* "©\…": the escaped credit follows the prefix. */
  if (is_escaped (line + prefix))
    return dup_unescaped (line + prefix);

  /* A bare prefix is the writer's way to say "no credit yet". */
  if (nd_text_format_credit_prefix_length (credit) == strlen (credit))
    return g_strdup ("");

  return g_steal_pointer (&credit);
}

/* Turns the image block @p (at @index in @paragraphs) into an image slot;
 * lines after its caption go back into @paragraphs to be read again. */
static NdImage *
read_image_block (GPtrArray  *paragraphs,
                  guint       index,
                  Previous    previous,
                  GPtrArray  *body)
{
  Paragraph *p = g_ptr_array_index (paragraphs, index);
  g_autoptr(NdImage) image = nd_image_new ();
  g_autofree char *alt = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *caption = NULL;
  guint credit_at = 0;
  guint next;

  while (!is_credit_line (g_ptr_array_index (p->lines, credit_at)))
    credit_at++;

  if (credit_at > 0)
    {
      alt = join_flat (p, 0, credit_at);
    }
  else if (previous == PREVIOUS_BODY && p->gap == 1 && index > 0)
    {
      /* The alt text paragraph was taken for body text: take it back. */
      g_free (g_ptr_array_steal_index (body, body->len - 1));
      alt = join_flat (g_ptr_array_index (paragraphs, index - 1), 0,
                       ((Paragraph *) g_ptr_array_index (paragraphs, index - 1))->lines->len);
    }

  credit = dup_credit (g_ptr_array_index (p->lines, credit_at));

  next = credit_at + 1;
  if (next < p->lines->len)
    {
      const char *line = g_ptr_array_index (p->lines, next);
      g_autofree char *stripped = strip_dup (line);

      if (is_escaped (line))
        {
          caption = dup_unescaped (line);
          next++;
        }
      else if (!is_credit_line (line) &&
               g_utf8_strlen (stripped, -1) <= MAX_CAPTION_CHARS)
        {
          caption = g_steal_pointer (&stripped);
          next++;
        }
    }

  if (next < p->lines->len)
    {
      Paragraph *rest = paragraph_new (0);

      for (guint k = next; k < p->lines->len; k++)
        g_ptr_array_add (rest->lines, g_ptr_array_index (p->lines, k));
      g_ptr_array_insert (paragraphs, index + 1, rest);
    }

  nd_image_set_alt_text (image, alt != NULL ? alt : "");
  nd_image_set_credit (image, credit);
  nd_image_set_caption (image, caption != NULL ? caption : "");

  return g_steal_pointer (&image);
}

static void
read_paragraphs (NdItem    *item,
                 GPtrArray *paragraphs)
{
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gboolean have_teaser = FALSE;
  gboolean have_lead = FALSE;
  Previous previous = PREVIOUS_NONE;

  /* paragraphs may grow while we go: read_image_block() puts back what
   * follows a caption. */
  for (guint i = 0; i < paragraphs->len; i++)
    {
      Paragraph *p = g_ptr_array_index (paragraphs, i);
      gboolean block = FALSE;

      for (guint k = 0; k < p->lines->len && !block; k++)
        block = is_credit_line (g_ptr_array_index (p->lines, k));

      if (block)
        {
          g_autoptr(NdImage) image = read_image_block (paragraphs, i, previous, body);

          if (!have_lead && body->len == 0)
            {
              nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
              have_lead = TRUE;
            }
          else
            nd_image_set_role (image, ND_IMAGE_ROLE_INLINE);

          nd_item_add_image (item, image);
          previous = PREVIOUS_IMAGE;
        }
      else if (!have_teaser)
        {
          g_autofree char *teaser = join_flat (p, 0, p->lines->len);

          nd_item_set_teaser (item, teaser);
          have_teaser = TRUE;
          previous = PREVIOUS_TEASER;
        }
      else
        {
          g_ptr_array_add (body, join_verbatim (p, 0, p->lines->len));
          previous = PREVIOUS_BODY;
        }
    }

  g_ptr_array_add (body, NULL);
  joined = g_strjoinv ("\n\n", (char **) body->pdata);
  nd_item_set_body (item, joined);
}

NdItem *
nd_text_format_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) lines = NULL;
  guint i;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_bytes (data, length, error))
    return NULL;

  text = normalise (data, length);
  if (is_blank (text))
    {
      g_set_error_literal (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_EMPTY,
                           _("the file is empty"));
      return NULL;
    }

  item = nd_item_new ();
  nd_item_set_status (item, ND_ITEM_STATUS_DRAFT);

  lines = g_strsplit (text, "\n", -1);
  i = skip_blank (lines, 0);
  if (!read_kind (item, lines[i], error))
    return NULL;
  i++;

  if (!read_date (item, lines, &i, error))
    return NULL;

  i = skip_blank (lines, i);
  if (lines[i] == NULL)
    {
      g_set_error_literal (error, ND_TEXT_FORMAT_ERROR, ND_TEXT_FORMAT_ERROR_NO_TITLE,
                           _("there is no title after the date"));
      return NULL;
    }

  title = dup_line_text (lines[i], TRUE);
  nd_item_set_title (item, title);

  /* Lines right under the title (no blank line) start the first
   * paragraph: the title itself is one line. */
  paragraphs = split_paragraphs (lines, i + 1);
  read_paragraphs (item, paragraphs);

  return g_steal_pointer (&item);
}

/* Writing */

static void
append_escaped (GString    *s,
                const char *text)
{
  g_string_append_c (s, '\\');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (s, "\\\\");
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p == '\r')
        g_string_append (s, "\\r");
      else
        g_string_append_c (s, *p);
    }
}

/* A one-line field that would not come back as it is when written as a
 * plain line. */
static gboolean
needs_escape (const char *text)
{
  gsize length = strlen (text);

  return length == 0 ||
         is_blank (text) ||
         is_escaped (text) ||
         strpbrk (text, "\r\n") != NULL ||
         g_ascii_isspace (text[0]) ||
         g_ascii_isspace (text[length - 1]) ||
         is_credit_line (text);
}

static void
append_field (GString    *s,
              const char *text,
              gboolean    escape)
{
  if (escape || needs_escape (text))
    append_escaped (s, text);
  else
    g_string_append (s, text);
  g_string_append_c (s, '\n');
}

static void
append_credit (GString    *s,
               const char *credit)
{
  gsize prefix = nd_text_format_credit_prefix_length (credit);
  gsize length = strlen (credit);

  /* As written when it starts with its own prefix and nothing in it
   * would read otherwise: white space at the ends, a bare prefix (no
   * credit), a backslash after the prefix (escaped), a line break. */
  if (*credit == '\0')
    g_string_append (s, "©");
  else if (prefix > 0 &&
           !g_ascii_isspace (credit[0]) && !g_ascii_isspace (credit[length - 1]) &&
           !is_blank (credit + prefix) && !is_escaped (credit + prefix) &&
           strpbrk (credit, "\r\n") == NULL)
    g_string_append (s, credit);
  else
    {
      g_string_append (s, "©");
      append_escaped (s, credit);
    }
  g_string_append_c (s, '\n');
}

static void
append_image (GString *s,
              NdImage *image)
{
  const char *alt = nd_image_get_alt_text (image);
  const char *caption = nd_image_get_caption (image);

  /* A credit line that opens its paragraph takes the paragraph before it
   * as alt text unless two blank lines part them. */
  g_string_append_c (s, '\n');
  if (*alt == '\0')
    g_string_append_c (s, '\n');
  else
    append_field (s, alt, FALSE);

  append_credit (s, nd_image_get_credit (image));

  if (*caption != '\0')
    append_field (s, caption, g_utf8_strlen (caption, -1) > MAX_CAPTION_CHARS);
}

/* The body line by line: lines that would be read as something else are
 * escaped, and so is every empty line but one between two lines of text
 * (a paragraph break). */
static void
append_body (GString    *s,
             const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  guint n = g_strv_length (lines);

  g_string_append_c (s, '\n');

  /* g_strsplit() gives no line at all for an empty body. */
  if (n == 0)
    {
      append_escaped (s, "");
      g_string_append_c (s, '\n');
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *line = lines[i];
      gboolean escape;

      if (*line == '\0')
        escape = i == 0 || i + 1 >= n || *lines[i - 1] == '\0' || *lines[i + 1] == '\0';
      else
        escape = is_blank (line) || is_escaped (line) || strchr (line, '\r') != NULL ||
                 is_credit_line (line);

      if (escape)
        append_escaped (s, line);
      else
        g_string_append (s, line);
      g_string_append_c (s, '\n');
    }
}

char *
nd_text_format_write (NdItem *item)
{
  GString *s;
  const char *language;
  const char *date;
  const char *title;
  const char *teaser;
  const char *body;
  NdImage *lead;
  guint n_images;
  gboolean has_inline;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  s = g_string_new (NULL);
  language = nd_item_get_language (item);
  g_string_append (s, nd_item_kind_to_word (nd_item_get_kind (item), language));
  g_string_append_c (s, '\n');

  date = nd_item_get_date (item);
  if (date != NULL && *date != '\0')
    {
      g_autofree char *text = nd_date_format_for_text (date, language);

      /* An invalid date is written as it is: better a refused import
       * that shows it than a silently lost date. */
      append_field (s, text != NULL ? text : date, FALSE);
    }

  /* A title that reads as a date would be taken for the date when the
   * item has none. */
  title = nd_item_get_title (item);
  g_string_append_c (s, '\n');
  {
    g_autofree char *as_date = nd_date_parse (title, NULL);

    append_field (s, title, as_date != NULL);
  }

  lead = nd_item_get_lead_image (item);
  n_images = nd_item_get_n_images (item);
  has_inline = n_images > (lead != NULL ? 1 : 0);
  teaser = nd_item_get_teaser (item);
  body = nd_item_get_body (item);

  /* An empty teaser is written as an empty escaped line when anything
   * follows: else the next paragraph would be read as the teaser. */
  if (*teaser != '\0' || lead != NULL || *body != '\0' || has_inline)
    {
      g_string_append_c (s, '\n');
      append_field (s, teaser, FALSE);
    }

  if (lead != NULL)
    append_image (s, lead);

  /* Without body text the first inline image would read as the lead. */
  if (*body != '\0' || has_inline)
    append_body (s, body);

  for (guint i = 0; i < n_images; i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      if (image != lead)
        append_image (s, image);
    }

  return g_string_free (s, FALSE);
}

char *
nd_text_format_dup_losses (NdItem *item)
{
  g_autoptr(GPtrArray) lost = g_ptr_array_new ();
  const char *language;
  const char * const *tags;
  guint n_leads = 0;
  gboolean has_files = FALSE;
  g_autofree char *joined = NULL;
  g_autofree char *derived_slug = NULL;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);

  language = nd_item_get_language (item);
  tags = nd_item_get_tags (item);
  derived_slug = nd_slug_from_title (nd_item_get_title (item), language);

  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);

      if (nd_image_get_role (image) == ND_IMAGE_ROLE_LEAD)
        n_leads += i == 0 ? 1 : 2;  /* a lead after another image moves */
      has_files |= nd_image_get_sha256 (image) != NULL;
    }

  if (g_strcmp0 (language, "de") != 0 && g_strcmp0 (language, "en") != 0)
    /* Translators: this and the next are parts of an item a text export
     * leaves out, listed in "The text export leaves out %s" */
    g_ptr_array_add (lost, _("the language"));
  if (nd_item_get_status (item) != ND_ITEM_STATUS_DRAFT)
    g_ptr_array_add (lost, _("the status"));
  if (*nd_item_get_author (item) != '\0')
    g_ptr_array_add (lost, _("the author"));
  /* An import gives an item the slug its title gives: only another one is lost. */
  if (*nd_item_get_slug (item) != '\0' && g_strcmp0 (nd_item_get_slug (item), derived_slug) != 0)
    g_ptr_array_add (lost, _("the slug"));
  if (tags != NULL && tags[0] != NULL)
    g_ptr_array_add (lost, _("the tags"));
  if (has_files)
    g_ptr_array_add (lost, _("the image files"));
  if (n_leads > 1)
    g_ptr_array_add (lost, _("the order of the images"));

  if (lost->len == 0)
    return NULL;

  g_ptr_array_add (lost, NULL);
  /* Translators: the separator in a list of parts of an item */
  joined = g_strjoinv (_(", "), (char **) lost->pdata);

  /* Translators: %s lists parts of an item ("the status, the tags");
   * json stays as it is, it is what to type */
  return g_strdup_printf (_("The text export leaves out %s; export as json for a complete copy"),
                          joined);
}
