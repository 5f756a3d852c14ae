// The precision binding without physics: engagement states are fed to it directly, as the
// interaction layer would after each physics step, and HUD commands are applied by object.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "session/session.hpp"
#include "session/trade_bindings.hpp"
#include "sim/precision/iso286.hpp"
#include "sim/precision/part.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

const auto k_package = test::source_dir() / "tests/precision-scenario/fixtures/gauge-bench";
constexpr double k_deg = 3.14159265358979323846 / 180.0;

// The oversize shaft's Ø25 h7 journal exactly as the fixture declares it (seed 7, main feature
// from -140 to 60 mm); target t_big sits at x = -40 mm, i.e. 100 mm into the feature, angle 0.
double big_true_diameter_mm() {
  sim::precision::ProcessSpec process;
  process.mean_offset_mm = 0.022;
  process.sd_mm = 0.002;
  const sim::precision::TurnedShaft shaft("ref", *sim::precision::iso286_zone(25.0, "h7"), 200.0,
                                          process, 7);
  return shaft.local_diameter_mm(100.0, 0.0);
}

struct Bench {
  scenario::Scenario sc;
  scenario::StateTable state;
  std::unique_ptr<session::TradeBindings> trade;
  physics::InteractionState act;
  std::vector<std::string> events;  // "kind:source"
  double time_s = 0.0;

  Bench() {
    auto loaded = session::load_scenario(k_package);
    for (const auto& f : loaded.diagnostics.findings()) MESSAGE(f.to_string(k_package.string()));
    REQUIRE(loaded.scenario.has_value());
    sc = std::move(*loaded.scenario);
    state = sc.initial_state;
    auto created = session::TradeBindings::create(sc, state);
    if (!created) MESSAGE(created.error().to_string());
    REQUIRE(created.has_value());
    trade = std::move(*created);
    trade->set_event_callback([this](const sim::SimEvent& e, const std::string&) {
      events.push_back(std::string(sim::to_string(e.kind)) + ":" + std::string(e.source));
    });
    act.tools = {{"micrometer", "", 0.0f, 0.0f, 0.0f}, {"caliper", "", 0.0f, 0.0f, 0.0f}};
    act.hands[1].held_body = "micrometer";
    step();
  }
  void engage(const char* tool, const char* target, double rotation_rad, double tilt_rad) {
    for (auto& t : act.tools) {
      if (t.tool != tool) continue;
      t.target = target;
      t.rotation_rad = static_cast<float>(rotation_rad);
      t.angle_error_rad = static_cast<float>(tilt_rad);
    }
    step();
  }
  void step() {
    time_s += 1.0 / 240.0;
    trade->step(time_s, 1.0 / 240.0, act);
  }
  bool ui(core::UiCommandKind kind, const std::string& object, float value = 0.0f) {
    return trade->apply_ui({kind, sc.find_object(object), value}, object);
  }
  double number(const std::string& name) const { return state.number(*state.find(name)); }
  bool boolean(const std::string& name) const { return state.boolean(*state.find(name)); }
  std::string text(const std::string& name) const {
    return std::string(state.text(*state.find(name)));
  }
  bool saw(const std::string& event) const {
    return std::find(events.begin(), events.end(), event) != events.end();
  }
};

}  // namespace

TEST_CASE("[precision-scenario] an ideal micrometer reading is the true size to 0.01 mm") {
  Bench b;
  REQUIRE(b.ui(core::UiCommandKind::confirm, "micrometer"));  // zeroed while held and free
  CHECK(b.boolean("micrometer.zeroed"));
  CHECK(b.saw("zeroed:micrometer"));
  b.engage("micrometer", "t_big", -60.0 * k_deg, 0.0);  // by the ratchet, square
  const double expected = std::round(big_true_diameter_mm() / 0.01) * 0.01;
  CHECK(b.number("micrometer.reading_mm") == doctest::Approx(expected).epsilon(1e-12));
  CHECK(b.number("micrometer.force_n") == doctest::Approx(7.0));  // ratchet holds 7 N
  CHECK(b.saw("click:micrometer"));                               // the ratchet slipped
  REQUIRE(b.ui(core::UiCommandKind::record_reading, "micrometer"));
  CHECK(b.number("shaft_big.readings_count") == 1.0);
  CHECK(b.number("shaft_big.diameter_readings") == 1.0);
  CHECK(std::fabs(b.number("shaft_big.reading_error_mm")) <= 0.005 + 1e-9);
  CHECK(b.saw("reading_recorded:shaft_big"));
  CHECK_FALSE(b.saw("not_zeroed:micrometer"));
}

TEST_CASE("[precision-scenario] a tilted instrument reads long, a tiny tilt seats itself") {
  Bench square;
  square.ui(core::UiCommandKind::confirm, "micrometer");
  square.engage("micrometer", "t_big", -30.0 * k_deg, 1.0 * k_deg);  // within the 1.5° seating
  const double square_mm = square.number("micrometer.reading_mm");
  CHECK(square.number("micrometer.tilt_deg") == 0.0);

  Bench tilted;
  tilted.ui(core::UiCommandKind::confirm, "micrometer");
  tilted.engage("micrometer", "t_big", -30.0 * k_deg, 6.0 * k_deg);
  CHECK(tilted.number("micrometer.tilt_deg") == doctest::Approx(4.5).epsilon(1e-5));
  // (D + w sin θ)/cos θ with the 6.35 mm faces: about half a millimetre long at 4.5°.
  CHECK(tilted.number("micrometer.reading_mm") > square_mm + 0.4);
  tilted.ui(core::UiCommandKind::record_reading, "micrometer");
  CHECK(tilted.number("shaft_big.reading_error_mm") > 0.4);
  CHECK(tilted.saw("tilted:micrometer"));
}

