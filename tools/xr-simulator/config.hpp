#pragma once
// Config: the simulator's settings, read from TRADEXR_XRSIM_* environment variables when an
// instance is created (see README.md).
#include <cstdint>
#include <expected>
#include <set>
#include <string>

namespace txr::xrsim {

// Which submitted frames to save as PNG (frame = 0-based count of xrEndFrame calls).
struct CaptureSpec {
  std::uint64_t every = 0;         // every Nth frame (0: use `frames`)
  std::set<std::uint64_t> frames;  // explicit frame numbers
  bool wants(std::uint64_t frame) const {
    return every != 0 ? frame % every == 0 : frames.count(frame) != 0;
  }
};

struct Config {
  std::uint32_t width = 512;  // recommended per-eye image size
  std::uint32_t height = 512;
  double refresh_hz = 90.0;
  bool paced = true;  // false: xrWaitFrame never sleeps, time advances one period per frame
  float ipd_m = 0.063f;
  std::string profile = "/interaction_profiles/khr/simple_controller";
  std::string script_path;
  std::string capture_dir;
  CaptureSpec capture;
  std::string log_path;
  std::string vk_device;  // substring of the Vulkan device name to report; empty: first
};

// TRADEXR_XRSIM_HAND_TRACKING=0 hides XR_EXT_hand_tracking (a headset without hand tracking).
// Read on every call: the extension list is asked for before any instance exists.
bool hand_tracking_offered();

// Reads the environment; an error names the variable and what it expects.
std::expected<Config, std::string> config_from_env();

}  // namespace txr::xrsim
