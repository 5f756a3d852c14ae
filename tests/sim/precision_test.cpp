#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "sim/precision/instrument.hpp"
#include "sim/precision/measurement_record.hpp"
#include "sim/random.hpp"

using namespace txr::sim;
using namespace txr::sim::precision;

namespace {
void limits(double nominal, const char* code, double max_mm, double min_mm) {
  auto z = iso286_zone(nominal, code);
  REQUIRE(z);
  CHECK(z->max_mm() == doctest::Approx(max_mm).epsilon(1e-12));
  CHECK(z->min_mm() == doctest::Approx(min_mm).epsilon(1e-12));
}
double deg(double d) { return d * std::numbers::pi / 180.0; }
ToleranceZone h7_25() { return *iso286_zone(25.0, "h7"); }
}  // namespace

TEST_CASE("[sim] ISO 286 limits match the standard's tables") {
  limits(25.0, "h7", 25.000, 24.979);
  limits(25.0, "g6", 24.993, 24.980);
  limits(40.0, "H7", 40.025, 40.000);
  limits(10.0, "f7", 9.987, 9.972);    // 6–10: es −13, IT7 15
  limits(20.0, "k6", 20.015, 20.002);  // 18–30: ei +2, IT6 13
  limits(6.0, "h6", 6.000, 5.992);     // 6 is in "over 3 up to 6": IT6 8
  limits(50.0, "g6", 49.991, 49.975);  // 30–50: es −9, IT6 16
  limits(12.0, "H8", 12.027, 12.000);
  CHECK(*it_grade_um(6, 25.0) == 13.0);
  CHECK(*it_grade_um(7, 25.0) == 21.0);
  CHECK_FALSE(iso286_zone(60.0, "h7"));
  CHECK_FALSE(iso286_zone(25.0, "x7"));
  CHECK_FALSE(iso286_zone(25.0, "h3"));
  CHECK(iso286_zone(25.0, "h7")->designation() == "Ø25 h7");
}

TEST_CASE("[sim] IT grades follow the standard tolerance unit within rounding") {
  // i = 0.45 ∛D + 0.001 D (µm), D the geometric mean of the range; IT6 = 10i … IT11 = 100i.
  const double lo[] = {3, 6, 10, 18, 30};
  const double hi[] = {6, 10, 18, 30, 50};
  const double k[] = {10, 16, 25, 40, 64, 100};
  for (int r = 0; r < 5; ++r) {
    const double d = std::sqrt(lo[r] * hi[r]);
    const double i = 0.45 * std::cbrt(d) + 0.001 * d;
    for (int g = 6; g <= 11; ++g) {
      const double it = *it_grade_um(g, hi[r]);
      CHECK(std::fabs(it - k[g - 6] * i) <= 0.08 * k[g - 6] * i + 0.5);
    }
    // Shaft g: es = −2.5 D^0.34, f: es = −5.5 D^0.41 (rounded).
    const auto g6 = *iso286_zone(hi[r], "g6");
    CHECK(std::fabs(g6.upper_dev_um + 2.5 * std::pow(d, 0.34)) <= 0.6);
    const auto f7 = *iso286_zone(hi[r], "f7");
    CHECK(std::fabs(f7.upper_dev_um + 5.5 * std::pow(d, 0.41)) <= 0.6);
  }
}

TEST_CASE("[sim] an ideal measurement reads the true size quantised to the resolution") {
  TurnedShaft part("P1", h7_25(), 100.0, 24.987);
  Instrument cal("CAL", Instrument::vernier_caliper());
  Instrument mic("MIC", Instrument::outside_micrometer());
  const Reading rc = cal.measure(part, {});
  const Reading rm = mic.measure(part, {});
  CHECK(rc.indicated_mm == doctest::Approx(24.987).epsilon(1e-12));
  CHECK(rc.value_mm == doctest::Approx(std::round(24.987 / 0.02) * 0.02));  // 24.98
  CHECK(rm.value_mm == doctest::Approx(std::round(24.987 / 0.01) * 0.01));  // 24.99
  // HUD: caliper 24 mm + vernier line 49 (×0.02); micrometer sleeve 24.5 + thimble 49 (×0.01).
  CHECK(rc.scale.main_scale_mm == 24.0);
  CHECK(rc.scale.vernier_line == 49);
  CHECK(rm.scale.main_scale_mm == 24.5);
  CHECK(rm.scale.thimble_division == 49);
  CHECK(rc.scale.main_scale_mm + rc.scale.vernier_line * 0.02 == doctest::Approx(rc.value_mm));
}

TEST_CASE("[sim] zero error biases readings until the instrument is zeroed") {
  Instrument mic("MIC", Instrument::outside_micrometer(), 0.03);
  const Reading before = mic.measure_size(20.0, {});
  CHECK(before.value_mm == doctest::Approx(20.03));
  mic.zero();
  CHECK(mic.measure_size(20.0, {}).value_mm == doctest::Approx(20.0));
  Instrument cal("CAL", Instrument::vernier_caliper(), -0.04);
  CHECK(cal.measure_size(20.0, {}).value_mm == doctest::Approx(19.96));
}

