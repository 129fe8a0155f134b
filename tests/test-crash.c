/* test-crash.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "nd-import.h"
#include "nd-item.h"
#include "nd-store.h"
#include "nd-test-utils.h"

/* Crash safety: `newsdesk set`, `newsdesk import` and the window's
 * autosave are killed with SIGKILL at random moments, and after every
 * kill the database is checked as the next start would find it:
 *  - no acknowledged write is lost: a command that exited 0, an autosave
 *    the window reported as done;
 *  - a write is all or nothing: an item's title and body belong to the
 *    same `set`, an imported file's item is there whole or not at all,
 *    files are imported in order, the revision counts the writes;
 *  - PRAGMA integrity_check, foreign_key_check and the FTS5
 *    integrity-check are ok;
 *  - the window opened again shows the last autosaved text (or the one
 *    that was being saved when it was killed, if that save got in).
 * The moments are random from a seed printed to the log; set
 * ND_TEST_CRASH_SEED to it to run the same kills again. Under
 * ND_TEST_SMALL (the ASan build) fewer kills are made. */

/* Kills per part: 200 in all, 55 under ND_TEST_SMALL. */
#define KILLS_SET          90
#define KILLS_IMPORT       80
#define KILLS_WINDOW       30
#define KILLS_SET_SMALL    25
#define KILLS_IMPORT_SMALL 20
#define KILLS_WINDOW_SMALL 10

/* Text that makes a write take long enough for kills to land inside it. */
#define PADDING_BYTES      (8 * 1024)
#define IMPORT_FILES       3

static GRand *rand_;

