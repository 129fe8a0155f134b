/* nd-revision.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-revision"

#include "config.h"

#include <json-glib/json-glib.h>

#include "nd-revision.h"

struct _NdRevision
{
  GObject           parent_instance;

  /* Owned References */
  GDateTime        *created;
  char             *snapshot;

  guint             number;
  NdRevisionReason  reason;
};

G_DEFINE_FINAL_TYPE (NdRevision, nd_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_REASON,
  PROP_CREATED,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_revision_finalize (GObject *object)
{
  NdRevision *self = (NdRevision *)object;

  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->snapshot, g_free);

  G_OBJECT_CLASS (nd_revision_parent_class)->finalize (object);
}

static void
nd_revision_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NdRevision *self = ND_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_SNAPSHOT:
      g_value_set_string (value, self->snapshot);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NdRevision *self = ND_REVISION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      self->number = g_value_get_uint (value);
      break;

    case PROP_REASON:
      self->reason = g_value_get_enum (value);
      break;

    case PROP_CREATED:
      self->created = g_value_dup_boxed (value);
      break;

    case PROP_SNAPSHOT:
      self->snapshot = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_class_init (NdRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_STATIC_STRINGS);

  object_class->finalize = nd_revision_finalize;
  object_class->get_property = nd_revision_get_property;
  object_class->set_property = nd_revision_set_property;

  properties [PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL,
                       ND_TYPE_REVISION_REASON, ND_REVISION_REASON_NONE, flags);
  properties [PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_SNAPSHOT] =
    g_param_spec_string ("snapshot", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_revision_init (NdRevision *self)
{
}

/**
 * nd_revision_new:
 * @number: the revision's number within its item, from 1
 * @reason: why it was recorded
 * @created: (nullable): when it was recorded
 * @snapshot: the item as JSON
 *
 * Returns: (transfer full): a new, immutable revision
 */
NdRevision *
nd_revision_new (guint             number,
                 NdRevisionReason  reason,
                 GDateTime        *created,
                 const char       *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return g_object_new (ND_TYPE_REVISION,
                       "number", number,
                       "reason", reason,
                       "created", created,
                       "snapshot", snapshot,
                       NULL);
}

guint
nd_revision_get_number (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->number;
}

NdRevisionReason
nd_revision_get_reason (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), ND_REVISION_REASON_NONE);

  return self->reason;
}

/**
 * nd_revision_get_created:
 *
 * Returns: (transfer none) (nullable): when the revision was recorded
 */
GDateTime *
nd_revision_get_created (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->created;
}

const char *
nd_revision_get_snapshot (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->snapshot;
}

