/* nd-image-file.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-image-file"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nd-image-file.h"
#include "nd-item.h"

/* How much the loader gets at a time; it can stop early on a file whose
 * dimensions are refused. */
#define CHUNK_SIZE (64 * 1024)

/* The decoded picture is only a proof that the file decodes; it is
 * scaled down while it is decoded (JPEG then decodes at a fraction of its
 * size) so that memory stays small. The dimensions reported are the
 * file's own. */
#define DECODE_BOX 1024

GQuark
nd_image_file_error_quark (void)
{
  return g_quark_from_static_string ("nd-image-file-error-quark");
}

/* gexiv2 */

static void
log_exiv2 (GExiv2LogLevel  level,
           const gchar    *message)
{
  /* exiv2 warns about every oddity of every camera's files; none of it is
   * for the user, and a warning would abort the tests. */
  g_debug ("exiv2: %s", message);
}

static void
ensure_gexiv2 (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gexiv2_initialize ();
      gexiv2_log_set_handler (log_exiv2);
      gexiv2_log_set_level (GEXIV2_LOG_LEVEL_WARN);
      /* exiv2 0.27 knows no "xml" prefix, which the language qualifier
       * of an alt-language value needs when we build one ourselves (for
       * Iptc4xmpCore:AltTextAccessibility, a property it does not know
       * to be one). */
      gexiv2_metadata_try_register_xmp_namespace ("http://www.w3.org/XML/1998/namespace",
                                                  "xml", NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* Sniffing and structure */

const char *
nd_image_file_sniff_mime (const guint8 *data,
                          gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";

  return NULL;
}

const char *
nd_image_file_extension (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return "webp";
  if (g_strcmp0 (mime_type, "image/gif") == 0)
    return "gif";

  return "bin";
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* gdk-pixbuf's loaders (JPEG, PNG and WebP alike) accept a file cut off
 * in the middle and return the part they got, the rest grey or
 * transparent; the only trace is a libjpeg warning nobody sees. A cut-off
 * file is the usual result of an interrupted download or copy, so each
 * format's structure is walked to its end marker. */

/* Segments up to the end of image (EOI). Entropy-coded data after each
 * start of scan runs up to the next marker that is not a stuffed 0xff or
 * a restart marker. Markers inside APP segments (an EXIF thumbnail's own
 * EOI) are skipped with their segment. */
static gboolean
jpeg_is_complete (const guint8 *d,
                  gsize         n)
{
  gsize pos = 2;

  for (;;)
    {
      guint marker;
      guint length;

      /* Bytes that are no marker between segments are tolerated (libjpeg
       * skips them too); what counts is that the end is there. */
      while (pos < n && d[pos] != 0xff)
        pos++;
      while (pos < n && d[pos] == 0xff)
        pos++;
      if (pos >= n)
        return FALSE;

      marker = d[pos++];

      if (marker == 0xd9)
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8))
        continue;

      if (pos + 2 > n)
        return FALSE;
      length = read_be16 (d + pos);
      if (length < 2 || pos + length > n)
        return FALSE;
      pos += length;

      if (marker == 0xda)
        {
          while (pos + 1 < n)
            {
              if (d[pos] == 0xff && d[pos + 1] != 0x00 &&
                  !(d[pos + 1] >= 0xd0 && d[pos + 1] <= 0xd7))
                break;
              pos++;
            }
          if (pos + 1 >= n)
            return FALSE;
        }
    }
}

/* Chunks up to IEND. */
static gboolean
png_is_complete (const guint8 *d,
                 gsize         n)
{
  gsize pos = 8;

  while (pos + 8 <= n)
    {
      guint32 length = read_be32 (d + pos);

      if (length > G_MAXINT32 || n - pos - 8 < (gsize) length + 4)
        return FALSE;
      if (memcmp (d + pos + 4, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + (gsize) length;
    }

  return FALSE;
}

/* The RIFF container says how long it is. */
static gboolean
webp_is_complete (const guint8 *d,
                  gsize         n)
{
  guint32 riff_size = read_le32 (d + 4);

  return riff_size >= 4 && n - 8 >= riff_size;
}

static gboolean
gif_skip_sub_blocks (const guint8 *d,
                     gsize         n,
                     gsize        *pos)
{
  for (;;)
    {
      guint size;

      if (*pos >= n)
        return FALSE;
      size = d[(*pos)++];
      if (size == 0)
        return TRUE;
      if (n - *pos < size)
        return FALSE;
      *pos += size;
    }
}

/* Blocks up to the trailer. Some writers leave the trailer out; a file
 * that ends right after a complete block is taken as it is. */
static gboolean
gif_is_complete (const guint8 *d,
                 gsize         n)
{
  gsize pos = 13;

  if (n < 13)
    return FALSE;
  if (d[10] & 0x80)
    pos += 3 * (1u << ((d[10] & 0x07) + 1));

  for (;;)
    {
      if (pos == n)
        return TRUE;
      if (pos > n)
        return FALSE;

      switch (d[pos++])
        {
        case 0x3b:
          return TRUE;

        case 0x21:
          pos++;  /* the extension's label */
          if (!gif_skip_sub_blocks (d, n, &pos))
            return FALSE;
          break;

        case 0x2c:
          if (n - pos < 9)
            return FALSE;
          if (d[pos + 8] & 0x80)
            pos += 3 * (1u << ((d[pos + 8] & 0x07) + 1));
          pos += 9 + 1;  /* the descriptor, then the LZW code size */
          if (!gif_skip_sub_blocks (d, n, &pos))
            return FALSE;
          break;

        default:
          return FALSE;
        }
    }
}

static gboolean
is_complete (const char   *mime_type,
             const guint8 *data,
             gsize         length)
{
  if (g_str_equal (mime_type, "image/jpeg"))
    return jpeg_is_complete (data, length);
  if (g_str_equal (mime_type, "image/png"))
    return png_is_complete (data, length);
  if (g_str_equal (mime_type, "image/webp"))
    return webp_is_complete (data, length);
  if (g_str_equal (mime_type, "image/gif"))
    return gif_is_complete (data, length);

  g_assert_not_reached ();
}

/* Decoding */

/* How much of the file the size peek gives the loader at a time: the
 * size of a PNG, GIF or WebP is in its first bytes, a JPEG's after its
 * metadata segments; small steps stop it soon after. */
#define PEEK_CHUNK_SIZE 512

typedef struct
{
  int width;
  int height;
} PeekInfo;

static void
on_peek_size (GdkPixbufLoader *loader,
              int              width,
              int              height,
              gpointer         user_data)
{
  PeekInfo *info = user_data;

  info->width = width;
  info->height = height;
  /* A size of 0 × 0 makes gdk-pixbuf's loaders stop before they allocate
   * the picture (the PNG loader otherwise allocates it in full, whatever
   * size is asked for, and scales it afterwards: 2.6 GB and 10 s for a
   * 30000 × 30000 PNG of 874 KB). No more data is written anyway. */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

gboolean
nd_image_file_peek_size (GBytes     *bytes,
                         const char *mime_type,
                         int        *width,
                         int        *height)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  PeekInfo info = { 0 };
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, FALSE);

  if (mime_type != NULL)
    loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, NULL);
  else
    loader = gdk_pixbuf_loader_new ();
  if (loader == NULL)
    return FALSE;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_peek_size), &info);

  data = g_bytes_get_data (bytes, &length);
  for (gsize pos = 0; pos < length && info.width == 0 && info.height == 0; pos += PEEK_CHUNK_SIZE)
    if (!gdk_pixbuf_loader_write (loader, data + pos, MIN (PEEK_CHUNK_SIZE, length - pos), NULL))
      break;

  /* Closing an unfinished loader is an error we expect; it must be closed
   * before it is finalized. */
  gdk_pixbuf_loader_close (loader, NULL);

  if (info.width <= 0 || info.height <= 0)
    return FALSE;

  if (width != NULL)
    *width = info.width;
  if (height != NULL)
    *height = info.height;

  return TRUE;
}