TEST_CASE("[sim] tilt across a diameter reads long by the cosine law") {
  Instrument cal("CAL", Instrument::vernier_caliper());
  Instrument mic("MIC", Instrument::outside_micrometer());
  cal.zero();
  mic.zero();
  MeasureAction tilted;
  tilted.tilt_rad = deg(5.0);
  const Reading c = cal.measure_size(25.0, tilted);
  CHECK(c.indicated_mm == doctest::Approx(25.0 / std::cos(deg(5.0))));  // knife-edge jaws
  CHECK(c.value_mm > 25.0);
  const Reading m = mic.measure_size(25.0, tilted);
  // Flat Ø6.35 faces touch by their edges: (D + w sin θ) / cos θ.
  CHECK(m.indicated_mm == doctest::Approx((25.0 + 6.35 * std::sin(deg(5.0))) / std::cos(deg(5.0))));
  tilted.tilt_rad = deg(-5.0);  // either way reads long
  CHECK(cal.measure_size(25.0, tilted).indicated_mm == doctest::Approx(c.indicated_mm));
}

TEST_CASE("[sim] excess force reads short and the micrometer ratchet prevents it") {
  Instrument mic("MIC", Instrument::outside_micrometer());
  mic.zero();
  MeasureAction hard;
  hard.force_n = 40.0;
  hard.use_ratchet = false;
  const Reading r = mic.measure_size(25.0, hard);
  CHECK(r.indicated_mm == doctest::Approx(25.0 - 0.0003 * (40.0 - 7.0)));
  CHECK(r.value_mm < 25.0);
  hard.use_ratchet = true;
  CHECK(mic.measure_size(25.0, hard).value_mm == doctest::Approx(25.0));
  const StateField* ratchet = find_field(mic.state(), "ratchet_used");
  REQUIRE(ratchet != nullptr);
  CHECK(ratchet->boolean());
  Instrument cal("CAL", Instrument::vernier_caliper());
  cal.zero();
  MeasureAction squeeze;
  squeeze.force_n = 30.0;
  CHECK(cal.measure_size(25.0, squeeze).indicated_mm < 25.0);
}

TEST_CASE("[sim] reading the scale at an angle shifts the reading by parallax") {
  Instrument cal("CAL", Instrument::vernier_caliper());
  cal.zero();
  MeasureAction view;
  view.view_angle_rad = deg(30.0);
  const double shift = 0.3 * std::tan(deg(30.0));
  CHECK(cal.measure_size(25.0, view).value_mm ==
        doctest::Approx(std::round((25.0 + shift) / 0.02) * 0.02));
  view.view_angle_rad = deg(-30.0);
  CHECK(cal.measure_size(25.0, view).value_mm < 25.0);
}

TEST_CASE("[sim] parts come from a seeded normal process and are judged against the zone") {
  const ToleranceZone z = h7_25();
  ProcessSpec proc;
  TurnedShaft a("A", z, 100.0, proc, 42), b("B", z, 100.0, proc, 42), c("C", z, 100.0, proc, 43);
  CHECK(a.local_diameter_mm(50.0, 0.3) == b.local_diameter_mm(50.0, 0.3));
  CHECK(a.local_diameter_mm(50.0, 0.3) != c.local_diameter_mm(50.0, 0.3));
  // Box–Muller sample statistics: mean and sd within sampling error.
  Rng rng(7);
  const int n = 20000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal(10.0, 2.0);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  CHECK(std::fabs(mean - 10.0) < 4.0 * 2.0 / std::sqrt(n));
  CHECK(std::fabs(sd - 2.0) < 0.05);
  // A shifted process makes rejects; the part knows its own truth.
  ProcessSpec off = proc;
  off.mean_offset_mm = 0.03;
  TurnedShaft big("BIG", z, 100.0, off, 1);
  CHECK_FALSE(big.conforms());
  CHECK(find_field(big.state(), "true_judgement")->text() == "reject");
}

TEST_CASE("[sim] measurement record judges every reading and emits events") {
  EventLog log;
  EventChannel ch(&log);
  MeasurementRecord rec("R1", h7_25(), &ch);
  CHECK(rec.judge() == Judgement::none);
  rec.record("MIC", 10.0, 0.0, 24.99);
  rec.record("MIC", 50.0, 1.57, 24.98);
  CHECK(rec.judge() == Judgement::accept);
  rec.declare(Judgement::accept);
  CHECK(find_field(rec.state(), "declared_correct")->boolean());
  rec.record("MIC", 90.0, 0.0, 24.97);  // below 24.979
  CHECK(rec.judge() == Judgement::reject);
  CHECK(find_field(rec.state(), "judgement")->text() == "reject");
  CHECK(rec.mean_mm() == doctest::Approx((24.99 + 24.98 + 24.97) / 3.0));
  CHECK(log.count(EventKind::reading_recorded) == 3);
  CHECK(log.count(EventKind::judgement_made) == 2);
}
