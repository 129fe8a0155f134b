/* nd-credentials.c
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "nd-credentials"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nd-credentials.h"

/* The longest password line we read; application passwords are 24
 * characters, anything near this limit is the wrong file. */
#define MAX_PASSWORD_BYTES 4096

G_DEFINE_QUARK (nd-credentials-error-quark, nd_credentials_error)

const SecretSchema *
nd_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "org.newsdesk.Newsdesk.Target", SECRET_SCHEMA_NONE,
    {
      { "target", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0,
  };

  return &schema;
}

void
nd_credentials_password_free (NdPassword *password)
{
  if (password == NULL)
    return;

  /* explicit_bzero() is not optimised away before the free. */
  explicit_bzero (password, strlen (password));
  g_free (password);
}

/* A copy of a password libsecret handed out, which it then wipes. */
static NdPassword *
take_secret_password (char *password)
{
  NdPassword *copy = g_strdup (password);

  secret_password_free (password);

  return copy;
}

static GHashTable *
new_attributes (NdTarget *target)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert (ND_IS_TARGET (target));

  /* The values are borrowed from @target, which outlives every call. */
  g_hash_table_insert (attributes, (char *) "target", (char *) nd_target_get_name (target));
  g_hash_table_insert (attributes, (char *) "url", (char *) nd_target_get_url (target));
  g_hash_table_insert (attributes, (char *) "user", (char *) nd_target_get_user (target));

  return attributes;
}

static char *
dup_label (NdTarget *target)
{
  /* Translators: the label of a password in the keyring (Seahorse shows
   * it); the first %s is the target's name, the second the user name,
   * the third the site's address */
  return g_strdup_printf (_("Newsdesk target “%s” (%s at %s)"),
                          nd_target_get_name (target),
                          nd_target_get_user (target),
                          nd_target_get_url (target));
}

static void
set_no_session_bus (GError **error)
{
  /* Translators: the reason after "No keyring is available: " */
  g_autofree char *reason = g_strdup (_("there is no D-Bus session bus"));

  /* Translators: %s is the reason, e.g. "there is no D-Bus session bus" */
  g_set_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING,
               _("No keyring is available: %s"), reason);
}

/* The errors of libsecret as ours: the Secret Service missing from the
 * bus is "no keyring", a dismissed unlock prompt "locked". */
