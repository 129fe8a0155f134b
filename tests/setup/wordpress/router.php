<?php
/* router.php
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Router for `php -S`, started by tests/setup/wordpress/start with the
 * site's private document root. The built-in server knows no rewrite
 * rules, so every path that is not a file goes to index.php, as Apache
 * with WordPress's .htaccess does for pretty permalinks (/wp-json/...).
 * With ND_WP_PERMALINKS=plain such paths are not found, as on a site
 * without rewrite rules.
 */

$root = $_SERVER['DOCUMENT_ROOT'];
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (str_contains($path, '..') || str_contains($path, "\0")) {
  http_response_code(400);
  return true;
}

if (is_file($root . $path) || is_file(rtrim($root . $path, '/') . '/index.php')) {
  return false; /* a script, a static file or a folder's index.php */
}

if (getenv('ND_WP_PERMALINKS') === 'plain') {
  http_response_code(404);
  header('Content-Type: text/html; charset=UTF-8');
  echo "<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>\n";
  return true;
}

$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
