/* nd-application.h
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

#define ND_TYPE_APPLICATION (nd_application_get_type ())

G_DECLARE_FINAL_TYPE (NdApplication, nd_application, ND, APPLICATION, AdwApplication)

NdApplication *nd_application_new       (const char    *db_path);
/* (transfer none) (nullable): NULL until the store is open. */
NdStore       *nd_application_get_store (NdApplication *self);
/* The runner that works the outbox of the application's store in the
 * background, started with the application. (transfer none) (nullable):
 * NULL while the store is not open. */
NdOutboxRunner *nd_application_get_outbox_runner (NdApplication *self);

/* Creates the application on @db_path (NULL: the default database) and
 * runs it; returns the exit status. */
int            nd_application_run       (const char    *db_path,
                                         int            argc,
                                         char         **argv);

G_END_DECLS
