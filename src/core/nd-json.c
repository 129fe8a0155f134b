/* nd-json.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-json"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "nd-json.h"

G_DEFINE_QUARK (nd-json-error-quark, nd_json_error)

/* What the scan before parsing found wrong, with where. */
typedef enum
{
  SCAN_OK,
  SCAN_EMPTY,
  SCAN_NOT_UTF8,
  SCAN_NUL,
  SCAN_TOO_DEEP,
  SCAN_OPEN_STRING,
  SCAN_OPEN_COMMENT,
  SCAN_BAD_ESCAPE,
  SCAN_BAD_UNICODE_ESCAPE,
} ScanResult;

typedef struct
{
  ScanResult  result;
  gsize       offset;      /* of the problem */
  guint       open_depth;  /* brackets still open at the end */
} Scan;

gsize
nd_json_max_size (NdJsonSource source)
{
  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return ND_JSON_FILE_MAX_SIZE;
    case ND_JSON_SOURCE_STORED:
      return ND_JSON_STORED_MAX_SIZE;
    case ND_JSON_SOURCE_SITE:
      return ND_JSON_SITE_MAX_SIZE;
    default:
      g_return_val_if_reached (0);
    }
}

guint
nd_json_max_depth (NdJsonSource source)
{
  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return ND_JSON_FILE_MAX_DEPTH;
    case ND_JSON_SOURCE_STORED:
      return ND_JSON_STORED_MAX_DEPTH;
    case ND_JSON_SOURCE_SITE:
      return ND_JSON_SITE_MAX_DEPTH;
    default:
      g_return_val_if_reached (0);
    }
}

/* The value of the four hex digits at @p, or -1. */
static int
read_hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }

  return value;
}

/* The length of the escape at @i ("\\" and one character, or "\\uXXXX",
 * or a pair of them for a character beyond U+FFFF), or 0 with @bad set
 * for an escape JSON does not have and for half a pair or a "\\u"
 * without four hex digits: json-glib takes C's octal escapes too, and
 * would make text that is not UTF-8 of "\\222" and "\\ud800". */
static gsize
escape_length (const char *data,
               gsize       length,
               gsize       i,
               ScanResult *bad)
{
  int unit, low;

  *bad = SCAN_BAD_UNICODE_ESCAPE;
  if (i + 1 >= length)
    return 1;
  if (data[i + 1] != 'u')
    {
      *bad = SCAN_BAD_ESCAPE;
      return strchr ("\"\\/bfnrt", data[i + 1]) != NULL && data[i + 1] != '\0' ? 2 : 0;
    }
  if (i + 5 >= length || (unit = read_hex4 (data + i + 2)) < 0)
    return 0;
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return 0;
  if (unit < 0xD800 || unit > 0xDBFF)
    return 6;
  if (i + 11 >= length || data[i + 6] != '\\' || data[i + 7] != 'u' ||
      (low = read_hex4 (data + i + 8)) < 0xDC00 || low > 0xDFFF)
    return 0;

  return 12;
}

/* Counts the nesting as json-glib's scanner will see it, so the count
 * must follow that scanner's rules, not only JSON's: besides "…" strings
 * with backslash escapes it takes '…' strings without escapes, and any
 * "/" outside a string opens a comment that the next "/" closes (its
 * single-line comment pair is "/" … "/", so "/x/", "//" and
 * "/" "*" … "*" "/" are all comments, across lines too). Every bracket
 * outside strings and comments is counted, also after the first value:
 * json-glib 1.6 goes on to parse what follows it ("0 [[…]]" gives 0,
 * but the brackets are walked first), so a disagreement can only refuse
 * more, never let a deeper text through (tests/fuzz/fuzz-json-import.c
 * checks this against the depth json-glib walks). */
