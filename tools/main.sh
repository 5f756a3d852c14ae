#!/usr/bin/env bash
# Quick-start command (a): install what is needed, build, and run the main job.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec tools/run-reference.sh "$@"
