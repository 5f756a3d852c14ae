#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "sim/mechanical/assembly_order.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "sim/mechanical/torque_wrench.hpp"

using namespace txr::sim;
using namespace txr::sim::mechanical;

namespace {
BoltSpec spec(std::string_view size, PropertyClass pc, double k = 0.20) {
  return BoltSpec{*metric_coarse(size), pc, k};
}

// Pulls the handle at a constant rate up to `stop_nm` (or until the click when stop_nm < 0),
// then holds; returns the peak torque transmitted.
double pull(TorqueWrench& w, double rate_nm_s, double stop_nm, double dt_s = 1.0 / 240.0) {
  double handle = 0.0;
  double peak = 0.0;
  for (int i = 0; i < 100000; ++i) {
    handle += rate_nm_s * dt_s;
    if (stop_nm >= 0.0 && handle > stop_nm) handle = stop_nm;
    peak = std::fmax(peak, w.update(dt_s, handle));
    if (stop_nm < 0.0 && w.clicked()) break;
    if (stop_nm >= 0.0 && handle >= stop_nm) break;
  }
  for (int i = 0; i < 24; ++i) peak = std::fmax(peak, w.update(dt_s, handle));  // hold
  return peak;
}
}  // namespace

TEST_CASE("[sim] tensile stress area and proof load follow ISO 898-1") {
  // As = π/4 (d − 0.9382 P)²; ISO 898-1 tabulates (to 3 figures) 84.3 (M12), 157 (M16),
  // 353 (M24) mm².
  CHECK(tensile_stress_area_mm2(12.0, 1.75) == doctest::Approx(84.3).epsilon(3e-3));
  CHECK(tensile_stress_area_mm2(16.0, 2.0) == doctest::Approx(157.0).epsilon(3e-3));
  CHECK(tensile_stress_area_mm2(24.0, 3.0) == doctest::Approx(353.0).epsilon(3e-3));
  const BoltSpec m12 = spec("M12", PropertyClass::c8_8);
  CHECK(m12.proof_load_n() == doctest::Approx(m12.stress_area_mm2() * 580.0));
  CHECK(proof_stress_mpa(PropertyClass::c8_8, 20.0) == 600.0);
  CHECK(proof_stress_mpa(PropertyClass::c10_9, 12.0) == 830.0);
  CHECK_FALSE(metric_coarse("M7"));
  CHECK(*parse_property_class("10.9") == PropertyClass::c10_9);
  CHECK_FALSE(parse_property_class("9.9"));
}

TEST_CASE("[sim] torque gives preload by T = K F d and the nut only turns past its torque") {
  Bolt b("B1", spec("M12", PropertyClass::c8_8));
  // Domain example: M12, 30 kN, K 0.20 → 72 N·m.
  b.apply_torque(0.20 * 30e3 * 0.012);
  CHECK(b.preload_n() == doctest::Approx(30e3));
  b.apply_torque(50.0);  // less than it already holds: nothing changes
  CHECK(b.preload_n() == doctest::Approx(30e3));
  Bolt lube("B2", spec("M12", PropertyClass::c8_8, 0.15));
  lube.apply_torque(72.0);  // lubricated: the same torque gives more preload
  CHECK(lube.preload_n() == doctest::Approx(72.0 / (0.15 * 0.012)));
  CHECK_FALSE(b.yielded());
}

TEST_CASE("[sim] over-torque past the proof load yields and scraps the bolt") {
  EventLog log;
  EventChannel ch(&log);
  Bolt b("B1", spec("M12", PropertyClass::c8_8), &ch);
  const double t_proof = b.spec().torque_for_preload_nm(b.spec().proof_load_n());
  b.apply_torque(0.95 * t_proof);
  CHECK_FALSE(b.yielded());
  b.apply_torque(1.1 * t_proof);
  CHECK(b.yielded());
  CHECK(b.preload_n() == doctest::Approx(b.spec().proof_load_n()));
  CHECK(log.count(EventKind::yielded) == 1);
  const StateField* st = find_field(b.state(), "state");
  REQUIRE(st != nullptr);
  CHECK(st->text() == "yielded");
}

TEST_CASE("[sim] click wrench releases at its set torque within plus or minus 4 percent") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    EventLog log;
    EventChannel ch(&log);
    TorqueWrench w("TW1", WrenchSpec{}, seed, &ch);
    REQUIRE(w.set_torque_nm(60.0));
    pull(w, 10.0, -1.0);
    REQUIRE(log.count(EventKind::click) == 1);
    const double at = log.first(EventKind::click)->value;
    CHECK(std::fabs(at - 60.0) <= 0.04 * 60.0);
    CHECK(at == doctest::Approx(w.release_torque_nm()));
  }
  TorqueWrench w("TW1", WrenchSpec{}, 7);
  CHECK_FALSE(w.set_torque_nm(150.0));  // off the scale
  // Different wrenches differ (calibration error is per wrench, seeded).
  TorqueWrench a("A", WrenchSpec{}, 1), b("B", WrenchSpec{}, 2);
  CHECK(a.calibration_error() != b.calibration_error());
}