typedef struct
{
  char   *dir;
  char   *db;
  gint64  start;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->start = g_get_monotonic_time ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_test_message ("this part took %.1f s", (g_get_monotonic_time () - f->start) / 1e6);
  nd_test_remove_tree (f->dir);
  g_clear_pointer (&f->db, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static guint
kills_wanted (guint full,
              guint small)
{
  return g_getenv ("ND_TEST_SMALL") != NULL ? small : full;
}

/* Words, not one repeated letter: the search index gets real work. The
 * same @n gives the same text, so that what a run wrote can be made
 * again to compare. */
static char *
dup_padding (guint n)
{
  static const char * const words[] = {
    "Cluster", "Konferenz", "Brüssel", "Förderung", "Mittelstand", "Innovation",
    "Netzwerk", "Programm", "Region", "Investition", "Austausch", "Politik",
  };
  g_autoptr(GRand) words_rand = g_rand_new_with_seed (n);
  GString *text = g_string_new (NULL);

  while (text->len < PADDING_BYTES)
    g_string_append_printf (text, "%s%u%s",
                            words[g_rand_int_range (words_rand, 0, G_N_ELEMENTS (words))],
                            n, text->len % 600 < 12 ? "\n\n" : " ");

  return g_string_free (text, FALSE);
}

/* The store's checks, on a connection of its own as the next start has. */
static void
assert_sound (const char *db)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (conn, "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_close (conn), ==, SQLITE_OK);
}

static NdStore *
open_store (const char *db)
{
  g_autoptr(GError) error = NULL;
  NdStore *store = nd_store_open (db, &error);

  g_assert_no_error (error);
  return store;
}

/* Running newsdesk and killing it --------------------------------------- */

typedef enum
{
  OUTCOME_DONE,     /* exited 0: the write is acknowledged */
  OUTCOME_KILLED,   /* died of our SIGKILL */
} Outcome;

static GSubprocess *
spawn (Fixture            *f,
       GSubprocessFlags    flags,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autofree char *log = g_build_filename (f->dir, "stderr.log", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return process;
}

/* Kills @process after @delay_us unless it has ended (a negative delay:
 * lets it end); a command that ended with an error fails the test. */
static Outcome
kill_after (Fixture     *f,
            GSubprocess *process,
            gint64       delay_us)
{
  g_autoptr(GError) error = NULL;

  if (delay_us >= 0)
    {
      g_usleep (delay_us);
      g_subprocess_force_exit (process);
    }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return OUTCOME_KILLED;
    }

  if (g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *log = g_build_filename (f->dir, "stderr.log", NULL);
      g_autofree char *text = NULL;

      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("newsdesk exited %d: %s", g_subprocess_get_exit_status (process), text);
    }

  return OUTCOME_DONE;
}

/* When to kill a command: at a random moment in [hi / 3, hi]. The first
 * run is not killed: hi starts at 1.3 times its length. Then hi follows
 * the runs, longer after a kill and shorter after a run that ended
 * first, so that about two runs in three are killed and the moments
 * gather towards a run's end, where its transaction writes and commits,
 * whatever the speed of the machine (ASan, a busy one). Time only
 * chooses the moments: no result depends on it. */
typedef struct
{
  gint64 hi;      /* µs; 0 before the first run */
  gint64 start;
} Moments;

static gint64
moments_next (Moments *m)
{
  m->start = g_get_monotonic_time ();

  return m->hi == 0 ? -1 : g_rand_int_range (rand_, m->hi / 3, m->hi + 1);
}

static void
moments_update (Moments *m,
                Outcome  outcome)
{
  if (m->hi == 0)
    m->hi = (g_get_monotonic_time () - m->start) * 13 / 10;
  else if (outcome == OUTCOME_KILLED)
    m->hi = m->hi * 11 / 10;
  else
    m->hi = m->hi * 7 / 10;
  m->hi = CLAMP (m->hi, 1000, 10 * G_USEC_PER_SEC);
}

static const char *
bin (void)
{
  const char *path = g_getenv ("NEWSDESK_BIN");

  g_assert_nonnull (path);
  return path;
}

/* set ------------------------------------------------------------------ */

typedef struct
{
  char   *id;
  guint   current;     /* the N of "Crash set N" the store holds */
  guint64 revision;    /* and its revision */
  guint   late;        /* runs killed after their commit */
} SetState;

static char *
body_file (Fixture *f)
{
  return g_build_filename (f->dir, "body.md", NULL);
}

static char *
dup_set_body (guint n)
{
  g_autofree char *padding = dup_padding (n);

  return g_strdup_printf ("Body %u\n\n%s", n, padding);
}

static void
prepare_set (Fixture *f,
             guint    n)
{
  g_autofree char *path = body_file (f);
  g_autofree char *body = dup_set_body (n);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, body, -1, &error);
  g_assert_no_error (error);
}

static void
assert_set_state (Fixture  *f,
                  SetState *state,
                  guint     n,
                  Outcome   outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_store (f->db);
  g_autoptr(NdItem) item = nd_store_load_item (store, state->id, &error);
  g_autofree char *old_title = g_strdup_printf ("Crash set %u", state->current);
  g_autofree char *new_title = g_strdup_printf ("Crash set %u", n);
  g_autofree char *body = NULL;
  gboolean is_new;

  g_assert_no_error (error);
  is_new = g_str_equal (nd_item_get_title (item), new_title);

  /* Acknowledged: there. Killed: the old state or all of the new one. */
  if (outcome == OUTCOME_DONE || !g_str_equal (nd_item_get_title (item), old_title))
    g_assert_cmpstr (nd_item_get_title (item), ==, new_title);

  if (is_new && outcome == OUTCOME_KILLED)
    state->late++;
  if (is_new)
    {
      state->current = n;
      state->revision++;
    }

  body = dup_set_body (state->current);
  g_assert_cmpstr (nd_item_get_body (item), ==, body);
  g_assert_cmpuint (nd_item_get_revision (item), ==, state->revision);
}

static void
test_crash_set (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NdStore) store = open_store (f->db);
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = body_file (f);
  guint wanted = kills_wanted (KILLS_SET, KILLS_SET_SMALL);
  SetState state = { 0 };
  guint killed = 0;
  guint done = 0;
  guint n = 1;
  Moments moments = { 0 };

  nd_item_set_title (item, "Crash set 0");
  nd_item_set_body (item, "Body 0");
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_CREATED, &error));
  g_assert_no_error (error);
  {
    g_autofree char *body = dup_set_body (0);

    nd_item_set_body (item, body);
    g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  }
  state.id = g_strdup (nd_item_get_id (item));
  state.revision = nd_item_get_revision (item);
  g_clear_object (&store);

  for (; killed < wanted; n++)
    {
      g_autofree char *title = g_strdup_printf ("Crash set %u", n);
      const char * const argv[] = { bin (), "--db", f->db, "set", state.id, "--title", title,
                                    "--body-file", path, NULL };
      g_autoptr(GSubprocess) process = NULL;
      Outcome outcome;
      gint64 delay;

      g_assert_cmpuint (n, <, 20 * wanted);
      prepare_set (f, n);
      delay = moments_next (&moments);
      process = spawn (f, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, argv);
      outcome = kill_after (f, process, delay);
      moments_update (&moments, outcome);
      if (outcome == OUTCOME_KILLED)
        killed++;
      else
        done++;

      assert_set_state (f, &state, n, outcome);
      assert_sound (f->db);
    }

  g_test_message ("set: %u runs killed (%u after their commit), %u completed (kills up to %"
                  G_GINT64_FORMAT " µs after the start); the store held the last acknowledged "
                  "title, body and revision after each", killed, state.late, done, moments.hi);
  g_free (state.id);
}

