/* nd-item-list-model.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item-list-model"

#include "config.h"

#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-list-model-private.h"
#include "nd-search-query.h"
#include "nd-util-private.h"

/* The model holds the ordered rowids ("handles") of the listed items:
 * 8 bytes an item, read from the indexes only. Items are made when
 * get_item() asks for them, a page of ND_ITEM_LIST_MODEL_PAGE_SIZE at a
 * time with one query, and at most ND_ITEM_LIST_MODEL_MAX_PAGES pages
 * are kept; a GtkListView keeps references to the rows it shows, so an
 * evicted page costs nothing visible. Memory stays flat however long
 * the list is.
 *
 * A new search or filter reads its first handles at once (the ranked
 * window of a search, the first ND_ITEM_LIST_MODEL_FIRST_CHUNK of a
 * list) and the rest in idle chunks, appended at the end: a keystroke
 * in the search costs one ranked window, not the 36,000 handles of a
 * word found in a third of the items, and the rows on screen are not
 * touched by the appends.
 *
 * Every change the store reports re-reads all the handles (a few ms at
 * 100,000 items) and compares them with the old ones: that is simpler
 * and safer than predicting where an item lands in the order, which
 * depends on its date, its "updated" stamp and its rank in a search. */

typedef struct
{
  guint       index;       /* positions index * PAGE_SIZE … */
  guint       n;
  gint64      handles[ND_ITEM_LIST_MODEL_PAGE_SIZE];
  GPtrArray  *items;       /* NdItem, n of them */
} Page;

struct _NdItemListModel
{
  GObject        parent_instance;

  /* Owned References */
  NdStore       *store;
  GArray        *handles;      /* gint64, in list order */
  GPtrArray     *pages;        /* Page, most recently used first */
  char          *search;       /* as typed */
  char          *query;        /* what is looked for (nd_search_query_while_typing ()) */
  char          *filter_tag;   /* filter.tag points here */

  GHashTable    *allowed;      /* gint64 handles a filtered search may list */
  GHashTable    *reusable;     /* gint64 handle → NdItem, listed before the last new query */

  NdStoreFilter  filter;
  guint          n_page_loads;
  guint          first_chunk;  /* handles of a list read at once */
  guint          first_rows;   /* a new query shows these first (0: no limit) */
  GArray        *pending;      /* the whole new list while only its first rows are shown */
  guint          pending_start;/* … where the rest goes */
  guint          pending_n;
  guint          pending_source;
  guint          chunk_size;   /* handles read per idle after the first ones */
  guint          load_source;  /* reads the rest of the handles, or 0 */
  guint          list_offset;  /* next chunk of a list: where it starts */
  gint64         search_before;/* next chunk of a search: older than this */
  guint          warned : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdItemListModel, nd_item_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

/* One warning per model: a database that fails once tends to fail for
 * every row the list asks for. */
static void
warn_once (NdItemListModel *self,
           const GError    *error)
{
  if (self->warned)
    {
      g_debug ("%s", error->message);
      return;
    }

  g_warning ("Cannot read the item list: %s", error->message);
  self->warned = TRUE;
}

static gboolean
is_filtered (NdItemListModel *self)
{
  return self->filter.status != ND_STORE_ANY ||
         self->filter.kind != ND_STORE_ANY ||
         self->filter.tag != NULL;
}

/* A search is narrowed to the filter, so that a search in the sidebar's
 * "Drafts" finds drafts only: @found loses the handles the filter does
 * not list. */
static gboolean
keep_allowed (NdItemListModel  *self,
              GArray           *found,
              GError          **error)
{
  guint kept = 0;

  if (!is_filtered (self))
    return TRUE;

  if (self->allowed == NULL)
    {
      g_autoptr(GArray) allowed = NULL;

      if (!(allowed = nd_store_list_handles (self->store, &self->filter, error)))
        return FALSE;

      self->allowed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < allowed->len; i++)
        g_hash_table_add (self->allowed, g_memdup2 (&g_array_index (allowed, gint64, i),
                                                    sizeof (gint64)));
    }

