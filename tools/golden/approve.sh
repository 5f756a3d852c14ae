#!/usr/bin/env bash
# Approves golden images on purpose: copies the actual images written by a failing golden test
# (<build>/golden-out/<name>.actual.png) over the expected ones (tests/render/golden/<name>.png,
# tests/xr/golden/ for names starting with xr-).
#   tools/golden/approve.sh [build-dir] [name...]   (default build/release, all actual images)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/release}"
shift || true
out="$build/golden-out"
if [[ ! -d "$out" ]]; then
  echo "approve: no $out - run the golden tests first (ctest -R golden)" >&2
  exit 1
fi
shopt -s nullglob
names=("$@")
if ((${#names[@]} == 0)); then
  for f in "$out"/*.actual.png; do names+=("$(basename "$f" .actual.png)"); done
fi
if ((${#names[@]} == 0)); then
  echo "approve: nothing to approve in $out (all golden tests pass?)"
  exit 0
fi
for name in "${names[@]}"; do
  src="$out/$name.actual.png"
  [[ -f "$src" ]] || { echo "approve: $src not found" >&2; exit 1; }
  dest="tests/render/golden/$name.png"
  [[ "$name" == xr-* ]] && dest="tests/xr/golden/$name.png"  # the XR eyes (tests/xr)
  cp "$src" "$root/$dest"
  echo "approved $dest"
done
