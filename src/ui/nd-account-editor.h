/* nd-account-editor.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-target.h"
#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ACCOUNT_EDITOR (nd_account_editor_get_type ())

G_DECLARE_FINAL_TYPE (NdAccountEditor, nd_account_editor, ND, ACCOUNT_EDITOR, GtkWidget)

/* The form of one CMS account, shown as a subpage of the preferences
 * window: name, site, user, application password, CA file and the
 * category of each kind of item. "Test Connection" tries what is typed;
 * "Save" writes the password to the keyring and the account to @store.
 * @target (nullable) is the stored account to edit; NULL adds one.
 *
 * NdAccountEditor::saved (NdTarget *target) is emitted once the account
 * is stored, with the account as stored. */
NdAccountEditor *nd_account_editor_new        (NdStore         *store,
                                               NdTarget        *target);

/* (transfer none) (nullable): the account being edited, NULL for a new one */
NdTarget        *nd_account_editor_get_target (NdAccountEditor *self);
/* Whether a connection test or a save is running. */
gboolean         nd_account_editor_get_busy   (NdAccountEditor *self);

G_END_DECLS