  for (guint i = 0; i < found->len; i++)
    {
      gint64 handle = g_array_index (found, gint64, i);

      if (g_hash_table_contains (self->allowed, &handle))
        g_array_index (found, gint64, kept++) = handle;
    }
  g_array_set_size (found, kept);

  return TRUE;
}

static gint64
oldest_of (GArray *handles)
{
  gint64 oldest = G_MAXINT64;

  for (guint i = 0; i < handles->len; i++)
    oldest = MIN (oldest, g_array_index (handles, gint64, i));

  return oldest;
}

/* The first handles of the current search or filter; *@more tells
 * whether read_next() has more to give. (transfer full) */
static GArray *
read_first (NdItemListModel  *self,
            gboolean         *more,
            GError          **error)
{
  g_autoptr(GArray) found = NULL;

  g_assert (ND_IS_ITEM_LIST_MODEL (self));

  g_clear_pointer (&self->allowed, g_hash_table_unref);

  if (self->query == NULL)
    {
      NdStoreFilter first = self->filter;

      first.offset = 0;
      first.limit = self->first_chunk;
      if (!(found = nd_store_list_handles (self->store, &first, error)))
        return NULL;

      self->list_offset = found->len;
      *more = found->len == first.limit;

      return g_steal_pointer (&found);
    }

  if (!(found = nd_store_search_handles_ranked (self->store, self->query, error)))
    return NULL;

  /* Only a full window can have older matches behind it; the oldest
   * handle is taken before the filter thins the window out. */
  self->search_before = oldest_of (found);
  *more = found->len > 0;

  if (!keep_allowed (self, found, error))
    return NULL;

  return g_steal_pointer (&found);
}

/* The next chunk after read_first() or the last read_next(). */
static GArray *
read_next (NdItemListModel  *self,
           gboolean         *more,
           GError          **error)
{
  g_autoptr(GArray) found = NULL;

  if (self->query == NULL)
    {
      NdStoreFilter next = self->filter;

      next.offset = self->list_offset;
      next.limit = self->chunk_size;
      if (!(found = nd_store_list_handles (self->store, &next, error)))
        return NULL;

      self->list_offset += found->len;
      *more = found->len == next.limit;

      return g_steal_pointer (&found);
    }

  if (!(found = nd_store_search_handles_before (self->store, self->query,
                                                self->search_before,
                                                self->chunk_size, error)))
    return NULL;

  self->search_before = oldest_of (found);
  *more = found->len == self->chunk_size;

  if (!keep_allowed (self, found, error))
    return NULL;

  return g_steal_pointer (&found);
}

/* All the handles for the current search and filter, at once: what a
 * change in the store compares with. (transfer full) */
static GArray *
read_handles (NdItemListModel  *self,
              GError          **error)
{
  g_autoptr(GArray) found = NULL;

  g_assert (ND_IS_ITEM_LIST_MODEL (self));

  if (self->query == NULL)
    {
      NdStoreFilter all = self->filter;

      all.offset = 0;
      all.limit = 0;
      return nd_store_list_handles (self->store, &all, error);
    }

  if (!(found = nd_store_search_handles (self->store, self->query, 0, error)))
    return NULL;

  g_clear_pointer (&self->allowed, g_hash_table_unref);
  if (!keep_allowed (self, found, error))
    return NULL;
  g_clear_pointer (&self->allowed, g_hash_table_unref);

  return g_steal_pointer (&found);
}

static guint
find_handle (NdItemListModel *self,
             gint64           handle)
{
  if (handle == 0)
    return G_MAXUINT;

  for (guint i = 0; i < self->handles->len; i++)
    {
      if (g_array_index (self->handles, gint64, i) == handle)
        return i;
    }

  return G_MAXUINT;
}

