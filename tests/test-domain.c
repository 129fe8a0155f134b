/* test-domain.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-domain"

#include "config.h"

#include <locale.h>

#include "nd-image.h"
#include "nd-item.h"
#include "nd-kinds.h"
#include "nd-revision.h"
#include "nd-item-json.h"
#include "nd-tag.h"
#include "nd-test-utils.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static guint *
watch (gpointer    object,
       const char *property)
{
  g_autofree char *signal = g_strdup_printf ("notify::%s", property);
  guint *count = g_new0 (guint, 1);

  g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), count);
  g_object_set_data_full (G_OBJECT (object), property, count, g_free);

  return count;
}

static void
test_item_defaults (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdItem) other = nd_item_new ();
  g_autofree char *language = NULL;
  g_auto(GStrv) tags = NULL;
  guint n_images = 99;

  g_assert_true (g_uuid_string_is_valid (nd_item_get_id (item)));
  g_assert_cmpstr (nd_item_get_id (item), !=, nd_item_get_id (other));
  g_assert_cmpint (nd_item_get_kind (item), ==, ND_ITEM_KIND_NEWS);
  g_assert_cmpint (nd_item_get_status (item), ==, ND_ITEM_STATUS_DRAFT);
  g_assert_cmpstr (nd_item_get_language (item), ==, "en");
  g_assert_cmpstr (nd_item_get_title (item), ==, "");
  g_assert_cmpstr (nd_item_get_teaser (item), ==, "");
  g_assert_cmpstr (nd_item_get_body (item), ==, "");
  g_assert_cmpstr (nd_item_get_slug (item), ==, "");
  g_assert_cmpstr (nd_item_get_author (item), ==, "");
  g_assert_null (nd_item_get_date (item));
  g_assert_null (nd_item_get_created (item));
  g_assert_null (nd_item_get_updated (item));
  g_assert_cmpuint (nd_item_get_revision (item), ==, 0);
  g_assert_nonnull (nd_item_get_tags (item));
  g_assert_null (nd_item_get_tags (item)[0]);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 0);
  g_assert_null (nd_item_get_lead_image (item));

  g_object_get (item,
                "language", &language,
                "tags", &tags,
                "n-images", &n_images,
                NULL);
  g_assert_cmpstr (language, ==, "en");
  g_assert_cmpuint (g_strv_length (tags), ==, 0);
  g_assert_cmpuint (n_images, ==, 0);
}

static void
test_item_notify (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  guint *title = watch (item, "title");
  guint *kind = watch (item, "kind");
  guint *date = watch (item, "date");
  guint *revision = watch (item, "revision");
  guint *created = watch (item, "created");
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 5, 14, 8, 0, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2024, 5, 14, 8, 0, 0);

  nd_item_set_title (item, "Clusterkonferenz");
  g_assert_cmpuint (*title, ==, 1);
  nd_item_set_title (item, "Clusterkonferenz");
  g_assert_cmpuint (*title, ==, 1);
  g_object_set (item, "title", "Clusterkonferenz", NULL);
  g_assert_cmpuint (*title, ==, 1);
  g_object_set (item, "title", "Other", NULL);
  g_assert_cmpuint (*title, ==, 2);
  g_assert_cmpstr (nd_item_get_title (item), ==, "Other");
  nd_item_set_title (item, NULL);
  g_assert_cmpuint (*title, ==, 3);
  g_assert_cmpstr (nd_item_get_title (item), ==, "");

  nd_item_set_kind (item, ND_ITEM_KIND_NEWS);
  g_assert_cmpuint (*kind, ==, 0);
  nd_item_set_kind (item, ND_ITEM_KIND_EVENT);
  nd_item_set_kind (item, ND_ITEM_KIND_EVENT);
  g_assert_cmpuint (*kind, ==, 1);
  g_object_set (item, "kind", ND_ITEM_KIND_PUBLICATION, NULL);
  g_assert_cmpuint (*kind, ==, 2);
  g_assert_cmpint (nd_item_get_kind (item), ==, ND_ITEM_KIND_PUBLICATION);

  nd_item_set_date (item, "2024-05-14");
  nd_item_set_date (item, "2024-05-14");
  g_assert_cmpuint (*date, ==, 1);
  nd_item_set_date (item, NULL);
  nd_item_set_date (item, NULL);
  g_assert_cmpuint (*date, ==, 2);
  g_assert_null (nd_item_get_date (item));

  nd_item_set_revision (item, 3);
  nd_item_set_revision (item, 3);
  g_assert_cmpuint (*revision, ==, 1);

  nd_item_set_created (item, when);
  nd_item_set_created (item, same);
  g_assert_cmpuint (*created, ==, 1);
  g_assert_true (g_date_time_equal (nd_item_get_created (item), when));
  nd_item_set_created (item, NULL);
  g_assert_cmpuint (*created, ==, 2);
}

static void
test_item_tags (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  guint *tags = watch (item, "tags");
  const char * const list[] = { "Brüssel", "BRÜSSEL", "", "  ", "Forschung", NULL };
  const char * const *got;

  g_assert_true (nd_item_add_tag (item, "ECCP"));
  g_assert_false (nd_item_add_tag (item, "eccp"));
  g_assert_false (nd_item_add_tag (item, " eccp "));
  g_assert_false (nd_item_add_tag (item, ""));
  g_assert_false (nd_item_add_tag (item, "   "));
  g_assert_true (nd_item_add_tag (item, "  Cluster   Konferenz "));
  g_assert_cmpuint (*tags, ==, 2);

  got = nd_item_get_tags (item);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 2);
  g_assert_cmpstr (got[0], ==, "ECCP");
  g_assert_cmpstr (got[1], ==, "Cluster Konferenz");

  g_assert_true (nd_item_has_tag (item, "Eccp"));
  g_assert_true (nd_item_has_tag (item, "cluster konferenz"));
  g_assert_false (nd_item_has_tag (item, "cluster"));

  g_assert_false (nd_item_remove_tag (item, "cluster"));
  g_assert_cmpuint (*tags, ==, 2);
  g_assert_true (nd_item_remove_tag (item, " eccp"));
  g_assert_cmpuint (*tags, ==, 3);
  g_assert_false (nd_item_has_tag (item, "ECCP"));
  got = nd_item_get_tags (item);
  g_assert_cmpstr (got[0], ==, "Cluster Konferenz");
  g_assert_null (got[1]);

  nd_item_set_tags (item, list);
  g_assert_cmpuint (*tags, ==, 4);
  got = nd_item_get_tags (item);
  g_assert_cmpuint (g_strv_length ((char **) got), ==, 2);
  g_assert_cmpstr (got[0], ==, "Brüssel");
  g_assert_cmpstr (got[1], ==, "Forschung");

  /* The same list again changes nothing, even the item's own array. */
  nd_item_set_tags (item, list);
  g_assert_cmpuint (*tags, ==, 4);
  nd_item_set_tags (item, nd_item_get_tags (item));
  g_assert_cmpuint (*tags, ==, 4);
  got = nd_item_get_tags (item);
  g_assert_cmpstr (got[0], ==, "Brüssel");
  g_assert_cmpstr (got[1], ==, "Forschung");

  nd_item_set_tags (item, NULL);
  g_assert_cmpuint (*tags, ==, 5);
  g_assert_null (nd_item_get_tags (item)[0]);
}

