/* nd-bench-ui.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window benchmark: how fast the main window shows its first frame
 * with 100 and with 100,000 items, next to GNOME Text Editor measured
 * the same way in the same run; the peak memory of both databases; and,
 * through nd-bench-search-ui, the search-as-you-type latency per
 * keystroke at 100,000 items.
 *
 * Start-up is seen from outside, as a user sees it: a private Xvfb, an
 * Xlib connection that watches the root window for new top-levels
 * (SubstructureNotifyMask) and puts an XDamage object on each one. The
 * clock starts right before the program is spawned; "map" is the
 * MapNotify of its main window and "first frame" the first damage on it,
 * that is the first pixels the program paints there. There is no window
 * manager and no compositor, so nothing else paints into the window.
 *
 * The databases come from nd-bench (the same synthetic newsroom as the
 * store benchmark) and are cached in --data-dir.
 *
 * A benchmark is not a test: it prints figures and asserts nothing on
 * time. The table is for developers and the README, so it is not
 * translated; messages about bad usage or failures are.
 */

#define G_LOG_DOMAIN "nd-bench-ui"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <sqlite3.h>

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#define DEFAULT_RUNS        5
#define DEFAULT_DISPLAY     81
#define DISPLAY_TRIES       10
#define DEFAULT_DATA_DIR    "/tmp/nd-bench-ui"
#define SMALL_ITEMS         100
#define LARGE_ITEMS         100000
#define IDLE_MS             1000
#define START_TIMEOUT_S     30
#define XSERVER_TIMEOUT_S   10
#define EXIT_TIMEOUT_MS     3000

/* A main window is a mapped, managed top-level at least this big:
 * GTK's leader window, tooltips and popovers are not. */
#define MAIN_MIN_WIDTH      200
#define MAIN_MIN_HEIGHT     150

/* The targets of issue 3. */
#define RSS_RATIO_TARGET    1.2
#define SEARCH_P95_TARGET   16.0

#ifndef ND_BENCH_NEWSDESK
# define ND_BENCH_NEWSDESK  "newsdesk"
#endif
#ifndef ND_BENCH_STORE_BENCH
# define ND_BENCH_STORE_BENCH "nd-bench"
#endif
#ifndef ND_BENCH_SEARCH_UI
# define ND_BENCH_SEARCH_UI "nd-bench-search-ui"
#endif
#ifndef ND_BENCH_SCHEMA_DIR
# define ND_BENCH_SCHEMA_DIR NULL
#endif

typedef enum
{
  PROGRAM_NEWSDESK_SMALL,
  PROGRAM_NEWSDESK_LARGE,
  PROGRAM_TEXT_EDITOR,
  N_PROGRAMS
} ProgramId;

typedef struct
{
  double map_ms;
  double frame_ms;
  double hwm_mb;     /* VmHWM: peak resident set */
} Sample;

typedef struct
{
  const char *label;
  char       *db_path;         /* NULL for Text Editor */
  GArray     *samples;         /* Sample */
  guint       failures;
} Program;

/* A top-level window of the program under test. */
typedef struct
{
  Window   id;
  int      width;
  int      height;
  gboolean override_redirect;
  gboolean mapped;
  gboolean mapped_early;   /* mapped before the background was taken away */
  Damage   damage;
} Toplevel;

typedef struct
{
  /* Options */
  char       *newsdesk;
  char       *store_bench;
  char       *search_ui;
  char       *text_editor;
  char       *data_dir;
  guint       runs;
  guint       first_display;
  guint       queries;
  guint       search_budget;
  gboolean    skip_search;
  gboolean    rebuild;
  gboolean    verbose;

  /* The private X server */
  GPid        xserver_pid;
  char       *display_name;
  Display    *dpy;
  Window      root;
  int         damage_event;
  GHashTable *toplevels;       /* Window → Toplevel */

  /* Results */
  Program     programs[N_PROGRAMS];
  char       *text_editor_version;
  GHashTable *search;          /* key → value, from nd-bench-search-ui --tsv */
  char       *search_error;
} Bench;

/* ---------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------ */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return NAN;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);

  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
minimum (GArray *values)
{
  double min = NAN;

  for (guint i = 0; i < values->len; i++)
    if (isnan (min) || g_array_index (values, double, i) < min)
      min = g_array_index (values, double, i);

  return min;
}

/* One field of the samples of @program, as a plain array of doubles. */
static GArray *
sample_field (const Program *program,
              gsize          offset)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < program->samples->len; i++)
    {
      const Sample *sample = &g_array_index (program->samples, Sample, i);
      double value = G_STRUCT_MEMBER (double, sample, offset);

      g_array_append_val (values, value);
    }

  return values;
}

static double
field_median (const Program *program,
              gsize          offset)
{
  g_autoptr(GArray) values = sample_field (program, offset);

  return median (values);
}

static double
field_min (const Program *program,
           gsize          offset)
{
  g_autoptr(GArray) values = sample_field (program, offset);

  return minimum (values);
}

static double
field_first (const Program *program,
             gsize          offset)
{
  if (program->samples->len == 0)
    return NAN;

  return G_STRUCT_MEMBER (double, &g_array_index (program->samples, Sample, 0), offset);
}

