#!/usr/bin/env bash
# Builds the Debian package vkcloud-signup_<version>_<arch>.deb with CPack, reusing build/ when it is
# there, and prints the package's path on its last line. Install it with: sudo apt-get install ./<path>
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vksignup_install_deps
# Keep the build's own warnings setting: switching it would rebuild everything.
if [ -f "$VKSIGNUP_BUILD/CMakeCache.txt" ] && [ -z "${VKSIGNUP_WERROR:-}" ]; then
  VKSIGNUP_WERROR=$(sed -n 's/^VKSIGNUP_WERROR:BOOL=//p' "$VKSIGNUP_BUILD/CMakeCache.txt")
fi
# Only what the package holds; the tests are not part of it.
VKSIGNUP_WERROR=${VKSIGNUP_WERROR:-OFF} vksignup_build --target vkcloud-signup vkcloud-signup-sandbox vksignup_icons

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$VKSIGNUP_BUILD/CMakeCache.txt")
deb="$VKSIGNUP_BUILD/packages/vkcloud-signup_${version}_$(dpkg --print-architecture).deb"
rm -f "$deb"
vksignup_log "Packaging (CPack, dpkg-shlibdeps)"
(cd "$VKSIGNUP_BUILD" && cpack -G DEB --config CPackConfig.cmake) >&2
if [ ! -f "$deb" ]; then
  vksignup_log "CPack did not produce $deb"
  exit 1
fi
echo "$deb"
