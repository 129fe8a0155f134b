/* test-item-list-model.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-item-list-model"

#include "config.h"

#include <glib/gstdio.h>

#include "nd-item.h"
#include "nd-item-list-model-private.h"
#include "nd-store-private.h"
#include "nd-test-utils.h"

#define N_ITEMS 1000
#define PAGE ND_ITEM_LIST_MODEL_PAGE_SIZE

/* Fixture: a store of N_ITEMS items on distinct dates (item i is dated i
 * days after 2020-01-01, so the newest, i = N_ITEMS - 1, comes first),
 * with statuses, kinds and tags in turn, and "Gipfel" in the title of
 * every 3rd and the body of every 5th. */

typedef struct
{
  char            *dir;
  NdStore         *store;
  NdItemListModel *model;
  GArray          *signals;   /* Change, every items-changed */
  guint            n_notify;  /* notify::n-items */
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static char *
date_for (guint day)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (base, (int)day);

  return g_date_time_format (date, "%Y-%m-%d");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  /* Whoever listens may look at the model at once: it must already
   * have the size the signal describes. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, position + added);
  g_array_append_val (fixture->signals, change);
}

static void
n_items_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   Fixture    *fixture)
{
  fixture->n_notify++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("nd-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "news.db", NULL);
  fixture->store = nd_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(NdItem) item = nd_item_new ();
      g_autofree char *title = g_strdup_printf ("Item %u%s", i, i % 3 == 0 ? " Gipfel" : "");
      g_autofree char *body = g_strdup_printf ("Text%s", i % 5 == 0 ? " Gipfel Gipfel" : "");
      g_autofree char *date = date_for (i);
      g_autofree char *tag = g_strdup_printf ("Tag %u", i % 4);

      nd_item_set_title (item, title);
      nd_item_set_body (item, body);
      nd_item_set_date (item, date);
      nd_item_set_status (item, (NdItemStatus)(i % 5));
      nd_item_set_kind (item, (NdItemKind)(i % 4));
      nd_item_add_tag (item, tag);
      if (i % 10 == 0)
        nd_item_add_tag (item, "Zehn");
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  g_assert_true (nd_store_import_items (fixture->store, items, NULL, FALSE, &error));
  g_assert_no_error (error);

  fixture->model = nd_item_list_model_new (fixture->store);
  fixture->signals = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->model, "notify::n-items", G_CALLBACK (n_items_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->model);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->signals, g_array_unref);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static NdItem *
get_item (Fixture *fixture,
          guint    position)
{
  NdItem *item = g_list_model_get_item (G_LIST_MODEL (fixture->model), position);

  g_assert_true (ND_IS_ITEM (item));

  return item;
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->model));
}

static gboolean
is_loaded (gconstpointer data)
{
  return !nd_item_list_model_get_loading (ND_ITEM_LIST_MODEL ((gpointer)data));
}

/* Every item listed is in the model (none waits behind the first rows). */
static gboolean
is_whole (gconstpointer data)
{
  NdItemListModel *model = ND_ITEM_LIST_MODEL ((gpointer) data);

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == nd_item_list_model_get_n_listed (model);
}

static void
wait_loaded (Fixture *fixture)
{
  nd_test_wait_until (is_loaded, fixture->model);
}

static void
assert_one_change (Fixture *fixture,
                   guint    position,
                   guint    removed,
                   guint    added)
{
  Change *change;

  g_assert_cmpuint (fixture->signals->len, ==, 1);
  change = &g_array_index (fixture->signals, Change, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (fixture->signals, 0);
}

/* A new search, filter or reload took the list from @before items to
 * @after: the signals, applied in order, say so, each one within the
 * list as it then was. And a signal that removes rows adds at most a
 * page (GTK 4.8 reads every added item of such a signal). */
static void
assert_replaced (Fixture *fixture,
                 guint    before,
                 guint    after)
{
  guint n = before;

  g_assert_cmpuint (fixture->signals->len, >, 0);
  for (guint i = 0; i < fixture->signals->len; i++)
    {
      Change *change = &g_array_index (fixture->signals, Change, i);

      g_assert_cmpuint (change->position + change->removed, <=, n);
      if (change->removed > 0)
        g_assert_cmpuint (change->added, <=, PAGE);
      n = n - change->removed + change->added;
    }
  g_assert_cmpuint (n, ==, after);
  g_assert_cmpuint (n_items (fixture), ==, after);
  g_array_set_size (fixture->signals, 0);
}

/* Every position of the model holds the item @expected has there. */
static void
assert_model_is (Fixture   *fixture,
                 GPtrArray *expected)
{
  g_assert_cmpuint (n_items (fixture), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(NdItem) item = get_item (fixture, i);
      NdItem *want = g_ptr_array_index (expected, i);

      g_assert_cmpstr (nd_item_get_id (item), ==, nd_item_get_id (want));
      g_assert_cmpstr (nd_item_get_title (item), ==, nd_item_get_title (want));
      g_assert_cmpstr (nd_item_get_tags (item)[0], ==, nd_item_get_tags (want)[0]);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), expected->len));
}

