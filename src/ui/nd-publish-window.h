/* nd-publish-window.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nd-window.h"

G_BEGIN_DECLS

/* Publishing in the window: the Publish button, the item's state on the
 * CMS above the editor, the outbox popover, results as toasts and the
 * conflict dialog (all working through the outbox and its runner).
 *
 * Actions (group "win"):
 *   win.publish (s)         publish the open item on the account named
 *   win.add-cms-account     Preferences on the CMS accounts page
 *   win.retry-job (x)       try a job now: a waiting or failed one (a conflict asks first)
 *   win.open-uri (s)        show a post in the browser
 *   win.withdraw-item       the open item back to draft on its CMS
 *   win.delete-from-cms     the open item's post to the CMS's trash */

void            _nd_window_class_publish_init      (GtkWidgetClass *widget_class);
/* After the window got its store and editor. */
void            _nd_window_publish_setup           (NdWindow       *self);
void            _nd_window_publish_dispose         (NdWindow       *self);
void            _nd_window_publish_update_actions  (NdWindow       *self);
/* (transfer none) (nullable): the runner the window sends jobs to: the
 * application's when it works the window's store, else the window's own. */
NdOutboxRunner *_nd_window_get_outbox_runner       (NdWindow       *self);

G_END_DECLS