static void
test_tag_keys (void)
{
  g_autofree char *a = nd_tag_key ("Brüssel");
  g_autofree char *b = nd_tag_key ("BRÜSSEL");
  /* "u" followed by a combining diaeresis: NFKC composes it. */
  g_autofree char *c = nd_tag_key ("Bru\xcc\x88ssel");
  g_autofree char *d = nd_tag_key ("Brussel");
  g_autofree char *e = nd_tag_key (" \t ");
  g_autofree char *f = nd_tag_key ("  ECCP \t 2024 ");
  g_autofree char *n = nd_tag_normalize ("  Bru\xcc\x88ssel   2024 ");

  g_assert_nonnull (a);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_null (e);
  g_assert_cmpstr (f, ==, "eccp 2024");
  g_assert_cmpstr (n, ==, "Brüssel 2024");

  g_assert_true (nd_tag_equal ("ECCP", " eccp "));
  g_assert_false (nd_tag_equal ("ECCP", "ECC"));
  g_assert_false (nd_tag_equal ("", " "));
}

static void
test_item_images (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdImage) first = nd_image_new ();
  g_autoptr(NdImage) second = nd_image_new ();
  g_autoptr(NdImage) third = nd_image_new ();
  guint *n_images = watch (item, "n-images");

  nd_image_set_caption (first, "first");
  nd_image_set_caption (second, "second");
  nd_image_set_caption (third, "third");

  nd_item_add_image (item, first);
  nd_item_add_image (item, second);
  nd_item_insert_image (item, 0, third);
  g_assert_cmpuint (*n_images, ==, 3);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 3);
  g_assert_true (nd_item_get_image (item, 0) == third);
  g_assert_true (nd_item_get_image (item, 1) == first);
  g_assert_true (nd_item_get_image (item, 2) == second);

  g_assert_null (nd_item_get_lead_image (item));
  nd_image_set_role (second, ND_IMAGE_ROLE_LEAD);
  g_assert_true (nd_item_get_lead_image (item) == second);
  nd_image_set_role (first, ND_IMAGE_ROLE_LEAD);
  g_assert_true (nd_item_get_lead_image (item) == first);

  nd_item_remove_image (item, 1);
  g_assert_cmpuint (*n_images, ==, 4);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 2);
  g_assert_true (nd_item_get_lead_image (item) == second);

  nd_item_clear_images (item);
  g_assert_cmpuint (*n_images, ==, 5);
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 0);
  nd_item_clear_images (item);
  g_assert_cmpuint (*n_images, ==, 5);

  /* The item held its own references. */
  g_assert_cmpstr (nd_image_get_caption (first), ==, "first");
}

