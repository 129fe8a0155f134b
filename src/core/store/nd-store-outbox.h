/* nd-store-outbox.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-remote-item.h"
#include "nd-types.h"

G_BEGIN_DECLS

/* The store's half of publishing: the outbox of jobs and what the store
 * knows of each item, tag and image on a target (its remote ids). Every
 * publication, update and withdrawal is a job in the store before any
 * request is sent, so jobs survive a crash or a restart; src/publish
 * works them and records the outcome here. Targets are named as in
 * nd-target.h. Each write is one transaction. */

typedef enum
{
  ND_OUTBOX_ACTION_PUBLISH,   /* create the post, or update it if it exists */
  ND_OUTBOX_ACTION_WITHDRAW,  /* back to draft on the CMS */
  ND_OUTBOX_ACTION_DELETE,    /* to the CMS's trash */
} NdOutboxAction;

typedef enum
{
  ND_OUTBOX_STATE_PENDING,    /* waiting for its (next) attempt */
  ND_OUTBOX_STATE_RUNNING,    /* being worked */
  ND_OUTBOX_STATE_DONE,
  ND_OUTBOX_STATE_FAILED,     /* gave up: the last error says why */
  ND_OUTBOX_STATE_CONFLICT,   /* someone changed the post on the CMS */
} NdOutboxState;

typedef enum
{
  ND_OUTBOX_FLAG_NONE     = 0,
  ND_OUTBOX_FLAG_AS_DRAFT = 1 << 0,  /* publish as a draft */
  ND_OUTBOX_FLAG_FORCE    = 1 << 1,  /* overwrite changes made on the CMS */
} NdOutboxFlags;

#define ND_TYPE_OUTBOX_JOB (nd_outbox_job_get_type ())

typedef struct
{
  gint64          id;
  char           *item_id;       /* the item's UUID */
  char           *target;        /* the target's name */
  NdOutboxAction  action;
  NdOutboxFlags   flags;
  guint           revision;      /* the item's revision the job sends */
  NdOutboxState   state;
  guint           attempts;
  GDateTime      *next_attempt;  /* (nullable): at once */
  /* The last attempt's error, kept until the job is done or tried again
   * by hand: a code and its arguments (src/publish/nd-job-error.h makes
   * the sentence in the reader's language) and when it happened. */
  char           *error_code;    /* (nullable) */
  GStrv           error_args;    /* (nullable) */
  GDateTime      *error_time;    /* (nullable) */
  char           *last_error;    /* (nullable): the sentence jobs of schema < 4 stored */
  GDateTime      *created;
  GDateTime      *updated;
} NdOutboxJob;

GType         nd_outbox_job_get_type       (void) G_GNUC_CONST;
NdOutboxJob  *nd_outbox_job_copy           (const NdOutboxJob *job);
void          nd_outbox_job_free           (NdOutboxJob       *job);

/* "publish", "withdraw", "delete"; "pending", "running", …: the keys of
 * the store and of --json. */
const char   *nd_outbox_action_to_key      (NdOutboxAction     action);
const char   *nd_outbox_state_to_key       (NdOutboxState      state);

/* Adds a job for the item's current revision. (transfer full) */
NdOutboxJob  *nd_store_enqueue_job         (NdStore           *store,
                                            const char        *item_id,
                                            const char        *target,
                                            NdOutboxAction     action,
                                            NdOutboxFlags      flags,
                                            GError           **error);
/* Jobs, oldest first; @open_only: pending, running and conflicting ones.
 * (element-type NdOutboxJob) (transfer container) */
GPtrArray    *nd_store_list_jobs           (NdStore           *store,
                                            gboolean           open_only,
                                            GError           **error);
/* One job by its id, or ND_STORE_ERROR_NOT_FOUND. (transfer full) */
NdOutboxJob  *nd_store_load_job            (NdStore           *store,
                                            gint64             job_id,
                                            GError           **error);
/* Marks the oldest pending job that is due at @now as running, counts the
 * attempt and returns it, or NULL (no error) when none is due. (transfer full) */
NdOutboxJob  *nd_store_claim_job           (NdStore           *store,
                                            GDateTime         *now,
                                            GError           **error);
/* Ends an attempt: @state DONE, FAILED or CONFLICT with the error
 * @error_code and @error_args (nullable: none), or PENDING again with
 * @next_attempt (a retry). The time of the error is now. */