static double
ms_since (gint64 start,
          gint64 now)
{
  return (now - start) / 1000.0;
}

/* VmHWM of @pid in MB, or NAN if it is gone. */
static double
read_peak_rss_mb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NAN;

  line = strstr (contents, "\nVmHWM:");
  if (line == NULL)
    return NAN;

  return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_rmdir (path);
}

/* Waits up to @timeout_ms for @pid to exit; TRUE if it did (and is reaped). */
static gboolean
wait_for_exit (GPid  pid,
               guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do
    {
      pid_t done = waitpid (pid, NULL, WNOHANG);

      if (done == pid || (done < 0 && errno == ECHILD))
        return TRUE;

      g_usleep (5000);
    }
  while (g_get_monotonic_time () < deadline);

  return FALSE;
}

static void
stop_process (GPid pid)
{
  kill (pid, SIGTERM);
  if (!wait_for_exit (pid, EXIT_TIMEOUT_MS))
    {
      kill (pid, SIGKILL);
      wait_for_exit (pid, EXIT_TIMEOUT_MS);
    }
  g_spawn_close_pid (pid);
}

/* ---------------------------------------------------------------------
 * The private X server and the window watch
 * ------------------------------------------------------------------ */

static int
ignore_x_error_cb (Display     *dpy,
                   XErrorEvent *event)
{
  /* A window can vanish between its CreateNotify and our XDamageCreate,
   * and input-only windows take no damage: both are harmless here. */
  return 0;
}

static void
toplevel_free (gpointer data)
{
  g_free (data);
}

static gboolean
xserver_start (Bench   *bench,
               GError **error)
{
  int damage_error;

  for (guint d = bench->first_display; d < bench->first_display + DISPLAY_TRIES; d++)
    {
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%u-lock", d);
      g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%u", d);
      g_autofree char *name = g_strdup_printf (":%u", d);
      const char *argv[] = {
        "Xvfb", name, "-screen", "0", "1280x800x24", "-nolisten", "tcp", NULL
      };
      gint64 deadline;
      GPid pid;

      /* Never connect to someone else's server by mistake. */
      if (g_file_test (lock, G_FILE_TEST_EXISTS) || g_file_test (socket, G_FILE_TEST_EXISTS))
        continue;

      if (!g_spawn_async (NULL, (char **) argv, NULL,
                          G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                          G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, &pid, error))
        return FALSE;

      deadline = g_get_monotonic_time () + XSERVER_TIMEOUT_S * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < deadline)
        {
          bench->dpy = XOpenDisplay (name);
          if (bench->dpy != NULL || waitpid (pid, NULL, WNOHANG) == pid)
            break;
          g_usleep (20000);
        }

      if (bench->dpy != NULL)
        {
          bench->xserver_pid = pid;
          bench->display_name = g_steal_pointer (&name);
          break;
        }

      /* Taken by someone else after all, or too slow: try the next one. */
      if (waitpid (pid, NULL, WNOHANG) == 0)
        stop_process (pid);
    }

  if (bench->dpy == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not start Xvfb on any display from :%u to :%u"),
                   bench->first_display, bench->first_display + DISPLAY_TRIES - 1);
      return FALSE;
    }

  if (!XDamageQueryExtension (bench->dpy, &bench->damage_event, &damage_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The X server on %s has no DAMAGE extension"), bench->display_name);
      return FALSE;
    }

  XSetErrorHandler (ignore_x_error_cb);
  bench->root = DefaultRootWindow (bench->dpy);
  XSelectInput (bench->dpy, bench->root, SubstructureNotifyMask);
  XSync (bench->dpy, False);
  bench->toplevels = g_hash_table_new_full (NULL, NULL, NULL, toplevel_free);

  return TRUE;
}

static void
xserver_stop (Bench *bench)
{
  g_clear_pointer (&bench->toplevels, g_hash_table_unref);
  g_clear_pointer (&bench->dpy, XCloseDisplay);
  if (bench->xserver_pid != 0)
    stop_process (bench->xserver_pid);
  bench->xserver_pid = 0;
}

/* What one start-up run is waiting for. */
typedef struct
{
  gint64 spawned;
  Window main;
  gint64 mapped;
  gint64 painted;
} Watch;

static Toplevel *
lookup_toplevel (Bench  *bench,
                 Window  window)
{
  return g_hash_table_lookup (bench->toplevels, GSIZE_TO_POINTER (window));
}

typedef struct
{
  Window   window;
  gboolean found;
} MapSearch;

static Bool
is_map_of_cb (Display *dpy,
              XEvent  *event,
              XPointer data)
{
  MapSearch *search = (MapSearch *) data;

  if (event->type == MapNotify && event->xmap.window == search->window)
    search->found = TRUE;

  /* Leave every event in the queue. */
  return False;
}

/* Whether a MapNotify of @window is already waiting in the queue. */
static gboolean
map_is_queued (Display *dpy,
               Window   window)
{
  MapSearch search = { window, FALSE };
  XEvent ignored;

  XCheckIfEvent (dpy, &ignored, is_map_of_cb, (XPointer) &search);

  return search.found;
}