/* import ---------------------------------------------------------------- */

static char *
import_path (Fixture *f,
             guint    k)
{
  g_autofree char *name = g_strdup_printf ("import-%u.txt", k);

  return g_build_filename (f->dir, name, NULL);
}

static char *
import_title (guint n,
              guint k)
{
  return g_strdup_printf ("Crash import %u-%u", n, k);
}

/* The sample with its own title and a long body. */
static void
prepare_import (Fixture *f,
                guint    n)
{
  g_autoptr(GBytes) sample = nd_test_load_data ("meldung-clusterkonferenz-2024.txt");
  g_autofree char *title = NULL;
  const char *text = g_bytes_get_data (sample, NULL);
  const char *heading = strstr (text, "ECCP: ");
  const char *heading_end = strchr (heading, '\n');

  for (guint k = 0; k < IMPORT_FILES; k++)
    {
      g_autofree char *path = import_path (f, k);
      g_autofree char *padding = dup_padding (n);
      g_autoptr(GError) error = NULL;
      GString *file = g_string_new_len (text, heading - text);

      title = import_title (n, k);
      g_string_append (file, title);
      g_string_append_len (file, heading_end, g_bytes_get_size (sample) - (heading_end - text));
      g_string_append_printf (file, "\n\n%s\n\nEnd of %s.\n", padding, title);
      g_file_set_contents (path, file->str, file->len, &error);
      g_assert_no_error (error);
      g_string_free (file, TRUE);
      g_clear_pointer (&title, g_free);
    }
}

static guint
count_title (GPtrArray  *items,
             const char *title)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (nd_item_get_title (g_ptr_array_index (items, i)), title))
      n++;

  return n;
}

/* Returns how many of run @n's files are in; the whole store holds
 * @total items before. */
static guint
assert_import_state (Fixture *f,
                     guint    n,
                     guint    total,
                     Outcome  outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_store (f->db);
  NdStoreFilter filter = ND_STORE_FILTER_INIT;
  g_autoptr(GPtrArray) items = nd_store_list_items (store, &filter, &error);
  guint in = 0;

  g_assert_no_error (error);

  /* Each file is one transaction, in order: the files that got in are
   * the first ones. */
  for (guint k = 0; k < IMPORT_FILES; k++)
    {
      g_autofree char *title = import_title (n, k);
      guint count = count_title (items, title);

      g_assert_cmpuint (count, <=, 1);
      if (count == 1)
        g_assert_cmpuint (in++, ==, k);
    }

  if (outcome == OUTCOME_DONE)
    g_assert_cmpuint (in, ==, IMPORT_FILES);
  /* Nothing acknowledged before went missing, nothing came twice. */
  g_assert_cmpuint (items->len, ==, total + in);

  /* What got in is whole: its body ends with the file's last line. */
  for (guint i = 0; i < items->len; i++)
    {
      NdItem *summary = g_ptr_array_index (items, i);
      g_autofree char *prefix = g_strdup_printf ("Crash import %u-", n);
      g_autofree char *end = NULL;
      g_autofree char *body = NULL;
      g_autoptr(NdItem) item = NULL;

      if (!g_str_has_prefix (nd_item_get_title (summary), prefix))
        continue;
      item = nd_store_load_item (store, nd_item_get_id (summary), &error);
      g_assert_no_error (error);
      end = g_strdup_printf ("End of %s.", nd_item_get_title (item));
      body = g_strchomp (g_strdup (nd_item_get_body (item)));
      g_assert_true (g_str_has_suffix (body, end));
      g_assert_nonnull (strstr (body, "Dr. Ole Janssen"));
    }

  return in;
}

