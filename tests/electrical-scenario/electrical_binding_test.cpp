// The electrical binding on the motor-circuit-loto package, driven with hand-made interaction
// states (no physics): the isolator handle, locks, fuse links, buttons, probes and hands.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

#include "scenario/package_loader.hpp"
#include "session/session.hpp"
#include "session/trade_bindings.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

const auto k_package = test::source_dir() / "scenarios/electrical/motor-circuit-loto";

scenario::Scenario load(const std::filesystem::path& dir = k_package) {
  scenario::LoadOptions options;  // as session::load_scenario, also for copies outside the tree
  options.components = &session::trade_components();
  options.shared_assets_dir = test::source_dir() / "assets/models";
  auto loaded = scenario::load_package(dir, options);
  for (const auto& f : loaded.diagnostics.findings()) MESSAGE(f.to_string(dir.string()));
  REQUIRE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

struct Rig {
  scenario::Scenario sc = load();
  scenario::StateTable state = sc.initial_state;
  std::unique_ptr<session::TradeBindings> trade;
  physics::InteractionState in;
  std::vector<std::string> events;  // "kind source"
  double t_s = 0.0;

  Rig() {
    // Object positions as the session writes them (the touch model reads them).
    for (const auto& o : sc.objects) {
      const char* axes[3] = {".pos_x_m", ".pos_y_m", ".pos_z_m"};
      for (std::size_t i = 0; i < 3; ++i) {
        if (auto slot = state.find(o.id + axes[i])) {
          state.set_number(*slot, o.transform.position_m[i]);
        }
      }
    }
    auto created = session::TradeBindings::create(sc, state);
    if (!created) MESSAGE(created.error().to_string());
    REQUIRE(created.has_value());
    trade = std::move(*created);
    trade->set_event_callback([this](const sim::SimEvent& e, const std::string&) {
      events.push_back(std::string(sim::to_string(e.kind)) + " " + std::string(e.source));
    });
    in.knobs.push_back({"q1_handle", 0.0f, 1});
    for (const char* s : {"q1_lock", "q1_tag", "f2_holder", "lock_hook", "tag_hook", "spent_tray"})
      in.sockets.push_back({s, ""});
    in.buttons.push_back({"s0", false, 0.0f});
    in.buttons.push_back({"s1", false, 0.0f});
    in.tools.push_back({"probe_red", "", 0.0f, 0.0f, 0.0f});
    in.tools.push_back({"probe_black", "", 0.0f, 0.0f, 0.0f});
  }

  void run(double seconds) {
    const double dt = 1.0 / 240.0;
    for (double t = 0.0; t < seconds; t += dt) {
      trade->step(t_s, dt, in);
      t_s += dt;
    }
  }
  void socket(const std::string& id, const std::string& occupant) {
    for (auto& s : in.sockets) {
      if (s.id == id) s.occupant = occupant;
    }
  }
  void handle_deg(double deg) {
    in.knobs[0].angle_rad = static_cast<float>(deg * std::numbers::pi / 180.0);
  }
  void probes(const std::string& red, const std::string& black) {
    in.tools[0].target = red;
    in.tools[1].target = black;
  }
  void mode(double selector) {
    core::UiCommand c;
    c.kind = core::UiCommandKind::set_value;
    c.value = static_cast<float>(selector);
    CHECK(trade->apply_ui(c, "meter"));
  }
  bool boolean(const std::string& name) const { return state.boolean(*state.find(name)); }
  double number(const std::string& name) const { return state.number(*state.find(name)); }
  std::string text(const std::string& name) const {
    return std::string(state.text(*state.find(name)));
  }
  bool saw(const std::string& event) const {
    return std::find(events.begin(), events.end(), event) != events.end();
  }
};

}  // namespace

TEST_CASE("[electrical] states hold the panel's start before the first step") {
  Rig rig;
  CHECK(rig.boolean("q1.closed"));
  CHECK(rig.text("q1.state") == "closed");
  CHECK_FALSE(rig.boolean("q1.locked"));
  CHECK(rig.text("meter.mode") == "off");
  CHECK(rig.text("f2.state") == "empty");
}