static void
handle_event (Bench  *bench,
              XEvent *event,
              Watch  *watch)
{
  gint64 now = g_get_monotonic_time ();
  Toplevel *toplevel;

  if (event->type == bench->damage_event + XDamageNotify)
    {
      const XDamageNotifyEvent *damage = (const XDamageNotifyEvent *) event;

      if (bench->verbose)
        g_printerr ("  %8.1f ms  damage 0x%lx %dx%d+%d+%d\n", ms_since (watch->spawned, now),
                    damage->drawable, damage->area.width, damage->area.height,
                    damage->area.x, damage->area.y);

      toplevel = lookup_toplevel (bench, damage->drawable);
      if (toplevel != NULL && toplevel->mapped_early)
        {
          /* Lost the race: this damage is the server's background. */
          toplevel->mapped_early = FALSE;
          if (bench->verbose)
            g_printerr ("  (mapped before its background was taken away: skipped)\n");
        }
      else if (damage->drawable == watch->main && watch->painted == 0)
        {
          watch->painted = now;
        }

      /* Re-arm the report, so the verbose trace shows later frames too. */
      XDamageSubtract (bench->dpy, damage->damage, None, None);
      return;
    }

  switch (event->type)
    {
    case CreateNotify:
      if (event->xcreatewindow.parent != bench->root)
        break;
      toplevel = g_new0 (Toplevel, 1);
      toplevel->id = event->xcreatewindow.window;
      toplevel->width = event->xcreatewindow.width;
      toplevel->height = event->xcreatewindow.height;
      toplevel->override_redirect = event->xcreatewindow.override_redirect;
      /* Right away: the program cannot paint before it maps the window,
       * and mapping comes long after creating it. GTK gives its windows
       * a background colour, which the server paints on map: that would
       * be the first damage. Without a background the server paints
       * nothing, so the first damage is the program's own first frame
       * (it covers every pixel of the window anyway). */
      toplevel->damage = XDamageCreate (bench->dpy, toplevel->id, XDamageReportNonEmpty);
      XSetWindowBackgroundPixmap (bench->dpy, toplevel->id, None);
      XSync (bench->dpy, False);
      toplevel->mapped_early = map_is_queued (bench->dpy, toplevel->id);
      g_hash_table_replace (bench->toplevels, GSIZE_TO_POINTER (toplevel->id), toplevel);
      if (bench->verbose)
        g_printerr ("  %8.1f ms  create 0x%lx %dx%d%s\n", ms_since (watch->spawned, now),
                    toplevel->id, toplevel->width, toplevel->height,
                    toplevel->override_redirect ? " override-redirect" : "");
      break;

    case ConfigureNotify:
      toplevel = lookup_toplevel (bench, event->xconfigure.window);
      if (toplevel == NULL)
        break;
      toplevel->width = event->xconfigure.width;
      toplevel->height = event->xconfigure.height;
      toplevel->override_redirect = event->xconfigure.override_redirect;
      break;

    case MapNotify:
      toplevel = lookup_toplevel (bench, event->xmap.window);
      if (toplevel == NULL)
        break;
      toplevel->mapped = TRUE;
      if (bench->verbose)
        g_printerr ("  %8.1f ms  map 0x%lx %dx%d\n", ms_since (watch->spawned, now),
                    toplevel->id, toplevel->width, toplevel->height);
      if (watch->main == None &&
          !toplevel->override_redirect &&
          toplevel->width >= MAIN_MIN_WIDTH && toplevel->height >= MAIN_MIN_HEIGHT)
        {
          watch->main = toplevel->id;
          watch->mapped = now;
        }
      break;

    case DestroyNotify:
      g_hash_table_remove (bench->toplevels, GSIZE_TO_POINTER (event->xdestroywindow.window));
      break;

    default:
      break;
    }
}

/* Handles the X events that arrive within @timeout_ms (at least those
 * already queued). */
static void
pump_events (Bench *bench,
             Watch *watch,
             int    timeout_ms)
{
  struct pollfd pfd = { ConnectionNumber (bench->dpy), POLLIN, 0 };

  if (XPending (bench->dpy) == 0)
    poll (&pfd, 1, timeout_ms);

  while (XPending (bench->dpy) > 0)
    {
      XEvent event;

      XNextEvent (bench->dpy, &event);
      handle_event (bench, &event, watch);
    }
}

/* Forgets the windows of the previous program. */
static void
settle_display (Bench *bench)
{
  Watch none = { g_get_monotonic_time (), None, 0, 0 };
  gboolean verbose = bench->verbose;

  bench->verbose = FALSE;
  XSync (bench->dpy, False);
  pump_events (bench, &none, 0);
  bench->verbose = verbose;
  g_hash_table_remove_all (bench->toplevels);
}

/* ---------------------------------------------------------------------
 * Environment of the programs
 * ------------------------------------------------------------------ */

/* The quiet GTK set-up of brief and issue (cairo, no GL, no a11y bus, no
 * session bus, settings in memory) and a fresh home, so that nothing a
 * previous run saved is restored. */
