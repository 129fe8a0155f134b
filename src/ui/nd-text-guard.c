/* nd-text-guard.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-text-guard"

#include "config.h"

#include <string.h>

#include "nd-text-guard.h"

#define FIELD_KEY "nd-text-guard-field"

static NdField
get_field (gpointer object)
{
  return (NdField) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (object), FIELD_KEY));
}

/* The sanitised text when @text holds anything @field may not, else NULL. */
static char *
dup_sanitized (NdField     field,
               const char *text,
               int         length)
{
  g_autofree char *copy = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);

  if (nd_field_find_forbidden (field, copy) == NULL)
    return NULL;

  return nd_field_sanitize (field, copy, -1);
}

static void
buffer_insert_text_cb (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       const char    *text,
                       int            length,
                       gpointer       user_data)
{
  g_autofree char *clean = dup_sanitized (get_field (buffer), text, length);

  if (clean == NULL)
    return;

  /* Inserting the clean text emits the signal again, and passes. */
  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_text_buffer_insert (buffer, location, clean, -1);
}

static void
editable_insert_text_cb (GtkEditable *editable,
                         const char  *text,
                         int          length,
                         int         *position,
                         gpointer     user_data)
{
  g_autofree char *clean = dup_sanitized (get_field (editable), text, length);

  if (clean == NULL)
    return;

  g_signal_stop_emission_by_name (editable, "insert-text");
  g_signal_handlers_block_by_func (editable, editable_insert_text_cb, user_data);
  gtk_editable_insert_text (editable, clean, -1, position);
  g_signal_handlers_unblock_by_func (editable, editable_insert_text_cb, user_data);
}

void
nd_text_guard_buffer (GtkTextBuffer *buffer,
                      NdField        field)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (field < ND_N_FIELDS);

  g_object_set_data (G_OBJECT (buffer), FIELD_KEY, GUINT_TO_POINTER (field));
  g_signal_connect (buffer, "insert-text", G_CALLBACK (buffer_insert_text_cb), NULL);
}

void
nd_text_guard_editable (GtkEditable *editable,
                        NdField      field)
{
  GtkEditable *delegate;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (field < ND_N_FIELDS);

  /* An entry forwards to its GtkText, which emits insert-text. */
  delegate = gtk_editable_get_delegate (editable);
  if (delegate != NULL)
    editable = delegate;

  g_object_set_data (G_OBJECT (editable), FIELD_KEY, GUINT_TO_POINTER (field));
  g_signal_connect (editable, "insert-text", G_CALLBACK (editable_insert_text_cb), NULL);
}
