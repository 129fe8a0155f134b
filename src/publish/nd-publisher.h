/* nd-publisher.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-store-outbox.h"
#include "nd-target.h"
#include "nd-types.h"
#include "nd-wp-client.h"

G_BEGIN_DECLS

/* Works one outbox job end to end, asynchronously (DESIGN.md "Publishing
 * to WordPress"): for a publication the checklist, the tags, the images,
 * then the post is created or updated; a withdrawal sets the post back to
 * draft, a deletion trashes it. The outcome is recorded in the store
 * (remote state, the item's status, a revision with reason PUBLICATION).
 * The job's own state is not touched: the caller (NdOutboxRunner) ends
 * the attempt with nd_store_finish_job() by the result. */

#define ND_PUBLISHER_ERROR (nd_publisher_error_quark ())

/* Every message is translated and one line. Errors of the CMS come as
 * they are (ND_WP_ERROR; nd_wp_error_is_transient() says whether a later
 * attempt may succeed), as do those of the store. */
typedef enum
{
  ND_PUBLISHER_ERROR_CHECK_FAILED,  /* the checklist failed: the reasons */
  ND_PUBLISHER_ERROR_CONFLICT,      /* the post was changed on the site since */
  ND_PUBLISHER_ERROR_NOT_PUBLISHED, /* withdraw or delete an item never sent */
  ND_PUBLISHER_ERROR_CATEGORY,      /* the kind's category cannot be used */
  ND_PUBLISHER_ERROR_BAD_RESPONSE,  /* the CMS answered without what we need */
} NdPublisherError;

/* The steps of a job, in order, for the progress the window shows. */
typedef enum
{
  ND_PUBLISH_STEP_CHECK,    /* the checklist */
  ND_PUBLISH_STEP_TAGS,     /* tags mapped and created */
  ND_PUBLISH_STEP_MEDIA,    /* images uploaded and described */
  ND_PUBLISH_STEP_POST,     /* the post read, created or changed */
  ND_PUBLISH_STEP_RECORD,   /* the outcome written to the store */
} NdPublishStep;

#define ND_PUBLISH_N_STEPS (ND_PUBLISH_STEP_RECORD + 1)

GQuark       nd_publisher_error_quark      (void);

#define ND_TYPE_PUBLISHER (nd_publisher_get_type ())

G_DECLARE_FINAL_TYPE (NdPublisher, nd_publisher, ND, PUBLISHER, GObject)

/* Signals:
 *   "step" (NdPublishStep step, const char *label): a step begins; the
 *          label is translated ("Uploading image 2 of 3"). */

/* @client must be set up for @target (URL, user, password). */
NdPublisher *nd_publisher_new              (NdStore             *store,
                                            NdTarget            *target,
                                            NdWpClient          *client);

NdStore     *nd_publisher_get_store        (NdPublisher         *self);
NdTarget    *nd_publisher_get_target       (NdPublisher         *self);
NdWpClient  *nd_publisher_get_client       (NdPublisher         *self);

/* Works @job (claimed: its "attempts" counts the current one; with more
 * than one, a create first looks for the post an earlier attempt may
 * have made). One job at a time per publisher. On success @job's outcome
 * is in the store: nd_store_get_remote_item() has the post. */
void         nd_publisher_run_async        (NdPublisher         *self,
                                            const NdOutboxJob   *job,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     nd_publisher_run_finish       (NdPublisher         *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The status a post gets: "draft" with @as_draft, "future" when @date_gmt
 * is more than 60 seconds after @now (WordPress publishes anything
 * sooner at once), else "publish". */
const char  *nd_publisher_status_for_date  (GDateTime           *date_gmt,
                                            GDateTime           *now,
                                            gboolean             as_draft);

G_END_DECLS