gboolean
nd_image_file_check_size (int          width,
                          int          height,
                          const char  *name,
                          GError     **error)
{
  guint64 pixels;

  g_return_val_if_fail (name != NULL, FALSE);

  pixels = (guint64) MAX (width, 0) * (guint64) MAX (height, 0);
  if (pixels <= ND_IMAGE_FILE_MAX_PIXELS)
    return TRUE;

  /* Megapixels to one decimal, rounded up, so that a refused size never
   * reads as the limit itself. */
  g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE,
               /* Translators: %s is a file name, %d × %d its size in pixels,
                * then its megapixels (e.g. 900.0) and the limit in megapixels */
               _("“%s” is too large: %d × %d pixels (%.1f megapixels; at most %d megapixels)"),
               name, width, height, ceil (pixels / 1e5) / 10.0,
               ND_IMAGE_FILE_MAX_PIXELS / (1000 * 1000));
  return FALSE;
}

typedef struct
{
  int      width;
  int      height;
  gboolean too_many_pixels;
} SizeInfo;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  SizeInfo *info = user_data;
  double scale;

  info->width = width;
  info->height = height;

  if (width <= 0 || height <= 0)
    return;

  /* The size was checked before decoding began; this is the guard for a
   * loader that reports another size than the peek did. */
  if ((guint64) width * (guint64) height > ND_IMAGE_FILE_MAX_PIXELS)
    {
      info->too_many_pixels = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  scale = MIN (1.0, (double) DECODE_BOX / MAX (width, height));
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

static gboolean
set_damaged (GError     **error,
             const char  *name)
{
  g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_DAMAGED,
               /* Translators: %s is a file name */
               _("“%s” is damaged or incomplete and cannot be used as an image"), name);
  return FALSE;
}