static void
set_error_from_secret (GError       **error,
                       GError        *secret_error,
                       GCancellable  *cancellable)
{
  g_assert (secret_error != NULL);

  if (g_error_matches (secret_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    {
      g_propagate_error (error, g_error_copy (secret_error));
      return;
    }

  if (secret_error->domain == G_DBUS_ERROR)
    {
      switch ((GDBusError) secret_error->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_NO_MEMORY:
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
        case G_DBUS_ERROR_UNKNOWN_INTERFACE:
          {
            /* Translators: the reason after "No keyring is available: " */
            g_autofree char *reason = g_strdup (_("no Secret Service (such as GNOME Keyring) runs in this session"));

            /* Translators: %s is the reason, e.g. "there is no D-Bus session bus" */
            g_set_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NO_KEYRING,
                         _("No keyring is available: %s"), reason);
            return;
          }

        case G_DBUS_ERROR_FAILED:
        case G_DBUS_ERROR_NO_MEMORY:
        case G_DBUS_ERROR_NO_REPLY:
        case G_DBUS_ERROR_IO_ERROR:
        case G_DBUS_ERROR_BAD_ADDRESS:
        case G_DBUS_ERROR_NOT_SUPPORTED:
        case G_DBUS_ERROR_LIMITS_EXCEEDED:
        case G_DBUS_ERROR_ACCESS_DENIED:
        case G_DBUS_ERROR_AUTH_FAILED:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_TIMEOUT:
        case G_DBUS_ERROR_NO_NETWORK:
        case G_DBUS_ERROR_ADDRESS_IN_USE:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_INVALID_ARGS:
        case G_DBUS_ERROR_FILE_NOT_FOUND:
        case G_DBUS_ERROR_FILE_EXISTS:
        case G_DBUS_ERROR_TIMED_OUT:
        case G_DBUS_ERROR_MATCH_RULE_NOT_FOUND:
        case G_DBUS_ERROR_MATCH_RULE_INVALID:
        case G_DBUS_ERROR_UNIX_PROCESS_ID_UNKNOWN:
        case G_DBUS_ERROR_INVALID_SIGNATURE:
        case G_DBUS_ERROR_INVALID_FILE_CONTENT:
        case G_DBUS_ERROR_SELINUX_SECURITY_CONTEXT_UNKNOWN:
        case G_DBUS_ERROR_ADT_AUDIT_DATA_UNKNOWN:
        case G_DBUS_ERROR_OBJECT_PATH_IN_USE:
        case G_DBUS_ERROR_UNKNOWN_PROPERTY:
        case G_DBUS_ERROR_PROPERTY_READ_ONLY:
        default:
          break;
        }
    }

  if (g_error_matches (secret_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (secret_error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      g_set_error_literal (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_LOCKED,
                           _("The keyring is locked; unlock it to use the password"));
      return;
    }

  {
    g_autoptr(GError) copy = g_error_copy (secret_error);

    g_dbus_error_strip_remote_error (copy);
    /* Translators: %s is the keyring's own (often English) message */
    g_set_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_FAILED,
                 _("The keyring failed: %s"), copy->message);
  }
}

static void
set_not_found (GError   **error,
               NdTarget  *target)
{
  /* Translators: %s is the name of a publishing target */
  g_set_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_NOT_FOUND,
               _("The keyring holds no password for the target “%s”"),
               nd_target_get_name (target));
}

/* libsecret would try to start a bus (autolaunch) or give a transport
 * error deep inside; asking for the bus first gives the clear reason. */
static gboolean
check_session_bus_sync (GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) local_error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &local_error);
  if (bus == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_no_session_bus (error);
      return FALSE;
    }

  return TRUE;
}

/* Synchronous API */

gboolean
nd_credentials_store_sync (NdTarget      *target,
                           const char    *password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (ND_IS_TARGET (target), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_session_bus_sync (cancellable, error))
    return FALSE;

  attributes = new_attributes (target);
  label = dup_label (target);

  if (!secret_password_storev_sync (nd_credentials_get_schema (), attributes,
                                    SECRET_COLLECTION_DEFAULT, label, password,
                                    cancellable, &local_error))
    {
      set_error_from_secret (error, local_error, cancellable);
      return FALSE;
    }

  return TRUE;
}

NdPassword *
nd_credentials_lookup_sync (NdTarget      *target,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  char *password;

  g_return_val_if_fail (ND_IS_TARGET (target), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_session_bus_sync (cancellable, error))
    return NULL;

  attributes = new_attributes (target);
  password = secret_password_lookupv_sync (nd_credentials_get_schema (), attributes,
                                           cancellable, &local_error);
  if (local_error != NULL)
    {
      set_error_from_secret (error, local_error, cancellable);
      return NULL;
    }

  if (password == NULL)
    {
      set_not_found (error, target);
      return NULL;
    }

  return take_secret_password (password);
}

gboolean
nd_credentials_clear_sync (NdTarget      *target,
                           gboolean      *removed,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean did_remove;

  g_return_val_if_fail (ND_IS_TARGET (target), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (removed != NULL)
    *removed = FALSE;

  if (!check_session_bus_sync (cancellable, error))
    return FALSE;

  attributes = new_attributes (target);
  did_remove = secret_password_clearv_sync (nd_credentials_get_schema (), attributes,
                                            cancellable, &local_error);
  if (local_error != NULL)
    {
      set_error_from_secret (error, local_error, cancellable);
      return FALSE;
    }

  if (removed != NULL)
    *removed = did_remove;

  return TRUE;
}

gboolean
nd_credentials_has_password_sync (NdTarget      *target,
                                  gboolean      *has_password,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *items;

  g_return_val_if_fail (ND_IS_TARGET (target), FALSE);
  g_return_val_if_fail (has_password != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *has_password = FALSE;

  if (!check_session_bus_sync (cancellable, error))
    return FALSE;

  if (!(service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, &local_error)))
    {
      set_error_from_secret (error, local_error, cancellable);
      return FALSE;
    }

  /* Without SECRET_SEARCH_UNLOCK: a locked item is found as well, and
   * nothing asks the user for the keyring's password. */
  attributes = new_attributes (target);
  items = secret_service_search_sync (service, nd_credentials_get_schema (), attributes,
                                      SECRET_SEARCH_NONE, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_error_from_secret (error, local_error, cancellable);
      return FALSE;
    }

  *has_password = items != NULL;
  g_list_free_full (items, g_object_unref);

  return TRUE;
}

/* Asynchronous API: the session bus first (as above), then libsecret. */

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} Operation;

