#!/usr/bin/env bash
# The README's main job: a trainee attempt of the reference scenario, scored and recorded.
# With a working display the attempt is shown in a window (the expert trainee script drives the
# hands, so it ends by itself); otherwise it runs headless. Either way it ends with the score,
# the signed session record and the score report. It also renders the reference workshop.
#   tools/run-reference.sh [extra tradexr run options, e.g. --lang en]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${TXR_BIN:-$root/build/release/bin/tradexr}"
package="$root/scenarios/mechanical/bolt-torque-intro"
script="$package/scripts/expert.yaml"
out_dir="$root/build/release/out"
if [[ ! -x "$bin" ]]; then
  echo "run-reference: $bin not found; build first (cmake --preset release && cmake --build --preset release)" >&2
  exit 1
fi
# A private runtime dir keeps the Vulkan loader quiet on machines without a login session.
if [[ -z "${XDG_RUNTIME_DIR:-}" || ! -d "${XDG_RUNTIME_DIR:-}" ]]; then
  export XDG_RUNTIME_DIR="$root/build/release/xdg-runtime"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

display_works() {
  [[ -n "${DISPLAY:-}" ]] || return 1
  if command -v xdpyinfo >/dev/null 2>&1; then
    xdpyinfo >/dev/null 2>&1
  else
    return 0  # let tradexr find out
  fi
}

mkdir -p "$out_dir"
"$bin" render "$root/assets/scenes/reference-workshop.gltf" \
  --out "$out_dir/reference-workshop.png" --width 1280 --height 720 >/dev/null
echo "run-reference: reference workshop rendered to $out_dir/reference-workshop.png"

mode=headless
if display_works; then mode=desktop; fi
echo "run-reference: running '$(basename "$package")' ($mode) with the expert trainee script"
if ! "$bin" run "$package" --mode "$mode" --script "$script" "$@"; then
  if [[ "$mode" == desktop ]]; then
    echo "run-reference: the window did not work; running headless instead" >&2
    "$bin" run "$package" --mode headless --script "$script" "$@"
  else
    exit 1
  fi
fi