static void
scan_nesting (const char *data,
              gsize       length,
              guint       max_depth,
              Scan       *scan)
{
  enum { CODE, DOUBLE_QUOTED, SINGLE_QUOTED, COMMENT } state = CODE;
  gboolean blank = TRUE;
  gsize start = 0;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      switch (state)
        {
        case CODE:
          if (c == '[' || c == '{')
            {
              if (++depth > max_depth)
                {
                  scan->result = SCAN_TOO_DEEP;
                  scan->offset = i;
                  return;
                }
            }
          else if ((c == ']' || c == '}') && depth > 0)
            depth--;
          else if (c == '"')
            state = DOUBLE_QUOTED;
          else if (c == '\'')
            state = SINGLE_QUOTED;
          else if (c == '/')
            state = COMMENT;

          if (state != CODE)
            start = i;
          if (!g_ascii_isspace (c))
            blank = FALSE;
          break;

        case DOUBLE_QUOTED:
          if (c == '\\')
            {
              ScanResult bad;
              gsize n = escape_length (data, length, i, &bad);

              if (n == 0)
                {
                  scan->result = bad;
                  scan->offset = i;
                  return;
                }
              i += n - 1;
            }
          else if (c == '"')
            state = CODE;
          break;

        case SINGLE_QUOTED:
          if (c == '\'')
            state = CODE;
          break;

        /* The next "/" ends it, so even "/" "*" "/" is a whole comment. */
        case COMMENT:
          if (c == '/')
            state = CODE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  scan->open_depth = depth;
  scan->offset = start;
  if (state == DOUBLE_QUOTED || state == SINGLE_QUOTED)
    scan->result = SCAN_OPEN_STRING;
  else if (state == COMMENT)
    scan->result = SCAN_OPEN_COMMENT;
  else if (blank)
    scan->result = SCAN_EMPTY;
  else
    scan->result = SCAN_OK;
}

static void
scan_text (const char *data,
           gsize       length,
           guint       max_depth,
           Scan       *scan)
{
  const char *end = NULL;

  memset (scan, 0, sizeof *scan);

  /* JSON has no place for a raw NUL, and json-glib would stop there. */
  if (!g_utf8_validate (data, (gssize) length, &end))
    {
      scan->offset = (gsize) (end - data);
      scan->result = *end == '\0' ? SCAN_NUL : SCAN_NOT_UTF8;
      return;
    }

  scan_nesting (data, length, max_depth, scan);
}

/* The 1-based line and column (in characters) of @offset. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }

  /* Up to a bad byte the text is valid UTF-8. */
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static GError *
too_large_error (NdJsonSource source,
                 gsize        size)
{
  g_autofree char *have = g_format_size (size);
  g_autofree char *limit = g_format_size (nd_json_max_size (source));

  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_LARGE,
                          /* Translators: the first %s is the file's size, the second the limit */
                          _("the file is too large to import (%s; at most %s)"), have, limit);
    case ND_JSON_SOURCE_STORED:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_LARGE,
                          /* Translators: the first %s is a size, the second the limit */
                          _("the stored data is too large (%s; at most %s)"), have, limit);
    case ND_JSON_SOURCE_SITE:
    default:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_LARGE,
                          /* Translators: the first %s is a size, the second the limit */
                          _("The site’s answer is too large (%s; at most %s)"), have, limit);
    }
}

static GError *
empty_error (NdJsonSource source)
{
  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return g_error_new_literal (ND_JSON_ERROR, ND_JSON_ERROR_EMPTY, _("the file is empty"));
    case ND_JSON_SOURCE_STORED:
      return g_error_new_literal (ND_JSON_ERROR, ND_JSON_ERROR_EMPTY, _("the stored data is empty"));
    case ND_JSON_SOURCE_SITE:
    default:
      return g_error_new_literal (ND_JSON_ERROR, ND_JSON_ERROR_EMPTY,
                                  _("The site’s answer is empty (a plugin or PHP message may be spoiling it)"));
    }
}

static GError *
too_deep_error (NdJsonSource source,
                guint        line,
                guint        column)
{
  guint limit = nd_json_max_depth (source);

  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP,
                          /* Translators: %u are a number of levels, a line and a column */
                          _("the file is nested too deeply (more than %u levels, at line %u, column %u)"),
                          limit, line, column);
    case ND_JSON_SOURCE_STORED:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP,
                          /* Translators: %u are a number of levels, a line and a column */
                          _("the stored data is nested too deeply (more than %u levels, at line %u, column %u)"),
                          limit, line, column);
    case ND_JSON_SOURCE_SITE:
    default:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_TOO_DEEP,
                          /* Translators: %u are a number of levels, a line and a column */
                          _("The site’s answer is nested too deeply (more than %u levels, at line %u, column %u)"),
                          limit, line, column);
    }
}

