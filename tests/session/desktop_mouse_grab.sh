#!/usr/bin/env bash
# Desktop mode driven like a person would: under a virtual X display, synthetic mouse events
# (xdotool) press on the part, drag it across the bench and let go; Esc closes the window.
# The run's JSON must show the part grabbed and released by the mouse hand.
set -euo pipefail
tradexr="$1"; package="$2"; scratch="$3"
rm -rf "$scratch" && mkdir -p "$scratch/key" && chmod 700 "$scratch/key"
export TRADEXR_DATA_DIR="$scratch/data" TRADEXR_KEY_DIR="$scratch/key"
cat > "$scratch/drive.sh" <<'DRIVE'
#!/usr/bin/env bash
set -euo pipefail
"$1" run "$2" --mode desktop --frames 3000 --validation --json --record "$3/mouse.txrec" > "$3/run.json" &
app=$!
# Wait for the window, then for a few frames to be drawn.
timeout 120 xdotool search --sync --name "TradeXR" >/dev/null
sleep 3
# The part sits at about (865, 500) in the default desktop view (1280x720).
xdotool mousemove 865 500
sleep 1
xdotool mousedown 1
sleep 1
for x in 820 760 700 640 580; do xdotool mousemove "$x" 420; sleep 0.3; done
sleep 1
xdotool mouseup 1
sleep 1.5
xdotool keydown Escape
sleep 0.5
xdotool keyup Escape
wait "$app"
DRIVE
chmod +x "$scratch/drive.sh"
xvfb-run -a -s "-screen 0 1280x720x24 -noreset" "$scratch/drive.sh" "$tradexr" "$package" "$scratch"
flat=$(tr -d ' \n' < "$scratch/run.json")
grep -q '"subject":"part","time_s":[0-9.e+-]*,"type":"grabbed"' <<<"$flat" || { echo "part not grabbed"; cat "$scratch/run.json"; exit 1; }
grep -q '"subject":"part","time_s":[0-9.e+-]*,"type":"released"' <<<"$flat" || { echo "part not released"; exit 1; }
"$tradexr" replay "$scratch/mouse.txrec" | grep -q "identical to the live run" || { echo "replay differs"; exit 1; }
echo "desktop mouse grabbed and released the part"
