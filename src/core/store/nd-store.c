/* nd-store.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-store"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-json.h"
#include "nd-revision.h"
#include "nd-store-private.h"
#include "nd-tag.h"

/* NdStore maps items to rows. One store is one SQLite connection with its
 * own cache of prepared statements, so it is used from one thread at a
 * time; a worker thread opens its own store on the same file (WAL lets
 * readers and one writer share it). Every write runs in one transaction
 * started with BEGIN IMMEDIATE, so a busy database fails before anything
 * was written, and any error rolls the whole save back. */

G_DEFINE_FINAL_TYPE (NdStore, nd_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  ITEM_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* A shorter prefix than this would fit too many items to be useful. */
#define MIN_PREFIX 4

GQuark
nd_store_error_quark (void)
{
  return g_quark_from_static_string ("nd-store-error-quark");
}

/* Registered by hand: nd-store.h is not among the mkenums sources. */
GType
nd_store_change_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { ND_STORE_CHANGE_ADDED, "ND_STORE_CHANGE_ADDED", "added" },
    { ND_STORE_CHANGE_MODIFIED, "ND_STORE_CHANGE_MODIFIED", "modified" },
    { ND_STORE_CHANGE_REMOVED, "ND_STORE_CHANGE_REMOVED", "removed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("NdStoreChange"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
pending_change_clear (gpointer data)
{
  PendingChange *pending = data;

  g_free (pending->id);
}

void
_nd_store_announce_change (NdStore       *self,
                           const char    *id,
                           NdStoreChange  change)
{
  PendingChange pending;

  if (self->depth == 0)
    {
      g_signal_emit (self, signals [ITEM_CHANGED], 0, id, change);
      return;
    }

  pending.id = g_strdup (id);
  pending.change = change;
  g_array_append_val (self->changes, pending);
}

void
_nd_store_flush_changes (NdStore *self)
{
  g_autoptr(GArray) changes = self->changes;

  g_assert (self->depth == 0);

  /* A handler may write again: it gets a fresh queue. */
  self->changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->changes, pending_change_clear);

  for (guint i = 0; i < changes->len; i++)
    {
      PendingChange *pending = &g_array_index (changes, PendingChange, i);

      g_signal_emit (self, signals [ITEM_CHANGED], 0, pending->id, pending->change);
    }
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
nd_store_finalize (GObject *object)
{
  NdStore *self = (NdStore *)object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->phrase_rows, g_hash_table_unref);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->change_marks, g_array_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (nd_store_parent_class)->finalize (object);
}

static void
nd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NdStore *self = ND_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_store_class_init (NdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_store_finalize;
  object_class->get_property = nd_store_get_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdStore::item-changed:
   * @self: the store
   * @id: the item's UUID
   * @change: an #NdStoreChange
   *
   * An item was saved, imported or deleted through this store. Emitted
   * on the thread that wrote, after the transaction committed, once per
   * item; never for a write that was rolled back. Changes made through
   * another connection to the same file are not seen.
   */
  signals [ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, ND_TYPE_STORE_CHANGE);
}

static void
nd_store_init (NdStore *self)
{
  self->rank_window = ND_STORE_RANK_WINDOW;
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->phrase_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->changes, pending_change_clear);
  self->change_marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

NdStore *
nd_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _nd_store_open_internal (path, ND_STORE_SCHEMA_VERSION, ND_STORE_OPEN_DEFAULT, error);
}

NdStore *
nd_store_open_full (const char        *path,
                    NdStoreOpenFlags   flags,
                    GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _nd_store_open_internal (path, ND_STORE_SCHEMA_VERSION, flags, error);
}

gboolean
nd_store_is_read_only (NdStore *self)
{
  g_return_val_if_fail (ND_IS_STORE (self), FALSE);

  return self->read_only;
}

NdStore *
_nd_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= ND_STORE_SCHEMA_VERSION, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _nd_store_open_internal (path, version, ND_STORE_OPEN_DEFAULT, error);
}

void
_nd_store_set_rank_window (NdStore *self,
                           guint    window)
{
  g_return_if_fail (ND_IS_STORE (self));
  g_return_if_fail (window > 0);

  self->rank_window = window;
}

sqlite3 *
_nd_store_get_db (NdStore *self)
{
  g_return_val_if_fail (ND_IS_STORE (self), NULL);

  return self->db;
}

char *
nd_store_dup_default_path (void)
{
  const char *env = g_getenv ("NEWSDESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "newsdesk", "newsdesk.db", NULL);
}

const char *
nd_store_get_path (NdStore *self)
{
  g_return_val_if_fail (ND_IS_STORE (self), NULL);

  return self->path;
}

int
nd_store_get_schema_version (NdStore *self)
{
  g_return_val_if_fail (ND_IS_STORE (self), 0);

  return self->schema_version;
}

/* Reading */

static void
set_not_found (const char  *id,
               GError     **error)
{
  g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
               _("No item “%s”"), id);
}

