#!/usr/bin/env bash
# Quick-start command (b): install what is needed, build, and run the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/setup.sh --tests
cmake --preset release >/dev/null
cmake --build --preset release
tools/format.sh --check
ctest --preset release
