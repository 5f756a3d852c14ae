// bench-assessment: record size per hour vs one JSON object per sample, frame-thread cost of
// Recorder::push_frame, memory over a long session, and re-scoring a 10-minute record.
// Usage: bench-assessment [--hours H] [--realtime-s S] [--noise-mm N] [--rescore-min M]
//                         [--out DIR]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "assessment/reader.hpp"
#include "assessment/recorder.hpp"
#include "assessment/scoring.hpp"
#include "assessment/verifier.hpp"

namespace a = txr::assessment;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

double min_jerk(double tau) {
  tau = std::clamp(tau, 0.0, 1.0);
  return tau * tau * tau * (10.0 - 15.0 * tau + 6.0 * tau * tau);
}

// Head sway, hands doing minimum-jerk reaches between random targets every 1–2 s, a tool held
// rigidly in the right hand, Gaussian tracking noise (default σ 0.1 mm on positions and 5e-5 on
// quaternion components; --noise-mm changes both).
class MotionSource {
 public:
  explicit MotionSource(unsigned seed, double noise_m) : rng_(seed), noise_m_(noise_m) {
    for (auto& h : hands_) {
      h.from = h.to = {0.0, 1.1, -0.3};
      h.t0 = 0.0;
      h.duration = 1.0;
    }
  }

  a::RecordedFrame next(std::uint64_t index, double t) {
    a::RecordedFrame f;
    f.input.frame_index = index;
    f.input.time_s = t;
    f.input.T_world_head.position_m = {
        static_cast<float>(0.03 * std::sin(0.31 * t) + noise(noise_m_)),
        static_cast<float>(1.62 + 0.01 * std::sin(0.17 * t) + noise(noise_m_)),
        static_cast<float>(0.02 * std::sin(0.23 * t) + noise(noise_m_))};
    f.input.T_world_head.orientation = quat(0.2 * std::sin(0.2 * t), 0.1 * std::sin(0.13 * t));
    for (std::size_t h = 0; h < 2; ++h) {
      auto& m = hands_[h];
      if (t >= m.t0 + m.duration) {
        m.from = m.to;
        m.to = {(h == 0 ? -0.25 : 0.25) + uniform(-0.15, 0.15), 1.0 + uniform(-0.1, 0.2),
                -0.35 + uniform(-0.15, 0.15)};
        m.t0 = t;
        m.duration = uniform(0.6, 1.6);
      }
      const double s = min_jerk((t - m.t0) / m.duration);
      auto& hand = f.input.hands[h];
      hand.tracked = true;
      for (std::size_t k = 0; k < 3; ++k) {
        hand.T_world_grip.position_m[k] =
            static_cast<float>(m.from[k] + (m.to[k] - m.from[k]) * s + noise(noise_m_));
      }
      hand.T_world_grip.orientation = quat(0.5 * s + 0.1 * std::sin(t), 0.3 * std::sin(0.4 * t));
      hand.T_world_aim = hand.T_world_grip;
      hand.T_world_aim.position_m[2] -= 0.05f;
      hand.trigger = s > 0.9 ? 1.0f : 0.0f;
      hand.squeeze = h == 1 ? 1.0f : 0.0f;
    }
    f.tool.held = true;
    f.tool.tool_id = 2;
    f.tool.T_world_tool = f.input.hands[1].T_world_grip;
    f.tool.T_world_tool.position_m[1] -= 0.12f;
    return f;
  }

 private:
  struct Reach {
    std::array<double, 3> from, to;
    double t0, duration;
  };
  double noise(double sigma) {
    if (sigma <= 0.0) return 0.0;
    return std::normal_distribution<double>(0.0, sigma)(rng_);
  }
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  std::array<float, 4> quat(double yaw, double pitch) {
    const double cy = std::cos(yaw / 2), sy = std::sin(yaw / 2);
    const double cp = std::cos(pitch / 2), sp = std::sin(pitch / 2);
    return {static_cast<float>(sp * cy + noise(0.5 * noise_m_)),
            static_cast<float>(cp * sy + noise(0.5 * noise_m_)),
            static_cast<float>(-sp * sy + noise(0.5 * noise_m_)),
            static_cast<float>(cp * cy + noise(0.5 * noise_m_))};
  }
  std::mt19937 rng_;
  double noise_m_;
  std::array<Reach, 2> hands_{};
};