/* A prefix is worth a range query only if it could start a UUID. */
static gboolean
is_uuid_prefix (const char *text)
{
  gsize len = strlen (text);

  if (len < MIN_PREFIX || len > 36)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static char *
lookup_exact_id (NdStore     *self,
                 const char  *id,
                 gboolean    *ok,
                 GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  *ok = FALSE;

  if (!(stmt = _nd_store_prepare (self, "SELECT uuid FROM items WHERE uuid = ?1", error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, id);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;

  *ok = TRUE;

  return has_row ? g_strdup (_nd_store_column_text (stmt, 0)) : NULL;
}

char *
nd_store_resolve_id (NdStore     *self,
                     const char  *id_or_prefix,
                     GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *upper_bound = NULL;
  g_autofree char *found = NULL;
  gboolean has_row;
  gboolean ok;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = lookup_exact_id (self, id_or_prefix, &ok, error);
  if (!ok)
    return NULL;
  if (found != NULL)
    return g_steal_pointer (&found);

  lower = g_ascii_strdown (id_or_prefix, -1);
  if (!is_uuid_prefix (lower))
    {
      if (strlen (lower) > 0 && strlen (lower) < MIN_PREFIX && strspn (lower, "0123456789abcdef-") == strlen (lower))
        g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is the start of an item's id, %d a number */
                     _("“%s” is too short to name an item: give at least %d characters of its id"),
                     id_or_prefix, MIN_PREFIX);
      else
        set_not_found (id_or_prefix, error);
      return NULL;
    }

  /* All characters are ASCII, so raising the last byte by one gives the
   * first string after every string that starts with the prefix. */
  upper_bound = g_strdup (lower);
  upper_bound[strlen (upper_bound) - 1]++;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT uuid FROM items WHERE uuid >= ?1 AND uuid < ?2 "
                                  "ORDER BY uuid LIMIT 2",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, lower);
  _nd_store_bind_text (stmt, 2, upper_bound);

  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (id_or_prefix, error);
      return NULL;
    }

  found = g_strdup (_nd_store_column_text (stmt, 0));

  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (has_row)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_AMBIGUOUS,
                   _("“%s” fits more than one item; give more of the id"),
                   id_or_prefix);
      return NULL;
    }

  return g_steal_pointer (&found);
}

NdItem *
_nd_store_item_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  NdItemKind kind = ND_ITEM_KIND_NEWS;
  NdItemStatus status = ND_ITEM_STATUS_DRAFT;
  const char *text;

  g_assert (stmt != NULL);

  nd_item_set_id (item, _nd_store_column_text (stmt, 1));
  if ((text = _nd_store_column_text (stmt, 2)) && nd_item_kind_from_key (text, &kind))
    nd_item_set_kind (item, kind);
  if ((text = _nd_store_column_text (stmt, 3)) && nd_item_status_from_key (text, &status))
    nd_item_set_status (item, status);
  if ((text = _nd_store_column_text (stmt, 4)))
    nd_item_set_language (item, text);
  nd_item_set_title (item, _nd_store_column_text (stmt, 5));
  nd_item_set_teaser (item, _nd_store_column_text (stmt, 6));
  nd_item_set_date (item, _nd_store_column_text (stmt, 7));
  nd_item_set_slug (item, _nd_store_column_text (stmt, 8));
  nd_item_set_author (item, _nd_store_column_text (stmt, 9));

  created = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 10));
  updated = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 11));
  nd_item_set_created (item, created);
  nd_item_set_updated (item, updated);
  nd_item_set_revision (item, (guint)sqlite3_column_int64 (stmt, 12));

  return g_steal_pointer (&item);
}

static NdImage *
image_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(NdImage) image = nd_image_new ();
  NdImageRole role = ND_IMAGE_ROLE_INLINE;
  const char *mime = _nd_store_column_text (stmt, 3);
  guint width = (guint)sqlite3_column_int64 (stmt, 5);
  guint height = (guint)sqlite3_column_int64 (stmt, 6);

  nd_image_set_store_id (image, sqlite3_column_int64 (stmt, 0));

  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      const void *blob = sqlite3_column_blob (stmt, 2);
      int n_bytes = sqlite3_column_bytes (stmt, 2);

      bytes = g_bytes_new (blob, n_bytes);
      nd_image_set_data (image, bytes, mime, width, height);
    }
  else
    {
      nd_image_set_file_info (image, NULL, mime, 0, width, height);
    }

  /* The use's credit (item_images), not the library's default. */
  nd_image_set_credit (image, _nd_store_column_text (stmt, 7));
  nd_image_set_creator (image, _nd_store_column_text (stmt, 8));
  nd_image_set_copyright (image, _nd_store_column_text (stmt, 9));
  nd_image_set_license (image, _nd_store_column_text (stmt, 10));
  nd_image_set_source (image, _nd_store_column_text (stmt, 11));
  if (nd_image_role_from_key (_nd_store_column_text (stmt, 12), &role))
    nd_image_set_role (image, role);
  nd_image_set_alt_text (image, _nd_store_column_text (stmt, 13));
  nd_image_set_caption (image, _nd_store_column_text (stmt, 14));

  return g_steal_pointer (&image);
}

