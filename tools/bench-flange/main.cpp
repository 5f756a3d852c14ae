// bench-flange: per-simulation-step cost of every trade model of the flange reference scenario
// (scenarios/mechanical/flange-bolt-torque): the torque wrench, the eight fasteners, the
// bolted joint (gap model + tightening-procedure check) and the state they write, through the
// same TradeBindings a session steps after each physics step.
//
//   bench-flange [package-dir] [cycles]
//
// The load is the expert's: the wrench goes on each bolt in the star order, is turned slowly
// until it clicks, held, and taken off; four passes (22, 50, 72, 72 N·m). Reported side by side
// in one run: the steps while the wrench is tightening (the joint re-solves every step), the
// idle steps between bolts, and the ratio of the two.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "session/session.hpp"
#include "session/trade_bindings.hpp"

using namespace txr;

namespace {

double cpu_us() {  // thread CPU time: independent of what else the shared machine runs
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) * 1e-3;
}

struct Timing {
  double us = 0.0;
  long steps = 0;
  double per_step() const { return steps ? us / static_cast<double>(steps) : 0.0; }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string package = argc > 1 ? argv[1] : "scenarios/mechanical/flange-bolt-torque";
  const int cycles = argc > 2 ? std::atoi(argv[2]) : 20;
  auto loaded = session::load_scenario(package);
  if (!loaded.scenario) {
    std::fprintf(stderr, "bench-flange: cannot load %s\n", package.c_str());
    return 1;
  }
  const scenario::Scenario& sc = *loaded.scenario;
  constexpr double dt = 1.0 / 240.0;
  constexpr int k_star[] = {1, 5, 3, 7, 2, 6, 4, 8};
  constexpr double k_pass_nm[] = {22.0, 50.0, 72.0, 72.0};
  Timing tightening, idle;
  std::size_t events = 0;
  double gap_spread_mm = 0.0;
  bool complete = false;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    scenario::StateTable state = sc.initial_state;
    auto trade = session::TradeBindings::create(sc, state);
    if (!trade) {
      std::fprintf(stderr, "bench-flange: %s\n", trade.error().message.c_str());
      return 1;
    }
    std::size_t clicks = 0;
    (*trade)->set_event_callback([&](const sim::SimEvent& e, const std::string&) {
      ++events;
      clicks += e.kind == sim::EventKind::click ? 1u : 0u;
    });
    physics::InteractionState in;
    in.tools.push_back({});
    in.tools[0].tool = "wrench";
    double t = 0.0;
    auto step = [&](Timing& timing) {
      t += dt;
      const double t0 = cpu_us();
      (*trade)->step(t, dt, in);
      timing.us += cpu_us() - t0;
      ++timing.steps;
    };
    for (double set_nm : k_pass_nm) {
      core::UiCommand set;
      set.kind = core::UiCommandKind::set_value;
      set.value = static_cast<float>(set_nm);
      (*trade)->apply_ui(set, "wrench");
      for (int bolt : k_star) {
        in.tools[0].target = "t_bolt_" + std::to_string(bolt);
        const std::size_t before = clicks;
        float rot = 0.0f;
        for (int i = 0; i < 2400 && clicks == before; ++i) {  // 0.1 rad/s until the click
          rot += 0.1f * static_cast<float>(dt);
          in.tools[0].rotation_rad = -rot;
          step(tightening);
        }
        for (int i = 0; i < 24; ++i) step(tightening);  // hold at the click
        in.tools[0].target.clear();
        in.tools[0].rotation_rad = 0.0f;
        for (int i = 0; i < 192; ++i) step(idle);  // 0.8 s reaching for the next bolt
      }
    }
    gap_spread_mm = state.number(*state.find("flange.gap_spread_mm"));
    complete = state.boolean(*state.find("flange.complete"));
  }
  const long total_steps = tightening.steps + idle.steps;
  std::printf("flange scenario trade models, %d bolt-ups (%ld steps at 240 Hz), %zu events\n",
              cycles, total_steps, events);
  std::printf("  tightening (wrench on a bolt): %8.3f us/step (%ld steps)\n", tightening.per_step(),
              tightening.steps);
  std::printf("  idle (between bolts):          %8.3f us/step (%ld steps)\n", idle.per_step(),
              idle.steps);
  std::printf("  ratio tightening / idle:       %8.2f\n",
              idle.per_step() > 0.0 ? tightening.per_step() / idle.per_step() : 0.0);
  std::printf("  all steps:                     %8.3f us/step (target <= 200 us)\n",
              (tightening.us + idle.us) / static_cast<double>(total_steps));
  std::printf("  last bolt-up: complete %s, gap spread %.4f mm\n", complete ? "yes" : "no",
              gap_spread_mm);
  return complete ? 0 : 1;
}