static char **
program_environ (Bench      *bench,
                 const char *home,
                 const char *db_path)
{
  static const char * const xdg[][2] = {
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "DISPLAY", bench->display_name, TRUE);
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
  env = g_environ_setenv (env, "GDK_DEBUG", "gl-disable", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "GTK_DEBUG");
  env = g_environ_unsetenv (env, "G_DEBUG");
  if (ND_BENCH_SCHEMA_DIR != NULL)
    env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", ND_BENCH_SCHEMA_DIR, TRUE);
  if (db_path != NULL)
    env = g_environ_setenv (env, "NEWSDESK_DB", db_path, TRUE);
  else
    env = g_environ_unsetenv (env, "NEWSDESK_DB");

  env = g_environ_setenv (env, "HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      env = g_environ_setenv (env, xdg[i][0], dir, TRUE);
    }

  return env;
}

/* ---------------------------------------------------------------------
 * Databases
 * ------------------------------------------------------------------ */

/* The schema of the database at @path (tables, indexes, FTS options and
 * user_version), or NULL if it cannot be read. */
static char *
read_schema (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *schema = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db,
                          "SELECT coalesce (sql, name) FROM sqlite_master "
                          "UNION ALL SELECT user_version FROM pragma_user_version "
                          "ORDER BY 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      schema = g_string_new (NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (schema, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return schema != NULL ? g_string_free (schema, FALSE) : NULL;
}

static gboolean
run_store_bench (Bench       *bench,
                 guint        n_items,
                 const char  *path,
                 gboolean     quiet,
                 GError     **error)
{
  g_autofree char *items = g_strdup_printf ("%u", n_items);
  const char *argv[] = {
    bench->store_bench, "--items", items, "--no-raw", "--rounds", "1", "--opens", "1",
    "--db", path, NULL
  };
  GSpawnFlags flags = G_SPAWN_STDOUT_TO_DEV_NULL;
  int wait_status;

  /* A run that was interrupted leaves a half-built file behind. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *stale = g_strconcat (path, suffixes[i], NULL);

      g_unlink (stale);
    }

  if (quiet)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, flags,
                     NULL, NULL, NULL, NULL, &wait_status, error) ||
      !g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, _("nd-bench could not build a database: "));
      return FALSE;
    }

  return TRUE;
}

/* Whether the cached database at @path has the schema the store makes
 * now: a tiny database from the same nd-bench is the reference. */
static gboolean
schema_is_current (Bench      *bench,
                   const char *path)
{
  g_autofree char *probe = g_build_filename (bench->data_dir, "schema-probe.db", NULL);
  g_autofree char *cached = read_schema (path);
  g_autofree char *current = NULL;

  if (cached == NULL || !run_store_bench (bench, 1, probe, TRUE, NULL))
    return FALSE;

  current = read_schema (probe);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (probe, suffixes[i], NULL);

      g_unlink (file);
    }

  return g_strcmp0 (cached, current) == 0;
}

static char *
prepare_database (Bench    *bench,
                  guint     n_items,
                  GError  **error)
{
  g_autofree char *name = g_strdup_printf ("newsdesk-%u.db", n_items);
  g_autofree char *path = g_build_filename (bench->data_dir, name, NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (!bench->rebuild && schema_is_current (bench, path))
        return g_steal_pointer (&path);

      /* Translators: %s is a file name */
      g_printerr (_("%s was made by an older store schema (or --rebuild): building it anew\n"),
                  path);
    }

  if (g_mkdir_with_parents (bench->data_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), bench->data_dir, g_strerror (saved_errno));
      return NULL;
    }

  /* Translators: %u is a number of items, %s a directory */
  g_printerr (_("Building the database of %u items with nd-bench, once (kept in %s)…\n"),
              n_items, bench->data_dir);

  if (!run_store_bench (bench, n_items, part, FALSE, error))
    return NULL;

  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not rename %s: %s"), part, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* ---------------------------------------------------------------------
 * Start-up runs
 * ------------------------------------------------------------------ */

static void
program_argv (Bench      *bench,
              ProgramId   id,
              const char *argv[3])
{
  switch (id)
    {
    case PROGRAM_NEWSDESK_SMALL:
    case PROGRAM_NEWSDESK_LARGE:
      argv[0] = bench->newsdesk;
      argv[1] = NULL;
      break;

    case PROGRAM_TEXT_EDITOR:
      /* A new instance that restores no session and opens nothing. */
      argv[0] = bench->text_editor;
      argv[1] = "--standalone";
      break;

    case N_PROGRAMS:
    default:
      g_assert_not_reached ();
    }
  argv[2] = NULL;
}