static gboolean
load_images (NdStore  *self,
             NdItem   *item,
             gint64    rowid,
             GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT i.id, i.sha256, i.data, i.mime, i.size, i.width, i.height, "
                                  "       ii.credit, i.creator, i.copyright, i.license, i.source, "
                                  "       ii.role, ii.alt, ii.caption "
                                  "FROM item_images ii JOIN images i ON i.id = ii.image_id "
                                  "WHERE ii.item_id = ?1 ORDER BY ii.position",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);

  nd_item_clear_images (item);

  for (;;)
    {
      g_autoptr(NdImage) image = NULL;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      image = image_from_row (stmt);
      nd_item_add_image (item, image);
    }

  return TRUE;
}

NdItem *
nd_store_load_item (NdStore     *self,
                    const char  *id_or_prefix,
                    GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *id = NULL;
  gboolean has_row;
  gint64 rowid;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(id = nd_store_resolve_id (self, id_or_prefix, error)))
    return NULL;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT " ND_STORE_ITEM_COLUMNS ", items.body FROM items WHERE uuid = ?1",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, id);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (id_or_prefix, error);
      return NULL;
    }

  item = _nd_store_item_from_row (stmt);
  nd_item_set_body (item, _nd_store_column_text (stmt, ND_STORE_N_ITEM_COLUMNS));
  rowid = sqlite3_column_int64 (stmt, 0);
  _nd_stmt_release (g_steal_pointer (&stmt));

  items = g_ptr_array_new ();
  g_ptr_array_add (items, item);
  if (!_nd_store_attach_tags (self, items, &rowid, error) ||
      !load_images (self, item, rowid, error))
    return NULL;

  return g_steal_pointer (&item);
}

/* Writing */

typedef struct
{
  gint64  rowid;         /* 0: not in the store */
  guint   revision;      /* items.revision */
  guint   max_number;    /* the highest revision number recorded */
  char   *created;
  char   *updated;
} Existing;

static void
existing_clear (Existing *existing)
{
  g_clear_pointer (&existing->created, g_free);
  g_clear_pointer (&existing->updated, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Existing, existing_clear)

static gboolean
lookup_existing (NdStore     *self,
                 const char  *id,
                 Existing    *existing,
                 GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT rowid, revision, created, "
                                  "  (SELECT coalesce (max (number), 0) FROM revisions r WHERE r.item_id = items.rowid), "
                                  "  updated "
                                  "FROM items WHERE uuid = ?1",
                                  error)))
    return FALSE;

  _nd_store_bind_text (stmt, 1, id);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      existing->rowid = sqlite3_column_int64 (stmt, 0);
      existing->revision = (guint)sqlite3_column_int64 (stmt, 1);
      existing->created = g_strdup (_nd_store_column_text (stmt, 2));
      existing->max_number = (guint)sqlite3_column_int64 (stmt, 3);
      existing->updated = g_strdup (_nd_store_column_text (stmt, 4));
    }

  return TRUE;
}

static gboolean
check_item (NdItem  *item,
            GError **error)
{
  const char *date = nd_item_get_date (item);
  const char *id = nd_item_get_id (item);

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("“%s” is not a valid item id"), id != NULL ? id : "");
      return FALSE;
    }

  if (date != NULL && *date != '\0' && !nd_date_is_valid (date))
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_INVALID,
                   _("“%s” is not a valid date"), date);
      return FALSE;
    }

  return TRUE;
}