/* Decodes all of @data with the loader for @mime_type. */
static gboolean
decode (const guint8  *data,
        gsize          length,
        const char    *mime_type,
        const char    *name,
        guint         *width,
        guint         *height,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  SizeInfo info = { 0 };
  gboolean ok = TRUE;

  loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, &local_error);
  if (loader == NULL)
    {
      g_debug ("No loader for %s: %s", mime_type, local_error->message);
      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_UNSUPPORTED,
                   /* Translators: the first %s is a file name, the second a
                    * MIME type such as image/webp */
                   _("“%s” cannot be read: this system has no decoder for %s images"),
                   name, mime_type);
      return FALSE;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &info);

  for (gsize pos = 0; ok && pos < length && !info.too_many_pixels; pos += CHUNK_SIZE)
    ok = gdk_pixbuf_loader_write (loader, data + pos, MIN (CHUNK_SIZE, length - pos), &local_error);

  /* Close in any case: a loader must be closed before it is finalized. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (info.too_many_pixels)
    return nd_image_file_check_size (info.width, info.height, name, error);

  if (!ok || gdk_pixbuf_loader_get_pixbuf (loader) == NULL || info.width <= 0 || info.height <= 0)
    {
      if (local_error != NULL)
        g_debug ("Decoding %s: %s", name, local_error->message);
      return set_damaged (error, name);
    }

  *width = (guint) info.width;
  *height = (guint) info.height;

  return TRUE;
}

static NdImage *
load_checked (GBytes      *bytes,
              const char  *name,
              GError     **error)
{
  g_autoptr(NdImage) image = NULL;
  const guint8 *data;
  const char *mime;
  gsize length;
  guint width = 0;
  guint height = 0;
  int peek_width = 0;
  int peek_height = 0;

  data = g_bytes_get_data (bytes, &length);

  if (length > ND_IMAGE_FILE_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (ND_IMAGE_FILE_MAX_SIZE);

      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, then two sizes ("60.2 MB") */
                   _("“%s” is too large (%s; at most %s)"), name, size, limit);
      return NULL;
    }

  mime = nd_image_file_sniff_mime (data, length);
  if (mime == NULL)
    {
      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_UNSUPPORTED,
                   /* Translators: %s is a file name */
                   _("“%s” is not a JPEG, PNG, WebP or GIF image"), name);
      return NULL;
    }

  if (!is_complete (mime, data, length))
    {
      set_damaged (error, name);
      return NULL;
    }

  /* The size from the header, before a single row is decoded: a few
   * hundred kilobytes of PNG can unpack into gigabytes. */
  if (nd_image_file_peek_size (bytes, mime, &peek_width, &peek_height) &&
      !nd_image_file_check_size (peek_width, peek_height, name, error))
    return NULL;

  if (!decode (data, length, mime, name, &width, &height, error))
    return NULL;

  image = nd_image_new ();
  nd_image_set_data (image, bytes, mime, width, height);

  return g_steal_pointer (&image);
}

NdImage *
nd_image_file_load_bytes (GBytes      *bytes,
                          const char  *name,
                          GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    /* Translators: names an image that has no file name in messages */
    name = _("the image");

  return load_checked (bytes, name, error);
}

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *io_error)
{
  g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_READ,
               /* Translators: the first %s is a file name, the second the
                * system's reason */
               _("“%s” cannot be read: %s"), name, io_error->message);
}

