/* nd-item-row.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-date.h"
#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-row.h"
#include "nd-thumbnails.h"

/* A row draws its three lines itself instead of holding three labels.
 * Every new search builds the 33 rows a GtkGridView keeps (see
 * nd-window.c); with labels, each row was six widgets with their CSS
 * nodes and Pango contexts, measured by shaping their text, and that was
 * most of a keystroke's time. This row is one widget: its height comes
 * from the font's metrics (computed once per font, not per row) and its
 * text is laid out only when it is drawn, which GTK does for the rows on
 * screen. */

typedef enum
{
  LINE_TITLE,
  LINE_META,
  LINE_TAGS,
  N_LINES
} Line;

/* Like GtkBox spacing between the lines, in pixels. */
#define LINE_SPACING 3
/* Adwaita's .dim-label opacity. */
#define DIM_ALPHA 0.55
/* The lead image's thumbnail at the end of the row: a rounded square. */
#define THUMBNAIL_SIZE 48
#define THUMBNAIL_GAP 12
#define THUMBNAIL_RADIUS 6

struct _NdItemRow
{
  GtkWidget     parent_instance;

  /* Owned References */
  NdItem       *item;
  GSignalGroup *item_signals;
  char         *text[N_LINES];  /* what each line shows; NULL: no line */
  NdThumbnails *thumbnails;
  char         *lead_sha256;    /* the lead image, NULL: no thumbnail */
  GdkTexture   *thumbnail;      /* NULL while it loads */

  guint         untitled : 1;
};

G_DEFINE_FINAL_TYPE (NdItemRow, nd_item_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The height of a line of the title font and of the smaller font of the
 * other lines, for the font the rows were last measured with. All rows
 * share their CSS, so one entry is enough. */
static struct
{
  PangoFontDescription *font;
  int                   title_height;
  int                   small_height;
} metrics_cache;

static PangoLayout *create_line_layout (NdItemRow  *self,
                                        Line        line,
                                        const char *text,
                                        int         width);

/* Measured on a sample laid out like the line, so that the height is the
 * one the drawing has. */
static int
sample_height (NdItemRow *self,
               Line       line)
{
  g_autoptr(PangoLayout) layout = create_line_layout (self, line, "ÅÉgjpq", -1);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static int
line_height (NdItemRow *self,
             Line       line)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  /* Compared, not printed: this runs for every row measured. */
  if (metrics_cache.font == NULL || !pango_font_description_equal (font, metrics_cache.font))
    {
      metrics_cache.title_height = sample_height (self, LINE_TITLE);
      metrics_cache.small_height = sample_height (self, LINE_META);
      g_clear_pointer (&metrics_cache.font, pango_font_description_free);
      metrics_cache.font = pango_font_description_copy (font);
    }

  return line == LINE_TITLE ? metrics_cache.title_height : metrics_cache.small_height;
}

static int
content_height (NdItemRow *self)
{
  int height = 0;

  for (Line line = LINE_TITLE; line < N_LINES; line++)
    {
      if (self->text[line] != NULL)
        height += (height > 0 ? LINE_SPACING : 0) + line_height (self, line);
    }

  return height;
}

static void
nd_item_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  NdItemRow *self = ND_ITEM_ROW (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = MAX (content_height (self),
                                 self->lead_sha256 != NULL ? THUMBNAIL_SIZE : 0);
      return;
    }

  /* Any width will do, the lines are ellipsized; about 34 characters are
   * asked for, as the labels did. */
  *minimum = 0;
  *natural = 34 * line_height (self, LINE_META) / 2;
}

static PangoLayout *
create_line_layout (NdItemRow  *self,
                    Line        line,
                    const char *text,
                    int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  if (line == LINE_TITLE)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  else
    pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));

  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, width >= 0 ? width * PANGO_SCALE : -1);

  return layout;
}

/* The thumbnail fills a rounded square (cropped, not squeezed); while it
 * loads, the square is a quiet placeholder. */
