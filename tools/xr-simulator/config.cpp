#include "config.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace txr::xrsim {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

template <class T>
bool parse_number(std::string_view text, T& out) {
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

std::expected<Config, std::string> config_from_env() {
  Config c;
  if (const std::string res = env("TRADEXR_XRSIM_RESOLUTION"); !res.empty()) {
    const auto x = res.find('x');
    if (x == std::string::npos || !parse_number(std::string_view(res).substr(0, x), c.width) ||
        !parse_number(std::string_view(res).substr(x + 1), c.height) || c.width == 0 ||
        c.height == 0 || c.width > 8192 || c.height > 8192) {
      return std::unexpected("TRADEXR_XRSIM_RESOLUTION=" + res +
                             ": expected WIDTHxHEIGHT, e.g. 512x512 (1..8192)");
    }
  }
  if (const std::string hz = env("TRADEXR_XRSIM_REFRESH_HZ"); !hz.empty()) {
    if (!parse_number(std::string_view(hz), c.refresh_hz) || c.refresh_hz < 1.0 ||
        c.refresh_hz > 1000.0) {
      return std::unexpected("TRADEXR_XRSIM_REFRESH_HZ=" + hz + ": expected 1..1000, e.g. 90");
    }
  }
  if (const std::string unpaced = env("TRADEXR_XRSIM_UNPACED"); !unpaced.empty()) {
    c.paced = !(unpaced == "1" || unpaced == "true" || unpaced == "yes");
  }
  if (const std::string ipd = env("TRADEXR_XRSIM_IPD_MM"); !ipd.empty()) {
    float mm = 0.0f;
    if (!parse_number(std::string_view(ipd), mm) || mm < 40.0f || mm > 90.0f) {
      return std::unexpected("TRADEXR_XRSIM_IPD_MM=" + ipd + ": expected 40..90");
    }
    c.ipd_m = mm / 1000.0f;
  }
  if (const std::string profile = env("TRADEXR_XRSIM_PROFILE"); !profile.empty()) {
    c.profile = profile;  // validated against the known profiles by the instance
  }
  if (const std::string hands = env("TRADEXR_XRSIM_HAND_TRACKING"); !hands.empty()) {
    if (hands != "0" && hands != "1") {
      return std::unexpected("TRADEXR_XRSIM_HAND_TRACKING=" + hands +
                             ": expected 1 (offer XR_EXT_hand_tracking) or 0 (do not)");
    }
  }
  c.script_path = env("TRADEXR_XRSIM_SCRIPT");
  c.capture_dir = env("TRADEXR_XRSIM_CAPTURE_DIR");
  c.log_path = env("TRADEXR_XRSIM_LOG");
  c.vk_device = env("TRADEXR_XRSIM_VK_DEVICE");
  const std::string frames = env("TRADEXR_XRSIM_CAPTURE_FRAMES");
  if (frames.empty() || frames == "all") {
    c.capture.every = 1;
  } else if (frames.starts_with("every:")) {
    if (!parse_number(std::string_view(frames).substr(6), c.capture.every) ||
        c.capture.every == 0) {
      return std::unexpected("TRADEXR_XRSIM_CAPTURE_FRAMES=" + frames +
                             ": expected every:N, N > 0");
    }
  } else {
    std::string_view rest = frames;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::uint64_t n = 0;
      if (!parse_number(rest.substr(0, comma), n)) {
        return std::unexpected("TRADEXR_XRSIM_CAPTURE_FRAMES=" + frames +
                               ": expected all, every:N or a list like 0,10,20");
      }
      c.capture.frames.insert(n);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return c;
}

bool hand_tracking_offered() { return env("TRADEXR_XRSIM_HAND_TRACKING") != "0"; }

}  // namespace txr::xrsim
