/* nd-target.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-target"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "nd-json.h"
#include "nd-target.h"
#include "nd-util-private.h"

/* The longest name we take: names are typed on the command line and
 * shown in a narrow column, not essays. */
#define MAX_NAME_CHARS 100

struct _NdTarget
{
  GObject       parent_instance;

  /* Owned References */
  char         *name;
  char         *url;
  char         *user;
  char         *ca_file;
  GDateTime    *created;
  char         *categories[ND_ITEM_KIND_PUBLICATION + 1];
  JsonObject   *other_options;   /* members we do not know, kept as they are */

  gint64        store_id;
  NdTargetType  type;
};

G_DEFINE_FINAL_TYPE (NdTarget, nd_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE_ID,
  PROP_NAME,
  PROP_TYPE,
  PROP_URL,
  PROP_USER,
  PROP_CA_FILE,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_QUARK (nd-target-error-quark, nd_target_error)

static const GEnumValue target_type_values[] = {
  { ND_TARGET_TYPE_WORDPRESS, "ND_TARGET_TYPE_WORDPRESS", "wordpress" },
  { 0, NULL, NULL }
};

GType
nd_target_type_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType id = g_enum_register_static (g_intern_static_string ("NdTargetType"),
                                         target_type_values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

const char *
nd_target_type_to_key (NdTargetType type)
{
  switch (type)
    {
    case ND_TARGET_TYPE_WORDPRESS:
      return "wordpress";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
nd_target_type_from_key (const char   *key,
                         NdTargetType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (g_strcmp0 (key, "wordpress") == 0)
    {
      *type = ND_TARGET_TYPE_WORDPRESS;
      return TRUE;
    }

  return FALSE;
}

/* GObject */

static void
nd_target_finalize (GObject *object)
{
  NdTarget *self = (NdTarget *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->categories); i++)
    g_clear_pointer (&self->categories[i], g_free);
  g_clear_pointer (&self->other_options, json_object_unref);

  G_OBJECT_CLASS (nd_target_parent_class)->finalize (object);
}

static void
nd_target_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdTarget *self = ND_TARGET (object);

  switch (prop_id)
    {
    case PROP_STORE_ID:
      g_value_set_int64 (value, self->store_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_target_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdTarget *self = ND_TARGET (object);

  switch (prop_id)
    {
    case PROP_STORE_ID:
      nd_target_set_store_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      nd_target_set_name (self, g_value_get_string (value));
      break;

    case PROP_TYPE:
      nd_target_set_target_type (self, g_value_get_enum (value));
      break;

    case PROP_URL:
      nd_target_set_url (self, g_value_get_string (value));
      break;

    case PROP_USER:
      nd_target_set_user (self, g_value_get_string (value));
      break;

    case PROP_CA_FILE:
      nd_target_set_ca_file (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      nd_target_set_created (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_target_class_init (NdTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_target_finalize;
  object_class->get_property = nd_target_get_property;
  object_class->set_property = nd_target_set_property;

  properties [PROP_STORE_ID] =
    g_param_spec_int64 ("store-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       ND_TYPE_TARGET_TYPE, ND_TARGET_TYPE_WORDPRESS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_target_init (NdTarget *self)
{
  self->name = g_strdup ("");
  self->url = g_strdup ("");
  self->user = g_strdup ("");
  self->type = ND_TARGET_TYPE_WORDPRESS;
}

NdTarget *
nd_target_new (const char   *name,
               NdTargetType  type,
               const char   *url,
               const char   *user)
{
  return g_object_new (ND_TYPE_TARGET,
                       "name", name,
                       "type", type,
                       "url", url,
                       "user", user,
                       NULL);
}

/* Accessors */

static void
set_text (NdTarget    *self,
          char       **ptr,
          const char  *value,
          guint        prop_id)
{
  g_assert (ND_IS_TARGET (self));

  if (nd_set_str (ptr, value != NULL ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

gint64
nd_target_get_store_id (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), 0);

  return self->store_id;
}

void
nd_target_set_store_id (NdTarget *self,
                        gint64    store_id)
{
  g_return_if_fail (ND_IS_TARGET (self));
  g_return_if_fail (store_id >= 0);

  if (self->store_id == store_id)
    return;

  self->store_id = store_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE_ID]);
}

const char *
nd_target_get_name (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  return self->name;
}

void
nd_target_set_name (NdTarget   *self,
                    const char *name)
{
  g_return_if_fail (ND_IS_TARGET (self));

  set_text (self, &self->name, name, PROP_NAME);
}

NdTargetType
nd_target_get_target_type (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), ND_TARGET_TYPE_WORDPRESS);

  return self->type;
}

void
nd_target_set_target_type (NdTarget     *self,
                           NdTargetType  type)
{
  g_return_if_fail (ND_IS_TARGET (self));

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TYPE]);
}

const char *
nd_target_get_url (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  return self->url;
}

void
nd_target_set_url (NdTarget   *self,
                   const char *url)
{
  g_return_if_fail (ND_IS_TARGET (self));

  set_text (self, &self->url, url, PROP_URL);
}

const char *
nd_target_get_user (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  return self->user;
}

void
nd_target_set_user (NdTarget   *self,
                    const char *user)
{
  g_return_if_fail (ND_IS_TARGET (self));

  set_text (self, &self->user, user, PROP_USER);
}

const char *
nd_target_get_ca_file (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  return self->ca_file;
}

void
nd_target_set_ca_file (NdTarget   *self,
                       const char *ca_file)
{
  g_return_if_fail (ND_IS_TARGET (self));

  if (ca_file != NULL && *ca_file == '\0')
    ca_file = NULL;

  if (nd_set_str (&self->ca_file, ca_file))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CA_FILE]);
}

GDateTime *
nd_target_get_created (NdTarget *self)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  return self->created;
}

void
nd_target_set_created (NdTarget  *self,
                       GDateTime *created)
{
  g_return_if_fail (ND_IS_TARGET (self));

  if (self->created == created ||
      (self->created != NULL && created != NULL && g_date_time_equal (self->created, created)))
    return;

  g_clear_pointer (&self->created, g_date_time_unref);
  if (created != NULL)
    self->created = g_date_time_ref (created);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED]);
}