static void
snapshot_thumbnail (NdItemRow     *self,
                    GtkSnapshot   *snapshot,
                    int            x,
                    const GdkRGBA *color)
{
  int y = (gtk_widget_get_height (GTK_WIDGET (self)) - THUMBNAIL_SIZE) / 2;
  graphene_rect_t square = GRAPHENE_RECT_INIT (x, y, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &square, THUMBNAIL_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);

  if (self->thumbnail != NULL)
    {
      double width = gdk_texture_get_width (self->thumbnail);
      double height = gdk_texture_get_height (self->thumbnail);
      double scale = THUMBNAIL_SIZE / MAX (1.0, MIN (width, height));

      width *= scale;
      height *= scale;
      gtk_snapshot_append_texture (snapshot, self->thumbnail,
                                   &GRAPHENE_RECT_INIT (x + (THUMBNAIL_SIZE - width) / 2,
                                                        y + (THUMBNAIL_SIZE - height) / 2,
                                                        width, height));
    }
  else
    {
      GdkRGBA placeholder = *color;

      placeholder.alpha *= 0.08;
      gtk_snapshot_append_color (snapshot, &placeholder, &square);
    }

  gtk_snapshot_pop (snapshot);
}

static void
nd_item_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  NdItemRow *self = ND_ITEM_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int x = 0;
  int y = (gtk_widget_get_height (widget) - content_height (self)) / 2;
  GdkRGBA color;
  GdkRGBA dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  if (self->lead_sha256 != NULL)
    {
      width = MAX (0, width - THUMBNAIL_SIZE - THUMBNAIL_GAP);
      snapshot_thumbnail (self, snapshot, rtl ? 0 : width + THUMBNAIL_GAP, &color);
      if (rtl)
        x = THUMBNAIL_SIZE + THUMBNAIL_GAP;
    }

  for (Line line = LINE_TITLE; line < N_LINES; line++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      gboolean dimmed = line != LINE_TITLE || self->untitled;

      if (self->text[line] == NULL)
        continue;

      layout = create_line_layout (self, line, self->text[line], width);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, layout, dimmed ? &dim : &color);
      gtk_snapshot_restore (snapshot);

      y += line_height (self, line) + LINE_SPACING;
    }
}