/* The cached page holding @position, or NULL. Does not touch the LRU order. */
static Page *
lookup_page (NdItemListModel *self,
             guint            index,
             guint           *slot)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      if (page->index == index)
        {
          if (slot != NULL)
            *slot = i;
          return page;
        }
    }

  return NULL;
}

/* A page whose handles are no longer at its positions shows other items
 * now: it goes. The others keep their objects. */
static void
drop_stale_pages (NdItemListModel *self)
{
  for (guint i = self->pages->len; i > 0; i--)
    {
      Page *page = g_ptr_array_index (self->pages, i - 1);
      guint start = page->index * ND_ITEM_LIST_MODEL_PAGE_SIZE;
      /* A page is still good only if it holds exactly the handles that
       * now fall into it: a short last page that the list grew past
       * would otherwise be read beyond its end. */
      gboolean valid = start < self->handles->len &&
                       page->n == MIN (ND_ITEM_LIST_MODEL_PAGE_SIZE, self->handles->len - start);

      for (guint j = 0; valid && j < page->n; j++)
        valid = g_array_index (self->handles, gint64, start + j) == page->handles[j];

      if (!valid)
        g_ptr_array_remove_index (self->pages, i - 1);
    }
}

/* While only the first part of a new list is shown (replace_handles ()),
 * a page is good if it holds the shown handles at their positions; the
 * part beyond is not asked for, and drop_stale_pages () checks the whole
 * page against the whole list once it is shown. */
static void
drop_pages_unlike_shown (NdItemListModel *self)
{
  for (guint i = self->pages->len; i > 0; i--)
    {
      Page *page = g_ptr_array_index (self->pages, i - 1);
      guint start = page->index * ND_ITEM_LIST_MODEL_PAGE_SIZE;
      gboolean valid = start < self->handles->len;

      for (guint j = 0; valid && j < page->n && start + j < self->handles->len; j++)
        valid = g_array_index (self->handles, gint64, start + j) == page->handles[j];

      if (!valid)
        g_ptr_array_remove_index (self->pages, i - 1);
    }
}

/* The items for @handles. nd_store_load_summaries() leaves out an item
 * that is gone (deleted through another connection, before the next
 * reload()); only then are they read one by one, to know which. */
static GPtrArray *
load_summaries (NdItemListModel  *self,
                const gint64     *handles,
                guint             n,
                GError          **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) aligned = NULL;

  if (!(items = nd_store_load_summaries (self->store, handles, n, error)))
    return NULL;
  if (items->len == n)
    return g_steal_pointer (&items);

  aligned = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) one = NULL;

      if (!(one = nd_store_load_summaries (self->store, &handles[i], 1, error)))
        return NULL;

      /* A blank item keeps the positions right until the list is reloaded. */
      g_ptr_array_add (aligned, one->len > 0 ? g_object_ref (g_ptr_array_index (one, 0))
                                             : nd_item_new ());
    }

  return g_steal_pointer (&aligned);
}

/* The items for @page's handles. After a new query, an item that was
 * listed before it is the same object again: nothing is read for it, and
 * GTK keeps the row widget it had (it finds rows by their item). Those
 * objects are up to date: the store's changes update the cached pages,
 * and drop the earlier ones (item_changed_cb ()). */
static GPtrArray *
load_items (NdItemListModel  *self,
            Page             *page,
            GError          **error)
{
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint next = 0;

  if (self->reusable == NULL)
    return load_summaries (self, page->handles, page->n, error);

  missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < page->n; i++)
    {
      if (!g_hash_table_contains (self->reusable, &page->handles[i]))
        g_array_append_val (missing, page->handles[i]);
    }

  if (!(loaded = load_summaries (self, (const gint64 *)(gpointer) missing->data, missing->len, error)))
    return NULL;

  items = g_ptr_array_new_full (page->n, g_object_unref);
  for (guint i = 0; i < page->n; i++)
    {
      NdItem *item = g_hash_table_lookup (self->reusable, &page->handles[i]);

      g_ptr_array_add (items, g_object_ref (item != NULL ? item : g_ptr_array_index (loaded, next++)));
    }

  return g_steal_pointer (&items);
}