const char *
nd_target_get_category (NdTarget   *self,
                        NdItemKind  kind)
{
  g_return_val_if_fail (ND_IS_TARGET (self), NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (self->categories), NULL);

  return self->categories[kind];
}

void
nd_target_set_category (NdTarget   *self,
                        NdItemKind  kind,
                        const char *category)
{
  g_return_if_fail (ND_IS_TARGET (self));
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (self->categories));

  if (category != NULL && *category == '\0')
    category = NULL;

  nd_set_str (&self->categories[kind], category);
}

/* Options */

char *
nd_target_dup_options (NdTarget *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean has_categories = FALSE;

  g_return_val_if_fail (ND_IS_TARGET (self), NULL);

  json_builder_begin_object (builder);

  if (self->other_options != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, self->other_options);
      while (json_object_iter_next (&iter, &member, &node))
        {
          json_builder_set_member_name (builder, member);
          json_builder_add_value (builder, json_node_copy (node));
        }
    }

  if (self->ca_file != NULL)
    {
      json_builder_set_member_name (builder, "ca-file");
      json_builder_add_string_value (builder, self->ca_file);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->categories); i++)
    has_categories |= self->categories[i] != NULL;

  if (has_categories)
    {
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (self->categories); i++)
        {
          if (self->categories[i] == NULL)
            continue;
          json_builder_set_member_name (builder, nd_item_kind_to_key ((NdItemKind) i));
          json_builder_add_string_value (builder, self->categories[i]);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static gboolean
invalid_options (GError     **error,
                 const char  *member)
{
  /* Translators: %s is the name of an option in the target's settings,
   * such as "ca-file" or "categories" */
  g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS,
               _("The option “%s” of the target has a value of the wrong type"), member);

  return FALSE;
}

gboolean
nd_target_set_options (NdTarget    *self,
                       const char  *json,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) others = json_object_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *ca_file = NULL;
  char *categories[ND_ITEM_KIND_PUBLICATION + 1] = { NULL, };
  JsonObject *object;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  g_return_val_if_fail (ND_IS_TARGET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (json == NULL || *json == '\0')
    json = "{}";

  root = nd_json_parse (ND_JSON_SOURCE_STORED, json, -1, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS,
                           _("The options of the target are no JSON object"));
      return FALSE;
    }

  /* Read everything first, so that an error leaves @self as it was. */
  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (g_str_equal (member, "ca-file"))
        {
          if (JSON_NODE_HOLDS_NULL (node))
            continue;
          if (json_node_get_value_type (node) != G_TYPE_STRING)
            goto wrong_type;
          g_free (ca_file);
          ca_file = g_strdup (json_node_get_string (node));
        }
      else if (g_str_equal (member, "categories"))
        {
          JsonObjectIter kinds;
          const char *key;
          JsonNode *value;

          if (JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!JSON_NODE_HOLDS_OBJECT (node))
            goto wrong_type;

          json_object_iter_init (&kinds, json_node_get_object (node));
          while (json_object_iter_next (&kinds, &key, &value))
            {
              NdItemKind kind;

              if (json_node_get_value_type (value) != G_TYPE_STRING)
                goto wrong_type;
              /* A kind a later version knows is dropped here: we could
               * not publish such an item anyway. */
              if (!nd_item_kind_from_key (key, &kind))
                continue;
              g_free (categories[kind]);
              categories[kind] = g_strdup (json_node_get_string (value));
            }
        }
      else
        {
          json_object_set_member (others, member, json_node_copy (node));
        }
    }

  nd_target_set_ca_file (self, ca_file);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      nd_target_set_category (self, (NdItemKind) i, categories[i]);
      g_free (categories[i]);
    }
  g_clear_pointer (&self->other_options, json_object_unref);
  if (json_object_get_size (others) > 0)
    self->other_options = g_steal_pointer (&others);

  return TRUE;

