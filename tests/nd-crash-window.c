/* nd-crash-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-crash-window"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gtksourceview/gtksource.h>

#include "nd-application.h"
#include "nd-item-editor.h"
#include "nd-store.h"
#include "nd-window.h"
#include "nd-window-private.h"

/* The window side of test-crash.c, run as a child process that the test
 * kills with SIGKILL (a GTK process is never forked: it is started anew).
 *
 *   nd-crash-window DB ID report      opens the real window on DB with
 *                                     item ID, prints "loaded SHA" and exits
 *   nd-crash-window DB ID type FIRST  the same, then types into the body
 *                                     until it is killed: " wN" (N from
 *                                     FIRST on) every TYPE_INTERVAL_MS,
 *                                     printing "typed N SHA" after each
 *                                     keystroke and "saved SHA" after each
 *                                     autosave that completed
 *
 * SHA is the SHA-256 of the body's text. Every line is written with one
 * write(2) before the main loop runs again, so a line the test has read
 * describes what happened before the kill, and every text the editor can
 * have been saving has been reported as typed. */

#define TYPE_INTERVAL_MS 40
/* A child the test forgot: it ends by itself. */
#define GIVE_UP_S        60

typedef struct
{
  NdItemEditor  *editor;
  GtkTextBuffer *body;
  guint          next;
} Typist;

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0;
  gsize length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  length = strlen (line);
  while (done < length)
    {
      gssize n = write (STDOUT_FILENO, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("cannot write to the test: %s", g_strerror (errno));
      done += n;
    }
}

static char *
dup_body_sha (GtkTextBuffer *body)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (body, &start, &end);
  text = gtk_text_buffer_get_text (body, &start, &end, FALSE);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
saved_changed_cb (NdItemEditor *editor,
                  GParamSpec   *pspec,
                  Typist       *typist)
{
  g_autofree char *sha = NULL;

  if (!nd_item_editor_get_saved (editor))
    return;

  sha = dup_body_sha (typist->body);
  say ("saved %s\n", sha);
}

static gboolean
type_cb (gpointer user_data)
{
  Typist *typist = user_data;
  g_autofree char *word = g_strdup_printf (" w%u", typist->next);
  g_autofree char *sha = NULL;
  GtkTextIter end;

  /* At the end, as a user typing on would; through the buffer, so that
   * the editor sees the same "changed" a keystroke gives. */
  gtk_text_buffer_get_end_iter (typist->body, &end);
  gtk_text_buffer_insert (typist->body, &end, word, -1);

  sha = dup_body_sha (typist->body);
  say ("typed %u %s\n", typist->next, sha);
  typist->next++;

  return G_SOURCE_CONTINUE;
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_printerr ("nd-crash-window: not killed after %d s\n", GIVE_UP_S);
  _exit (3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdApplication) app = NULL;
  g_autofree char *sha = NULL;
  Typist typist = { 0 };
  NdWindow *window;
  GtkWidget *box;
  GObject *body_view;

  if (argc < 4 || (g_str_equal (argv[3], "type") && argc < 5))
    {
      g_printerr ("usage: nd-crash-window DB ID report | DB ID type FIRST\n");
      return 2;
    }

  gtk_init ();
  adw_init ();
  gtk_source_init ();

  store = nd_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", argv[1], error->message);

  app = nd_application_new (argv[1]);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("cannot register: %s", error->message);

  window = nd_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!_nd_window_select_item (window, argv[2]))
    g_error ("no item %s in the window", argv[2]);

  box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, "editor_box"));
  typist.editor = ND_ITEM_EDITOR (gtk_widget_get_first_child (box));
  body_view = gtk_widget_get_template_child (GTK_WIDGET (typist.editor), ND_TYPE_ITEM_EDITOR,
                                             "body_view");
  typist.body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body_view));

  sha = dup_body_sha (typist.body);
  say ("loaded %s\n", sha);

  if (!g_str_equal (argv[3], "type"))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  typist.next = (guint) g_ascii_strtoull (argv[4], NULL, 10);
  g_signal_connect (typist.editor, "notify::saved", G_CALLBACK (saved_changed_cb), &typist);
  g_timeout_add (TYPE_INTERVAL_MS, type_cb, &typist);
  g_timeout_add_seconds (GIVE_UP_S, give_up_cb, NULL);

  for (;;)
    g_main_context_iteration (NULL, TRUE);
}
