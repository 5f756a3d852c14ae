#include <doctest/doctest.h>

#include <cmath>

#include "sim/electrical/circuit.hpp"

using namespace txr::sim;
using namespace txr::sim::electrical;

namespace {

// A DC source driving `amps` through a protective device and a load resistor.
struct Rig {
  EventLog log;
  EventChannel ch{&log};
  Circuit c;
  ElementId device = 0;
  double t_s = 0.0;
  void step(double dt_s) {
    ch.set_time_s(t_s);
    c.update(dt_s);
    t_s += dt_s;
  }
  // Runs until the device operates or max_s passes; returns the event time or -1.
  double run_until(EventKind kind, double dt_s, double max_s) {
    while (t_s < max_s) {
      step(dt_s);
      if (const SimEvent* e = log.first(kind)) return e->time_s;
    }
    return -1.0;
  }
};

void build(Rig& r, double load_ohm, bool breaker, double rated_a, TripCurve curve) {
  r.c.set_events(&r.ch);
  r.c.add_dc_source("V", "A", "PE", 100.0);
  r.device = breaker ? r.c.add_breaker("F1", "A", "B", rated_a, curve)
                     : r.c.add_fuse("F1", "A", "B", FuseRating{rated_a, 0.0, 1.45});
  r.c.add_resistor("RL", "B", "PE", load_ohm);
}

double current(double load_ohm) { return 100.0 / (load_ohm + Circuit::k_contact_ohm); }

}  // namespace

TEST_CASE("[sim] fuse blows at the time its I2t thermal model predicts") {
  for (double load : {100.0 / 30.0, 100.0 / 60.0, 100.0 / 200.0}) {
    Rig r;
    build(r, load, false, 10.0, TripCurve::b);
    const double i = current(load);
    // Model parameters from FuseRating defaults: I²t = 10·In², I_min = 1.45·In, τ = I²t/I_min².
    const double i_min = 14.5, tau = 1000.0 / (i_min * i_min);
    const double expected = -tau * std::log(1.0 - (i_min / i) * (i_min / i));
    const double t = r.run_until(EventKind::blown, 0.01, 60.0);
    CHECK(t == doctest::Approx(expected).epsilon(1e-6));
    CHECK(r.c.element(r.device).blown);
    CHECK(r.c.element(r.device).current_a == 0.0);
    CHECK(r.log.first(EventKind::blown)->value == doctest::Approx(i).epsilon(1e-9));
  }
  // Large overcurrent: the adiabatic limit t ≈ I²t / I².
  Rig r;
  build(r, 100.0 / 1000.0, false, 10.0, TripCurve::b);
  const double t = r.run_until(EventKind::blown, 1e-4, 1.0);
  const double i = current(100.0 / 1000.0);
  CHECK(t == doctest::Approx(1000.0 / (i * i)).epsilon(0.01));
}

TEST_CASE("[sim] fuse carries its rated current indefinitely and can be replaced") {
  Rig r;
  build(r, 100.0 / 13.0, false, 10.0, TripCurve::b);  // 1.3 In < minimum fusing current
  CHECK(r.run_until(EventKind::blown, 1.0, 3600.0) < 0.0);
  r.c.add_resistor("RX", "B", "PE", 100.0 / 40.0);  // now 53 A
  CHECK(r.run_until(EventKind::blown, 0.01, 3700.0) > 0.0);
  CHECK(r.c.replace_fuse(r.device));
  CHECK_FALSE(r.c.element(r.device).blown);
}

TEST_CASE("[sim] breaker thermal release meets the IEC 60898-1 conventional times") {
  const double in = 10.0;
  {  // 1.13 In: no trip within one hour
    Rig r;
    build(r, 100.0 / (1.13 * in), true, in, TripCurve::b);
    CHECK(r.run_until(EventKind::tripped, 1.0, 3600.0) < 0.0);
  }
  {  // 1.45 In: trips within one hour, at the model's inverse time
    Rig r;
    build(r, 100.0 / (1.45 * in), true, in, TripCurve::b);
    const double t = r.run_until(EventKind::tripped, 0.5, 3600.0);
    const double i = current(100.0 / (1.45 * in));
    CHECK(t > 0.0);
    CHECK(t == doctest::Approx(-60.0 * std::log(1.0 - std::pow(1.3 * in / i, 2))).epsilon(1e-6));
  }
  {  // 2.55 In: trips between 1 s and 60 s
    Rig r;
    build(r, 100.0 / (2.55 * in), true, in, TripCurve::c);
    const double t = r.run_until(EventKind::tripped, 0.01, 120.0);
    CHECK(t > 1.0);
    CHECK(t < 60.0);
    CHECK(r.log.first(EventKind::tripped)->detail == "thermal");
    CHECK(r.c.element(r.device).tripped);
    CHECK(r.c.element(r.device).state_text == "tripped");
  }
}

TEST_CASE("[sim] breaker magnetic release trips instantly only above its curve band") {
  struct Case {
    TripCurve curve;
    double no_trip_multiple;
    double trip_multiple;
  };
  for (const Case k : {Case{TripCurve::b, 3.0, 5.0}, Case{TripCurve::c, 5.0, 10.0},
                       Case{TripCurve::d, 10.0, 20.0}}) {
    {
      Rig r;
      build(r, 100.0 / (k.no_trip_multiple * 10.0 * 0.999), true, 10.0, k.curve);
      // IEC 60898-1: no trip within 0.1 s at the lower limit of the band.
      CHECK(r.run_until(EventKind::tripped, 0.01, 0.1) < 0.0);
    }
    {
      Rig r;
      build(r, 100.0 / (k.trip_multiple * 10.0), true, 10.0, k.curve);
      const double t = r.run_until(EventKind::tripped, 0.01, 0.1);
      CHECK(t >= 0.0);
      CHECK(t < 0.1);
      CHECK(r.log.first(EventKind::tripped)->detail == "magnetic");
    }
  }
  // Closing the handle resets the breaker.
  Rig r;
  build(r, 1.0, true, 10.0, TripCurve::b);
  r.step(0.01);
  CHECK(r.c.element(r.device).tripped);
  CHECK(r.c.set_closed(r.device, true));
  CHECK_FALSE(r.c.element(r.device).tripped);
}

TEST_CASE("[sim] trip times do not depend on the simulation step") {
  double times[2] = {0, 0};
  const double steps[2] = {1.0 / 240.0, 1.0 / 30.0};
  for (int k = 0; k < 2; ++k) {
    Rig r;
    build(r, 100.0 / 40.0, false, 10.0, TripCurve::b);
    times[k] = r.run_until(EventKind::blown, steps[k], 30.0);
  }
  CHECK(times[0] == doctest::Approx(times[1]).epsilon(1e-9));
}