NdImage *
nd_image_file_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize n_read = 0;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_READ,
                   /* Translators: %s is a file name */
                   _("“%s” is a folder, not an image"), name);
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size > ND_IMAGE_FILE_MAX_SIZE)
    {
      g_autofree char *shown = g_format_size (size);
      g_autofree char *limit = g_format_size (ND_IMAGE_FILE_MAX_SIZE);

      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE,
                   _("“%s” is too large (%s; at most %s)"), name, shown, limit);
      return NULL;
    }

  if (!(stream = g_file_read (file, cancellable, &local_error)))
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  /* One byte more than allowed: a file that grew since the query (or a
   * pipe, which has no size) is still caught without reading it all. */
  buffer = g_malloc (ND_IMAGE_FILE_MAX_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, ND_IMAGE_FILE_MAX_SIZE + 1,
                                &n_read, cancellable, &local_error))
    {
      set_read_error (error, name, local_error);
      return NULL;
    }

  if (n_read > ND_IMAGE_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (ND_IMAGE_FILE_MAX_SIZE);

      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, then a size ("50.0 MB") */
                   _("“%s” is too large (more than %s)"), name, limit);
      return NULL;
    }

  buffer = g_realloc (buffer, MAX (n_read, 1));
  bytes = g_bytes_new_take (g_steal_pointer (&buffer), n_read);

  return load_checked (bytes, name, error);
}

/* Reading metadata */

void
nd_image_metadata_free (NdImageMetadata *metadata)
{
  if (metadata == NULL)
    return;

  g_free (metadata->credit);
  g_free (metadata->creator);
  g_free (metadata->copyright);
  g_free (metadata->license);
  g_free (metadata->source);
  g_free (metadata->alt_text);
  g_free (metadata->caption);
  g_free (metadata);
}

static char **
metadata_field (NdImageMetadata *metadata,
                NdImageFields    field)
{
  switch ((int) field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      return &metadata->credit;
    case ND_IMAGE_FIELD_CREATOR:
      return &metadata->creator;
    case ND_IMAGE_FIELD_COPYRIGHT:
      return &metadata->copyright;
    case ND_IMAGE_FIELD_LICENSE:
      return &metadata->license;
    case ND_IMAGE_FIELD_SOURCE:
      return &metadata->source;
    case ND_IMAGE_FIELD_ALT_TEXT:
      return &metadata->alt_text;
    case ND_IMAGE_FIELD_CAPTION:
      return &metadata->caption;
    default:
      return NULL;
    }
}

const char *
nd_image_metadata_get (const NdImageMetadata *metadata,
                       NdImageFields          field)
{
  char **ptr;

  g_return_val_if_fail (metadata != NULL, NULL);
  g_return_val_if_fail ((ptr = metadata_field ((NdImageMetadata *) metadata, field)) != NULL, NULL);

  return *ptr;
}

/* Trimmed, valid UTF-8. (transfer full) */
static char *
clean_text (const char *text,
            gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  return g_strstrip (g_steal_pointer (&valid));
}

/* An alt-language value reads 'lang="x-default" Text'; a file may carry
 * several languages, of which the default is taken, else the first. */
static char *
strip_lang (char **values)
{
  const char *chosen = NULL;

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (g_str_has_prefix (values[i], "lang=\"x-default\""))
        {
          chosen = values[i];
          break;
        }
      if (chosen == NULL)
        chosen = values[i];
    }

  if (chosen == NULL)
    return NULL;

  if (g_str_has_prefix (chosen, "lang=\""))
    {
      const char *end = strchr (chosen + 6, '"');

      if (end != NULL)
        {
          chosen = end + 1;
          if (*chosen == ' ')
            chosen++;
        }
    }

  return clean_text (chosen, -1);
}

static char *
read_xmp (GExiv2Metadata *md,
          const char     *tag)
{
  g_auto(GStrv) values = NULL;
  const char *type;

  if (!gexiv2_metadata_try_has_tag (md, tag, NULL))
    return NULL;

  values = gexiv2_metadata_try_get_tag_multiple (md, tag, NULL);
  if (values == NULL || values[0] == NULL)
    return NULL;

  type = gexiv2_metadata_try_get_tag_type (tag, NULL);

  /* A property exiv2 does not know (AltTextAccessibility in 0.27) reads
   * as text, but its value still has the language in front. */
  if (g_strcmp0 (type, "LangAlt") == 0 || g_str_has_prefix (values[0], "lang=\""))
    return strip_lang (values);

  /* dc:creator is an ordered list of names. */
  if (values[1] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", values);

      return clean_text (joined, -1);
    }

  return clean_text (values[0], -1);
}

