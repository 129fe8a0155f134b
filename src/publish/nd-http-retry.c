/* nd-http-retry.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-http-retry"

#include "config.h"

#include <libsoup/soup.h>

#include "nd-http-retry.h"

G_DEFINE_BOXED_TYPE (NdRetryPolicy, nd_retry_policy, nd_retry_policy_copy, nd_retry_policy_free)

NdRetryPolicy *
nd_retry_policy_new (void)
{
  NdRetryPolicy *policy = g_new0 (NdRetryPolicy, 1);

  policy->max_attempts = 5;
  policy->base_delay_ms = 1000;
  policy->max_delay_ms = 60 * 1000;
  policy->max_retry_after_ms = 120 * 1000;

  return policy;
}

NdRetryPolicy *
nd_retry_policy_copy (const NdRetryPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);

  return g_memdup2 (policy, sizeof *policy);
}

void
nd_retry_policy_free (NdRetryPolicy *policy)
{
  g_free (policy);
}

guint
nd_retry_policy_backoff_ms (const NdRetryPolicy *policy,
                            guint                attempts_made,
                            GRand               *rand)
{
  guint64 window;

  g_return_val_if_fail (policy != NULL, 0);
  g_return_val_if_fail (attempts_made >= 1, 0);

  /* base * 2^(n-1), saturating long before the shift could overflow */
  window = policy->base_delay_ms;
  for (guint i = 1; i < attempts_made && window < policy->max_delay_ms; i++)
    window *= 2;
  window = MIN (window, policy->max_delay_ms);

  if (window == 0)
    return 0;

  /* Full jitter: anywhere in [0, window]. */
  if (rand != NULL)
    return (guint) g_rand_int_range (rand, 0, (gint32) MIN (window, G_MAXINT32 - 1) + 1);

  return (guint) g_random_int_range (0, (gint32) MIN (window, G_MAXINT32 - 1) + 1);
}

gboolean
nd_retry_policy_next_delay (const NdRetryPolicy *policy,
                            guint                attempts_made,
                            gint64               retry_after_ms,
                            GRand               *rand,
                            guint               *delay_ms)
{
  guint backoff;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (attempts_made >= 1, FALSE);
  g_return_val_if_fail (delay_ms != NULL, FALSE);

  *delay_ms = 0;

  if (attempts_made >= policy->max_attempts)
    return FALSE;

  if (retry_after_ms > (gint64) policy->max_retry_after_ms)
    return FALSE;

  backoff = nd_retry_policy_backoff_ms (policy, attempts_made, rand);
  *delay_ms = (guint) MAX ((gint64) backoff, retry_after_ms);

  return TRUE;
}

NdRetryDecision
nd_retry_classify_status (guint status)
{
  if (status >= 200 && status < 300)
    return ND_RETRY_DONE;

  /* 408 Request Timeout and 425 Too Early say "the same again later". */
  if (status == 429 || status == 408 || status == 425 || (status >= 500 && status < 600))
    return ND_RETRY_AGAIN;

  return ND_RETRY_FAIL;
}

static const int transient_io_errors[] = {
  G_IO_ERROR_TIMED_OUT,
  G_IO_ERROR_CONNECTION_REFUSED,
  G_IO_ERROR_CONNECTION_CLOSED,  /* = G_IO_ERROR_BROKEN_PIPE */
  G_IO_ERROR_PARTIAL_INPUT,
  G_IO_ERROR_HOST_UNREACHABLE,
  G_IO_ERROR_NETWORK_UNREACHABLE,
  G_IO_ERROR_NOT_CONNECTED,
  G_IO_ERROR_BUSY,
  G_IO_ERROR_PROXY_FAILED,
};

gboolean
nd_retry_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;

  if (error->domain != G_IO_ERROR)
    return FALSE;

  /* A list, not a switch: -Wswitch-enum would want all of GIOErrorEnum,
   * and G_IO_ERROR_BROKEN_PIPE is an alias of CONNECTION_CLOSED. */
  for (guint i = 0; i < G_N_ELEMENTS (transient_io_errors); i++)
    {
      if (error->code == transient_io_errors[i])
        return TRUE;
    }

  return FALSE;
}

gboolean
nd_retry_parse_retry_after (const char *value,
                            GDateTime  *now,
                            gint64     *delay_ms)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) current = NULL;
  g_autofree char *stripped = NULL;
  guint64 seconds;
  GTimeSpan span;

  g_return_val_if_fail (delay_ms != NULL, FALSE);

  *delay_ms = -1;
  if (value == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (value));

  if (*stripped != '\0' && g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT32, &seconds, NULL))
    {
      *delay_ms = (gint64) seconds * 1000;
      return TRUE;
    }

  if (!(when = soup_date_time_new_from_http_string (stripped)))
    return FALSE;

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  span = g_date_time_difference (when, current);
  *delay_ms = MAX (span, 0) / 1000;

  return TRUE;
}
