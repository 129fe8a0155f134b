/* nd-store.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-kinds.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_STORE_ERROR (nd_store_error_quark ())

/* Every message carried by an ND_STORE_ERROR is translated and fit to be
 * shown to an editor as it is. */
typedef enum
{
  ND_STORE_ERROR_FAILED,          /* anything SQLite reports that is not below */
  ND_STORE_ERROR_NOT_A_DATABASE,  /* the file exists but is no SQLite database */
  ND_STORE_ERROR_TOO_NEW,         /* made by a newer Newsdesk (user_version > ours) */
  ND_STORE_ERROR_LOCKED,          /* another program holds the database */
  ND_STORE_ERROR_READ_ONLY,       /* the file or its folder cannot be written */
  ND_STORE_ERROR_NOT_FOUND,       /* no item with that id or prefix */
  ND_STORE_ERROR_AMBIGUOUS,       /* an id prefix that fits several items */
  ND_STORE_ERROR_EXISTS,          /* inserting an id that is already there */
  ND_STORE_ERROR_INVALID,         /* a value the schema refuses */
} NdStoreError;

/* The number of the newest schema this build knows (PRAGMA user_version). */
#define ND_STORE_SCHEMA_VERSION 4

#define ND_TYPE_STORE (nd_store_get_type ())

G_DECLARE_FINAL_TYPE (NdStore, nd_store, ND, STORE, GObject)

/* A filter for nd_store_list_items(). Fields left at their zero value
 * (NULL, or the ND_STORE_ANY constant) do not filter. */
#define ND_STORE_ANY (-1)

typedef struct
{
  int         status;  /* an NdItemStatus, or ND_STORE_ANY */
  int         kind;    /* an NdItemKind, or ND_STORE_ANY */
  const char *tag;     /* any spelling of a tag, or NULL */
  guint       offset;
  guint       limit;   /* 0: no limit */
} NdStoreFilter;

#define ND_STORE_FILTER_INIT { ND_STORE_ANY, ND_STORE_ANY, NULL, 0, 0 }

GQuark      nd_store_error_quark        (void);

/* $NEWSDESK_DB if set, else $XDG_DATA_HOME/newsdesk/newsdesk.db. (transfer full) */
char       *nd_store_dup_default_path   (void);

/* How nd_store_open_full() may open a database. */
typedef enum
{
  ND_STORE_OPEN_DEFAULT         = 0,
  /* A database that cannot be written (its file or its folder) is opened
   * read-only instead of refused: for the commands that only read. Every
   * write then fails with ND_STORE_ERROR_READ_ONLY. */
  ND_STORE_OPEN_ALLOW_READ_ONLY = 1 << 0,
} NdStoreOpenFlags;

/* Opens (creating if missing, with its folder) and migrates the database
 * at @path; ":memory:" gives a private in-memory store. The migration to
 * the current schema runs in one transaction. A database that cannot be
 * written is refused (ND_STORE_ERROR_READ_ONLY): an editor must not accept
 * edits it can never save. (transfer full) */
NdStore    *nd_store_open               (const char        *path,
                                         GError           **error);
/* The same, with @flags. (transfer full) */
NdStore    *nd_store_open_full          (const char        *path,
                                         NdStoreOpenFlags   flags,
                                         GError           **error);
/* TRUE when the store was opened read-only (ND_STORE_OPEN_ALLOW_READ_ONLY). */
gboolean    nd_store_is_read_only       (NdStore           *self);
const char *nd_store_get_path           (NdStore           *self);
int         nd_store_get_schema_version (NdStore           *self);

/* Resolves a full UUID or a unique prefix of one. (transfer full) */
char       *nd_store_resolve_id         (NdStore           *self,
                                         const char        *id_or_prefix,
                                         GError           **error);

/* Loads the whole item: fields, tags, images with their bytes. (transfer full) */
NdItem     *nd_store_load_item          (NdStore           *self,
                                         const char        *id_or_prefix,
                                         GError           **error);