typedef struct
{
  Operation    operation;
  NdTarget    *target;
  GHashTable  *attributes;
  NdPassword  *password;   /* to store */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->target);
  g_clear_pointer (&request->attributes, g_hash_table_unref);
  g_clear_pointer (&request->password, nd_credentials_password_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* The result of a lookup, for g_task_return_pointer(). */
static void
password_result_free (gpointer data)
{
  nd_credentials_password_free (data);
}

static void
secret_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (request->operation)
    {
    case OPERATION_STORE:
      if (!secret_password_store_finish (result, &error))
        break;
      g_task_return_boolean (task, TRUE);
      return;

    case OPERATION_LOOKUP:
      {
        char *password = secret_password_lookup_finish (result, &error);

        if (error != NULL)
          break;
        if (password == NULL)
          {
            set_not_found (&error, request->target);
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
        g_task_return_pointer (task, take_secret_password (password), password_result_free);
        return;
      }

    case OPERATION_CLEAR:
      {
        gboolean removed = secret_password_clear_finish (result, &error);

        if (error != NULL)
          break;
        /* TRUE: one was removed; FALSE: there was none. Both succeed. */
        g_task_return_int (task, removed ? 1 : 0);
        return;
      }

    default:
      g_assert_not_reached ();
    }

  {
    g_autoptr(GError) ours = NULL;

    set_error_from_secret (&ours, error, cancellable);
    g_task_return_error (task, g_steal_pointer (&ours));
  }
}

static void
bus_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!(bus = g_bus_get_finish (result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        {
          g_autoptr(GError) ours = NULL;

          set_no_session_bus (&ours);
          g_task_return_error (task, g_steal_pointer (&ours));
        }
      return;
    }

  switch (request->operation)
    {
    case OPERATION_STORE:
      label = dup_label (request->target);
      secret_password_storev (nd_credentials_get_schema (), request->attributes,
                              SECRET_COLLECTION_DEFAULT, label, request->password,
                              cancellable, secret_done_cb, g_steal_pointer (&task));
      break;

    case OPERATION_LOOKUP:
      secret_password_lookupv (nd_credentials_get_schema (), request->attributes,
                               cancellable, secret_done_cb, g_steal_pointer (&task));
      break;

    case OPERATION_CLEAR:
      secret_password_clearv (nd_credentials_get_schema (), request->attributes,
                              cancellable, secret_done_cb, g_steal_pointer (&task));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
start_request (NdTarget            *target,
               Operation            operation,
               const char          *password,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(Request) request = g_new0 (Request, 1);

  g_assert (ND_IS_TARGET (target));

  /* The attributes borrow the target's strings; the request keeps the
   * target alive for as long as they are used. */
  request->operation = operation;
  request->target = g_object_ref (target);
  request->attributes = new_attributes (target);
  request->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_steal_pointer (&request), (GDestroyNotify) request_free);

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_ready_cb, g_steal_pointer (&task));
}

void
nd_credentials_store_async (NdTarget            *target,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (ND_IS_TARGET (target));
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_request (target, OPERATION_STORE, password, cancellable, callback, user_data,
                 nd_credentials_store_async);
}

gboolean
nd_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_credentials_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
nd_credentials_lookup_async (NdTarget            *target,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (ND_IS_TARGET (target));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_request (target, OPERATION_LOOKUP, NULL, cancellable, callback, user_data,
                 nd_credentials_lookup_async);
}

NdPassword *
nd_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
nd_credentials_clear_async (NdTarget            *target,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (ND_IS_TARGET (target));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_request (target, OPERATION_CLEAR, NULL, cancellable, callback, user_data,
                 nd_credentials_clear_async);
}

gboolean
nd_credentials_clear_finish (GAsyncResult  *result,
                             gboolean      *removed,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nd_credentials_clear_async, FALSE);

  if (removed != NULL)
    *removed = FALSE;

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (removed != NULL)
    *removed = value > 0;

  return TRUE;
}