TEST_CASE(
    "[electrical] the meter reads the supply across live terminals and nothing once isolated") {
  Rig rig;
  rig.socket("f2_holder", "fuse_old");  // blown: the motor circuit is dead, Q1's outlet is not
  rig.mode(1);
  rig.probes("r_x1_l", "b_x1_n");
  rig.run(0.1);
  CHECK(rig.text("f2.state") == "blown");
  CHECK(rig.text("meter.red_on") == "x1_l");
  CHECK(rig.text("meter.black_on") == "x1_n");
  CHECK(rig.boolean("meter.probes_on_circuit"));
  CHECK(rig.number("meter.reading") == doctest::Approx(230.0).epsilon(0.01));
  CHECK(rig.boolean("x1_l.live"));
  rig.handle_deg(-90.0);
  rig.run(0.1);
  CHECK_FALSE(rig.boolean("q1.closed"));
  CHECK(rig.number("meter.reading") < 1.0);
  CHECK_FALSE(rig.boolean("x1_l.live"));
  // The known live source ahead of Q1 still reads the supply: live-dead-live.
  rig.probes("r_xs_l", "b_xs_n");
  rig.run(0.1);
  CHECK(rig.number("meter.reading") == doctest::Approx(230.0).epsilon(0.01));
}

TEST_CASE("[electrical] a good fuse link and the start button run the motor and light the lamp") {
  Rig rig;
  rig.socket("f2_holder", "fuse_new");
  rig.run(0.1);
  CHECK(rig.text("f2.state") == "ok");
  CHECK_FALSE(rig.boolean("h1.lit"));
  rig.in.buttons[1].pressed = true;  // S1 start
  rig.run(0.2);
  rig.in.buttons[1].pressed = false;  // the auxiliary contact holds K1 in
  rig.run(1.0);
  CHECK(rig.boolean("k1.energised"));
  CHECK(rig.boolean("h1.lit"));
  CHECK(rig.boolean("m1.running"));
  CHECK(rig.saw("motor_started m1"));
  rig.in.buttons[0].pressed = true;  // S0 stop (NC) drops it out
  rig.run(0.2);
  CHECK_FALSE(rig.boolean("k1.energised"));
  CHECK_FALSE(rig.boolean("h1.lit"));
  // Off at the isolator: start does nothing.
  rig.in.buttons[0].pressed = false;
  rig.handle_deg(-90.0);
  rig.in.buttons[1].pressed = true;
  rig.run(0.5);
  CHECK_FALSE(rig.boolean("m1.running"));
}

TEST_CASE(
    "[electrical] a padlock goes on only when the isolator is off and keeps it from closing") {
  Rig rig;
  rig.socket("q1_lock", "padlock");
  rig.run(0.05);
  CHECK_FALSE(rig.boolean("q1.locked"));  // the handle is ON: the hasp does not close
  rig.handle_deg(-90.0);
  rig.socket("q1_tag", "tag");
  rig.run(0.05);
  CHECK(rig.boolean("q1.locked"));
  CHECK(rig.boolean("q1.tagged"));
  CHECK(rig.text("q1.state") == "locked");
  CHECK(rig.saw("lock_applied q1"));
  rig.handle_deg(0.0);  // forcing the handle
  rig.run(0.05);
  CHECK_FALSE(rig.boolean("q1.closed"));
  CHECK(rig.saw("close_refused q1"));
  rig.handle_deg(-90.0);
  rig.run(0.05);
  rig.socket("q1_lock", "");
  rig.socket("q1_tag", "");
  rig.run(0.05);
  CHECK_FALSE(rig.boolean("q1.locked"));
  CHECK(rig.saw("lock_removed q1"));
  rig.handle_deg(0.0);
  rig.run(0.05);
  CHECK(rig.boolean("q1.closed"));
}