/* The lines as one text, for screen readers (and the tests). */
static void
update_accessible_label (NdItemRow *self)
{
  g_autofree char *text = nd_item_row_dup_text (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
set_line (NdItemRow  *self,
          Line        line,
          char       *text)
{
  gboolean had_line = self->text[line] != NULL;

  g_free (self->text[line]);
  self->text[line] = text;

  /* A line that comes or goes changes the height. */
  if (had_line != (text != NULL))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_title (NdItemRow *self)
{
  const char *title = self->item != NULL ? nd_item_get_title (self->item) : "";

  /* An item is created with an empty title; the row still needs a name. */
  self->untitled = title[0] == '\0';
  set_line (self, LINE_TITLE, g_strdup (self->untitled ? _("Untitled Item") : title));
}

static void
update_meta (NdItemRow *self)
{
  g_autofree char *date = NULL;
  const char *kind;
  const char *status;

  if (self->item == NULL)
    {
      set_line (self, LINE_META, NULL);
      return;
    }

  kind = nd_item_kind_to_display (nd_item_get_kind (self->item));
  status = nd_item_status_to_display (nd_item_get_status (self->item));

  if (nd_item_get_date (self->item) != NULL)
    date = nd_date_format_for_display (nd_item_get_date (self->item));

  if (date != NULL)
    /* Translators: kind · status · date of an item in the list */
    set_line (self, LINE_META, g_strdup_printf (_("%s · %s · %s"), kind, status, date));
  else
    /* Translators: kind · status of an item without a date, in the list */
    set_line (self, LINE_META, g_strdup_printf (_("%s · %s"), kind, status));
}

static void
update_tags (NdItemRow *self)
{
  const char * const *tags = self->item != NULL ? nd_item_get_tags (self->item) : NULL;

  if (tags != NULL && tags[0] != NULL)
    /* Translators: the separator between the tags of an item in the list */
    set_line (self, LINE_TAGS, g_strjoinv (_(", "), (char **) tags));
  else
    set_line (self, LINE_TAGS, NULL);
}

static void
update_thumbnail (NdItemRow *self)
{
  NdImage *lead = self->item != NULL ? nd_item_get_lead_image (self->item) : NULL;
  const char *sha256 = lead != NULL ? nd_image_get_sha256 (lead) : NULL;
  gboolean had_thumbnail = self->lead_sha256 != NULL;

  if (self->thumbnails == NULL)
    sha256 = NULL;

  if (g_strcmp0 (sha256, self->lead_sha256) == 0)
    return;

  g_free (self->lead_sha256);
  self->lead_sha256 = g_strdup (sha256);
  g_clear_object (&self->thumbnail);
  if (sha256 != NULL)
    g_set_object (&self->thumbnail,
                  nd_thumbnails_lookup (self->thumbnails, sha256, nd_image_get_store_id (lead)));

  if (had_thumbnail != (sha256 != NULL))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
thumbnail_ready_cb (NdItemRow    *self,
                    const char   *sha256,
                    NdThumbnails *thumbnails)
{
  if (g_strcmp0 (sha256, self->lead_sha256) != 0)
    return;

  g_set_object (&self->thumbnail, nd_thumbnails_lookup (thumbnails, sha256, 0));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
item_notify_cb (NdItemRow  *self,
                GParamSpec *pspec,
                NdItem     *item)
{
  g_assert (ND_IS_ITEM_ROW (self));

  if (g_str_equal (pspec->name, "title"))
    update_title (self);
  else if (g_str_equal (pspec->name, "tags"))
    update_tags (self);
  else if (g_str_equal (pspec->name, "kind") ||
           g_str_equal (pspec->name, "status") ||
           g_str_equal (pspec->name, "date"))
    update_meta (self);
  else if (g_str_equal (pspec->name, "n-images"))
    {
      update_thumbnail (self);
      return;
    }
  else
    return;

  update_accessible_label (self);
}

static void
nd_item_row_dispose (GObject *object)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  g_clear_object (&self->thumbnail);
  g_clear_object (&self->thumbnails);

  G_OBJECT_CLASS (nd_item_row_parent_class)->dispose (object);
}

static void
nd_item_row_finalize (GObject *object)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  for (Line line = LINE_TITLE; line < N_LINES; line++)
    g_clear_pointer (&self->text[line], g_free);
  g_clear_pointer (&self->lead_sha256, g_free);

  G_OBJECT_CLASS (nd_item_row_parent_class)->finalize (object);
}

static void
nd_item_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NdItemRow *self = ND_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      nd_item_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_row_class_init (NdItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_item_row_dispose;
  object_class->finalize = nd_item_row_finalize;
  object_class->get_property = nd_item_row_get_property;
  object_class->set_property = nd_item_row_set_property;

  widget_class->measure = nd_item_row_measure;
  widget_class->snapshot = nd_item_row_snapshot;

  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         ND_TYPE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "itemrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
nd_item_row_init (NdItemRow *self)
{
  self->item_signals = g_signal_group_new (ND_TYPE_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify",
                                 G_CALLBACK (item_notify_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
nd_item_row_new (NdThumbnails *thumbnails)
{
  NdItemRow *self;

  g_return_val_if_fail (thumbnails == NULL || ND_IS_THUMBNAILS (thumbnails), NULL);

  self = g_object_new (ND_TYPE_ITEM_ROW, NULL);
  if (thumbnails != NULL)
    {
      self->thumbnails = g_object_ref (thumbnails);
      g_signal_connect_object (thumbnails, "ready", G_CALLBACK (thumbnail_ready_cb),
                               self, G_CONNECT_SWAPPED);
    }

  return GTK_WIDGET (self);
}

/**
 * nd_item_row_get_item:
 * @self: a #NdItemRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
NdItem *
nd_item_row_get_item (NdItemRow *self)
{
  g_return_val_if_fail (ND_IS_ITEM_ROW (self), NULL);

  return self->item;
}

void
nd_item_row_set_item (NdItemRow *self,
                      NdItem    *item)
{
  g_return_if_fail (ND_IS_ITEM_ROW (self));
  g_return_if_fail (item == NULL || ND_IS_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  update_title (self);
  update_meta (self);
  update_tags (self);
  update_thumbnail (self);
  update_accessible_label (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}

char *
nd_item_row_dup_text (NdItemRow *self)
{
  GString *text;

  g_return_val_if_fail (ND_IS_ITEM_ROW (self), NULL);

  text = g_string_new (NULL);
  for (Line line = LINE_TITLE; line < N_LINES; line++)
    {
      if (self->text[line] == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, self->text[line]);
    }

  return g_string_free (text, FALSE);
}

gboolean
nd_item_row_has_thumbnail (NdItemRow *self)
{
  g_return_val_if_fail (ND_IS_ITEM_ROW (self), FALSE);

  return self->thumbnail != NULL;
}
