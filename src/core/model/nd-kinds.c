/* nd-kinds.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-kinds"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nd-kinds.h"

/* Keys are stored in the database and written to JSON: never change them. */
static const char * const kind_keys[] = {
  [ND_ITEM_KIND_NEWS] = "news",
  [ND_ITEM_KIND_PRESS_RELEASE] = "press-release",
  [ND_ITEM_KIND_EVENT] = "event",
  [ND_ITEM_KIND_PUBLICATION] = "publication",
};

static const char * const status_keys[] = {
  [ND_ITEM_STATUS_DRAFT] = "draft",
  [ND_ITEM_STATUS_READY] = "ready",
  [ND_ITEM_STATUS_SCHEDULED] = "scheduled",
  [ND_ITEM_STATUS_PUBLISHED] = "published",
  [ND_ITEM_STATUS_WITHDRAWN] = "withdrawn",
};

static const char * const role_keys[] = {
  [ND_IMAGE_ROLE_LEAD] = "lead",
  [ND_IMAGE_ROLE_INLINE] = "inline",
};

static const char * const reason_keys[] = {
  [ND_REVISION_REASON_NONE] = "none",
  [ND_REVISION_REASON_CREATED] = "created",
  [ND_REVISION_REASON_IMPORT] = "import",
  [ND_REVISION_REASON_MANUAL] = "manual",
  [ND_REVISION_REASON_EDIT] = "edit",
  [ND_REVISION_REASON_PUBLICATION] = "publication",
  [ND_REVISION_REASON_RESTORE] = "restore",
};

/* The words that head a plain-text item. They are part of the file
 * format, so they are deliberately not translated. */
typedef struct
{
  const char *language;
  const char *words[4];
} KindWords;

static const KindWords kind_words[] = {
  { "de", { "Meldung", "Pressemitteilung", "Veranstaltung", "Publikation" } },
  { "en", { "News", "Press release", "Event", "Publication" } },
};

static gboolean
lookup_key (const char * const *keys,
            guint               n_keys,
            const char         *key,
            guint              *value)
{
  g_assert (keys != NULL);

  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_keys; i++)
    {
      if (g_strcmp0 (keys[i], key) == 0)
        {
          if (value != NULL)
            *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
nd_item_kind_to_key (NdItemKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), NULL);

  return kind_keys[kind];
}

gboolean
nd_item_kind_from_key (const char *key,
                       NdItemKind *kind)
{
  guint value;

  if (!lookup_key (kind_keys, G_N_ELEMENTS (kind_keys), key, &value))
    return FALSE;

  if (kind != NULL)
    *kind = (NdItemKind) value;

  return TRUE;
}

const char *
nd_item_kind_to_display (NdItemKind kind)
{
  switch (kind)
    {
    case ND_ITEM_KIND_NEWS:
      /* Translators: the kind of an item */
      return C_("kind", "News");
    case ND_ITEM_KIND_PRESS_RELEASE:
      /* Translators: the kind of an item */
      return C_("kind", "Press release");
    case ND_ITEM_KIND_EVENT:
      /* Translators: the kind of an item (an announcement of an event) */
      return C_("kind", "Event");
    case ND_ITEM_KIND_PUBLICATION:
      /* Translators: the kind of an item (the announcement of a publication,
       * e.g. a report or a book) */
      return C_("kind", "Publication");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
nd_item_kind_to_word (NdItemKind  kind,
                      const char *language)
{
  const KindWords *words = &kind_words[1];

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), NULL);

  if (g_strcmp0 (language, "de") == 0)
    words = &kind_words[0];

  return words->words[kind];
}

gboolean
nd_item_kind_from_word (const char  *word,
                        NdItemKind  *kind,
                        const char **language)
{
  g_autofree char *clean = NULL;
  gsize len;

  if (word == NULL)
    return FALSE;

  clean = g_strstrip (g_strdup (word));
  len = strlen (clean);
  if (len > 0 && clean[len - 1] == ':')
    {
      clean[len - 1] = '\0';
      g_strstrip (clean);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (kind_words[i].words); k++)
        {
          /* The words are ASCII, so an ASCII comparison is exact here. */
          if (g_ascii_strcasecmp (kind_words[i].words[k], clean) == 0)
            {
              if (kind != NULL)
                *kind = (NdItemKind) k;
              if (language != NULL)
                *language = kind_words[i].language;
              return TRUE;
            }
        }
    }

  return FALSE;
}

const char *
nd_item_status_to_key (NdItemStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_keys), NULL);

  return status_keys[status];
}

gboolean
nd_item_status_from_key (const char   *key,
                         NdItemStatus *status)
{
  guint value;

  if (!lookup_key (status_keys, G_N_ELEMENTS (status_keys), key, &value))
    return FALSE;

  if (status != NULL)
    *status = (NdItemStatus) value;

  return TRUE;
}

const char *
nd_item_status_to_display (NdItemStatus status)
{
  switch (status)
    {
    case ND_ITEM_STATUS_DRAFT:
      /* Translators: the status of an item */
      return C_("status", "Draft");
    case ND_ITEM_STATUS_READY:
      /* Translators: the status of an item: ready to be published */
      return C_("status", "Ready");
    case ND_ITEM_STATUS_SCHEDULED:
      /* Translators: the status of an item */
      return C_("status", "Scheduled");
    case ND_ITEM_STATUS_PUBLISHED:
      /* Translators: the status of an item */
      return C_("status", "Published");
    case ND_ITEM_STATUS_WITHDRAWN:
      /* Translators: the status of an item */
      return C_("status", "Withdrawn");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
nd_image_role_to_key (NdImageRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_keys), NULL);

  return role_keys[role];
}

gboolean
nd_image_role_from_key (const char  *key,
                        NdImageRole *role)
{
  guint value;

  if (!lookup_key (role_keys, G_N_ELEMENTS (role_keys), key, &value))
    return FALSE;

  if (role != NULL)
    *role = (NdImageRole) value;

  return TRUE;
}

const char *
nd_revision_reason_to_key (NdRevisionReason reason)
{
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (reason_keys), NULL);

  return reason_keys[reason];
}

gboolean
nd_revision_reason_from_key (const char       *key,
                             NdRevisionReason *reason)
{
  guint value;

  if (!lookup_key (reason_keys, G_N_ELEMENTS (reason_keys), key, &value))
    return FALSE;

  if (reason != NULL)
    *reason = (NdRevisionReason) value;

  return TRUE;
}

const char *
nd_revision_reason_to_display (NdRevisionReason reason)
{
  switch (reason)
    {
    case ND_REVISION_REASON_NONE:
      /* Translators: why a revision was recorded */
      return C_("revision", "Autosave");
    case ND_REVISION_REASON_CREATED:
      /* Translators: why a revision was recorded */
      return C_("revision", "Created");
    case ND_REVISION_REASON_IMPORT:
      /* Translators: why a revision was recorded: the item was imported */
      return C_("revision", "Import");
    case ND_REVISION_REASON_MANUAL:
      /* Translators: why a revision was recorded: the user saved a version */
      return C_("revision", "Named version");
    case ND_REVISION_REASON_EDIT:
      /* Translators: why a revision was recorded */
      return C_("revision", "Edited");
    case ND_REVISION_REASON_PUBLICATION:
      /* Translators: why a revision was recorded: the item was published */
      return C_("revision", "Publication");
    case ND_REVISION_REASON_RESTORE:
      /* Translators: why a revision was recorded: an earlier one was restored */
      return C_("revision", "Restored");
    default:
      g_return_val_if_reached (NULL);
    }
}