static void
assert_model_is_listing (Fixture             *fixture,
                         const NdStoreFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = nd_store_list_items (fixture->store, filter, &error);

  g_assert_no_error (error);
  assert_model_is (fixture, listed);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = nd_store_list_items (fixture->store, NULL, &error);
  const guint positions[] = { 0, N_ITEMS / 2, N_ITEMS - 1 };
  guint n_items_prop = 0;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->model)) == ND_TYPE_ITEM);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS);
  g_object_get (fixture->model, "n-items", &n_items_prop, NULL);
  g_assert_cmpuint (n_items_prop, ==, N_ITEMS);
  g_assert_true (nd_item_list_model_get_store (fixture->model) == fixture->store);

  /* Nothing is read before it is asked for. */
  g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, 0);
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(NdItem) item = get_item (fixture, positions[i]);
      NdItem *want = g_ptr_array_index (listed, positions[i]);

      g_assert_cmpstr (nd_item_get_id (item), ==, nd_item_get_id (want));
      g_assert_cmpstr (nd_item_get_date (item), ==, nd_item_get_date (want));
      g_assert_cmpstr (nd_item_get_body (item), ==, "");
      g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, i + 1);
    }
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==, 3);

  /* The newest first. */
  {
    g_autoptr(NdItem) first = get_item (fixture, 0);
    g_autoptr(NdItem) again = get_item (fixture, 0);
    g_autoptr(NdItem) neighbour = get_item (fixture, PAGE - 1);
    g_autofree char *newest = date_for (N_ITEMS - 1);

    g_assert_cmpstr (nd_item_get_date (first), ==, newest);
    /* The same object while its page is cached, and no new read. */
    g_assert_true (first == again);
    g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, 3);
    g_assert_cmpstr (nd_item_get_id (neighbour), ==,
                     nd_item_get_id (g_ptr_array_index (listed, PAGE - 1)));
  }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), N_ITEMS));
  g_assert_cmpuint (fixture->signals->len, ==, 0);
}

static void
test_lru (Fixture       *fixture,
          gconstpointer  data)
{
  guint loads;

  for (guint page = 0; page < ND_ITEM_LIST_MODEL_MAX_PAGES + 2; page++)
    {
      g_autoptr(NdItem) item = get_item (fixture, page * PAGE + 1);
    }

  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==,
                    ND_ITEM_LIST_MODEL_MAX_PAGES);
  loads = _nd_item_list_model_get_n_page_loads (fixture->model);
  g_assert_cmpuint (loads, ==, ND_ITEM_LIST_MODEL_MAX_PAGES + 2);

  /* The two least recently used went; the last one is still there. */
  {
    g_autoptr(NdItem) last = get_item (fixture, (ND_ITEM_LIST_MODEL_MAX_PAGES + 1) * PAGE);
    g_autoptr(NdItem) first = NULL;

    g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, loads);
    first = get_item (fixture, 0);
    g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, loads + 1);
  }

  /* Reading the whole list never holds more than the cap. */
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(NdItem) item = get_item (fixture, i);
    }
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==,
                    ND_ITEM_LIST_MODEL_MAX_PAGES);
}