static gboolean
measure_start_up (Bench      *bench,
                  ProgramId   id,
                  Sample     *sample,
                  GError    **error)
{
  Program *program = &bench->programs[id];
  g_autofree char *home = NULL;
  g_auto(GStrv) env = NULL;
  const char *argv[3];
  Watch watch = { 0, None, 0, 0 };
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL;
  gboolean exited = FALSE;
  gint64 deadline;
  gint64 idle_end;
  GPid pid;

  home = g_dir_make_tmp ("nd-bench-ui-home-XXXXXX", error);
  if (home == NULL)
    return FALSE;

  env = program_environ (bench, home, program->db_path);
  program_argv (bench, id, argv);
  if (!bench->verbose)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;

  settle_display (bench);
  if (bench->verbose)
    g_printerr ("%s:\n", program->label);

  watch.spawned = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, env, flags, NULL, NULL, &pid, error))
    {
      remove_tree (home);
      return FALSE;
    }

  deadline = watch.spawned + START_TIMEOUT_S * G_USEC_PER_SEC;
  while (watch.painted == 0 && g_get_monotonic_time () < deadline)
    {
      pump_events (bench, &watch, 5);
      if (waitpid (pid, NULL, WNOHANG) == pid)
        {
          exited = TRUE;
          break;
        }
    }

  /* Idle for a while, then read the peak: it covers the start-up and
   * whatever the program does right after its first frame. */
  idle_end = g_get_monotonic_time () + IDLE_MS * 1000;
  while (!exited && watch.painted != 0 && g_get_monotonic_time () < idle_end)
    pump_events (bench, &watch, 20);

  if (!exited)
    {
      sample->hwm_mb = read_peak_rss_mb (pid);
      stop_process (pid);
    }
  else
    {
      g_spawn_close_pid (pid);
    }
  remove_tree (home);

  if (watch.painted == 0)
    {
      if (exited)
        /* Translators: %s names a program, such as “Newsdesk, 100 items” */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("%s exited before it showed a window (try --verbose)"), program->label);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     _("%s showed no window within %d seconds"), program->label,
                     START_TIMEOUT_S);
      return FALSE;
    }

  sample->map_ms = ms_since (watch.spawned, watch.mapped);
  sample->frame_ms = ms_since (watch.spawned, watch.painted);

  if (bench->verbose)
    g_printerr ("  map %.1f ms, first frame %.1f ms, peak RSS %.1f MB\n",
                sample->map_ms, sample->frame_ms, sample->hwm_mb);

  return TRUE;
}

static void
run_start_ups (Bench *bench)
{
  /* Interleaved, so that each program meets the machine in the same
   * state: the first round is as cold as the page cache allows. */
  for (guint run = 0; run < bench->runs; run++)
    {
      g_printerr (_("Start-up round %u of %u…\n"), run + 1, bench->runs);

      for (guint id = 0; id < N_PROGRAMS; id++)
        {
          Program *program = &bench->programs[id];
          g_autoptr(GError) error = NULL;
          Sample sample = { NAN, NAN, NAN };

          if (id == PROGRAM_TEXT_EDITOR && bench->text_editor == NULL)
            continue;

          if (measure_start_up (bench, id, &sample, &error))
            {
              g_array_append_val (program->samples, sample);
            }
          else
            {
              g_printerr ("%s\n", error->message);
              program->failures++;
            }
        }
    }
}

/* ---------------------------------------------------------------------
 * Search as you type: nd-bench-search-ui in the same X server
 * ------------------------------------------------------------------ */

static void
run_search (Bench *bench)
{
  Program *large = &bench->programs[PROGRAM_NEWSDESK_LARGE];
  g_autofree char *home = NULL;
  g_autofree char *out = NULL;
  g_autofree char *queries = g_strdup_printf ("%u", bench->queries);
  g_autofree char *budget = g_strdup_printf ("%u", bench->search_budget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = {
    bench->search_ui, "--tsv", "--queries", queries, "--budget", budget,
    "--db", large->db_path, NULL
  };
  int wait_status;

  g_printerr ("%s\n", _("Search as you type…"));

  home = g_dir_make_tmp ("nd-bench-ui-home-XXXXXX", &error);
  if (home == NULL)
    {
      bench->search_error = g_strdup (error->message);
      return;
    }

  env = program_environ (bench, home, large->db_path);
  settle_display (bench);

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT,
                     NULL, NULL, &out, NULL, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    {
      bench->search_error = g_strdup (error->message);
      remove_tree (home);
      return;
    }
  remove_tree (home);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (lines[i], "\t", 2);

      if (g_strv_length (kv) == 2)
        g_hash_table_replace (bench->search, g_strdup (kv[0]), g_strdup (kv[1]));
    }
}

static const char *
search_value (const Bench *bench,
              const char  *key)
{
  const char *value = g_hash_table_lookup (bench->search, key);

  return value != NULL ? value : "?";
}

static double
search_number (const Bench *bench,
               const char  *key)
{
  const char *value = g_hash_table_lookup (bench->search, key);

  return value != NULL ? g_ascii_strtod (value, NULL) : NAN;
}

/* ---------------------------------------------------------------------
 * Report
 * ------------------------------------------------------------------ */

static const char *
verdict (gboolean measured,
         gboolean passed)
{
  if (!measured)
    return "NOT MEASURED";

  return passed ? "PASS" : "MISS";
}

/* @text padded with spaces to @width characters (not bytes: “→”). */
static char *
pad (const char *text,
     guint       width)
{
  glong len = g_utf8_strlen (text, -1);
  GString *padded = g_string_new (text);

  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (padded, ' ');

  return g_string_free (padded, FALSE);
}

