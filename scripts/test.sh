#!/usr/bin/env bash
# Installs what is missing, builds into build/ and runs every test (CTest).
# Tests that need the OS keychain start their own private D-Bus session and gnome-keyring.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vksignup_install_deps
VKSIGNUP_WERROR=${VKSIGNUP_WERROR:-ON} vksignup_build
vksignup_log "Running the tests"
cd "$VKSIGNUP_BUILD"
# Most tests spend their time waiting (on servers, timers, a display), not computing: twice as many
# at once as there are cores keeps the cores busy. CTEST_PARALLEL_LEVEL overrides it.
ctest --output-on-failure --parallel "${CTEST_PARALLEL_LEVEL:-$(($(nproc) * 2))}" "$@"