/* Every cached item by its handle, for load_items () after a new query. */
static void
keep_reusable (NdItemListModel *self)
{
  g_clear_pointer (&self->reusable, g_hash_table_unref);
  self->reusable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      for (guint j = 0; j < page->n; j++)
        g_hash_table_replace (self->reusable, g_memdup2 (&page->handles[j], sizeof (gint64)),
                              g_object_ref (g_ptr_array_index (page->items, j)));
    }
}

static Page *
load_page (NdItemListModel  *self,
           guint             index,
           GError          **error)
{
  g_autoptr(GPtrArray) items = NULL;
  guint start = index * ND_ITEM_LIST_MODEL_PAGE_SIZE;
  Page *page;

  g_assert (start < self->handles->len);

  page = g_new0 (Page, 1);
  page->index = index;
  page->n = MIN (ND_ITEM_LIST_MODEL_PAGE_SIZE, self->handles->len - start);
  memcpy (page->handles, &g_array_index (self->handles, gint64, start),
          page->n * sizeof (gint64));

  self->n_page_loads++;

  if (!(items = load_items (self, page, error)))
    {
      page_free (page);
      return NULL;
    }

  page->items = g_steal_pointer (&items);

  g_ptr_array_insert (self->pages, 0, page);
  if (self->pages->len > ND_ITEM_LIST_MODEL_MAX_PAGES)
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);

  return page;
}

/* A summary's only image is its lead image, for the row's thumbnail. */
static void
update_lead_image (NdItem *item,
                   NdItem *fresh)
{
  NdImage *lead = nd_item_get_lead_image (item);
  NdImage *fresh_lead = nd_item_get_lead_image (fresh);

  if (g_strcmp0 (lead != NULL ? nd_image_get_sha256 (lead) : NULL,
                 fresh_lead != NULL ? nd_image_get_sha256 (fresh_lead) : NULL) == 0)
    return;

  nd_item_clear_images (item);
  if (fresh_lead != NULL)
    {
      g_autoptr(NdImage) copy = nd_image_copy (fresh_lead);

      nd_item_add_image (item, copy);
    }
}

/* Copies what a summary holds into the object rows are bound to; the
 * setters notify only what differs. */
static void
update_item (NdItem *item,
             NdItem *fresh)
{
  g_object_freeze_notify (G_OBJECT (item));
  nd_item_set_id (item, nd_item_get_id (fresh));
  nd_item_set_kind (item, nd_item_get_kind (fresh));
  nd_item_set_status (item, nd_item_get_status (fresh));
  nd_item_set_language (item, nd_item_get_language (fresh));
  nd_item_set_title (item, nd_item_get_title (fresh));
  nd_item_set_teaser (item, nd_item_get_teaser (fresh));
  nd_item_set_date (item, nd_item_get_date (fresh));
  nd_item_set_slug (item, nd_item_get_slug (fresh));
  nd_item_set_author (item, nd_item_get_author (fresh));
  nd_item_set_created (item, nd_item_get_created (fresh));
  nd_item_set_updated (item, nd_item_get_updated (fresh));
  nd_item_set_revision (item, nd_item_get_revision (fresh));
  nd_item_set_tags (item, nd_item_get_tags (fresh));
  update_lead_image (item, fresh);
  g_object_thaw_notify (G_OBJECT (item));
}

/* Gives the cached object at @position, if its page is cached, the
 * values in the store; rows bound to its properties follow. */
static void
refresh_cached_item (NdItemListModel *self,
                     guint            position)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;
  gint64 handle;

  if (!(page = lookup_page (self, position / ND_ITEM_LIST_MODEL_PAGE_SIZE, NULL)))
    return;

  handle = g_array_index (self->handles, gint64, position);
  if (!(fresh = nd_store_load_summaries (self->store, &handle, 1, &error)))
    warn_once (self, error);
  else if (fresh->len == 1)
    update_item (g_ptr_array_index (page->items, position % ND_ITEM_LIST_MODEL_PAGE_SIZE),
                 g_ptr_array_index (fresh, 0));
}

