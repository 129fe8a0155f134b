/* fuzz-json-import.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON item import (nd_export_parse_json (), as `import` runs it) and
 * the revision snapshots (nd_item_from_revision ()), both through the
 * bounded nd_json_parse (). Oracles:
 *  - the nesting scan agrees with json-glib: for a text accepted,
 *    json-glib walked no deeper than the bound, and a text json-glib
 *    itself parses walking no deeper than the bound is not refused as
 *    too deep. The depth walked is counted from json-glib's
 *    array/object start and end signals, not from the tree it returns:
 *    json-glib 1.6 parses what follows the first value too ("0 [[…]]")
 *    and then keeps only that first value;
 *  - every item accepted is written as JSON and reads back. */

#include "config.h"

#include <string.h>

#include "nd-export.h"
#include "nd-fuzz.h"
#include "nd-item.h"
#include "nd-item-json.h"
#include "nd-json.h"
#include "nd-revision.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  return 0;
}

typedef struct {
  guint depth;
  guint deepest;
} Walk;

static void
container_started (JsonParser *parser,
                   Walk       *walk)
{
  walk->depth++;
  walk->deepest = MAX (walk->deepest, walk->depth);
}

static void
container_ended (JsonParser *parser,
                 gpointer    container,
                 Walk       *walk)
{
  walk->depth--;
}

/* json-glib alone, only on inputs too short to overflow its stack; the
 * deepest nesting it walked goes to @deepest, also when it fails. */
static JsonNode *
parse_unbounded (const uint8_t *data,
                 size_t         size,
                 guint         *deepest)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Walk walk = { 0, 0 };
  gboolean parsed;

  *deepest = 0;
  if (size > 16384)
    return NULL;

  g_signal_connect (parser, "array-start", G_CALLBACK (container_started), &walk);
  g_signal_connect (parser, "object-start", G_CALLBACK (container_started), &walk);
  g_signal_connect (parser, "array-end", G_CALLBACK (container_ended), &walk);
  g_signal_connect (parser, "object-end", G_CALLBACK (container_ended), &walk);
  parsed = json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL);
  *deepest = walk.deepest;
  if (!parsed || json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

/* Every string in the tree, names too, is UTF-8: json-glib decodes
 * half a surrogate pair ("\\ud800") into bytes that are not. */
static void
check_strings (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_strings (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          ND_FUZZ_CHECK (g_utf8_validate (name, -1, NULL), "a member name is not UTF-8");
          check_strings (member);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      ND_FUZZ_CHECK (g_utf8_validate (json_node_get_string (node), -1, NULL), "a string is not UTF-8");
    }
}

static void
check_bound (const uint8_t *data,
             size_t         size)
{
  g_autoptr(JsonNode) bounded = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = nd_json_max_depth (ND_JSON_SOURCE_FILE);
  guint walked;

  bounded = nd_json_parse (ND_JSON_SOURCE_FILE, (const char *) data, (gssize) size, &error);
  plain = parse_unbounded (data, size, &walked);

  if (bounded != NULL)
    {
      guint depth = nd_json_node_depth (bounded);

      ND_FUZZ_CHECK (depth <= limit, "a tree %u deep passed the bound of %u", depth, limit);
      ND_FUZZ_CHECK (walked <= limit, "json-glib walked %u deep past the bound of %u", walked, limit);
      check_strings (bounded);
      return;
    }

  ND_FUZZ_CHECK (error != NULL && error->domain == ND_JSON_ERROR, "refused without an error");
  ND_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "the message is not UTF-8");
  ND_FUZZ_CHECK (strstr (error->message, "scanner") == NULL, "json-glib's words: %s", error->message);
  if (plain != NULL && walked <= limit)
    ND_FUZZ_CHECK (error->code != ND_JSON_ERROR_TOO_DEEP,
                   "refused as too deep, but json-glib walked only %u deep", walked);
}

static void
check_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);
      g_autofree char *json = nd_item_to_json_string (item, ND_ITEM_JSON_IMAGE_DATA, FALSE);
      g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
      g_autoptr(NdRevision) revision = nd_revision_new (1, ND_REVISION_REASON_CREATED, created, json);
      g_autoptr(GError) error = NULL;
      g_autoptr(NdItem) back = NULL;

      ND_FUZZ_CHECK (json != NULL, "item %u cannot be written as JSON", i);
      back = nd_item_from_revision (revision, &error);
      ND_FUZZ_CHECK (back != NULL, "item %u written as JSON does not read back: %s", i, error->message);
      ND_FUZZ_CHECK (g_strcmp0 (nd_item_get_title (back), nd_item_get_title (item)) == 0,
                     "the title “%s” came back as “%s”", nd_item_get_title (item), nd_item_get_title (back));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
  g_autofree char *snapshot = g_strndup ((const char *) data, size);
  g_autoptr(NdRevision) revision = nd_revision_new (1, ND_REVISION_REASON_CREATED, created, snapshot);
  g_autoptr(GError) snapshot_error = NULL;
  g_autoptr(NdItem) from_snapshot = NULL;

  check_bound (data, size);

  if (nd_export_parse_json ((const char *) data, size, &items, &revisions, &error))
    {
      ND_FUZZ_CHECK (items != NULL && items->len > 0, "an export without items accepted");
      check_items (items);
    }
  else
    {
      ND_FUZZ_CHECK (error != NULL, "refused without an error");
      ND_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "the message is not UTF-8");
    }

  /* The same text as a revision stored in the database. */
  from_snapshot = nd_item_from_revision (revision, &snapshot_error);
  ND_FUZZ_CHECK (from_snapshot != NULL || snapshot_error != NULL, "a snapshot refused without an error");

  return 0;
}