#define START_UP_COLUMNS \
  "| program                  | map med | map min | map 1st " \
  "| frame med | frame min | frame 1st | RSS med | RSS min |\n" \
  "|--------------------------|---------|---------|---------" \
  "|-----------|-----------|-----------|---------|---------|\n"

static void
print_start_up_row (const Program *program)
{
  g_autofree char *label = pad (program->label, 24);

  if (program->samples->len == 0)
    {
      g_print ("| %s | %7s | %7s | %7s | %9s | %9s | %9s | %7s | %7s |\n", label,
               "-", "-", "-", "-", "-", "-", "-", "-");
      return;
    }

  g_print ("| %s | %7.1f | %7.1f | %7.1f | %9.1f | %9.1f | %9.1f | %7.1f | %7.1f |\n",
           label,
           field_median (program, G_STRUCT_OFFSET (Sample, map_ms)),
           field_min (program, G_STRUCT_OFFSET (Sample, map_ms)),
           field_first (program, G_STRUCT_OFFSET (Sample, map_ms)),
           field_median (program, G_STRUCT_OFFSET (Sample, frame_ms)),
           field_min (program, G_STRUCT_OFFSET (Sample, frame_ms)),
           field_first (program, G_STRUCT_OFFSET (Sample, frame_ms)),
           field_median (program, G_STRUCT_OFFSET (Sample, hwm_mb)),
           field_min (program, G_STRUCT_OFFSET (Sample, hwm_mb)));
}

static void
print_search_row (const Bench *bench,
                  const char  *label,
                  const char  *key)
{
  g_autofree char *padded = pad (label, 50);
  g_autofree char *p50 = g_strconcat (key, "_p50", NULL);
  g_autofree char *p95 = g_strconcat (key, "_p95", NULL);
  g_autofree char *max = g_strconcat (key, "_max", NULL);

  g_print ("| %s | %8.2f | %8.2f | %8.2f |\n", padded, search_number (bench, p50),
           search_number (bench, p95), search_number (bench, max));
}

