/* fuzz-text-format.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plain-text item parser (nd-text-format.c), as `import` and the
 * window's "Open" use it. Oracle: an item it accepts can be written in
 * the text format again, and that text parses again (what it cannot
 * carry is the text format's documented loss, not a failure). */

#include "config.h"

#include "nd-fuzz.h"
#include "nd-item.h"
#include "nd-render.h"
#include "nd-text-format.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  return 0;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r' && *p != '\f') || *p == 0x7f)
      return TRUE;

  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(NdItem) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  item = nd_text_format_parse ((const char *) data, size, &error);
  if (item == NULL)
    {
      ND_FUZZ_CHECK (error != NULL, "refused without an error");
      ND_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "the message is not UTF-8");
      return 0;
    }

  text = nd_text_format_write (item);
  ND_FUZZ_CHECK (text != NULL, "an item parsed cannot be written");

  /* Control characters (other than tab and newline) are let through
   * while they are under 1 % of the text, and then the shorter text the
   * writer makes may count as binary. Refusing them at every entrance
   * is point 14 of issue 10, not this target's; until it lands, such
   * inputs end here (the corpus keeps the one that showed it:
   * found-control-characters-round-trip.txt). */
  if (has_control_characters (text))
    return 0;

  again = nd_text_format_parse (text, strlen (text), &again_error);
  ND_FUZZ_CHECK (again != NULL, "“%s” does not parse again: %s", text, again_error->message);
  ND_FUZZ_CHECK (g_strcmp0 (nd_item_get_title (again), nd_item_get_title (item)) == 0,
                 "the title “%s” came back as “%s”", nd_item_get_title (item), nd_item_get_title (again));

  html = nd_render_item_html (item);
  ND_FUZZ_CHECK (html != NULL, "an item parsed cannot be rendered");

  return 0;
}