/* IIM has no fixed charset: UTF-8 when the envelope says so (ESC % G),
 * else whatever the writer used, which for European files was mostly ISO
 * 8859-1. */
static char *
decode_iim (const char *raw,
            gboolean    utf8)
{
  g_autofree char *converted = NULL;

  if (utf8 || g_utf8_validate (raw, -1, NULL))
    return clean_text (raw, -1);

  converted = g_convert (raw, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return clean_text (converted != NULL ? converted : raw, -1);
}

static char *
read_iim (GExiv2Metadata *md,
          const char     *tag,
          gboolean        utf8)
{
  g_auto(GStrv) values = NULL;
  g_autoptr(GString) joined = NULL;

  if (!gexiv2_metadata_try_has_tag (md, tag, NULL))
    return NULL;

  values = gexiv2_metadata_try_get_tag_multiple (md, tag, NULL);
  if (values == NULL || values[0] == NULL)
    return NULL;

  /* A repeatable field (By-line) is one entry per name. */
  joined = g_string_new (NULL);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *text = decode_iim (values[i], utf8);

      if (*text == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, text);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static char *
read_field (GExiv2Metadata *md,
            const char     *xmp_tag,
            const char     *iim_tag,
            gboolean        iim_utf8)
{
  g_autofree char *value = NULL;

  if (xmp_tag != NULL)
    value = read_xmp (md, xmp_tag);

  if ((value == NULL || *value == '\0') && iim_tag != NULL)
    {
      g_free (value);
      value = read_iim (md, iim_tag, iim_utf8);
    }

  return value != NULL ? g_steal_pointer (&value) : g_strdup ("");
}

static gboolean
iim_is_utf8 (GExiv2Metadata *md)
{
  g_autofree char *charset = NULL;

  if (!gexiv2_metadata_try_has_tag (md, "Iptc.Envelope.CharacterSet", NULL))
    return FALSE;

  charset = gexiv2_metadata_try_get_tag_string (md, "Iptc.Envelope.CharacterSet", NULL);

  return charset != NULL && strstr (charset, "%G") != NULL;
}

NdImageMetadata *
nd_image_metadata_read (GBytes *bytes)
{
  g_autoptr(GExiv2Metadata) md = NULL;
  g_autoptr(GError) error = NULL;
  NdImageMetadata *metadata;
  const guint8 *data;
  gboolean utf8;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);

  metadata = g_new0 (NdImageMetadata, 1);
  data = g_bytes_get_data (bytes, &length);

  ensure_gexiv2 ();
  md = gexiv2_metadata_new ();

  if (length == 0 || length > G_MAXLONG ||
      !gexiv2_metadata_open_buf (md, data, (glong) length, &error))
    {
      if (error != NULL)
        g_debug ("No metadata: %s", error->message);
      for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
        *metadata_field (metadata, f) = g_strdup ("");
      return metadata;
    }

  utf8 = iim_is_utf8 (md);

  metadata->credit = read_field (md, "Xmp.photoshop.Credit", "Iptc.Application2.Credit", utf8);
  metadata->creator = read_field (md, "Xmp.dc.creator", "Iptc.Application2.Byline", utf8);
  metadata->copyright = read_field (md, "Xmp.dc.rights", "Iptc.Application2.Copyright", utf8);
  metadata->license = read_field (md, "Xmp.xmpRights.UsageTerms", NULL, utf8);
  metadata->source = read_field (md, "Xmp.photoshop.Source", "Iptc.Application2.Source", utf8);
  metadata->alt_text = read_field (md, "Xmp.iptc.AltTextAccessibility", NULL, utf8);
  metadata->caption = read_field (md, "Xmp.dc.description", "Iptc.Application2.Caption", utf8);

  return metadata;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

NdImageFields
nd_image_metadata_fill (const NdImageMetadata *metadata,
                        NdImage               *image)
{
  NdImageFields filled = ND_IMAGE_FIELD_NONE;

  g_return_val_if_fail (metadata != NULL, ND_IMAGE_FIELD_NONE);
  g_return_val_if_fail (ND_IS_IMAGE (image), ND_IMAGE_FIELD_NONE);

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    {
      const char *value = nd_image_metadata_get (metadata, f);

      if (is_blank (value) || !is_blank (nd_image_get_field (image, f)))
        continue;

      nd_image_set_field (image, f, value);
      filled |= f;
    }

  /* Set after the values: setting a value clears its flag. */
  nd_image_set_from_file (image, nd_image_get_from_file (image) | filled);

  return filled;
}

NdImageFields
nd_image_metadata_match (const NdImageMetadata *metadata,
                         NdImage               *image)
{
  NdImageFields matched = ND_IMAGE_FIELD_NONE;

  g_return_val_if_fail (metadata != NULL, ND_IMAGE_FIELD_NONE);
  g_return_val_if_fail (ND_IS_IMAGE (image), ND_IMAGE_FIELD_NONE);

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    {
      const char *value = nd_image_metadata_get (metadata, f);
      g_autofree char *current = g_strstrip (g_strdup (nd_image_get_field (image, f)));

      if (!is_blank (value) && g_str_equal (value, current))
        matched |= f;
    }

  nd_image_set_from_file (image, matched);

  return matched;
}

NdImageFields
nd_image_file_fill_metadata (NdImage *image)
{
  g_autoptr(NdImageMetadata) metadata = NULL;

  g_return_val_if_fail (ND_IS_IMAGE (image), ND_IMAGE_FIELD_NONE);

  if (!nd_image_has_data (image))
    return ND_IMAGE_FIELD_NONE;

  metadata = nd_image_metadata_read (nd_image_get_data (image));

  return nd_image_metadata_fill (metadata, image);
}

NdImageFields
nd_image_file_match_metadata (NdImage *image)
{
  g_autoptr(NdImageMetadata) metadata = NULL;

  g_return_val_if_fail (ND_IS_IMAGE (image), ND_IMAGE_FIELD_NONE);

  if (!nd_image_has_data (image))
    {
      nd_image_set_from_file (image, ND_IMAGE_FIELD_NONE);
      return ND_IMAGE_FIELD_NONE;
    }

  metadata = nd_image_metadata_read (nd_image_get_data (image));

  return nd_image_metadata_match (metadata, image);
}

typedef struct
{
  GPtrArray *images;    /* NdImage */
  GPtrArray *bytes;     /* GBytes or NULL (a slot), one per image */
  GPtrArray *metadata;  /* NdImageMetadata or NULL, one per image: the thread's */
} MatchData;

/* The arrays hold NULL for slots (no file). */
static void
clear_bytes (gpointer bytes)
{
  g_clear_pointer (&bytes, g_bytes_unref);
}

static void
clear_metadata (gpointer metadata)
{
  g_clear_pointer (&metadata, nd_image_metadata_free);
}

static void
match_data_free (MatchData *data)
{
  g_ptr_array_unref (data->images);
  g_ptr_array_unref (data->bytes);
  g_ptr_array_unref (data->metadata);
  g_free (data);
}

static void
match_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MatchData *data = task_data;

  for (guint i = 0; i < data->bytes->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (data->bytes, i);

      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (data->metadata, bytes != NULL ? nd_image_metadata_read (bytes) : NULL);
    }

  g_task_return_boolean (task, TRUE);
}

void
nd_image_file_match_metadata_async (GPtrArray           *images,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MatchData *data;

  g_return_if_fail (images != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, nd_image_file_match_metadata_async);

  /* The thread sees only the bytes (immutable), never the images. */
  data = g_new0 (MatchData, 1);
  data->images = g_ptr_array_new_with_free_func (g_object_unref);
  data->bytes = g_ptr_array_new_with_free_func (clear_bytes);
  data->metadata = g_ptr_array_new_with_free_func (clear_metadata);
  for (guint i = 0; i < images->len; i++)
    {
      NdImage *image = g_ptr_array_index (images, i);

      g_ptr_array_add (data->images, g_object_ref (image));
      g_ptr_array_add (data->bytes, nd_image_has_data (image) ? g_bytes_ref (nd_image_get_data (image)) : NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) match_data_free);

  g_task_run_in_thread (task, match_thread);
}

gboolean
nd_image_file_match_metadata_finish (GAsyncResult  *result,
                                     GError       **error)
{
  MatchData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < data->images->len; i++)
    {
      NdImage *image = g_ptr_array_index (data->images, i);
      NdImageMetadata *metadata = g_ptr_array_index (data->metadata, i);

      if (metadata != NULL)
        nd_image_metadata_match (metadata, image);
      else
        nd_image_set_from_file (image, ND_IMAGE_FIELD_NONE);
    }

  return TRUE;
}

