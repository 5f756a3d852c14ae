// Tool-technique bands on synthetic recordings: known angles, speeds and distances held for
// known shares of time, gated by holding the tool and by the current step.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "assessment/technique_metric.hpp"

using namespace txr;
using namespace txr::assessment;

namespace {

constexpr double k_pi = std::numbers::pi;

// A quaternion turning about world z by `deg`.
std::array<float, 4> about_z(double deg) {
  const double h = deg * k_pi / 360.0;
  return {0.0f, 0.0f, static_cast<float>(std::sin(h)), static_cast<float>(std::cos(h))};
}

RecordedFrame frame(double t) {
  RecordedFrame f;
  f.input.time_s = t;
  auto& right = f.input.hands[static_cast<std::size_t>(core::Hand::right)];
  right.tracked = true;
  return f;
}

scenario::TechniqueBand band(scenario::TechniqueQuantity q, double lo, double hi) {
  scenario::TechniqueBand b;
  b.id = "b";
  b.subject = "right_hand";
  b.quantity = q;
  b.min = lo;
  b.max = hi;
  return b;
}

}  // namespace

TEST_CASE("[assessment] a hand held at a known angle for three quarters of the time scores 0.75") {
  // The hand's x axis against world up: 90 degrees for 3 s, then turned 45 degrees for 1 s.
  auto b = band(scenario::TechniqueQuantity::angle_deg, 80.0, 100.0);
  b.axis = {1.0, 0.0, 0.0};
  b.reference = {0.0, 1.0, 0.0};
  for (double rate : {72.0, 90.0, 120.0}) {
    std::vector<RecordedFrame> frames;
    for (int i = 0; i <= static_cast<int>(4.0 * rate); ++i) {
      const double t = i / rate;
      RecordedFrame f = frame(t);
      f.input.hands[1].T_world_grip.orientation = about_z(t < 3.0 ? 0.0 : 45.0);
      frames.push_back(f);
    }
    const auto r = technique_band(b, frames, {});
    REQUIRE(r.fraction.has_value());
    CHECK(*r.fraction == doctest::Approx(0.75).epsilon(0.02));
    CHECK(r.applicable_s == doctest::Approx(4.0).epsilon(0.01));
    CHECK(r.worst_start_s == doctest::Approx(3.0).epsilon(0.02));
  }
}

TEST_CASE("[assessment] a speed band uses the filtered speed, a distance band the distance") {
  // 0.1 m/s for 2 s, then 0.5 m/s for 2 s, along x.
  std::vector<RecordedFrame> frames;
  double x = 0.0;
  for (int i = 0; i <= 360; ++i) {
    const double t = i / 90.0;
    RecordedFrame f = frame(t);
    f.input.hands[1].T_world_grip.position_m = {static_cast<float>(x), 1.0f, 0.0f};
    frames.push_back(f);
    x += (t < 2.0 ? 0.1 : 0.5) / 90.0;
  }
  const auto slow =
      technique_band(band(scenario::TechniqueQuantity::speed_m_s, 0.0, 0.2), frames, {});
  REQUIRE(slow.fraction.has_value());
  CHECK(*slow.fraction == doctest::Approx(0.5).epsilon(0.06));

  // Within 0.3 m of the origin: x passes 0.2 m at 2 s, then 0.3 m at 2.2 s.
  auto near = band(scenario::TechniqueQuantity::distance_m, 0.0, 0.3);
  near.point_m = {0.0, 1.0, 0.0};
  const auto d = technique_band(near, frames, {});
  REQUIRE(d.fraction.has_value());
  CHECK(*d.fraction == doctest::Approx(2.2 / 4.0).epsilon(0.03));
}

TEST_CASE("[assessment] a tool band counts only while the tool is held and its step is current") {
  auto b = band(scenario::TechniqueQuantity::angle_deg, 0.0, 10.0);
  b.subject = "wrench";
  b.subject_object = 4;
  b.axis = {0.0, 1.0, 0.0};
  b.reference = {0.0, 1.0, 0.0};
  std::vector<RecordedFrame> frames;
  for (int i = 0; i <= 600; ++i) {
    const double t = i / 100.0;  // 6 s
    RecordedFrame f = frame(t);
    // Held from 1 s to 5 s; square (0 degrees) until 4 s, tilted 30 degrees after.
    f.tool.held = t >= 1.0 && t < 5.0;
    f.tool.tool_id = 5;
    f.tool.T_world_tool.orientation = about_z(t < 4.0 ? 0.0 : 30.0);
    frames.push_back(f);
  }
  auto held = technique_band(b, frames, {});
  REQUIRE(held.fraction.has_value());
  CHECK(held.applicable_s == doctest::Approx(4.0).epsilon(0.02));
  CHECK(*held.fraction == doctest::Approx(0.75).epsilon(0.02));

  // Another tool number in the hand is not this tool.
  for (auto& f : frames) f.tool.tool_id = 2;
  CHECK_FALSE(technique_band(b, frames, {}).fraction.has_value());
  for (auto& f : frames) f.tool.tool_id = 5;

  // Only while step "tighten" is current (2 s to 3 s): all square.
  b.during_step = "tighten";
  const std::vector<StepWindow> windows{{"other", 0.0, 2.0}, {"tighten", 2.0, 3.0}};
  auto gated = technique_band(b, frames, windows);
  REQUIRE(gated.fraction.has_value());
  CHECK(gated.applicable_s == doctest::Approx(1.0).epsilon(0.03));
  CHECK(*gated.fraction == doctest::Approx(1.0));

  // A step that never came: no value (not NaN), and why.
  b.during_step = "never";
  const auto none = technique_band(b, frames, windows);
  CHECK_FALSE(none.fraction.has_value());
  CHECK(none.why_not.find("never") != std::string::npos);
  CHECK(technique_band(b, {}, {}).why_not.size() > 0);
}
