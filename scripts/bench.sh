#!/usr/bin/env bash
# Builds and runs every benchmark (docs/performance.md): the rules, key press to repaint (floor and
# wizard), start-up (floor and wizard, offscreen and on X11) and the sandbox's sign-ups per second.
# Benchmarks print figures; none is a test, and CI does not run them.
#   ./scripts/bench.sh            everything
#   RUNS=20 ./scripts/bench.sh    more start-up runs (default 10)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vksignup_install_deps
vksignup_build --target bench_floor bench_keystroke bench_core_rules bench_sandbox_signup \
  vkcloud-signup vkcloud-signup-sandbox
b=$VKSIGNUP_BUILD

vksignup_log "Rules (bench_core_rules)"
"$b/bench/bench_core_rules"

vksignup_log "Key press to end of repaint (bench_keystroke), offscreen"
QT_QPA_PLATFORM=offscreen "$b/bench/bench_keystroke" --floor
# The wizard's part talks to its own embedded sandbox and a private keychain (with-keyring.sh).
"$VKSIGNUP_ROOT/tests/with-keyring.sh" env QT_QPA_PLATFORM=offscreen "$b/bench/bench_keystroke" --wizard

vksignup_log "Start-up (bench/startup.py)"
python3 "$VKSIGNUP_ROOT/bench/startup.py" --build "$b" --runs "${RUNS:-10}"

vksignup_log "Sandbox sign-ups per second at the test KDF cost (bench_sandbox_signup)"
"$b/tests/sandbox/bench_sandbox_signup" --signups 600 --concurrency 4 --pbkdf2-iterations 1000
