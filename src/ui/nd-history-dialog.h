/* nd-history-dialog.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nd-types.h"

G_BEGIN_DECLS

#define ND_TYPE_HISTORY_DIALOG (nd_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (NdHistoryDialog, nd_history_dialog, ND, HISTORY_DIALOG, AdwWindow)

/* The revisions of one item, newest first; selecting one shows how it
 * differs from the current text, and "Restore" writes it back (which
 * records a revision of its own).
 *
 * Signals:
 *   NdHistoryDialog::restored (guint number)  after a revision was restored
 *
 * Actions (group "history"):
 *   history.restore  restores the selected revision and closes the dialog
 */

NdHistoryDialog *nd_history_dialog_new             (GtkWindow       *parent,
                                                    NdStore         *store,
                                                    const char      *item_id);
/* Selects revision @number (its difference is shown); FALSE if there is none. */
gboolean         nd_history_dialog_select_revision (NdHistoryDialog *self,
                                                    guint            number);
/* Restores revision @number into the item: text, metadata and tags; the
 * id, status, images and publication state stay. The current text is kept
 * as a revision first if no revision has it yet. */
gboolean         nd_history_dialog_restore         (NdHistoryDialog *self,
                                                    guint            number,
                                                    GError         **error);

/* The difference between two texts, word by word, as it is shown:
 * unchanged, removed (in @old only) and added (in @new only) runs. */
typedef enum
{
  ND_DIFF_EQUAL,
  ND_DIFF_REMOVED,
  ND_DIFF_ADDED,
} NdDiffOp;

typedef void (*NdDiffFunc) (NdDiffOp    op,
                            const char *text,
                            gsize       len,
                            gpointer    user_data);

void             nd_diff_texts                     (const char      *old_text,
                                                    const char      *new_text,
                                                    NdDiffFunc       func,
                                                    gpointer         user_data);

G_END_DECLS
