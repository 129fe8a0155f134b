/* nd-bench-search-ui.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Search as you type, measured inside the window: opens the real
 * NdWindow on a database (100,000 items in nd-bench-ui), waits for its
 * first frame, opens the search bar and types realistic queries one
 * character at a time into the window's own search entry. Per keystroke
 * it measures the work the user waits for: from the key typed until
 * the list model holds the new results and the next frame that shows
 * them has been painted (GdkFrameClock::after-paint).
 *
 * The entry's search-delay (the debounce that waits for a pause in the
 * typing) is set to 0 for the run: it is a wait, not work, and would
 * hide the figure we want. Keystrokes are spaced out, and the cursor
 * does not blink (as while one types), so that the frame clock never
 * holds a frame back to keep its rhythm.
 *
 * nd-bench-ui runs this under its private Xvfb with --tsv and puts the
 * figures into its table; run alone, it prints them for people. A
 * benchmark asserts nothing on time. The figures are not translated;
 * messages about bad usage or failures are.
 */

#define G_LOG_DOMAIN "nd-bench-search-ui"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "nd-application.h"
#include "nd-item-list-model.h"
#include "nd-store.h"
#include "nd-window.h"

#define PAUSE_MS       60    /* between keystrokes: a fast typist */
#define SETTLE_MS      500   /* after the first frame and between queries */
#define STEP_TIMEOUT_S 10
#define DEFAULT_BUDGET 180   /* seconds of typing before giving up */

/* Topic words of the synthetic newsroom (tests/bench/nd-bench.c), names,
 * two-word queries, words typed without umlauts, a rare word and one
 * that is nowhere. */
static const char * const queries[] = {
  "Brüssel",
  "Förderung",
  "Clusterkonferenz",
  "Mittelstand",
  "Netzwerk",
  "Digitalisierung",
  "Qualität",
  "Schröder",
  "Anna Müller",
  "Jürgen Köhler",
  "Förderung Mittelstand",
  "Brüssel Netzwerk",
  "Clusterkonferenz Berlin",
  "Forschung Qualität",
  "Wasserstoff Lieferketten",
  "die Förderung",
  "brussel",
  "forderung",
  "Zwetschgendatschi",
  "Xylophonkonzert",
};

typedef struct
{
  /* Borrowed References */
  NdWindow        *window;
  GtkEditable     *entry;
  NdItemListModel *model;
  GdkFrameClock   *clock;

  /* The keystroke being measured */
  gint64           started;
  gint64           model_updated;
  gint64           painted;
  gboolean         frame_has_results;
  guint            n_frames;

  /* Typing stops once this monotonic time has passed */
  gint64           deadline;
  gboolean         stopped_early;

  /* Results */
  GArray          *totals;          /* double, ms */
  GArray          *models;          /* double, ms */
  double           worst_ms;
  char            *worst_text;
  GString         *results;
  guint            stalls;          /* keystrokes with no frame */
  gboolean         each;            /* print every keystroke's figures */
} Run;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of @values (sorted in place). */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (p / 100.0 * values->len);

  return g_array_index (values, double, CLAMP (rank, 1, values->len) - 1);
}

static double
peak_rss_mb (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return NAN;

  line = strstr (contents, "\nVmHWM:");
  if (line == NULL)
    return NAN;

  return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;
}

static gboolean
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;

  return G_SOURCE_REMOVE;
}

static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
model_search_cb (Run        *run,
                 GParamSpec *pspec,
                 GObject    *model)
{
  /* notify::search comes after the model has re-read its handles and
   * emitted items-changed: the results are in. */
  if (run->started != 0 && run->model_updated == 0)
    run->model_updated = g_get_monotonic_time ();
}

static void
paint_cb (Run           *run,
          GdkFrameClock *clock)
{
  /* The model changes outside of frames, so a frame painted after the
   * change shows it. */
  if (run->model_updated != 0)
    run->frame_has_results = TRUE;
}

static void
after_paint_cb (Run           *run,
                GdkFrameClock *clock)
{
  run->n_frames++;
  if (run->frame_has_results && run->painted == 0)
    run->painted = g_get_monotonic_time ();
}

typedef struct
{
  Run      *run;
  gint64    model_updated;
  guint     n_frames;
  gboolean  stalled;
} StallCheck;

