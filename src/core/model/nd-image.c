/* nd-image.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-image"

#include "config.h"

#include <string.h>

#include "nd-image.h"
#include "nd-text-format.h"
#include "nd-util-private.h"

struct _NdImage
{
  GObject      parent_instance;

  /* Owned References */
  GBytes      *data;
  char        *sha256;
  char        *mime_type;
  char        *credit;
  char        *creator;
  char        *copyright;
  char        *license;
  char        *source;
  char        *alt_text;
  char        *caption;

  gint64       store_id;
  guint64      size;
  guint        width;
  guint        height;
  NdImageRole  role;
  NdImageFields from_file;
};

G_DEFINE_FINAL_TYPE (NdImage, nd_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE_ID,
  PROP_ROLE,
  PROP_DATA,
  PROP_SHA256,
  PROP_MIME_TYPE,
  PROP_SIZE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CREDIT,
  PROP_CREATOR,
  PROP_COPYRIGHT,
  PROP_LICENSE,
  PROP_SOURCE,
  PROP_ALT_TEXT,
  PROP_CAPTION,
  PROP_FROM_FILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Registered by hand: nd-image.h is not among the mkenums sources. */
GType
nd_image_fields_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { ND_IMAGE_FIELD_NONE, "ND_IMAGE_FIELD_NONE", "none" },
        { ND_IMAGE_FIELD_CREDIT, "ND_IMAGE_FIELD_CREDIT", "credit" },
        { ND_IMAGE_FIELD_CREATOR, "ND_IMAGE_FIELD_CREATOR", "creator" },
        { ND_IMAGE_FIELD_COPYRIGHT, "ND_IMAGE_FIELD_COPYRIGHT", "copyright" },
        { ND_IMAGE_FIELD_LICENSE, "ND_IMAGE_FIELD_LICENSE", "license" },
        { ND_IMAGE_FIELD_SOURCE, "ND_IMAGE_FIELD_SOURCE", "source" },
        { ND_IMAGE_FIELD_ALT_TEXT, "ND_IMAGE_FIELD_ALT_TEXT", "alt-text" },
        { ND_IMAGE_FIELD_CAPTION, "ND_IMAGE_FIELD_CAPTION", "caption" },
        { 0, NULL, NULL }
      };
      GType type = g_flags_register_static (g_intern_static_string ("NdImageFields"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static NdImageFields
field_for_prop (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_CREDIT:
      return ND_IMAGE_FIELD_CREDIT;
    case PROP_CREATOR:
      return ND_IMAGE_FIELD_CREATOR;
    case PROP_COPYRIGHT:
      return ND_IMAGE_FIELD_COPYRIGHT;
    case PROP_LICENSE:
      return ND_IMAGE_FIELD_LICENSE;
    case PROP_SOURCE:
      return ND_IMAGE_FIELD_SOURCE;
    case PROP_ALT_TEXT:
      return ND_IMAGE_FIELD_ALT_TEXT;
    case PROP_CAPTION:
      return ND_IMAGE_FIELD_CAPTION;
    default:
      g_assert_not_reached ();
    }
}

/* For the text fields that are never NULL. A new value did not come from
 * the file (nd_image_set_field() callers that copy it from the file set
 * the flag again afterwards). */
static void
set_text_prop (NdImage     *self,
               char       **ptr,
               const char  *value,
               guint        prop_id)
{
  g_assert (ND_IS_IMAGE (self));

  if (nd_set_str (ptr, value != NULL ? value : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
      nd_image_set_from_file (self, self->from_file & ~field_for_prop (prop_id));
    }
}

static char *
compute_sha256 (GBytes *data)
{
  g_assert (data != NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
}

static void
set_file_fields (NdImage    *self,
                 const char *sha256,
                 const char *mime_type,
                 guint64     size,
                 guint       width,
                 guint       height)
{
  g_assert (ND_IS_IMAGE (self));

  if (nd_set_str (&self->sha256, sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHA256]);

  if (nd_set_str (&self->mime_type, mime_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIME_TYPE]);

  if (self->size != size)
    {
      self->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIZE]);
    }

  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WIDTH]);
    }

  if (self->height != height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEIGHT]);
    }
}

static void
nd_image_finalize (GObject *object)
{
  NdImage *self = (NdImage *)object;

  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->credit, g_free);
  g_clear_pointer (&self->creator, g_free);
  g_clear_pointer (&self->copyright, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->alt_text, g_free);
  g_clear_pointer (&self->caption, g_free);

  G_OBJECT_CLASS (nd_image_parent_class)->finalize (object);
}