static void
test_whole_list (Fixture       *fixture,
                 gconstpointer  data)
{
  assert_model_is_listing (fixture, NULL);
}

static NdItem *load_ok (Fixture    *fixture,
                        const char *id);
static void    save_ok (Fixture    *fixture,
                        NdItem     *item);

/* Typing on in the search: rows that stay at their place get no signal,
 * and an item listed again (anywhere in the first page) is the same
 * object, so that GTK keeps its row, and nothing is read for it. */
static void
test_search_keeps_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NdItem) first = NULL;
  g_autoptr(NdItem) edited = NULL;
  g_autoptr(NdItem) listed = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  guint reused = 0;

  nd_item_list_model_set_search (fixture->model, "gipfel");
  first = get_item (fixture, 0);
  g_array_set_size (fixture->signals, 0);

  /* The same matches for a longer prefix: no signal at all. */
  nd_item_list_model_set_search (fixture->model, "gipfe");
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* Fewer matches, those with the first one's status. The first one is
   * changed in the store before its new page is read: it is read again,
   * not taken from before. */
  filter.status = nd_item_get_status (first);
  nd_item_list_model_set_filter (fixture->model, &filter);
  edited = load_ok (fixture, nd_item_get_id (first));
  nd_item_set_title (edited, "Gipfel, umbenannt");
  save_ok (fixture, edited);
  listed = get_item (fixture, nd_item_list_model_find (fixture->model, nd_item_get_id (first)));
  g_assert_cmpstr (nd_item_get_title (listed), ==, "Gipfel, umbenannt");
  g_assert_true (listed != first);

  for (guint i = 0; i < MIN (PAGE, n_items (fixture)); i++)
    g_ptr_array_add (shown, get_item (fixture, i));

  /* All matches again (their first page shown, as a list view does),
   * then the same filter again: the items of the filtered page come back
   * as the very objects that were shown. */
  nd_item_list_model_set_filter (fixture->model, NULL);
  g_object_unref (get_item (fixture, 0));
  nd_item_list_model_set_filter (fixture->model, &filter);
  g_assert_cmpuint (fixture->signals->len, >, 0);
  g_array_set_size (fixture->signals, 0);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autoptr(NdItem) item = get_item (fixture, i);

      g_assert_cmpint (nd_item_get_status (item), ==, filter.status);
      if (item == g_ptr_array_index (shown, i))
        reused++;
    }
  g_assert_cmpuint (reused, >, 0);

  /* A reload reads everything again: new objects. */
  nd_item_list_model_reload (fixture->model);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autoptr(NdItem) item = get_item (fixture, i);

      g_assert_true (item != g_ptr_array_index (shown, i));
    }
}

/* With first rows set (a view's visible rows), a new query shows those
 * at once and the rest after a pause; a query typed before that replaces
 * the first rows, and the rest it never showed goes without a signal. */