/* Writes @item in one transaction: inserts it if its id is new, else
 * updates it; tags, images (deduplicated by SHA-256) and the search index
 * follow. Sets "created" (first save), "updated" and the images'
 * "store-id" on @item. Unless @reason is ND_REVISION_REASON_NONE, the
 * revision counter goes up and a snapshot is recorded. */
gboolean    nd_store_save_item          (NdStore           *self,
                                         NdItem            *item,
                                         NdRevisionReason   reason,
                                         GError           **error);

/* Inserts an item from an export with its revisions (element-type
 * NdRevision, may be NULL or empty) as they are, keeping id, revision
 * number and timestamps. If the id exists: ND_STORE_ERROR_EXISTS, unless
 * @replace, in which case the old item and its revisions are replaced. */
gboolean    nd_store_import_item        (NdStore           *self,
                                         NdItem            *item,
                                         GPtrArray         *revisions,
                                         gboolean           replace,
                                         GError           **error);

/* The same for several items (element-type NdItem) and, in the same
 * order, their revisions (element-type GPtrArray of NdRevision; the
 * array itself or its entries may be NULL), in ONE transaction: all go
 * in, or none does. */
gboolean    nd_store_import_items       (NdStore           *self,
                                         GPtrArray         *items,
                                         GPtrArray         *revisions,
                                         gboolean           replace,
                                         GError           **error);

gboolean    nd_store_delete_item        (NdStore           *self,
                                         const char        *id,
                                         GError           **error);

/* Items (element-type NdItem, with tags, without body and images)
 * newest date first. (transfer container) */
GPtrArray  *nd_store_list_items         (NdStore           *self,
                                         const NdStoreFilter *filter,
                                         GError           **error);
guint       nd_store_count_items        (NdStore           *self,
                                         const NdStoreFilter *filter,
                                         GError           **error);

/* How many of the most recently added matches a search ranks; see
 * nd_store_search(). */
#define ND_STORE_RANK_WINDOW 1000

/* Full-text search over title, teaser, body and tags. Any text is a valid
 * query (see nd-search-query.h); an empty query finds nothing. Best match
 * first (weighted bm25, title first) among the ND_STORE_RANK_WINDOW most
 * recently added matches, which is all of them for any query narrower
 * than that; older matches follow, newest first. @limit 0: no limit.
 * (element-type NdItem) (transfer container) */
GPtrArray  *nd_store_search             (NdStore           *self,
                                         const char        *text,
                                         guint              limit,
                                         GError           **error);

/* (element-type NdRevision), oldest first. (transfer container) */
GPtrArray  *nd_store_list_revisions     (NdStore           *self,
                                         const char        *item_id,
                                         GError           **error);

/* For the window (editor-window issue) ----------------------------------
 *
 * Signals:
 *   NdStore::item-changed (const char *id, NdStoreChange change)
 *     emitted on the thread that wrote, after the transaction committed,
 *     once per item saved, imported or deleted through this NdStore. */

typedef enum
{
  ND_STORE_CHANGE_ADDED,
  ND_STORE_CHANGE_MODIFIED,
  ND_STORE_CHANGE_REMOVED,
} NdStoreChange;

#define ND_TYPE_STORE_CHANGE (nd_store_change_get_type ())

GType       nd_store_change_get_type    (void);

/* Item counts for the sidebar. */
typedef struct
{
  guint total;
  guint by_status[ND_ITEM_STATUS_WITHDRAWN + 1];
  guint by_kind[ND_ITEM_KIND_PUBLICATION + 1];
} NdStoreCounts;

gboolean    nd_store_get_counts         (NdStore           *self,
                                         NdStoreCounts     *counts,
                                         GError           **error);

/* A tag with the number of items that use it. */
typedef struct
{
  char  *name;   /* as first written */
  char  *key;    /* nd_tag_key() */
  guint  count;
} NdTagUsage;

void        nd_tag_usage_free           (NdTagUsage        *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdTagUsage, nd_tag_usage_free)

