/* fuzz-wp-answer.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the WordPress client makes of an answer: posts, media, terms,
 * users, lists of posts and error bodies, through the same code the REST
 * calls run (_nd_wp_client_read_answer ()), without the network. The
 * first byte picks the call, the second the HTTP status, the rest is the
 * body. Oracle: any answer gives success or one ND_WP_ERROR with a
 * readable message; nothing crashes, nothing leaks. */

#include "config.h"

#include <string.h>

#include "nd-fuzz.h"
#include "nd-wp-client-private.h"

static NdWpClient *client;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  nd_fuzz_init ();
  /* Nothing is sent: the address only names the site in messages. */
  client = nd_wp_client_new ("https://example.org/", "redaktion", "xxxx xxxx xxxx xxxx", NULL);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 200, 201, 400, 401, 403, 404, 410, 413, 429, 500, 503, 302 };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  NdWpAnswer answer;
  guint status;

  if (size < 2)
    return 0;

  answer = (NdWpAnswer) (data[0] % (ND_WP_ANSWER_TRASH + 1));
  status = statuses[data[1] % G_N_ELEMENTS (statuses)];
  body = g_bytes_new (data + 2, size - 2);

  if (_nd_wp_client_read_answer (client, answer, status, body, &error))
    {
      ND_FUZZ_CHECK (error == NULL, "success with an error");
      return 0;
    }

  ND_FUZZ_CHECK (error != NULL, "failure without an error");
  ND_FUZZ_CHECK (error->domain == ND_WP_ERROR, "an error of another domain: %s", error->message);
  ND_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "the message is not UTF-8");

  return 0;
}
