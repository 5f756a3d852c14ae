#!/usr/bin/env bash
# Headless with --render: every frame is drawn offscreen and the last saved as a PNG, and the
# physics hash is the same as the run without rendering. Without --render nothing is drawn.
set -euo pipefail
tradexr="$1"; package="$2"; script="$3"; scratch="$4"
rm -rf "$scratch" && mkdir -p "$scratch/key" && chmod 700 "$scratch/key"
export TRADEXR_DATA_DIR="$scratch/data" TRADEXR_KEY_DIR="$scratch/key"
"$tradexr" run "$package" --mode headless --script "$script" --json > "$scratch/plain.json"
"$tradexr" run "$package" --mode headless --script "$script" --json --render --validation \
  --screenshot "$scratch/last.png" > "$scratch/rendered.json"
python3 - "$scratch/plain.json" "$scratch/rendered.json" "$scratch/last.png" <<'CHECK'
import json, sys
plain, rendered = (json.load(open(p)) for p in sys.argv[1:3])
if plain["frames_rendered"] != 0:
    sys.exit("a headless run without --render drew %d frames" % plain["frames_rendered"])
if rendered["frames_rendered"] < rendered["frames"]:
    sys.exit("--render drew %d of %d frames" % (rendered["frames_rendered"], rendered["frames"]))
if plain["physics_hash"] != rendered["physics_hash"]:
    sys.exit("physics hash differs: %s vs %s" % (plain["physics_hash"], rendered["physics_hash"]))
with open(sys.argv[3], "rb") as f:
    head = f.read(24)
if head[:8] != b"\x89PNG\r\n\x1a\n" or int.from_bytes(head[16:20], "big") != 1280:
    sys.exit("the screenshot is not a 1280-pixel-wide PNG")
print("rendered %d frames, identical physics hash %s" % (rendered["frames_rendered"], plain["physics_hash"]))
CHECK
