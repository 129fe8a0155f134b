/* nd-cli-targets.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "nd-cli-private.h"
#include "nd-credentials.h"
#include "nd-store.h"
#include "nd-target.h"

/* "newsdesk target add|list|remove": the CMS accounts. The password goes
 * from stdin straight to the keyring; it is never an argument (other
 * users see those in ps) and never reaches the database. */

static const NdCliCommand target_add = {
  "target add",
  /* Translators: the arguments of "newsdesk target add"; keep the words in capitals */
  N_("NAME"),
  N_("Add a CMS account to publish to"),
  /* Translators: help text of "newsdesk target add" */
  N_("--url is the address of the site: https://, or http:// for this "
     "computer only (a test site); it may have a path, such as "
     "https://example.org/blog. With --password-stdin the first line of "
     "standard input is stored in the keyring as the account's password "
     "(for WordPress an Application Password); if no keyring is available, "
     "nothing is stored. Without it no password is stored, and publish "
     "needs --password-file.\n"
     "--category KIND=CATEGORY (repeatable) sends items of that kind to a "
     "CMS category, given by name or id; kinds: news, press-release, event, "
     "publication."),
  NULL,
};

static const NdCliCommand target_list = {
  "target list",
  NULL,
  N_("List the CMS accounts"),
  /* Translators: help text of "newsdesk target list" */
  N_("One line per account: name, type, user, site, and whether the keyring "
     "holds its password."),
  NULL,
};

static const NdCliCommand target_remove = {
  "target remove",
  /* Translators: the arguments of "newsdesk target remove"; keep the words in capitals */
  N_("NAME"),
  N_("Remove a CMS account"),
  /* Translators: help text of "newsdesk target remove" */
  N_("Its password is removed from the keyring, and what Newsdesk remembers "
     "about items published there is forgotten (the posts stay on the "
     "site). Pending jobs for it are dropped."),
  NULL,
};

/* Where a target's password is. */
typedef enum
{
  PASSWORD_STORED,
  PASSWORD_MISSING,
  PASSWORD_UNKNOWN,   /* no keyring to ask */
} PasswordState;

static PasswordState
get_password_state (NdTarget *target,
                    gboolean  keyring_failed)
{
  g_autoptr(GError) error = NULL;
  gboolean has_password = FALSE;

  if (keyring_failed)
    return PASSWORD_UNKNOWN;

  if (!nd_credentials_has_password_sync (target, &has_password, NULL, &error))
    {
      g_debug ("Cannot ask the keyring about “%s”: %s", nd_target_get_name (target), error->message);
      return PASSWORD_UNKNOWN;
    }

  return has_password ? PASSWORD_STORED : PASSWORD_MISSING;
}

/* add */

static gboolean
parse_categories (NdTarget  *target,
                  char     **categories)
{
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *eq = strchr (categories[i], '=');
      NdItemKind kind;

      if (eq == NULL || eq == categories[i] || eq[1] == '\0')
        {
          /* Translators: %s is what the user gave to --category */
          nd_cli_print_error (_("“%s” is no KIND=CATEGORY pair, such as news=Meldungen"),
                              categories[i]);
          return FALSE;
        }

      key = g_strndup (categories[i], eq - categories[i]);
      if (!nd_cli_parse_kind (key, &kind))
        return FALSE;

      nd_target_set_category (target, kind, eq + 1);
    }

  return TRUE;
}

/* The CA file as an absolute path, checked to hold certificates, so that
 * a typo shows now and not at the first publication. */
static char *
check_ca_file (const char *ca_file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *display = NULL;
  GList *certificates;

  absolute = g_canonicalize_filename (ca_file, NULL);
  display = g_filename_display_name (ca_file);

  certificates = g_tls_certificate_list_new_from_file (absolute, &error);
  if (error != NULL)
    {
      /* Translators: the first %s is a file name, the second the reason */
      nd_cli_print_error (_("The certificate file “%s” cannot be used: %s"), display, error->message);
      return NULL;
    }
  if (certificates == NULL)
    {
      /* Translators: %s is a file name */
      nd_cli_print_error (_("The certificate file “%s” holds no certificate"), display);
      return NULL;
    }
  g_list_free_full (certificates, g_object_unref);

  return g_steal_pointer (&absolute);
}