/* Writing metadata */

static gboolean
set_tag (GExiv2Metadata  *md,
         const char      *tag,
         const char      *value,
         GError         **error)
{
  return gexiv2_metadata_try_set_tag_string (md, tag, value, error);
}

/* An alt-language value with one entry, the default language. Built as
 * an array with a qualifier because exiv2 0.27 would write 'lang=…' as
 * the text of a property it does not know to be alt-language. */
static gboolean
set_lang_alt (GExiv2Metadata  *md,
              const char      *tag,
              const char      *value,
              GError         **error)
{
  g_autofree char *item = g_strconcat (tag, "[1]", NULL);
  g_autofree char *qualifier = g_strconcat (tag, "[1]/?xml:lang", NULL);

  gexiv2_metadata_try_clear_tag (md, tag, NULL);

  return gexiv2_metadata_try_set_xmp_tag_struct (md, tag, GEXIV2_STRUCTURE_XA_ALT, error) &&
         set_tag (md, item, value, error) &&
         set_tag (md, qualifier, "x-default", error);
}

static gboolean
set_creator (GExiv2Metadata  *md,
             const char      *value,
             GError         **error)
{
  const char *values[] = { value, NULL };

  gexiv2_metadata_try_clear_tag (md, "Xmp.dc.creator", NULL);

  return gexiv2_metadata_try_set_tag_multiple (md, "Xmp.dc.creator", values, error);
}

