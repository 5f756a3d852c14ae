// The `bolted_joint` binding: wrench strokes on a joint's fasteners, fed as a physics step would
// (the wrench engaged on a target, turned about it), reach the joint model and the procedure
// check, and come back as state and events.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "session/session.hpp"
#include "session/trade_bindings.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

constexpr double k_dt_s = 1.0 / 240.0;

struct Rig {
  scenario::Scenario scenario;
  scenario::StateTable state;
  std::unique_ptr<session::TradeBindings> trade;
  std::vector<std::pair<std::string, std::string>> events;  // type, detail
  double time_s = 0.0;

  double number(const std::string& name) const { return state.number(*state.find(name)); }
  bool boolean(const std::string& name) const { return state.boolean(*state.find(name)); }
  std::string text(const std::string& name) const {
    return std::string(state.text(*state.find(name)));
  }
  std::size_t count(const std::string& type) const {
    std::size_t n = 0;
    for (const auto& e : events) n += e.first == type ? 1u : 0u;
    return n;
  }

  void step(const std::string& target, double rotation_rad) {
    physics::InteractionState in;
    physics::EngagementState tool;
    tool.tool = "wrench";
    tool.target = target;
    tool.rotation_rad = static_cast<float>(rotation_rad);
    in.tools.push_back(tool);
    time_s += k_dt_s;
    trade->step(time_s, k_dt_s, in);
  }
  void set_wrench(double nm) {
    core::UiCommand c;
    c.kind = core::UiCommandKind::set_value;
    c.value = static_cast<float>(nm);
    REQUIRE(trade->apply_ui(c, "wrench"));
  }
  // Puts the wrench on `target`, turns it clockwise slowly until it clicks (or `max_rad`),
  // holds a moment and takes it off.
  void pull(const std::string& target, double max_rad = 0.6) {
    const std::size_t clicks = count("click");
    double rot = 0.0;
    for (int i = 0; i < 4000 && count("click") == clicks && rot < max_rad; ++i) {
      rot += 0.05 * k_dt_s;  // 0.05 rad/s (7.5 N·m/s): a slow pull, little overshoot
      step(target, -rot);
    }
    for (int i = 0; i < 24; ++i) step(target, -rot);
    step("", 0.0);
  }
  void pass(const std::vector<int>& bolts) {
    for (int b : bolts) pull("t_bolt_" + std::to_string(b));
  }
};

std::unique_ptr<Rig> make_rig(const char* fixture = "four-bolt") {
  auto loaded =
      session::load_scenario(test::source_dir() / "tests/flange-scenario/fixtures" / fixture);
  REQUIRE(loaded.scenario.has_value());
  auto rig = std::make_unique<Rig>();
  rig->scenario = *loaded.scenario;
  rig->state = rig->scenario.initial_state;
  auto trade = session::TradeBindings::create(rig->scenario, rig->state);
  REQUIRE(trade.has_value());
  rig->trade = std::move(*trade);
  Rig* r = rig.get();
  r->trade->set_event_callback([r](const sim::SimEvent& e, const std::string& target) {
    r->events.emplace_back(std::string(sim::to_string(e.kind)),
                           target.empty() ? std::string(e.detail) : target);
  });
  return rig;
}

}  // namespace

TEST_CASE("[flange] the wrench tightens a joint's bolt through the joint model") {
  auto rig = make_rig();
  CHECK(rig->number("cover.gap_spread_mm") == 0.0);
  rig->pull("t_bolt_1");  // the wrench is set to 30 N·m: pass 1 is 50 % of 60 N·m
  const double torque = rig->number("bolt_1.torque_nm");
  CHECK(torque == doctest::Approx(30.0).epsilon(0.07));  // ±4 % calibration, small overshoot
  CHECK(torque == rig->number("wrench.peak_torque_nm"));
  // Alone on the joint, the bolt holds the preload its torque gives: F = T / (K d).
  CHECK(rig->number("bolt_1.preload_kn") == doctest::Approx(torque / (0.2 * 0.012) * 1e-3));
  CHECK(rig->number("bolt_1.pass_count") == 1.0);
  CHECK(rig->number("cover.passes_done") == 0.0);
  CHECK(rig->number("cover.current_pass") == 1.0);
  CHECK(rig->number("cover.gap_spread_mm") > 0.0);  // squeezed under bolt 1 only
  CHECK(rig->number("cover.tight_count") == 1.0);
  CHECK(rig->text("cover.next_bolt") == "bolt_3");  // across
  // Tightening the opposite bolt relaxes bolt 1 a little (elastic interaction).
  const double before = rig->number("bolt_1.preload_kn");
  rig->pull("t_bolt_3");
  CHECK(rig->number("bolt_1.preload_kn") < before);
  CHECK(rig->number("bolt_1.torque_nm") == torque);  // the torque it took stays recorded
  CHECK(rig->boolean("cover.sequence_ok"));
}

