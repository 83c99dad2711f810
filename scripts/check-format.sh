#!/usr/bin/env bash
# Fails when a tracked C++ file does not follow .clang-format (fix with: clang-format -i FILE).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
VKSIGNUP_PACKAGES=(clang-format) # only what this check needs
vksignup_install_deps
cd "$VKSIGNUP_ROOT"
git ls-files -z -- '*.cpp' '*.h' | xargs -0 clang-format --dry-run -Werror
vksignup_log "Format: every tracked C++ file follows .clang-format"
