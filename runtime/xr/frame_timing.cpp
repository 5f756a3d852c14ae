#include "xr/frame_timing.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace txr::xr {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const auto index =
      static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(values.size())));
  return values[index - 1];
}

void FrameTiming::add_frame(std::int64_t predicted_display_ns, std::int64_t period_ns,
                            double cpu_ms) {
  cpu_ms_.push_back(cpu_ms);
  if (period_ns > 0) period_ns_ = period_ns;
  if (last_display_ns_ != 0 && period_ns_ > 0 && predicted_display_ns > last_display_ns_) {
    const double slots = static_cast<double>(predicted_display_ns - last_display_ns_) /
                         static_cast<double>(period_ns_);
    // Half a period of slack: runtimes jitter their predictions a little.
    if (slots >= 1.5) missed_ += static_cast<std::uint64_t>(std::llround(slots)) - 1;
  }
  last_display_ns_ = predicted_display_ns;
}

FrameTimingSummary FrameTiming::summary() const {
  FrameTimingSummary s;
  s.frames = cpu_ms_.size();
  s.missed_frames = missed_;
  s.refresh_hz = period_ns_ > 0 ? 1e9 / static_cast<double>(period_ns_) : 0.0;
  s.cpu_ms_median = percentile(cpu_ms_, 50.0);
  s.cpu_ms_p99 = percentile(cpu_ms_, 99.0);
  s.cpu_ms_max = cpu_ms_.empty() ? 0.0 : *std::max_element(cpu_ms_.begin(), cpu_ms_.end());
  return s;
}

std::string FrameTiming::to_json() const {
  const auto s = summary();
  return nlohmann::json{{"frames", s.frames},
                        {"missed_frames", s.missed_frames},
                        {"refresh_hz", std::round(s.refresh_hz * 100.0) / 100.0},
                        {"cpu_ms_median", s.cpu_ms_median},
                        {"cpu_ms_p99", s.cpu_ms_p99},
                        {"cpu_ms_max", s.cpu_ms_max}}
      .dump();
}

}  // namespace txr::xr
