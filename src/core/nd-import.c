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
#include "nd-store.h"
#include "nd-text-format.h"

/* What the store held under an id before a JSON import replaced it, so
 * that a failure later in the same file can put it back. */
typedef struct
{
  NdItem    *item;       /* (nullable): NULL if the id was new */
  GPtrArray *revisions;  /* (nullable) (element-type NdRevision) */
} Previous;

static void
previous_clear (gpointer data)
{
  Previous *previous = data;

  g_clear_object (&previous->item);
  g_clear_pointer (&previous->revisions, g_ptr_array_unref);
}

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

  if (!nd_store_save_item (store, item, ND_REVISION_REASON_IMPORT, error))
    return FALSE;

  g_ptr_array_add (ids, g_strdup (nd_item_get_id (item)));

  return TRUE;
}

/* Fills @previous with what the store has under @id, or nothing. */
static gboolean
remember_previous (NdStore     *store,
                   const char  *id,
                   Previous    *previous,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(NdItem) item = NULL;

  item = nd_store_load_item (store, id, &local_error);
  if (item == NULL)
    {
      if (g_error_matches (local_error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* load_item takes a prefix too: only the very same id counts. */
  if (g_strcmp0 (nd_item_get_id (item), id) != 0)
    return TRUE;

  if (!(previous->revisions = nd_store_list_revisions (store, id, error)))
    return FALSE;

  previous->item = g_steal_pointer (&item);

  return TRUE;
}

/* Undoes the imports [0, @n_done) of this file, newest first: new items
 * are deleted, replaced ones put back. The store has no transaction that
 * spans several items, so this is the next best thing. */
static void
undo_imports (NdStore   *store,
              GPtrArray *items,
              GArray    *previous,
              guint      n_done)
{
  for (guint i = n_done; i > 0; i--)
    {
      NdItem *item = g_ptr_array_index (items, i - 1);
      Previous *p = &g_array_index (previous, Previous, i - 1);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (p->item != NULL)
        ok = nd_store_import_item (store, p->item, p->revisions, TRUE, &error);
      else
        ok = nd_store_delete_item (store, nd_item_get_id (item), &error);

      if (!ok)
        g_warning ("Could not undo the import of item %s: %s",
                   nd_item_get_id (item), error->message);
    }
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
  g_autoptr(GArray) previous = NULL;
  gboolean replace = (flags & ND_IMPORT_REPLACE) != 0;

  if (!nd_export_parse_json (data, length, &items, &revisions, error))
    return FALSE;

  if (!check_duplicates (items, error))
    return FALSE;

  previous = g_array_sized_new (FALSE, TRUE, sizeof (Previous), items->len);
  g_array_set_clear_func (previous, previous_clear);
  g_array_set_size (previous, items->len);

  /* Look before writing anything, so that the common failure (the item
   * is there already) leaves the store untouched. */
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);
      Previous *p = &g_array_index (previous, Previous, i);

      if (!remember_previous (store, nd_item_get_id (item), p, error))
        return FALSE;

      if (p->item != NULL && !replace)
        {
          g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS,
                       /* Translators: %s is an item's id */
                       _("the item %s is already in the database"),
                       nd_item_get_id (item));
          return FALSE;
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);

      if (!nd_store_import_item (store, item, g_ptr_array_index (revisions, i), replace, error))
        {
          undo_imports (store, items, previous, i);
          return FALSE;
        }
    }

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
