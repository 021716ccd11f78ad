#!/usr/bin/env bash
# Runs a command on a private D-Bus bus with its own gnome-keyring whose files live in a
# throw-away folder: tests never see the developer's keyring.
# Usage: dbus-run-session -- scripts/lib/with-test-keyring.sh COMMAND...
#
# gnome-keyring-daemon aborts when a client is killed in the middle of a request (its NULL
# client assertion, GNOME/gnome-keyring#196; setup_killed kills set-up at random, so it can
# happen there). A daemon the test started by hand would then be gone for the rest of the
# run, and the bus would start the system's own daemon on the next call: locked, and on a
# developer's machine reading their real keyrings. So the private bus knows only one way to
# start the Secret Service: this script's, with the same folder and password. A daemon that
# aborts comes back unlocked, its items intact, at the next call.
set -euo pipefail
keyring_home=$(mktemp -d -t cp-test-keyring-XXXXXX)
bus_pid=
cleanup() {
  if [ -n "$bus_pid" ]; then kill "$bus_pid" 2>/dev/null || true; fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT
mkdir "$keyring_home/services"

# The daemon stores its keyrings under XDG_DATA_HOME; unlocking with a known password creates
# the default "login" collection at the first start, and opens it at every later one.
cat >"$keyring_home/start-keyring" <<EOF
#!/bin/sh
printf 'test-keyring-password' | XDG_DATA_HOME='$keyring_home' \\
  exec gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null
EOF
chmod +x "$keyring_home/start-keyring"
cat >"$keyring_home/services/org.freedesktop.secrets.service" <<EOF
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=$keyring_home/start-keyring
EOF
# The first service folder listed wins over the standard ones the session's own file adds
# (where the system's gnome-keyring and the accessibility bus the window uses are found).
cat >"$keyring_home/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$keyring_home/services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
EOF

dbus-daemon --config-file="$keyring_home/bus.conf" --fork --print-address=1 --print-pid=1 >"$keyring_home/bus"
{ read -r DBUS_SESSION_BUS_ADDRESS && read -r bus_pid; } <"$keyring_home/bus"
export DBUS_SESSION_BUS_ADDRESS
# Started now rather than at the first test's call, so a missing gnome-keyring fails here.
dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null
"$@"
