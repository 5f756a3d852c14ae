#!/usr/bin/env bash
# The same trainee script headless and in XR mode under the simulated runtime (OpenXR core
# validation layer + Vulkan validation on: any message makes tradexr exit 3) must reach the
# same outcome and physics hash.
set -euo pipefail
tradexr="$1"; package="$2"; script="$3"; scratch="$4"; manifest="$5"
rm -rf "$scratch" && mkdir -p "$scratch/key" && chmod 700 "$scratch/key"
export TRADEXR_DATA_DIR="$scratch/data" TRADEXR_KEY_DIR="$scratch/key"
summary() { sed -n -e 's/^physics hash: \([0-9a-f]*\).*/hash \1/p' -e 's/^outcome: \([a-z_]*\).*/outcome \1/p'; }
headless=$("$tradexr" run "$package" --mode headless --script "$script" --record "$scratch/h.txrec" | summary)
xr=$(XR_RUNTIME_JSON="$manifest" XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation \
  TRADEXR_XRSIM_UNPACED=1 TRADEXR_XRSIM_RESOLUTION=96x96 TRADEXR_XRSIM_LOG="$scratch/xrsim.json" \
  "$tradexr" run "$package" --mode xr --validation --script "$script" --record "$scratch/x.txrec" | summary)
echo "headless: $headless"
echo "xr:       $xr"
[[ -n "$headless" && "$headless" == "$xr" ]] || { echo "outcome or physics hash differ"; exit 1; }
grep -q '"projection"' "$scratch/xrsim.json" || { echo "the runtime saw no frames"; exit 1; }
echo "same outcome and physics hash"
