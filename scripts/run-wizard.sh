#!/usr/bin/env bash
# Installs what is missing, builds into build/ and opens the wizard. With no API URL configured
# the wizard runs on its embedded sandbox: no real account is created. Extra arguments go to the
# wizard (try --help).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vksignup_install_deps
if ! vksignup_build --target vkcloud-signup; then
  # A newer compiler may warn where ours does not: the wizard still opens, built without -Werror.
  vksignup_log "The build failed; trying once more with compiler warnings not treated as errors"
  VKSIGNUP_WERROR=OFF vksignup_build --target vkcloud-signup
fi
wizard="$VKSIGNUP_BUILD/app/wizard/vkcloud-signup"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  vksignup_log "The wizard is built, but this machine has no display to show it on."
  vksignup_log "Run this command again from a desktop session, or see it on a virtual display:"
  printf '  xvfb-run -a %s\n' "$wizard" >&2
  exit 0
fi
exec "$wizard" "$@"