static void
nd_image_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NdImage *self = ND_IMAGE (object);

  switch (prop_id)
    {
    case PROP_STORE_ID:
      g_value_set_int64 (value, self->store_id);
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;

    case PROP_CREDIT:
      g_value_set_string (value, self->credit);
      break;

    case PROP_CREATOR:
      g_value_set_string (value, self->creator);
      break;

    case PROP_COPYRIGHT:
      g_value_set_string (value, self->copyright);
      break;

    case PROP_LICENSE:
      g_value_set_string (value, self->license);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_ALT_TEXT:
      g_value_set_string (value, self->alt_text);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_FROM_FILE:
      g_value_set_flags (value, self->from_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_image_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NdImage *self = ND_IMAGE (object);

  switch (prop_id)
    {
    case PROP_STORE_ID:
      nd_image_set_store_id (self, g_value_get_int64 (value));
      break;

    case PROP_ROLE:
      nd_image_set_role (self, g_value_get_enum (value));
      break;

    case PROP_DATA:
      nd_image_set_data (self, g_value_get_boxed (value),
                         self->mime_type, self->width, self->height);
      break;

    case PROP_MIME_TYPE:
      if (nd_set_str (&self->mime_type, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_WIDTH:
      if (self->width != g_value_get_uint (value))
        {
          self->width = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_HEIGHT:
      if (self->height != g_value_get_uint (value))
        {
          self->height = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_CREDIT:
      nd_image_set_credit (self, g_value_get_string (value));
      break;

    case PROP_CREATOR:
      nd_image_set_creator (self, g_value_get_string (value));
      break;

    case PROP_COPYRIGHT:
      nd_image_set_copyright (self, g_value_get_string (value));
      break;

    case PROP_LICENSE:
      nd_image_set_license (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      nd_image_set_source (self, g_value_get_string (value));
      break;

    case PROP_ALT_TEXT:
      nd_image_set_alt_text (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      nd_image_set_caption (self, g_value_get_string (value));
      break;

    case PROP_FROM_FILE:
      nd_image_set_from_file (self, g_value_get_flags (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              (G_PARAM_READWRITE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static void
nd_image_class_init (NdImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  object_class->finalize = nd_image_finalize;
  object_class->get_property = nd_image_get_property;
  object_class->set_property = nd_image_set_property;

  properties [PROP_STORE_ID] =
    g_param_spec_int64 ("store-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties [PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       ND_TYPE_IMAGE_ROLE, ND_IMAGE_ROLE_INLINE, rw);
  properties [PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, G_TYPE_BYTES, rw);
  properties [PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL, ro);
  properties [PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL, NULL, rw);
  properties [PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties [PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties [PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties [PROP_CREDIT] = text_param ("credit");
  properties [PROP_CREATOR] = text_param ("creator");
  properties [PROP_COPYRIGHT] = text_param ("copyright");
  properties [PROP_LICENSE] = text_param ("license");
  properties [PROP_SOURCE] = text_param ("source");
  properties [PROP_ALT_TEXT] = text_param ("alt-text");
  properties [PROP_CAPTION] = text_param ("caption");
  properties [PROP_FROM_FILE] =
    g_param_spec_flags ("from-file", NULL, NULL,
                        ND_TYPE_IMAGE_FIELDS, ND_IMAGE_FIELD_NONE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_image_init (NdImage *self)
{
  self->role = ND_IMAGE_ROLE_INLINE;
  self->credit = g_strdup ("");
  self->creator = g_strdup ("");
  self->copyright = g_strdup ("");
  self->license = g_strdup ("");
  self->source = g_strdup ("");
  self->alt_text = g_strdup ("");
  self->caption = g_strdup ("");
}

/**
 * nd_image_new:
 *
 * Returns: (transfer full): a new image slot without bytes, role inline
 */
NdImage *
nd_image_new (void)
{
  return g_object_new (ND_TYPE_IMAGE, NULL);
}

gint64
nd_image_get_store_id (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), 0);

  return self->store_id;
}

void
nd_image_set_store_id (NdImage *self,
                       gint64   store_id)
{
  g_return_if_fail (ND_IS_IMAGE (self));

  if (self->store_id == store_id)
    return;

  self->store_id = store_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE_ID]);
}

NdImageRole
nd_image_get_role (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), ND_IMAGE_ROLE_INLINE);

  return self->role;
}

void
nd_image_set_role (NdImage     *self,
                   NdImageRole  role)
{
  g_return_if_fail (ND_IS_IMAGE (self));
  g_return_if_fail (role == ND_IMAGE_ROLE_LEAD || role == ND_IMAGE_ROLE_INLINE);

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLE]);
}

gboolean
nd_image_has_data (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), FALSE);

  return self->data != NULL;
}

/**
 * nd_image_get_data:
 *
 * Returns: (transfer none) (nullable): the bytes of the image file
 */
GBytes *
nd_image_get_data (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  return self->data;
}

void
nd_image_set_data (NdImage    *self,
                   GBytes     *data,
                   const char *mime_type,
                   guint       width,
                   guint       height)
{
  g_autofree char *sha256 = NULL;
  gboolean data_changed;

  g_return_if_fail (ND_IS_IMAGE (self));

  data_changed = (self->data != data &&
                  (self->data == NULL || data == NULL ||
                   !g_bytes_equal (self->data, data)));

  if (data != NULL)
    g_bytes_ref (data);
  g_clear_pointer (&self->data, g_bytes_unref);
  self->data = data;

  g_object_freeze_notify (G_OBJECT (self));

  if (data_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATA]);

  if (data != NULL)
    sha256 = compute_sha256 (data);

  set_file_fields (self, sha256, mime_type,
                   data != NULL ? g_bytes_get_size (data) : 0,
                   width, height);

  g_object_thaw_notify (G_OBJECT (self));
}

void
nd_image_set_file_info (NdImage    *self,
                        const char *sha256,
                        const char *mime_type,
                        guint64     size,
                        guint       width,
                        guint       height)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (ND_IS_IMAGE (self));

  if (sha256 != NULL)
    lower = g_ascii_strdown (sha256, -1);

  g_object_freeze_notify (G_OBJECT (self));
  set_file_fields (self, lower, mime_type, size, width, height);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
nd_image_get_sha256 (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  return self->sha256;
}

const char *
nd_image_get_mime_type (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  return self->mime_type;
}

guint64
nd_image_get_size (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), 0);

  return self->size;
}

guint
nd_image_get_width (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), 0);

  return self->width;
}

guint
nd_image_get_height (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), 0);

  return self->height;
}

#define DEFINE_TEXT_ACCESSORS(field, PROP)                                  \
const char *                                                                \
nd_image_get_##field (NdImage *self)                                        \
{                                                                           \
  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);                          \
                                                                            \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
nd_image_set_##field (NdImage    *self,                                     \
                      const char *field)                                    \
{                                                                           \
  g_return_if_fail (ND_IS_IMAGE (self));                                    \
                                                                            \
  set_text_prop (self, &self->field, field, PROP);                          \
}