static void
test_item_copy (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(NdItem) copy = NULL;
  g_autoptr(NdImage) image = nd_image_new ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 5, 14, 8, 0, 0);
  g_autoptr(GBytes) data = g_bytes_new_static ("abc", 3);
  NdImage *copied;

  nd_item_set_title (item, "Title");
  nd_item_set_teaser (item, "Teaser");
  nd_item_set_body (item, "Body");
  nd_item_set_slug (item, "slug");
  nd_item_set_author (item, "Author");
  nd_item_set_language (item, "de");
  nd_item_set_kind (item, ND_ITEM_KIND_PRESS_RELEASE);
  nd_item_set_status (item, ND_ITEM_STATUS_READY);
  nd_item_set_date (item, "2024-05-14");
  nd_item_set_created (item, created);
  nd_item_set_revision (item, 7);
  nd_item_add_tag (item, "ECCP");
  nd_image_set_caption (image, "Caption");
  nd_image_set_data (image, data, "image/png", 4, 5);
  nd_item_add_image (item, image);

  copy = nd_item_copy (item);
  g_assert_true (copy != item);
  g_assert_cmpstr (nd_item_get_id (copy), ==, nd_item_get_id (item));
  g_assert_cmpstr (nd_item_get_title (copy), ==, "Title");
  g_assert_cmpstr (nd_item_get_teaser (copy), ==, "Teaser");
  g_assert_cmpstr (nd_item_get_body (copy), ==, "Body");
  g_assert_cmpstr (nd_item_get_slug (copy), ==, "slug");
  g_assert_cmpstr (nd_item_get_author (copy), ==, "Author");
  g_assert_cmpstr (nd_item_get_language (copy), ==, "de");
  g_assert_cmpint (nd_item_get_kind (copy), ==, ND_ITEM_KIND_PRESS_RELEASE);
  g_assert_cmpint (nd_item_get_status (copy), ==, ND_ITEM_STATUS_READY);
  g_assert_cmpstr (nd_item_get_date (copy), ==, "2024-05-14");
  g_assert_true (g_date_time_equal (nd_item_get_created (copy), created));
  g_assert_cmpuint (nd_item_get_revision (copy), ==, 7);
  g_assert_true (nd_item_has_tag (copy, "eccp"));
  g_assert_cmpuint (nd_item_get_n_images (copy), ==, 1);

  copied = nd_item_get_image (copy, 0);
  g_assert_true (copied != image);
  g_assert_cmpstr (nd_image_get_caption (copied), ==, "Caption");
  g_assert_cmpstr (nd_image_get_sha256 (copied), ==, nd_image_get_sha256 (image));
  g_assert_cmpuint (nd_image_get_width (copied), ==, 4);

  /* Changing the copy leaves the original alone. */
  nd_item_set_title (copy, "Changed");
  nd_item_add_tag (copy, "More");
  nd_image_set_caption (copied, "Changed");
  nd_item_clear_images (copy);
  g_assert_cmpstr (nd_item_get_title (item), ==, "Title");
  g_assert_false (nd_item_has_tag (item, "More"));
  g_assert_cmpstr (nd_image_get_caption (image), ==, "Caption");
  g_assert_cmpuint (nd_item_get_n_images (item), ==, 1);
}

