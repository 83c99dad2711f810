#!/bin/sh
# Runs "$@" with a real Secret Service: a private D-Bus session, a throwaway HOME and an
# unlocked gnome-keyring. Nothing touches the user's own keyring or home.
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vksignup-keyring.XXXXXX")
mkdir -m 0700 "$tmp/run"
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/.local/share" XDG_CONFIG_HOME="$tmp/.config"
unset DISPLAY WAYLAND_DISPLAY
export VKSIGNUP_TEST_HOME="$tmp"
dbus-run-session -- sh -c '
  eval "$(printf keyring-test-password | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  "$@"
  rc=$?
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
  exit $rc' sh "$@"
