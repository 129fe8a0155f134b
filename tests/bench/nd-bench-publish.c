/* nd-bench-publish.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Publishing 100 items to a real WordPress (tests/setup/wordpress/start)
 * through the outbox runner, in this one process, as the window does it:
 * German items with a few tags each, every tenth with a lead image.
 * Prints the wall time, this process's CPU time (getrusage, user + sys)
 * as a share of it (the aim is at most 5 %), the requests per item (from
 * the log of php -S, which logs each request it answers) and the server's
 * own CPU time for them: user + sys of every process in the site's two
 * process groups (php -S with its workers, mariadbd), read from
 * /proc/PID/stat before and after, children that ended included
 * (cutime, cstime). A benchmark asserts nothing.
 *
 * Run: ninja -C BUILD bench-publish, or BUILD/tests/bench/nd-bench-publish
 * [--items N]. Exit status 77 when WordPress is not installed. */

#define G_LOG_DOMAIN "nd-bench-publish"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nd-image-file.h"
#include "nd-job-error.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-outbox-runner.h"
#include "nd-store-outbox.h"
#include "nd-store.h"
#include "nd-target.h"

#define TARGET "bench-site"

static const char * const words[] = {
  "Unternehmen", "Projekt", "Region", "Wirtschaft", "Forschung", "Innovation",
  "Partner", "Digitalisierung", "Zusammenarbeit", "Programm", "Entwicklung",
  "Konferenz", "Veranstaltung", "Zukunft", "Ergebnisse", "Wettbewerb",
  "Unterstützung", "Hochschule", "Europa", "Deutschland", "Millionen", "Euro",
  "Prozent", "neue", "gemeinsam", "wichtig", "erfolgreich", "Clusterkonferenz",
  "Clustermanagement", "Förderprogramm", "Ausschreibung", "Fachtagung",
  "Podiumsdiskussion", "Teilnehmerinnen", "Studie", "Bericht", "Strategie",
  "Wachstum", "Märkte", "Industrie", "Handwerk", "Gründerinnen", "Investitionen",
  "Finanzierung", "Zuschuss", "Fachkräfte", "Weiterbildung", "Nachhaltigkeit",
};

static const char * const function_words[] = {
  "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "für", "auf",
  "ist", "im", "dem", "ein", "eine", "als", "auch", "an", "werden", "aus",
  "nach", "bei", "über", "zum", "zur", "durch", "sowie",
};

static const char * const starts[] = {
  "Die", "Der", "Das", "Im", "Mit", "Für", "Auf", "Nach", "Bei", "Zur", "Über",
};

static const char * const tag_words[] = {
  "Förderung", "Mittelstand", "Netzwerk", "Forschung", "Innovation",
  "Digitalisierung", "Brüssel", "Europa", "EU-Förderung", "Horizont Europa",
  "Energiewende", "Wasserstoff", "Klimaschutz", "Mobilität", "Fachkräfte",
};

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static void
append_sentence (GString *text,
                 GRand   *rand)
{
  guint n = g_rand_int_range (rand, 8, 20);

  g_string_append (text, PICK (rand, starts));
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, (i % 2) ? PICK (rand, function_words) : PICK (rand, words));
    }
  g_string_append (text, ". ");
}

static char *
make_text (GRand *rand,
           guint  sentences,
           guint  paragraphs)
{
  GString *text = g_string_new (NULL);

  for (guint p = 0; p < paragraphs; p++)
    {
      if (p > 0)
        g_string_append (text, "\n\n");
      for (guint s = 0; s < sentences; s++)
        append_sentence (text, rand);
      g_strchomp (text->str);
      g_string_set_size (text, strlen (text->str));
    }

  return g_string_free (text, FALSE);
}

static char *
make_title (GRand *rand)
{
  return g_strdup_printf ("%s %s %s %s: %s %s", PICK (rand, starts), PICK (rand, words),
                          PICK (rand, function_words), PICK (rand, words),
                          PICK (rand, words), PICK (rand, words));
}