static void
print_report (Bench *bench)
{
  const Program *small = &bench->programs[PROGRAM_NEWSDESK_SMALL];
  const Program *large = &bench->programs[PROGRAM_NEWSDESK_LARGE];
  const Program *editor = &bench->programs[PROGRAM_TEXT_EDITOR];
  gboolean have_small = small->samples->len > 0;
  gboolean have_large = large->samples->len > 0;
  gboolean have_editor = editor->samples->len > 0;
  gboolean have_search = bench->search_error == NULL && g_hash_table_size (bench->search) > 0;
  double large_frame = have_large ? field_median (large, G_STRUCT_OFFSET (Sample, frame_ms)) : NAN;
  double large_map = have_large ? field_median (large, G_STRUCT_OFFSET (Sample, map_ms)) : NAN;
  double editor_frame = have_editor
                        ? field_median (editor, G_STRUCT_OFFSET (Sample, frame_ms)) : NAN;
  double editor_map = have_editor ? field_median (editor, G_STRUCT_OFFSET (Sample, map_ms)) : NAN;
  double small_rss = have_small ? field_median (small, G_STRUCT_OFFSET (Sample, hwm_mb)) : NAN;
  double large_rss = have_large ? field_median (large, G_STRUCT_OFFSET (Sample, hwm_mb)) : NAN;
  double search_p95 = have_search ? search_number (bench, "total_p95") : NAN;

  g_print ("\nnewsdesk window benchmark: Xvfb %s 1280x800x24, no window manager; "
           "GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none "
           "GSETTINGS_BACKEND=memory DBUS_SESSION_BUS_ADDRESS=disabled:, a fresh HOME "
           "and XDG dirs per run\n", bench->display_name);
  g_print ("Text Editor: %s\n\n",
           bench->text_editor_version != NULL ? bench->text_editor_version : "not found");

  g_print ("Start-up, %u runs of each program, interleaved (ms from spawn; peak RSS in MB):\n",
           bench->runs);
  g_print (START_UP_COLUMNS);
  for (guint id = 0; id < N_PROGRAMS; id++)
    print_start_up_row (&bench->programs[id]);
  for (guint id = 0; id < N_PROGRAMS; id++)
    if (bench->programs[id].failures > 0)
      g_print ("  %s: %u run(s) failed and are left out\n",
               bench->programs[id].label, bench->programs[id].failures);

  g_print ("\nThe clock starts right before the spawn (posix_spawn); map is the MapNotify of "
           "the main window, first frame the first XDamage report on it (the first pixels "
           "the program draws; no compositor). Nothing is dropped from the page cache: the "
           "first run (1st) is as cold as this machine allows, the later ones run on a warm "
           "cache. Peak RSS is VmHWM after %d ms idle past the first frame.\n", IDLE_MS);

  if (have_search)
    {
      g_print ("\nSearch as you type at %s items, in process (nd-bench-search-ui), "
               "%s of %s queries typed one character at a time, %s of %s keystrokes, "
               "%s ms apart%s:\n",
               search_value (bench, "items"), search_value (bench, "queries"),
               search_value (bench, "queries_planned"), search_value (bench, "keystrokes"),
               search_value (bench, "keystrokes_planned"), search_value (bench, "pause_ms"),
               search_number (bench, "stopped_early") > 0
               ? "; STOPPED at the time budget (--search-budget), the rest were not typed"
               : "");
      g_print ("| %-50s | %8s | %8s | %8s |\n", "per keystroke (ms)", "p50", "p95", "max");
      g_print ("|%s|%s|%s|%s|\n", "----------------------------------------------------",
               "----------", "----------", "----------");
      print_search_row (bench, "key typed → model updated → next frame painted", "total");
      print_search_row (bench, "  of which: key typed → model updated, list told", "model");
      g_print ("Each keystroke inserts one character at the end of the window's own search "
               "entry (gtk_editable_insert_text), as a key press does; its "
               "search-delay debounce (%s ms in the window) is set to 0 for the run, so the "
               "figures are the work per keystroke, not the wait. “Model updated” is when "
               "NdItemListModel notifies its new search, after its items-changed handlers "
               "(the list's) have run; the frame is the next GdkFrameClock paint, up to "
               "after-paint. Slowest keystroke: %s; keystrokes that stalled (no frame): %s. "
               "Peak RSS of that process: %s MB.\nResults at the full query: %s.\n",
               search_value (bench, "debounce_ms"), search_value (bench, "worst"),
               search_value (bench, "stalls"), search_value (bench, "peak_rss_mb"),
               *search_value (bench, "results") != '\0'
               ? search_value (bench, "results") : "no query was typed to its end");
    }
  else if (!bench->skip_search)
    {
      g_print ("\nSearch as you type: not measured: %s\n",
               bench->search_error != NULL ? bench->search_error : "no figures");
    }

  g_print ("\nVerdicts:\n");
  if (have_large && have_editor)
    g_print ("  start-up, 100,000 items vs Text Editor: %s: first frame %.1f ms vs %.1f ms "
             "(%.2f×), map %.1f ms vs %.1f ms (%.2f×), medians; target: not slower than "
             "Text Editor (issue 3: it maps in about 200 ms)\n",
             verdict (TRUE, large_frame <= editor_frame && large_map <= editor_map),
             large_frame, editor_frame, large_frame / editor_frame,
             large_map, editor_map, large_map / editor_map);
  else
    g_print ("  start-up, 100,000 items vs Text Editor: NOT MEASURED\n");

  if (have_small && have_large)
    g_print ("  peak RSS, 100,000 vs 100 items: %s: %.1f MB vs %.1f MB (%.2f×); "
             "target ≤ %.1f×\n",
             verdict (TRUE, large_rss <= RSS_RATIO_TARGET * small_rss),
             large_rss, small_rss, large_rss / small_rss, RSS_RATIO_TARGET);
  else
    g_print ("  peak RSS, 100,000 vs 100 items: NOT MEASURED\n");

  if (have_search)
    g_print ("  search as you type, 100,000 items: %s: p95 %.2f ms per keystroke; "
             "target p95 < %.0f ms (one frame)\n",
             verdict (TRUE, search_p95 < SEARCH_P95_TARGET), search_p95, SEARCH_P95_TARGET);
  else
    g_print ("  search as you type, 100,000 items: %s\n",
             bench->skip_search ? "skipped (--no-search)" : "NOT MEASURED");
}

/* ---------------------------------------------------------------------
 * Main
 * ------------------------------------------------------------------ */