/* Fires every STEP_TIMEOUT_S: gives up only when nothing moved since the
 * last time, so that a keystroke that blocks the main loop for longer is
 * still measured in full. */
static gboolean
stall_check_cb (gpointer user_data)
{
  StallCheck *check = user_data;

  if (check->run->model_updated == check->model_updated &&
      check->run->n_frames == check->n_frames)
    {
      check->stalled = TRUE;
      return G_SOURCE_REMOVE;
    }

  check->model_updated = check->run->model_updated;
  check->n_frames = check->run->n_frames;

  return G_SOURCE_CONTINUE;
}

/* Types @keystroke at the end of the entry (NULL: empties it, as
 * select-all and Delete do) and waits for the frame that shows the
 * results. A keystroke inserts, like a key press: setting the whole text
 * would empty the entry first, and GtkSearchEntry reports an empty entry
 * at once, which would list every item before each search. Returns the
 * time that took in ms, or NAN if the window stalled; @model_ms gets the
 * part until the model was updated. */
static double
type_text (Run        *run,
           const char *keystroke,
           double     *model_ms)
{
  StallCheck check = { run, 0, run->n_frames, FALSE };
  gint64 started;
  guint source;

  run->model_updated = 0;
  run->painted = 0;
  run->frame_has_results = FALSE;

  source = g_timeout_add_seconds (STEP_TIMEOUT_S, stall_check_cb, &check);
  started = run->started = g_get_monotonic_time ();
  if (keystroke == NULL)
    gtk_editable_delete_text (run->entry, 0, -1);
  else
    {
      int position = (int) g_utf8_strlen (gtk_editable_get_text (run->entry), -1);

      gtk_editable_insert_text (run->entry, keystroke, -1, &position);
    }

  while (run->painted == 0 && !check.stalled)
    g_main_context_iteration (NULL, TRUE);

  run->started = 0;
  if (check.stalled)
    {
      run->stalls++;
      return NAN;
    }
  g_source_remove (source);

  *model_ms = (run->model_updated - started) / 1000.0;

  return (run->painted - started) / 1000.0;
}

static GObject *
template_child (NdWindow   *window,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), ND_TYPE_WINDOW, name);
}

static gboolean
find_widgets (Run     *run,
              GError **error)
{
  GObject *list = template_child (run->window, "item_list");
  GObject *entry = template_child (run->window, "search_entry");
  g_autoptr(GtkSelectionModel) selection = NULL;
  GListModel *model = NULL;

  /* A list view or a grid view: both have a "model". */
  if (GTK_IS_LIST_BASE (list))
    g_object_get (list, "model", &selection, NULL);
  if (GTK_IS_SINGLE_SELECTION (selection))
    model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

  if (!GTK_IS_SEARCH_ENTRY (entry) || !ND_IS_ITEM_LIST_MODEL (model))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The window has no search entry or no item list over an "
                             "NdItemListModel"));
      return FALSE;
    }

  run->entry = GTK_EDITABLE (entry);
  run->model = ND_ITEM_LIST_MODEL (model);

  return TRUE;
}

static void
type_query (Run        *run,
            const char *query)
{
  double ignored;

  /* One keystroke per character, not per byte. */
  for (const char *end = g_utf8_next_char (query); ; end = g_utf8_next_char (end))
    {
      g_autofree char *prefix = NULL;
      g_autofree char *keystroke = NULL;
      double model_ms = NAN;
      double total_ms;

      /* A keystroke can take seconds when the list is slow: keep the
       * benchmark finite and say how far it got. */
      if (g_get_monotonic_time () > run->deadline)
        {
          run->stopped_early = TRUE;
          return;
        }

      prefix = g_strndup (query, end - query);
      keystroke = g_strndup (g_utf8_prev_char (end), end - g_utf8_prev_char (end));
      total_ms = type_text (run, keystroke, &model_ms);

      if (run->each)
        g_printerr ("%s\t%.2f\t%.2f\t%u\n", prefix, model_ms, total_ms,
                    g_list_model_get_n_items (G_LIST_MODEL (run->model)));

      if (!isnan (total_ms))
        {
          g_array_append_val (run->totals, total_ms);
          g_array_append_val (run->models, model_ms);
          if (total_ms > run->worst_ms)
            {
              run->worst_ms = total_ms;
              g_free (run->worst_text);
              run->worst_text = g_steal_pointer (&prefix);
            }
        }

      spin_for (PAUSE_MS);

      if (*end == '\0')
        break;
    }

  /* The count once the older matches are read too (they follow the
   * ranked window after a pause in the typing). */
  while (nd_item_list_model_get_loading (run->model) && g_get_monotonic_time () < run->deadline)
    g_main_context_iteration (NULL, TRUE);

  g_string_append_printf (run->results, "%s%s %u", run->results->len > 0 ? ", " : "",
                          query, g_list_model_get_n_items (G_LIST_MODEL (run->model)));

  /* Back to the whole list, as after select-all and Delete: not counted.
   * The list reads its 100,000 handles again in idles, a frame each; the
   * next query starts once that is done, like the first one, so that its
   * first keystroke does not wait for the frame clock's next slot. */
  type_text (run, NULL, &ignored);
  while (nd_item_list_model_get_loading (run->model) && g_get_monotonic_time () < run->deadline)
    g_main_context_iteration (NULL, TRUE);
  spin_for (SETTLE_MS / 2);
}

