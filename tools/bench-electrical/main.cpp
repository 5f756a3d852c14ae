// bench-electrical [steps]: what the trade bindings cost per simulation step on
// scenarios/electrical/motor-circuit-loto (circuit solve + meter + isolator/fuse/button/probe
// and touch bookkeeping + state export), with both meter leads on live terminals, the motor
// running and a hand near the panel. Baseline, in the same run: the mechanical binding of
// scenarios/mechanical/bolt-torque-intro with the wrench engaged on its bolt.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "session/session.hpp"
#include "session/trade_bindings.hpp"

using namespace txr;

namespace {

struct Bench {
  scenario::Scenario sc;
  scenario::StateTable state;
  std::unique_ptr<session::TradeBindings> trade;
};

Bench make(const std::string& package) {
  auto loaded = session::load_scenario(std::string(TXR_SOURCE_DIR) + "/" + package);
  if (!loaded.scenario) {
    std::fprintf(stderr, "cannot load %s\n", package.c_str());
    std::exit(1);
  }
  Bench b{std::move(*loaded.scenario), {}, {}};
  b.state = b.sc.initial_state;
  auto trade = session::TradeBindings::create(b.sc, b.state);
  if (!trade) {
    std::fprintf(stderr, "%s\n", trade.error().to_string().c_str());
    std::exit(1);
  }
  b.trade = std::move(*trade);
  return b;
}

// Mean microseconds per step over `steps` steps (after a warm-up of 240).
double time_steps(Bench& b, const physics::InteractionState& in, int steps) {
  const double dt = 1.0 / 240.0;
  for (int i = 0; i < 240; ++i) b.trade->step(i * dt, dt, in);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) b.trade->step((240 + i) * dt, dt, in);
  const auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::micro>(t1 - t0).count() / steps;
}

}  // namespace

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 24000;
  if (steps <= 0) {
    std::fprintf(stderr, "usage: bench-electrical [steps > 0]\n");
    return 2;
  }

  Bench el = make("scenarios/electrical/motor-circuit-loto");
  physics::InteractionState in;
  in.knobs.push_back({"q1_handle", 0.0f, 1});
  for (const char* s : {"q1_lock", "q1_tag", "f2_holder", "lock_hook", "tag_hook", "spent_tray"})
    in.sockets.push_back({s, ""});
  in.sockets[2].occupant = "fuse_new";
  in.buttons.push_back({"s0", false, 0.0f});
  in.buttons.push_back({"s1", true, 0.0f});  // held: the motor starts and keeps running
  in.tools.push_back({"probe_red", "r_xs_l", 0.0f, 0.0f, 0.0f});
  in.tools.push_back({"probe_black", "b_xs_n", 0.0f, 0.0f, 0.0f});
  core::UiCommand volts;
  volts.kind = core::UiCommandKind::set_value;
  volts.value = 1.0f;
  el.trade->apply_ui(volts, "meter");
  in.hands[1].tracked = true;
  in.hands[1].T_world_hand.position_m = {0.0f, 1.05f, 0.0f};
  const double el_us = time_steps(el, in, steps);
  const auto reading = el.state.number(*el.state.find("meter.reading"));
  const bool running = el.state.boolean(*el.state.find("m1.running"));

  Bench mech = make("scenarios/mechanical/bolt-torque-intro");
  physics::InteractionState win;
  win.tools.push_back({"wrench", "t_bolt", -0.01f, 0.0f, 0.0f});
  const double mech_us = time_steps(mech, win, steps);

  std::printf("steps: %d (240 Hz)\n", steps);
  std::printf("electrical (motor-circuit-loto): %.2f us/step  [meter %.1f V, motor %s]\n", el_us,
              reading, running ? "running" : "stopped");
  std::printf("mechanical baseline (bolt-torque-intro): %.2f us/step\n", mech_us);
  std::printf("ratio electrical/mechanical: %.1f\n", mech_us > 0.0 ? el_us / mech_us : 0.0);
  std::printf("budget 200 us/step (all trade models): %s\n", el_us <= 200.0 ? "met" : "MISSED");
  return 0;
}
