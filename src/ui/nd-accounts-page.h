/* nd-accounts-page.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_ACCOUNTS_PAGE (nd_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (NdAccountsPage, nd_accounts_page, ND, ACCOUNTS_PAGE, AdwPreferencesPage)

/* The preferences page of the CMS accounts (publishing targets) of a
 * store: one row per account, with whether the keyring has its password;
 * "Add Account" and editing open an NdAccountEditor as a subpage of the
 * preferences window; removing offers Undo in a toast and takes effect
 * (store and keyring) once the toast is gone.
 *
 * Actions: "accounts.add", "accounts.edit" (s: the account's name) and
 * "accounts.remove" (s). */
NdAccountsPage *nd_accounts_page_new            (void);

/* (transfer none) (nullable) */
NdStore        *nd_accounts_page_get_store      (NdAccountsPage *self);
void            nd_accounts_page_set_store      (NdAccountsPage *self,
                                                 NdStore        *store);

/* The toast of the last removal, for the tests. (transfer none) (nullable) */
AdwToast       *_nd_accounts_page_get_last_toast (NdAccountsPage *self);

G_END_DECLS
