// bench-sim: per-step cost of the trade models.
//
//   bench-sim [steps] [warm]
//
// 1. Circuit step on the ≈100-node reference panel, warm (factorisation reused), against a
//    baseline in the same run that changes the topology every step (forces a fresh LU).
// 2. All trade models of a reference-like scenario together per step: the panel, a torque
//    wrench on an 8-bolt joint, a micrometer measuring a part, and a scan of every exported
//    state field (what the scenario's condition binding reads).
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/electrical/reference_panel.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "sim/mechanical/torque_wrench.hpp"
#include "sim/precision/instrument.hpp"
#include "sim/precision/measurement_record.hpp"

using namespace txr::sim;

namespace {

// Thread CPU time: the figure does not depend on what else the (shared) machine is running.
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) * 1e-3;
}
double us_since(double t0, int steps) { return (cpu_us() - t0) / steps; }

struct NullSink final : EventSink {
  std::size_t n = 0;
  void on_event(const SimEvent&) override { ++n; }
};

}  // namespace

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 20000;
  const double dt = 1.0 / 240.0;
  NullSink sink;
  EventChannel ch(&sink);

  electrical::Circuit c;
  c.set_events(&ch);
  electrical::ReferencePanel p = electrical::build_reference_panel(c, 10);
  (void)c.set_closed(p.isolator, true);
  (void)c.set_closed(p.start_button, true);
  for (int i = 0; i < 300; ++i) c.update(dt);  // motor runs up; lamps settle
  std::printf(
      "panel: %zu nodes, %zu elements, motor %s, last step: %u solves, %u factorisations, "
      "LU non-zeros AC %zu / DC %zu\n",
      c.terminal_count(), c.element_count(), std::string(c.element(p.motor).state_text).c_str(),
      c.report().iterations, c.report().factorizations, c.factor_nonzeros(true),
      c.factor_nonzeros(false));

  double t0 = cpu_us();
  for (int i = 0; i < steps; ++i) {
    ch.set_time_s(i * dt);
    c.update(dt);
  }
  const double warm_us = us_since(t0, steps);
  if (argc > 2 && std::string(argv[2]) == "warm") {  // profiling aid: the warm loop only
    std::printf("circuit step, warm (LU reused): %8.2f us/step\n", warm_us);
    return 0;
  }

  t0 = cpu_us();
  for (int i = 0; i < steps / 4; ++i) {
    (void)c.set_closed(p.switches[5], i % 2 == 0);  // topology change: fresh factorisation
    c.update(dt);
  }
  const double cold_us = us_since(t0, steps / 4);
  const unsigned cold_factorizations = c.report().factorizations;
  const unsigned cold_solves = c.report().iterations;
  (void)c.set_closed(p.switches[5], true);

  mechanical::TorqueWrench wrench("TW1", mechanical::WrenchSpec{20, 200, 0.04, 0.08, 0.5}, 9, &ch);
  mechanical::BoltedJoint joint("F1", mechanical::JointSpec{}, &ch);
  precision::Instrument mic("MIC", precision::Instrument::outside_micrometer());
  precision::TurnedShaft part("P1", *precision::iso286_zone(25.0, "h7"), 100.0,
                              precision::ProcessSpec{}, 3);
  (void)wrench.set_torque_nm(150.0);
  const auto order = mechanical::BoltedJoint::star_sequence(joint.bolt_count());
  double handle = 0.0;
  double checksum = 0.0;
  std::size_t bolt = 0;
  t0 = cpu_us();
  for (int i = 0; i < steps; ++i) {
    ch.set_time_s(i * dt);
    c.update(dt);
    handle += 40.0 * dt;
    if (wrench.clicked()) {
      handle = 0.0;
      bolt = (bolt + 1) % order.size();
    }
    joint.tighten(order[bolt], wrench.update(dt, handle));
    precision::MeasureAction a;
    a.axial_mm = (i % 100) * 1.0;
    a.angle_rad = (i % 7) * 0.4;
    mic.measure(part, a);
    for (electrical::ElementId e = 0; e < c.element_count(); ++e) {
      for (const StateField& f : c.state(e)) checksum += f.number();
    }
    for (const StateField& f : wrench.state()) checksum += f.number();
    for (const StateField& f : joint.state()) checksum += f.number();
    for (const StateField& f : mic.state()) checksum += f.number();
  }
  const double all_us = us_since(t0, steps);

  std::printf("(thread CPU time per step, %d steps at 240 Hz)\n", steps);
  std::printf("circuit step, warm (LU reused):          %8.2f us/step\n", warm_us);
  std::printf(
      "circuit step, topology change each step: %8.2f us/step  (warm/cold %.2f; %u solves, %u "
      "factorisations in such a step)\n",
      cold_us, warm_us / cold_us, cold_solves, cold_factorizations);
  std::printf(
      "all trade models + state scan per step:  %8.2f us/step  (%.4f ms; circuit share "
      "%.0f %%)\n",
      all_us, all_us * 1e-3, 100.0 * warm_us / all_us);
  std::printf("(events %zu, checksum %.3g)\n", sink.n, checksum);
  return 0;
}
