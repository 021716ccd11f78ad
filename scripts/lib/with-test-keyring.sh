#!/usr/bin/env bash
# Runs a command inside the private D-Bus session that `dbus-run-session` made, with its own
# gnome-keyring whose files live in a throw-away folder: tests never see the developer's
# keyring. Usage: dbus-run-session -- scripts/lib/with-test-keyring.sh COMMAND...
set -euo pipefail
keyring_home=$(mktemp -d -t cp-test-keyring-XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
# The daemon stores its keyrings under XDG_DATA_HOME; unlocking with a known password creates
# the default "login" collection so the Secret Service is ready to store items.
printf 'test-keyring-password' | XDG_DATA_HOME="$keyring_home" \
  gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