static GError *
invalid_error (NdJsonSource  source,
               const char   *reason,
               guint         line,
               guint         column)
{
  switch (source)
    {
    case ND_JSON_SOURCE_FILE:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_INVALID,
                          /* Translators: %s says what is wrong; then a line and a column */
                          _("this is not valid JSON: %s (line %u, column %u)"), reason, line, column);
    case ND_JSON_SOURCE_STORED:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_INVALID,
                          /* Translators: %s says what is wrong; then a line and a column */
                          _("the stored data is not valid JSON: %s (line %u, column %u)"), reason, line, column);
    case ND_JSON_SOURCE_SITE:
    default:
      return g_error_new (ND_JSON_ERROR, ND_JSON_ERROR_INVALID,
                          /* Translators: %s says what is wrong; then a line and a column */
                          _("The site’s answer is not valid JSON (a plugin or PHP message may be spoiling it): %s (line %u, column %u)"),
                          reason, line, column);
    }
}

/* Our words for what json-glib found: its own messages are English
 * ("scanner: unterminated string constant") whatever the language. */
static const char *
describe_parser_error (const GError *error)
{
  if (error->domain != JSON_PARSER_ERROR)
    return _("unexpected text");

  switch ((JsonParserError) error->code)
    {
    case JSON_PARSER_ERROR_TRAILING_COMMA:
      return _("a comma before a closing bracket");
    case JSON_PARSER_ERROR_MISSING_COMMA:
      return _("a comma is missing");
    case JSON_PARSER_ERROR_MISSING_COLON:
      return _("a colon is missing");
    case JSON_PARSER_ERROR_EMPTY_MEMBER_NAME:
      return _("a member without a name");
    case JSON_PARSER_ERROR_INVALID_DATA:
      return _("the text is not UTF-8");
    case JSON_PARSER_ERROR_PARSE:
    case JSON_PARSER_ERROR_INVALID_BAREWORD:
    case JSON_PARSER_ERROR_UNKNOWN:
    default:
      return _("unexpected text");
    }
}

/* json-glib puts the place first: "<data>:LINE:COLUMN: Parse error: …". */
static void
parser_error_place (const GError *error,
                    guint        *line,
                    guint        *column)
{
  if (sscanf (error->message, "<data>:%u:%u:", line, column) != 2)
    *line = *column = 0;
}

static GError *
scan_error (NdJsonSource  source,
            const char   *data,
            const Scan   *scan)
{
  guint line, column;

  locate (data, scan->offset, &line, &column);

  switch (scan->result)
    {
    case SCAN_EMPTY:
      return empty_error (source);
    case SCAN_TOO_DEEP:
      return too_deep_error (source, line, column);
    case SCAN_NOT_UTF8:
      return invalid_error (source, _("the text is not UTF-8"), line, column);
    case SCAN_NUL:
      return invalid_error (source, _("a NUL byte"), line, column);
    case SCAN_OPEN_STRING:
      return invalid_error (source, _("a string is not closed"), line, column);
    case SCAN_OPEN_COMMENT:
      return invalid_error (source, _("a comment is not closed"), line, column);
    case SCAN_BAD_UNICODE_ESCAPE:
      return invalid_error (source, _("a \\u escape that is no character"), line, column);
    case SCAN_BAD_ESCAPE:
      return invalid_error (source, _("a backslash escape that JSON does not have"), line, column);
    case SCAN_OK:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * nd_json_parse:
 * @source: where @data comes from, which sets the bounds
 * @data: the text
 * @length: its length in bytes, or -1 if it ends with a NUL
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the root node, or %NULL
 */
JsonNode *
nd_json_parse (NdJsonSource   source,
               const char    *data,
               gssize         length,
               GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  Scan scan;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;

  if (size > nd_json_max_size (source))
    {
      g_propagate_error (error, too_large_error (source, size));
      return NULL;
    }

  scan_text (data, size, nd_json_max_depth (source), &scan);
  if (scan.result != SCAN_OK)
    {
      g_propagate_error (error, scan_error (source, data, &scan));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      guint line, column;

      g_debug ("json-glib: %s", parse_error->message);

      /* Whatever json-glib stumbled on there, this is surely wrong. */
      if (scan.open_depth > 0)
        {
          locate (data, size, &line, &column);
          g_propagate_error (error, invalid_error (source, _("the text ends before every bracket is closed"),
                                                   line, column));
          return NULL;
        }

      parser_error_place (parse_error, &line, &column);
      g_propagate_error (error, invalid_error (source, describe_parser_error (parse_error),
                                               line, column));
      return NULL;
    }

  /* White space and comments only: json-glib gives no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_propagate_error (error, empty_error (source));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

guint
nd_json_node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (node == NULL)
    return 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = nd_json_node_depth (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }

      return deepest + 1;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = nd_json_node_depth (member);

          deepest = MAX (deepest, depth);
        }

      return deepest + 1;
    }

  return 0;
}

const char *
nd_json_object_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}