static gboolean
write_fields (GExiv2Metadata  *md,
              NdImage         *image,
              gboolean         iim,
              GError         **error)
{
  static const struct {
    NdImageFields  field;
    const char    *xmp_tag;
    gboolean       lang_alt;
    const char    *iim_tag;
  } tags[] = {
    { ND_IMAGE_FIELD_CREDIT, "Xmp.photoshop.Credit", FALSE, "Iptc.Application2.Credit" },
    { ND_IMAGE_FIELD_COPYRIGHT, "Xmp.dc.rights", TRUE, "Iptc.Application2.Copyright" },
    { ND_IMAGE_FIELD_CREATOR, "Xmp.dc.creator", FALSE, "Iptc.Application2.Byline" },
    { ND_IMAGE_FIELD_CAPTION, "Xmp.dc.description", TRUE, "Iptc.Application2.Caption" },
    { ND_IMAGE_FIELD_ALT_TEXT, "Xmp.iptc.AltTextAccessibility", TRUE, NULL },
    { ND_IMAGE_FIELD_SOURCE, "Xmp.photoshop.Source", FALSE, "Iptc.Application2.Source" },
    { ND_IMAGE_FIELD_LICENSE, "Xmp.xmpRights.UsageTerms", TRUE, NULL },
  };

  /* The IIM fields below are written in UTF-8, and say so. */
  if (iim && !set_tag (md, "Iptc.Envelope.CharacterSet", "\033%G", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (nd_image_get_field (image, tags[i].field)));
      gboolean ok;

      if (*value == '\0')
        continue;

      if (tags[i].field == ND_IMAGE_FIELD_CREATOR)
        ok = set_creator (md, value, error);
      else if (tags[i].lang_alt)
        ok = set_lang_alt (md, tags[i].xmp_tag, value, error);
      else
        ok = set_tag (md, tags[i].xmp_tag, value, error);

      if (ok && iim && tags[i].iim_tag != NULL)
        {
          gexiv2_metadata_try_clear_tag (md, tags[i].iim_tag, NULL);
          ok = set_tag (md, tags[i].iim_tag, value, error);
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

GBytes *
nd_image_file_dup_with_metadata (NdImage  *image,
                                 GError  **error)
{
  g_autoptr(GExiv2Metadata) md = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *template = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  const char *mime;
  const guint8 *data;
  gsize length;
  gsize new_length = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (ND_IS_IMAGE (image), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!nd_image_has_data (image))
    {
      g_set_error_literal (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_READ,
                           _("The image has no file yet"));
      return NULL;
    }

  mime = nd_image_get_mime_type (image);
  name = g_strdup_printf ("%.12s.%s", nd_image_get_sha256 (image), nd_image_file_extension (mime));

  if (g_strcmp0 (mime, "image/gif") == 0)
    {
      g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_UNSUPPORTED,
                   /* Translators: %s is a file name */
                   _("“%s”: GIF images cannot carry credit metadata"), name);
      return NULL;
    }

  data = g_bytes_get_data (nd_image_get_data (image), &length);

  /* gexiv2 writes only into files: the copy goes through a private
   * temporary file, so the stored original is never touched. */
  template = g_strdup_printf ("newsdesk-image-XXXXXX.%s", nd_image_file_extension (mime));
  fd = g_file_open_tmp (template, &tmp_path, &local_error);
  if (fd < 0)
    goto failed;
  close (fd);

  if (!g_file_set_contents (tmp_path, (const char *) data, length, &local_error))
    goto failed;

  ensure_gexiv2 ();
  md = gexiv2_metadata_new ();
  ok = gexiv2_metadata_open_path (md, tmp_path, &local_error) &&
       write_fields (md, image, g_strcmp0 (mime, "image/webp") != 0, &local_error) &&
       gexiv2_metadata_save_file (md, tmp_path, &local_error) &&
       g_file_get_contents (tmp_path, &contents, &new_length, &local_error);
  if (!ok)
    goto failed;

  g_unlink (tmp_path);

  return g_bytes_new_take (g_steal_pointer (&contents), new_length);

failed:
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  g_set_error (error, ND_IMAGE_FILE_ERROR, ND_IMAGE_FILE_ERROR_WRITE,
               /* Translators: the first %s is a file name, the second the reason */
               _("The credit cannot be written into “%s”: %s"), name,
               local_error != NULL ? local_error->message : "?");
  return NULL;
}

/* Putting an image into an item */

static int
find_slot (NdItem             *item,
           NdImageAttachFlags  flags)
{
  guint n = nd_item_get_n_images (item);

  for (guint i = 0; i < n; i++)
    {
      NdImage *candidate = nd_item_get_image (item, i);

      if (flags & ND_IMAGE_ATTACH_LEAD)
        {
          if (nd_image_get_role (candidate) == ND_IMAGE_ROLE_LEAD)
            return (int) i;
        }
      else if (!nd_image_has_data (candidate) && nd_image_get_sha256 (candidate) == NULL)
        {
          return (int) i;
        }
    }

  return -1;
}

/* Moves @image's file and fields into @slot, which stays in place. */
static void
fill_slot (NdImage *slot,
           NdImage *image)
{
  g_object_freeze_notify (G_OBJECT (slot));

  nd_image_set_data (slot, nd_image_get_data (image), nd_image_get_mime_type (image),
                     nd_image_get_width (image), nd_image_get_height (image));

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    {
      const char *value = nd_image_get_field (image, f);

      if (is_blank (value))
        continue;

      nd_image_set_field (slot, f, value);
      if (nd_image_get_from_file (image) & f)
        nd_image_set_from_file (slot, nd_image_get_from_file (slot) | f);
    }

  /* The store id was the slot's row; the file has (or gets) its own. */
  nd_image_set_store_id (slot, nd_image_get_store_id (image));

  g_object_thaw_notify (G_OBJECT (slot));
}

NdImage *
nd_image_file_attach (NdItem             *item,
                      NdImage            *image,
                      NdImageAttachFlags  flags)
{
  NdImage *slot;
  int index;

  g_return_val_if_fail (ND_IS_ITEM (item), NULL);
  g_return_val_if_fail (ND_IS_IMAGE (image), NULL);
  g_return_val_if_fail (nd_image_has_data (image), NULL);

  index = find_slot (item, flags);

  if (index < 0)
    {
      if (flags & ND_IMAGE_ATTACH_LEAD)
        {
          nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
          nd_item_insert_image (item, 0, image);
        }
      else
        {
          nd_image_set_role (image, ND_IMAGE_ROLE_INLINE);
          nd_item_add_image (item, image);
        }
      return image;
    }

  slot = nd_item_get_image (item, index);

  if (nd_image_has_data (slot) || nd_image_get_sha256 (slot) != NULL)
    {
      /* A lead image with a file: the new picture replaces it, and the
       * old one's texts, which describe the old picture, go with it. */
      g_object_ref (image);
      nd_item_remove_image (item, index);
      nd_image_set_role (image, ND_IMAGE_ROLE_LEAD);
      nd_item_insert_image (item, index, image);
      g_object_unref (image);
      return image;
    }

  fill_slot (slot, image);

  return slot;
}
