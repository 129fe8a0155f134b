/* nd-item-editor.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ITEM_EDITOR (nd_item_editor_get_type ())

G_DECLARE_FINAL_TYPE (NdItemEditor, nd_item_editor, ND, ITEM_EDITOR, GtkWidget)

/* The editor of one item: title, kind, language, status, date, author,
 * slug, teaser, body (GtkSourceView, Markdown), tags. Every change reaches
 * the store within a second (debounced autosave), and at once when focus
 * leaves a field, when another item is loaded, and on
 * nd_item_editor_flush() (the window calls it before closing). The store
 * is the only copy of the text.
 *
 * Properties:
 *   "store"    NdStore, construct-only
 *   "item-id"  string, nullable: the item shown (NULL: none, the editor
 *              shows an empty state)
 *   "saved"    gboolean, read-only: TRUE when everything typed is in the
 *              store (drives the quiet "Saved" indicator)
 *
 * Actions (installed with gtk_widget_class_install_action, group "editor"):
 *   editor.save-version  Ctrl+S  record a named version (a revision)
 *   editor.history               open the history dialog
 *   editor.bold          Ctrl+B, editor.italic Ctrl+I, editor.link Ctrl+K,
 *   editor.heading       Ctrl+H (cycles #, ##, ###), editor.bullet-list
 *   Ctrl+Shift+8, editor.numbered-list Ctrl+Shift+7, editor.quote
 *   Ctrl+Shift+9: insert CommonMark in the body.
 *   editor.paste-image   Ctrl+V outside the text fields: attaches the
 *   image on the clipboard (see nd_image_panel_paste()).
 *
 * The image panel's "insert-reference" puts an inline image into the
 * body at the cursor, as a paragraph of its own.
 */

NdItemEditor *nd_item_editor_new         (NdStore      *store);
const char   *nd_item_editor_get_item_id (NdItemEditor *self);
/* Saves what is pending for the current item first. */
void          nd_item_editor_set_item_id (NdItemEditor *self,
                                          const char   *item_id);
gboolean      nd_item_editor_get_saved   (NdItemEditor *self);
/* Writes pending changes now; FALSE (with a translated error) only if
 * the store refused them. */
gboolean      nd_item_editor_flush       (NdItemEditor *self,
                                          GError      **error);

G_END_DECLS
