/* nd-proxy-cache.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GProxyResolver that remembers another one's answers for a while.
 *
 * Outside a GNOME session GIO asks libproxy, which reads its whole
 * configuration again (and /etc/services) for every connection: about a
 * tenth of a millisecond each time. A server that closes the connection
 * after each answer (php -S, many shared hosts) makes that once per
 * request. The answer for a host rarely changes, so it is kept for
 * @lifetime_seconds; a changed proxy setting is seen after that. Failed
 * lookups are not kept. Safe to use from several threads. */

#define ND_TYPE_PROXY_CACHE (nd_proxy_cache_get_type ())

G_DECLARE_FINAL_TYPE (NdProxyCache, nd_proxy_cache, ND, PROXY_CACHE, GObject)

NdProxyCache *nd_proxy_cache_new (GProxyResolver *inner,
                                  guint           lifetime_seconds);

G_END_DECLS