TEST_CASE("[precision-scenario] an unzeroed instrument carries its zero error into the record") {
  Bench b;
  CHECK(b.number("micrometer.reading_mm") == doctest::Approx(-0.02));  // closed, not zeroed
  b.engage("micrometer", "t_big", -30.0 * k_deg, 0.0);
  const double expected = std::round((big_true_diameter_mm() - 0.02) / 0.01) * 0.01;
  CHECK(b.number("micrometer.reading_mm") == doctest::Approx(expected).epsilon(1e-12));
  b.ui(core::UiCommandKind::record_reading, "shaft_big");  // by part: its last instrument
  CHECK(b.number("micrometer.unzeroed_readings") == 1.0);
  CHECK(b.number("shaft_big.reading_error_mm") < -0.01);
  CHECK(b.saw("not_zeroed:micrometer"));
}

TEST_CASE("[precision-scenario] turning the thimble past contact is excess force and reads short") {
  Bench b;
  b.ui(core::UiCommandKind::confirm, "micrometer");
  b.engage("micrometer", "t_big", -30.0 * k_deg, 0.0);
  const double light_mm = b.number("micrometer.reading_mm");
  REQUIRE(b.ui(core::UiCommandKind::set_value, "micrometer", 0.0f));  // thimble, no ratchet
  CHECK_FALSE(b.boolean("micrometer.ratchet"));
  b.engage("micrometer", "t_big", -150.0 * k_deg, 0.0);  // 52.5 N
  CHECK(b.boolean("micrometer.excess_force"));
  CHECK(b.number("micrometer.force_n") == doctest::Approx(52.5));
  CHECK(b.number("micrometer.reading_mm") < light_mm);
  CHECK(b.saw("excess_force:micrometer"));
  b.engage("micrometer", "", 0.0, 0.0);  // taken off: the force is gone, the reading stays
  CHECK_FALSE(b.boolean("micrometer.excess_force"));
  CHECK(b.number("micrometer.reading_mm") < light_mm);
}

TEST_CASE("[precision-scenario] the judgement is checked against the part, not the readings") {
  Bench b;
  CHECK_FALSE(b.boolean("shaft_big.conforms"));  // drawn 0.022 mm above mid-zone: oversize
  CHECK(b.boolean("shaft_good.conforms"));
  CHECK(b.text("shaft_big.judgement").empty());
  REQUIRE(b.ui(core::UiCommandKind::judge_reject, "shaft_big"));
  CHECK(b.text("shaft_big.judgement") == "reject");
  CHECK(b.boolean("shaft_big.judgement_correct"));
  REQUIRE(b.ui(core::UiCommandKind::judge_accept, "shaft_big"));  // changes its mind: wrong
  CHECK(b.text("shaft_big.judgement") == "accept");
  CHECK_FALSE(b.boolean("shaft_big.judgement_correct"));
  REQUIRE(b.ui(core::UiCommandKind::judge_accept, "shaft_good"));
  CHECK(b.boolean("shaft_good.judgement_correct"));
  CHECK(b.saw("judgement_made:shaft_good"));
}

TEST_CASE("[precision-scenario] the caliper measures the step and zeroing needs it free") {
  Bench b;
  b.act.hands[1].held_body = "caliper";
  b.step();
  b.engage("caliper", "t_step", -10.0 * k_deg, 0.0);
  CHECK_FALSE(b.ui(core::UiCommandKind::confirm, "caliper"));  // jaws on the part: no zeroing
  REQUIRE(b.ui(core::UiCommandKind::record_reading, "caliper"));
  CHECK(b.number("shaft_big.step_readings") == 1.0);
  CHECK(b.number("caliper.unzeroed_readings") == 1.0);
  // 0.04 mm zero error on a 0.02 mm caliper: the reading is 0.04 long, to one division.
  CHECK(b.number("shaft_big.reading_error_mm") == doctest::Approx(0.04).epsilon(0.3));
  b.engage("caliper", "", 0.0, 0.0);
  REQUIRE(b.ui(core::UiCommandKind::confirm, "caliper"));
  CHECK(b.number("caliper.reading_mm") == 0.0);
  b.engage("caliper", "t_step", -10.0 * k_deg, 0.0);
  b.ui(core::UiCommandKind::record_reading, "caliper");
  CHECK(std::fabs(b.number("shaft_big.reading_error_mm")) <= 0.01 + 1e-9);
  // A reading is a whole number of 0.02 mm divisions.
  const double divisions = b.number("caliper.reading_mm") / 0.02;
  CHECK(divisions == doctest::Approx(std::round(divisions)).epsilon(1e-9));
}

TEST_CASE("[precision-scenario] a target off every measured diameter is a load error") {
  auto loaded = session::load_scenario(k_package);
  REQUIRE(loaded.scenario.has_value());
  scenario::Scenario sc = std::move(*loaded.scenario);
  for (auto& object : sc.objects) {
    for (auto& in : object.interactions) {
      for (auto& t : in.targets) {
        if (t.id == "t_step") t.point_m = {0.5, 0.0125, 0.0};  // 500 mm: beyond the step
      }
    }
  }
  scenario::StateTable state = sc.initial_state;
  auto created = session::TradeBindings::create(sc, state);
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().message.find("t_step") != std::string::npos);
  CHECK(created.error().message.find("outside every measured diameter") != std::string::npos);
}
