/* nd-store-images.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-item.h"
#include "nd-store-private.h"

/* The image library and attaching images: the part of NdStore that is
 * about files rather than items. Writes go through nd_store_save_item(),
 * so that an attached image is saved exactly like an edit in the window:
 * one transaction, with the revision, the index and the change signal. */

void
nd_image_usage_free (NdImageUsage *usage)
{
  if (usage == NULL)
    return;

  g_clear_object (&usage->image);
  g_free (usage);
}

/* The columns image_from_file_row() reads, in this order. */
#define FILE_COLUMNS \
  "i.id, i.sha256, i.mime, i.size, i.width, i.height, " \
  "i.credit, i.creator, i.copyright, i.license, i.source"
#define N_FILE_COLUMNS 11

/* The latest use of a file: that of the item edited last. */
#define LATEST_USE(column) \
  "(SELECT ii." column " FROM item_images ii JOIN items it ON it.rowid = ii.item_id " \
  " WHERE ii.image_id = i.id ORDER BY it.updated DESC, ii.position LIMIT 1)"

static NdImage *
image_from_file_row (sqlite3_stmt *stmt,
                     gboolean      with_data)
{
  g_autoptr(NdImage) image = nd_image_new ();
  const char *mime = _nd_store_column_text (stmt, 2);
  guint width = (guint) sqlite3_column_int64 (stmt, 4);
  guint height = (guint) sqlite3_column_int64 (stmt, 5);

  if (with_data)
    {
      const void *blob = sqlite3_column_blob (stmt, N_FILE_COLUMNS);
      int n_bytes = sqlite3_column_bytes (stmt, N_FILE_COLUMNS);
      g_autoptr(GBytes) bytes = g_bytes_new (blob, n_bytes);

      nd_image_set_data (image, bytes, mime, width, height);
    }
  else
    {
      nd_image_set_file_info (image, _nd_store_column_text (stmt, 1), mime,
                              (guint64) sqlite3_column_int64 (stmt, 3), width, height);
    }

  nd_image_set_store_id (image, sqlite3_column_int64 (stmt, 0));
  nd_image_set_credit (image, _nd_store_column_text (stmt, 6));
  nd_image_set_creator (image, _nd_store_column_text (stmt, 7));
  nd_image_set_copyright (image, _nd_store_column_text (stmt, 8));
  nd_image_set_license (image, _nd_store_column_text (stmt, 9));
  nd_image_set_source (image, _nd_store_column_text (stmt, 10));

  return g_steal_pointer (&image);
}

/* The library */