static void
test_first_rows (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gipfel = nd_store_search (fixture->store, "gipfel", 0, &error);
  g_autoptr(GPtrArray) item = nd_store_search (fixture->store, "item", 0, &error);
  Change *change;
  guint first;

  g_assert_no_error (error);
  nd_item_list_model_set_first_rows (fixture->model, 5);

  nd_item_list_model_set_search (fixture->model, "gipfel");
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  change = &g_array_index (fixture->signals, Change, 0);
  first = change->position;  /* the rows both lists begin with stay; 5 rows in all */
  g_assert_cmpuint (first, <, 5);
  g_assert_cmpuint (change->removed, ==, N_ITEMS - first);
  g_assert_cmpuint (change->added, ==, 5 - first);
  g_assert_cmpuint (n_items (fixture), ==, 5);
  g_assert_cmpuint (nd_item_list_model_get_n_listed (fixture->model), ==, gipfel->len);

  nd_test_drain ();
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  nd_test_wait_until (is_whole, fixture->model);
  g_assert_cmpuint (fixture->signals->len, ==, 2);
  change = &g_array_index (fixture->signals, Change, 1);
  g_assert_cmpuint (change->position, ==, 5);
  g_assert_cmpuint (change->removed, ==, 0);
  assert_replaced (fixture, N_ITEMS, gipfel->len);
  assert_model_is (fixture, gipfel);

  /* Two queries in a row: the second compares with the first rows only. */
  nd_item_list_model_set_search (fixture->model, "item");
  g_assert_cmpuint (n_items (fixture), <=, gipfel->len);
  nd_item_list_model_set_search (fixture->model, "gipfel");
  nd_test_wait_until (is_whole, fixture->model);
  assert_replaced (fixture, gipfel->len, gipfel->len);
  assert_model_is (fixture, gipfel);
  g_assert_cmpuint (nd_item_list_model_get_n_listed (fixture->model), ==, gipfel->len);
  g_assert_cmpuint (item->len, >, gipfel->len);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  char tag[] = "zehn";
  guint before;

  filter.status = ND_ITEM_STATUS_READY;
  filter.limit = 3;  /* ignored */
  nd_item_list_model_set_filter (fixture->model, &filter);
  assert_replaced (fixture, N_ITEMS, N_ITEMS / 5);
  g_assert_cmpuint (fixture->n_notify, ==, 1);
  filter.limit = 0;
  assert_model_is_listing (fixture, &filter);

  before = n_items (fixture);
  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.kind = ND_ITEM_KIND_EVENT;
  nd_item_list_model_set_filter (fixture->model, &filter);
  assert_replaced (fixture, before, N_ITEMS / 4);
  assert_model_is_listing (fixture, &filter);

  /* The model keeps its own copy of the tag. */
  before = n_items (fixture);
  filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  filter.tag = tag;
  nd_item_list_model_set_filter (fixture->model, &filter);
  tag[0] = 'X';
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS / 10);
  assert_replaced (fixture, before, N_ITEMS / 10);
  filter.tag = "Zehn";
  filter.status = ND_ITEM_STATUS_DRAFT;
  g_assert_cmpuint (nd_store_count_items (fixture->store, &filter, NULL), >, 0);
  nd_item_list_model_set_filter (fixture->model, &filter);
  g_array_set_size (fixture->signals, 0);
  assert_model_is_listing (fixture, &filter);

  nd_item_list_model_set_filter (fixture->model, NULL);
  assert_replaced (fixture, nd_store_count_items (fixture->store, &filter, NULL), N_ITEMS);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = nd_store_search (fixture->store, "gipfel", 0, &error);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();
  g_autofree char *search = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, PAGE * 2);

  nd_item_list_model_set_search (fixture->model, "gipfel");
  g_assert_cmpstr (nd_item_list_model_get_search (fixture->model), ==, "gipfel");
  assert_replaced (fixture, N_ITEMS, found->len);
  assert_model_is (fixture, found);

  /* The same search again changes nothing. */
  g_object_set (fixture->model, "search", "gipfel", NULL);
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* A search looks inside the filter. */
  filter.status = ND_ITEM_STATUS_DRAFT;
  nd_item_list_model_set_filter (fixture->model, &filter);
  for (guint i = 0; i < found->len; i++)
    {
      NdItem *item = g_ptr_array_index (found, i);

      if (nd_item_get_status (item) == ND_ITEM_STATUS_DRAFT)
        g_ptr_array_add (drafts, item);
    }
  g_assert_cmpuint (drafts->len, <, found->len);
  assert_replaced (fixture, found->len, drafts->len);
  assert_model_is (fixture, drafts);

  nd_item_list_model_set_filter (fixture->model, NULL);
  g_array_set_size (fixture->signals, 0);

  /* Nothing to search for yet (spaces, one letter being typed) lists
   * everything, as "" does; "Gipfel G" looks for "Gipfel ". */
  nd_item_list_model_set_search (fixture->model, "  ");
  assert_replaced (fixture, found->len, N_ITEMS);
  nd_item_list_model_set_search (fixture->model, "G");
  g_assert_cmpstr (nd_item_list_model_get_search (fixture->model), ==, "G");
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  nd_item_list_model_set_search (fixture->model, "Gipfel G");
  assert_replaced (fixture, N_ITEMS, found->len);
  assert_model_is (fixture, found);
  nd_item_list_model_set_search (fixture->model, "");
  g_assert_null (nd_item_list_model_get_search (fixture->model));
  assert_replaced (fixture, found->len, N_ITEMS);
  g_object_get (fixture->model, "search", &search, NULL);
  g_assert_null (search);
}

