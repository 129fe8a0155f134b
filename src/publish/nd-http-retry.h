/* nd-http-retry.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* When to try an HTTP request again, and how long to wait first. Pure
 * logic without HTTP, so that the outbox can use the same rules for the
 * attempts it persists (attempts, next attempt time) across restarts.
 *
 * Backoff is exponential with "full jitter": before attempt n + 1 the
 * wait is uniform in [0, min (max_delay_ms, base_delay_ms * 2^(n-1))],
 * so that many clients failing together do not come back together. A
 * server's Retry-After is a floor on that wait; one longer than
 * max_retry_after_ms ends the call (the outbox waits instead, without
 * holding a request open). */
typedef struct
{
  guint max_attempts;        /* tries in all, the first one included; >= 1 */
  guint base_delay_ms;       /* the backoff window after the first failure */
  guint max_delay_ms;        /* no backoff window is larger */
  guint max_retry_after_ms;  /* a longer Retry-After is not waited for */
} NdRetryPolicy;

/* What an HTTP status or a transport error means for the caller. */
typedef enum
{
  ND_RETRY_DONE,   /* success: use the answer */
  ND_RETRY_AGAIN,  /* transient: connection failures, timeouts, 5xx, 429 */
  ND_RETRY_FAIL,   /* permanent: any other 4xx (or 1xx/3xx left over) */
} NdRetryDecision;

#define ND_TYPE_RETRY_POLICY (nd_retry_policy_get_type ())

GType            nd_retry_policy_get_type     (void);
/* Defaults: 5 attempts, 1 s base, 60 s cap, Retry-After up to 120 s. (transfer full) */
NdRetryPolicy   *nd_retry_policy_new          (void);
/* (transfer full) */
NdRetryPolicy   *nd_retry_policy_copy         (const NdRetryPolicy *policy);
void             nd_retry_policy_free         (NdRetryPolicy       *policy);

/* The full-jitter backoff before the attempt that follows @attempts_made
 * failed ones (>= 1). @rand may be NULL for GLib's global generator. */
guint            nd_retry_policy_backoff_ms   (const NdRetryPolicy *policy,
                                               guint                attempts_made,
                                               GRand               *rand);
/* Whether to try again after @attempts_made attempts, the last of which
 * failed transiently; if so, *@delay_ms is the wait: the backoff, or
 * @retry_after_ms (-1: none) when that is longer. FALSE when the attempts
 * are used up or the server asks for a wait above max_retry_after_ms. */
gboolean         nd_retry_policy_next_delay   (const NdRetryPolicy *policy,
                                               guint                attempts_made,
                                               gint64               retry_after_ms,
                                               GRand               *rand,
                                               guint               *delay_ms);

NdRetryDecision  nd_retry_classify_status     (guint                status);
/* Whether a transport error (GIO, resolver, TLS) is worth another
 * attempt: refused or reset connections, timeouts, unreachable networks,
 * temporary DNS failures. TLS and cancellation are not. */
gboolean         nd_retry_error_is_transient  (const GError        *error);

/* Parses a Retry-After value: delta-seconds or an HTTP date (IMF-fixdate,
 * RFC 850 or asctime), relative to @now (NULL: the current time). A date
 * in the past gives 0. FALSE if @value is neither. */
gboolean         nd_retry_parse_retry_after   (const char          *value,
                                               GDateTime           *now,
                                               gint64              *delay_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdRetryPolicy, nd_retry_policy_free)

G_END_DECLS
