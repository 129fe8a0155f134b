/* nd-tag-entry.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_TAG_ENTRY (nd_tag_entry_get_type ())

G_DECLARE_FINAL_TYPE (NdTagEntry, nd_tag_entry, ND, TAG_ENTRY, GtkWidget)

/* The tags of an item as chips, followed by an entry that completes from
 * the tags already in the store (most used first). Enter (or a comma)
 * adds the text, Backspace in the empty entry removes the last chip.
 * Tags are unique by nd_tag_key(): the first spelling stays.
 *
 * Properties:
 *   "store"  NdStore, nullable: where suggestions come from
 *   "tags"   GStrv, notified whenever a tag is added or removed
 *
 * Actions (group "tags"):
 *   tags.remove-last   removes the last tag (Backspace in the empty entry)
 */

GtkWidget          *nd_tag_entry_new              (void);
NdStore            *nd_tag_entry_get_store        (NdTagEntry         *self);
void                nd_tag_entry_set_store        (NdTagEntry         *self,
                                                   NdStore            *store);
const char * const *nd_tag_entry_get_tags         (NdTagEntry         *self);
void                nd_tag_entry_set_tags         (NdTagEntry         *self,
                                                   const char * const *tags);
/* FALSE if @tag is empty or an equal tag is already there. */
gboolean            nd_tag_entry_add_tag          (NdTagEntry         *self,
                                                   const char         *tag);
gboolean            nd_tag_entry_remove_tag       (NdTagEntry         *self,
                                                   const char         *tag);
/* The completions for the entry's current text, best first. */
guint               nd_tag_entry_get_n_suggestions (NdTagEntry        *self);
const char         *nd_tag_entry_get_suggestion   (NdTagEntry         *self,
                                                   guint               position);

G_END_DECLS