static void
title_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static NdItem *
load_ok (Fixture    *fixture,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  NdItem *item = nd_store_load_item (fixture->store, id, &error);

  g_assert_no_error (error);

  return item;
}

static void
save_ok (Fixture *fixture,
         NdItem  *item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nd_store_save_item (fixture->store, item, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);
}

static void
test_modified_in_place (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(NdItem) shown = get_item (fixture, 123);
  g_autoptr(NdItem) edited = load_ok (fixture, nd_item_get_id (shown));
  g_autoptr(NdItem) after = NULL;
  guint n_title = 0;

  g_signal_connect (shown, "notify::title", G_CALLBACK (title_notify_cb), &n_title);

  nd_item_set_title (edited, "A better title");
  nd_item_add_tag (edited, "Neu");
  save_ok (fixture, edited);

  assert_one_change (fixture, 123, 1, 1);
  g_assert_cmpuint (fixture->n_notify, ==, 0);
  /* The object the row is bound to has the new values. */
  g_assert_cmpstr (nd_item_get_title (shown), ==, "A better title");
  g_assert_true (nd_item_has_tag (shown, "Neu"));
  g_assert_cmpuint (n_title, ==, 1);
  g_assert_true (g_date_time_equal (nd_item_get_updated (shown), nd_item_get_updated (edited)));
  after = get_item (fixture, 123);
  g_assert_true (after == shown);

  /* A page not cached: the signal alone. */
  g_clear_object (&edited);
  {
    g_autoptr(NdItem) far = NULL;
    g_autoptr(GPtrArray) listed = nd_store_list_items (fixture->store, NULL, NULL);
    guint loads = _nd_item_list_model_get_n_page_loads (fixture->model);

    edited = load_ok (fixture, nd_item_get_id (g_ptr_array_index (listed, 900)));
    nd_item_set_teaser (edited, "Changed far away");
    save_ok (fixture, edited);
    assert_one_change (fixture, 900, 1, 1);
    g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, loads);
    far = get_item (fixture, 900);
    g_assert_cmpstr (nd_item_get_teaser (far), ==, "Changed far away");
  }

  g_signal_handlers_disconnect_by_func (shown, title_notify_cb, &n_title);
}

static void
test_moved (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(NdItem) shown = get_item (fixture, 10);
  g_autoptr(NdItem) edited = load_ok (fixture, nd_item_get_id (shown));
  g_autoptr(NdItem) moved = NULL;
  g_autofree char *date = NULL;
  guint target;

  /* Item i is at position N_ITEMS - 1 - i; dated like item 500 (and
   * updated later), it goes just before that one. */
  date = date_for (500);
  target = N_ITEMS - 1 - 500 - 1;
  nd_item_set_date (edited, date);
  save_ok (fixture, edited);

  /* Positions 10 to target changed: more than a page, so in two signals. */
  g_assert_cmpuint (g_array_index (fixture->signals, Change, 0).position, ==, 10);
  g_assert_cmpuint (g_array_index (fixture->signals, Change, 0).removed, ==, target - 10 + 1);
  assert_replaced (fixture, N_ITEMS, N_ITEMS);
  g_assert_cmpuint (nd_item_list_model_find (fixture->model, nd_item_get_id (edited)), ==, target);
  moved = get_item (fixture, target);
  g_assert_cmpstr (nd_item_get_id (moved), ==, nd_item_get_id (edited));
  g_assert_cmpstr (nd_item_get_date (moved), ==, date);
  assert_model_is_listing (fixture, NULL);

  /* And back up to the top. */
  g_clear_pointer (&date, g_free);
  date = date_for (N_ITEMS + 10);
  nd_item_set_date (edited, date);
  save_ok (fixture, edited);
  g_assert_cmpuint (g_array_index (fixture->signals, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (fixture->signals, Change, 0).removed, ==, target + 1);
  assert_replaced (fixture, N_ITEMS, N_ITEMS);
  assert_model_is_listing (fixture, NULL);
}

static void
test_added_and_removed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdItem) newest = nd_item_new ();
  g_autoptr(NdItem) middle = nd_item_new ();
  g_autoptr(NdItem) at_42 = get_item (fixture, 42);
  g_autoptr(NdItem) first = NULL;
  g_autofree char *date = date_for (N_ITEMS + 1);
  g_autofree char *id_42 = g_strdup (nd_item_get_id (at_42));

  nd_item_set_date (newest, date);
  save_ok (fixture, newest);
  assert_one_change (fixture, 0, 0, 1);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS + 1);
  g_assert_cmpuint (fixture->n_notify, ==, 1);
  first = get_item (fixture, 0);
  g_assert_cmpstr (nd_item_get_id (first), ==, nd_item_get_id (newest));

  /* 42 moved to 43; the new one goes before it. */
  g_clear_pointer (&date, g_free);
  date = g_strdup (nd_item_get_date (at_42));
  nd_item_set_date (middle, date);
  save_ok (fixture, middle);
  assert_one_change (fixture, 43, 0, 1);
  g_assert_cmpuint (nd_item_list_model_find (fixture->model, nd_item_get_id (middle)), ==, 43);
  g_assert_cmpuint (nd_item_list_model_find (fixture->model, id_42), ==, 44);

  g_assert_true (nd_store_delete_item (fixture->store, id_42, &error));
  g_assert_no_error (error);
  assert_one_change (fixture, 44, 1, 0);
  g_assert_cmpuint (nd_item_list_model_find (fixture->model, id_42), ==, G_MAXUINT);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS + 1);
  assert_model_is_listing (fixture, NULL);
}

