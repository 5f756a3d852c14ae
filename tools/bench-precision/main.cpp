// bench-precision: what the precision trade binding costs per simulation step in the reference
// scenario scenarios/precision/shaft-caliper-micrometer (target: all trade models of a
// reference scenario together ≤ 0.2 ms per step).
//
//   bench-precision [package] [steps]
//
// 1. All trade bindings of the scenario (here: the precision one) stepped with both instruments
//    engaged on the shaft and turning — every step re-measures through the instrument model
//    and writes every exported state (the worst case of a run).
// 2. The same with nothing engaged (what most steps of a run cost).
// 3. Baseline in the same run: the whole session (physics, interaction, bindings, step engine)
//    per physics step over the expert script, so the binding's share of a step is visible.
#include <time.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "session/scripted_run.hpp"
#include "session/session.hpp"
#include "session/trade_bindings.hpp"

using namespace txr;

namespace {

// Thread CPU time: the figure does not depend on what else the (shared) machine is running.
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) * 1e-3;
}

double bindings_us_per_step(const scenario::Scenario& sc, bool engaged, int steps,
                            std::size_t& events) {
  scenario::StateTable state = sc.initial_state;
  auto trade = session::TradeBindings::create(sc, state);
  if (!trade) {
    std::fprintf(stderr, "%s\n", trade.error().to_string().c_str());
    std::exit(1);
  }
  (*trade)->set_event_callback([&](const sim::SimEvent&, const std::string&) { ++events; });
  physics::InteractionState act;
  act.hands[0].held_body = "caliper";
  act.hands[1].held_body = "micrometer";
  act.tools = {{"caliper", engaged ? "t_step_top" : "", 0.0f, 0.0f, 0.0f},
               {"micrometer", engaged ? "t_journal_1" : "", 0.0f, 0.0f, 0.0f}};
  const double dt = 1.0 / 240.0;
  const double t0 = cpu_us();
  for (int i = 0; i < steps; ++i) {
    // Turning to and fro: the force, tilt and reading change every step.
    const float phase = static_cast<float>(i % 240) / 240.0f;
    act.tools[0].rotation_rad = -0.4f * phase;
    act.tools[1].rotation_rad = -1.2f * phase;
    act.tools[1].angle_error_rad = 0.05f * phase;
    (*trade)->step(i * dt, dt, act);
  }
  return (cpu_us() - t0) / steps;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string package = argc > 1 ? argv[1] : TXR_DEFAULT_PACKAGE;
  const int steps = argc > 2 ? std::atoi(argv[2]) : 200000;
  auto loaded = session::load_scenario(package);
  if (!loaded.scenario) {
    for (const auto& f : loaded.diagnostics.findings()) {
      std::fprintf(stderr, "%s\n", f.to_string(package).c_str());
    }
    return 1;
  }
  const scenario::Scenario& sc = *loaded.scenario;

  std::size_t events = 0;
  (void)bindings_us_per_step(sc, true, steps / 10, events);  // warm up
  events = 0;
  const double engaged_us = bindings_us_per_step(sc, true, steps, events);
  std::size_t idle_events = 0;
  const double idle_us = bindings_us_per_step(sc, false, steps, idle_events);
  std::printf("trade bindings, both instruments engaged and turning: %.3f us/step (%zu events)\n",
              engaged_us, events);
  std::printf("trade bindings, nothing engaged:                      %.3f us/step\n", idle_us);

  auto script = input::load_trainee_script(std::string(package) + "/scripts/expert.yaml");
  if (!script.ok()) {
    std::fprintf(stderr, "%s\n", script.errors.front().to_string().c_str());
    return 1;
  }
  auto s = session::Session::create(sc, {});
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().to_string().c_str());
    return 1;
  }
  input::ScriptedTrainee trainee(script.script, session::default_trainee_start());
  const double t0 = cpu_us();
  const auto summary = session::run_scripted(**s, trainee);
  const double whole_us = (cpu_us() - t0) / static_cast<double>((*s)->physics_steps());
  std::printf(
      "whole session over the expert script:                 %.3f us/physics step "
      "(%llu steps, %.1f s simulated)\n",
      whole_us, static_cast<unsigned long long>((*s)->physics_steps()), summary.session_time_s);
  std::printf("binding share of a physics step (engaged / whole):    %.1f %%\n",
              100.0 * engaged_us / whole_us);
  std::printf("budget 200 us/step: engaged binding uses %.2f %% of it\n", engaged_us / 2.0);
  return 0;
}