TEST_CASE("[flange] a joint bolted up in the cross pattern completes with no sequence error") {
  auto rig = make_rig();
  rig->pass({1, 3, 2, 4});
  CHECK(rig->number("cover.passes_done") == 1.0);
  rig->set_wrench(60.0);
  rig->pass({1, 3, 2, 4});
  CHECK(rig->number("cover.passes_done") == 2.0);
  CHECK_FALSE(rig->boolean("cover.complete"));
  rig->pass({1, 2, 3, 4});  // the check pass goes round (check_order: round)
  CHECK(rig->boolean("cover.complete"));
  CHECK(rig->boolean("cover.sequence_ok"));
  CHECK(rig->count("pass_completed") == 3);
  CHECK(rig->count("sequence_error") == 0);
  CHECK(rig->number("bolt_4.pass_count") == 3.0);
  CHECK(rig->number("cover.max_torque_nm") < 64.0);
  CHECK(rig->number("cover.mean_preload_kn") > 20.0);  // 60 N·m ≈ 25 kN per bolt
}

TEST_CASE("[flange] going round in a tightening pass is reported with the bolt") {
  auto rig = make_rig();
  rig->pass({1, 2, 3, 4});
  CHECK_FALSE(rig->boolean("cover.sequence_ok"));
  CHECK(rig->number("cover.sequence_errors") == 1.0);  // bolt 2 came before bolt 3
  REQUIRE(rig->count("sequence_error") == 1);
  for (const auto& e : rig->events) {
    if (e.first == "sequence_error") CHECK(e.second == "bolt_2");
  }
}

TEST_CASE("[flange] the exported gap spread is the joint model's for the torques applied") {
  auto rig = make_rig();
  rig->pass({1, 3, 2, 4});
  // The same joint, driven directly with the torques each bolt took, in the same order.
  sim::mechanical::JointSpec spec;
  spec.bolt_count = 4;
  spec.bolt.thread = *sim::mechanical::metric_coarse("M12");
  sim::mechanical::BoltedJoint joint("direct", spec);
  for (int b : {1, 3, 2, 4}) {
    joint.tighten(static_cast<std::size_t>(b - 1),
                  rig->number("bolt_" + std::to_string(b) + ".torque_nm"));
  }
  CHECK(rig->number("cover.gap_spread_mm") == doctest::Approx(joint.gap_spread_mm()));
  CHECK(rig->number("cover.preload_spread_kn") == doctest::Approx(joint.preload_spread_kn()));
}

TEST_CASE("[flange] a joint bolt yanked past its proof load yields under its own id") {
  auto rig = make_rig();
  rig->set_wrench(100.0);
  double rot = 0.0;
  for (int i = 0; i < 240; ++i) {  // a fast pull through 1.2 rad: 180 N·m on the handle
    rot += 1.2 / 240.0;
    rig->step("t_bolt_2", -rot);
  }
  rig->step("", 0.0);
  CHECK(rig->boolean("bolt_2.yielded"));
  CHECK(rig->number("cover.yielded_count") == 1.0);
  std::size_t yielded = 0;
  for (const auto& e : rig->events) yielded += e.first == "yielded" ? 1u : 0u;
  CHECK(yielded == 1);
}

TEST_CASE("[flange] a bolt on its own counts strokes that reach a quarter of its torque") {
  auto rig = make_rig();
  rig->pull("t_solo");
  CHECK(rig->number("solo.pass_count") == 1.0);
  CHECK(rig->number("solo.torque_nm") > 28.0);
  rig->step("t_solo", -0.01);  // a touch: 1.5 N·m, less than a quarter of 40 N·m
  rig->step("", 0.0);
  CHECK(rig->number("solo.pass_count") == 1.0);
  CHECK(rig->number("cover.passes_done") == 0.0);
}

TEST_CASE("[flange] a joint naming a missing or foreign fastener is refused with its name") {
  auto loaded =
      session::load_scenario(test::source_dir() / "tests/flange-scenario/fixtures/four-bolt");
  REQUIRE(loaded.scenario.has_value());
  auto set_bolts = [](scenario::Scenario& sc, const std::string& text) {
    for (auto& o : sc.objects) {
      for (auto& c : o.components) {
        for (auto& p : c.params) {
          if (c.type == "bolted_joint" && p.name == "bolts") p.text = text;
        }
      }
    }
  };
  auto error_for = [&](const std::string& bolts) {
    scenario::Scenario sc = *loaded.scenario;
    set_bolts(sc, bolts);
    scenario::StateTable state = sc.initial_state;
    auto trade = session::TradeBindings::create(sc, state);
    REQUIRE_FALSE(trade.has_value());
    return trade.error().message;
  };
  const std::string missing = error_for("bolt_1 bolt_2 bolt_3 bolt_9");
  CHECK(missing.find("cover") != std::string::npos);
  CHECK(missing.find("'bolt_9', which is not an object") != std::string::npos);
  CHECK(error_for("bolt_1 bolt_2 wrench").find("'wrench' has no fastener") != std::string::npos);
  CHECK(error_for("bolt_1 bolt_2").find("3 to 64") != std::string::npos);
  CHECK(error_for("bolt_1 bolt_2 bolt_2 bolt_3").find("twice") != std::string::npos);
  CHECK(error_for("bolt_1 bolt_2 bolt_3 solo").find("target_torque_nm") != std::string::npos);
}