DEFINE_TEXT_ACCESSORS (credit, PROP_CREDIT)
DEFINE_TEXT_ACCESSORS (creator, PROP_CREATOR)
DEFINE_TEXT_ACCESSORS (copyright, PROP_COPYRIGHT)
DEFINE_TEXT_ACCESSORS (license, PROP_LICENSE)
DEFINE_TEXT_ACCESSORS (source, PROP_SOURCE)
DEFINE_TEXT_ACCESSORS (alt_text, PROP_ALT_TEXT)
DEFINE_TEXT_ACCESSORS (caption, PROP_CAPTION)

#undef DEFINE_TEXT_ACCESSORS

/**
 * nd_image_copy:
 *
 * Returns: (transfer full): a copy sharing the (immutable) bytes
 */
NdImage *
nd_image_copy (NdImage *self)
{
  NdImage *copy;

  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  copy = nd_image_new ();
  copy->store_id = self->store_id;
  copy->role = self->role;
  copy->data = self->data != NULL ? g_bytes_ref (self->data) : NULL;
  copy->sha256 = g_strdup (self->sha256);
  copy->mime_type = g_strdup (self->mime_type);
  copy->size = self->size;
  copy->width = self->width;
  copy->height = self->height;
  nd_set_str (&copy->credit, self->credit);
  nd_set_str (&copy->creator, self->creator);
  nd_set_str (&copy->copyright, self->copyright);
  nd_set_str (&copy->license, self->license);
  nd_set_str (&copy->source, self->source);
  nd_set_str (&copy->alt_text, self->alt_text);
  nd_set_str (&copy->caption, self->caption);
  copy->from_file = self->from_file;

  return copy;
}

void
nd_image_clear_fields (NdImage       *self,
                       NdImageFields  fields)
{
  g_return_if_fail (ND_IS_IMAGE (self));

  g_object_freeze_notify (G_OBJECT (self));
  for (NdImageFields field = ND_IMAGE_FIELD_CREDIT; field <= ND_IMAGE_FIELD_CAPTION; field <<= 1)
    if (fields & field)
      nd_image_set_field (self, field, "");
  g_object_thaw_notify (G_OBJECT (self));
}

NdImageFields
nd_image_get_from_file (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), ND_IMAGE_FIELD_NONE);

  return self->from_file;
}