TEST_CASE("[sim] a jerked wrench overshoots and a slow pull stops near the click") {
  const WrenchSpec ws;
  TorqueWrench slow("S", ws, 3), jerk("J", ws, 3);
  REQUIRE(slow.set_torque_nm(60.0));
  REQUIRE(jerk.set_torque_nm(60.0));
  const double slow_peak = pull(slow, 10.0, -1.0);
  const double jerk_peak = pull(jerk, 600.0, -1.0);
  const double release = slow.release_torque_nm();
  // Overshoot = loading rate at the click × the hand's reaction time.
  CHECK(slow_peak - release == doctest::Approx(10.0 * ws.reaction_s).epsilon(1e-6));
  CHECK(jerk_peak - release == doctest::Approx(600.0 * ws.reaction_s).epsilon(1e-6));
  CHECK(jerk_peak > slow_peak + 20.0);
  // Pulling on after the click passes the hand torque through.
  TorqueWrench on("O", ws, 3);
  REQUIRE(on.set_torque_nm(60.0));
  CHECK(pull(on, 10.0, 90.0) == doctest::Approx(90.0));
  CHECK(on.clicked());
  on.update(0.01, 0.0);  // let go: re-armed
  CHECK_FALSE(on.clicked());
}

TEST_CASE("[sim] jerking the wrench on a small bolt yields it while a slow pull does not") {
  EventLog log;
  EventChannel ch(&log);
  const BoltSpec m10 = spec("M10", PropertyClass::c8_8);
  const double set = 0.8 * m10.torque_for_preload_nm(m10.proof_load_n());
  for (double rate : {10.0, 600.0}) {
    Bolt bolt("B", m10, &ch);
    TorqueWrench w("TW", WrenchSpec{}, 11);
    REQUIRE(w.set_torque_nm(set));
    double handle = 0.0;
    for (int i = 0; i < 4000 && !w.clicked(); ++i) {
      handle += rate / 240.0;
      bolt.apply_torque(w.update(1.0 / 240.0, handle));
    }
    CHECK(bolt.yielded() == (rate > 100.0));
  }
  CHECK(log.count(EventKind::yielded) == 1);
}

namespace {
// Tightens every bolt in `order` at each fraction of the target torque.
double bolt_up(const std::vector<std::size_t>& order, const std::vector<double>& passes,
               double target_nm, bool check_pass, double* preload_spread_kn = nullptr) {
  BoltedJoint j("F1", JointSpec{});
  for (double p : passes) {
    for (std::size_t i : order) j.tighten(i, p * target_nm);
  }
  if (check_pass) {
    for (std::size_t i = 0; i < j.bolt_count(); ++i) j.tighten(i, target_nm);
  }
  if (preload_spread_kn) *preload_spread_kn = j.preload_spread_kn();
  return j.gap_spread_mm();
}
}  // namespace

TEST_CASE(
    "[sim] star pattern in passes leaves a flatter flange than a wrong sequence or one pass") {
  CHECK(BoltedJoint::star_sequence(4) == std::vector<std::size_t>{0, 2, 1, 3});
  CHECK(BoltedJoint::star_sequence(8) == std::vector<std::size_t>{0, 4, 2, 6, 1, 5, 3, 7});
  CHECK(BoltedJoint::star_sequence(12) ==
        std::vector<std::size_t>{0, 6, 3, 9, 1, 7, 4, 10, 2, 8, 5, 11});
  const JointSpec js;
  const double target = js.bolt.torque_for_preload_nm(0.6 * js.bolt.proof_load_n());
  const std::vector<std::size_t> star = BoltedJoint::star_sequence(8);
  const std::vector<std::size_t> round = {0, 1, 2, 3, 4, 5, 6, 7};
  double star_f = 0, round_f = 0, single_f = 0;  // preload spreads (kN)
  const double star_passes = bolt_up(star, {0.3, 0.7, 1.0}, target, false, &star_f);
  const double round_passes = bolt_up(round, {0.3, 0.7, 1.0}, target, false, &round_f);
  const double star_single = bolt_up(star, {1.0}, target, false, &single_f);
  const double star_checked = bolt_up(star, {0.3, 0.7, 1.0}, target, true);
  MESSAGE("gap spread mm: star passes "
          << star_passes << ", round passes " << round_passes << ", star single " << star_single
          << ", star+check " << star_checked << "; preload spread kN: star " << star_f << ", round "
          << round_f << ", single " << single_f);
  CHECK(star_passes < round_passes);
  CHECK(star_passes < star_single);
  CHECK(star_checked < star_passes);
  CHECK(star_f < single_f);  // preloads too: one pass leaves the early bolts relaxed
  // One bolt alone: the gasket compresses most under it and less under its neighbours.
  BoltedJoint one("F2", JointSpec{});
  one.tighten(0, target);
  CHECK(one.gap_mm(0) < one.gap_mm(1));
  CHECK(one.gap_mm(1) < one.gap_mm(4));
  // Tightening a neighbour relaxes a tight bolt (elastic interaction).
  const double before = one.bolt(0).preload_n();
  one.tighten(1, target);
  CHECK(one.bolt(0).preload_n() < before);
}

TEST_CASE("[sim] assembly order reports parts placed before their predecessors") {
  EventLog log;
  EventChannel ch(&log);
  AssemblyOrder a("cover_assembly", &ch);
  a.require_before("gasket", "cover");
  a.require_before("cover", "bolts");
  a.expect_socket("gasket", "flange_face");
  CHECK(a.place("gasket", "flange_face") == 0);
  CHECK(a.place("bolts", "bolt_holes") == 1);
  REQUIRE(a.violations().size() == 1);
  CHECK(a.violations()[0].part == "bolts");
  CHECK(a.violations()[0].expected == "cover");
  CHECK(a.place("cover", "flange") == 0);
  CHECK(log.count(EventKind::order_violation) == 1);
  CHECK(find_field(a.state(), "complete")->boolean());
  AssemblyOrder b("b");
  b.expect_socket("gasket", "flange_face");
  CHECK(b.place("gasket", "cover_face") == 1);
  CHECK(b.violations()[0].kind == OrderViolation::Kind::wrong_socket);
}