static int
cmd_target_add (const NdCliCommand  *command,
                const char          *db_path,
                int                  argc,
                char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(NdPassword) password = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type_key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *ca_path = NULL;
  g_auto(GStrv) categories = NULL;
  gboolean password_stdin = FALSE;
  NdTargetType type = ND_TARGET_TYPE_WORDPRESS;
  int status;
  const GOptionEntry entries[] = {
    { "type", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &type_key,
      N_("The kind of CMS: wordpress (the default)"), N_("TYPE") },
    { "url", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &url,
      N_("The address of the site"), N_("URL") },
    { "user", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &user,
      N_("The user name on the site"), N_("USER") },
    { "password-stdin", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input and store it in the keyring"), NULL },
    { "ca-file", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Also trust the certificate authorities in this PEM file"), N_("FILE") },
    { "category", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, &categories,
      N_("Send items of a kind to a category"), N_("KIND=CATEGORY") },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;
  if (url == NULL)
    /* Translators: %s is an option, e.g. "--url" */
    return nd_cli_usage_error (_("Missing option “%s”"), "--url");
  if (user == NULL)
    /* Translators: %s is an option, e.g. "--url" */
    return nd_cli_usage_error (_("Missing option “%s”"), "--user");

  {
    char *texts[] = { argv[1], url, user, type_key != NULL ? type_key : (char *) "", NULL };

    if (!nd_cli_check_utf8 (texts) || (categories != NULL && !nd_cli_check_utf8 (categories)))
      return ND_CLI_EXIT_USER_ERROR;
  }

  if (type_key != NULL && !nd_target_type_from_key (type_key, &type))
    {
      /* Translators: %s is what the user typed; "wordpress" stays as it is */
      nd_cli_print_error (_("Unknown target type “%s”; use: wordpress"), type_key);
      return ND_CLI_EXIT_USER_ERROR;
    }

  target = nd_target_new (argv[1], type, url, user);
  if (!parse_categories (target, categories))
    return ND_CLI_EXIT_USER_ERROR;
  if (ca_file != NULL)
    {
      if (!(ca_path = check_ca_file (ca_file)))
        return ND_CLI_EXIT_USER_ERROR;
      nd_target_set_ca_file (target, ca_path);
    }

  /* Everything is checked before the password is read or anything is
   * written, so that a mistake leaves nothing behind. */
  if (!nd_target_validate (target, &error))
    return nd_cli_report_error (error);

  if (password_stdin && !(password = nd_credentials_read_password_fd (STDIN_FILENO, &error)))
    return nd_cli_report_error (error);

  if (!(store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;

  /* The row first: if the name is taken, the password of the target
   * that has it must not be overwritten in the keyring. */
  if (!nd_store_add_target (store, target, &error))
    return nd_cli_report_error (error);

  if (password != NULL && !nd_credentials_store_sync (target, password, NULL, &error))
    {
      g_autoptr(GError) remove_error = NULL;

      if (!nd_store_remove_target (store, nd_target_get_name (target), &remove_error))
        g_warning ("Cannot take back the target “%s”: %s",
                   nd_target_get_name (target), remove_error->message);

      if (g_error_matches (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING))
        /* Translators: %s is the keyring's message, "No keyring is
         * available: …"; keep the options as they are */
        nd_cli_print_error (_("%s; nothing was stored (without --password-stdin the target can be added, and publish takes --password-file)"),
                            error->message);
      else
        /* Translators: %s is the keyring's message */
        nd_cli_print_error (_("%s; nothing was stored"), error->message);

      return ND_CLI_EXIT_USER_ERROR;
    }

  return ND_CLI_EXIT_OK;
}

/* list */

static const char *
password_state_key (PasswordState state)
{
  switch (state)
    {
    case PASSWORD_STORED:
      return "stored";
    case PASSWORD_MISSING:
      return "missing";
    case PASSWORD_UNKNOWN:
      return "unknown";
    default:
      g_assert_not_reached ();
    }
}

static const char *
password_state_text (PasswordState state)
{
  switch (state)
    {
    case PASSWORD_STORED:
      /* Translators: in "newsdesk target list", where the password is */
      return _("password in the keyring");
    case PASSWORD_MISSING:
      /* Translators: in "newsdesk target list" */
      return _("no password stored");
    case PASSWORD_UNKNOWN:
      /* Translators: in "newsdesk target list" */
      return _("no keyring available");
    default:
      g_assert_not_reached ();
    }
}

static void
add_target_members (JsonBuilder   *builder,
                    NdTarget      *target,
                    PasswordState  state)
{
  GDateTime *created = nd_target_get_created (target);

  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, nd_target_get_name (target));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, nd_target_type_to_key (nd_target_get_target_type (target)));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, nd_target_get_url (target));
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, nd_target_get_user (target));
  json_builder_set_member_name (builder, "ca_file");
  if (nd_target_get_ca_file (target) != NULL)
    json_builder_add_string_value (builder, nd_target_get_ca_file (target));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "categories");
  json_builder_begin_object (builder);
  for (int kind = ND_ITEM_KIND_NEWS; kind <= ND_ITEM_KIND_PUBLICATION; kind++)
    {
      const char *category = nd_target_get_category (target, (NdItemKind) kind);

      if (category == NULL)
        continue;
      json_builder_set_member_name (builder, nd_item_kind_to_key ((NdItemKind) kind));
      json_builder_add_string_value (builder, category);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "created");
  if (created != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (created);

      json_builder_add_string_value (builder, text);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  /* "stored", "missing", or "unknown" when no keyring could be asked. */
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password_state_key (state));
}