static void
test_crash_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  guint wanted = kills_wanted (KILLS_IMPORT, KILLS_IMPORT_SMALL);
  guint killed = 0;
  guint done = 0;
  guint partial = 0;
  guint total = 0;
  Moments moments = { 0 };

  g_ptr_array_add (args, g_strdup (bin ()));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup (f->db));
  g_ptr_array_add (args, g_strdup ("import"));
  for (guint k = 0; k < IMPORT_FILES; k++)
    g_ptr_array_add (args, import_path (f, k));
  g_ptr_array_add (args, NULL);


  for (guint n = 1; killed < wanted; n++)
    {
      g_autoptr(GSubprocess) process = NULL;
      Outcome outcome;
      gint64 delay;
      guint in;

      g_assert_cmpuint (n, <, 20 * wanted);
      prepare_import (f, n);
      delay = moments_next (&moments);
      process = spawn (f, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) args->pdata);
      outcome = kill_after (f, process, delay);
      moments_update (&moments, outcome);
      if (outcome == OUTCOME_KILLED)
        killed++;
      else
        done++;

      in = assert_import_state (f, n, total, outcome);
      if (outcome == OUTCOME_KILLED && in > 0 && in < IMPORT_FILES)
        partial++;
      total += in;
      assert_sound (f->db);
    }

  g_test_message ("import: %u runs killed (%u between two files), %u completed (kills up to "
                  "%" G_GINT64_FORMAT " µs after the start); %u items in",
                  killed, partial, done, moments.hi, total);
}

/* The window's autosave -------------------------------------------------- */

/* What the child has told; see nd-crash-window.c. */
typedef struct
{
  char       *acked;        /* SHA-256 of the body last known to be in the store */
  GHashTable *candidates;   /* SHA-256s the store may hold now: acked, and
                             * what was typed after it */
  guint       next;         /* the next word's number */
  guint       saves;        /* autosaves reported done */
  guint       reopened;     /* windows that reported what they loaded */
  guint       in_flight;    /* kills after a save got in, before it was reported */
  gint64      startup;      /* µs from the starts to "loaded", summed (for the log) */
  guint       timed;        /* starts in that sum */
} Window;

static void
window_acked (Window     *w,
              const char *sha)
{
  char *acked = g_strdup (sha);

  g_free (w->acked);
  w->acked = acked;
  g_hash_table_remove_all (w->candidates);
  g_hash_table_add (w->candidates, g_strdup (acked));
}

static void
window_read_line (Window     *w,
                  const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 3);

  if (g_str_equal (words[0], "loaded"))
    {
      /* Reopened: exactly what the store held after the last kill. */
      g_assert_cmpstr (words[1], ==, w->acked);
      w->reopened++;
    }
  else if (g_str_equal (words[0], "typed"))
    {
      g_assert_nonnull (words[1]);
      g_assert_nonnull (words[2]);
      g_hash_table_add (w->candidates, g_strdup (words[2]));
      w->next = (guint) g_ascii_strtoull (words[1], NULL, 10) + 1;
    }
  else if (g_str_equal (words[0], "saved"))
    {
      /* An autosave saves what was typed. */
      g_assert_true (g_hash_table_contains (w->candidates, words[1]));
      window_acked (w, words[1]);
      w->saves++;
    }
  else
    {
      g_error ("unexpected line from nd-crash-window: %s", line);
    }
}

static char *
dup_stored_body_sha (const char *db,
                     const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = open_store (db);
  g_autoptr(NdItem) item = nd_store_load_item (store, id, &error);

  g_assert_no_error (error);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, nd_item_get_body (item), -1);
}

static char *
window_helper (void)
{
  return g_test_build_filename (G_TEST_BUILT, "nd-crash-window", NULL);
}

/* Reads the child's lines until it reports an autosave done. */
static void
window_read_until_saved (Window           *w,
                         GDataInputStream *lines)
{
  guint saves = w->saves;

  while (w->saves == saves)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      /* The child gives up on its own if no autosave ever comes. */
      g_assert_nonnull (line);
      window_read_line (w, line);
    }
}

/* One child: (maybe) waits until it has loaded, lets it type for a
 * random while, kills it, reads what it said, checks the store. The
 * first round waits for an autosave to be reported before its kill:
 * on a slow machine (ASan on two cores) random moments alone could all
 * land before the first autosave, and the rounds would then check no
 * autosave at all. */
