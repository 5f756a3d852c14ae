#!/usr/bin/env bash
# The README's main job for now: show the reference workshop. With a working display it opens
# `tradexr view`; otherwise it renders offscreen (lavapipe works) and prints the PNG path.
#   tools/run-reference.sh [extra tradexr view options, e.g. --frames 300]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${TXR_BIN:-$root/build/release/bin/tradexr}"
scene="$root/assets/scenes/reference-workshop.gltf"
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
    return 0  # let tradexr view find out
  fi
}

if display_works; then
  echo "run-reference: opening the reference workshop (Esc closes)"
  if "$bin" view "$scene" "$@"; then
    exit 0
  fi
  echo "run-reference: the window did not work; rendering offscreen instead" >&2
fi
mkdir -p "$out_dir"
"$bin" render "$scene" --out "$out_dir/reference-workshop.png" --width 1280 --height 720
