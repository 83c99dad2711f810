#!/usr/bin/env bash
# Fails when a module in src/ includes or links a module it may not depend on (docs/architecture.md).
# The checker proves first that it can fail (--self-test), then checks the tree.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
VKSIGNUP_PACKAGES=(python3) # only what this check needs
vksignup_install_deps
cd "$VKSIGNUP_ROOT"
python3 scripts/check-dependencies.py --self-test
python3 scripts/check-dependencies.py
