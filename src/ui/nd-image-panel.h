/* nd-image-panel.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_IMAGE_PANEL (nd_image_panel_get_type ())

G_DECLARE_FINAL_TYPE (NdImagePanel, nd_image_panel, ND, IMAGE_PANEL, GtkWidget)

/* The "Images" section of the item editor: the item's images with a
 * thumbnail and their credit and descriptions, attaching files (button,
 * drag and drop), removing images, and the item's checklist.
 *
 * The panel edits the images of the item it is given in place and emits
 * "changed" after each edit; it never saves: the editor's autosave does.
 * Images are also chosen from the library (NdImageLibrary, needs
 * "store"), pasted (Ctrl+V with an image on the clipboard) and reordered
 * by dragging a card onto another.
 *
 * Properties:
 *   "item"   NdItem, nullable: the item whose images are shown
 *   "store"  NdStore, nullable: the library's store (only read from)
 *   "busy"   gboolean, read-only: TRUE while a file is read or a thumbnail
 *            is made in a worker thread
 *
 * Signals:
 *   "changed"           the item's images were changed by the user
 *   "insert-reference"  (const char *markdown) the user asked to show an
 *                       image in the body: the owner of the body inserts
 *                       @markdown, "![alt](newsdesk:image/…)", on a line
 *                       of its own
 *
 * Actions (group "image-panel"):
 *   image-panel.insert-in-text  "u"     emits "insert-reference" for the
 *                                       image at that position
 *   image-panel.move            "(uu)"  moves the image at the first
 *                                       position to the second
 *   image-panel.choose-from-library     opens the image library
 *   image-panel.paste           Ctrl+V  attaches the clipboard's image
 */

NdImagePanel *nd_image_panel_new              (void);
/* (nullable) (transfer none) */
NdItem       *nd_image_panel_get_item         (NdImagePanel *self);
void          nd_image_panel_set_item         (NdImagePanel *self,
                                               NdItem       *item);
gboolean      nd_image_panel_get_busy         (NdImagePanel *self);
/* Reads @file in a worker thread and puts it into the item: into the
 * lead image when @lead (ND_IMAGE_ATTACH_LEAD), else into the first
 * image without a file, else as a new image. What the file chooser and a
 * drop do. A refused file is shown in the panel. */
void          nd_image_panel_attach_file      (NdImagePanel *self,
                                               GFile        *file,
                                               gboolean      lead);
/* Reads the image on the clipboard, if there is one, and attaches it as
 * nd_image_panel_attach_file() does. */
void          nd_image_panel_paste            (NdImagePanel *self);
/* Moves the image at @from to @to, as a drag does. */
void          nd_image_panel_move_image       (NdImagePanel *self,
                                               guint         from,
                                               guint         to);
/* (nullable) (transfer none) */
NdStore      *nd_image_panel_get_store        (NdImagePanel *self);
void          nd_image_panel_set_store        (NdImagePanel *self,
                                               NdStore      *store);
/* Checks the item again (the editor calls it after it wrote its fields
 * into the item). */
void          nd_image_panel_update_checklist (NdImagePanel *self);
/* For the tests: the "Image removed" toast shown last, while it is shown.
 * (nullable) (transfer none) */
AdwToast     *_nd_image_panel_get_last_toast  (NdImagePanel *self);

G_END_DECLS