static int
cmd_target_list (const NdCliCommand  *command,
                 const char          *db_path,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GArray) states = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean keyring_failed = FALSE;
  guint name_width = 0;
  guint user_width = 0;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print JSON"), NULL },
    { NULL }
  };

  if ((status = nd_cli_parse_options (command, entries, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 0, 0)) != ND_CLI_CONTINUE)
    return status;

  if (!(store = nd_cli_open_store_for_reading (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(targets = nd_store_list_targets (store, &error)))
    return nd_cli_report_error (error);

  states = g_array_sized_new (FALSE, FALSE, sizeof (PasswordState), targets->len);
  for (guint i = 0; i < targets->len; i++)
    {
      PasswordState state = get_password_state (g_ptr_array_index (targets, i), keyring_failed);

      /* Without a keyring, one failure answers for all. */
      keyring_failed |= state == PASSWORD_UNKNOWN;
      g_array_append_val (states, state);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < targets->len; i++)
        {
          json_builder_begin_object (builder);
          add_target_members (builder, g_ptr_array_index (targets, i),
                              g_array_index (states, PasswordState, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      nd_cli_print_json (root);

      return ND_CLI_EXIT_OK;
    }

  for (guint i = 0; i < targets->len; i++)
    {
      NdTarget *target = g_ptr_array_index (targets, i);

      name_width = MAX (name_width, nd_cli_text_width (nd_target_get_name (target)));
      user_width = MAX (user_width, nd_cli_text_width (nd_target_get_user (target)));
    }

  /* "NAME  TYPE  USER  URL  (password state)", aligned. */
  for (guint i = 0; i < targets->len; i++)
    {
      NdTarget *target = g_ptr_array_index (targets, i);
      g_autoptr(GString) line = g_string_new (nd_target_get_name (target));

      for (guint w = nd_cli_text_width (nd_target_get_name (target)); w < name_width + 2; w++)
        g_string_append_c (line, ' ');
      g_string_append (line, nd_target_type_to_key (nd_target_get_target_type (target)));
      g_string_append (line, "  ");
      g_string_append (line, nd_target_get_user (target));
      for (guint w = nd_cli_text_width (nd_target_get_user (target)); w < user_width + 2; w++)
        g_string_append_c (line, ' ');
      g_string_append (line, nd_target_get_url (target));
      g_string_append_printf (line, "  (%s)",
                              password_state_text (g_array_index (states, PasswordState, i)));

      g_print ("%s\n", line->str);
    }

  return ND_CLI_EXIT_OK;
}

/* remove */

static int
cmd_target_remove (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(NdStore) store = NULL;
  g_autoptr(NdTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = nd_cli_parse_options (command, NULL, &argc, &argv)) != ND_CLI_CONTINUE)
    return status;
  if ((status = nd_cli_check_arguments (command, argc, argv, 1, 1)) != ND_CLI_CONTINUE)
    return status;
  if (!nd_cli_check_utf8 (argv + 1))
    return ND_CLI_EXIT_USER_ERROR;

  if (!(store = nd_cli_open_store (db_path)))
    return ND_CLI_EXIT_USER_ERROR;
  if (!(target = nd_store_lookup_target (store, argv[1], &error)))
    return nd_cli_report_error (error);
  if (!nd_store_remove_target (store, argv[1], &error))
    return nd_cli_report_error (error);

  /* The account is gone either way; a password left behind is reported,
   * so that the user can remove it with the keyring's own tools. */
  if (!nd_credentials_clear_sync (target, NULL, NULL, &error))
    /* Translators: the first %s is a target's name, the second the
     * keyring's message ("No keyring is available: …") */
    nd_cli_print_error (_("The target “%s” was removed, but its password may still be in the keyring: %s"),
                        nd_target_get_name (target), error->message);

  return ND_CLI_EXIT_OK;
}

/* Dispatch */

typedef struct
{
  const char         *word;
  const NdCliCommand *command;
  NdCliCommandFunc    run;
} Subcommand;

static const Subcommand subcommands[] = {
  { "add", &target_add, cmd_target_add },
  { "list", &target_list, cmd_target_list },
  { "remove", &target_remove, cmd_target_remove },
};

int
nd_cli_cmd_target (const NdCliCommand  *command,
                   const char          *db_path,
                   int                  argc,
                   char               **argv)
{
  g_return_val_if_fail (command != NULL, ND_CLI_EXIT_USAGE);

  /* "newsdesk target", "newsdesk target --help": the help of the group. */
  if (argc < 2 || argv[1][0] == '-')
    {
      int status;

      if ((status = nd_cli_parse_options (command, NULL, &argc, &argv)) != ND_CLI_CONTINUE)
        return status;
      if ((status = nd_cli_check_arguments (command, argc, argv, 1, -1)) != ND_CLI_CONTINUE)
        return status;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (argv[1], subcommands[i].word))
        return subcommands[i].run (subcommands[i].command, db_path, argc - 1, argv + 1);
    }

  /* Translators: %s is what the user typed after "newsdesk target";
   * add, list and remove stay as they are */
  return nd_cli_usage_error (_("Unknown command “target %s”; use add, list or remove"), argv[1]);
}
