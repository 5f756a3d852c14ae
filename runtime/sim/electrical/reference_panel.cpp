#include "sim/electrical/reference_panel.hpp"

#include <utility>

namespace txr::sim::electrical {

ReferencePanel build_reference_panel(Circuit& c, int lamp_circuits) {
  ReferencePanel p;
  p.supply = c.add_ac_source("X0", "X0:L", "X0:N", 230.0, 0.0, 0.2);
  c.add_resistor("PEN", "X0:N", "PE", 0.01);  // neutral earthed at the transformer (TN-S)
  const std::pair<std::string_view, std::string_view> poles[] = {{"X0:L", "Q0:L"},
                                                                 {"X0:N", "Q0:N"}};
  p.isolator = c.add_isolator("Q0", poles);
  for (int i = 1; i <= lamp_circuits; ++i) {
    const std::string n = std::to_string(i);
    const std::string f = "F" + n, x = "X" + n, s = "S" + n, h = "H" + n;
    p.breakers.push_back(c.add_breaker(f, "Q0:L", f + ":2", 10.0, TripCurve::c));
    c.add_terminal(x + ":1");
    c.add_terminal(x + ":2");
    c.add_terminal(x + ":3");
    c.add_terminal(x + ":4");
    p.switches.push_back(c.add_switch(s, s + ":1", s + ":2", true));
    p.lamps.push_back(c.add_lamp(h, h + ":1", h + ":2", 230.0, 60.0));
    // The trainee's wiring along the strip.
    (void)c.add_wire(f + ":2", x + ":1");
    (void)c.add_wire(x + ":1", s + ":1");
    (void)c.add_wire(s + ":2", x + ":2");
    (void)c.add_wire(x + ":2", h + ":1");
    (void)c.add_wire(h + ":2", x + ":3");
    (void)c.add_wire(x + ":3", x + ":4");
    (void)c.add_wire(x + ":4", "Q0:N");
  }
  // Motor starter.
  c.add_breaker("FM", "Q0:L", "FM:2", 16.0, TripCurve::c);
  p.stop_button = c.add_switch("SB0", "FM:2", "SB0:2", true);
  p.start_button = c.add_switch("SB1", "SB0:2", "K1:A1", false);
  p.contactor = c.add_contactor("K1", "K1:A1", "Q0:N", CoilRating{});
  c.add_contact("K1:13-14", p.contactor, "SB0:2", "K1:A1", true);
  c.add_contact("K1:1-2", p.contactor, "FM:2", "K1:2", true);
  c.add_terminal("XM:1");
  (void)c.add_wire("K1:2", "XM:1");
  p.motor = c.add_motor("M1", "M1:U", "Q0:N", MotorRating{});
  (void)c.add_wire("XM:1", "M1:U");
  // 24 V DC control: relay K2 switching a pilot lamp.
  c.add_dc_source("G1", "G1:+", "G1:-", 24.0, 0.05);
  c.add_resistor("G1PE", "G1:-", "PE", 0.01);
  p.relay_switch = c.add_switch("SA1", "G1:+", "K2:A1", true);
  CoilRating relay;
  relay.rated_v = 24.0;
  relay.coil_ohm = 600.0;
  relay.coil_h = 0.5;
  p.relay = c.add_contactor("K2", "K2:A1", "G1:-", relay);
  c.add_contact("K2:11-14", p.relay, "G1:+", "H20:1", true);
  c.add_lamp("H20", "H20:1", "G1:-", 24.0, 2.0);
  p.meter = &c.add_multimeter("DMM");
  p.meter->set_mode(MeterMode::v_ac);
  p.meter->touch_red(*c.find_terminal("H1:1"));
  p.meter->touch_black(*c.find_terminal("H1:2"));
  return p;
}

}  // namespace txr::sim::electrical