/* The rest of a new list, after its first rows (replace_handles ()). */
static void
show_pending (NdItemListModel *self)
{
  g_autoptr(GArray) shown = NULL;

  g_clear_handle_id (&self->pending_source, g_source_remove);
  if (self->pending == NULL)
    return;

  shown = self->handles;
  self->handles = g_steal_pointer (&self->pending);
  /* Pages read in between may hold other handles now. */
  drop_stale_pages (self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->pending_start, 0, self->pending_n);
  if (shown->len != self->handles->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static gboolean
show_pending_cb (gpointer data)
{
  NdItemListModel *self = data;

  self->pending_source = 0;
  show_pending (self);

  return G_SOURCE_REMOVE;
}

/* Another list replaces the one whose rest still waits: the rest was
 * never shown, so it goes without a signal. */
static void
drop_pending (NdItemListModel *self)
{
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending, g_array_unref);
}

typedef enum
{
  REPLACE_CHANGED,    /* the store changed: the same query, read again */
  REPLACE_NEW_QUERY,  /* another search or filter */
  REPLACE_RELOAD,     /* everything read anew, no object kept */
} ReplaceMode;

/* Swaps in @handles and tells the list what changed: the smallest range
 * that differs (everything on a reload). The range emitted (in the new
 * positions) goes to @changed_start and @changed_n. */
static void
replace_handles (NdItemListModel *self,
                 GArray          *handles,
                 ReplaceMode      mode,
                 guint           *changed_start,
                 guint           *changed_n)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GArray) shown = NULL;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;
  guint first;

  /* Compared with what the list shows. */
  drop_pending (self);
  old = self->handles;

  if (mode != REPLACE_RELOAD)
    {
      guint shorter = MIN (old->len, handles->len);

      while (prefix < shorter &&
             g_array_index (old, gint64, prefix) == g_array_index (handles, gint64, prefix))
        prefix++;
      while (suffix < shorter - prefix &&
             g_array_index (old, gint64, old->len - 1 - suffix) ==
             g_array_index (handles, gint64, handles->len - 1 - suffix))
        suffix++;
    }
  removed = old->len - prefix - suffix;
  added = handles->len - prefix - suffix;

  /* GTK 4.8's list view, told in one signal that a row it shows is
   * removed while items are added, looks for that row's item among all
   * the added ones: a get_item () for each, which would read every page of
   * a long list (seconds per keystroke while searching). So a signal that
   * removes rows adds at most a page; the rest follow in a second signal.
   * Within that page the row's item is found when it is listed again, and
   * its row is kept (see load_items ()). */
  first = removed > 0 ? MIN (added, ND_ITEM_LIST_MODEL_PAGE_SIZE) : added;
  /* A new query shows the rows on screen first; the rest follow after a
   * pause (show_pending ()). */
  if (mode == REPLACE_NEW_QUERY && self->first_rows > 0)
    first = MIN (first, prefix < self->first_rows ? self->first_rows - prefix : 0);

  if (mode == REPLACE_NEW_QUERY)
    keep_reusable (self);
  else
    g_clear_pointer (&self->reusable, g_hash_table_unref);
  if (mode == REPLACE_RELOAD)
    g_ptr_array_set_size (self->pages, 0);

  self->handles = handles;
  drop_stale_pages (self);

  if (changed_start != NULL)
    *changed_start = prefix;
  if (changed_n != NULL)
    *changed_n = added;

  if (first < added)
    {
      /* In between, the list is the new one without the rest of the change. */
      shown = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + first + suffix);
      g_array_append_vals (shown, handles->data, prefix + first);
      g_array_append_vals (shown, &g_array_index (handles, gint64, handles->len - suffix), suffix);
      self->handles = g_array_ref (shown);
      drop_pages_unlike_shown (self);
      if (removed > 0 || first > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, first);

      /* A handler may have started another query meanwhile: it won. */
      if (self->handles != shown)
        {
          g_array_unref (handles);
          return;
        }

      self->pending = handles;
      self->pending_start = prefix + first;
      self->pending_n = added - first;
      if (mode == REPLACE_NEW_QUERY && self->first_rows > 0)
        {
          g_autoptr(GSource) pause = g_timeout_source_new (ND_ITEM_LIST_MODEL_CHUNK_DELAY_MS);

          if (old->len != shown->len)
            g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);

          /* After a pause in the typing, like the older matches: while
           * one types, each keystroke makes and drops only the rows on
           * screen. */
          g_source_set_callback (pause, show_pending_cb, self, NULL);
          g_source_set_static_name (pause, "[newsdesk] NdItemListModel rest");
          self->pending_source = g_source_attach (pause, g_main_context_get_thread_default ());
        }
      else
        show_pending (self);
      return;
    }

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);

  if (old->len != handles->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static void
set_loading (NdItemListModel *self,
             guint            source)
{
  gboolean was_loading = self->load_source != 0;

  if (self->load_source != 0 && self->load_source != source)
    g_source_remove (self->load_source);
  self->load_source = source;

  if (source == 0)
    g_clear_pointer (&self->allowed, g_hash_table_unref);

  if (was_loading != (source != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* Appends the next chunk of handles. Runs after the frame that shows the
 * first ones, and each chunk is a few milliseconds: typing goes on. */
static gboolean
load_next_cb (gpointer data)
{
  NdItemListModel *self = data;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  guint position;

  /* The older matches follow the whole ranked window. */
  show_pending (self);
  position = self->handles->len;

  if (!(found = read_next (self, &more, &error)))
    warn_once (self, error);
  else
    g_array_append_vals (self->handles, found->data, found->len);

  /* Done before the signals, whose handlers may start a new search. */
  if (!more)
    set_loading (self, 0);

  if (found != NULL && found->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, found->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }

  return more ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static guint
attach_source (NdItemListModel *self,
               GSource         *source,
               GSourceFunc      func)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[newsdesk] NdItemListModel load");

  return g_source_attach (source, g_main_context_get_thread_default ());
}

static gboolean
start_chunks_cb (gpointer data)
{
  NdItemListModel *self = data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_DEFAULT_IDLE);
  set_loading (self, attach_source (self, idle, load_next_cb));

  return G_SOURCE_REMOVE;
}

/* The rest is read after a pause: while a search is typed, each
 * keystroke starts anew and nothing but the first chunk is read, and the
 * first chunk gets to the screen before anything else runs. */
static void
start_loading (NdItemListModel *self)
{
  g_autoptr(GSource) pause = g_timeout_source_new (ND_ITEM_LIST_MODEL_CHUNK_DELAY_MS);

  set_loading (self, attach_source (self, pause, start_chunks_cb));
}

/* The first handles, and the idle that reads the rest. */
static GArray *
begin_reading (NdItemListModel *self)
{
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  GArray *handles;

  set_loading (self, 0);

  if (!(handles = read_first (self, &more, &error)))
    {
      warn_once (self, error);
      return g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  if (more)
    start_loading (self);

  return handles;
}

/* After a new search or filter, or on reload(): every row may differ. */
static void
refresh_all (NdItemListModel *self,
             ReplaceMode      mode)
{
  replace_handles (self, begin_reading (self), mode, NULL, NULL);
}

static void
item_changed_cb (NdItemListModel *self,
                 const char      *id,
                 NdStoreChange    change,
                 NdStore         *store)
{
  g_autoptr(GError) error = NULL;
  GArray *handles;
  guint changed_start;
  guint changed_n;
  guint position;

  g_assert (ND_IS_ITEM_LIST_MODEL (self));
  g_assert (ND_IS_STORE (store));

  /* The change may land anywhere, read or not yet read: all of it is
   * read now and compared. */
  set_loading (self, 0);
  g_clear_pointer (&self->reusable, g_hash_table_unref);

  if (!(handles = read_handles (self, &error)))
    {
      warn_once (self, error);
      return;
    }

  switch (change)
    {
    case ND_STORE_CHANGE_MODIFIED:
      /* The cached object is updated before the list hears of the change,
       * so that a row rebound at once shows the new values. A moved item
       * lies in the range replace_handles() emits (and its page is
       * dropped); one that kept its place gets items-changed for its
       * position alone. */
      replace_handles (self, handles, REPLACE_CHANGED, &changed_start, &changed_n);
      position = find_handle (self, nd_store_get_handle (store, id));
      if (position == G_MAXUINT)
        break;
      refresh_cached_item (self, position);
      if (position < changed_start || position >= changed_start + changed_n)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      break;

    case ND_STORE_CHANGE_ADDED:
    case ND_STORE_CHANGE_REMOVED:
      replace_handles (self, handles, REPLACE_CHANGED, NULL, NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static GType
nd_item_list_model_get_item_type (GListModel *model)
{
  return ND_TYPE_ITEM;
}

static guint
nd_item_list_model_get_n_items (GListModel *model)
{
  NdItemListModel *self = ND_ITEM_LIST_MODEL (model);

  return self->handles->len;
}

/* An in-range position never gives NULL (GtkListView would not cope): if
 * the store fails, the row shows a blank item, the failure is logged once,
 * and the page is not cached, so that the next call tries again. The
 * blank item's id is a random one, since the real id is in the row that
 * could not be read; opening it reports "No item". */
static gpointer
nd_item_list_model_get_item (GListModel *model,
                             guint       position)
{
  NdItemListModel *self = ND_ITEM_LIST_MODEL (model);
  g_autoptr(GError) error = NULL;
  guint index = position / ND_ITEM_LIST_MODEL_PAGE_SIZE;
  Page *page;
  guint slot;

  if (position >= self->handles->len)
    return NULL;

  if ((page = lookup_page (self, index, &slot)) != NULL)
    {
      if (slot > 0)
        {
          g_ptr_array_steal_index (self->pages, slot);
          g_ptr_array_insert (self->pages, 0, page);
        }
    }
  else if (!(page = load_page (self, index, &error)))
    {
      warn_once (self, error);
      return nd_item_new ();
    }

  return g_object_ref (g_ptr_array_index (page->items, position % ND_ITEM_LIST_MODEL_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = nd_item_list_model_get_item_type;
  iface->get_n_items = nd_item_list_model_get_n_items;
  iface->get_item = nd_item_list_model_get_item;
}

static void
nd_item_list_model_constructed (GObject *object)
{
  NdItemListModel *self = (NdItemListModel *)object;

  G_OBJECT_CLASS (nd_item_list_model_parent_class)->constructed (object);

  g_assert (ND_IS_STORE (self->store));

  g_signal_connect_object (self->store, "item-changed",
                           G_CALLBACK (item_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_clear_pointer (&self->handles, g_array_unref);
  self->handles = begin_reading (self);
}

static void
nd_item_list_model_dispose (GObject *object)
{
  NdItemListModel *self = (NdItemListModel *)object;

  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->allowed, g_hash_table_unref);
  g_clear_pointer (&self->reusable, g_hash_table_unref);
  drop_pending (self);
  g_ptr_array_set_size (self->pages, 0);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, item_changed_cb, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_item_list_model_parent_class)->dispose (object);
}

static void
nd_item_list_model_finalize (GObject *object)
{
  NdItemListModel *self = (NdItemListModel *)object;

  g_clear_pointer (&self->reusable, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->handles, g_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->filter_tag, g_free);

  G_OBJECT_CLASS (nd_item_list_model_parent_class)->finalize (object);
}

static void
nd_item_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NdItemListModel *self = ND_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->handles->len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->load_source != 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NdItemListModel *self = ND_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SEARCH:
      nd_item_list_model_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_list_model_class_init (NdItemListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nd_item_list_model_constructed;
  object_class->dispose = nd_item_list_model_dispose;
  object_class->finalize = nd_item_list_model_finalize;
  object_class->get_property = nd_item_list_model_get_property;
  object_class->set_property = nd_item_list_model_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_item_list_model_init (NdItemListModel *self)
{
  self->handles = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->filter = (NdStoreFilter) ND_STORE_FILTER_INIT;
  self->first_chunk = ND_ITEM_LIST_MODEL_FIRST_CHUNK;
  self->chunk_size = ND_ITEM_LIST_MODEL_CHUNK;
}

NdItemListModel *
nd_item_list_model_new (NdStore *store)
{
  g_return_val_if_fail (ND_IS_STORE (store), NULL);

  return g_object_new (ND_TYPE_ITEM_LIST_MODEL, "store", store, NULL);
}

NdStore *
nd_item_list_model_get_store (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), NULL);

  return self->store;
}

void
nd_item_list_model_set_filter (NdItemListModel     *self,
                               const NdStoreFilter *filter)
{
  NdStoreFilter wanted = ND_STORE_FILTER_INIT;

  g_return_if_fail (ND_IS_ITEM_LIST_MODEL (self));

  if (filter != NULL)
    {
      wanted.status = filter->status;
      wanted.kind = filter->kind;
    }

  nd_set_str (&self->filter_tag, filter != NULL ? filter->tag : NULL);
  wanted.tag = self->filter_tag;
  self->filter = wanted;

  refresh_all (self, REPLACE_NEW_QUERY);
}

const char *
nd_item_list_model_get_search (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), NULL);

  return self->search;
}

void
nd_item_list_model_set_search (NdItemListModel *self,
                               const char      *search)
{
  g_autofree char *query = NULL;

  g_return_if_fail (ND_IS_ITEM_LIST_MODEL (self));

  if (search != NULL && *search == '\0')
    search = NULL;

  if (!nd_set_str (&self->search, search))
    return;

  /* Before construction ends there is no store to read yet. A keystroke
   * that leaves the query as it was ("Anna " to "Anna M") reads nothing. */
  query = search != NULL ? nd_search_query_while_typing (search) : NULL;
  if (nd_set_str (&self->query, query) && self->store != NULL)
    refresh_all (self, REPLACE_NEW_QUERY);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH]);
}

guint
nd_item_list_model_find (NdItemListModel *self,
                         const char      *id)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  return find_handle (self, nd_store_get_handle (self->store, id));
}

void
nd_item_list_model_reload (NdItemListModel *self)
{
  g_return_if_fail (ND_IS_ITEM_LIST_MODEL (self));

  refresh_all (self, REPLACE_RELOAD);
}

guint
nd_item_list_model_get_n_listed (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), 0);

  return self->pending != NULL ? self->pending->len : self->handles->len;
}

void
nd_item_list_model_set_first_rows (NdItemListModel *self,
                                   guint            n_rows)
{
  g_return_if_fail (ND_IS_ITEM_LIST_MODEL (self));

  self->first_rows = n_rows;
}

gboolean
nd_item_list_model_get_loading (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), FALSE);

  return self->load_source != 0;
}

void
_nd_item_list_model_set_chunk_sizes (NdItemListModel *self,
                                     guint            first_chunk,
                                     guint            chunk_size)
{
  g_return_if_fail (ND_IS_ITEM_LIST_MODEL (self));
  g_return_if_fail (first_chunk > 0 && chunk_size > 0);

  self->first_chunk = first_chunk;
  self->chunk_size = chunk_size;
}

guint
_nd_item_list_model_get_n_cached_pages (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), 0);

  return self->pages->len;
}

guint
_nd_item_list_model_get_n_page_loads (NdItemListModel *self)
{
  g_return_val_if_fail (ND_IS_ITEM_LIST_MODEL (self), 0);

  return self->n_page_loads;
}
