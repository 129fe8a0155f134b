/* nd-cli-images.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-cli-private.h"
#include "nd-export.h"
#include "nd-image.h"
#include "nd-image-file.h"
#include "nd-item.h"
#include "nd-limits.h"
#include "nd-store.h"

/* The image commands: attach, credits, images (the library) and
 * export-images. */

/* The fields whose flag is in @fields, as their stable keys. */
static void
add_field_keys (JsonBuilder   *builder,
                NdImageFields  fields)
{
  json_builder_begin_array (builder);
  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    {
      if (fields & f)
        json_builder_add_string_value (builder, nd_image_field_to_key (f));
    }
  json_builder_end_array (builder);
}

/* The keys of show --json's images, and the rest of what we know. */
static void
add_image_members (JsonBuilder *builder,
                   NdImage     *image)
{
  g_autofree char *credit_line = nd_image_dup_credit_line (image);

  nd_cli_json_add_string (builder, "role", nd_image_role_to_key (nd_image_get_role (image)));
  nd_cli_json_add_string (builder, "sha256", nd_image_get_sha256 (image));
  nd_cli_json_add_string (builder, "mime", nd_image_get_mime_type (image));
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) nd_image_get_size (image));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, nd_image_get_width (image));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, nd_image_get_height (image));
  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    nd_cli_json_add_string (builder, nd_image_field_to_key (f), nd_image_get_field (image, f));
  nd_cli_json_add_string (builder, "credit_line", credit_line);
  json_builder_set_member_name (builder, "from_file");
  add_field_keys (builder, nd_image_get_from_file (image));
}