/* Inserts or updates the items row; the timestamps are already formatted. */
static gboolean
write_item_row (NdStore     *self,
                NdItem      *item,
                gint64      *rowid,
                const char  *created,
                const char  *updated,
                guint        revision,
                GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  const char *date = nd_item_get_date (item);
  const char *language = nd_item_get_language (item);

  if (*rowid == 0)
    stmt = _nd_store_prepare (self,
                              "INSERT INTO items (uuid, kind, status, language, title, teaser, body, "
                              "  date, slug, author, created, updated, revision) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                              error);
  else
    stmt = _nd_store_prepare (self,
                              "UPDATE items SET kind = ?2, status = ?3, language = ?4, title = ?5, "
                              "  teaser = ?6, body = ?7, date = ?8, slug = ?9, author = ?10, "
                              "  created = ?11, updated = ?12, revision = ?13 "
                              "WHERE uuid = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;

  _nd_store_bind_text (stmt, 1, nd_item_get_id (item));
  _nd_store_bind_text (stmt, 2, nd_item_kind_to_key (nd_item_get_kind (item)));
  _nd_store_bind_text (stmt, 3, nd_item_status_to_key (nd_item_get_status (item)));
  _nd_store_bind_text (stmt, 4, language != NULL && *language != '\0' ? language : "en");
  _nd_store_bind_text (stmt, 5, nd_item_get_title (item));
  _nd_store_bind_text (stmt, 6, nd_item_get_teaser (item));
  _nd_store_bind_text (stmt, 7, nd_item_get_body (item));
  _nd_store_bind_text (stmt, 8, date != NULL && *date != '\0' ? date : NULL);
  _nd_store_bind_text (stmt, 9, nd_item_get_slug (item));
  _nd_store_bind_text (stmt, 10, nd_item_get_author (item));
  _nd_store_bind_text (stmt, 11, created);
  _nd_store_bind_text (stmt, 12, updated);
  sqlite3_bind_int64 (stmt, 13, revision);

  if (!_nd_store_step_done (self, stmt, error))
    return FALSE;

  if (*rowid == 0)
    *rowid = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

/* Rewrites the item's tags in order; returns them joined for the index. */
static char *
write_tags (NdStore  *self,
            NdItem   *item,
            gint64    rowid,
            GError  **error)
{
  g_autoptr(NdStmt) clear = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  const char * const *tags = nd_item_get_tags (item);
  guint position = 0;

  if (!(clear = _nd_store_prepare (self, "DELETE FROM item_tags WHERE item_id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (clear, 1, rowid);
  if (!_nd_store_step_done (self, clear, error))
    return NULL;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autoptr(NdStmt) upsert = NULL;
      g_autoptr(NdStmt) link = NULL;
      g_autofree char *key = nd_tag_key (tags[i]);
      g_autofree char *name = NULL;
      gboolean has_row;

      if (key == NULL)
        continue;

      name = nd_tag_normalize (tags[i]);

      /* The spelling first written stays the tag's name; DO UPDATE (a
       * no-op) rather than DO NOTHING so RETURNING gives the id either way. */
      if (!(upsert = _nd_store_prepare (self,
                                        "INSERT INTO tags (key, name) VALUES (?1, ?2) "
                                        "ON CONFLICT (key) DO UPDATE SET key = excluded.key "
                                        "RETURNING id, name",
                                        error)))
        return NULL;
      _nd_store_bind_text (upsert, 1, key);
      _nd_store_bind_text (upsert, 2, name);
      if (!_nd_store_step_row (self, upsert, &has_row, error))
        return NULL;
      g_assert (has_row);

      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, _nd_store_column_text (upsert, 1));

      if (!(link = _nd_store_prepare (self,
                                      "INSERT OR IGNORE INTO item_tags (item_id, tag_id, position) "
                                      "VALUES (?1, ?2, ?3)",
                                      error)))
        return NULL;
      sqlite3_bind_int64 (link, 1, rowid);
      sqlite3_bind_int64 (link, 2, sqlite3_column_int64 (upsert, 0));
      sqlite3_bind_int64 (link, 3, position++);
      if (!_nd_store_step_done (self, link, error))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The ids of the images the item uses now, before they are rewritten. */
static GArray *
read_image_ids (NdStore  *self,
                gint64    rowid,
                GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self, "SELECT image_id FROM item_images WHERE item_id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);

  for (;;)
    {
      gint64 id;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

static gboolean
array_contains (GArray *ids,
                gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Deletes those of @ids that no item uses any more. */
static gboolean
delete_orphan_images (NdStore  *self,
                      GArray   *ids,
                      GError  **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(NdStmt) stmt = NULL;

      if (!(stmt = _nd_store_prepare (self,
                                      "DELETE FROM images WHERE id = ?1 AND NOT EXISTS "
                                      "(SELECT 1 FROM item_images WHERE image_id = ?1)",
                                      error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!_nd_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_image_metadata (sqlite3_stmt *stmt,
                     NdImage      *image)
{
  /* ?3 … ?11 in both image statements. */
  _nd_store_bind_text (stmt, 3, nd_image_get_mime_type (image));
  sqlite3_bind_int64 (stmt, 4, (gint64)nd_image_get_size (image));
  sqlite3_bind_int64 (stmt, 5, nd_image_get_width (image));
  sqlite3_bind_int64 (stmt, 6, nd_image_get_height (image));
  _nd_store_bind_text (stmt, 7, nd_image_get_credit (image));
  _nd_store_bind_text (stmt, 8, nd_image_get_creator (image));
  _nd_store_bind_text (stmt, 9, nd_image_get_copyright (image));
  _nd_store_bind_text (stmt, 10, nd_image_get_license (image));
  _nd_store_bind_text (stmt, 11, nd_image_get_source (image));
}

/* A file is stored once, found by its SHA-256. Its creator, copyright,
 * licence and source describe the file, so the last save wins for every
 * item using it. Its credit is only the library's default for the next
 * use (each use keeps its own in item_images: a credit is a legal
 * statement and never changes on an item its editor did not touch). A
 * use's credit becomes the default when the library has none yet, or
 * when no other item uses the file, so that a correction made before the
 * file is reused is not lost; otherwise the default stays. */
static gint64
write_image_file (NdStore     *self,
                  NdImage     *image,
                  gint64       rowid,
                  const char  *now,
                  GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  GBytes *data = nd_image_get_data (image);
  gsize size = 0;
  const void *bytes = g_bytes_get_data (data, &size);
  gboolean has_row;

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT INTO images (sha256, data, mime, size, width, height, credit, "
                                  "  creator, copyright, license, source, created) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                  "ON CONFLICT (sha256) DO UPDATE SET mime = excluded.mime, "
                                  "  width = excluded.width, height = excluded.height, "
                                  "  credit = CASE WHEN images.credit = '' OR NOT EXISTS "
                                  "    (SELECT 1 FROM item_images ii WHERE ii.image_id = images.id "
                                  "       AND ii.item_id != ?13) "
                                  "    THEN excluded.credit ELSE images.credit END, "
                                  "  creator = excluded.creator, "
                                  "  copyright = excluded.copyright, license = excluded.license, "
                                  "  source = excluded.source "
                                  "RETURNING id",
                                  error)))
    return 0;

  _nd_store_bind_text (stmt, 1, nd_image_get_sha256 (image));
  if (size == 0)
    sqlite3_bind_zeroblob (stmt, 2, 0);
  else
    sqlite3_bind_blob64 (stmt, 2, bytes, size, SQLITE_STATIC);
  bind_image_metadata (stmt, image);
  _nd_store_bind_text (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, rowid);

  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return 0;
  g_assert (has_row);

  return sqlite3_column_int64 (stmt, 0);
}

/* A slot keeps its own row while this item uses it; a slot the item did
 * not have before (or one copied from another item) gets a new row. */
static gint64
write_image_slot (NdStore     *self,
                  NdImage     *image,
                  GArray      *old_ids,
                  const char  *now,
                  GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gint64 store_id = nd_image_get_store_id (image);

  if (store_id > 0 && array_contains (old_ids, store_id))
    {
      if (!(stmt = _nd_store_prepare (self,
                                      "UPDATE images SET mime = ?3, size = ?4, width = ?5, height = ?6, "
                                      "  credit = ?7, creator = ?8, copyright = ?9, license = ?10, "
                                      "  source = ?11 "
                                      "WHERE id = ?1 AND sha256 IS NULL",
                                      error)))
        return 0;

      sqlite3_bind_int64 (stmt, 1, store_id);
      bind_image_metadata (stmt, image);
      if (!_nd_store_step_done (self, stmt, error))
        return 0;
      if (sqlite3_changes (self->db) == 1)
        return store_id;
      g_clear_pointer (&stmt, _nd_stmt_release);
    }

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT INTO images (sha256, data, mime, size, width, height, credit, "
                                  "  creator, copyright, license, source, created) "
                                  "VALUES (NULL, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                  error)))
    return 0;

  bind_image_metadata (stmt, image);
  _nd_store_bind_text (stmt, 12, now);
  if (!_nd_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* Rewrites the item's images in order. Fills @new_ids with the store ids,
 * one per image, to be set on the NdImages once the transaction holds. */
static gboolean
write_images (NdStore     *self,
              NdItem      *item,
              gint64       rowid,
              const char  *now,
              GArray      *new_ids,
              GError     **error)
{
  g_autoptr(NdStmt) clear = NULL;
  g_autoptr(GArray) old_ids = NULL;
  guint n_images = nd_item_get_n_images (item);

  if (!(old_ids = read_image_ids (self, rowid, error)))
    return FALSE;

  if (!(clear = _nd_store_prepare (self, "DELETE FROM item_images WHERE item_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, rowid);
  if (!_nd_store_step_done (self, clear, error))
    return FALSE;

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(NdStmt) link = NULL;
      NdImage *image = nd_item_get_image (item, i);
      gint64 image_id;

      if (nd_image_has_data (image))
        image_id = write_image_file (self, image, rowid, now, error);
      else
        image_id = write_image_slot (self, image, old_ids, now, error);

      if (image_id == 0)
        return FALSE;

      if (!(link = _nd_store_prepare (self,
                                      "INSERT INTO item_images (item_id, image_id, role, position, alt, caption, credit) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                      error)))
        return FALSE;
      sqlite3_bind_int64 (link, 1, rowid);
      sqlite3_bind_int64 (link, 2, image_id);
      _nd_store_bind_text (link, 3, nd_image_role_to_key (nd_image_get_role (image)));
      sqlite3_bind_int64 (link, 4, i);
      _nd_store_bind_text (link, 5, nd_image_get_alt_text (image));
      _nd_store_bind_text (link, 6, nd_image_get_caption (image));
      _nd_store_bind_text (link, 7, nd_image_get_credit (image));
      if (!_nd_store_step_done (self, link, error))
        return FALSE;

      g_array_append_val (new_ids, image_id);
    }

  return delete_orphan_images (self, old_ids, error);
}

static gboolean
delete_fts_row (NdStore  *self,
                gint64    rowid,
                GError  **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  if (!(stmt = _nd_store_prepare (self, "DELETE FROM items_fts WHERE rowid = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);

  return _nd_store_step_done (self, stmt, error);
}

/* Whether the index holds exactly this text for @rowid already. */
static gboolean
fts_row_is (NdStore     *self,
            NdItem      *item,
            gint64       rowid,
            const char  *tags,
            gboolean    *same,
            GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean has_row;

  *same = FALSE;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT title, teaser, body, tags FROM items_fts WHERE rowid = ?1",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_nd_store_step_row (self, stmt, &has_row, error))
    return FALSE;

  *same = has_row &&
          g_strcmp0 (_nd_store_column_text (stmt, 0), nd_item_get_title (item)) == 0 &&
          g_strcmp0 (_nd_store_column_text (stmt, 1), nd_item_get_teaser (item)) == 0 &&
          g_strcmp0 (_nd_store_column_text (stmt, 2), nd_item_get_body (item)) == 0 &&
          g_strcmp0 (_nd_store_column_text (stmt, 3), tags) == 0;

  return TRUE;
}

static gboolean
write_fts_row (NdStore     *self,
               NdItem      *item,
               gint64       rowid,
               const char  *tags,
               GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  gboolean same;

  /* Re-indexing costs more than the rest of a save (every prefix length
   * of every word): a save that changed no indexed text (a status, a
   * date, a publication) leaves the index alone. */
  if (!fts_row_is (self, item, rowid, tags, &same, error))
    return FALSE;
  if (same)
    return TRUE;

  if (!delete_fts_row (self, rowid, error))
    return FALSE;

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT INTO items_fts (rowid, title, teaser, body, tags) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  _nd_store_bind_text (stmt, 2, nd_item_get_title (item));
  _nd_store_bind_text (stmt, 3, nd_item_get_teaser (item));
  _nd_store_bind_text (stmt, 4, nd_item_get_body (item));
  _nd_store_bind_text (stmt, 5, tags);

  return _nd_store_step_done (self, stmt, error);
}

static gboolean
write_revision (NdStore           *self,
                gint64             rowid,
                guint              number,
                NdRevisionReason   reason,
                const char        *created,
                const char        *snapshot,
                GError           **error)
{
  g_autoptr(NdStmt) stmt = NULL;

  if (!(stmt = _nd_store_prepare (self,
                                  "INSERT INTO revisions (item_id, number, reason, created, snapshot) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_int64 (stmt, 2, number);
  _nd_store_bind_text (stmt, 3, nd_revision_reason_to_key (reason));
  _nd_store_bind_text (stmt, 4, created);
  _nd_store_bind_text (stmt, 5, snapshot);

  return _nd_store_step_done (self, stmt, error);
}

/* Tags, images and the index: the part of a save that follows the row. */
static gboolean
write_item_parts (NdStore     *self,
                  NdItem      *item,
                  gint64       rowid,
                  const char  *now,
                  GArray      *image_ids,
                  GError     **error)
{
  g_autofree char *tags = NULL;

  if (!(tags = write_tags (self, item, rowid, error)))
    return FALSE;

  if (!write_images (self, item, rowid, now, image_ids, error))
    return FALSE;

  return write_fts_row (self, item, rowid, tags, error);
}

static void
set_image_store_ids (NdItem *item,
                     GArray *image_ids)
{
  g_assert (image_ids->len == nd_item_get_n_images (item));

  for (guint i = 0; i < image_ids->len; i++)
    nd_image_set_store_id (nd_item_get_image (item, i),
                           g_array_index (image_ids, gint64, i));
}

gboolean
nd_store_save_item (NdStore           *self,
                    NdItem            *item,
                    NdRevisionReason   reason,
                    GError           **error)
{
  g_auto(Existing) existing = { 0 };
  g_autoptr(GDateTime) old_created = NULL;
  g_autoptr(GDateTime) old_updated = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GArray) image_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now_text = NULL;
  g_autofree char *created_text = NULL;
  guint old_revision;
  guint revision;
  gint64 rowid;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (ND_IS_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_item (item, error))
    return FALSE;

  if (!_nd_store_begin (self, error))
    return FALSE;

  old_revision = nd_item_get_revision (item);
  if (nd_item_get_created (item) != NULL)
    old_created = g_date_time_ref (nd_item_get_created (item));
  if (nd_item_get_updated (item) != NULL)
    if (nd_item_get_updated (item) != NULL)
    old_updated = g_date_time_ref (nd_item_get_updated (item));

  if (!lookup_existing (self, nd_item_get_id (item), &existing, error))
    goto failed;

  now = g_date_time_new_now_utc ();
  now_text = _nd_store_format_timestamp (now);

  /* The store's counter wins over the item's: another copy of the item may
   * have been saved since this one was loaded. */
  revision = MAX (existing.revision, existing.max_number);
  if (reason != ND_REVISION_REASON_NONE)
    revision++;

  if (existing.created != NULL)
    created = _nd_store_parse_timestamp (existing.created);
  else if (old_created != NULL)
    created = g_date_time_ref (old_created);
  if (created == NULL)
    created = g_date_time_ref (now);
  created_text = _nd_store_format_timestamp (created);

  /* Set before the snapshot is taken, so that it is the saved state. */
  nd_item_set_revision (item, revision);
  nd_item_set_updated (item, now);
  nd_item_set_created (item, created);

  rowid = existing.rowid;
  if (!write_item_row (self, item, &rowid, created_text, now_text, revision, error) ||
      !write_item_parts (self, item, rowid, now_text, image_ids, error))
    goto failed;

  if (reason != ND_REVISION_REASON_NONE)
    {
      g_autofree char *snapshot = nd_item_to_json_string (item, ND_ITEM_JSON_NONE, FALSE);

      if (!write_revision (self, rowid, revision, reason, now_text, snapshot, error))
        goto failed;
    }

  if (!_nd_store_commit (self, error))
    goto failed;

  set_image_store_ids (item, image_ids);
  _nd_store_announce_change (self, nd_item_get_id (item),
                             existing.rowid == 0 ? ND_STORE_CHANGE_ADDED : ND_STORE_CHANGE_MODIFIED);

  return TRUE;

failed:
  _nd_store_rollback (self);
  nd_item_set_revision (item, old_revision);
  nd_item_set_updated (item, old_updated);
  nd_item_set_created (item, old_created);

  return FALSE;
}

/* The store's copy is still the one @item was read from: nothing was
 * saved since, not even an autosave (which keeps the revision). */
static gboolean
is_current_copy (NdItem         *item,
                 const Existing *existing)
{
  g_autofree char *updated = _nd_store_format_timestamp (nd_item_get_updated (item));

  return existing->revision == nd_item_get_revision (item) &&
         g_strcmp0 (existing->updated, updated) == 0;
}

gboolean
_nd_store_save_status (NdStore           *self,
                       NdItem            *item,
                       NdItemStatus       status,
                       NdRevisionReason   reason,
                       gboolean          *was_current,
                       GError           **error)
{
  g_auto(Existing) existing = { 0 };
  g_autoptr(NdItem) fresh = NULL;
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr(GDateTime) old_updated = NULL;
  g_autofree char *snapshot = NULL;
  NdItemStatus old_status;
  guint revision;

  g_assert (ND_IS_STORE (self));
  g_assert (ND_IS_ITEM (item));
  g_assert (reason != ND_REVISION_REASON_NONE);

  if (!_nd_store_begin (self, error))
    return FALSE;

  if (!lookup_existing (self, nd_item_get_id (item), &existing, error))
    goto failed;
  if (existing.rowid == 0)
    {
      set_not_found (nd_item_get_id (item), error);
      goto failed;
    }

  /* Only the status changes, so the row is updated in place and the tags,
   * images and index are left as they are. The snapshot needs the whole
   * item: the caller's copy when nothing was saved since it was read, else
   * the store's (an edit made meanwhile is kept, not overwritten). */
  *was_current = is_current_copy (item, &existing);
  if (!*was_current)
    {
      if (!(fresh = nd_store_load_item (self, nd_item_get_id (item), error)))
        goto failed;
      item = fresh;
    }

  now = g_date_time_new_now_utc ();
  now_text = _nd_store_format_timestamp (now);
  revision = MAX (existing.revision, existing.max_number) + 1;

  if (!(stmt = _nd_store_prepare (self,
                                  "UPDATE items SET status = ?2, updated = ?3, revision = ?4 "
                                  "WHERE rowid = ?1",
                                  error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, existing.rowid);
  _nd_store_bind_text (stmt, 2, nd_item_status_to_key (status));
  _nd_store_bind_text (stmt, 3, now_text);
  sqlite3_bind_int64 (stmt, 4, revision);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  old_status = nd_item_get_status (item);
  if (nd_item_get_updated (item) != NULL)
    old_updated = g_date_time_ref (nd_item_get_updated (item));
  nd_item_set_status (item, status);
  nd_item_set_revision (item, revision);
  nd_item_set_updated (item, now);
  snapshot = nd_item_to_json_string (item, ND_ITEM_JSON_NONE, FALSE);
  if (!write_revision (self, existing.rowid, revision, reason, now_text, snapshot, error) ||
      !_nd_store_commit (self, error))
    {
      /* As it was read: the caller may try again with it. */
      nd_item_set_status (item, old_status);
      nd_item_set_revision (item, existing.revision);
      nd_item_set_updated (item, old_updated);
      goto failed;
    }

  _nd_store_announce_change (self, nd_item_get_id (item), ND_STORE_CHANGE_MODIFIED);

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

/* Writes one item of an import inside the caller's transaction. */
static gboolean
import_one (NdStore     *self,
            NdItem      *item,
            GPtrArray   *revisions,
            gboolean     replace,
            const char  *now_text,
            GArray      *image_ids,
            gboolean    *existed,
            GError     **error)
{
  g_auto(Existing) existing = { 0 };
  g_autofree char *created_text = NULL;
  g_autofree char *updated_text = NULL;
  gint64 rowid;

  if (!lookup_existing (self, nd_item_get_id (item), &existing, error))
    return FALSE;

  if (existing.rowid != 0 && !replace)
    {
      g_set_error (error, ND_STORE_ERROR, ND_STORE_ERROR_EXISTS,
                   _("An item with the id “%s” is already there"),
                   nd_item_get_id (item));
      return FALSE;
    }

  *existed = existing.rowid != 0;
  created_text = _nd_store_format_timestamp (nd_item_get_created (item));
  updated_text = _nd_store_format_timestamp (nd_item_get_updated (item));

  /* Replacing keeps the row (and with it the item's publication state on
   * the targets); only its content and its revisions are replaced. */
  rowid = existing.rowid;
  if (!write_item_row (self, item, &rowid,
                       created_text != NULL ? created_text : now_text,
                       updated_text != NULL ? updated_text : now_text,
                       nd_item_get_revision (item), error) ||
      !write_item_parts (self, item, rowid, now_text, image_ids, error))
    return FALSE;

  if (existing.rowid != 0)
    {
      g_autoptr(NdStmt) stmt = NULL;

      if (!(stmt = _nd_store_prepare (self, "DELETE FROM revisions WHERE item_id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!_nd_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      NdRevision *revision = g_ptr_array_index (revisions, i);
      g_autofree char *created = _nd_store_format_timestamp (nd_revision_get_created (revision));

      if (!write_revision (self, rowid,
                           nd_revision_get_number (revision),
                           nd_revision_get_reason (revision),
                           created != NULL ? created : now_text,
                           nd_revision_get_snapshot (revision),
                           error))
        return FALSE;
    }

  return TRUE;
}

gboolean
nd_store_import_items (NdStore    *self,
                       GPtrArray  *items,
                       GPtrArray  *revisions,
                       gboolean    replace,
                       GError    **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) image_ids = NULL;
  g_autoptr(GArray) existed = NULL;
  g_autofree char *now_text = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (revisions == NULL || revisions->len == items->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      if (!check_item (g_ptr_array_index (items, i), error))
        return FALSE;
    }

  now = g_date_time_new_now_utc ();
  now_text = _nd_store_format_timestamp (now);
  image_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  existed = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), items->len);
  g_array_set_size (existed, items->len);

  if (!_nd_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_ptr_array_add (image_ids, ids);
      if (!import_one (self, g_ptr_array_index (items, i),
                       revisions != NULL ? g_ptr_array_index (revisions, i) : NULL,
                       replace, now_text, ids,
                       &g_array_index (existed, gboolean, i), error))
        {
          _nd_store_rollback (self);
          return FALSE;
        }
    }

  if (!_nd_store_commit (self, error))
    {
      _nd_store_rollback (self);
      return FALSE;
    }

  /* Only a committed import touches the objects. */
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *item = g_ptr_array_index (items, i);

      if (nd_item_get_created (item) == NULL)
        nd_item_set_created (item, now);
      if (nd_item_get_updated (item) == NULL)
        nd_item_set_updated (item, now);
      set_image_store_ids (item, g_ptr_array_index (image_ids, i));
    }

  for (guint i = 0; i < items->len; i++)
    _nd_store_announce_change (self, nd_item_get_id (g_ptr_array_index (items, i)),
                               g_array_index (existed, gboolean, i) ? ND_STORE_CHANGE_MODIFIED
                                                                     : ND_STORE_CHANGE_ADDED);

  return TRUE;
}

gboolean
nd_store_import_item (NdStore    *self,
                      NdItem     *item,
                      GPtrArray  *revisions,
                      gboolean    replace,
                      GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) all_revisions = g_ptr_array_new ();

  g_return_val_if_fail (ND_IS_ITEM (item), FALSE);

  g_ptr_array_add (items, item);
  g_ptr_array_add (all_revisions, revisions);

  return nd_store_import_items (self, items, all_revisions, replace, error);
}

gboolean
nd_store_delete_item (NdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_auto(Existing) existing = { 0 };
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GArray) image_ids = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (ND_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(uuid = nd_store_resolve_id (self, id, error)))
    return FALSE;

  if (!_nd_store_begin (self, error))
    return FALSE;

  if (!lookup_existing (self, uuid, &existing, error))
    goto failed;

  if (existing.rowid == 0)
    {
      set_not_found (id, error);
      goto failed;
    }

  if (!(image_ids = read_image_ids (self, existing.rowid, error)))
    goto failed;

  /* Tags, images links, revisions and remote state go with the row. */
  if (!(stmt = _nd_store_prepare (self, "DELETE FROM items WHERE rowid = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, existing.rowid);
  if (!_nd_store_step_done (self, stmt, error))
    goto failed;

  if (!delete_fts_row (self, existing.rowid, error) ||
      !delete_orphan_images (self, image_ids, error) ||
      !_nd_store_commit (self, error))
    goto failed;

  _nd_store_announce_change (self, uuid, ND_STORE_CHANGE_REMOVED);

  return TRUE;

failed:
  _nd_store_rollback (self);
  return FALSE;
}

GPtrArray *
nd_store_list_revisions (NdStore     *self,
                         const char  *item_id,
                         GError     **error)
{
  g_autoptr(NdStmt) stmt = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *uuid = NULL;
  gboolean has_row;

  g_return_val_if_fail (ND_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(uuid = nd_store_resolve_id (self, item_id, error)))
    return NULL;

  if (!(stmt = _nd_store_prepare (self,
                                  "SELECT r.number, r.reason, r.created, r.snapshot "
                                  "FROM revisions r JOIN items i ON i.rowid = r.item_id "
                                  "WHERE i.uuid = ?1 ORDER BY r.number",
                                  error)))
    return NULL;

  _nd_store_bind_text (stmt, 1, uuid);
  revisions = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      g_autoptr(GDateTime) created = NULL;
      NdRevisionReason reason = ND_REVISION_REASON_EDIT;

      if (!_nd_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      nd_revision_reason_from_key (_nd_store_column_text (stmt, 1), &reason);
      created = _nd_store_parse_timestamp (_nd_store_column_text (stmt, 2));
      g_ptr_array_add (revisions,
                       nd_revision_new ((guint)sqlite3_column_int64 (stmt, 0),
                                        reason, created, _nd_store_column_text (stmt, 3)));
    }

  return g_steal_pointer (&revisions);
}