static char *
text_editor_version (Bench *bench)
{
  g_autofree char *home = g_dir_make_tmp ("nd-bench-ui-home-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_auto(GStrv) env = NULL;
  const char *argv[] = { bench->text_editor, "--version", NULL };
  char *newline;

  if (home == NULL)
    return NULL;

  env = program_environ (bench, home, NULL);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    g_clear_pointer (&out, g_free);
  remove_tree (home);

  if (out == NULL)
    return NULL;

  newline = strchr (out, '\n');
  if (newline != NULL)
    *newline = '\0';

  return g_strdup_printf ("%s (%s)", g_strstrip (out), bench->text_editor);
}

static void
bench_clear (Bench *bench)
{
  xserver_stop (bench);

  for (guint id = 0; id < N_PROGRAMS; id++)
    {
      g_clear_pointer (&bench->programs[id].db_path, g_free);
      g_clear_pointer (&bench->programs[id].samples, g_array_unref);
    }

  g_clear_pointer (&bench->search, g_hash_table_unref);
  g_clear_pointer (&bench->search_error, g_free);
  g_clear_pointer (&bench->text_editor_version, g_free);
  g_clear_pointer (&bench->display_name, g_free);
  g_clear_pointer (&bench->newsdesk, g_free);
  g_clear_pointer (&bench->store_bench, g_free);
  g_clear_pointer (&bench->search_ui, g_free);
  g_clear_pointer (&bench->text_editor, g_free);
  g_clear_pointer (&bench->data_dir, g_free);
}

static gboolean
bench_prepare (Bench   *bench,
               GError **error)
{
  static const char * const labels[N_PROGRAMS] = {
    [PROGRAM_NEWSDESK_SMALL] = "Newsdesk, 100 items",
    [PROGRAM_NEWSDESK_LARGE] = "Newsdesk, 100,000 items",
    [PROGRAM_TEXT_EDITOR] = "GNOME Text Editor, empty",
  };

  for (guint id = 0; id < N_PROGRAMS; id++)
    {
      bench->programs[id].label = labels[id];
      bench->programs[id].samples = g_array_new (FALSE, FALSE, sizeof (Sample));
    }
  bench->search = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  bench->programs[PROGRAM_NEWSDESK_SMALL].db_path = prepare_database (bench, SMALL_ITEMS, error);
  if (bench->programs[PROGRAM_NEWSDESK_SMALL].db_path == NULL)
    return FALSE;
  bench->programs[PROGRAM_NEWSDESK_LARGE].db_path = prepare_database (bench, LARGE_ITEMS, error);
  if (bench->programs[PROGRAM_NEWSDESK_LARGE].db_path == NULL)
    return FALSE;

  if (!xserver_start (bench, error))
    return FALSE;

  if (bench->text_editor != NULL)
    bench->text_editor_version = text_editor_version (bench);
  if (bench->text_editor_version == NULL && bench->text_editor != NULL)
    {
      g_printerr (_("%s does not run; measuring Newsdesk alone\n"), bench->text_editor);
      g_clear_pointer (&bench->text_editor, g_free);
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0, };
  gint runs = DEFAULT_RUNS;
  gint display = DEFAULT_DISPLAY;
  gint queries = 20;
  gint search_budget = 180;
  gboolean no_search = FALSE;
  gboolean rebuild = FALSE;
  gboolean verbose = FALSE;
  char *newsdesk = NULL;
  char *store_bench = NULL;
  char *search_ui = NULL;
  char *text_editor = NULL;
  char *data_dir = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      N_("Start-ups of each program (default 5)"), "N" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the generated databases in DIR (default /tmp/nd-bench-ui)"), "DIR" },
    { "display", 0, 0, G_OPTION_ARG_INT, &display,
      N_("First X display number to try for the private Xvfb (default 81)"), "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &queries,
      N_("Search queries to type, 1 to 20 (default 20)"), "N" },
    { "search-budget", 0, 0, G_OPTION_ARG_INT, &search_budget,
      N_("Stop typing after this many seconds (default 180)"), "SECONDS" },
    { "rebuild", 0, 0, G_OPTION_ARG_NONE, &rebuild,
      N_("Build the databases anew even if the cached ones are current"), NULL },
    { "no-search", 0, 0, G_OPTION_ARG_NONE, &no_search,
      N_("Skip the search-as-you-type measurement"), NULL },
    { "newsdesk", 0, 0, G_OPTION_ARG_FILENAME, &newsdesk,
      N_("The newsdesk binary (default: the one of this build)"), "PATH" },
    { "nd-bench", 0, 0, G_OPTION_ARG_FILENAME, &store_bench,
      N_("The nd-bench binary that builds the databases"), "PATH" },
    { "search-ui", 0, 0, G_OPTION_ARG_FILENAME, &search_ui,
      N_("The nd-bench-search-ui binary"), "PATH" },
    { "text-editor", 0, 0, G_OPTION_ARG_FILENAME, &text_editor,
      N_("GNOME Text Editor to compare with (default gnome-text-editor)"), "PATH" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Trace the X events of every run and show the programs’ messages"), NULL },
    { NULL, },
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Measures the start-up, memory and search-as-you-type "
                                  "latency of the Newsdesk window."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      status = 2;
    }
  else if (runs <= 0 || queries <= 0 || queries > 20 || display < 0 || search_budget <= 0)
    {
      g_printerr ("%s\n", _("--runs and --search-budget must be positive, --queries from 1 to 20"));
      status = 2;
    }

  bench.runs = (guint) MAX (runs, 0);
  bench.first_display = (guint) MAX (display, 0);
  bench.queries = (guint) MAX (queries, 0);
  bench.search_budget = (guint) MAX (search_budget, 0);
  bench.skip_search = no_search;
  bench.rebuild = rebuild;
  bench.verbose = verbose;
  bench.newsdesk = newsdesk != NULL ? newsdesk : g_strdup (ND_BENCH_NEWSDESK);
  bench.store_bench = store_bench != NULL ? store_bench : g_strdup (ND_BENCH_STORE_BENCH);
  bench.search_ui = search_ui != NULL ? search_ui : g_strdup (ND_BENCH_SEARCH_UI);
  bench.text_editor = text_editor != NULL
                      ? text_editor : g_find_program_in_path ("gnome-text-editor");
  bench.data_dir = data_dir != NULL ? data_dir : g_strdup (DEFAULT_DATA_DIR);

  if (status != 0)
    {
      bench_clear (&bench);
      return status;
    }

  /* Our children are killed with SIGTERM; a dead X client must not take
   * us down with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  if (!bench_prepare (&bench, &error))
    {
      g_printerr (_("Benchmark failed: %s\n"), error->message);
      status = 1;
    }
  else
    {
      run_start_ups (&bench);
      if (!bench.skip_search)
        run_search (&bench);
      print_report (&bench);
    }

  bench_clear (&bench);

  return status;
}