/* Items older than all others go to the end: growing a short, cached
 * last page must not leave that page in the cache (it would be read
 * past its end). */
static void
test_append_to_short_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NdItem) one = nd_item_new ();
  g_autoptr(NdItem) two = nd_item_new ();
  g_autoptr(NdItem) last = NULL;
  g_autoptr(NdItem) shown = NULL;

  nd_item_set_title (one, "Old");
  nd_item_set_date (one, "2019-01-01");
  save_ok (fixture, one);
  assert_one_change (fixture, N_ITEMS, 0, 1);
  last = get_item (fixture, N_ITEMS);
  g_assert_cmpstr (nd_item_get_id (last), ==, nd_item_get_id (one));

  nd_item_set_title (two, "Older");
  nd_item_set_date (two, "2018-01-01");
  save_ok (fixture, two);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS + 2);
  shown = get_item (fixture, N_ITEMS + 1);
  g_assert_true (ND_IS_ITEM (shown));
  g_assert_cmpstr (nd_item_get_title (shown), ==, "Older");
  assert_model_is_listing (fixture, NULL);
}

static void
test_filtered_changes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(NdItem) outside = NULL;
  g_autoptr(NdItem) inside = NULL;
  g_autoptr(NdItem) shown = NULL;
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  guint position;

  filter.status = ND_ITEM_STATUS_DRAFT;
  nd_item_list_model_set_filter (fixture->model, &filter);
  g_array_set_size (fixture->signals, 0);

  /* A change to an item the list does not show: no signal. */
  {
    g_autoptr(GPtrArray) ready = NULL;

    filter.status = ND_ITEM_STATUS_READY;
    ready = nd_store_list_items (fixture->store, &filter, NULL);
    outside = load_ok (fixture, nd_item_get_id (g_ptr_array_index (ready, 0)));
    nd_item_set_title (outside, "Not shown");
    save_ok (fixture, outside);
    g_assert_cmpuint (fixture->signals->len, ==, 0);
  }

  /* A draft that is made ready leaves the list. */
  shown = get_item (fixture, 7);
  inside = load_ok (fixture, nd_item_get_id (shown));
  nd_item_set_status (inside, ND_ITEM_STATUS_READY);
  save_ok (fixture, inside);
  assert_one_change (fixture, 7, 1, 0);

  /* And comes back where it was. */
  nd_item_set_status (inside, ND_ITEM_STATUS_DRAFT);
  save_ok (fixture, inside);
  assert_one_change (fixture, 7, 0, 1);
  position = nd_item_list_model_find (fixture->model, nd_item_get_id (inside));
  g_assert_cmpuint (position, ==, 7);

  filter.status = ND_ITEM_STATUS_DRAFT;
  assert_model_is_listing (fixture, &filter);
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) other = nd_store_open (nd_store_get_path (fixture->store), &error);
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdItem) first = NULL;
  g_autofree char *date = date_for (N_ITEMS + 5);

  g_assert_no_error (error);
  nd_item_set_date (item, date);
  g_assert_true (nd_store_save_item (other, item, ND_REVISION_REASON_NONE, &error));
  g_assert_no_error (error);

  /* Another connection's write is not seen until reload(). */
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  g_assert_cmpuint (n_items (fixture), ==, N_ITEMS);

  nd_item_list_model_reload (fixture->model);
  /* The first chunk at once, the one item more after it. */
  g_assert_cmpuint (N_ITEMS, ==, ND_ITEM_LIST_MODEL_FIRST_CHUNK);
  assert_replaced (fixture, N_ITEMS, N_ITEMS);
  wait_loaded (fixture);
  assert_one_change (fixture, N_ITEMS, 0, 1);
  first = get_item (fixture, 0);
  g_assert_cmpstr (nd_item_get_id (first), ==, nd_item_get_id (item));
}