/* Creates item @n; every tenth gets the sample photo as its lead image. */
static char *
create_item (NdStore *store,
             GRand   *rand,
             guint    n)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autofree char *title = make_title (rand);
  g_autofree char *teaser = make_text (rand, 2, 1);
  g_autofree char *body = make_text (rand, 4, 4);
  g_autofree char *date = g_strdup_printf ("2024-%02u-%02uT10:00:00+01:00", 1 + n % 12, 1 + n % 28);
  const char *tags[4] = { NULL, };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    tags[i] = PICK (rand, tag_words);

  nd_item_set_kind (item, ND_ITEM_KIND_NEWS);
  nd_item_set_language (item, "de");
  nd_item_set_title (item, title);
  nd_item_set_teaser (item, teaser);
  nd_item_set_body (item, body);
  nd_item_set_date (item, date);
  nd_item_set_author (item, "Erika Redakteurin");
  nd_item_set_tags (item, tags);
  if (!nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error))
    g_error ("saving item %u: %s", n, error->message);

  if (n % 10 == 0)
    {
      const char *data_dir = g_getenv ("ND_TEST_DATA");
      g_autofree char *path = g_build_filename (data_dir != NULL ? data_dir : ND_BENCH_TEST_DATA,
                                                "clusterkonferenz-2024.jpg", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(NdImage) image = nd_image_file_load (file, NULL, &error);
      g_autoptr(NdImage) attached = NULL;

      if (image == NULL)
        g_error ("%s: %s", path, error->message);
      if (nd_image_get_credit (image) == NULL)
        nd_image_set_credit (image, "VDI/VDE-IT");
      if (nd_image_get_alt_text (image) == NULL)
        nd_image_set_alt_text (image, "Podium der Clusterkonferenz");
      attached = nd_store_attach_image (store, nd_item_get_id (item), image, ND_IMAGE_ATTACH_LEAD, &error);
      if (attached == NULL)
        g_error ("attaching the image to item %u: %s", n, error->message);
    }

  return g_strdup (nd_item_get_id (item));
}

/* The site ------------------------------------------------------------------ */

static GHashTable *
start_site (const char *script)
{
  g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
  const char *argv[] = { script, "--owner", owner, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", script, error->message);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    return NULL;
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("wordpress/start failed: %s\n%s", error->message, err);

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_insert (values, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }

  return values;
}

static void
stop_site (const char *script,
           const char *dir)
{
  const char *argv[] = { script, dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
}

static long
read_pgid (const char *dir,
           const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.pgid", dir, name);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;

  return strtol (text, NULL, 10);
}

/* utime + stime + cutime + cstime (clock ticks) of every process in the
 * process groups @pgids. */
static guint64
group_cpu_ticks (const long *pgids,
                 guint       n_pgids)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint64 total = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;
      const char *close;
      long pgid;

      if (!g_ascii_isdigit (*name))
        continue;
      path = g_strdup_printf ("/proc/%s/stat", name);
      if (!g_file_get_contents (path, &text, NULL, NULL) || (close = strrchr (text, ')')) == NULL)
        continue;

      /* after "pid (comm) ": state ppid pgrp session tty tpgid flags
       * minflt cminflt majflt cmajflt utime stime cutime cstime */
      fields = g_strsplit (close + 2, " ", 16);
      if (g_strv_length (fields) < 15)
        continue;
      pgid = strtol (fields[2], NULL, 10);
      for (guint i = 0; i < n_pgids; i++)
        if (pgids[i] == pgid)
          total += g_ascii_strtoull (fields[11], NULL, 10) + g_ascii_strtoull (fields[12], NULL, 10) +
                   g_ascii_strtoull (fields[13], NULL, 10) + g_ascii_strtoull (fields[14], NULL, 10);
    }

  return total;
}

/* The requests php -S answered: it logs "… 127.0.0.1:PORT Accepted" for
 * each connection, and it closes every connection after one answer (no
 * keep-alive), while "[STATUS]: METHOD PATH" appears only for files it
 * serves itself, not for the router's WordPress requests. */
static guint
count_requests (const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/logs/php.log", dir);
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  for (const char *p = text; (p = strstr (p, " Accepted\n")) != NULL; p++)
    n++;

  return n;
}

static double
rusage_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The run ---------------------------------------------------------------------- */

typedef struct
{
  guint n_done;
  guint n_failed;
  guint n_retries;
  guint n_expected;
} Counts;

static void
on_finished (NdOutboxRunner *runner,
             NdOutboxJob    *job,
             Counts         *counts)
{
  if (job->state == ND_OUTBOX_STATE_DONE)
    counts->n_done++;
  else if (job->state == ND_OUTBOX_STATE_PENDING)
    counts->n_retries++;
  else
    {
      g_autofree char *reason = nd_outbox_job_dup_error_message (job);

      counts->n_failed++;
      g_printerr ("job %" G_GINT64_FORMAT " failed: %s\n", job->id, reason);
    }
}

