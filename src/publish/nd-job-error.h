/* nd-job-error.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-store-outbox.h"

G_BEGIN_DECLS

/* An outbox job's last error is stored as a stable code and its
 * arguments (a host, an HTTP status, the CMS's own message), never as a
 * sentence: the sentence is made when it is shown, in the language of
 * whoever reads it. A job recorded by a desk running in English is read
 * in German by the next one, and a translation fixed later applies to old
 * jobs too.
 *
 * The errors of NdWpClient (ND_WP_ERROR) and NdPublisher
 * (ND_PUBLISHER_ERROR) carry their code and arguments (GLib's extended
 * error domains), and their message is made by nd_job_error_format() from
 * them. Any other error (the keyring's, the store's) is kept as the code
 * "other" with its message as the one argument: that one stays in the
 * language it was made in. */

/* The data an ND_WP_ERROR or ND_PUBLISHER_ERROR carries. */
typedef struct
{
  char  *code;  /* "wp-no-server", "publisher-conflict", … */
  GStrv  args;  /* (nullable) */
} NdErrorInfo;

/* A new error of @domain (ND_WP_ERROR or ND_PUBLISHER_ERROR) and @code,
 * carrying @key and the string arguments that follow (up to NULL); its
 * message is nd_job_error_format() of them. (transfer full) */
GError      *_nd_job_error_new          (GQuark               domain,
                                         int                  code,
                                         const char          *key,
                                         ...) G_GNUC_NULL_TERMINATED;
/* The same from an argument vector. (transfer full) */
GError      *_nd_job_error_new_v        (GQuark               domain,
                                         int                  code,
                                         const char          *key,
                                         const char * const  *args);
/* What @error carries, or NULL for an error of another domain. (transfer none) */
const NdErrorInfo *nd_job_error_get_info (const GError        *error);

/* The code and arguments to store for @error (see above). */
void         nd_job_error_describe      (const GError        *error,
                                         char               **code,
                                         GStrv               *args);
/* The sentence for @code and @args in the current language; NULL for a
 * code this version does not know. (transfer full) */
char        *nd_job_error_format        (const char          *code,
                                         const char * const  *args);
/* The job's last error as a sentence in the current language: made from
 * its code, else the sentence older versions stored; NULL when it has
 * none. (transfer full) */
char        *nd_outbox_job_dup_error_message (const NdOutboxJob *job);
/* A time in the local zone, as the outbox shows due times and when an
 * error happened: the locale's date and the time to the second. (transfer full) */
char        *nd_job_error_format_time   (GDateTime           *time);

G_END_DECLS
