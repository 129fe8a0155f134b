<?php
/* install.php
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Installs a fresh test site (there is no wp-cli in Debian): run by
 * tests/setup/wordpress/start with php-cli, with ND_WP_ROOT naming the
 * site's document root, ND_WP_URL its address, ND_WP_PERMALINKS
 * "pretty" or "plain" and ND_WP_TIMEZONE the site's time zone. Makes an administrator and an
 * editor, each with an Application Password, and prints the shell lines
 * start passes on. The passwords are made here and only ever written to
 * stdout: never to a command line, a file or the environment.
 */

$url = getenv('ND_WP_URL');
$pretty = getenv('ND_WP_PERMALINKS') !== 'plain';

$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define('WP_INSTALLING', true);

/* Pluggable in wp-admin/includes/upgrade.php: no "new site" mail. */
function wp_new_blog_notification ($blog_title, $blog_url, $user_id, $password) {
}

require getenv('ND_WP_ROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-includes/class-wp-application-passwords.php';

function fail ($message) {
  fwrite(STDERR, "install.php: $message\n");
  exit(1);
}

$timezone = getenv('ND_WP_TIMEZONE') ?: 'UTC';
if (!in_array($timezone, timezone_identifiers_list(), true)) {
  fail("unknown time zone: $timezone");
}
/* In effect while wp_install() makes the first post, too. */
$site_timezone = function () use ($timezone) { return $timezone; };
add_filter('pre_option_timezone_string', $site_timezone);

/* wp_install() would otherwise try pretty permalinks by requesting the
 * site over HTTP; the structure is set below instead. */
$no_permalink_probe = function () { return '/%postname%/'; };
add_filter('pre_option_permalink_structure', $no_permalink_probe);
$result = wp_install('Newsdesk Test Site', 'admin', 'admin@example.org', false, '',
                     wp_generate_password(24));
remove_filter('pre_option_permalink_structure', $no_permalink_probe);
remove_filter('pre_option_timezone_string', $site_timezone);
if (is_wp_error($result) || empty($result['user_id'])) {
  fail('wp_install() failed');
}

update_option('timezone_string', $timezone);
update_option('gmt_offset', 0);

global $wp_rewrite;
$wp_rewrite->set_permalink_structure($pretty ? '/%year%/%monthnum%/%postname%/' : '');
$wp_rewrite->flush_rules(false);

$editor = wp_insert_user([
  'user_login'   => 'editor',
  'user_pass'    => wp_generate_password(24),
  'user_email'   => 'editor@example.org',
  'display_name' => 'Erika Editor',
  'role'         => 'editor',
]);
if (is_wp_error($editor)) {
  fail('cannot create the editor: ' . $editor->get_error_message());
}

function app_password ($user_id) {
  $created = WP_Application_Passwords::create_new_application_password($user_id,
                                                                     ['name' => 'newsdesk-tests']);
  if (is_wp_error($created)) {
    fail('cannot create an application password: ' . $created->get_error_message());
  }
  return $created[0];
}

$editor_password = app_password($editor);
$admin_password = app_password($result['user_id']);

/* Values are plain [A-Za-z0-9] (Application Passwords are 24 of those),
 * so the lines need no quoting, for a shell or for a C test. */
echo "ND_WP_USER=editor\n";
echo "ND_WP_PASSWORD=$editor_password\n";
echo "ND_WP_ADMIN_USER=admin\n";
echo "ND_WP_ADMIN_PASSWORD=$admin_password\n";