static void
test_image_data (void)
{
  g_autoptr(NdImage) image = nd_image_new ();
  g_autoptr(GBytes) logo = nd_test_load_data ("logo.png");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint *sha256 = watch (image, "sha256");
  g_autofree char *lower = NULL;
  gsize size;
  const guchar *bytes = g_bytes_get_data (logo, &size);

  g_checksum_update (checksum, bytes, size);

  g_assert_false (nd_image_has_data (image));
  g_assert_null (nd_image_get_sha256 (image));
  g_assert_cmpint (nd_image_get_role (image), ==, ND_IMAGE_ROLE_INLINE);
  g_assert_cmpstr (nd_image_get_credit (image), ==, "");

  nd_image_set_data (image, logo, "image/png", 64, 32);
  g_assert_true (nd_image_has_data (image));
  g_assert_true (nd_image_get_data (image) == logo);
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, g_checksum_get_string (checksum));
  lower = g_ascii_strdown (nd_image_get_sha256 (image), -1);
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, lower);
  g_assert_cmpuint (nd_image_get_size (image), ==, size);
  g_assert_cmpstr (nd_image_get_mime_type (image), ==, "image/png");
  g_assert_cmpuint (nd_image_get_width (image), ==, 64);
  g_assert_cmpuint (nd_image_get_height (image), ==, 32);
  g_assert_cmpuint (*sha256, ==, 1);

  nd_image_set_data (image, logo, "image/png", 64, 32);
  g_assert_cmpuint (*sha256, ==, 1);

  nd_image_set_data (image, NULL, "image/png", 64, 32);
  g_assert_false (nd_image_has_data (image));
  g_assert_null (nd_image_get_sha256 (image));
  g_assert_cmpuint (nd_image_get_size (image), ==, 0);
  g_assert_cmpstr (nd_image_get_mime_type (image), ==, "image/png");
  g_assert_cmpuint (nd_image_get_width (image), ==, 64);
  g_assert_cmpuint (*sha256, ==, 2);

  nd_image_set_file_info (image, g_checksum_get_string (checksum), "image/jpeg", 12, 3, 4);
  g_assert_false (nd_image_has_data (image));
  g_assert_cmpstr (nd_image_get_sha256 (image), ==, g_checksum_get_string (checksum));
  g_assert_cmpuint (nd_image_get_size (image), ==, 12);
  g_assert_cmpstr (nd_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_cmpuint (nd_image_get_height (image), ==, 4);
}

