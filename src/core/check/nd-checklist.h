/* nd-checklist.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "nd-types.h"

G_BEGIN_DECLS

/* The pre-publication checklist. ERROR blocks publication; WARNING is
 * shown but does not. */
typedef enum
{
  ND_CHECK_ERROR,
  ND_CHECK_WARNING,
} NdCheckSeverity;

typedef struct
{
  NdCheckSeverity  severity;
  char            *field;    /* "title", "teaser", "body", "date", "image" */
  char            *message;  /* translated, one line */
} NdCheckProblem;

void       nd_check_problem_free (NdCheckProblem *problem);

/* (element-type NdCheckProblem) (transfer full): never NULL, empty when
 * the item passes. */
GPtrArray *nd_item_check         (NdItem         *item);
gboolean   nd_check_passes       (GPtrArray      *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCheckProblem, nd_check_problem_free)

G_END_DECLS
