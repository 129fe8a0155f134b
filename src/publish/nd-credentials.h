/* nd-credentials.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "nd-target.h"

G_BEGIN_DECLS

/* The passwords of publishing targets. They live in the keyring (the
 * Secret Service, through libsecret) and nowhere else: never in the
 * database, the settings, a log or a command line. A script may give one
 * in a file for one run (nd_credentials_read_password_file()); that is
 * never stored.
 *
 * A password is filed under the schema "org.newsdesk.Newsdesk.Target" with
 * the attributes "target" (the target's name), "url" and "user", so that
 * it belongs to one user at one site: after changing a target's URL or
 * user, store the password again and clear the old entry. */

#define ND_CREDENTIALS_ERROR (nd_credentials_error_quark ())

/* Every message is translated, one line, and never contains a password. */
typedef enum
{
  ND_CREDENTIALS_ERROR_NO_KEYRING,     /* "No keyring is available: …" */
  ND_CREDENTIALS_ERROR_LOCKED,         /* the keyring stayed locked (prompt dismissed) */
  ND_CREDENTIALS_ERROR_NOT_FOUND,      /* the keyring has no password for the target */
  ND_CREDENTIALS_ERROR_PASSWORD_FILE,  /* a password file or stdin that cannot be used */
  ND_CREDENTIALS_ERROR_FAILED,         /* anything else the keyring reports */
} NdCredentialsError;

GQuark              nd_credentials_error_quark        (void);

/* The schema the passwords are filed under. (transfer none) */
const SecretSchema *nd_credentials_get_schema         (void);

/* A password handed out by this API. Free it with
 * nd_credentials_password_free(), which overwrites it first; with
 * g_autoptr(NdPassword) that happens on its own. */
typedef char NdPassword;

void                nd_credentials_password_free      (NdPassword    *password);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdPassword, nd_credentials_password_free)

/* Stores (or replaces) the password of @target in the default keyring. */
gboolean            nd_credentials_store_sync         (NdTarget      *target,
                                                       const char    *password,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
void                nd_credentials_store_async        (NdTarget            *target,
                                                       const char          *password,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            nd_credentials_store_finish       (GAsyncResult  *result,
                                                       GError       **error);

/* The password of @target, or NULL with ND_CREDENTIALS_ERROR_NOT_FOUND
 * when the keyring has none. May make the desktop ask to unlock the
 * keyring. (transfer full) */
NdPassword         *nd_credentials_lookup_sync        (NdTarget      *target,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
void                nd_credentials_lookup_async       (NdTarget            *target,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
NdPassword         *nd_credentials_lookup_finish      (GAsyncResult  *result,
                                                       GError       **error);

/* Removes the password of @target from the keyring. TRUE also when there
 * was none; *@removed (may be NULL) says whether one was removed. */
gboolean            nd_credentials_clear_sync         (NdTarget      *target,
                                                       gboolean      *removed,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
void                nd_credentials_clear_async        (NdTarget            *target,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            nd_credentials_clear_finish       (GAsyncResult  *result,
                                                       gboolean      *removed,
                                                       GError       **error);

/* Whether the keyring holds a password for @target, without unlocking
 * anything (no prompt). FALSE with @error when there is no keyring. */
gboolean            nd_credentials_has_password_sync  (NdTarget      *target,
                                                       gboolean      *has_password,
                                                       GCancellable  *cancellable,
                                                       GError       **error);

/* The password in the first line of the file @path ("--password-file"),
 * without its line ending. Regular files that other users may read or
 * write (any of the mode bits 0007) are refused: a password there is
 * everybody's. The group may have access, for service accounts that share
 * a secret. Pipes and other non-regular files (a shell's <(…), /dev/stdin)
 * are taken, since they keep nothing at rest. Refused as well: an empty
 * first line, one longer than 4096 bytes, text that is not UTF-8.
 * (transfer full) */
NdPassword         *nd_credentials_read_password_file (const char    *path,
                                                       GError       **error);
/* The same from an open file descriptor ("--password-stdin": 0), without
 * the permission check. (transfer full) */
NdPassword         *nd_credentials_read_password_fd   (int            fd,
                                                       GError       **error);

G_END_DECLS