/* Case- and normalisation-insensitive, as a user types a name. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

static gboolean
matches_query (char         **words,
               const char    *haystack,
               const char    *sha256)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (haystack, words[i]) != NULL)
        continue;
      if (strlen (words[i]) >= ND_IMAGE_REFERENCE_MIN_PREFIX && g_str_has_prefix (sha256, words[i]))
        continue;
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
nd_store_list_images (NdStore     *self,
                      const char  *query,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *folded_query = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folded_query = fold (query);
  words = g_strsplit_set (g_strstrip (folded_query), " \t\n", -1);
  /* g_strsplit_set() leaves empty words between runs of spaces. */
  {
    guint kept = 0;

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (*words[i] == '\0')
          g_free (words[i]);
        else
          words[kept++] = words[i];
      }
    words[kept] = NULL;
  }

  /* The library is small beside the items (a newsroom has thousands of
   * pictures, not millions), so the words are matched here, where
   * case-folding knows Unicode, rather than with SQLite's ASCII LIKE. */
  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " FILE_COLUMNS ", "
                                  "  (SELECT count (DISTINCT ii.item_id) FROM item_images ii WHERE ii.image_id = i.id), "
                                  "  " LATEST_USE ("alt") ", "
                                  "  " LATEST_USE ("caption") ", "
                                  "  (SELECT group_concat (ii.alt || ' ' || ii.caption || ' ' || ii.credit, ' ') "
                                  "     FROM item_images ii WHERE ii.image_id = i.id) "
                                  "FROM images i WHERE i.sha256 IS NOT NULL "
                                  "ORDER BY i.created DESC, i.id DESC",
                                  error)))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_image_usage_free);

  for (;;)
    {
      g_autoptr(NdImageUsage) usage = NULL;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      if (words[0] != NULL)
        {
          g_autofree char *haystack = NULL;
          g_autofree char *folded = NULL;

          haystack = g_strjoin ("\n",
                                _nd_store_column_text (stmt, 6),
                                _nd_store_column_text (stmt, 7),
                                _nd_store_column_text (stmt, 8),
                                _nd_store_column_text (stmt, 10),
                                _nd_store_column_text (stmt, N_FILE_COLUMNS + 3) != NULL
                                  ? _nd_store_column_text (stmt, N_FILE_COLUMNS + 3) : "",
                                NULL);
          folded = fold (haystack);

          if (!matches_query (words, folded, _nd_store_column_text (stmt, 1)))
            continue;
        }

      usage = g_new0 (NdImageUsage, 1);
      usage->image = image_from_file_row (stmt, FALSE);
      usage->n_uses = (guint) sqlite3_column_int64 (stmt, N_FILE_COLUMNS);
      nd_image_set_alt_text (usage->image, _nd_store_column_text (stmt, N_FILE_COLUMNS + 1));
      nd_image_set_caption (usage->image, _nd_store_column_text (stmt, N_FILE_COLUMNS + 2));
      g_ptr_array_add (result, g_steal_pointer (&usage));

      if (limit > 0 && result->len >= limit)
        break;
    }

  return g_steal_pointer (&result);
}

/* Loading one file */

static void
set_image_not_found (const char  *ref,
                     GError     **error)
{
  g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is a SHA-256 prefix or an image number */
               _("No image “%s”"), ref);
}

NdImage *
nd_store_load_image (NdStore     *self,
                     const char  *sha256_prefix,
                     GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(NdImage) image = NULL;
  g_autofree char *lower = NULL;
  gboolean has_row;
  gsize length;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256_prefix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (sha256_prefix);
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isxdigit (sha256_prefix[i]))
        length = 0;
    }

  if (length < ND_IMAGE_REFERENCE_MIN_PREFIX || length > 64)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   /* Translators: %s is what the user typed, %d a number */
                   _("“%s” is no image: give at least %d hex digits of its SHA-256"),
                   sha256_prefix, ND_IMAGE_REFERENCE_MIN_PREFIX);
      return NULL;
    }

  lower = g_ascii_strdown (sha256_prefix, -1);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " FILE_COLUMNS ", i.data FROM images i "
                                  "WHERE i.sha256 IS NOT NULL AND substr (i.sha256, 1, length (?1)) = ?1 "
                                  "LIMIT 2",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, lower);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_image_not_found (sha256_prefix, error);
      return NULL;
    }

  image = image_from_file_row (stmt, TRUE);

  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_AMBIGUOUS,
                   /* Translators: %s is a SHA-256 prefix */
                   _("“%s” fits several images; give more digits"), sha256_prefix);
      return NULL;
    }

  return g_steal_pointer (&image);
}

NdImage *
nd_store_load_image_by_id (NdStore  *self,
                           gint64    store_id,
                           GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " FILE_COLUMNS ", i.data FROM images i "
                                  "WHERE i.id = ?1 AND i.sha256 IS NOT NULL",
                                  error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, store_id);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, store_id);

      set_image_not_found (ref, error);
      return NULL;
    }

  return image_from_file_row (stmt, TRUE);
}

/* Attaching */

static gboolean
is_blank (const char *text)
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

static void
fill_empty (NdImage       *image,
            NdImageFields  field,
            const char    *value)
{
  if (is_blank (value) || !is_blank (nd_image_get_field (image, field)))
    return;

  nd_image_set_field (image, field, value);
}

