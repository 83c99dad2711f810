#!/usr/bin/env bash
# Builds the wizard, walks every page on a throwaway sandbox under a virtual display (Xvfb) in
# English and in Russian, and writes a PNG of each page to docs/screenshots/.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vksignup_install_deps
vksignup_build --target vkcloud-signup-screenshots
wizard="$VKSIGNUP_BUILD/app/screenshots/vkcloud-signup-screenshots"
out="$VKSIGNUP_ROOT/docs/screenshots"
mkdir -p "$out"

# The keychain of the tour is a private one (with-keyring.sh): the user's own is never touched.
for lang in en ru; do
  vksignup_log "Screenshots ($lang)"
  rm -f "$out"/*-"$lang".png
  # with-keyring.sh clears DISPLAY for tests; the tour needs Xvfb's, so it is passed on explicitly.
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c \
    'exec "$0" env DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb LANG=C.UTF-8 "$@"' \
    "$VKSIGNUP_ROOT/tests/with-keyring.sh" "$wizard" --lang "$lang" --screenshot-dir "$out"
  rm -rf "$out/.sandbox-$lang"
done
# The same pages on a dark palette: a check that nothing depends on light colours.
vksignup_log "Screenshots (dark)"
dark=$(mktemp -d)
xvfb-run -a -s "-screen 0 1400x900x24" bash -c \
  'exec "$0" env DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb LANG=C.UTF-8 VKCLOUD_SIGNUP_DARK=1 "$@"' \
  "$VKSIGNUP_ROOT/tests/with-keyring.sh" "$wizard" --lang en --screenshot-dir "$dark" >/dev/null
cp "$dark/02-account-typing-en.png" "$out/dark-account-en.png"
cp "$dark/08-card-declined-en.png" "$out/dark-card-declined-en.png"
rm -rf "$dark"
ls -1 "$out"/*.png
