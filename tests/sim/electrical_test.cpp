#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <utility>

#include "sim/electrical/circuit.hpp"

using namespace txr::sim;
using namespace txr::sim::electrical;

namespace {
void check_rel(double got, double want, double rel = 1e-6) {
  CHECK(std::fabs(got - want) <= rel * std::fabs(want) + 1e-12);
}
double v(const Circuit& c, std::string_view terminal) {
  return c.node_dc_v(*c.find_terminal(terminal));
}
}  // namespace

TEST_CASE("[sim] voltage divider and series-parallel network match hand computation") {
  Circuit c;
  c.add_dc_source("V1", "A", "PE", 12.0);
  c.add_resistor("R1", "A", "B", 1000.0);
  c.add_resistor("R2", "B", "PE", 2000.0);
  // Second network: 10 V into 100 Ω then 200 Ω ∥ 300 Ω.
  c.add_dc_source("V2", "C", "PE", 10.0);
  c.add_resistor("R3", "C", "D", 100.0);
  c.add_resistor("R4", "D", "PE", 200.0);
  c.add_resistor("R5", "D", "PE", 300.0);
  const SolveReport& r = c.solve();
  CHECK(r.ok);
  check_rel(v(c, "B"), 12.0 * 2000.0 / 3000.0);
  check_rel(c.element(*c.find("R1")).current_a, 12.0 / 3000.0);
  const double rp = 200.0 * 300.0 / 500.0;  // 120 Ω
  check_rel(v(c, "D"), 10.0 * rp / (100.0 + rp));
  check_rel(c.element(*c.find("R5")).current_a, v(c, "D") / 300.0);
  // The source delivers the current: MNA branch current flows + → − inside the source.
  check_rel(-c.element(*c.find("V2")).i_dc, 10.0 / (100.0 + rp));
}

TEST_CASE("[sim] unbalanced Wheatstone bridge matches nodal equations solved by hand") {
  const double vs = 10.0, r1 = 100.0, r2 = 200.0, r3 = 150.0, r4 = 100.0, r5 = 50.0;
  Circuit c;
  c.add_dc_source("V", "A", "PE", vs);
  c.add_resistor("R1", "A", "C", r1);
  c.add_resistor("R2", "C", "PE", r2);
  c.add_resistor("R3", "A", "D", r3);
  c.add_resistor("R4", "D", "PE", r4);
  c.add_resistor("R5", "C", "D", r5);
  c.solve();
  // KCL at C and D:  (1/r1+1/r2+1/r5)Vc − Vd/r5 = vs/r1 ;  −Vc/r5 + (1/r3+1/r4+1/r5)Vd = vs/r3
  const double a11 = 1 / r1 + 1 / r2 + 1 / r5, a12 = -1 / r5, b1 = vs / r1;
  const double a21 = -1 / r5, a22 = 1 / r3 + 1 / r4 + 1 / r5, b2 = vs / r3;
  const double det = a11 * a22 - a12 * a21;
  const double vc = (b1 * a22 - a12 * b2) / det;
  const double vd = (a11 * b2 - a21 * b1) / det;
  check_rel(v(c, "C"), vc);
  check_rel(v(c, "D"), vd);
  check_rel(c.element(*c.find("R5")).i_dc, (vc - vd) / r5);
}

TEST_CASE("[sim] AC RL circuit current has the impedance magnitude and lagging phase") {
  const double vrms = 230.0, r = 10.0, l = 0.05, w = 2.0 * std::numbers::pi * 50.0;
  Circuit c(50.0);
  c.add_ac_source("V", "L", "PE", vrms);
  c.add_resistor("R", "L", "M", r);
  c.add_inductor("X", "M", "PE", l);
  c.solve();
  const std::complex<double> i = c.element(*c.find("R")).i_ac;
  check_rel(std::abs(i), vrms / std::hypot(r, w * l));
  check_rel(std::arg(i), -std::atan2(w * l, r));  // current lags voltage by atan(ωL/R)
  CHECK(c.element(*c.find("R")).i_dc == 0.0);
  // Inductor voltage: |V_L| = |I|·ωL.
  check_rel(std::abs(c.node_ac_v(*c.find_terminal("M"))), std::abs(i) * w * l);
}