/* Tags in use (count > 0), most used first, then by name; those whose key
 * starts with nd_tag_key (@prefix) when @prefix is not NULL or empty.
 * @limit 0: all. (element-type NdTagUsage) (transfer full) */
GPtrArray  *nd_store_list_tags          (NdStore           *self,
                                         const char        *prefix,
                                         guint              limit,
                                         GError           **error);

/* The lazy list: the ordered row handles of the items matching @filter
 * (with its offset and limit; limit 0: all), in nd_store_list_items()
 * order, read from the indexes only; 100,000 items are 800 KB.
 * (element-type gint64) (transfer full) */
GArray     *nd_store_list_handles       (NdStore           *self,
                                         const NdStoreFilter *filter,
                                         GError           **error);
/* The same for a search, best match first (@limit 0: all matches). */
GArray     *nd_store_search_handles     (NdStore           *self,
                                         const char        *text,
                                         guint              limit,
                                         GError           **error);
/* The same in steps, for a list that shows the best matches at once and
 * reads the rest while it is shown: the ranked window, best first, then
 * the matches added before a handle (the oldest of what was read so far),
 * newest first, @limit at a time (0: all). The two together give
 * nd_store_search_handles()'s order. (element-type gint64) (transfer full) */
GArray     *nd_store_search_handles_ranked (NdStore        *self,
                                            const char     *text,
                                            GError        **error);
GArray     *nd_store_search_handles_before (NdStore        *self,
                                            const char     *text,
                                            gint64          before,
                                            guint           limit,
                                            GError        **error);
/* Items (as nd_store_list_items() returns them: fields and tags, no body)
 * for @n handles, in the same order, each with its lead image as file
 * information only (SHA-256, type, size, dimensions, "store-id"; no bytes,
 * no credit), for a thumbnail; a handle whose item is gone gives no entry.
 * (element-type NdItem) (transfer container) */
GPtrArray  *nd_store_load_summaries     (NdStore           *self,
                                         const gint64      *handles,
                                         guint              n,
                                         GError           **error);
/* The handle of an item id (full UUID), or 0. */
gint64      nd_store_get_handle         (NdStore           *self,
                                         const char        *id);

/* Images (images-and-credits issue) -------------------------------------
 *
 * The files live in the images table, one row per SHA-256, with the
 * file's creator, copyright, licence and source, and a default credit;
 * an item's uses (role, position, alt text, caption and credit) in
 * item_images. The credit belongs to the use, as alt text and caption
 * do: setting it on one item never changes another. The library's
 * credit is only the default for the next use (see write_image_file ()
 * in nd-store.c for when a use's credit becomes the default). Which fields
 * came from a file's metadata is not stored apart: the file is, so
 * nd_image_file_match_metadata() finds it out again exactly, and an
 * edited field can never keep a stale "from the file" mark. */

/* An image of the library: the file with its use count. */
typedef struct
{
  NdImage *image;   /* store id, SHA-256, MIME type, size, dimensions,
                     * default credit, creator, copyright, licence,
                     * source; the alt text and caption of its latest
                     * use; no bytes (nd_store_load_image_by_id() has
                     * them) */
  guint    n_uses;  /* the number of items that use it */
} NdImageUsage;

void        nd_image_usage_free         (NdImageUsage      *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdImageUsage, nd_image_usage_free)

/* The image library: every stored file (not the slots), newest first.
 * With a @query (may be NULL or empty), only those where each of its
 * words occurs (case-insensitive) in the default credit, creator,
 * copyright, source, or the alt text, caption or credit of a use, or
 * which start with it as a SHA-256 prefix. @limit 0: all.
 * (element-type NdImageUsage) (transfer full) */
GPtrArray  *nd_store_list_images        (NdStore           *self,
                                         const char        *query,
                                         guint              limit,
                                         GError           **error);

