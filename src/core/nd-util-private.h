/* nd-util-private.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrives only in GLib 2.76; this is its equivalent. Replaces
 * *@ptr by a copy of @value and returns TRUE if they differed. */
static inline gboolean
nd_set_str (char       **ptr,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;

  return TRUE;
}

G_END_DECLS
