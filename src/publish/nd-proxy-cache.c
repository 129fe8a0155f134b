/* nd-proxy-cache.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-proxy-cache"

#include "config.h"

#include "nd-proxy-cache.h"

struct _NdProxyCache
{
  GObject          parent_instance;

  GProxyResolver  *inner;
  gint64           lifetime_us;

  GMutex           lock;       /* guards entries: lookups come from any thread */
  GHashTable      *entries;    /* URI → Entry */
};

typedef struct
{
  char   **proxies;
  gint64   expires;            /* monotonic time, µs */
} Entry;

static void nd_proxy_cache_resolver_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdProxyCache, nd_proxy_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      nd_proxy_cache_resolver_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_strfreev (entry->proxies);
  g_free (entry);
}

/* (transfer full) (nullable): the remembered answer, if still fresh. */
static char **
lookup_cached (NdProxyCache *self,
               const char   *uri)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry *entry = g_hash_table_lookup (self->entries, uri);

  if (entry == NULL)
    return NULL;

  if (g_get_monotonic_time () >= entry->expires)
    {
      g_hash_table_remove (self->entries, uri);
      return NULL;
    }

  return g_strdupv (entry->proxies);
}

static void
remember (NdProxyCache       *self,
          const char         *uri,
          const char * const *proxies)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry *entry = g_new0 (Entry, 1);

  entry->proxies = g_strdupv ((char **) proxies);
  entry->expires = g_get_monotonic_time () + self->lifetime_us;
  g_hash_table_replace (self->entries, g_strdup (uri), entry);
}

/* GProxyResolver ---------------------------------------------------------------- */

static gboolean
nd_proxy_cache_is_supported (GProxyResolver *resolver)
{
  NdProxyCache *self = ND_PROXY_CACHE (resolver);

  return g_proxy_resolver_is_supported (self->inner);
}

static char **
nd_proxy_cache_lookup (GProxyResolver  *resolver,
                       const char      *uri,
                       GCancellable    *cancellable,
                       GError         **error)
{
  NdProxyCache *self = ND_PROXY_CACHE (resolver);
  char **proxies;

  if ((proxies = lookup_cached (self, uri)) != NULL)
    return proxies;

  if ((proxies = g_proxy_resolver_lookup (self->inner, uri, cancellable, error)) != NULL)
    remember (self, uri, (const char * const *) proxies);

  return proxies;
}

static void
inner_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NdProxyCache *self = g_task_get_source_object (task);
  const char *uri = g_task_get_task_data (task);
  GError *error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (proxies == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  remember (self, uri, (const char * const *) proxies);
  g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
nd_proxy_cache_lookup_async (GProxyResolver      *resolver,
                             const char          *uri,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  NdProxyCache *self = ND_PROXY_CACHE (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  char **proxies;

  g_task_set_source_tag (task, nd_proxy_cache_lookup_async);

  if ((proxies = lookup_cached (self, uri)) != NULL)
    {
      g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
      return;
    }

  g_task_set_task_data (task, g_strdup (uri), g_free);
  g_proxy_resolver_lookup_async (self->inner, uri, cancellable, inner_lookup_cb,
                                 g_steal_pointer (&task));
}

static char **
nd_proxy_cache_lookup_finish (GProxyResolver  *resolver,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
nd_proxy_cache_resolver_init (GProxyResolverInterface *iface)
{
  iface->is_supported = nd_proxy_cache_is_supported;
  iface->lookup = nd_proxy_cache_lookup;
  iface->lookup_async = nd_proxy_cache_lookup_async;
  iface->lookup_finish = nd_proxy_cache_lookup_finish;
}

/* The object ---------------------------------------------------------------------- */

static void
nd_proxy_cache_finalize (GObject *object)
{
  NdProxyCache *self = ND_PROXY_CACHE (object);

  g_clear_object (&self->inner);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nd_proxy_cache_parent_class)->finalize (object);
}

static void
nd_proxy_cache_class_init (NdProxyCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_proxy_cache_finalize;
}

static void
nd_proxy_cache_init (NdProxyCache *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

NdProxyCache *
nd_proxy_cache_new (GProxyResolver *inner,
                    guint           lifetime_seconds)
{
  NdProxyCache *self;

  g_return_val_if_fail (G_IS_PROXY_RESOLVER (inner), NULL);

  self = g_object_new (ND_TYPE_PROXY_CACHE, NULL);
  self->inner = g_object_ref (inner);
  self->lifetime_us = (gint64) lifetime_seconds * G_USEC_PER_SEC;

  return self;
}
