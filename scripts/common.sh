# Shared by run-wizard.sh and test.sh: install what is missing, configure and build into build/.
# shellcheck shell=bash
set -euo pipefail

VKSIGNUP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VKSIGNUP_BUILD=${VKSIGNUP_BUILD:-$VKSIGNUP_ROOT/build}

# Everything the project needs from Debian 12 / Ubuntu, in one apt line.
VKSIGNUP_PACKAGES=(
  cmake g++ make ccache pkg-config
  qt6-base-dev qtkeychain-qt6-dev qt6-tools-dev
  qt6-l10n-tools qt6-svg-dev qt6-translations-l10n libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
  libphonenumber-dev libssl-dev openssl
  xvfb xauth dbus gnome-keyring libsecret-tools xdg-utils fonts-dejavu-core
  # Packaging (scripts/package.sh) and its check: CPack's DEB generator, dpkg-shlibdeps, the validators.
  dpkg-dev file binutils desktop-file-utils appstream curl
  # The keyboard-only end-to-end test: real X input and the accessibility tree.
  xdotool at-spi2-core python3 python3-pyatspi imagemagick
)

vksignup_log() { printf '==> %s\n' "$*" >&2; }

vksignup_install_deps() {
  local missing=() p
  for p in "${VKSIGNUP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      vksignup_log "Missing packages and no root/sudo. Install them with:"
      printf '  apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
      exit 1
    fi
  fi
  vksignup_log "Installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine can have empty or stale lists: update only when something is missing.
  "${sudo[@]}" apt-get update -qq
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    vksignup_log "apt-get failed. Install these packages yourself, then run this command again:"
    printf '  apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
}

# Both README commands share one build: -Werror is on unless VKSIGNUP_WERROR says otherwise, and a
# build that exists keeps its setting, so running one command after the other rebuilds nothing.
vksignup_build() {
  export CCACHE_BASEDIR="$VKSIGNUP_ROOT" CCACHE_NOHASHDIR=1
  local args=()
  [ -n "${VKSIGNUP_WERROR:-}" ] && args+=(-DVKSIGNUP_WERROR="$VKSIGNUP_WERROR")
  if [ ! -f "$VKSIGNUP_BUILD/CMakeCache.txt" ]; then
    vksignup_log "Configuring into $VKSIGNUP_BUILD"
    cmake -S "$VKSIGNUP_ROOT" -B "$VKSIGNUP_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DVKSIGNUP_WERROR="${VKSIGNUP_WERROR:-ON}" >/dev/null
  elif [ ${#args[@]} -gt 0 ]; then
    cmake -S "$VKSIGNUP_ROOT" -B "$VKSIGNUP_BUILD" "${args[@]}" >/dev/null
  fi
  vksignup_log "Building (this takes a minute or two the first time)"
  cmake --build "$VKSIGNUP_BUILD" --parallel "$(nproc)" "$@"
}
