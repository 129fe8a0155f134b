/* nd-store-targets.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-store-private.h"
#include "nd-target.h"

/* The publishing targets: the part of NdStore about CMS accounts. The
 * table has no password column, and none of these functions takes a
 * password: the keyring holds it (src/publish/nd-credentials.c). */

#define TARGET_COLUMNS "id, name, type, base_url, username, options, created"

static NdTarget *
target_from_row (NdStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GError) options_error = NULL;
  const char *type_key = _nd_store_column_text (stmt, 2);
  NdTargetType type;

  g_assert (ND_IS_STORE (self));

  if (!nd_target_type_from_key (type_key, &type))
    {
      /* Translators: the first %s is a target's name, the second the kind
       * of CMS as stored ("wordpress") */
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("The target “%s” is for a kind of CMS this version does not know (“%s”)"),
                   _nd_store_column_text (stmt, 1), type_key);
      return NULL;
    }

  target = nd_target_new (_nd_store_column_text (stmt, 1), type,
                          _nd_store_column_text (stmt, 3),
                          _nd_store_column_text (stmt, 4));
  nd_target_set_store_id (target, sqlite3_column_int64 (stmt, 0));

  /* Options written by another program may be broken; the account is
   * still usable without them, so they are dropped with a warning. */
  if (!nd_target_set_options (target, _nd_store_column_text (stmt, 5), &options_error))
    g_warning ("Ignoring the options of target “%s”: %s",
               nd_target_get_name (target), options_error->message);

  created = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 6));
  nd_target_set_created (target, created);

  return g_steal_pointer (&target);
}

void
_nd_store_set_no_target (const char  *name,
                         GError     **error)
{
  /* Translators: %s is the name of a publishing target */
  g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
               _("There is no target named “%s”"), name);
}

static void
set_exists (const char  *name,
            GError     **error)
{
  /* Translators: %s is the name of a publishing target */
  g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS,
               _("A target named “%s” exists already"), name);
}

/* The row id of the target named @name, 0 if there is none, -1 on error. */
static gint64
find_target_id (NdStore     *self,
                const char  *name,
                GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self, "SELECT id FROM targets WHERE name = ?1", error)))
    return -1;
  _nd_store_bind_text (stmt, 1, name);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return -1;

  return has_row ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Validates @target and puts its URL into normal form. Messages of the
 * target's checks become ND_STORE_ERROR_INVALID, as the store's are. */
static gboolean
prepare_target (NdTarget  *target,
                GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;

  if (!nd_target_validate (target, &local_error) ||
      !(url = nd_target_normalize_url (nd_target_get_url (target), &local_error)))
    {
      g_set_error_literal (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }

  nd_target_set_url (target, url);

  return TRUE;
}

gboolean
nd_store_add_target (NdStore   *self,
                     NdTarget  *target,
                     GError   **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *options = NULL;
  const char *name;
  gint64 existing;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_TARGET (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare_target (target, error))
    return FALSE;

  name = nd_target_get_name (target);
  now = g_date_time_new_now_utc ();
  now_text = _nd_store_format_timestamp (now);
  options = nd_target_dup_options (target);

  if (!_nd_store_begin (self, error))
    return FALSE;

  /* Asked inside the transaction, which holds the write lock, so that
   * the answer still holds when we insert. */
  if ((existing = find_target_id (self, name, error)) < 0)
    goto failed;
  if (existing > 0)
    {
      set_exists (name, error);
      goto failed;
    }

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT INTO targets (name, type, base_url, username, options, created) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error)))
    goto failed;
  _nd_store_bind_text (stmt, 1, name);
  _nd_store_bind_text (stmt, 2, nd_target_type_to_key (nd_target_get_target_type (target)));
  _nd_store_bind_text (stmt, 3, nd_target_get_url (target));
  _nd_store_bind_text (stmt, 4, nd_target_get_user (target));
  _nd_store_bind_text (stmt, 5, options);
  _nd_store_bind_text (stmt, 6, now_text);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  existing = sqlite3_last_insert_rowid (self->db);

  if (!_nd_store_commit (self, error))
    goto failed;

  nd_target_set_store_id (target, existing);
  nd_target_set_created (target, now);

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

gboolean
nd_store_update_target (NdStore   *self,
                        NdTarget  *target,
                        GError   **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *options = NULL;
  const char *name;
  gint64 store_id;
  gint64 existing;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_TARGET (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare_target (target, error))
    return FALSE;

  name = nd_target_get_name (target);
  store_id = nd_target_get_store_id (target);
  options = nd_target_dup_options (target);

  if (!_nd_store_begin (self, error))
    return FALSE;

  if ((existing = find_target_id (self, name, error)) < 0)
    goto failed;
  if (existing > 0 && existing != store_id)
    {
      set_exists (name, error);
      goto failed;
    }

  if (!(stmt = _nd_store_prepare (self,
                                  "UPDATE targets SET name = ?2, type = ?3, base_url = ?4, "
                                  "  username = ?5, options = ?6 "
                                  "WHERE id = ?1",
                                  error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, store_id);
  _nd_store_bind_text (stmt, 2, name);
  _nd_store_bind_text (stmt, 3, nd_target_type_to_key (nd_target_get_target_type (target)));
  _nd_store_bind_text (stmt, 4, nd_target_get_url (target));
  _nd_store_bind_text (stmt, 5, nd_target_get_user (target));
  _nd_store_bind_text (stmt, 6, options);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      _nd_store_set_no_target (name, error);
      goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

gboolean
nd_store_remove_target (NdStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_nd_store_begin (self, error))
    return FALSE;

  /* remote_items, remote_tags, remote_media and outbox go with the row
   * (ON DELETE CASCADE; the store opens with foreign_keys on). */
  if (!(stmt = _nd_store_prepare (self, "DELETE FROM targets WHERE name = ?1", error)))
    goto failed;
  _nd_store_bind_text (stmt, 1, name);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (sqlite3_changes (self->db) == 0)
    {
      _nd_store_set_no_target (name, error);
      goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

GPtrArray *
nd_store_list_targets (NdStore  *self,
                       GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " TARGET_COLUMNS " FROM targets ORDER BY name, id",
                                  error)))
    return NULL;

  targets = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      NdTarget *target;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      if (!(target = target_from_row (self, stmt, error)))
        return NULL;
      g_ptr_array_add (targets, target);
    }

  return g_steal_pointer (&targets);
}

NdTarget *
nd_store_lookup_target (NdStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " TARGET_COLUMNS " FROM targets WHERE name = ?1",
                                  error)))
    return NULL;
  _nd_store_bind_text (stmt, 1, name);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      _nd_store_set_no_target (name, error);
      return NULL;
    }

  return target_from_row (self, stmt, error);
}
