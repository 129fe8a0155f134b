/* nd-fuzz.h
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

/* The libFuzzer entry points each target defines (fuzz-*.c); built with
 * -Dfuzzing=true they are libFuzzer's, otherwise nd-fuzz-driver.c runs
 * them over the committed corpus as a meson test. */
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);

/* A property that must hold whatever the input: abort()s, which both
 * libFuzzer and the driver report as a crash with the input. */
#define ND_FUZZ_CHECK(cond, ...)                                         \
  G_STMT_START {                                                         \
    if (G_UNLIKELY (!(cond)))                                            \
      {                                                                  \
        fprintf (stderr, "%s:%d: property broken: %s: ",                 \
                 __FILE__, __LINE__, #cond);                             \
        fprintf (stderr, __VA_ARGS__);                                   \
        fputc ('\n', stderr);                                            \
        abort ();                                                        \
      }                                                                  \
  } G_STMT_END

/* Criticals and warnings abort (a g_return_if_fail () hit by any input
 * is a defect too). With abort () rather than GLib's fatal breakpoint,
 * whose SIGTRAP libFuzzer would not catch and save as a crash. */
static inline GLogWriterOutput
nd_fuzz_log_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

/* Common setup: a fixed time zone and the C locale, so a run is
 * reproducible. */
static inline void
nd_fuzz_init (void)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_log_set_writer_func (nd_fuzz_log_writer, NULL, NULL);
}

G_END_DECLS