nlohmann::json pose_json(const txr::core::Pose& p) {
  return {{"p", {p.position_m[0], p.position_m[1], p.position_m[2]}},
          {"q", {p.orientation[0], p.orientation[1], p.orientation[2], p.orientation[3]}}};
}

// The naive baseline: one JSON object per sample with the same fields.
std::size_t json_size(const a::RecordedFrame& f) {
  nlohmann::json j;
  j["frame"] = f.input.frame_index;
  j["t"] = f.input.time_s;
  j["head"] = pose_json(f.input.T_world_head);
  for (std::size_t h = 0; h < 2; ++h) {
    const auto& hand = f.input.hands[h];
    j[h == 0 ? "left" : "right"] = {{"tracked", hand.tracked},
                                    {"grip", pose_json(hand.T_world_grip)},
                                    {"aim", pose_json(hand.T_world_aim)},
                                    {"trigger", hand.trigger},
                                    {"squeeze", hand.squeeze},
                                    {"stick", {hand.thumbstick[0], hand.thumbstick[1]}},
                                    {"buttons", hand.buttons}};
  }
  j["tool"] = {
      {"held", f.tool.held}, {"id", f.tool.tool_id}, {"pose", pose_json(f.tool.T_world_tool)}};
  return j.dump().size() + 1;  // one line per sample
}

// Fixed histogram (0.05 µs bins up to 2 ms) so measuring does not grow the heap during the run.
struct Latency {
  static constexpr double k_bin_us = 0.05;
  std::vector<std::uint64_t> bins = std::vector<std::uint64_t>(40000, 0);
  std::uint64_t count = 0;
  double max_us = 0.0;
  void add(double v) {
    const auto b = std::min(bins.size() - 1, static_cast<std::size_t>(v / k_bin_us));
    ++bins[b];
    ++count;
    max_us = std::max(max_us, v);
  }
  double pct(double p) const {
    if (p >= 1.0) return max_us;
    const auto target = static_cast<std::uint64_t>(p * static_cast<double>(count));
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < bins.size(); ++b) {
      seen += bins[b];
      if (seen > target) return (static_cast<double>(b) + 0.5) * k_bin_us;
    }
    return max_us;
  }
};

a::RecordHeader bench_header() {
  a::RecordHeader h;
  h.scenario_id = "bench/recorder";
  h.scenario_version = "1";
  h.scenario_content_hash = "0";
  h.device = "bench";
  h.mode = "headless";
  h.language = "en";
  h.trainee_id = "t-bench";
  return h;
}

// A rubric with every kind of criterion and every metric the record provides, so re-scoring
// decodes all frames and runs every motion metric (filtering, FFT) and the trade metrics.
txr::scenario::Scenario rescoring_rubric() {
  namespace sc = txr::scenario;
  sc::Scenario s;
  s.meta.id = "bench";
  s.meta.version = "1.0.0";
  s.meta.mastery_score = 70;
  s.meta.languages = {"en"};
  sc::Step step;
  step.id = "s";
  s.steps.push_back(step);
  auto crit = [&s](std::string id, sc::CriterionKind kind, double points) -> sc::Criterion& {
    sc::Criterion c;
    c.id = std::move(id);
    c.kind = kind;
    c.points = points;
    s.rubric.criteria.push_back(c);
    return s.rubric.criteria.back();
  };
  crit("steps", sc::CriterionKind::step_completion, 10);
  crit("safety", sc::CriterionKind::safety, 10).deduct_by_severity = {5, 10, 10};
  auto& time = crit("time", sc::CriterionKind::time, 10);
  time.full_at = 60;
  time.zero_at = 900;
  for (const auto metric : a::available_metric_names()) {
    auto& m = crit(std::string(metric), sc::CriterionKind::metric, 70.0 / 17.0);
    m.metric = std::string(metric);
    m.full_at = 0;
    m.zero_at = 100;
  }
  return s;
}