void
nd_image_set_from_file (NdImage       *self,
                        NdImageFields  fields)
{
  g_return_if_fail (ND_IS_IMAGE (self));

  fields &= ND_IMAGE_FIELD_ALL;
  if (self->from_file == fields)
    return;

  self->from_file = fields;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FROM_FILE]);
}

static char **
field_ptr (NdImage       *self,
           NdImageFields  field)
{
  switch ((int) field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      return &self->credit;
    case ND_IMAGE_FIELD_CREATOR:
      return &self->creator;
    case ND_IMAGE_FIELD_COPYRIGHT:
      return &self->copyright;
    case ND_IMAGE_FIELD_LICENSE:
      return &self->license;
    case ND_IMAGE_FIELD_SOURCE:
      return &self->source;
    case ND_IMAGE_FIELD_ALT_TEXT:
      return &self->alt_text;
    case ND_IMAGE_FIELD_CAPTION:
      return &self->caption;
    default:
      return NULL;
    }
}

static guint
prop_for_field (NdImageFields field)
{
  switch ((int) field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      return PROP_CREDIT;
    case ND_IMAGE_FIELD_CREATOR:
      return PROP_CREATOR;
    case ND_IMAGE_FIELD_COPYRIGHT:
      return PROP_COPYRIGHT;
    case ND_IMAGE_FIELD_LICENSE:
      return PROP_LICENSE;
    case ND_IMAGE_FIELD_SOURCE:
      return PROP_SOURCE;
    case ND_IMAGE_FIELD_ALT_TEXT:
      return PROP_ALT_TEXT;
    case ND_IMAGE_FIELD_CAPTION:
      return PROP_CAPTION;
    default:
      return PROP_0;
    }
}

const char *
nd_image_get_field (NdImage       *self,
                    NdImageFields  field)
{
  char **ptr;

  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);
  g_return_val_if_fail ((ptr = field_ptr (self, field)) != NULL, NULL);

  return *ptr;
}

void
nd_image_set_field (NdImage       *self,
                    NdImageFields  field,
                    const char    *value)
{
  char **ptr;

  g_return_if_fail (ND_IS_IMAGE (self));
  g_return_if_fail ((ptr = field_ptr (self, field)) != NULL);

  set_text_prop (self, ptr, value, prop_for_field (field));
}

const char *
nd_image_field_to_key (NdImageFields field)
{
  switch ((int) field)
    {
    case ND_IMAGE_FIELD_CREDIT:
      return "credit";
    case ND_IMAGE_FIELD_CREATOR:
      return "creator";
    case ND_IMAGE_FIELD_COPYRIGHT:
      return "copyright";
    case ND_IMAGE_FIELD_LICENSE:
      return "license";
    case ND_IMAGE_FIELD_SOURCE:
      return "source";
    case ND_IMAGE_FIELD_ALT_TEXT:
      return "alt";
    case ND_IMAGE_FIELD_CAPTION:
      return "caption";
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
nd_image_dup_credit_line (NdImage *self)
{
  g_autofree char *credit = NULL;

  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  credit = g_strstrip (g_strdup (self->credit));
  if (*credit == '\0')
    return NULL;

  /* "Max Muster" is shown as "© Max Muster"; "Foto: Max Muster" and
   * "© Max Muster" already say what they are. */
  if (nd_text_format_credit_prefix_length (credit) > 0)
    return g_steal_pointer (&credit);

  return g_strconcat ("© ", credit, NULL);
}

/* Long enough to be unique among any one item's images by far, short
 * enough to read in the body. */
#define REFERENCE_PREFIX_LENGTH 12

char *
nd_image_dup_reference (NdImage *self)
{
  g_return_val_if_fail (ND_IS_IMAGE (self), NULL);

  if (self->sha256 == NULL)
    return NULL;

  return g_strdup_printf ("%s%.*s", ND_IMAGE_REFERENCE_SCHEME,
                          REFERENCE_PREFIX_LENGTH, self->sha256);
}

gboolean
nd_image_matches_reference (NdImage    *self,
                            const char *url)
{
  const char *prefix;
  gsize length;

  g_return_val_if_fail (ND_IS_IMAGE (self), FALSE);

  if (url == NULL || self->sha256 == NULL ||
      !g_str_has_prefix (url, ND_IMAGE_REFERENCE_SCHEME))
    return FALSE;

  prefix = url + strlen (ND_IMAGE_REFERENCE_SCHEME);
  length = strlen (prefix);
  if (length < ND_IMAGE_REFERENCE_MIN_PREFIX || length > strlen (self->sha256))
    return FALSE;

  return g_ascii_strncasecmp (prefix, self->sha256, length) == 0;
}
