/* nd-item.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-item"

#include "config.h"

#include "nd-image.h"
#include "nd-item.h"
#include "nd-item-private.h"
#include "nd-tag.h"
#include "nd-util-private.h"

struct _NdItem
{
  GObject       parent_instance;

  /* Owned References */
  char         *id;
  char         *language;
  char         *title;
  char         *teaser;
  char         *body;
  char         *slug;
  char         *author;
  char         *date;
  GDateTime    *created;
  GDateTime    *updated;
  /* NULL-terminated display forms, and their keys in the same order */
  GPtrArray    *tags;
  GPtrArray    *tag_keys;
  /* NdImage, in order */
  GPtrArray    *images;

  NdItemKind    kind;
  NdItemStatus  status;
  guint         revision;
};

G_DEFINE_FINAL_TYPE (NdItem, nd_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_LANGUAGE,
  PROP_TITLE,
  PROP_TEASER,
  PROP_BODY,
  PROP_SLUG,
  PROP_AUTHOR,
  PROP_DATE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_REVISION,
  PROP_TAGS,
  PROP_N_IMAGES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_str_prop (NdItem      *self,
              char       **ptr,
              const char  *value,
              guint        prop_id)
{
  g_assert (ND_IS_ITEM (self));

  if (nd_set_str (ptr, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static gboolean
set_date_time (GDateTime **ptr,
               GDateTime  *value)
{
  g_autoptr(GDateTime) utc = NULL;

  g_assert (ptr != NULL);

  if (value != NULL)
    utc = g_date_time_to_utc (value);

  if (*ptr == NULL && utc == NULL)
    return FALSE;
  if (*ptr != NULL && utc != NULL && g_date_time_equal (*ptr, utc))
    return FALSE;

  g_clear_pointer (ptr, g_date_time_unref);
  *ptr = g_steal_pointer (&utc);

  return TRUE;
}

static void
notify_n_images (NdItem *self)
{
  g_assert (ND_IS_ITEM (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_IMAGES]);
}

static guint
tag_count (NdItem *self)
{
  g_assert (ND_IS_ITEM (self));

  /* Both arrays carry a NULL terminator. */
  return self->tag_keys->len - 1;
}

static gboolean
find_tag_key (NdItem     *self,
              const char *key,
              guint      *position)
{
  g_assert (ND_IS_ITEM (self));
  g_assert (key != NULL);

  for (guint i = 0; i < tag_count (self); i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->tag_keys, i), key) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Appends without notifying; returns whether the tag was new. */
static gboolean
append_tag (NdItem     *self,
            const char *tag)
{
  g_autofree char *key = NULL;
  guint last;

  g_assert (ND_IS_ITEM (self));

  if (tag == NULL || !g_utf8_validate (tag, -1, NULL))
    return FALSE;

  key = nd_tag_key (tag);
  if (key == NULL || find_tag_key (self, key, NULL))
    return FALSE;

  last = tag_count (self);
  self->tags->pdata[last] = nd_tag_normalize (tag);
  self->tag_keys->pdata[last] = g_steal_pointer (&key);
  g_ptr_array_add (self->tags, NULL);
  g_ptr_array_add (self->tag_keys, NULL);

  return TRUE;
}

static void
clear_tags (NdItem *self)
{
  g_assert (ND_IS_ITEM (self));

  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_set_size (self->tag_keys, 0);
  g_ptr_array_add (self->tags, NULL);
  g_ptr_array_add (self->tag_keys, NULL);
}

static gboolean
tags_equal (const char * const *a,
            const char * const *b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      if (g_strcmp0 (a[i], b[i]) != 0)
        return FALSE;
    }

  return a[i] == NULL && b[i] == NULL;
}

static void
nd_item_finalize (GObject *object)
{
  NdItem *self = (NdItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->teaser, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->tag_keys, g_ptr_array_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_item_parent_class)->finalize (object);
}

static void
nd_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  NdItem *self = ND_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TEASER:
      g_value_set_string (value, self->teaser);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;

    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags->pdata);
      break;

    case PROP_N_IMAGES:
      g_value_set_uint (value, self->images->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  NdItem *self = ND_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_item_set_id (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      nd_item_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_STATUS:
      nd_item_set_status (self, g_value_get_enum (value));
      break;

    case PROP_LANGUAGE:
      nd_item_set_language (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      nd_item_set_title (self, g_value_get_string (value));
      break;

    case PROP_TEASER:
      nd_item_set_teaser (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      nd_item_set_body (self, g_value_get_string (value));
      break;

    case PROP_SLUG:
      nd_item_set_slug (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      nd_item_set_author (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      nd_item_set_date (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      nd_item_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED:
      nd_item_set_updated (self, g_value_get_boxed (value));
      break;

    case PROP_REVISION:
      nd_item_set_revision (self, g_value_get_uint (value));
      break;

    case PROP_TAGS:
      nd_item_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name,
            const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value,
                              (G_PARAM_READWRITE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static void
nd_item_class_init (NdItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  object_class->finalize = nd_item_finalize;
  object_class->get_property = nd_item_get_property;
  object_class->set_property = nd_item_set_property;

  properties [PROP_ID] = text_param ("id", NULL);
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ND_TYPE_ITEM_KIND, ND_ITEM_KIND_NEWS, rw);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ND_TYPE_ITEM_STATUS, ND_ITEM_STATUS_DRAFT, rw);
  properties [PROP_LANGUAGE] = text_param ("language", "en");
  properties [PROP_TITLE] = text_param ("title", "");
  properties [PROP_TEASER] = text_param ("teaser", "");
  properties [PROP_BODY] = text_param ("body", "");
  properties [PROP_SLUG] = text_param ("slug", "");
  properties [PROP_AUTHOR] = text_param ("author", "");
  properties [PROP_DATE] = text_param ("date", NULL);
  properties [PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties [PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties [PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties [PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties [PROP_N_IMAGES] =
    g_param_spec_uint ("n-images", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_item_init (NdItem *self)
{
  self->id = g_uuid_string_random ();
  self->kind = ND_ITEM_KIND_NEWS;
  self->status = ND_ITEM_STATUS_DRAFT;
  self->language = g_strdup ("en");
  self->title = g_strdup ("");
  self->teaser = g_strdup ("");
  self->body = g_strdup ("");
  self->slug = g_strdup ("");
  self->author = g_strdup ("");
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tags, NULL);
  g_ptr_array_add (self->tag_keys, NULL);
  self->images = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * nd_item_new:
 *
 * Returns: (transfer full): a new draft news item with a fresh random id
 */
NdItem *
nd_item_new (void)
{
  return g_object_new (ND_TYPE_ITEM, NULL);
}

const char *
nd_item_get_id (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return self->id;
}

void
nd_item_set_id (NdItem     *self,
                const char *id)
{
  g_return_if_fail (ND_IS_ITEM (self));

  /* An item always has an id; the GValue default (NULL) at construction
   * keeps the random one. */
  if (id == NULL)
    return;

  set_str_prop (self, &self->id, id, PROP_ID);
}

NdItemKind
nd_item_get_kind (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), ND_ITEM_KIND_NEWS);

  return self->kind;
}

void
nd_item_set_kind (NdItem     *self,
                  NdItemKind  kind)
{
  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (nd_item_kind_to_key (kind) != NULL);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

NdItemStatus
nd_item_get_status (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), ND_ITEM_STATUS_DRAFT);

  return self->status;
}

void
nd_item_set_status (NdItem       *self,
                    NdItemStatus  status)
{
  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (nd_item_status_to_key (status) != NULL);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

const char *
nd_item_get_language (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return self->language;
}

void
nd_item_set_language (NdItem     *self,
                      const char *language)
{
  g_return_if_fail (ND_IS_ITEM (self));

  /* NULL restores the default rather than leaving the item without one. */
  set_str_prop (self, &self->language,
                language != NULL ? language : "en", PROP_LANGUAGE);
}

#define DEFINE_TEXT_ACCESSORS(field, PROP)                                  \
const char *                                                                \
nd_item_get_##field (NdItem *self)                                          \
{                                                                           \
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);                           \
                                                                            \
  return self->field;                                                       \
}                                                                           \
                                                                            \
void                                                                        \
nd_item_set_##field (NdItem     *self,                                      \
                     const char *field)                                     \
{                                                                           \
  g_return_if_fail (ND_IS_ITEM (self));                                     \
                                                                            \
  set_str_prop (self, &self->field, field != NULL ? field : "", PROP);      \
}

DEFINE_TEXT_ACCESSORS (title, PROP_TITLE)
DEFINE_TEXT_ACCESSORS (teaser, PROP_TEASER)
DEFINE_TEXT_ACCESSORS (body, PROP_BODY)
DEFINE_TEXT_ACCESSORS (slug, PROP_SLUG)
DEFINE_TEXT_ACCESSORS (author, PROP_AUTHOR)

#undef DEFINE_TEXT_ACCESSORS

/**
 * nd_item_get_date:
 *
 * Returns: (nullable): the ISO 8601 date, or NULL when unset
 */
const char *
nd_item_get_date (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return self->date;
}

/* The item does not validate the date: callers parse user input with
 * nd_date_parse() and check stored text with nd_date_is_valid(). An
 * empty string means unset, like NULL. */
void
nd_item_set_date (NdItem     *self,
                  const char *date)
{
  g_return_if_fail (ND_IS_ITEM (self));

  if (date != NULL && date[0] == '\0')
    date = NULL;

  set_str_prop (self, &self->date, date, PROP_DATE);
}

/**
 * nd_item_get_created:
 *
 * Returns: (transfer none) (nullable): when the item was first saved, UTC
 */
GDateTime *
nd_item_get_created (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return self->created;
}

void
nd_item_set_created (NdItem    *self,
                     GDateTime *created)
{
  g_return_if_fail (ND_IS_ITEM (self));

  if (set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED]);
}

/**
 * nd_item_get_updated:
 *
 * Returns: (transfer none) (nullable): when the item was last saved, UTC
 */
GDateTime *
nd_item_get_updated (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return self->updated;
}

void
nd_item_set_updated (NdItem    *self,
                     GDateTime *updated)
{
  g_return_if_fail (ND_IS_ITEM (self));

  if (set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED]);
}

guint
nd_item_get_revision (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), 0);

  return self->revision;
}

void
nd_item_set_revision (NdItem *self,
                      guint   revision)
{
  g_return_if_fail (ND_IS_ITEM (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVISION]);
}

/**
 * nd_item_get_tags:
 *
 * Returns: (transfer none): the NULL-terminated tags, in order
 */
const char * const *
nd_item_get_tags (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  return (const char * const *) self->tags->pdata;
}

void
nd_item_set_tags (NdItem             *self,
                  const char * const *tags)
{
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) wanted = NULL;

  g_return_if_fail (ND_IS_ITEM (self));

  /* @tags may be our own array (nd_item_get_tags()), which clearing frees. */
  old = g_strdupv ((char **) self->tags->pdata);
  wanted = g_strdupv ((char **) tags);

  clear_tags (self);
  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    append_tag (self, wanted[i]);

  if (!tags_equal ((const char * const *) old, nd_item_get_tags (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);
}

void
_nd_item_set_stored_tags (NdItem             *self,
                          const char * const *names,
                          const char * const *keys)
{
  gboolean same = TRUE;
  guint n = 0;

  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (names != NULL && keys != NULL);

  for (; names[n] != NULL; n++)
    same = same && n < tag_count (self) && g_strcmp0 (names[n], g_ptr_array_index (self->tags, n)) == 0;
  if (same && n == tag_count (self))
    return;

  clear_tags (self);
  for (guint i = 0; i < n; i++)
    {
      g_assert (keys[i] != NULL);
      self->tags->pdata[i] = g_strdup (names[i]);
      self->tag_keys->pdata[i] = g_strdup (keys[i]);
      g_ptr_array_add (self->tags, NULL);
      g_ptr_array_add (self->tag_keys, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);
}

/* Returns FALSE when the tag is empty or the item already has it under
 * some spelling. */
gboolean
nd_item_add_tag (NdItem     *self,
                 const char *tag)
{
  g_return_val_if_fail (ND_IS_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (!append_tag (self, tag))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);

  return TRUE;
}

/* Removes the tag spelled in any way that shares its key. */
gboolean
nd_item_remove_tag (NdItem     *self,
                    const char *tag)
{
  g_autofree char *key = NULL;
  guint position;

  g_return_val_if_fail (ND_IS_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  key = nd_tag_key (tag);
  if (key == NULL || !find_tag_key (self, key, &position))
    return FALSE;

  g_ptr_array_remove_index (self->tags, position);
  g_ptr_array_remove_index (self->tag_keys, position);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TAGS]);

  return TRUE;
}

gboolean
nd_item_has_tag (NdItem     *self,
                 const char *tag)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ND_IS_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  key = nd_tag_key (tag);

  return key != NULL && find_tag_key (self, key, NULL);
}

guint
nd_item_get_n_images (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), 0);

  return self->images->len;
}

/**
 * nd_item_get_image:
 *
 * Returns: (transfer none): the image at @position
 */
NdImage *
nd_item_get_image (NdItem *self,
                   guint   position)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);
  g_return_val_if_fail (position < self->images->len, NULL);

  return g_ptr_array_index (self->images, position);
}

void
nd_item_add_image (NdItem  *self,
                   NdImage *image)
{
  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (ND_IS_IMAGE (image));

  nd_item_insert_image (self, self->images->len, image);
}

/* Takes a new reference on @image. */
void
nd_item_insert_image (NdItem  *self,
                      guint    position,
                      NdImage *image)
{
  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (ND_IS_IMAGE (image));
  g_return_if_fail (position <= self->images->len);

  g_ptr_array_insert (self->images, position, g_object_ref (image));
  notify_n_images (self);
}

void
nd_item_remove_image (NdItem *self,
                      guint   position)
{
  g_return_if_fail (ND_IS_ITEM (self));
  g_return_if_fail (position < self->images->len);

  g_ptr_array_remove_index (self->images, position);
  notify_n_images (self);
}

void
nd_item_clear_images (NdItem *self)
{
  g_return_if_fail (ND_IS_ITEM (self));

  if (self->images->len == 0)
    return;

  g_ptr_array_set_size (self->images, 0);
  notify_n_images (self);
}

/**
 * nd_item_get_lead_image:
 *
 * Returns: (transfer none) (nullable): the first image with the lead role
 */
NdImage *
nd_item_get_lead_image (NdItem *self)
{
  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  for (guint i = 0; i < self->images->len; i++)
    {
      NdImage *image = g_ptr_array_index (self->images, i);

      if (nd_image_get_role (image) == ND_IMAGE_ROLE_LEAD)
        return image;
    }

  return NULL;
}

/**
 * nd_item_copy:
 *
 * Returns: (transfer full): a deep copy with the same id
 */
NdItem *
nd_item_copy (NdItem *self)
{
  NdItem *copy;

  g_return_val_if_fail (ND_IS_ITEM (self), NULL);

  copy = nd_item_new ();
  nd_set_str (&copy->id, self->id);
  copy->kind = self->kind;
  copy->status = self->status;
  nd_set_str (&copy->language, self->language);
  nd_set_str (&copy->title, self->title);
  nd_set_str (&copy->teaser, self->teaser);
  nd_set_str (&copy->body, self->body);
  nd_set_str (&copy->slug, self->slug);
  nd_set_str (&copy->author, self->author);
  nd_set_str (&copy->date, self->date);
  set_date_time (&copy->created, self->created);
  set_date_time (&copy->updated, self->updated);
  copy->revision = self->revision;

  /* The tags are already normalised and unique. */
  for (guint i = 0; i < tag_count (self); i++)
    append_tag (copy, g_ptr_array_index (self->tags, i));

  for (guint i = 0; i < self->images->len; i++)
    g_ptr_array_add (copy->images,
                     nd_image_copy (g_ptr_array_index (self->images, i)));

  return copy;
}
