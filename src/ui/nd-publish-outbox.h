/* nd-publish-outbox.h
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

#define ND_TYPE_PUBLISH_OUTBOX (nd_publish_outbox_get_type ())

G_DECLARE_FINAL_TYPE (NdPublishOutbox, nd_publish_outbox, ND, PUBLISH_OUTBOX, GtkPopover)

/* The outbox as a popover: one row per item and account whose last job
 * is not done: waiting (with its next attempt, the last error and when
 * it happened, and a "Retry Now" button), running (with a progress bar),
 * conflicting or failed (with the reason and a Retry button). Both
 * buttons are "win.retry-job" with the job's id, which means now. It
 * follows the runner's signals.
 *
 * Properties:
 *   "runner"  NdOutboxRunner, construct-only
 *   "n-jobs"  guint, read-only: the rows shown */

NdPublishOutbox *nd_publish_outbox_new        (NdOutboxRunner  *runner);
guint            nd_publish_outbox_get_n_jobs (NdPublishOutbox *self);
/* The job shown in row @index, or NULL. (transfer none) */
NdOutboxJob     *nd_publish_outbox_get_job    (NdPublishOutbox *self,
                                               guint            index);
void             nd_publish_outbox_refresh    (NdPublishOutbox *self);
/* For the tests: the row of job @index (an AdwActionRow), or NULL. (transfer none) */
GtkWidget       *_nd_publish_outbox_get_row   (NdPublishOutbox *self,
                                               guint            index);
/* For the tests: the batch bar's "3 of 7 sent", or NULL while it is hidden. */
const char      *_nd_publish_outbox_get_batch_text (NdPublishOutbox *self);

G_END_DECLS
