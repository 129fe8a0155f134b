/* nd-remote-item.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-remote-item.h"

void
nd_remote_item_clear (NdRemoteItem *remote)
{
  g_return_if_fail (remote != NULL);

  g_clear_pointer (&remote->remote_id, g_free);
  g_clear_pointer (&remote->url, g_free);
  g_clear_pointer (&remote->status, g_free);
  g_clear_pointer (&remote->remote_modified, g_free);
  g_clear_pointer (&remote->published, g_date_time_unref);
  g_clear_pointer (&remote->digest, g_free);
  g_clear_pointer (&remote->target, g_free);
  remote->published_revision = 0;
}

void
nd_remote_item_free (NdRemoteItem *remote)
{
  if (remote == NULL)
    return;

  nd_remote_item_clear (remote);
  g_free (remote);
}
