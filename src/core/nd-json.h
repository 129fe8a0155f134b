/* nd-json.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Every JSON text Newsdesk reads goes through nd_json_parse(): its size
 * and its nesting are checked before json-glib sees it, because
 * json-glib's parser recurses once per level and a file or a CMS answer
 * of 100,000 "[" overflows the stack. Its errors are our own,
 * translated sentences with line and column, not json-glib's English. */

#define ND_JSON_ERROR (nd_json_error_quark ())

typedef enum
{
  ND_JSON_ERROR_EMPTY,      /* nothing but white space */
  ND_JSON_ERROR_TOO_LARGE,
  ND_JSON_ERROR_TOO_DEEP,
  ND_JSON_ERROR_INVALID,
} NdJsonError;

/* Where the text comes from: each has its bounds and its wording. */
typedef enum
{
  ND_JSON_SOURCE_FILE,    /* a file to import (an export) */
  ND_JSON_SOURCE_STORED,  /* what the store keeps: revisions, options */
  ND_JSON_SOURCE_SITE,    /* an answer of a CMS */
} NdJsonSource;

/* The bounds. An item is nested 4 levels deep, a WordPress post about
 * 6; a page of 100 posts with their content is a few MB. */
#define ND_JSON_FILE_MAX_SIZE     ((gsize) 256 * 1024 * 1024)
#define ND_JSON_FILE_MAX_DEPTH    64
#define ND_JSON_STORED_MAX_SIZE   ((gsize) 64 * 1024 * 1024)
#define ND_JSON_STORED_MAX_DEPTH  64
#define ND_JSON_SITE_MAX_SIZE     ((gsize) 64 * 1024 * 1024)
#define ND_JSON_SITE_MAX_DEPTH    128

GQuark    nd_json_error_quark     (void);

gsize     nd_json_max_size        (NdJsonSource   source);
guint     nd_json_max_depth       (NdJsonSource   source);

/* Parses @length bytes of @data (-1: up to the NUL) from @source.
 * Returns: (transfer full): the root, or %NULL with an ND_JSON_ERROR. */
JsonNode *nd_json_parse           (NdJsonSource   source,
                                   const char    *data,
                                   gssize         length,
                                   GError       **error);

/* @member of @object if it holds a string, else %NULL: a CMS that sends
 * an object or a number where a string belongs (`"link": {}`) gives
 * "absent", not a critical warning. @object may be %NULL. (transfer none) */
const char *nd_json_object_get_string (JsonObject  *object,
                                       const char  *member);

/* How deeply @node nests arrays and objects (a scalar is 0); for tests
 * and the fuzz targets, which check json-glib against the scan. */
guint     nd_json_node_depth      (JsonNode      *node);

G_END_DECLS
