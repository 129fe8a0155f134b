/* test-window.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "nd-application.h"
#include "nd-item.h"
#include "nd-store.h"
#include "nd-window.h"

/* A smoke test of the window under Xvfb (tests/meson.build starts one):
 * its template and resources load, and it shows the store's items, the
 * empty state, or why the database could not be opened. */

static NdApplication *app;

static const char *
visible_page (NdWindow *window)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, "stack");

  g_assert_true (GTK_IS_STACK (stack));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
test_window_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = nd_store_open (":memory:", &error);
  g_autoptr(NdItem) item = nd_item_new ();
  GObject *list;
  GListModel *model;
  NdWindow *window;

  g_assert_no_error (error);
  nd_item_set_title (item, "Clusterkonferenz in Brüssel");
  nd_item_set_date (item, "2024-05-14");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));

  window = nd_window_new (app, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (visible_page (window), ==, "items");

  list = gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, "item_list");
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(NdItem) shown = g_list_model_get_item (model, 0);

    g_assert_cmpstr (nd_item_get_title (shown), ==, "Clusterkonferenz in Brüssel");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = nd_store_open (":memory:", &error);
  NdWindow *window;

  g_assert_no_error (error);
  window = nd_window_new (app, store, NULL);
  g_assert_cmpstr (visible_page (window), ==, "empty");

  /* The empty state's icon comes from our resources, installed or not. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          "org.newsdesk.Newsdesk-symbolic"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_store_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (ND_STORE_ERROR, ND_STORE_ERROR_NOT_A_DATABASE,
                                                 "“x.db” is not a Newsdesk database");
  GObject *page;
  NdWindow *window;

  window = nd_window_new (app, NULL, error);
  g_assert_cmpstr (visible_page (window), ==, "error");
  page = gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                   "“x.db” is not a Newsdesk database");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  adw_init ();
  app = nd_application_new (":memory:");
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/window/items", test_window_items);
  g_test_add_func ("/window/empty", test_window_empty);
  g_test_add_func ("/window/store-error", test_window_store_error);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