/* A stored file with its bytes and its file fields (default credit,
 * creator, copyright, licence, source); alt text and caption are left
 * empty, as they belong to a use. To place it in an item as a new use,
 * clear its fields first (nd_image_clear_fields ()) and let
 * nd_store_place_image () fill them. By a SHA-256 prefix of at least
 * ND_IMAGE_REFERENCE_MIN_PREFIX hex digits (ND_STORE_ERROR_AMBIGUOUS when
 * it fits several), or by store id. (transfer full) */
NdImage    *nd_store_load_image         (NdStore           *self,
                                         const char        *sha256_prefix,
                                         GError           **error);
NdImage    *nd_store_load_image_by_id   (NdStore           *self,
                                         gint64             store_id,
                                         GError           **error);

/* The one place where a new use of an image gets its fields, for the
 * window (which saves the item itself) and the command line (through
 * nd_store_attach_image ()). Puts @image (with bytes: from
 * nd_image_file_load*() or a library image with its fields cleared) into
 * @item as nd_image_file_attach () does; nothing is saved. Each field
 * then takes the first non-empty of: @image's own (what the user gave),
 * the slot's, the library's (for a file stored already: its default
 * credit and file fields, and the alt text and caption of its latest
 * use), the file's IPTC/XMP (@metadata, or read here when NULL; a worker
 * thread may have read it). "from-file" of the result marks the fields
 * whose value is the file's own (as nd_image_file_match_metadata () will
 * find again). @flags are NdImageAttachFlags. On error @item is as it
 * was. Returns the image as it is now in @item. (transfer none) */
NdImage    *nd_store_place_image        (NdStore                *self,
                                         NdItem                 *item,
                                         NdImage                *image,
                                         guint                   flags,
                                         const NdImageMetadata  *metadata,
                                         GError                **error);

/* Loads the item, places @image in it (nd_store_place_image ()) and saves
 * it as one revision (reason EDIT), in one transaction; on any error
 * nothing is stored. Returns the image as it is now in the item.
 * (transfer full) */
NdImage    *nd_store_attach_image       (NdStore           *self,
                                         const char        *item_id,
                                         NdImage           *image,
                                         guint              flags,
                                         GError           **error);

/* Targets (publishing issue) --------------------------------------------
 *
 * CMS accounts (nd-target.h). The password of a target is never stored
 * here: it lives in the keyring (src/publish/nd-credentials.h). Each write
 * is one transaction. Targets are listed and looked up by name, exactly
 * as written (names are compared byte for byte). */

typedef struct _NdTarget NdTarget;

/* Stores a new target after nd_target_validate(), with its URL in the
 * normal form of nd_target_normalize_url() (which is set on @target, as
 * are "store-id" and "created"). ND_STORE_ERROR_EXISTS if the name is
 * taken, ND_STORE_ERROR_INVALID (with the target's own message) if it is
 * not valid. */
gboolean    nd_store_add_target         (NdStore           *self,
                                         NdTarget          *target,
                                         GError           **error);
/* Writes a stored target (found by its "store-id"; a rename is allowed)
 * with the same checks. ND_STORE_ERROR_NOT_FOUND if it is gone,
 * ND_STORE_ERROR_EXISTS if the new name is another target's. */
gboolean    nd_store_update_target      (NdStore           *self,
                                         NdTarget          *target,
                                         GError           **error);
/* Removes the target named @name with everything the store knows about
 * it on that CMS: remote ids of items, tags and media, and its outbox
 * jobs (the schema cascades). ND_STORE_ERROR_NOT_FOUND if there is none. */
gboolean    nd_store_remove_target      (NdStore           *self,
                                         const char        *name,
                                         GError           **error);
/* All targets, by name. (element-type NdTarget) (transfer container) */
GPtrArray  *nd_store_list_targets       (NdStore           *self,
                                         GError           **error);
/* The target named @name, or ND_STORE_ERROR_NOT_FOUND. (transfer full) */
NdTarget   *nd_store_lookup_target      (NdStore           *self,
                                         const char        *name,
                                         GError           **error);

G_END_DECLS
