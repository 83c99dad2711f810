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

# Small and scaled screens: the window sized to a 1024x640 screen (both languages), and the same
# logical size at 2x scale on a 2048x1280 screen. A few pages each: the tallest ones.
# tour <xvfb screen> <lang> <prefix> [env...]: runs the tour and keeps the pages listed in $keep.
keep=(03-account-ready 06-phone-call 08-card-declined 11-done 12-invitation)
tour() {
  local screen=$1 lang=$2 prefix=$3
  shift 3
  local dir
  dir=$(mktemp -d)
  xvfb-run -a -s "-screen 0 ${screen}x24" bash -c \
    'exec "$0" env DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb LANG=C.UTF-8 "$@"' \
    "$VKSIGNUP_ROOT/tests/with-keyring.sh" "$@" "$wizard" --lang "$lang" --screenshot-dir "$dir" >/dev/null
  local page
  for page in "${keep[@]}"; do
    cp "$dir/$page-$lang.png" "$out/$prefix-$page-$lang.png"
  done
  rm -rf "$dir"
}
rm -f "$out"/small-*.png "$out"/scale2x-*.png
for lang in en ru; do
  vksignup_log "Screenshots at 1024x640 ($lang)"
  tour 1024x640 "$lang" small
done
vksignup_log "Screenshots at 2x scale (en)"
tour 2048x1280 en scale2x QT_SCALE_FACTOR=2
ls -1 "$out"/*.png