// Records `minutes` of session (frames, a step event per 10 s, a torque result per minute) and
// times Reader::open + events + frames + score_session, `repeats` times.
int rescore_benchmark(const std::filesystem::path& out, const a::RecorderOptions& options,
                      double minutes, double noise_m) {
  const auto path = out / "rescore.txrrec";
  auto rec = a::Recorder::open(path, bench_header(), options);
  if (!rec) return 1;
  MotionSource source(3, noise_m);
  const auto n = static_cast<std::uint64_t>(minutes * 60.0 * 90.0);
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto f = source.next(i, static_cast<double>(i) / 90.0);
    while ((*rec)->queue_depth() > 2048)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    (*rec)->push_frame(f.input, f.tool);
    if (i % 900 == 0) {
      (void)(*rec)->push_event(f.input.time_s, "step_started", "s", "{}");
    }
    if (i % 5400 == 0) {
      (void)(*rec)->push_event(f.input.time_s, "trade_result", "bolt_" + std::to_string(i / 5400),
                               R"({"detail":"torque_nm","value":73.1,"target":72})");
    }
  }
  (void)(*rec)->push_event(static_cast<double>(n) / 90.0, "step_completed", "s", "{}");
  (void)(*rec)->push_event(static_cast<double>(n) / 90.0, "attempt_ended", "",
                           R"({"detail":"completed"})");
  if (!(*rec)->close()) return 1;
  const auto rubric = rescoring_rubric();
  std::vector<double> times_s;
  double total = 0.0;
  std::size_t frames = 0;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = Clock::now();
    auto reader = a::Reader::open(path);
    if (!reader) return 1;
    auto events = reader->events();
    auto recorded = reader->frames();
    if (!events || !recorded) return 1;
    const auto report = a::score_session(rubric, *events, *recorded, "bench");
    times_s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    total = report.total;
    frames = recorded->size();
  }
  std::sort(times_s.begin(), times_s.end());
  std::printf(
      "re-score a %.0f-minute record (%zu frames, %zu criteria incl. every motion and trade "
      "metric): median %.3f s, min %.3f s, max %.3f s (total %.1f)\n",
      minutes, frames, rubric.rubric.criteria.size(), times_s[2], times_s.front(), times_s.back(),
      total);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  double hours = 2.0;
  double realtime_s = 20.0;
  double noise_mm = 0.1;
  double rescore_min = 10.0;
  std::filesystem::path out = std::filesystem::temp_directory_path() / "txr-bench-assessment";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--hours") == 0) hours = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--realtime-s") == 0) realtime_s = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--out") == 0) out = argv[i + 1];
    if (std::strcmp(argv[i], "--noise-mm") == 0) noise_mm = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--rescore-min") == 0) rescore_min = std::atof(argv[i + 1]);
  }
  std::filesystem::remove_all(out);
  std::filesystem::create_directories(out);
  a::RecorderOptions options;
  options.key_dir = out / "keys";

  // 1. A long session at full speed: size, memory, frame-thread cost (--hours 0 skips it).
  const double rate_hz = 90.0;
  if (hours > 0.0) {
    const auto n = static_cast<std::uint64_t>(hours * 3600.0 * rate_hz);
    auto rec = a::Recorder::open(out / "long.txrrec", bench_header(), options);
    if (!rec) {
      std::fprintf(stderr, "%s\n", rec.error().message.c_str());
      return 1;
    }
    MotionSource source(1, noise_mm * 1e-3);
    Latency fast;
    std::size_t json_bytes = 0;
    const long rss_start = rss_kb();
    long rss_mid = 0;
    const auto wall0 = Clock::now();
    std::uint64_t waits = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto f = source.next(i, static_cast<double>(i) / rate_hz);
      json_bytes += json_size(f);
      // Back-pressure for the benchmark only: a real frame thread never waits (it would drop).
      while ((*rec)->queue_depth() > 2048) {
        ++waits;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
      const auto t0 = Clock::now();
      (*rec)->push_frame(f.input, f.tool);
      fast.add(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      if (i % 900 == 0)
        (void)(*rec)->push_event(f.input.time_s, "step_completed", "s", R"({"ok":true})");
      if (i == n / 2) rss_mid = rss_kb();
    }
    const long rss_end = rss_kb();
    auto stats = (*rec)->close();
    const double wall_s = std::chrono::duration<double>(Clock::now() - wall0).count();
    if (!stats) {
      std::fprintf(stderr, "%s\n", stats.error().message.c_str());
      return 1;
    }
    const auto file_bytes = std::filesystem::file_size(out / "long.txrrec");
    const double raw_float_bytes = static_cast<double>(n) * (7 * 6 + 7) * 4.0;
    std::printf(
        "session: %.2f h at %.0f Hz = %llu frames (head + 2 hands + tool), noise %.2f mm, "
        "wall %.1f s\n",
        hours, rate_hz, static_cast<unsigned long long>(n), noise_mm, wall_s);
    std::printf("record file:        %.2f MB/hour (%.1f bytes/frame)\n",
                static_cast<double>(file_bytes) / hours / 1e6,
                static_cast<double>(file_bytes) / static_cast<double>(n));
    std::printf("JSON per sample:    %.1f MB/hour (%.1f bytes/frame)  ratio JSON/record = %.1fx\n",
                static_cast<double>(json_bytes) / hours / 1e6,
                static_cast<double>(json_bytes) / static_cast<double>(n),
                static_cast<double>(json_bytes) / static_cast<double>(file_bytes));
    std::printf("plain float32:      %.1f MB/hour  ratio = %.1fx\n", raw_float_bytes / hours / 1e6,
                raw_float_bytes / static_cast<double>(file_bytes));
    std::printf("compressed stream bytes: %.2f MB/hour (%.1f bytes/frame); SQLite + chain rest\n",
                static_cast<double>(stats->chunk_bytes) / hours / 1e6,
                static_cast<double>(stats->chunk_bytes) / static_cast<double>(n));
    std::printf("frames dropped %llu, write errors %llu, chunks %llu, producer waits %llu\n",
                static_cast<unsigned long long>(stats->frames_dropped),
                static_cast<unsigned long long>(stats->write_errors),
                static_cast<unsigned long long>(stats->chunks_written),
                static_cast<unsigned long long>(waits));
    std::printf("push_frame at full speed: median %.2f us, p99 %.2f us, max %.1f us\n",
                fast.pct(0.5), fast.pct(0.99), fast.pct(1.0));
    std::printf("RSS start %ld kB, middle %ld kB, end %ld kB\n", rss_start, rss_mid, rss_end);
    const auto report = a::verify_record(out / "long.txrrec");
    std::printf("verify: %s (%lld frames)\n", std::string(a::to_string(report.status)).c_str(),
                static_cast<long long>(report.frames));
  }

  // 2. Real time at 90 Hz: the frame thread's cost with cold caches between frames.
  if (realtime_s > 0.0) {
    auto rt = a::Recorder::open(out / "realtime.txrrec", bench_header(), options);
    if (!rt) return 1;
    Latency real;
    MotionSource source2(2, noise_mm * 1e-3);
    const auto start = Clock::now();
    for (std::uint64_t i = 0; static_cast<double>(i) / rate_hz < realtime_s; ++i) {
      const double t = static_cast<double>(i) / rate_hz;
      std::this_thread::sleep_until(start + std::chrono::duration<double>(t));
      const auto f = source2.next(i, t);
      const auto t0 = Clock::now();
      (*rt)->push_frame(f.input, f.tool);
      real.add(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    (void)(*rt)->close();
    std::printf(
        "push_frame in real time (%.0f s at 90 Hz): median %.2f us, p99 %.2f us, max %.1f us\n",
        realtime_s, real.pct(0.5), real.pct(0.99), real.pct(1.0));
  }

  // 3. Re-scoring a record from its data alone (--rescore-min 0 skips it).
  if (rescore_min > 0.0) return rescore_benchmark(out, options, rescore_min, noise_mm * 1e-3);
  return 0;
}