TEST_CASE("[sim] AC RC circuit current leads and DC treats L as short and C as open") {
  const double vrms = 100.0, r = 1000.0, cap = 2e-6, w = 2.0 * std::numbers::pi * 50.0;
  Circuit c(50.0);
  c.add_ac_source("V", "A", "PE", vrms);
  c.add_resistor("R", "A", "B", r);
  c.add_capacitor("C", "B", "PE", cap);
  c.add_dc_source("E", "P", "PE", 10.0);
  c.add_resistor("R2", "P", "Q", 100.0);
  c.add_inductor("L2", "Q", "PE", 1.0);  // ideal: a short at DC
  c.add_resistor("R3", "P", "S", 100.0);
  c.add_capacitor("C3", "S", "PE", 1e-6);  // open at DC
  c.solve();
  const double xc = 1.0 / (w * cap);
  const std::complex<double> i = c.element(*c.find("R")).i_ac;
  check_rel(std::abs(i), vrms / std::hypot(r, xc));
  check_rel(std::arg(i), std::atan2(xc, r));
  check_rel(c.element(*c.find("L2")).i_dc, 0.1);
  CHECK(std::fabs(v(c, "Q")) < 1e-12);
  check_rel(v(c, "S"), 10.0);
  CHECK(std::fabs(c.element(*c.find("R3")).i_dc) < 1e-12);
}

TEST_CASE("[sim] floating nodes are reported by name and never produce NaN") {
  Circuit c;
  c.add_dc_source("V", "A", "PE", 24.0);
  c.add_resistor("R", "A", "PE", 100.0);
  c.add_lamp("H9", "X9:1", "X9:2", 24.0, 5.0);  // a lamp nobody has wired yet
  const SolveReport& r = c.solve();
  CHECK(r.ok);
  REQUIRE(r.floating_nodes.size() == 2);
  CHECK(c.node_floating(*c.find_terminal("X9:1")));
  CHECK_FALSE(c.node_floating(*c.find_terminal("A")));
  CHECK(std::isfinite(v(c, "X9:1")));
  CHECK(v(c, "X9:1") == doctest::Approx(0.0));
  check_rel(v(c, "A"), 24.0);
  const std::string text = c.describe(r);
  CHECK(text.find("X9:1") != std::string::npos);
  CHECK(text.find("X9:2") != std::string::npos);
}

TEST_CASE("[sim] a loop of ideal voltage sources is a reported fault") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  c.add_dc_source("G1", "A", "PE", 5.0);
  c.add_dc_source("G2", "A", "PE", 6.0);
  c.add_resistor("R", "A", "PE", 10.0);
  const SolveReport& r = c.solve();
  CHECK_FALSE(r.ok);
  REQUIRE(r.source_loop.size() == 1);
  CHECK(c.element(r.source_loop[0]).id == "G2");
  CHECK(std::isfinite(v(c, "A")));
  const std::string text = c.describe(r);
  CHECK(text.find("G2") != std::string::npos);
  CHECK(text.find("A-PE") != std::string::npos);
  CHECK(log.count(EventKind::circuit_fault) == 1);
  // With an internal resistance the same connection is solvable (circulating current).
  Circuit d;
  d.add_dc_source("G1", "A", "PE", 5.0, 0.1);
  d.add_dc_source("G2", "A", "PE", 6.0, 0.1);
  CHECK(d.solve().ok);
  check_rel(v(d, "A"), 5.5);
}

TEST_CASE("[sim] lamp Newton iteration converges onto the tungsten I-V law") {
  Circuit c;
  c.add_dc_source("V", "A", "PE", 24.0);
  c.add_resistor("R", "A", "B", 20.0);
  c.add_lamp("H1", "B", "PE", 24.0, 5.0);
  const SolveReport& r = c.solve();
  CHECK(r.iterations < 20);
  const Element& lamp = c.element(*c.find("H1"));
  const double vl = lamp.v_dc;
  const double il = lamp.i_dc;
  // On the lamp's curve I = I_r (V/V_r)^0.6 and on the resistor's load line 24 = V + I·R.
  check_rel(il, (5.0 / 24.0) * std::pow(vl / 24.0, 0.6), 1e-8);
  check_rel(vl + il * 20.0, 24.0, 1e-9);
  CHECK(lamp.lit);  // about 20 V of 24 V
  // Warm re-solve converges at once.
  CHECK(c.solve().iterations <= 2);
}