/* Fills what is still empty from the library's row for the same file:
 * its default credit and the file fields, and the alt text and caption of
 * its latest use. */
static gboolean
fill_from_library (NdStore     *self,
                   const char  *sha256,
                   NdImage     *image,
                   GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT i.credit, i.creator, i.copyright, i.license, i.source, "
                                  "  " LATEST_USE ("alt") ", " LATEST_USE ("caption") " "
                                  "FROM images i WHERE i.sha256 = ?1",
                                  error)))
    return FALSE;

  _nd_store_bind_text (stmt, 1, sha256);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  fill_empty (image, ND_IMAGE_FIELD_CREDIT, _nd_store_column_text (stmt, 0));
  fill_empty (image, ND_IMAGE_FIELD_CREATOR, _nd_store_column_text (stmt, 1));
  fill_empty (image, ND_IMAGE_FIELD_COPYRIGHT, _nd_store_column_text (stmt, 2));
  fill_empty (image, ND_IMAGE_FIELD_LICENSE, _nd_store_column_text (stmt, 3));
  fill_empty (image, ND_IMAGE_FIELD_SOURCE, _nd_store_column_text (stmt, 4));
  fill_empty (image, ND_IMAGE_FIELD_ALT_TEXT, _nd_store_column_text (stmt, 5));
  fill_empty (image, ND_IMAGE_FIELD_CAPTION, _nd_store_column_text (stmt, 6));

  return TRUE;
}

NdImage *
nd_store_place_image (NdStore                *self,
                      NdItem                 *item,
                      NdImage                *image,
                      guint                   flags,
                      const NdImageMetadata  *metadata,
                      GError                **error)
{
  g_autoptr(NdImageMetadata) own_metadata = NULL;
  NdImage *placed;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (ND_IS_ITEM (item), NULL);
  g_return_val_if_fail (ND_IS_IMAGE (image), NULL);
  g_return_val_if_fail (nd_image_has_data (image), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The library is read first, so that a failure leaves @item as it was. */
  {
    g_autoptr(NdImage) defaults = nd_image_new ();

    if (!fill_from_library (self, nd_image_get_sha256 (image), defaults, error))
      return NULL;

    placed = nd_image_file_attach (item, image, (NdImageAttachFlags) flags);
    for (NdImageFields field = ND_IMAGE_FIELD_CREDIT; field <= ND_IMAGE_FIELD_CAPTION; field <<= 1)
      fill_empty (placed, field, nd_image_get_field (defaults, field));
  }

  if (metadata == NULL)
    metadata = own_metadata = nd_image_metadata_read (nd_image_get_data (placed));
  nd_image_metadata_fill (metadata, placed);
  /* "From the file" means "is the file's own value", however it got
   * there (the slot or the library may hold the same text): the same
   * rule nd_image_file_match_metadata() applies when the image is loaded
   * again, so the mark does not change between attaching and reopening. */
  nd_image_metadata_match (metadata, placed);

  return placed;
}

NdImage *
nd_store_attach_image (NdStore     *self,
                       const char  *item_id,
                       NdImage     *image,
                       guint        flags,
                       GError     **error)
{
  g_autoptr(NdItem) item = NULL;
  NdImage *attached;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (ND_IS_IMAGE (image), NULL);
  g_return_val_if_fail (nd_image_has_data (image), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read and written in one transaction: nobody saves the item in
   * between, and a failure leaves it as it was. */
  if (!_nd_store_begin (self, error))
    return NULL;

  if (!(item = nd_store_load_item (self, item_id, error)) ||
      !(attached = nd_store_place_image (self, item, image, flags, NULL, error)))
    goto failed;

  if (!nd_store_save_item (self, item, ND_REVISION_REASON_EDIT, error) ||
      !_nd_store_commit (self, error))
    goto failed;

  return g_object_ref (attached);

failed:
  _nd_store_rollback (self);
  return NULL;
}