static const char *
field_label (NdImageFields field)
{
  /* Translators: labels of an image's fields in "newsdesk attach" and
   * "newsdesk credits"; they are aligned, so keep them short */
  switch ((int) field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      return _("Credit:");
    case ND_IMAGE_FIELD_CREATOR:
      return _("Creator:");
    case ND_IMAGE_FIELD_COPYRIGHT:
      return _("Copyright:");
    case ND_IMAGE_FIELD_LICENSE:
      return _("Licence:");
    case ND_IMAGE_FIELD_SOURCE:
      return _("Source:");
    case ND_IMAGE_FIELD_ALT_TEXT:
      return _("Alt text:");
    case ND_IMAGE_FIELD_CAPTION:
      return _("Caption:");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The non-empty fields, "(from the file)" after those that came from it. */
static void
print_image_fields (NdImage *image)
{
  guint width = 0;

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    width = MAX (width, nd_cli_text_width (field_label (f)));

  for (NdImageFields f = ND_IMAGE_FIELD_CREDIT; f <= ND_IMAGE_FIELD_CAPTION; f <<= 1)
    {
      const char *value = nd_image_get_field (image, f);
      g_autofree char *shown = NULL;

      if (*value == '\0')
        continue;

      if (nd_image_get_from_file (image) & f)
        /* Translators: a field's value in "newsdesk attach", marked as
         * taken from the image file's own metadata */
        shown = g_strdup_printf (_("%s (from the file)"), value);
      else
        shown = g_strdup (value);

      g_print ("  ");
      nd_cli_print_field (field_label (f), width, shown);
    }
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (text));

  return *stripped == '\0';
}

/* The credit, alt text and caption within nd-limits.h, before anything
 * is written. */
static gboolean
check_image_fields (NdImage  *image,
                    GError  **error)
{
  const struct { NdField field; const char *text; } fields[] = {
    { ND_FIELD_CREDIT,   nd_image_get_credit (image) },
    { ND_FIELD_ALT_TEXT, nd_image_get_alt_text (image) },
    { ND_FIELD_CAPTION,  nd_image_get_caption (image) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!nd_field_check (fields[i].field, fields[i].text, -1, error))
        return FALSE;
    }

  return TRUE;
}

int
nd_cli_cmd_attach (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdImage) image = NULL;
  g_autoptr(NdImage) attached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *alt = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *library = NULL;
  gboolean lead = FALSE;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "credit", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &credit,
      N_("The credit shown with the image"), N_("TEXT") },
    { "alt", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &alt,
      N_("What the image shows, for those who cannot see it"), N_("TEXT") },
    { "caption", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &caption,
      N_("The caption under the image"), N_("TEXT") },
    { "lead", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &lead,
      N_("Make it the lead image"), NULL },
    { "image", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &library,
      N_("Reuse an image of the library instead of a file"), N_("SHA256") },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv,
                                        library != NULL ? 1 : 2,
                                        library != NULL ? 1 : 2)) != ND_CLI_CONTINUE)
    return status;

  for (guint i = 0; i < 3; i++)
    {
      char *text[] = { i == 0 ? credit : i == 1 ? alt : caption, NULL };

      if (text[0] != NULL && !nd_cli_check_utf8 (text))
        return ND_CLI_EXIT_USER_ERROR;
    }

  if (!(store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  /* The file is read and checked before the store is written at all. */
  if (library != NULL)
    {
      /* A new use of a library image: its fields are filled as for a
       * file (nd_store_place_image ()), so that the slot's credit goes
       * before the library's default, as in the window. */
      if ((image = nd_store_load_image (store, library, &error)) != NULL)
        nd_image_clear_fields (image, ND_IMAGE_FIELD_ALL);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);

      image = nd_image_file_load (file, NULL, &error);
    }
  if (image == NULL)
    return nd_cli_report_error (error);

  if (!is_blank (credit))
    nd_image_set_credit (image, credit);
  if (!is_blank (alt))
    nd_image_set_alt_text (image, alt);
  if (!is_blank (caption))
    nd_image_set_caption (image, caption);

  /* What the options gave and what the file's metadata did. */
  if (!check_image_fields (image, &error))
    return nd_cli_report_error (error);

  attached = nd_store_attach_image (store, argv[1], image,
                                    lead ? ND_IMAGE_ATTACH_LEAD : ND_IMAGE_ATTACH_NONE,
                                    &error);
  if (attached == NULL)
    return nd_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_image_members (builder, attached);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      nd_cli_print_json (root);
    }
  else
    {
      g_autofree char *sha = g_strndup (nd_image_get_sha256 (attached), 12);

      if (nd_image_get_role (attached) == ND_IMAGE_ROLE_LEAD)
        /* Translators: %s is the start of the image's SHA-256, then its
         * MIME type and size in pixels */
        g_print (_("Attached image %s (%s, %u × %u) as the lead image\n"),
                 sha, nd_image_get_mime_type (attached),
                 nd_image_get_width (attached), nd_image_get_height (attached));
      else
        /* Translators: %s is the start of the image's SHA-256, then its
         * MIME type and size in pixels */
        g_print (_("Attached image %s (%s, %u × %u)\n"),
                 sha, nd_image_get_mime_type (attached),
                 nd_image_get_width (attached), nd_image_get_height (attached));
      print_image_fields (attached);
    }

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_credits (const NdCliCommand  *command,
                    const char          *db_path,
                    int                  argc,
                    char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(item = nd_cli_load_item (store, argv[1])))
    return ND_CLI_EXIT_USER_ERROR;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < nd_item_get_n_images (item); i++)
        {
          NdImage *image = nd_item_get_image (item, i);

          nd_image_file_match_metadata (image);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "position");
          json_builder_add_int_value (builder, i + 1);
          add_image_members (builder, image);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      nd_cli_print_json (root);

      return ND_CLI_EXIT_OK;
    }

  /* One line per image: what a "Bildnachweis" lists. */
  for (guint i = 0; i < nd_item_get_n_images (item); i++)
    {
      NdImage *image = nd_item_get_image (item, i);
      g_autofree char *line = nd_image_dup_credit_line (image);
      const char *caption = nd_image_get_caption (image);

      if (line == NULL)
        /* Translators: "newsdesk credits" for an image without credit */
        line = g_strdup (_("(no credit)"));

      if (*caption != '\0')
        g_print ("%u  %s — %s\n", i + 1, line, caption);
      else
        g_print ("%u  %s\n", i + 1, line);
    }

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_images (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  gboolean json = FALSE;
  int limit = 0;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &limit,
      N_("Show at most N images"), N_("N") },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 0, -1)) != ND_CLI_CONTINUE)
    return status;
  if (limit < 0)
    return nd_cli_usage_error (_("--limit must not be negative"));
  if (!nd_cli_check_utf8 (argv + 1))
    return ND_CLI_EXIT_USER_ERROR;

  query = g_strjoinv (" ", argv + 1);

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(images = nd_store_list_images (store, query, (guint) limit, &error)))
    return nd_cli_report_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < images->len; i++)
        {
          NdImageUsage *usage = g_ptr_array_index (images, i);

          json_builder_begin_object (builder);
          add_image_members (builder, usage->image);
          json_builder_set_member_name (builder, "uses");
          json_builder_add_int_value (builder, usage->n_uses);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      nd_cli_print_json (root);

      return ND_CLI_EXIT_OK;
    }

  for (guint i = 0; i < images->len; i++)
    {
      NdImageUsage *usage = g_ptr_array_index (images, i);
      NdImage *image = usage->image;
      g_autofree char *line = nd_image_dup_credit_line (image);
      /* Translators: how many items use an image, in "newsdesk images" */
      g_autofree char *uses = g_strdup_printf (ngettext ("%u item", "%u items", usage->n_uses),
                                               usage->n_uses);
      const char *caption = nd_image_get_caption (image);

      g_print ("%.12s  %u×%u  %s  %s%s%s\n",
               nd_image_get_sha256 (image),
               nd_image_get_width (image), nd_image_get_height (image),
               uses,
               line != NULL ? line : _("(no credit)"),
               *caption != '\0' ? " — " : "", caption);
    }

  return ND_CLI_EXIT_OK;
}

int
nd_cli_cmd_export_images (const NdCliCommand  *command,
                          const char          *db_path,
                          int                  argc,
                          char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_auto(GStrv) without_metadata = NULL;
  int status;

  if ((status = nd_cli_parse_options (command, NULL, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 2, 2)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(item = nd_cli_load_item (store, argv[1])))
    return ND_CLI_EXIT_USER_ERROR;

  if (!(written = nd_export_item_images (item, argv[2], &without_metadata, &error)))
    return nd_cli_report_error (error);

  for (guint i = 0; written[i] != NULL; i++)
    g_print ("%s\n", written[i]);

  for (guint i = 0; without_metadata[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (without_metadata[i]);

      /* Translators: %s is a file written by "newsdesk export-images" */
      nd_cli_print_error (_("“%s” is a GIF file, which cannot carry the credit; it was written without it"),
                          display);
    }

  return ND_CLI_EXIT_OK;
}