static void
window_round (Fixture    *f,
              Window     *w,
              const char *id,
              gboolean    after_a_save)
{
  g_autofree char *helper = window_helper ();
  g_autofree char *first = g_strdup_printf ("%u", w->next);
  const char * const argv[] = { helper, f->db, id, "type", first, NULL };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GSubprocess) process = spawn (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  char *line;

  /* Most kills land while it types; some while it starts. */
  if (after_a_save)
    {
      window_read_until_saved (w, lines);
      g_assert_true (kill_after (f, process, g_rand_int_range (rand_, 0, 300000)) == OUTCOME_KILLED);
    }
  else if (g_rand_int_range (rand_, 0, 10) > 0)
    {
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      w->startup += g_get_monotonic_time () - start;
      w->timed++;
      window_read_line (w, line);
      g_free (line);
      g_assert_true (kill_after (f, process, g_rand_int_range (rand_, 200000, 2000000)) == OUTCOME_KILLED);
    }
  else
    {
      g_assert_true (kill_after (f, process, g_rand_int_range (rand_, 0, 300000)) == OUTCOME_KILLED);
    }

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      window_read_line (w, line);
      g_free (line);
    }
  g_assert_no_error (error);

  assert_sound (f->db);
  stored = dup_stored_body_sha (f->db, id);
  g_assert_true (g_hash_table_contains (w->candidates, stored));
  if (!g_str_equal (stored, w->acked))
    w->in_flight++;
  window_acked (w, stored);
}

static void
test_crash_window (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GFile) sample = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *padding = NULL;
  g_autofree char *body = NULL;
  g_autofree char *helper = window_helper ();
  guint wanted = kills_wanted (KILLS_WINDOW, KILLS_WINDOW_SMALL);
  Window w = { 0 };

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("no display (the test runs under xvfb-run)");
      return;
    }

  store = open_store (f->db);
  sample = g_file_new_build_filename (g_getenv ("ND_TEST_DATA"), "meldung-clusterkonferenz-2024.txt", NULL);
  g_assert_true (nd_import_file (store, sample, ND_IMPORT_NONE, &ids, &error));
  g_assert_no_error (error);
  item = nd_store_load_item (store, ids[0], &error);
  g_assert_no_error (error);
  padding = dup_padding (0);
  body = g_strconcat (nd_item_get_body (item), "\n\n", padding, NULL);
  nd_item_set_body (item, body);
  g_assert_true (nd_store_save_item (store, item, ND_REVISION_REASON_EDIT, &error));
  g_clear_object (&store);

  w.candidates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);

    window_acked (&w, sha);
  }

  for (guint i = 0; i < wanted; i++)
    window_round (f, &w, ids[0], i == 0);

  /* The last word: a window that only reports what it loaded. */
  {
    const char * const argv[] = { helper, f->db, ids[0], "report", NULL };
    g_autoptr(GSubprocess) process = spawn (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv);
    g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
    g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (line);
    window_read_line (&w, line);
    g_assert_true (g_subprocess_wait_check (process, NULL, &error));
    g_assert_no_error (error);
  }

  /* The windows typed and saved: the kills hit a working autosave. */
  g_assert_cmpuint (w.saves, >, 0);
  g_test_message ("window: %u kills, %u autosaves acknowledged, %u saves got in unreported, "
                  "%u reopened windows showed the last saved text (a window took %.2f s to "
                  "show its item)", wanted, w.saves, w.in_flight, w.reopened,
                  w.timed > 0 ? w.startup / 1e6 / w.timed : 0.0);

  g_hash_table_unref (w.candidates);
  g_free (w.acked);
}

int
main (int   argc,
      char *argv[])
{
  const char *env_seed;
  guint32 seed;
  int ret;

  g_test_init (&argc, &argv, NULL);

  env_seed = g_getenv ("ND_TEST_CRASH_SEED");
  seed = env_seed != NULL ? (guint32) g_ascii_strtoull (env_seed, NULL, 10) : g_random_int ();
  rand_ = g_rand_new_with_seed (seed);
  g_test_message ("seed %u (ND_TEST_CRASH_SEED=%u runs the same kills again)", seed, seed);

  g_test_add ("/crash/set", Fixture, NULL, fixture_set_up, test_crash_set, fixture_tear_down);
  g_test_add ("/crash/import", Fixture, NULL, fixture_set_up, test_crash_import, fixture_tear_down);
  g_test_add ("/crash/window", Fixture, NULL, fixture_set_up, test_crash_window, fixture_tear_down);

  ret = g_test_run ();
  g_rand_free (rand_);

  return ret;
}