/* Reading in chunks: the first chunk at once, the rest appended in idles,
 * in the store's order; a change or a new search meanwhile wins. */

/* Every signal since the last check appended to the end, @first_chunk
 * rows were there before them, and the model is now @expected. */
static void
assert_appended (Fixture   *fixture,
                 guint      first_chunk,
                 GPtrArray *expected)
{
  guint end = first_chunk;

  g_assert_cmpuint (fixture->signals->len, >, 0);
  for (guint i = 0; i < fixture->signals->len; i++)
    {
      Change *change = &g_array_index (fixture->signals, Change, i);

      g_assert_cmpuint (change->position, ==, end);
      g_assert_cmpuint (change->removed, ==, 0);
      g_assert_cmpuint (change->added, >, 0);
      end += change->added;
    }
  g_assert_cmpuint (end, ==, expected->len);
  g_array_set_size (fixture->signals, 0);
  assert_model_is (fixture, expected);
}

static void
test_chunks_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = nd_store_list_items (fixture->store, NULL, &error);
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) drafts = NULL;
  gboolean loading = FALSE;

  g_assert_no_error (error);
  wait_loaded (fixture);
  _nd_item_list_model_set_chunk_sizes (fixture->model, 100, 300);

  nd_item_list_model_reload (fixture->model);
  assert_replaced (fixture, N_ITEMS, 100);
  g_object_get (fixture->model, "loading", &loading, NULL);
  g_assert_true (loading);
  wait_loaded (fixture);
  assert_appended (fixture, 100, all);

  /* A filter reads in chunks as well. */
  filter.status = ND_ITEM_STATUS_DRAFT;
  drafts = nd_store_list_items (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, >, 100);
  nd_item_list_model_set_filter (fixture->model, &filter);
  assert_replaced (fixture, N_ITEMS, 100);
  wait_loaded (fixture);
  assert_appended (fixture, 100, drafts);
}

static void
test_chunks_search (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();
  NdStoreFilter filter = ND_STORE_FILTER_INIT;

  wait_loaded (fixture);
  _nd_store_set_rank_window (fixture->store, 50);
  _nd_item_list_model_set_chunk_sizes (fixture->model, 100, 40);
  found = nd_store_search (fixture->store, "gipfel", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 50 + 2 * 40);

  /* The ranked window at once; the older matches after it. */
  nd_item_list_model_set_search (fixture->model, "gipfel");
  assert_replaced (fixture, N_ITEMS, 50);
  wait_loaded (fixture);
  assert_appended (fixture, 50, found);

  /* Narrowed to the drafts, chunk by chunk. */
  for (guint i = 0; i < found->len; i++)
    {
      NdItem *item = g_ptr_array_index (found, i);

      if (nd_item_get_status (item) == ND_ITEM_STATUS_DRAFT)
        g_ptr_array_add (drafts, item);
    }
  filter.status = ND_ITEM_STATUS_DRAFT;
  nd_item_list_model_set_filter (fixture->model, &filter);
  g_array_set_size (fixture->signals, 0);
  wait_loaded (fixture);
  g_array_set_size (fixture->signals, 0);
  assert_model_is (fixture, drafts);
}