static gboolean
wait_first_frame (Run     *run,
                  GError **error)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (STEP_TIMEOUT_S * 6, flag_cb, &timed_out);

  while (run->n_frames == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("The window painted no frame within %d seconds"), STEP_TIMEOUT_S * 6);
      return FALSE;
    }
  g_source_remove (timeout);

  return TRUE;
}

static guint
count_keystrokes (guint n_queries)
{
  guint n = 0;

  for (guint i = 0; i < n_queries; i++)
    n += g_utf8_strlen (queries[i], -1);

  return n;
}

static gboolean
run_queries (Run      *run,
             guint     n_queries,
             guint     budget_s,
             gboolean  tsv,
             gint64    process_start,
             GError  **error)
{
  GObject *search_bar;
  double first_frame_ms;
  guint debounce_ms;
  guint n_items;
  guint n_typed = 0;

  gtk_window_present (GTK_WINDOW (run->window));
  run->clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (run->window)));
  g_signal_connect_swapped (run->clock, "paint", G_CALLBACK (paint_cb), run);
  g_signal_connect_swapped (run->clock, "after-paint", G_CALLBACK (after_paint_cb), run);

  if (!wait_first_frame (run, error))
    return FALSE;
  first_frame_ms = (g_get_monotonic_time () - process_start) / 1000.0;

  /* What the user does first: Ctrl+F opens the search bar. */
  search_bar = template_child (run->window, "search_bar");
  if (GTK_IS_SEARCH_BAR (search_bar))
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (search_bar), TRUE);
  spin_for (SETTLE_MS);

  debounce_ms = gtk_search_entry_get_search_delay (GTK_SEARCH_ENTRY (run->entry));
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (run->entry), 0);
  /* A key press keeps the entry's cursor from blinking while one types
   * (GtkText pends the blink); the text inserted here does not, and a
   * blink paints a frame of its own, after which the frame clock holds
   * the next one back for up to a refresh interval. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (run->model));

  g_signal_connect_swapped (run->model, "notify::search", G_CALLBACK (model_search_cb), run);

  run->deadline = g_get_monotonic_time () + (gint64) budget_s * G_USEC_PER_SEC;
  for (guint i = 0; i < n_queries && !run->stopped_early; i++)
    {
      type_query (run, queries[i]);
      if (!run->stopped_early)
        n_typed++;
    }

  g_signal_handlers_disconnect_by_data (run->model, run);
  g_signal_handlers_disconnect_by_data (run->clock, run);

  if (tsv)
    {
      g_print ("items\t%u\n", n_items);
      g_print ("queries\t%u\n", n_typed);
      g_print ("queries_planned\t%u\n", n_queries);
      g_print ("keystrokes\t%u\n", run->totals->len);
      g_print ("keystrokes_planned\t%u\n", count_keystrokes (n_queries));
      g_print ("budget_s\t%u\n", budget_s);
      g_print ("stopped_early\t%d\n", run->stopped_early);
      g_print ("stalls\t%u\n", run->stalls);
      g_print ("pause_ms\t%d\n", PAUSE_MS);
      g_print ("debounce_ms\t%u\n", debounce_ms);
      g_print ("first_frame_ms\t%.1f\n", first_frame_ms);
      g_print ("total_p50\t%.3f\n", percentile (run->totals, 50));
      g_print ("total_p95\t%.3f\n", percentile (run->totals, 95));
      g_print ("total_max\t%.3f\n", percentile (run->totals, 100));
      g_print ("model_p50\t%.3f\n", percentile (run->models, 50));
      g_print ("model_p95\t%.3f\n", percentile (run->models, 95));
      g_print ("model_max\t%.3f\n", percentile (run->models, 100));
      g_print ("worst\t“%s” %.2f ms\n", run->worst_text != NULL ? run->worst_text : "",
               run->worst_ms);
      g_print ("results\t%s\n", run->results->str);
      g_print ("peak_rss_mb\t%.1f\n", peak_rss_mb ());
    }
  else
    {
      g_print ("Search as you type: %u items, %u of %u queries, %u of %u keystrokes %d ms "
               "apart%s, debounce %u ms bypassed; first frame after %.1f ms in process\n",
               n_items, n_typed, n_queries, run->totals->len, count_keystrokes (n_queries),
               PAUSE_MS, run->stopped_early ? " (stopped at the time budget)" : "",
               debounce_ms, first_frame_ms);
      g_print ("  key typed → next frame painted: p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
               percentile (run->totals, 50), percentile (run->totals, 95),
               percentile (run->totals, 100));
      g_print ("  key typed → model updated:      p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
               percentile (run->models, 50), percentile (run->models, 95),
               percentile (run->models, 100));
      g_print ("  slowest keystroke: “%s” %.2f ms; stalled: %u; peak RSS %.1f MB\n",
               run->worst_text != NULL ? run->worst_text : "", run->worst_ms,
               run->stalls, peak_rss_mb ());
      g_print ("  results: %s\n", run->results->str);
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdApplication) app = NULL;
  g_autofree char *db_path = NULL;
  gint64 process_start = g_get_monotonic_time ();
  gint n_queries = G_N_ELEMENTS (queries);
  gint budget = DEFAULT_BUDGET;
  gboolean tsv = FALSE;
  Run run = { 0, };
  int status = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database to open (required)"), "PATH" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries,
      N_("Queries to type, 1 to 20 (default 20)"), "N" },
    { "budget", 0, 0, G_OPTION_ARG_INT, &budget,
      N_("Stop typing after this many seconds (default 180)"), "SECONDS" },
    { "each", 0, 0, G_OPTION_ARG_NONE, &run.each,
      N_("Print every keystroke’s figures to standard error: the text, ms to the model, ms to the frame, items"), NULL },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv,
      N_("Print the figures as tab-separated names and values, for nd-bench-ui"), NULL },
    { NULL, },
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Measures search as you type in the Newsdesk window, "
                                  "per keystroke."));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (db_path == NULL || n_queries < 1 || n_queries > (gint) G_N_ELEMENTS (queries) || budget < 1)
    {
      g_printerr ("%s\n", _("--db is required, --queries must be from 1 to 20, --budget positive"));
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("%s\n", _("Cannot open the display"));
      return 2;
    }

  adw_init ();
  gtk_source_init ();

  store = nd_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr (_("Cannot open %s: %s\n"), db_path, error->message);
      gtk_source_finalize ();
      return 1;
    }

  app = nd_application_new (db_path);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  run.window = nd_window_new (app, store, NULL);
  run.totals = g_array_new (FALSE, FALSE, sizeof (double));
  run.models = g_array_new (FALSE, FALSE, sizeof (double));
  run.results = g_string_new (NULL);

  if (!find_widgets (&run, &error) ||
      !run_queries (&run, (guint) n_queries, (guint) budget, tsv, process_start, &error))
    {
      g_printerr (_("Benchmark failed: %s\n"), error->message);
      status = 1;
    }

  if (run.clock != NULL)
    g_signal_handlers_disconnect_by_data (run.clock, &run);
  if (run.model != NULL)
    g_signal_handlers_disconnect_by_data (run.model, &run);
  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_array_unref (run.totals);
  g_array_unref (run.models);
  g_string_free (run.results, TRUE);
  g_free (run.worst_text);
  g_clear_object (&store);
  g_clear_object (&app);
  gtk_source_finalize ();

  return status;
}