TEST_CASE("[electrical] a hand on a live terminal is a shock, on an isolated one it is not") {
  Rig rig;
  auto& hand = rig.in.hands[1];
  hand.tracked = true;
  hand.T_world_hand.position_m = {0.5f, 1.2f, 0.4f};
  rig.run(0.05);
  CHECK_FALSE(rig.boolean("supply.shock"));
  hand.T_world_hand.position_m = {-0.05f, 0.935f, -0.12f};  // on X1 L
  rig.run(0.05);
  CHECK(rig.boolean("supply.shock"));
  CHECK(rig.number("supply.shock_count") == 1.0);
  CHECK(rig.saw("shock x1_l"));
  hand.T_world_hand.position_m = {0.5f, 1.2f, 0.4f};
  rig.handle_deg(-90.0);
  rig.run(0.05);
  hand.T_world_hand.position_m = {-0.05f, 0.935f, -0.12f};
  rig.run(0.05);
  CHECK_FALSE(rig.boolean("supply.shock"));
  CHECK(rig.number("supply.shock_count") == 1.0);
}

TEST_CASE("[electrical] amps mode across the supply blows the meter fuse, ohms on live warns") {
  Rig rig;
  rig.mode(4);
  rig.probes("r_xs_l", "b_xs_n");
  rig.run(0.05);
  CHECK(rig.boolean("meter.live_warning"));
  CHECK(rig.text("meter.display") == "LIVE");
  CHECK(rig.saw("ohms_on_live meter"));
  rig.mode(3);
  rig.run(0.05);
  CHECK(rig.text("meter.mode") == "amps");
  CHECK(rig.boolean("meter.fuse_blown"));
  CHECK(rig.saw("meter_fuse_blown meter"));
  // A selector position that does not exist is refused.
  core::UiCommand bad;
  bad.kind = core::UiCommandKind::set_value;
  bad.value = 7.0f;
  CHECK_FALSE(rig.trade->apply_ui(bad, "meter"));
}

TEST_CASE("[electrical] a wiring mistake in a package is an error naming the object") {
  const auto dir = test::scratch_dir("electrical-bad-probe");
  std::filesystem::copy(k_package, dir, std::filesystem::copy_options::recursive);
  auto text = test::read_file(dir / "scenario.yaml");
  const std::string from = "{ type: meter_probe, meter: meter, lead: black }";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "{ type: meter_probe, meter: meterr, lead: black }");
  std::ofstream(dir / "scenario.yaml", std::ios::binary) << text;
  auto sc = load(dir);
  auto state = sc.initial_state;
  auto created = session::TradeBindings::create(sc, state);
  REQUIRE_FALSE(created.has_value());
  const std::string message = created.error().message;
  CHECK(message.find("object 'probe_black'") != std::string::npos);
  CHECK(message.find("did you mean 'meter'") != std::string::npos);
}

TEST_CASE("[electrical] a mistyped terminal in the wiring is found when the scene is built") {
  // "Q9:L" for "Q1:L": the circuit would still solve, with the fuse and everything after it
  // dead. Both ends left dangling are named, at their place in scenario.yaml.
  const auto dir = test::scratch_dir("electrical-dangling-wire");
  std::filesystem::copy(k_package, dir, std::filesystem::copy_options::recursive);
  auto text = test::read_file(dir / "scenario.yaml");
  const std::string from = "line_out: \"Q1:L\"";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "line_out: \"Q9:L\"");
  std::ofstream(dir / "scenario.yaml", std::ios::binary) << text;
  const auto line_of = [&](std::size_t offset) {
    return static_cast<std::uint32_t>(
        1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  };
  auto sc = load(dir);
  auto created = session::Session::create(sc, session::SessionOptions{});
  REQUIRE_FALSE(created.has_value());
  const core::Error& error = created.error();
  CHECK(error.message.find("object 'q1': 'line_out' is 'Q9:L', which nothing else in the wiring "
                           "connects to") != std::string::npos);
  CHECK(error.message.find("object 'f2': 'from' is 'Q1:L'") != std::string::npos);
  CHECK(error.where.file == "scenario.yaml");
  const auto f2_from = text.find("from: \"Q1:L\"");
  REQUIRE(f2_from != std::string::npos);
  CHECK(error.where.line == line_of(f2_from));
  CHECK(error.message.find("scenario.yaml:" + std::to_string(line_of(at)) + ":") !=
        std::string::npos);

  // The untouched package builds.
  auto good = load();
  CHECK(session::Session::create(good, session::SessionOptions{}).has_value());
}
