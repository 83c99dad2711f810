#!/usr/bin/env bash
# The packaging check (CTest test "package_deb", label "package"; run by ./scripts/test.sh and so by CI):
#   check-deb.sh <build-dir> <version> <app-id>
# builds the .deb with scripts/package.sh, checks its name, fields and declared dependencies (and that
# apt can resolve them), unpacks it into a scratch root, validates the desktop entry and the AppStream
# metainfo, checks the icons, and runs the unpacked programs: the wizard's --version and its first
# paint on the embedded sandbox (offscreen), and the sandbox program answering over HTTPS.
set -euo pipefail
build=$1 version=$2 app_id=$3
root_dir=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/vksignup-package.XXXXXX")
sandbox_pid=
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok: %s\n' "$*"; }

# --- Build: the last line of package.sh is the package's path --------------------------------------
deb=$(VKSIGNUP_BUILD="$build" "$root_dir/scripts/package.sh" 2>"$scratch/package.log" | tail -n 1) || {
  cat "$scratch/package.log" >&2
  fail "scripts/package.sh failed"
}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "vkcloud-signup_${version}_${arch}.deb" ] || fail "unexpected package name: $deb"
[ -f "$deb" ] || fail "no file at $deb"
ok "built $(basename "$deb")"

# --- Control fields and dependencies ---------------------------------------------------------------
[ "$(dpkg-deb -f "$deb" Package)" = vkcloud-signup ] || fail "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version field is not $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture field"
depends=$(dpkg-deb -f "$deb" Depends)
# From dpkg-shlibdeps (the libraries the programs link) and the plugins declared by hand.
for dep in libc6 libqt6core6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6keychain1 \
  libphonenumber8 libssl3 libqt6sql6-sqlite libqt6svg6; do
  grep -Eq "(^|, )${dep}[^,]*" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
ok "Depends: $depends"
# Every dependency resolves from the configured archives (Debian 12 main on a clean machine).
apt-get install --simulate -qq "$deb" >"$scratch/apt.log" 2>&1 || {
  cat "$scratch/apt.log" >&2
  fail "apt-get install --simulate $deb"
}
ok "apt-get install --simulate resolves the dependencies"
# Only files under /usr, no build paths.
if dpkg-deb -c "$deb" | awk '{print $6}' | grep -v '^\./usr/'; then
  fail "files outside /usr"
fi

# --- Unpack into a scratch root --------------------------------------------------------------------
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin"
for f in usr/bin/vkcloud-signup usr/bin/vkcloud-signup-sandbox "usr/share/applications/$app_id.desktop" \
  "usr/share/metainfo/$app_id.metainfo.xml" "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
  usr/share/vkcloud-signup/translations/vkcloud-signup_ru.qm; do
  [ -e "$root/$f" ] || fail "missing /$f"
done
if readelf -d "$bin/vkcloud-signup" | grep -Eq 'RUNPATH|RPATH'; then
  fail "the installed wizard carries a RUNPATH"
fi

# --- Desktop entry, icons, metainfo ----------------------------------------------------------------
desktop="$root/usr/share/applications/$app_id.desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate"
ok "desktop-file-validate $app_id.desktop"
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[ "$exec_line" = "vkcloud-signup %u" ] || fail "Exec= is '$exec_line'"
[ -x "$bin/${exec_line%% *}" ] || fail "Exec= names a program the package does not install"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ "$icon" = "$app_id" ] || fail "Icon= is '$icon'"
for size in 16 22 24 32 48 64 128 256; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png"
  file "$png" | grep -q "PNG image data, $size x $size" || fail "no ${size}x$size PNG icon: $(file "$png")"
done
ok "hicolor icons 16-256 and scalable"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
ok "appstreamcli validate --no-net $app_id.metainfo.xml"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" || fail "launchable"
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the newest <release> in the metainfo is $newest, the project is $version: add release notes"
grep -c '<screenshot' "$metainfo" | grep -qv '^0$' || fail "no screenshots"

# --- Run the unpacked programs: a throwaway home, no keychain, no display ---------------------------
mkdir -m 0700 "$scratch/run"
clean_env=(-u DISPLAY -u WAYLAND_DISPLAY HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run"
  XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share"
  DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-bus" QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false')
run() { env "${clean_env[@]}" "$@"; }
[ "$(run "$bin/vkcloud-signup" --version)" = "vkcloud-signup $version" ] || fail "vkcloud-signup --version"
[ "$(run "$bin/vkcloud-signup-sandbox" --version)" = "vkcloud-signup-sandbox $version" ] ||
  fail "vkcloud-signup-sandbox --version"
ok "--version: $version"

# As the menu entry starts it (with an invitation link for %u): the embedded sandbox starts and the
# wizard's window paints, then it exits.
paint=$(run timeout 60 "$bin/vkcloud-signup" --quit-after-first-paint "https://cloud.vk.com/invite/example") ||
  fail "the installed wizard did not paint its window (exit $?)"
grep -q "first paint" <<<"$paint" || fail "no first paint reported: $paint"
ok "$paint"
run timeout 60 "$bin/vkcloud-signup" --lang ru --quit-after-first-paint >/dev/null || fail "first paint in Russian"

# The sandbox program: listens over HTTPS with its own CA (SQLite plugin, TLS backend), stops on SIGTERM.
# exec: $! is the sandbox itself, so the signal reaches it.
(exec env "${clean_env[@]}" "$bin/vkcloud-signup-sandbox" --port 0 --data-dir "$scratch/sandbox" \
  --pbkdf2-iterations 1000 --insecure-test-kdf >"$scratch/sandbox.out" 2>"$scratch/sandbox.err") &
sandbox_pid=$!
for _ in $(seq 1 100); do
  grep -q '^Trust this CA certificate: ' "$scratch/sandbox.out" && break
  kill -0 "$sandbox_pid" 2>/dev/null || break
  sleep 0.1
done
url=$(sed -n 's/^Sandbox listening on //p' "$scratch/sandbox.out")
ca=$(sed -n 's/^Trust this CA certificate: //p' "$scratch/sandbox.out")
[ -n "$url" ] && [ -n "$ca" ] || fail "the sandbox did not start: $(cat "$scratch/sandbox.err")"
curl -fsS --cacert "$ca" "${url%/}/sandbox/v1/outbox?to=nobody@example.com" >/dev/null ||
  fail "the sandbox does not answer over verified HTTPS at $url"
kill -TERM "$sandbox_pid"
wait "$sandbox_pid" || fail "the sandbox did not exit cleanly on SIGTERM"
sandbox_pid=
ok "vkcloud-signup-sandbox answered at $url and stopped on SIGTERM"
echo "PASS: $(basename "$deb")"
