/* test-proxy-cache.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* NdProxyCache in front of a resolver that counts its lookups and can be
 * told to fail or to change its answer: answers are kept for their
 * lifetime, per URI, and failures are never kept. */

#include "config.h"

#include "nd-proxy-cache.h"

/* The resolver behind the cache -------------------------------------------------- */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GObject)

struct _TestResolver
{
  GObject   parent_instance;
  guint     lookups;
  gboolean  fail;
  char     *answer;
};

static void test_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestResolver, test_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER, test_resolver_iface_init))

static gboolean
test_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
test_resolver_lookup (GProxyResolver  *resolver,
                      const char      *uri,
                      GCancellable    *cancellable,
                      GError         **error)
{
  TestResolver *self = TEST_RESOLVER (resolver);
  char *answer[] = { self->answer, NULL };

  self->lookups++;
  if (self->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no proxy settings");
      return NULL;
    }

  return g_strdupv (answer);
}

static void
test_resolver_lookup_async (GProxyResolver      *resolver,
                            const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  char **proxies = test_resolver_lookup (resolver, uri, cancellable, &error);

  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static char **
test_resolver_lookup_finish (GProxyResolver  *resolver,
                             GAsyncResult    *result,
                             GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = test_resolver_is_supported;
  iface->lookup = test_resolver_lookup;
  iface->lookup_async = test_resolver_lookup_async;
  iface->lookup_finish = test_resolver_lookup_finish;
}

static void
test_resolver_finalize (GObject *object)
{
  g_free (TEST_RESOLVER (object)->answer);
  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
}

static void
test_resolver_init (TestResolver *self)
{
  self->answer = g_strdup ("direct://");
}

static void
set_answer (TestResolver *resolver,
            const char   *answer)
{
  g_free (resolver->answer);
  resolver->answer = g_strdup (answer);
}

/* Helpers -------------------------------------------------------------------------- */

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The first proxy of an asynchronous lookup, or NULL with @error set. */
static char *
lookup_async (GProxyResolver  *resolver,
              const char      *uri,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) proxies = NULL;

  g_proxy_resolver_lookup_async (resolver, uri, NULL, lookup_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  proxies = g_proxy_resolver_lookup_finish (resolver, result, error);
  return proxies != NULL ? g_strdup (proxies[0]) : NULL;
}

static char *
lookup_sync (GProxyResolver  *resolver,
             const char      *uri,
             GError         **error)
{
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, uri, NULL, error);

  return proxies != NULL ? g_strdup (proxies[0]) : NULL;
}

/* Tests ------------------------------------------------------------------------------ */

typedef char *(*LookupFunc) (GProxyResolver *resolver, const char *uri, GError **error);

static void
test_kept (gconstpointer data)
{
  LookupFunc lookup = (LookupFunc) data;
  g_autoptr(TestResolver) inner = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_autoptr(NdProxyCache) cache = nd_proxy_cache_new (G_PROXY_RESOLVER (inner), 60);
  GProxyResolver *resolver = G_PROXY_RESOLVER (cache);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;

  g_assert_true (g_proxy_resolver_is_supported (resolver));

  first = lookup (resolver, "https://news.example.org:443", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "direct://");
  g_assert_cmpuint (inner->lookups, ==, 1);

  /* Asked again within its lifetime: the kept answer, even though the
   * settings changed meanwhile. */
  set_answer (inner, "http://proxy.example.org:3128");
  second = lookup (resolver, "https://news.example.org:443", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "direct://");
  g_assert_cmpuint (inner->lookups, ==, 1);

  /* Another host is asked for. */
  other = lookup (resolver, "https://cms.example.com:443", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, "http://proxy.example.org:3128");
  g_assert_cmpuint (inner->lookups, ==, 2);
}

static void
test_expires (gconstpointer data)
{
  LookupFunc lookup = (LookupFunc) data;
  g_autoptr(TestResolver) inner = g_object_new (TEST_TYPE_RESOLVER, NULL);
  /* A lifetime of 0: every answer is stale at once. */
  g_autoptr(NdProxyCache) cache = nd_proxy_cache_new (G_PROXY_RESOLVER (inner), 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = lookup (G_PROXY_RESOLVER (cache), "https://news.example.org:443", &error);
  g_assert_cmpstr (first, ==, "direct://");
  set_answer (inner, "http://proxy.example.org:3128");
  second = lookup (G_PROXY_RESOLVER (cache), "https://news.example.org:443", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "http://proxy.example.org:3128");
  g_assert_cmpuint (inner->lookups, ==, 2);
}

static void
test_failure_not_kept (gconstpointer data)
{
  LookupFunc lookup = (LookupFunc) data;
  g_autoptr(TestResolver) inner = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_autoptr(NdProxyCache) cache = nd_proxy_cache_new (G_PROXY_RESOLVER (inner), 60);
  g_autoptr(GError) error = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *answer = NULL;

  inner->fail = TRUE;
  failed = lookup (G_PROXY_RESOLVER (cache), "https://news.example.org:443", &error);
  g_assert_null (failed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  inner->fail = FALSE;
  answer = lookup (G_PROXY_RESOLVER (cache), "https://news.example.org:443", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "direct://");
  g_assert_cmpuint (inner->lookups, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/proxy-cache/kept/sync", lookup_sync, test_kept);
  g_test_add_data_func ("/proxy-cache/kept/async", lookup_async, test_kept);
  g_test_add_data_func ("/proxy-cache/expires/sync", lookup_sync, test_expires);
  g_test_add_data_func ("/proxy-cache/expires/async", lookup_async, test_expires);
  g_test_add_data_func ("/proxy-cache/failure-not-kept/sync", lookup_sync, test_failure_not_kept);
  g_test_add_data_func ("/proxy-cache/failure-not-kept/async", lookup_async, test_failure_not_kept);

  return g_test_run ();
}
