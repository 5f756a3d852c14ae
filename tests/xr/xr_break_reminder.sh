#!/usr/bin/env bash
# A scripted XR run under the simulated runtime (OpenXR core validation + Vulkan validation: any
# message makes tradexr exit 3) with the break reminder set to 0.05 min: the record gets one
# break_reminder event at 3 s of session time, and the HUD went to the runtime as a quad layer.
set -euo pipefail
tradexr="$1"; package="$2"; script="$3"; scratch="$4"; manifest="$5"
rm -rf "$scratch" && mkdir -p "$scratch/key" && chmod 700 "$scratch/key"
export TRADEXR_DATA_DIR="$scratch/data" TRADEXR_KEY_DIR="$scratch/key"
XR_RUNTIME_JSON="$manifest" XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation \
  TRADEXR_XRSIM_UNPACED=1 TRADEXR_XRSIM_RESOLUTION=32x32 TRADEXR_XRSIM_LOG="$scratch/xrsim.json" \
  "$tradexr" run "$package" --mode xr --validation --script "$script" --break-reminder-min 0.05 \
  --lang en --json > "$scratch/run.json"
python3 - "$scratch/run.json" "$scratch/xrsim.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
sim = json.load(open(sys.argv[2]))
times = [e["time_s"] for e in run["events"] if e["type"] == "break_reminder"]
assert times and abs(times[0] - 3.0) < 0.05, f"break reminders at {times}"
assert run["xr"]["hud_frames"] > 0, "no HUD quad layer"
assert sim["layers"]["quad"] == run["xr"]["hud_frames"], "the runtime saw other quad counts"
print(f"break reminder at {times[0]:.3f} s; {run['xr']['hud_frames']} HUD frames")
PY
