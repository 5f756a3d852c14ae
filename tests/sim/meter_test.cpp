#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sim/electrical/circuit.hpp"

using namespace txr::sim;
using namespace txr::sim::electrical;

namespace {
NodeId n(const Circuit& c, std::string_view t) { return *c.find_terminal(t); }
}  // namespace

TEST_CASE("[sim] voltmeter reading includes the loading of its 10 Mohm input") {
  Circuit c;
  c.add_dc_source("V", "A", "PE", 10.0);
  c.add_resistor("R1", "A", "B", 1e6);
  c.add_resistor("R2", "B", "PE", 1e6);
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::v_dc);
  m.touch_red(n(c, "B"));
  m.touch_black(n(c, "PE"));
  c.solve();
  // Thevenin: 5 V behind 500 kΩ, loaded by 10 MΩ → 5·10/10.5 V.
  const double expected = 5.0 * Multimeter::k_input_ohm / (Multimeter::k_input_ohm + 0.5e6);
  CHECK(std::fabs(m.reading() - expected) <= 0.0005 + 1e-12);  // quantised to 1 mV
  CHECK(m.reading() < 5.0);
  CHECK(m.display() == "4.762");
  CHECK(m.range_full_scale() == 6.0);
  // Reversed probes read negative.
  m.touch_red(n(c, "PE"));
  m.touch_black(n(c, "B"));
  c.solve();
  CHECK(m.reading() == doctest::Approx(-expected).epsilon(1e-3));
}

TEST_CASE("[sim] meter V AC reads the 50 Hz rms and manual ranges overload to OL") {
  Circuit c;
  c.add_ac_source("V", "L", "PE", 230.0);
  c.add_resistor("R", "L", "PE", 1000.0);
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::v_ac);
  m.touch_red(n(c, "L"));
  m.touch_black(n(c, "PE"));
  c.solve();
  CHECK(m.reading() == doctest::Approx(230.0));
  CHECK(m.display() == "230.0");
  m.set_range(1);  // 6 V range
  c.solve();
  CHECK(m.display() == "OL");
  CHECK(m.overload());
  m.set_mode(MeterMode::v_dc);  // the DC mode ignores the AC component
  c.solve();
  CHECK(m.reading() == 0.0);
}

TEST_CASE("[sim] amps mode across a supply is a short that blows the meter fuse") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  c.add_ac_source("V", "L", "PE", 230.0);
  c.add_lamp("H1", "L", "PE", 230.0, 60.0);
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::a_ac);
  m.set_red_jack(MeterJack::amp10);
  m.touch_red(n(c, "L"));
  m.touch_black(n(c, "PE"));
  c.update(1.0 / 240.0);
  CHECK(log.count(EventKind::meter_fuse_blown) == 1);
  CHECK(log.first(EventKind::meter_fuse_blown)->value ==
        doctest::Approx(230.0 / Multimeter::k_shunt_a10_ohm).epsilon(1e-3));
  CHECK(m.fuse_blown(MeterJack::amp10));
  CHECK(m.reading() == 0.0);
  CHECK(c.element(*c.find("H1")).lit);  // the blown fuse opened the short again
  const StateField* f = find_field(m.state(), "fuse_blown");
  REQUIRE(f != nullptr);
  CHECK(f->boolean());
  m.replace_fuses();
  CHECK_FALSE(m.fuse_blown(MeterJack::amp10));
}

TEST_CASE("[sim] amps mode in series reads the load current") {
  Circuit c;
  c.add_dc_source("V", "A", "PE", 12.0);
  c.add_resistor("R", "B", "PE", 100.0);  // the trainee breaks the circuit between A and B
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::a_dc);
  m.set_red_jack(MeterJack::milliamp);
  m.touch_red(n(c, "A"));
  m.touch_black(n(c, "B"));
  c.update(0.01);
  const double expected = 12.0 / (100.0 + Multimeter::k_shunt_ma_ohm);
  CHECK(std::fabs(m.reading() - expected) <= 1e-4);
  CHECK_FALSE(m.fuse_blown(MeterJack::milliamp));
}

TEST_CASE("[sim] ohmmeter reads a dead resistor and flags a live circuit") {
  EventLog log;
  EventChannel ch(&log);
  Circuit c;
  c.set_events(&ch);
  const ElementId src = c.add_dc_source("V", "A", "PE", 24.0);
  c.add_resistor("R", "A", "B", 470.0);
  c.add_resistor("R2", "B", "PE", 1000.0);
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::ohm);
  m.touch_red(n(c, "B"));
  m.touch_black(n(c, "PE"));
  c.solve();
  CHECK(m.display() == "LIVE");
  CHECK(m.live_warning());
  CHECK(log.count(EventKind::ohms_on_live) == 1);
  c.solve();
  CHECK(log.count(EventKind::ohms_on_live) == 1);  // once per connection, not per step
  CHECK(c.set_source_on(src, false));              // isolated: A hangs on R only, the meter sees R2
  c.solve();
  CHECK_FALSE(m.live_warning());
  CHECK(m.reading() == doctest::Approx(1000.0).epsilon(1e-4));
  m.touch_red(n(c, "A"));
  c.solve();
  CHECK(m.reading() == doctest::Approx(1470.0).epsilon(1e-4));
}

TEST_CASE("[sim] continuity mode beeps on a wire and shows OL on an open circuit") {
  Circuit c;
  c.add_terminal("X1");
  c.add_terminal("X2");
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::continuity);
  m.touch_red(n(c, "X1"));
  m.touch_black(n(c, "X2"));
  c.solve();
  CHECK(m.display() == "OL");
  CHECK_FALSE(m.beep());
  auto w = c.add_wire("X1", "X2");
  REQUIRE(w);
  c.solve();
  CHECK(m.beep());
  CHECK(m.reading() == doctest::Approx(0.0).epsilon(0.1));
}

TEST_CASE("[sim] probes and touches by terminal name report unknown terminals") {
  Circuit c;
  c.add_ac_source("V", "L", "PE", 230.0);
  c.add_resistor("R", "L", "PE", 1000.0);
  Multimeter& m = c.add_multimeter("DMM");
  m.set_mode(MeterMode::v_ac);
  REQUIRE(c.probe(m, "L", "PE"));
  c.solve();
  CHECK(m.reading() == doctest::Approx(230.0));
  auto bad = c.probe(m, "L", "X9");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("X9") != std::string::npos);
  REQUIRE(c.probe(m, "", "PE"));  // red lifted
  c.solve();
  CHECK(m.reading() == 0.0);
  auto t = c.touch("L", "left_hand");
  REQUIRE(t);
  CHECK(t->shock);
  CHECK_FALSE(c.touch("nowhere", "left_hand"));
}
