<?php
/* newsdesk-test-site.php
 *
 * Copyright 2026 The Newsdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Must-use plugin of the test sites (linked into their wp-content/mu-plugins
 * by tests/setup/wordpress/start). Must-use plugins load before WordPress's
 * pluggable functions, so this wp_mail() replaces the real one: the sites
 * send no mail (there is no mail transport here, and waiting for one would
 * slow every user creation down).
 */

function wp_mail ($to, $subject, $message, $headers = '', $attachments = array ()) {
  return true;
}
