// Tool-technique bands on synthetic recordings: known angles, speeds and distances held for
// known shares of time, gated by holding the tool and by the current step.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "assessment/scoring.hpp"
#include "assessment/technique_metric.hpp"
#include "scenario/package_loader.hpp"
#include "test_support.hpp"

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
    // The worst the hand reached outside the band: its x axis 45 degrees from up.
    REQUIRE(r.worst_value.has_value());
    CHECK(*r.worst_value == doctest::Approx(45.0).epsilon(0.001));
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

TEST_CASE("[assessment] a hand band with while_holding counts only while that tool is held") {
  // The left hand within 0.3 m of a point, but only while the wrench (object 4) is held.
  auto b = band(scenario::TechniqueQuantity::distance_m, 0.0, 0.3);
  b.subject = "left_hand";
  b.while_holding = "wrench";
  b.while_holding_object = 4;
  std::vector<RecordedFrame> frames;
  for (int i = 0; i <= 500; ++i) {
    const double t = i / 100.0;  // 5 s
    RecordedFrame f = frame(t);
    auto& left = f.input.hands[static_cast<std::size_t>(core::Hand::left)];
    left.tracked = true;
    // Near (0.1 m) for the first 3 s, far (1 m) after.
    left.T_world_grip.position_m = {t < 3.0 ? 0.1f : 1.0f, 0.0f, 0.0f};
    // The wrench is held from 2 s to 4 s: 1 s near, 1 s far.
    f.tool.held = t >= 2.0 && t < 4.0;
    f.tool.tool_id = 5;
    frames.push_back(f);
  }
  const auto r = technique_band(b, frames, {});
  REQUIRE(r.fraction.has_value());
  CHECK(r.applicable_s == doctest::Approx(2.0).epsilon(0.02));
  CHECK(*r.fraction == doctest::Approx(0.5).epsilon(0.02));
  CHECK(r.worst_start_s == doctest::Approx(3.0).epsilon(0.01));
  CHECK(r.worst_end_s == doctest::Approx(4.0).epsilon(0.01));

  // Without the gate the whole 5 s apply.
  b.while_holding.clear();
  b.while_holding_object = -1;
  const auto always = technique_band(b, frames, {});
  REQUIRE(always.fraction.has_value());
  CHECK(always.applicable_s == doctest::Approx(5.0).epsilon(0.01));
  CHECK(*always.fraction == doctest::Approx(0.6).epsilon(0.02));
}

TEST_CASE("[assessment] a band with only a minimum distance keeps clear of a point") {
  // Stand off a live terminal at the origin by at least 0.5 m; no upper limit.
  auto b =
      band(scenario::TechniqueQuantity::distance_m, 0.5, std::numeric_limits<double>::infinity());
  std::vector<RecordedFrame> frames;
  for (int i = 0; i <= 400; ++i) {
    const double t = i / 100.0;  // 4 s: in from 2 m to the point at 1 m/s, then back out
    RecordedFrame f = frame(t);
    const double x = t < 2.0 ? 2.0 - t : t - 2.0;
    f.input.hands[1].T_world_grip.position_m = {static_cast<float>(x), 0.0f, 0.0f};
    frames.push_back(f);
  }
  const auto r = technique_band(b, frames, {});
  REQUIRE(r.fraction.has_value());
  // Closer than 0.5 m from 1.5 s to 2.5 s: 1 s of 4 s.
  CHECK(*r.fraction == doctest::Approx(0.75).epsilon(0.02));
  REQUIRE(r.worst_value.has_value());
  CHECK(*r.worst_value == doctest::Approx(0.0).epsilon(0.01));
}

TEST_CASE("[assessment] step windows run from a step's start to its completion") {
  auto event = [](double t, const char* type, const char* step) {
    RecordEvent e;
    e.time_s = t;
    e.type = type;
    e.subject = step;
    return e;
  };
  const std::vector<RecordEvent> events{
      event(0.5, "step_started", "set"),       event(2.0, "step_completed", "set"),
      event(2.0, "step_started", "tighten"),   event(3.0, "rule_violated", "over"),
      event(7.5, "step_completed", "tighten"), event(8.0, "step_started", "clean")};
  const auto w = step_windows(events);
  REQUIRE(w.size() == 3);
  CHECK(w[0].step_id == "set");
  CHECK(w[0].end_s == 2.0);
  CHECK(w[1].start_s == 2.0);
  CHECK(w[1].end_s == 7.5);
  CHECK(w[2].end_s > 1e9);  // never completed: open to the end of the record
}

