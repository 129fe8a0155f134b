/* nd-outbox-runner.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-http-retry.h"
#include "nd-store-outbox.h"
#include "nd-types.h"

G_BEGIN_DECLS

/* Works the outbox in the background, on the thread-default main
 * context, one job at a time: claims the oldest due job, has an
 * NdPublisher work it, and ends the attempt in the store: done, failed
 * (with the reason), conflict, or pending again after a transient fault
 * (connection, timeout, 5xx, 429), with exponential backoff and full
 * jitter, never before the server's Retry-After. Jobs left running by a
 * crash are recovered when it starts. When nothing is due, it waits for
 * the next pending job's time, or for nd_outbox_runner_wake().
 *
 * Passwords come from nd_outbox_runner_set_password() (a password file,
 * for one run) or else from the keyring; a target without one fails its
 * jobs with the keyring's reason.
 *
 * Signals (the job is a copy, as the store has it at that moment):
 *   "job-started"  (NdOutboxJob *job)
 *   "job-progress" (NdOutboxJob *job, guint step, const char *label,
 *                   double fraction): an NdPublishStep begins; @fraction
 *                   of the job is done (0 … 1)
 *   "job-retrying" (NdOutboxJob *job, guint delay_ms, GError *reason):
 *                   a request of the job failed and is tried again soon
 *   "job-finished" (NdOutboxJob *job): the attempt ended; the job's
 *                   state is DONE, FAILED, CONFLICT, or PENDING with its
 *                   next attempt (its error says why)
 *
 * When a site is not there at all (no server answers, or it refuses more
 * requests for now), its other pending jobs wait as long as the job that
 * found out, with the same error, without counting an attempt.
 *   "idle"         (): nothing is due and nothing runs
 *
 * Property "busy" (gboolean, read-only): a job is being worked. */

#define ND_TYPE_OUTBOX_RUNNER (nd_outbox_runner_get_type ())

G_DECLARE_FINAL_TYPE (NdOutboxRunner, nd_outbox_runner, ND, OUTBOX_RUNNER, GObject)

/* (transfer full) */
NdOutboxRunner      *nd_outbox_runner_new                     (NdStore             *store);
NdStore             *nd_outbox_runner_get_store               (NdOutboxRunner      *self);
gboolean             nd_outbox_runner_get_busy                (NdOutboxRunner      *self);

/* The retries of a job across attempts (stored, so they survive a
 * restart): max_attempts is the attempts of a job in all; a Retry-After
 * above max_retry_after_ms fails the job. Default: 8 attempts, 30 s
 * base, 1 hour cap, Retry-After up to 1 day. A job is never tried again
 * sooner than half the base delay. (transfer none) */
const NdRetryPolicy *nd_outbox_runner_get_retry_policy        (NdOutboxRunner      *self);
void                 nd_outbox_runner_set_retry_policy        (NdOutboxRunner      *self,
                                                               const NdRetryPolicy *policy);
/* The retries within one attempt, given to each NdWpClient; NULL (the
 * default) keeps the client's own. */
void                 nd_outbox_runner_set_client_retry_policy (NdOutboxRunner      *self,
                                                               const NdRetryPolicy *policy);
/* The limit of one request; 0 (the default) keeps the client's own. */
void                 nd_outbox_runner_set_client_timeout_ms   (NdOutboxRunner      *self,
                                                               guint                timeout_ms);

/* The password of the target @target for as long as the runner lives,
 * instead of the keyring's (it is copied; NULL forgets it). */
void                 nd_outbox_runner_set_password            (NdOutboxRunner      *self,
                                                               const char          *target,
                                                               const char          *password);

/* Recovers jobs a crash left running and begins working what is due. */
void                 nd_outbox_runner_start                   (NdOutboxRunner      *self);
/* Looks for due jobs at once, e.g. after nd_store_enqueue_job(). */
void                 nd_outbox_runner_wake                    (NdOutboxRunner      *self);
/* "Retry now": the pending job @job_id (0: every pending job) is due at
 * once, and work begins. Returns how many were waiting for a later time. */
guint                nd_outbox_runner_retry_now               (NdOutboxRunner      *self,
                                                               gint64               job_id);
/* Cancels the job being worked (it is pending again, due at once) and
 * stops waiting; nd_outbox_runner_start() goes on. */
void                 nd_outbox_runner_stop                    (NdOutboxRunner      *self);

/* The time the next pending job is due, or NULL when there is none.
 * (transfer full) (nullable) */
GDateTime           *nd_outbox_runner_dup_next_due            (NdOutboxRunner      *self,
                                                               GError             **error);

G_END_DECLS
