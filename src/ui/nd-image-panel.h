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
 *
 * Properties:
 *   "item"  NdItem, nullable: the item whose images are shown
 *   "busy"  gboolean, read-only: TRUE while a file is read or a thumbnail
 *           is made in a worker thread
 *
 * Signals:
 *   "changed"  the item's images were changed by the user
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
/* Checks the item again (the editor calls it after it wrote its fields
 * into the item). */
void          nd_image_panel_update_checklist (NdImagePanel *self);

G_END_DECLS
