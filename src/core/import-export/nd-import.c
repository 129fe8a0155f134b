/* nd-import.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-export.h"
#include "nd-import.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-slug.h"
#include "nd-store.h"
#include "nd-text-format.h"

/* A text item starts with a kind word, so a file whose first character
 * (after a BOM and white space) opens a JSON object or array can only be
 * an export. */
static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && (data[i] == '{' || data[i] == '[');
}

/* A plain-text item has no slug: it gets the one the editor would give
 * its title, so that its address does not depend on where it was made. */
static void
fill_slug (NdItem *item)
{
  g_autofree char *slug = NULL;

  if (*nd_item_get_slug (item) != '\0')
    return;

  slug = nd_slug_from_title (nd_item_get_title (item), nd_item_get_language (item));
  nd_item_set_slug (item, slug);
}

static gboolean
import_text (NdStore     *store,
             const char  *data,
             gsize        length,
             GPtrArray   *ids,
             GError     **error)
{
  g_autoptr(NdItem) item = NULL;

  if (!(item = nd_text_format_parse (data, length, error)))
    return FALSE;

  fill_slug (item);
  if (!nd_limits_check_item (item, error))
    return FALSE;

  if (!nd_store_save_item (store, item, ND_REVISION_REASON_IMPORT, error))
    return FALSE;

  g_ptr_array_add (ids, g_strdup (nd_item_get_id (item)));

  return TRUE;
}

static gboolean
check_duplicates (GPtrArray  *items,
                  GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = nd_item_get_id (g_ptr_array_index (items, i));

      if (!g_hash_table_add (seen, (gpointer) id))
        {
          g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS,
                       /* Translators: %s is an item's id */
                       _("the item %s is in the file twice"), id);
          return FALSE;
        }
    }

  return TRUE;
}

/* Every item of the file within the limits of nd-limits.h, or none is
 * imported; with several items the message says which one. */
static gboolean
check_limits (GPtrArray  *items,
              GError    **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);

      if (!nd_limits_check_item (item, error))
        {
          if (items->len > 1)
            /* Translators: %s is an item's id, then what is wrong with it */
            g_prefix_error (error, _("item %s: "), nd_item_get_id (item));
          return FALSE;
        }
    }

  return TRUE;
}

/* The first \u0000 escape in @data, or NULL. The JSON parser would give
 * a string that C ends there: the rest of the title or body would be
 * lost without a word. "\\u0000" (an escaped backslash) is no escape. */
static const char *
find_escaped_nul (const char *data,
                  gsize       length)
{
  for (gsize i = 0; i + 6 <= length; i++)
    {
      gsize n_backslashes = 0;

      if (data[i] != '\\' || g_ascii_strncasecmp (data + i + 1, "u0000", 5) != 0)
        continue;

      while (n_backslashes < i && data[i - n_backslashes - 1] == '\\')
        n_backslashes++;
      if (n_backslashes % 2 == 0)
        return data + i;
    }

  return NULL;
}

/* A JSON file is text: a NUL byte or a byte sequence that is no UTF-8
 * is refused before the parser sees it, with the place it is at. */
static gboolean
check_json_bytes (const char  *data,
                  gsize        length,
                  GError     **error)
{
  const char *nul = memchr (data, '\0', length);
  const char *end = NULL;

  if (nul != NULL)
    {
      g_autofree char *position = g_strdup_printf ("%'" G_GSIZE_FORMAT, (gsize) (nul - data) + 1);

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_NUL,
                   /* Translators: %s is a byte position */
                   _("the file holds a NUL byte (at byte %s), so it is no JSON export"),
                   position);
      return FALSE;
    }

  if ((nul = find_escaped_nul (data, length)) != NULL)
    {
      guint line = 1;

      for (const char *p = data; p < nul; p++)
        line += *p == '\n';

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_NUL,
                   /* Translators: \u0000 stays as it is; %u is a line number */
                   _("line %u holds \\u0000, a NUL character, which text cannot hold"),
                   line);
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line = 1;

      for (const char *p = data; p < end; p++)
        line += *p == '\n';

      g_set_error (error, ND_LIMITS_ERROR, ND_LIMITS_ERROR_NOT_UTF8,
                   /* Translators: %u is a line number */
                   _("line %u is not UTF-8 text; save the file as UTF-8 and import it again"),
                   line);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_json (NdStore        *store,
             const char     *data,
             gsize           length,
             NdImportFlags   flags,
             GPtrArray      *ids,
             GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  if (!check_json_bytes (data, length, error))
    return FALSE;

  if (!nd_export_parse_json (data, length, &items, &revisions, error))
    return FALSE;

  if (!check_duplicates (items, error))
    return FALSE;

  if (!check_limits (items, error))
    return FALSE;

  /* (A JSON item without a "slug" got one from nd_item_from_json(); one
   * with "slug": "" keeps it empty, as exported.) */

  /* One transaction for the whole file: all items go in, or none does. */
  if (!nd_store_import_items (store, items, revisions,
                              (flags & ND_IMPORT_REPLACE) != 0, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ids, g_strdup (nd_item_get_id (g_ptr_array_index (items, i))));

  return TRUE;
}

gboolean
nd_import_bytes (NdStore        *store,
                 GBytes         *contents,
                 const char     *name,
                 NdImportFlags   flags,
                 GStrv          *out_ids,
                 GError        **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *data;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (ND_IS_STORE (store), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ids = g_ptr_array_new_with_free_func (g_free);
  data = g_bytes_get_data (contents, &length);
  if (data == NULL)
    data = "";

  if (looks_like_json (data, length))
    ok = import_json (store, data, length, flags, ids, error);
  else
    ok = import_text (store, data, length, ids, error);

  if (!ok)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }

  if (out_ids != NULL)
    {
      g_ptr_array_add (ids, NULL);
      *out_ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
    }

  return TRUE;
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

gboolean
nd_import_file (NdStore        *store,
                GFile          *file,
                NdImportFlags   flags,
                GStrv          *out_ids,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (ND_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = dup_display_name (file);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      /* GIO's messages repeat the whole path; the common ones get a
       * shorter line, the rest is passed on as it is. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "%s: %s", name, _("there is no such file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     "%s: %s", name, _("this is a folder, not a file"));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                     "%s: %s", name, _("you may not read this file"));
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);

      return FALSE;
    }

  bytes = g_bytes_new_take (contents, length);

  return nd_import_bytes (store, bytes, name, flags, out_ids, error);
}
