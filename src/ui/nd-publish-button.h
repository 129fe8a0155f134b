/* nd-publish-button.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-outbox-runner.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_PUBLISH_BUTTON (nd_publish_button_get_type ())

G_DECLARE_FINAL_TYPE (NdPublishButton, nd_publish_button, ND, PUBLISH_BUTTON, GtkWidget)

/* The editor's "Publish" button: a plain button for one CMS account, a
 * menu of accounts for several, and "Add a CMS Account…" for none. It
 * activates "win.publish" (the account's name) and "win.add-cms-account".
 * While a job of its item runs it shows a spinner and the job's step.
 *
 * Properties:
 *   "runner"   NdOutboxRunner, construct-only
 *   "item-id"  string, nullable: the item the button publishes
 *   "busy"     gboolean, read-only: a job of the item is being worked */

NdPublishButton *nd_publish_button_new            (NdOutboxRunner  *runner);
const char      *nd_publish_button_get_item_id    (NdPublishButton *self);
void             nd_publish_button_set_item_id    (NdPublishButton *self,
                                                   const char      *item_id);
gboolean         nd_publish_button_get_busy       (NdPublishButton *self);
/* The step shown while busy, or NULL. */
const char      *nd_publish_button_get_step_label (NdPublishButton *self);
/* Reads the accounts again (after Preferences changed them). */
void             nd_publish_button_reload_targets (NdPublishButton *self);

G_END_DECLS
