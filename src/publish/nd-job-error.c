/* nd-job-error.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-job-error"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-job-error.h"
#include "nd-publisher.h"
#include "nd-wp-client.h"

/* The two error domains carry an NdErrorInfo each (see nd-job-error.h). */

typedef NdErrorInfo NdWpErrorPrivate;
typedef NdErrorInfo NdPublisherErrorPrivate;

static void
error_info_init (NdErrorInfo *info)
{
  info->code = NULL;
  info->args = NULL;
}

static void
error_info_copy (const NdErrorInfo *src,
                 NdErrorInfo       *dest)
{
  dest->code = g_strdup (src->code);
  dest->args = g_strdupv (src->args);
}

static void
error_info_clear (NdErrorInfo *info)
{
  g_clear_pointer (&info->code, g_free);
  g_clear_pointer (&info->args, g_strfreev);
}

#define nd_wp_error_private_init error_info_init
#define nd_wp_error_private_copy error_info_copy
#define nd_wp_error_private_clear error_info_clear
#define nd_publisher_error_private_init error_info_init
#define nd_publisher_error_private_copy error_info_copy
#define nd_publisher_error_private_clear error_info_clear

G_DEFINE_EXTENDED_ERROR (NdWpError, nd_wp_error)
G_DEFINE_EXTENDED_ERROR (NdPublisherError, nd_publisher_error)

const NdErrorInfo *
nd_job_error_get_info (const GError *error)
{
  const NdErrorInfo *info = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ND_WP_ERROR)
    info = nd_wp_error_get_private (error);
  else if (error->domain == ND_PUBLISHER_ERROR)
    info = nd_publisher_error_get_private (error);

  return info != NULL && info->code != NULL ? info : NULL;
}

GError *
_nd_job_error_new_v (GQuark              domain,
                     int                 code,
                     const char         *key,
                     const char * const *args)
{
  g_autofree char *message = nd_job_error_format (key, args);
  NdErrorInfo *info;
  GError *error;

  g_return_val_if_fail (domain == ND_WP_ERROR || domain == ND_PUBLISHER_ERROR, NULL);
  /* every code the errors use has its sentence below */
  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (domain, code, message);
  if (domain == ND_WP_ERROR)
    info = nd_wp_error_get_private (error);
  else
    info = nd_publisher_error_get_private (error);
  info->code = g_strdup (key);
  info->args = g_strdupv ((char **) args);

  return error;
}

GError *
_nd_job_error_new (GQuark      domain,
                   int         code,
                   const char *key,
                   ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, key);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return _nd_job_error_new_v (domain, code, key, (const char * const *) args->pdata);
}

void
nd_job_error_describe (const GError  *error,
                       char         **code,
                       GStrv         *args)
{
  const NdErrorInfo *info;

  g_return_if_fail (error != NULL && code != NULL && args != NULL);

  if ((info = nd_job_error_get_info (error)) != NULL)
    {
      *code = g_strdup (info->code);
      *args = g_strdupv (info->args);
      return;
    }

  *code = g_strdup ("other");
  *args = g_new0 (char *, 2);
  (*args)[0] = g_strdup (error->message);
}

char *
nd_job_error_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* %x is the locale's own date: 14.05.2024 in German */
  return g_date_time_format (local, "%x %H:%M:%S");
}

/* A stored time ("2024-05-14T09:30:00Z") as the reader's locale shows it. */
static char *
format_stored_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time != NULL ? nd_job_error_format_time (time) : g_strdup (iso != NULL ? iso : "?");
}

static guint
arg_uint (const char *arg)
{
  return arg != NULL ? (guint) g_ascii_strtoull (arg, NULL, 10) : 0;
}

/* The sentences of the client's errors, by code: the same messages it
 * always had, so that their translations hold. */