TEST_CASE("[sim] AC lamp draws rated power at rated voltage and is dark at low voltage") {
  Circuit c;
  const ElementId src = c.add_ac_source("V", "L", "PE", 230.0);
  c.add_lamp("H1", "L", "PE", 230.0, 60.0);
  c.solve();
  const Element& lamp = c.element(*c.find("H1"));
  check_rel(lamp.power_w, 60.0, 1e-9);
  CHECK(lamp.lit);
  CHECK(lamp.brightness == doctest::Approx(1.0));
  CHECK(c.set_source_on(src, false));
  c.solve();
  CHECK_FALSE(lamp.lit);
  Circuit low;
  low.add_ac_source("V", "L", "PE", 60.0);
  low.add_lamp("H1", "L", "PE", 230.0, 60.0);
  low.solve();
  CHECK_FALSE(low.element(*low.find("H1")).lit);
  // Current follows the same law at 60 V.
  check_rel(low.element(*low.find("H1")).current_a, (60.0 / 230.0) * std::pow(60.0 / 230.0, 0.6),
            1e-8);
}

TEST_CASE("[sim] contactor closes its contacts when the coil is energised and self-holds") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  c.add_ac_source("V", "L", "PE", 230.0);
  const ElementId stop = c.add_switch("S0", "L", "1", true);  // NC stop button
  const ElementId start = c.add_switch("S1", "1", "2", false);
  const ElementId k1 = c.add_contactor("K1", "2", "PE", CoilRating{});
  c.add_contact("K1:13-14", k1, "1", "2", true);  // hold-in contact across the start button
  c.add_contact("K1:1-2", k1, "L", "3", true);
  c.add_lamp("H1", "3", "PE", 230.0, 60.0);
  c.solve();
  CHECK_FALSE(c.element(k1).energised);
  CHECK_FALSE(c.element(*c.find("H1")).lit);
  CHECK(c.set_closed(start, true));
  c.solve();
  CHECK(c.element(k1).energised);
  CHECK(c.element(*c.find("K1:1-2")).closed);
  CHECK(c.element(*c.find("H1")).lit);
  CHECK(log.count(EventKind::contactor_closed) == 1);
  CHECK(c.set_closed(start, false));  // release the start button: the hold-in contact keeps it
  c.solve();
  CHECK(c.element(k1).energised);
  CHECK(c.set_closed(stop, false));
  c.solve();
  CHECK_FALSE(c.element(k1).energised);
  CHECK_FALSE(c.element(*c.find("H1")).lit);
  CHECK(log.count(EventKind::contactor_opened) == 1);
  CHECK(c.set_closed(stop, true));
  c.solve();
  CHECK_FALSE(c.element(k1).energised);  // stays off until start is pressed again
}

TEST_CASE("[sim] a locked isolator cannot be closed and only the owner removes the lock") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  c.add_ac_source("V", "L", "N", 230.0);
  c.add_resistor("Rn", "N", "PE", 0.01);  // TN system: neutral earthed at the source
  const std::pair<std::string_view, std::string_view> poles[] = {{"L", "L1"}, {"N", "N1"}};
  const ElementId q = c.add_isolator("Q1", poles);
  c.add_lamp("H1", "L1", "N1", 230.0, 60.0);
  CHECK(c.set_closed(q, true));
  CHECK_FALSE(c.apply_lock(q, "anna"));  // closed: cannot lock
  CHECK(c.set_closed(q, false));
  CHECK(c.apply_lock(q, "anna"));
  CHECK(c.state(q)[2].name == "state");
  CHECK(c.state(q)[2].text() == "locked");
  auto refused = c.set_closed(q, true);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("anna") != std::string::npos);
  CHECK(log.count(EventKind::close_refused) == 1);
  CHECK_FALSE(c.remove_lock(q, "bao"));
  CHECK(c.remove_lock(q, "anna"));
  CHECK(c.set_closed(q, true));
  c.solve();
  CHECK(c.element(*c.find("H1")).lit);
}

TEST_CASE("[sim] trainee wires added and removed at runtime change the circuit") {
  Circuit c;
  c.add_ac_source("V", "X1:L", "X1:N", 230.0);
  c.add_resistor("Rn", "X1:N", "PE", 0.01);
  c.add_lamp("H1", "H1:1", "H1:2", 230.0, 60.0);
  c.solve();
  CHECK_FALSE(c.element(*c.find("H1")).lit);
  auto w1 = c.add_wire("X1:L", "H1:1");
  auto w2 = c.add_wire("H1:2", "X1:N");
  REQUIRE(w1);
  REQUIRE(w2);
  c.solve();
  CHECK(c.element(*c.find("H1")).lit);
  // Two 10 mΩ wires in series with the lamp: the lamp sees slightly less than 230 V.
  CHECK(c.element(*c.find("H1")).voltage_v < 230.0);
  CHECK(c.element(*c.find("H1")).voltage_v > 229.9);
  CHECK(c.remove_wire(*w1));
  c.solve();
  CHECK_FALSE(c.element(*c.find("H1")).lit);
  auto bad = c.add_wire("X1:L", "X7:3");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("X7:3") != std::string::npos);
  CHECK_FALSE(c.remove_wire(*c.find("H1")));
}

