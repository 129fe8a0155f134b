/* nd-item.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-enum-types.h"
#include "nd-kinds.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ITEM (nd_item_get_type ())

G_DECLARE_FINAL_TYPE (NdItem, nd_item, ND, ITEM, GObject)

/* NdItem is one news item as the editor and the command line see it: a
 * plain value object with properties. It never talks to the database;
 * NdStore loads and saves it.
 *
 * Properties (all with notify, G_PARAM_EXPLICIT_NOTIFY):
 *   "id"          string, a UUID; a new item gets a fresh random one
 *   "kind"        NdItemKind (default ND_ITEM_KIND_NEWS)
 *   "status"      NdItemStatus (default ND_ITEM_STATUS_DRAFT)
 *   "language"    string, BCP 47 ("de", "en"; default "en")
 *   "title", "teaser", "body" (CommonMark), "slug", "author": strings,
 *                 never NULL (empty string when unset)
 *   "date"        string, ISO 8601: "2024-05-14" or a date and time with
 *                 offset ("2024-05-14T09:30:00+02:00"); NULL when unset
 *   "created", "updated"  GDateTime (UTC), NULL until first saved
 *   "revision"    guint, the number of the last revision recorded (0: none)
 *   "tags"        GStrv, in the item's order, spelled as first written
 *   "n-images"    guint, read-only
 */

NdItem             *nd_item_new              (void);

const char         *nd_item_get_id           (NdItem             *self);
void                nd_item_set_id           (NdItem             *self,
                                              const char         *id);
NdItemKind          nd_item_get_kind         (NdItem             *self);
void                nd_item_set_kind         (NdItem             *self,
                                              NdItemKind          kind);
NdItemStatus        nd_item_get_status       (NdItem             *self);
void                nd_item_set_status       (NdItem             *self,
                                              NdItemStatus        status);
const char         *nd_item_get_language     (NdItem             *self);
void                nd_item_set_language     (NdItem             *self,
                                              const char         *language);
const char         *nd_item_get_title        (NdItem             *self);
void                nd_item_set_title        (NdItem             *self,
                                              const char         *title);
const char         *nd_item_get_teaser       (NdItem             *self);
void                nd_item_set_teaser       (NdItem             *self,
                                              const char         *teaser);
const char         *nd_item_get_body         (NdItem             *self);
void                nd_item_set_body         (NdItem             *self,
                                              const char         *body);
const char         *nd_item_get_slug         (NdItem             *self);
void                nd_item_set_slug         (NdItem             *self,
                                              const char         *slug);
const char         *nd_item_get_author       (NdItem             *self);
void                nd_item_set_author       (NdItem             *self,
                                              const char         *author);
const char         *nd_item_get_date         (NdItem             *self);
void                nd_item_set_date         (NdItem             *self,
                                              const char         *date);
GDateTime          *nd_item_get_created      (NdItem             *self);
void                nd_item_set_created      (NdItem             *self,
                                              GDateTime          *created);
GDateTime          *nd_item_get_updated      (NdItem             *self);
void                nd_item_set_updated      (NdItem             *self,
                                              GDateTime          *updated);
guint               nd_item_get_revision     (NdItem             *self);
void                nd_item_set_revision     (NdItem             *self,
                                              guint               revision);

/* Tags: unique by nd_tag_key(); the first spelling wins. */
const char * const *nd_item_get_tags         (NdItem             *self);
void                nd_item_set_tags         (NdItem             *self,
                                              const char * const *tags);
gboolean            nd_item_add_tag          (NdItem             *self,
                                              const char         *tag);
gboolean            nd_item_remove_tag       (NdItem             *self,
                                              const char         *tag);
gboolean            nd_item_has_tag          (NdItem             *self,
                                              const char         *tag);

/* Images in order; the array owns them. */
guint               nd_item_get_n_images     (NdItem             *self);
NdImage            *nd_item_get_image        (NdItem             *self,
                                              guint               position);
void                nd_item_add_image        (NdItem             *self,
                                              NdImage            *image);
void                nd_item_insert_image     (NdItem             *self,
                                              guint               position,
                                              NdImage            *image);
void                nd_item_remove_image     (NdItem             *self,
                                              guint               position);
void                nd_item_clear_images     (NdItem             *self);
/* The first image with role ND_IMAGE_ROLE_LEAD, or NULL. (transfer none) */
NdImage            *nd_item_get_lead_image   (NdItem             *self);

/* A deep copy with the same id (images copied too). (transfer full) */
NdItem             *nd_item_copy             (NdItem             *self);

G_END_DECLS