wrong_type:
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    g_free (categories[i]);

  return invalid_options (error, member);
}

/* Checking */

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

gboolean
nd_target_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* A DNS name (in Unicode or ASCII) or an IP address: GUri takes any
 * characters in a host, a space included. */
static gboolean
is_host_name (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  g_autofree char *ascii = NULL;

  if (address != NULL)
    return TRUE;

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL || *ascii == '\0' || *ascii == '.' || *ascii == '-')
    return FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

char *
nd_target_normalize_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  int port;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                           _("The address of the site is missing"));
      return NULL;
    }

  /* Parsed as it is, %-escapes left alone, so that a path comes back
   * exactly as the site spells it. The URL itself is not repeated in the
   * messages below that are about user information: it could hold a
   * password. */
  uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      if (uri == NULL && strchr (trimmed, '@') != NULL)
        g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                             _("The address of the site is not a valid web address"));
      else
        /* Translators: %s is what the user gave as the site's address */
        g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                     _("“%s” is not a web address such as https://example.org"), trimmed);
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                           _("The address of the site must not contain a user name or password; give the user separately"));
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_utf8_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);

  if ((!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http")) || !is_host_name (host))
    {
      /* Translators: %s is what the user gave as the site's address */
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                   _("“%s” is not a web address such as https://example.org"), trimmed);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      /* Translators: %s is what the user gave as the site's address */
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_URL,
                   _("The address “%s” must not contain a query (?…) or a fragment (#…)"), trimmed);
      return NULL;
    }

  /* The password goes over Basic auth on every request: in clear text
   * over http://, which is acceptable only when it never leaves this
   * computer (a test site, an SSH tunnel). */
  if (g_str_equal (scheme, "http") && !nd_target_host_is_loopback (host))
    {
      /* Translators: %s is what the user gave as the site's address */
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INSECURE_URL,
                   _("“%s” is not encrypted; use https://, plain http:// is only allowed for this computer (localhost)"),
                   trimmed);
      return NULL;
    }

  if ((g_str_equal (scheme, "https") && port == 443) ||
      (g_str_equal (scheme, "http") && port == 80))
    port = -1;

  /* No trailing "/": the clients append "/wp-json/…" to it. */
  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path, NULL, NULL);
}

gboolean
nd_target_validate (NdTarget  *self,
                    GError   **error)
{
  g_autofree char *url = NULL;
  const char *name;
  const char *user;

  g_return_val_if_fail (ND_IS_TARGET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = self->name;
  if (*name == '\0')
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_NAME,
                           _("The name of the target is missing"));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL) || has_control_characters (name) ||
      g_unichar_isspace (g_utf8_get_char (name)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name)))) ||
      *name == '-' || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_autofree char *shown = g_utf8_make_valid (name, -1);

      /* Translators: %s is the name the user gave; %d the longest allowed */
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_NAME,
                   _("“%s” cannot be the name of a target: use up to %d letters, digits and punctuation, not starting with “-” or a space"),
                   shown, MAX_NAME_CHARS);
      return FALSE;
    }

  if (!(url = nd_target_normalize_url (self->url, error)))
    return FALSE;

  user = self->user;
  if (*user == '\0')
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_USER,
                           _("The user name for the target is missing"));
      return FALSE;
    }

  if (!g_utf8_validate (user, -1, NULL) || has_control_characters (user))
    {
      g_set_error_literal (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_USER,
                           _("The user name for the target contains characters that are not allowed"));
      return FALSE;
    }

  if (self->ca_file != NULL && !g_path_is_absolute (self->ca_file))
    {
      g_autofree char *shown = g_filename_display_name (self->ca_file);

      /* Translators: %s is a file name */
      g_set_error (error, ND_TARGET_ERROR, ND_TARGET_ERROR_INVALID_OPTIONS,
                   _("The certificate file “%s” must be given with its full path"), shown);
      return FALSE;
    }

  return TRUE;
}