TEST_CASE("[sim] touching a live conductor above extra-low voltage is a shock") {
  EventLog log;
  EventChannel ch(&log);
  ch.set_time_s(12.5);
  Circuit c;
  c.set_events(&ch);
  c.add_ac_source("V", "L", "N", 230.0);
  c.add_resistor("Rn", "N", "PE", 0.01);
  c.add_dc_source("B", "P24", "PE", 24.0);
  const std::pair<std::string_view, std::string_view> pole[] = {{"L", "L1"}};
  const ElementId q = c.add_isolator("Q1", pole);
  c.add_lamp("H1", "L1", "N", 230.0, 60.0);
  CHECK(c.set_closed(q, true));
  c.solve();
  TouchResult t = c.touch(*c.find_terminal("L1"), "right_hand");
  CHECK(t.shock);
  CHECK(t.v_ac_rms == doctest::Approx(230.0).epsilon(1e-3));
  REQUIRE(log.first(EventKind::shock) != nullptr);
  CHECK(log.first(EventKind::shock)->time_s == 12.5);
  CHECK(log.first(EventKind::shock)->value == doctest::Approx(230.0).epsilon(1e-3));
  CHECK_FALSE(c.touch(*c.find_terminal("N"), "right_hand").shock);
  CHECK_FALSE(c.touch(*c.find_terminal("P24"), "right_hand").shock);  // 24 V DC is ELV
  CHECK(c.set_closed(q, false));
  c.solve();
  CHECK_FALSE(c.touch(*c.find_terminal("L1"), "right_hand").shock);
  CHECK(log.count(EventKind::shock) == 1);
}

TEST_CASE(
    "[sim] motor draws locked-rotor current while starting or jammed and rated when running") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  MotorRating m;  // 750 W, 230 V, cosφ 0.8, η 0.8
  c.add_ac_source("V", "L", "PE", 230.0);
  const ElementId mot = c.add_motor("M1", "L", "PE", m);
  const double i_fl = m.rated_w / (m.efficiency * m.power_factor) / m.rated_v;
  c.update(0.1);
  CHECK(c.element(mot).motor_state == MotorState::starting);
  check_rel(c.element(mot).current_a, i_fl * m.locked_rotor_ratio);
  for (int i = 0; i < 10; ++i) c.update(0.1);
  CHECK(c.element(mot).running);
  check_rel(c.element(mot).current_a, i_fl);
  // Power factor: the current lags by acos(0.8).
  check_rel(-std::arg(c.element(mot).i_ac), std::acos(0.8));
  CHECK(log.count(EventKind::motor_started) == 1);
  CHECK(c.set_jammed(mot, true));
  c.update(0.1);
  c.update(0.1);
  CHECK(c.element(mot).state_text == "stalled");
  check_rel(c.element(mot).current_a, i_fl * m.locked_rotor_ratio);
  CHECK(log.count(EventKind::motor_stalled) == 1);
}

TEST_CASE("[sim] a wire moved to another terminal is solved afresh") {
  Circuit c;
  c.add_dc_source("V", "A", "PE", 24.0);
  c.add_lamp("H1", "B", "PE", 24.0, 5.0);
  c.add_lamp("H2", "C", "PE", 24.0, 5.0);
  c.add_resistor("RB", "B", "PE", 1e5);  // keep B and C earthed so only the wire ends differ
  c.add_resistor("RC", "C", "PE", 1e5);
  auto w = c.add_wire("A", "B");
  REQUIRE(w);
  c.solve();
  CHECK(c.element(*c.find("H1")).lit);
  CHECK_FALSE(c.element(*c.find("H2")).lit);
  REQUIRE(c.remove_wire(*w));
  auto w2 = c.add_wire("A", "C");  // reuses the freed wire slot
  REQUIRE(w2);
  CHECK(*w2 == *w);
  c.solve();
  CHECK_FALSE(c.element(*c.find("H1")).lit);
  CHECK(c.element(*c.find("H2")).lit);
  CHECK(c.node_dc_v(*c.find_terminal("C")) == doctest::Approx(24.0).epsilon(1e-3));
}
