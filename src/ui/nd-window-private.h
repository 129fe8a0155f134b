/* nd-window-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-item-editor.h"
#include "nd-item-list-model.h"
#include "nd-publish-button.h"
#include "nd-publish-outbox.h"
#include "nd-publish-status.h"
#include "nd-sidebar.h"
#include "nd-thumbnails.h"
#include "nd-window.h"

G_BEGIN_DECLS

/* The instance struct is shared by nd-window.c (layout, list, search,
 * settings) and nd-window-actions.c (the win.* actions, import, delete
 * with undo, duplicate), as Text Editor splits its window. */
struct _NdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  GtkBox               *editor_box;
  AdwHeaderBar         *editor_header;
  GtkBox               *editor_pane;
  AdwStatusPage        *error_page;
  GtkGridView          *item_list;
  GtkMenuButton        *item_menu_button;
  AdwHeaderBar         *list_header;
  GtkBox               *list_pane;
  GtkStack             *list_stack;
  AdwWindowTitle       *list_title;
  AdwLeaflet           *main_leaflet;
  AdwStatusPage        *no_results_page;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  NdSidebar            *sidebar;
  AdwHeaderBar         *sidebar_header;
  AdwLeaflet           *sidebar_leaflet;
  GtkStack             *stack;
  AdwToastOverlay      *toast_overlay;

  /* Borrowed References */
  NdItemEditor         *editor;
  AdwToast             *last_toast;     /* weak pointer */
  NdPublishButton      *publish_button;
  NdPublishStatus      *publish_status;
  NdPublishOutbox      *outbox;
  GtkMenuButton        *outbox_button;
  AdwMessageDialog     *conflict_dialog; /* weak pointer */

  /* Owned References */
  NdStore              *store;
  NdItemListModel      *model;
  GtkSingleSelection   *selection;
  NdThumbnails         *thumbnails;
  GSettings            *settings;
  GHashTable           *pending_undo;   /* item id → DeletedItem */
  GtkFileChooserNative *import_chooser;
  NdOutboxRunner       *runner;

  guint                 list_page_source; /* updates the list's page, or 0 */

  guint                 closing : 1;
  guint                 owns_runner : 1; /* runner is the window's own, not the application's */    /* close-request already flushed the editor */
};

void      _nd_window_class_actions_init (GtkWidgetClass *widget_class);
void      _nd_window_update_actions     (NdWindow       *self);

/* Shows @id in the list (resetting search and sidebar filter if they
 * hide it) and in the editor. FALSE if the item is not in the store. */
gboolean  _nd_window_select_item        (NdWindow       *self,
                                         const char     *id);
/* The id of the item open in the editor, or NULL. */
const char *_nd_window_get_item_id      (NdWindow       *self);
/* Moves the adaptive layout to the editor and focuses its first field. */
void      _nd_window_focus_editor       (NdWindow       *self);
/* Shows @toast and remembers it for the tests. */
void      _nd_window_add_toast          (NdWindow       *self,
                                         AdwToast       *toast);
/* (transfer none) (nullable): the toast shown last, while it is shown. */
AdwToast *_nd_window_get_last_toast     (NdWindow       *self);

G_END_DECLS