static void
test_kind_keys (void)
{
  const char *kinds[] = { "news", "press-release", "event", "publication" };
  const char *statuses[] = { "draft", "ready", "scheduled", "published", "withdrawn" };
  const char *roles[] = { "lead", "inline" };
  const char *reasons[] = { "none", "created", "import", "manual", "edit",
                            "publication", "restore" };
  NdItemKind kind;
  NdItemStatus status;
  NdImageRole role;
  NdRevisionReason reason;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpstr (nd_item_kind_to_key (i), ==, kinds[i]);
      g_assert_true (nd_item_kind_from_key (kinds[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (nd_item_kind_to_display (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_assert_cmpstr (nd_item_status_to_key (i), ==, statuses[i]);
      g_assert_true (nd_item_status_from_key (statuses[i], &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (nd_item_status_to_display (i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_assert_cmpstr (nd_image_role_to_key (i), ==, roles[i]);
      g_assert_true (nd_image_role_from_key (roles[i], &role));
      g_assert_cmpint (role, ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_assert_cmpstr (nd_revision_reason_to_key (i), ==, reasons[i]);
      g_assert_true (nd_revision_reason_from_key (reasons[i], &reason));
      g_assert_cmpint (reason, ==, i);
      g_assert_nonnull (nd_revision_reason_to_display (i));
    }

  g_assert_cmpstr (nd_item_kind_to_display (ND_ITEM_KIND_PRESS_RELEASE), ==, "Press release");
  g_assert_cmpstr (nd_item_status_to_display (ND_ITEM_STATUS_WITHDRAWN), ==, "Withdrawn");
  g_assert_cmpstr (nd_revision_reason_to_display (ND_REVISION_REASON_NONE), ==, "Autosave");

  kind = ND_ITEM_KIND_EVENT;
  g_assert_false (nd_item_kind_from_key ("News", &kind));
  g_assert_false (nd_item_kind_from_key ("", &kind));
  g_assert_false (nd_item_kind_from_key (NULL, &kind));
  g_assert_cmpint (kind, ==, ND_ITEM_KIND_EVENT);
  g_assert_false (nd_item_status_from_key ("deleted", &status));
  g_assert_false (nd_image_role_from_key ("hero", &role));
  g_assert_false (nd_revision_reason_from_key ("autosave", &reason));
}

static void
test_kind_words (void)
{
  const struct {
    const char *word;
    NdItemKind  kind;
    const char *language;
  } words[] = {
    { "Meldung", ND_ITEM_KIND_NEWS, "de" },
    { "Pressemitteilung", ND_ITEM_KIND_PRESS_RELEASE, "de" },
    { "Veranstaltung", ND_ITEM_KIND_EVENT, "de" },
    { "Publikation", ND_ITEM_KIND_PUBLICATION, "de" },
    { "News", ND_ITEM_KIND_NEWS, "en" },
    { "Press release", ND_ITEM_KIND_PRESS_RELEASE, "en" },
    { "Event", ND_ITEM_KIND_EVENT, "en" },
    { "Publication", ND_ITEM_KIND_PUBLICATION, "en" },
  };
  NdItemKind kind;
  const char *language;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *upper = g_utf8_strup (words[i].word, -1);
      g_autofree char *decorated = g_strdup_printf ("  %s: ", words[i].word);

      kind = -1;
      language = NULL;
      g_assert_true (nd_item_kind_from_word (words[i].word, &kind, &language));
      g_assert_cmpint (kind, ==, words[i].kind);
      g_assert_cmpstr (language, ==, words[i].language);

      kind = -1;
      language = NULL;
      g_assert_true (nd_item_kind_from_word (upper, &kind, &language));
      g_assert_cmpint (kind, ==, words[i].kind);
      g_assert_cmpstr (language, ==, words[i].language);

      kind = -1;
      g_assert_true (nd_item_kind_from_word (decorated, &kind, NULL));
      g_assert_cmpint (kind, ==, words[i].kind);

      g_assert_cmpstr (nd_item_kind_to_word (words[i].kind, words[i].language), ==, words[i].word);
    }

  g_assert_cmpstr (nd_item_kind_to_word (ND_ITEM_KIND_NEWS, "fr"), ==, "News");
  g_assert_cmpstr (nd_item_kind_to_word (ND_ITEM_KIND_NEWS, NULL), ==, "News");
  g_assert_false (nd_item_kind_from_word ("Nachricht", &kind, &language));
  g_assert_false (nd_item_kind_from_word ("", &kind, &language));
  g_assert_false (nd_item_kind_from_word (":", &kind, &language));
}

static void
test_revision (void)
{
  g_autoptr(NdItem) item = nd_item_new ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 5, 14, 8, 0, 0);
  g_autofree char *snapshot = NULL;
  g_autoptr(NdRevision) revision = NULL;
  g_autoptr(NdRevision) broken = NULL;
  g_autoptr(NdItem) restored = NULL;
  g_autoptr(NdItem) none = NULL;
  g_autoptr(GError) error = NULL;

  nd_item_set_title (item, "Snapshot");
  nd_item_add_tag (item, "ECCP");
  snapshot = nd_item_to_json_string (item, ND_ITEM_JSON_NONE, FALSE);

  revision = nd_revision_new (3, ND_REVISION_REASON_MANUAL, created, snapshot);
  g_assert_cmpuint (nd_revision_get_number (revision), ==, 3);
  g_assert_cmpint (nd_revision_get_reason (revision), ==, ND_REVISION_REASON_MANUAL);
  g_assert_true (g_date_time_equal (nd_revision_get_created (revision), created));
  g_assert_cmpstr (nd_revision_get_snapshot (revision), ==, snapshot);

  restored = nd_item_from_revision (revision, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_item_get_id (restored), ==, nd_item_get_id (item));
  g_assert_cmpstr (nd_item_get_title (restored), ==, "Snapshot");
  g_assert_true (nd_item_has_tag (restored, "eccp"));

  broken = nd_revision_new (4, ND_REVISION_REASON_EDIT, NULL, "{ not json");
  none = nd_item_from_revision (broken, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  /* Display names are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/item/defaults", test_item_defaults);
  g_test_add_func ("/domain/item/notify", test_item_notify);
  g_test_add_func ("/domain/item/tags", test_item_tags);
  g_test_add_func ("/domain/item/images", test_item_images);
  g_test_add_func ("/domain/item/copy", test_item_copy);
  g_test_add_func ("/domain/tag/keys", test_tag_keys);
  g_test_add_func ("/domain/image/data", test_image_data);
  g_test_add_func ("/domain/kinds/keys", test_kind_keys);
  g_test_add_func ("/domain/kinds/words", test_kind_words);
  g_test_add_func ("/domain/revision", test_revision);

  return g_test_run ();
}
