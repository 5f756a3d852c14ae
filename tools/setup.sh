#!/usr/bin/env bash
# Installs everything TradeXR needs on Debian 12. Idempotent and quick when all is present.
#   tools/setup.sh          Debian packages
#   tools/setup.sh --tests  also the npm test tools (a real xAPI LRS and validator) in .cache/
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

mapfile -t wanted < <(grep -v -e '^#' -e '^[[:space:]]*$' "$here/debian-packages.txt")
missing=()
for pkg in "${wanted[@]}"; do
  # node/npm may come from elsewhere on the machine; a working binary is enough.
  if [[ "$pkg" == nodejs || "$pkg" == npm ]] && command -v "${pkg/nodejs/node}" >/dev/null 2>&1; then
    continue
  fi
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  sudo_cmd=()
  [[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all ${#wanted[@]} Debian packages present"
fi

if [[ "${1:-}" == "--tests" && -f "$root/tools/lrs/package.json" ]]; then
  "$root/tools/lrs/install.sh"
fi