gboolean      nd_store_finish_job          (NdStore           *store,
                                            gint64             job_id,
                                            NdOutboxState      state,
                                            const char        *error_code,
                                            const char * const *error_args,
                                            GDateTime         *next_attempt,
                                            GError           **error);
/* Pending jobs of @target due before @until wait until then, with the
 * error that says why (the site is down: trying them now would only
 * wait for it again). Their attempts are not counted. Returns how many. */
guint         nd_store_postpone_jobs       (NdStore           *store,
                                            const char        *target,
                                            GDateTime         *until,
                                            const char        *error_code,
                                            const char * const *error_args,
                                            GError           **error);
/* Pending jobs are due at once ("retry now"), the job @job_id or, with
 * 0, every one; their last error stays. Returns how many were waiting. */
guint         nd_store_hasten_jobs         (NdStore           *store,
                                            gint64             job_id,
                                            GError           **error);
/* A failed or conflicting job is tried again (Retry, or --force): pending
 * and due at once, with @flags added; its error is forgotten. */
gboolean      nd_store_retry_job           (NdStore           *store,
                                            gint64             job_id,
                                            NdOutboxFlags      flags,
                                            GError           **error);
/* After a crash, jobs left running are pending again. Returns how many. */
guint         nd_store_recover_jobs        (NdStore           *store,
                                            GError           **error);



/* FALSE with no error when the item was never sent to @target. */
gboolean      nd_store_get_remote_item     (NdStore           *store,
                                            const char        *item_id,
                                            const char        *target,
                                            NdRemoteItem      *remote,
                                            GError           **error);
/* Every target @item_id was sent to, by the target's name; empty when it
 * never was (or no such item). (element-type NdRemoteItem) (transfer full) */
GPtrArray    *nd_store_list_remote_items   (NdStore           *store,
                                            const char        *item_id,
                                            GError           **error);
gboolean      nd_store_set_remote_item     (NdStore           *store,
                                            const char        *item_id,
                                            const char        *target,
                                            const NdRemoteItem *remote,
                                            GError           **error);

/* Records a publication in one transaction: the item gets @status and a
 * revision with reason PUBLICATION; @remote is stored for @target with its
 * "published_revision" set here: that new revision if the item did not
 * change since @sent_revision, else @sent_revision; and job @job_id (0:
 * none) is done. A crash can then never leave a publication recorded and
 * its job still to do, or the other way round.
 *
 * @item is the copy the job read. If nothing was saved since (an autosave
 * included), it takes the new status and revision; otherwise the store's
 * copy is read again, so that an edit made while the job ran is kept, and
 * counts as a change since @sent_revision.
 *
 * Unlike every other write, this one does not wait for the disk: a record
 * lost in a power cut is made again by the job's next attempt, which
 * looks for the post first (the claim, which is synced, counted this
 * attempt). */
gboolean      nd_store_record_publication  (NdStore           *store,
                                            NdItem            *item,
                                            const char        *target,
                                            int                status,
                                            guint              sent_revision,
                                            NdRemoteItem      *remote,
                                            gint64             job_id,
                                            GError           **error);

/* A tag's id on @target (by the tag's key: any spelling), or NULL. (transfer full) */
char         *nd_store_dup_remote_tag      (NdStore           *store,
                                            const char        *target,
                                            const char        *tag,
                                            GError           **error);
gboolean      nd_store_set_remote_tag      (NdStore           *store,
                                            const char        *target,
                                            const char        *tag,
                                            const char        *remote_id,
                                            GError           **error);
/* The id on @target (with its URL) of the media item made for an image
 * with @credit, or NULL. A media item's caption carries the credit, and
 * a credit belongs to the use, not the file: a file is uploaded once per
 * target and credit, so two items that credit one photo differently
 * never show each other's credit. (transfer full) */
char         *nd_store_dup_remote_media    (NdStore           *store,
                                            const char        *target,
                                            const char        *sha256,
                                            const char        *credit,
                                            char             **url,
                                            GError           **error);
gboolean      nd_store_set_remote_media    (NdStore           *store,
                                            const char        *target,
                                            const char        *sha256,
                                            const char        *credit,
                                            const char        *remote_id,
                                            const char        *url,
                                            GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdOutboxJob, nd_outbox_job_free)

G_END_DECLS