static char *
format_wp (const char  *code,
           const char **a)
{
  if (g_str_equal (code, "wp-invalid-url"))
    /* Translators: %s is what the user typed as a site address */
    return g_strdup_printf (_("“%s” is not a web address (https://…)"), a[0]);
  if (g_str_equal (code, "wp-insecure-url"))
    /* Translators: %s is a host name */
    return g_strdup_printf (_("Refusing unencrypted http:// to %s: use https:// (plain http is only for this computer)"), a[0]);
  if (g_str_equal (code, "wp-ca-file"))
    /* Translators: %s is a file name, then the reason */
    return g_strdup_printf (_("The CA file %s cannot be used: %s"), a[0], a[1]);
  if (g_str_equal (code, "wp-tls-untrusted"))
    /* Translators: %s is a host name */
    return g_strdup_printf (_("The certificate of %s is not trusted (name a CA file for the account if the site uses its own)"), a[0]);
  if (g_str_equal (code, "wp-tls-failed"))
    /* Translators: %s is a host name, then the TLS library's reason */
    return g_strdup_printf (_("The secure connection to %s failed: %s"), a[0], a[1]);
  if (g_str_equal (code, "wp-unknown-host"))
    return g_strdup_printf (_("The host %s is unknown (check the site address)"), a[0]);
  if (g_str_equal (code, "wp-no-server"))
    return g_strdup_printf (_("No web server answers at %s"), a[0]);
  if (g_str_equal (code, "wp-timeout"))
    return g_strdup_printf (_("The site %s did not answer in time"), a[0]);
  if (g_str_equal (code, "wp-connection-lost"))
    return g_strdup_printf (_("The connection to %s broke off before the answer came"), a[0]);
  if (g_str_equal (code, "wp-failed"))
    /* Translators: %s is a host name, then the reason */
    return g_strdup_printf (_("Cannot talk to %s: %s"), a[0], a[1]);
  if (g_str_equal (code, "wp-not-logged-in"))
    return g_strdup_printf (_("WordPress at %s did not see the login: application passwords are off there, or the web server drops the Authorization header"), a[0]);
  if (g_str_equal (code, "wp-unauthorized"))
    return g_strdup_printf (_("Wrong user name or application password for %s"), a[0]);
  if (g_str_equal (code, "wp-forbidden"))
    /* Translators: %s is a user name, then WordPress's own message */
    return g_strdup_printf (_("The user %s lacks the rights for this: %s"), a[0], a[1]);
  if (g_str_equal (code, "wp-too-large"))
    return g_strdup (_("The file is too large for the site (its upload limit is lower)"));
  if (g_str_equal (code, "wp-not-found"))
    /* Translators: %s is WordPress's own message */
    return g_strdup_printf (_("Not found on the site: %s"), a[0]);
  if (g_str_equal (code, "wp-rate-limited"))
    return g_strdup_printf (_("The site %s refuses more requests for now (HTTP 429); try again later"), a[0]);
  if (g_str_equal (code, "wp-server"))
    /* Translators: %s is a host name, %u an HTTP status, then the reason */
    return g_strdup_printf (_("The site %s failed (HTTP %u): %s"), a[0], arg_uint (a[1]), a[2]);
  if (g_str_equal (code, "wp-rejected"))
    /* Translators: %s is WordPress's own message */
    return g_strdup_printf (_("WordPress refused the request: %s"), a[0]);
  if (g_str_equal (code, "wp-rejected-status"))
    return g_strdup_printf (_("WordPress refused the request (HTTP %u)"), arg_uint (a[0]));
  if (g_str_equal (code, "wp-wait"))
    /* Translators: %s is a host name, %u a number of seconds */
    return g_strdup_printf (_("The site %s asks to wait %u seconds before the next try"), a[0], arg_uint (a[1]));
  if (g_str_equal (code, "wp-not-json"))
    return g_strdup (_("The site’s answer is not valid JSON (a plugin or PHP message may be spoiling it)"));
  if (g_str_equal (code, "wp-bad-response"))
    return g_strdup (_("The site’s answer lacks what WordPress always sends"));
  if (g_str_equal (code, "wp-rest-disabled"))
    /* Translators: %s is a host name */
    return g_strdup_printf (_("WordPress at %s has its REST API switched off or blocked"), a[0]);
  if (g_str_equal (code, "wp-not-wordpress"))
    /* Translators: %s is a web address */
    return g_strdup_printf (_("There is no WordPress site at %s"), a[0]);
  if (g_str_equal (code, "wp-cannot-publish"))
    /* Translators: %s is a user name */
    return g_strdup_printf (_("The user %s may not publish posts on this site"), a[0]);
  if (g_str_equal (code, "wp-cannot-upload"))
    /* Translators: %s is a user name */
    return g_strdup_printf (_("The user %s may not upload files to this site"), a[0]);
  if (g_str_equal (code, "wp-no-category"))
    /* Translators: %s is a category's name as the user gave it */
    return g_strdup_printf (_("There is no category “%s” on the site; create it in WordPress or correct the name"), a[0]);

  return NULL;
}

static char *
format_publisher (const char  *code,
                  const char **a)
{
  if (g_str_equal (code, "publisher-no-post-id"))
    return g_strdup (_("The site answered without the post’s id"));
  if (g_str_equal (code, "publisher-conflict"))
    {
      g_autofree char *since = format_stored_time (a[0]);

      /* Translators: %s is a date and time */
      return g_strdup_printf (_("The post was changed on the site since it was sent on %s"), since);
    }
  if (g_str_equal (code, "publisher-not-ready"))
    /* Translators: %s lists the checklist's problems, separated by "; " */
    return g_strdup_printf (_("Not ready to publish: %s"), a[0]);
  if (g_str_equal (code, "publisher-not-published"))
    /* Translators: %s is the name of a publishing target */
    return g_strdup_printf (_("The item was never published to %s"), a[0]);

  return NULL;
}

char *
nd_job_error_format (const char         *code,
                     const char * const *args)
{
  /* Missing arguments (a row written by a later version) read as "" */
  const char *a[4] = { "", "", "", "" };

  if (code == NULL)
    return NULL;

  for (guint i = 0; args != NULL && args[i] != NULL && i < G_N_ELEMENTS (a); i++)
    a[i] = args[i];

  if (g_str_equal (code, "other"))
    return g_strdup (a[0]);
  if (g_str_has_prefix (code, "wp-"))
    return format_wp (code, a);
  if (g_str_has_prefix (code, "publisher-"))
    return format_publisher (code, a);

  return NULL;
}

char *
nd_outbox_job_dup_error_message (const NdOutboxJob *job)
{
  char *message;

  g_return_val_if_fail (job != NULL, NULL);

  if (job->error_code != NULL &&
      (message = nd_job_error_format (job->error_code, (const char * const *) job->error_args)) != NULL)
    return message;

  if (job->error_code != NULL)
    /* Translators: %s is an error code stored by a newer Newsdesk */
    return g_strdup_printf (_("Error “%s”"), job->error_code);

  return g_strdup (job->last_error);
}
