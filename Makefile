# Newsdesk: a thin wrapper around meson for the two commands of the README.
#   make run    install what is missing, build, start the app on the default database
#   make test   install what is missing, build (also with ASan/UBSan), run every suite
#   make build  build only; the binary is build/src/newsdesk
#   make bench  the benchmark (release build), see README
#   make fuzz   every fuzz target with libFuzzer for FUZZ_SECONDS each (clang)
# Everything real lives in meson.build; this file only orders the steps.

BUILD      ?= build
ASAN_BUILD ?= build-asan
BENCH_BUILD ?= build-bench
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 120
FUZZ_TARGETS = fuzz-text-format fuzz-json-import fuzz-date fuzz-search-query \
	fuzz-wp-answer fuzz-render
MESON      ?= meson

# Debian 12 packages: the build, the data validators, and what the tests
# start themselves (Xvfb, a D-Bus session, the keyring, WordPress: see
# tests/setup/wordpress/start; php8.2-cgi and micro-httpd satisfy the
# wordpress package's dependencies without Apache).
DEB_PACKAGES = \
	gcc meson ninja-build pkg-config gettext locales \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
	libgtksourceview-5-dev libsqlite3-dev libsoup-3.0-dev \
	libjson-glib-dev libsecret-1-dev libgexiv2-dev libcmark-dev \
	libgdk-pixbuf-2.0-dev webp-pixbuf-loader zlib1g-dev \
	desktop-file-utils appstream-util \
	xvfb xauth dbus dbus-x11 gnome-keyring \
	xdotool x11-utils libx11-dev libxdamage-dev gnome-text-editor \
	wordpress mariadb-server-core mariadb-client-core php8.2-cli php8.2 \
	php8.2-cgi micro-httpd curl openssl

.PHONY: all deps build run test bench fuzz clean

all: build

deps:
	@tests/setup/install-deps $(DEB_PACKAGES)

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --werror

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/data NEWSDESK_LOCALEDIR=$(CURDIR)/$(BUILD)/po \
	  $(BUILD)/src/newsdesk

test: deps
	@tests/setup/run-all-tests $(BUILD) $(ASAN_BUILD)

bench: deps
	@test -f $(BENCH_BUILD)/build.ninja || $(MESON) setup $(BENCH_BUILD) --buildtype=release
	$(MESON) compile -C $(BENCH_BUILD) tests/bench/nd-bench
	$(BENCH_BUILD)/tests/bench/nd-bench $(BENCH_ARGS)

# libFuzzer needs clang (Debian's clang 14); the libraries are built with
# its coverage and ASan/UBSan, see tests/fuzz/meson.build.
fuzz: deps
	@tests/setup/install-deps clang
	@test -f $(FUZZ_BUILD)/build.ninja || CC=clang $(MESON) setup $(FUZZ_BUILD) -Dfuzzing=true \
	  -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debugoptimized
	$(MESON) compile -C $(FUZZ_BUILD) $(addprefix tests/fuzz/,$(FUZZ_TARGETS))
	@tests/fuzz/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(BENCH_BUILD) $(FUZZ_BUILD)
