// Electrical trade: the component schemas a scenario writes to describe a panel (terminals,
// supply, fuses, buttons, contactor, lamp, motor, meter probes). `isolator` and `multimeter`
// are the scenario module's generic schemas; electrical_bindings.cpp gives them behaviour.
// Terminals are named points ("X1:L", "Q1:2"); parts that name the same terminal are wired
// together; "PE" is earth.
#include "session/trade_binding.hpp"

namespace txr::session {
namespace {

scenario::ParamSpec choice_spec(std::string name, std::vector<std::string> choices, std::string def,
                                std::string description) {
  scenario::ParamSpec p;
  p.name = std::move(name);
  p.type = scenario::ParamType::choice;
  p.choices = std::move(choices);
  p.default_text = std::move(def);
  p.description = std::move(description);
  return p;
}

// A text state with the values it can take (conditions comparing it with others are errors).
scenario::ExportSpec text_export(std::string name, std::string description,
                                 std::vector<std::string> choices) {
  auto e = export_spec(std::move(name), scenario::ValueType::text, std::move(description));
  e.choices = std::move(choices);
  return e;
}

}  // namespace

void add_electrical_components(scenario::ComponentRegistry& registry) {
  using scenario::ValueType;
  {
    scenario::ComponentSchema s;
    s.type = "mains_supply";
    s.description = "single-phase 50 Hz supply feeding the panel (TN-S: neutral earthed)";
    s.params = {text_spec("line", true, "", "terminal of the line conductor"),
                text_spec("neutral", true, "", "terminal of the neutral conductor"),
                number_spec("voltage_v", false, 1.0, 1000.0, 230.0, "rms voltage line to neutral"),
                number_spec("loop_ohm", false, 0.001, 100.0, 0.2, "earth-fault loop impedance"),
                bool_spec("earthed_neutral", true, "neutral bonded to earth (PE) at the source")};
    s.exports = {export_spec("shock", ValueType::boolean,
                             "a hand touches a conductor above extra-low voltage now"),
                 export_spec("shock_count", ValueType::number, "shocks so far")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "terminal";
    s.description = "a bare terminal a probe can test and a hand can touch";
    s.params = {text_spec("node", true, "", "the terminal's name in the wiring (PE is earth)"),
                number_spec("touch_radius_mm", false, 1.0, 200.0, 25.0,
                            "a hand this close to the object touches the conductor")};
    s.exports = {export_spec("voltage_v", ValueType::number, "rms voltage to earth"),
                 export_spec("live", ValueType::boolean, "above extra-low voltage to earth")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "fuse";
    s.description = "a fuse holder (gG link); with a socket, the link is a part that is swapped";
    s.params = {text_spec("from", true, "", "line-side terminal"),
                text_spec("to", true, "", "load-side terminal"),
                number_spec("rated_a", false, 0.1, 1000.0, 10.0, "rated current of the link"),
                text_spec("socket", false, "", "socket holding the fuse link ('': a fixed fuse)"),
                number_spec("touch_radius_mm", false, 1.0, 200.0, 30.0,
                            "a hand this close touches the line-side terminal")};
    s.exports = {text_export("state", "the link", {"ok", "blown", "empty"}),
                 export_spec("blown", ValueType::boolean, "no good link conducts"),
                 export_spec("current_a", ValueType::number, "rms current through it")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "fuse_link";
    s.description = "a replaceable fuse link (a part placed into a fuse holder's socket)";
    s.params = {bool_spec("blown_at_start", false, "the link is already blown")};
    s.exports = {export_spec("blown", ValueType::boolean, "the link has melted")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "push_button";
    s.description = "a momentary push button contact (needs a press interaction)";
    s.params = {text_spec("from", true, "", "terminal on one side of the contact"),
                text_spec("to", true, "", "terminal on the other side"),
                bool_spec("normally_open", true, "true: start (NO); false: stop (NC)")};
    s.exports = {export_spec("closed", ValueType::boolean, "the contact conducts")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "contactor";
    s.description = "a contactor: coil A1-A2, a main (NO) contact and an optional auxiliary (NO)";
    s.params = {text_spec("coil_a", true, "", "coil terminal A1"),
                text_spec("coil_b", true, "", "coil terminal A2"),
                number_spec("coil_v", false, 12.0, 690.0, 230.0, "rated coil voltage"),
                text_spec("main_in", true, "", "main contact, supply side"),
                text_spec("main_out", true, "", "main contact, load side"),
                text_spec("aux_in", false, "", "auxiliary NO contact (e.g. 13), '' for none"),
                text_spec("aux_out", false, "", "auxiliary NO contact (e.g. 14)")};
    s.exports = {export_spec("energised", ValueType::boolean, "the coil has picked up"),
                 text_export("state", "contacts", {"open", "closed"})};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "lamp";
    s.description = "an incandescent pilot lamp";
    s.params = {text_spec("from", true, "", "terminal X1"),
                text_spec("to", true, "", "terminal X2"),
                number_spec("rated_v", false, 1.0, 1000.0, 230.0, "rated voltage"),
                number_spec("rated_w", false, 0.1, 5000.0, 15.0, "rated power")};
    s.exports = {export_spec("lit", ValueType::boolean, "glowing"),
                 export_spec("brightness", ValueType::number, "light output, 1 at rated voltage"),
                 export_spec("voltage_v", ValueType::number, "rms voltage across it")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "motor";
    s.description = "a single-phase induction motor";
    s.params = {text_spec("from", true, "", "terminal U (line)"),
                text_spec("to", true, "", "terminal N (neutral)"),
                number_spec("rated_v", false, 1.0, 1000.0, 230.0, "rated voltage"),
                number_spec("rated_w", false, 1.0, 100000.0, 550.0, "rated shaft power"),
                number_spec("start_s", false, 0.0, 60.0, 0.5, "run-up time"),
                bool_spec("jammed", false, "the shaft is seized (stalls when energised)")};
    s.exports = {
        export_spec("running", ValueType::boolean, "at speed"),
        text_export("state", "what it does", {"stopped", "starting", "running", "stalled"}),
        export_spec("current_a", ValueType::number, "rms current")};
    (void)registry.add(std::move(s));
  }
  {
    scenario::ComponentSchema s;
    s.type = "meter_probe";
    s.description = "a multimeter test lead (needs a tool_use interaction on terminals)";
    s.params = {text_spec("meter", true, "", "the object id of its multimeter"),
                choice_spec("lead", {"red", "black"}, "red", "red (V/Ω or A jack) or black (COM)")};
    s.exports = {};
    (void)registry.add(std::move(s));
  }
}

}  // namespace txr::session