static void
on_retrying (NdOutboxRunner *runner,
             NdOutboxJob    *job,
             guint           delay_ms,
             GError         *reason,
             Counts         *counts)
{
  counts->n_retries++;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *script = g_build_filename (ND_BENCH_SETUP_DIR, "wordpress", "start", NULL);
  g_autofree char *stop_script = g_build_filename (ND_BENCH_SETUP_DIR, "wordpress", "stop", NULL);
  g_autoptr(GHashTable) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(NdOutboxRunner) runner = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240515);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  long pgids[2];
  const char *site_dir;
  int n_items = 100;
  Counts counts = { 0, };
  GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "Items to publish (default 100)", "N" },
    G_OPTION_ENTRY_NULL
  };
  guint64 ticks_before, ticks_after;
  guint requests_before, requests_after;
  double cpu_before, cpu_after;
  gint64 wall_before, wall_after;
  double wall, cpu, server, ticks_per_second;

  context = g_option_context_new ("- publishing 100 items to a real WordPress");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_items < 1)
    n_items = 1;

  g_print ("Starting WordPress …\n");
  site = start_site (script);
  if (site == NULL)
    {
      g_print ("WordPress is not installed (make deps): skipped\n");
      return 77;
    }
  site_dir = g_hash_table_lookup (site, "ND_WP_DIR");
  pgids[0] = read_pgid (site_dir, "php");
  pgids[1] = read_pgid (site_dir, "mariadb");

  dir = g_dir_make_tmp ("nd-bench-publish-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "newsdesk.db", NULL);
  store = nd_store_open (db_path, &error);
  g_assert_no_error (error);
  target = nd_target_new (TARGET, ND_TARGET_TYPE_WORDPRESS, g_hash_table_lookup (site, "ND_WP_URL"),
                          g_hash_table_lookup (site, "ND_WP_USER"));
  nd_store_add_target (store, target, &error);
  g_assert_no_error (error);

  for (int i = 0; i < n_items; i++)
    g_ptr_array_add (ids, create_item (store, rand, (guint) i));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(NdOutboxJob) job = nd_store_enqueue_job (store, g_ptr_array_index (ids, i), TARGET,
                                                         ND_OUTBOX_ACTION_PUBLISH, ND_OUTBOX_FLAG_NONE,
                                                         &error);
      g_assert_no_error (error);
    }

  runner = nd_outbox_runner_new (store);
  nd_outbox_runner_set_password (runner, TARGET, g_hash_table_lookup (site, "ND_WP_PASSWORD"));
  g_signal_connect (runner, "job-finished", G_CALLBACK (on_finished), &counts);
  g_signal_connect (runner, "job-retrying", G_CALLBACK (on_retrying), &counts);
  counts.n_expected = ids->len;

  g_print ("Publishing %u items (%u with an image) …\n", ids->len, (ids->len + 9) / 10);
  ticks_before = group_cpu_ticks (pgids, G_N_ELEMENTS (pgids));
  requests_before = count_requests (site_dir);
  cpu_before = rusage_seconds ();
  wall_before = g_get_monotonic_time ();

  nd_outbox_runner_start (runner);
  while (counts.n_done + counts.n_failed < counts.n_expected)
    g_main_context_iteration (NULL, TRUE);

  wall_after = g_get_monotonic_time ();
  cpu_after = rusage_seconds ();
  requests_after = count_requests (site_dir);
  ticks_after = group_cpu_ticks (pgids, G_N_ELEMENTS (pgids));

  ticks_per_second = (double) sysconf (_SC_CLK_TCK);
  wall = (wall_after - wall_before) / 1e6;
  cpu = cpu_after - cpu_before;
  server = (ticks_after - ticks_before) / ticks_per_second;

  g_print ("\n");
  g_print ("items published       %u (failed %u, retries %u)\n", counts.n_done, counts.n_failed, counts.n_retries);
  g_print ("wall time             %.2f s (%.1f ms per item)\n", wall, 1000 * wall / ids->len);
  g_print ("client CPU            %.3f s = %.1f %% of wall time (aim: at most 5 %%)\n", cpu, 100 * cpu / wall);
  g_print ("requests              %u = %.2f per item\n", requests_after - requests_before,
           (double) (requests_after - requests_before) / ids->len);
  g_print ("server CPU            %.2f s = %.1f %% of wall time (php -S and workers + mariadbd,\n"
           "                      user + sys from /proc/PID/stat of their process groups)\n",
           server, 100 * server / wall);

  g_clear_object (&runner);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  stop_site (stop_script, site_dir);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return counts.n_failed == 0 ? 0 : 1;
}