static void
test_chunks_interrupted (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = nd_store_search (fixture->store, "gipfel", 0, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(NdItem) edited = NULL;

  g_assert_no_error (error);
  wait_loaded (fixture);
  _nd_item_list_model_set_chunk_sizes (fixture->model, 100, 300);

  /* A search typed while the list is read: only the search is listed. */
  nd_item_list_model_reload (fixture->model);
  g_assert_true (nd_item_list_model_get_loading (fixture->model));
  nd_item_list_model_set_search (fixture->model, "gipfel");
  g_assert_cmpuint (n_items (fixture), ==, found->len);
  wait_loaded (fixture);
  assert_model_is (fixture, found);

  /* A change while the list is read: the whole list is read at once. */
  nd_item_list_model_set_search (fixture->model, NULL);
  g_assert_true (nd_item_list_model_get_loading (fixture->model));
  edited = get_item (fixture, 10);
  edited = load_ok (fixture, nd_item_get_id (edited));
  nd_item_set_title (edited, "Edited while loading");
  save_ok (fixture, edited);
  g_assert_false (nd_item_list_model_get_loading (fixture->model));
  all = nd_store_list_items (fixture->store, NULL, &error);
  g_assert_no_error (error);
  assert_model_is (fixture, all);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) listed = nd_store_list_items (fixture->store, NULL, NULL);

  for (guint i = 0; i < listed->len; i += 97)
    g_assert_cmpuint (nd_item_list_model_find (fixture->model,
                                               nd_item_get_id (g_ptr_array_index (listed, i))),
                      ==, i);

  g_assert_cmpuint (nd_item_list_model_find (fixture->model,
                                             "00000000-0000-4000-8000-000000000000"),
                    ==, G_MAXUINT);
  g_assert_cmpuint (_nd_item_list_model_get_n_page_loads (fixture->model), ==, 0);
}

/* A store that fails while a page is read: no NULL for a position in
 * range, one warning, and the next call tries again. */
static void
test_store_error (Fixture       *fixture,
                  gconstpointer  data)
{
  sqlite3 *db = _nd_store_get_db (fixture->store);
  g_autoptr(NdItem) blank = NULL;
  g_autoptr(NdItem) blank_again = NULL;
  g_autoptr(NdItem) real = NULL;

  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE items RENAME TO items_away", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_test_expect_message ("nd-item-list-model", G_LOG_LEVEL_WARNING, "Cannot read the item list*");
  blank = get_item (fixture, 5);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (nd_item_get_title (blank), ==, "");
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==, 0);

  /* Only once. */
  blank_again = get_item (fixture, 6);

  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE items_away RENAME TO items", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  real = get_item (fixture, 5);
  g_assert_cmpstr (nd_item_get_title (real), !=, "");
  g_assert_cmpuint (_nd_item_list_model_get_n_cached_pages (fixture->model), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/item-list-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("pages", test_pages);
  ADD ("lru", test_lru);
  ADD ("whole-list", test_whole_list);
  ADD ("filter", test_filter);
  ADD ("search", test_search);
  ADD ("search/keeps-rows", test_search_keeps_rows);
  ADD ("search/first-rows", test_first_rows);
  ADD ("changed/in-place", test_modified_in_place);
  ADD ("changed/moved", test_moved);
  ADD ("changed/added-removed", test_added_and_removed);
  ADD ("changed/append-to-short-page", test_append_to_short_page);
  ADD ("changed/filtered", test_filtered_changes);
  ADD ("reload", test_reload);
  ADD ("chunks/list", test_chunks_list);
  ADD ("chunks/search", test_chunks_search);
  ADD ("chunks/interrupted", test_chunks_interrupted);
  ADD ("find", test_find);
  ADD ("store-error", test_store_error);

#undef ADD

  return g_test_run ();
}