TEST_CASE("[assessment] the score report lists every technique band with its time and evidence") {
  // The pick-place fixture with a band on its part (kept upright while placing it) and a
  // rubric line scoring it.
  auto loaded = scenario::load_package(test::source_dir() / "tests/session/fixtures/pick-place");
  REQUIRE(loaded.scenario);
  scenario::Scenario sc = *loaded.scenario;
  const int part = sc.find_object("part");
  REQUIRE(part >= 0);
  scenario::TechniqueBand upright = band(scenario::TechniqueQuantity::angle_deg, 0.0, 6.0);
  upright.id = "part_upright";
  upright.subject = "part";
  upright.subject_object = part;
  upright.axis = {0.0, 1.0, 0.0};
  upright.reference = {0.0, 1.0, 0.0};
  upright.during_step = "place_part";
  sc.technique.push_back(upright);
  scenario::Criterion line;
  line.id = "technique";
  line.kind = scenario::CriterionKind::metric;
  line.points = 10;
  line.metric = "technique.part_upright";
  line.full_at = 0.9;
  line.zero_at = 0.5;
  sc.rubric.criteria.push_back(line);
  // The place_part step from 1 s to 5 s; the part held upright until 4 s, then tilted 20 degrees.
  auto event = [](double t, const char* type, const char* step) {
    RecordEvent e;
    e.time_s = t;
    e.type = type;
    e.subject = step;
    e.payload_json = "{}";
    return e;
  };
  const std::vector<RecordEvent> events{event(1.0, "step_started", "place_part"),
                                        event(5.0, "step_completed", "place_part")};
  std::vector<RecordedFrame> frames;
  for (int i = 0; i <= 540; ++i) {
    const double t = i / 90.0;  // 6 s at 90 Hz
    RecordedFrame f = frame(t);
    f.tool.held = true;
    f.tool.tool_id = static_cast<std::uint32_t>(part + 1);
    f.tool.T_world_tool.orientation = about_z(t < 4.0 ? 0.0 : 20.0);
    frames.push_back(f);
  }
  const auto r = score_session(sc, events, frames);
  const auto it = std::find_if(r.technique.begin(), r.technique.end(),
                               [](const TechniqueSummary& t) { return t.id == "part_upright"; });
  REQUIRE(it != r.technique.end());
  REQUIRE(it->fraction.has_value());
  CHECK(it->subject == "part");
  CHECK(it->max == 6.0);
  CHECK(it->during_step == "place_part");
  CHECK(*it->fraction == doctest::Approx(0.75).epsilon(0.01));
  CHECK(it->applicable_s == doctest::Approx(4.0).epsilon(0.01));
  REQUIRE(it->worst_from_s.has_value());
  CHECK(*it->worst_from_s == doctest::Approx(4.0).epsilon(0.01));
  CHECK(*it->worst_to_s == doctest::Approx(5.0).epsilon(0.01));
  CHECK(*it->worst_value == doctest::Approx(20.0).epsilon(0.001));

  // The rubric line scoring it names the band's time and the stretch outside.
  const auto c = std::find_if(r.criteria.begin(), r.criteria.end(),
                              [](const CriterionScore& x) { return x.id == "technique"; });
  REQUIRE(c != r.criteria.end());
  REQUIRE(c->lines.size() == 1);
  CHECK(c->lines[0].evidence == "technique.part_upright");
  // 0.75 on a line from 0.5 (none) to 0.9 (all): 62.5 % of 10 points.
  CHECK(c->points_earned == doctest::Approx(6.25).epsilon(0.02));
  CHECK(c->measured == doctest::Approx(*it->fraction));
  // The last frame inside the step is at 4.99 s (the step ends at 5 s).
  CHECK(c->lines[0].text.find("longest outside it from 4 s to 4.99 s, reaching 20 deg") !=
        std::string::npos);

  const auto j = to_json(r);
  REQUIRE(j["technique"].is_array());
  const auto& band_json = j["technique"][0];
  REQUIRE(j["technique"].size() == 1);
  CHECK(band_json["metric"] == "technique.part_upright");
  CHECK(band_json["fraction"].get<double>() == *it->fraction);
  CHECK(band_json["applicable_s"].get<double>() == it->applicable_s);
  CHECK(band_json["worst_outside"]["from_s"].get<double>() == *it->worst_from_s);
  CHECK(to_text(r).find("technique.part_upright (") != std::string::npos);

  // No frames at all: the band is reported as not available with a reason, never NaN.
  const auto empty = score_session(sc, events, {});
  REQUIRE(empty.technique.size() == r.technique.size());
  CHECK_FALSE(empty.technique[0].fraction.has_value());
  CHECK_FALSE(empty.technique[0].why_not.empty());
  CHECK(to_json(empty)["technique"][0]["fraction"].is_null());
  CHECK(to_text(empty).find("not available") != std::string::npos);
}
