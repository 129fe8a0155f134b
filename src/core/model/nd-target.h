/* nd-target.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-kinds.h"

G_BEGIN_DECLS

/* A publishing target: one account on one CMS. What is here is stored in
 * the database (nd-store.h, "Targets"); the password never is: it lives
 * in the keyring (src/publish/nd-credentials.h), keyed by name, URL and
 * user. */

typedef enum
{
  ND_TARGET_TYPE_WORDPRESS,
} NdTargetType;

#define ND_TYPE_TARGET_TYPE (nd_target_type_get_type ())

GType        nd_target_type_get_type    (void);
/* The stable key ("wordpress"), stored in the database and accepted on the
 * command line. */
const char  *nd_target_type_to_key      (NdTargetType   type);
gboolean     nd_target_type_from_key    (const char    *key,
                                         NdTargetType  *type);

#define ND_TARGET_ERROR (nd_target_error_quark ())

/* Every message carried by an ND_TARGET_ERROR is translated, one line, and
 * never contains a password (not even one typed into a URL). */
typedef enum
{
  ND_TARGET_ERROR_INVALID_NAME,
  ND_TARGET_ERROR_INVALID_URL,
  ND_TARGET_ERROR_INSECURE_URL,   /* http:// for a host that is not loopback */
  ND_TARGET_ERROR_INVALID_USER,
  ND_TARGET_ERROR_INVALID_OPTIONS,
} NdTargetError;

GQuark       nd_target_error_quark      (void);

#define ND_TYPE_TARGET (nd_target_get_type ())

G_DECLARE_FINAL_TYPE (NdTarget, nd_target, ND, TARGET, GObject)

/* Properties (notify with G_PARAM_EXPLICIT_NOTIFY):
 *   "store-id"  gint64, the row in the store's targets table (0: not stored)
 *   "name"      string, never NULL: unique per database, what the command
 *               line and the window call the target
 *   "type"      NdTargetType
 *   "url"       string, never NULL: the site's address, https:// (or
 *               http:// for a loopback host), optionally with a path
 *               ("https://example.org/blog"); see nd_target_normalize_url()
 *   "user"      string, never NULL: the CMS user name
 *   "ca-file"   string, nullable: a PEM file of certificate authorities
 *               trusted for this target in addition to the system's
 *   "created"   GDateTime, nullable: when it was first stored
 *
 * The options (ca-file, the kind → category mapping, and any option a
 * later version adds, which is kept as it is) are stored as one JSON
 * object: {"ca-file": "/etc/ssl/newsroom-ca.pem",
 *          "categories": {"news": "Meldungen", "event": "7"}}. */

NdTarget    *nd_target_new              (const char    *name,
                                         NdTargetType   type,
                                         const char    *url,
                                         const char    *user);

gint64       nd_target_get_store_id     (NdTarget      *self);
void         nd_target_set_store_id     (NdTarget      *self,
                                         gint64         store_id);
const char  *nd_target_get_name         (NdTarget      *self);
void         nd_target_set_name         (NdTarget      *self,
                                         const char    *name);
NdTargetType nd_target_get_target_type  (NdTarget      *self);
void         nd_target_set_target_type  (NdTarget      *self,
                                         NdTargetType   type);
const char  *nd_target_get_url          (NdTarget      *self);
void         nd_target_set_url          (NdTarget      *self,
                                         const char    *url);
const char  *nd_target_get_user         (NdTarget      *self);
void         nd_target_set_user         (NdTarget      *self,
                                         const char    *user);
/* (nullable) */
const char  *nd_target_get_ca_file      (NdTarget      *self);
/* @ca_file: an absolute path, or NULL/"" for none. */
void         nd_target_set_ca_file      (NdTarget      *self,
                                         const char    *ca_file);
/* (transfer none) (nullable) */
GDateTime   *nd_target_get_created      (NdTarget      *self);
void         nd_target_set_created      (NdTarget      *self,
                                         GDateTime     *created);

/* The CMS category items of @kind go to: a category name, or a numeric
 * id, as the user gave it; the publisher resolves it. NULL: none. */
const char  *nd_target_get_category     (NdTarget      *self,
                                         NdItemKind     kind);
/* @category NULL or "" removes the mapping for @kind. */
void         nd_target_set_category     (NdTarget      *self,
                                         NdItemKind     kind,
                                         const char    *category);

/* The options as a compact JSON object (the store's "options" column).
 * (transfer full) */
char        *nd_target_dup_options      (NdTarget      *self);
/* Replaces the options by those of @json (NULL or "" is "{}"). Unknown
 * members are kept, so that an older Newsdesk does not drop what a newer
 * one wrote. ND_TARGET_ERROR_INVALID_OPTIONS if @json is no object, or a
 * known member has the wrong type; then nothing changes. */
gboolean     nd_target_set_options      (NdTarget      *self,
                                         const char    *json,
                                         GError       **error);

/* Checks everything the store checks before it writes: name (not empty,
 * no control characters, no leading "-" or surrounding spaces, at most
 * 100 characters), URL (see nd_target_normalize_url()), user (not empty,
 * no control characters), ca-file (absolute when set). */
gboolean     nd_target_validate         (NdTarget      *self,
                                         GError       **error);

/* Checks @url with GUri and returns its normal form: scheme and host in
 * lower case, the default port dropped, no trailing "/" ("https://example.org",
 * "https://example.org/blog"). Refused: anything but https:// and
 * http://, http:// unless the host is loopback (localhost, 127.0.0.0/8,
 * ::1), a user name or password in the URL, a query or a fragment.
 * (transfer full) */
char        *nd_target_normalize_url    (const char    *url,
                                         GError       **error);

/* TRUE if @host names this computer: "localhost" or a loopback address. */
gboolean     nd_target_host_is_loopback (const char    *host);

G_END_DECLS
