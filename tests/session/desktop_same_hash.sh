#!/usr/bin/env bash
# The same trainee script run headless and in a desktop window (rendering every frame, Vulkan
# validation on) must end in the identical physics state.
set -euo pipefail
tradexr="$1"; package="$2"; script="$3"; scratch="$4"
rm -rf "$scratch" && mkdir -p "$scratch/key" && chmod 700 "$scratch/key"
export TRADEXR_DATA_DIR="$scratch/data" TRADEXR_KEY_DIR="$scratch/key"
hash_of() { sed -n 's/^physics hash: \([0-9a-f]*\).*/\1/p'; }
headless=$("$tradexr" run "$package" --mode headless --script "$script" --record "$scratch/h.txrec" | hash_of)
desktop=$(xvfb-run -a -s "-screen 0 1280x720x24 -noreset" \
  "$tradexr" run "$package" --mode desktop --fast --validation --script "$script" \
  --record "$scratch/d.txrec" --screenshot "$scratch/desktop.png" | hash_of)
echo "headless $headless"
echo "desktop  $desktop"
[[ -n "$headless" && "$headless" == "$desktop" ]] || { echo "physics hashes differ"; exit 1; }
[[ -s "$scratch/desktop.png" ]] || { echo "no screenshot"; exit 1; }
echo "identical physics hash"
