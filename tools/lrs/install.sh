#!/usr/bin/env bash
# Installs the test-only LRS and validator (package-lock.json pinned) into tools/lrs/node_modules.
# Idempotent: does nothing when node_modules matches the lock file (checked by a stamp).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
stamp="node_modules/.txr-install-stamp"
want="$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "lrs: test LRS already installed"
  exit 0
fi
command -v node >/dev/null || { echo "lrs: node not found (install the Debian package nodejs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "lrs: npm not found (install the Debian package npm)" >&2; exit 1; }
echo "lrs: installing the test LRS (npm ci, about a minute)"
# npm ci installs exactly the lock file. --no-audit/--no-fund keep it quiet and offline-friendly;
# engine warnings (xapi-statements declares node 6-8) are expected and harmless.
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