/* Password files */

static void
set_file_error (GError     **error,
                const char  *what,
                const char  *message)
{
  /* Translators: the first %s names where the password was read from
   * (a file name, or "standard input"), the second says what is wrong */
  g_set_error (error, ND_CREDENTIALS_ERROR, ND_CREDENTIALS_ERROR_PASSWORD_FILE,
               _("Cannot read the password from %s: %s"), what, message);
}

/* The first line of @fd, read a chunk at a time; nothing beyond the
 * first MAX_PASSWORD_BYTES + 1 bytes is read. */
static NdPassword *
read_first_line (int          fd,
                 const char  *what,
                 GError     **error)
{
  char buffer[MAX_PASSWORD_BYTES + 2];
  gsize length = 0;
  char *newline = NULL;
  NdPassword *password;

  while (length < MAX_PASSWORD_BYTES + 1)
    {
      gssize n = read (fd, buffer + length, MAX_PASSWORD_BYTES + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          explicit_bzero (buffer, sizeof buffer);
          set_file_error (error, what, g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;

      newline = memchr (buffer + length, '\n', n);
      length += n;
      if (newline != NULL)
        break;
    }

  buffer[length] = '\0';
  if (newline != NULL)
    *newline = '\0';
  else if (length > MAX_PASSWORD_BYTES)
    {
      explicit_bzero (buffer, sizeof buffer);
      set_file_error (error, what, _("the first line is too long to be a password"));
      return NULL;
    }

  length = strlen (buffer);
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';

  if (length == 0)
    {
      explicit_bzero (buffer, sizeof buffer);
      set_file_error (error, what, _("the first line is empty"));
      return NULL;
    }

  if (!g_utf8_validate (buffer, length, NULL))
    {
      explicit_bzero (buffer, sizeof buffer);
      set_file_error (error, what, _("the password is not UTF-8 text"));
      return NULL;
    }

  password = g_strndup (buffer, length);
  explicit_bzero (buffer, sizeof buffer);

  return password;
}

NdPassword *
nd_credentials_read_password_fd (int      fd,
                                 GError **error)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: where a password was read from, in "Cannot read the
   * password from %s: …" */
  return read_first_line (fd, _("standard input"), error);
}

NdPassword *
nd_credentials_read_password_file (const char  *path,
                                   GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *what = NULL;
  NdPassword *password;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  /* Translators: a file name in "Cannot read the password from %s: …" */
  what = g_strdup_printf (_("“%s”"), display);

  /* O_NONBLOCK: opening a FIFO nobody writes to must not hang here; it
   * is cleared below for the read. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int errsv = errno;

      set_file_error (error, what, g_strerror (errsv));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      set_file_error (error, what, g_strerror (errsv));
      close (fd);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      set_file_error (error, what, _("it is a folder"));
      close (fd);
      return NULL;
    }

  /* The check is on the file we opened (fstat), not on the name, so that
   * nobody can swap the file between the check and the read. */
  if (S_ISREG (st.st_mode) && (st.st_mode & S_IRWXO) != 0)
    {
      /* Translators: %s is the file; keep “chmod o-rwx” as it is */
      g_autofree char *message = g_strdup_printf (_("other users can access it; make it private first (chmod o-rwx %s)"),
                                                  display);

      set_file_error (error, what, message);
      close (fd);
      return NULL;
    }

  if (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
    {
      int errsv = errno;

      set_file_error (error, what, g_strerror (errsv));
      close (fd);
      return NULL;
    }

  password = read_first_line (fd, what, error);
  close (fd);

  return password;
}
