#include "session/electrical_panel.hpp"

#include <algorithm>
#include <cctype>

#include "core/suggest.hpp"
#include "session/trade_binding.hpp"

namespace txr::session {
namespace {

using scenario::InteractionType;
using sim::electrical::MeterJack;
using sim::electrical::MeterMode;

constexpr std::array<std::string_view, 5> k_modes = {"off", "volts_ac", "volts_dc", "amps", "ohms"};

core::Error problem(const scenario::SceneObject& o, const scenario::Component& c,
                    const std::string& what) {
  return core::Error("object '" + o.id + "', " + c.type + " component: " + what);
}

// A terminal name from a parameter: non-empty when required, no spaces, no '#' (the binding's
// own internal points use it).
core::Result<std::string> terminal_param(const scenario::SceneObject& o,
                                         const scenario::Component& c, std::string_view name,
                                         bool required, NodeUses* uses) {
  std::string t = text_param(c, name, "");
  if (t.empty()) {
    if (required) {
      return std::unexpected(problem(
          o, c, "'" + std::string(name) + "' must name a terminal (for example X1:L, or PE)"));
    }
    return t;
  }
  const bool bad = std::any_of(t.begin(), t.end(), [](char ch) {
    return std::isspace(static_cast<unsigned char>(ch)) != 0 || ch == '#';
  });
  if (bad) {
    return std::unexpected(problem(
        o, c,
        "'" + std::string(name) + "' is '" + t + "': a terminal name has no spaces and no '#'"));
  }
  if (uses != nullptr) {
    const scenario::ParamValue* p = find_param(c, name);
    (*uses)[t].push_back({o.id, std::string(name), p != nullptr ? p->where : o.where});
  }
  return t;
}

bool has_interaction(const scenario::SceneObject& o, InteractionType type) {
  return std::any_of(o.interactions.begin(), o.interactions.end(),
                     [&](const scenario::Interaction& i) { return i.type == type; });
}

}  // namespace

void MeterPart::set_mode(std::size_t index) {
  static constexpr std::array<MeterMode, 5> k_mode = {
      MeterMode::off, MeterMode::v_ac, MeterMode::v_dc, MeterMode::a_ac, MeterMode::ohm};
  mode_index = std::min(index, k_mode.size() - 1);
  model->set_mode(k_mode[mode_index]);
  model->set_red_jack(mode_index == 3 ? MeterJack::amp10 : MeterJack::v_ohm);
}

ElectricalPanel::ElectricalPanel(const scenario::Scenario& scenario, scenario::StateTable& state)
    : scenario_(scenario), state_(state) {}

Slot ElectricalPanel::slot(const Object& o, const char* field) const {
  return state_.find(o.id + "." + field);
}

LinkPart* ElectricalPanel::find_link(std::string_view object) {
  for (auto& l : links) {
    if (l.object == object) return &l;
  }
  return nullptr;
}

const TerminalPart* ElectricalPanel::terminal_at_target(std::string_view target) const {
  if (target.empty()) return nullptr;
  const auto it = terminal_by_target_.find(target);
  return it == terminal_by_target_.end() ? nullptr : it->second;
}

void ElectricalPanel::add_touch(const Object& o, NodeId node, double radius_mm) {
  const auto x = slot(o, "pos_x_m"), y = slot(o, "pos_y_m"), z = slot(o, "pos_z_m");
  if (!x || !y || !z) return;
  touchables.push_back({o.id, node, radius_mm / 1000.0, {*x, *y, *z}, {}});
}

core::Result<void> ElectricalPanel::build() {
  // Parts first (they create the terminals), then what refers to terminals and meters.
  for (const std::string_view pass : {"", "terminal", "meter_probe"}) {
    for (const auto& o : scenario_.objects) {
      for (const auto& c : o.components) {
        const bool late = c.type == "terminal" || c.type == "meter_probe";
        if (pass.empty() ? late : c.type != pass) continue;
        if (auto ok = add(o, c); !ok) return ok;
      }
    }
  }
  return finish();
}

core::Result<void> ElectricalPanel::add(const Object& o, const Component& c) {
  auto& k = circuit_;
  auto term = [&](std::string_view name, bool required) {
    return terminal_param(o, c, name, required, &node_uses_);
  };
  if (c.type == "isolator") return add_isolator(o, c);
  if (c.type == "fuse") return add_fuse(o, c);
  if (c.type == "multimeter") return add_meter(o, c);
  if (c.type == "terminal") return add_terminal(o, c);
  if (c.type == "meter_probe") return add_probe(o, c);
  if (c.type == "fuse_link") {
    links.push_back({o.id, find_param(c, "blown_at_start")->boolean, slot(o, "blown")});
    bound_ = true;
    return {};
  }
  if (c.type == "mains_supply") {
    auto line = term("line", true), neutral = term("neutral", true);
    if (!line) return std::unexpected(line.error());
    if (!neutral) return std::unexpected(neutral.error());
    SupplyPart s{o.id, 0, slot(o, "shock"), slot(o, "shock_count")};
    s.element = k.add_ac_source(o.id, *line, *neutral, number_param(c, "voltage_v", 230.0), 0.0,
                                number_param(c, "loop_ohm", 0.2));
    // TN-S: the neutral is bonded to earth at the transformer.
    if (find_param(c, "earthed_neutral")->boolean)
      k.add_resistor(o.id + "#pen", *neutral, "PE", 0.01);
    supplies.push_back(std::move(s));
  } else if (c.type == "push_button") {
    if (!has_interaction(o, InteractionType::press)) {
      return std::unexpected(problem(o, c, "a push button needs a 'press' interaction"));
    }
    auto a = term("from", true), b = term("to", true);
    if (!a) return std::unexpected(a.error());
    if (!b) return std::unexpected(b.error());
    const bool no = find_param(c, "normally_open")->boolean;
    buttons.push_back({o.id, k.add_switch(o.id, *a, *b, !no), no, -1, slot(o, "closed")});
  } else if (c.type == "contactor") {
    std::string n[6];
    const char* names[6] = {"coil_a", "coil_b", "main_in", "main_out", "aux_in", "aux_out"};
    for (int i = 0; i < 6; ++i) {
      auto t = term(names[i], i < 4);
      if (!t) return std::unexpected(t.error());
      n[i] = std::move(*t);
    }
    if (n[4].empty() != n[5].empty()) {
      return std::unexpected(problem(o, c, "write both 'aux_in' and 'aux_out', or neither"));
    }
    // Coil impedance scales with the square of its rated voltage (same VA as the 230 V coil).
    sim::electrical::CoilRating coil;
    coil.rated_v = number_param(c, "coil_v", 230.0);
    const double r = coil.rated_v / 230.0;
    coil.coil_ohm *= r * r;
    coil.coil_h *= r * r;
    const ElementId id = k.add_contactor(o.id, n[0], n[1], coil);
    k.add_contact(o.id + "#main", id, n[2], n[3], true);
    if (!n[4].empty()) k.add_contact(o.id + "#aux", id, n[4], n[5], true);
    contactors.push_back({o.id, id, slot(o, "energised"), slot(o, "state")});
  } else if (c.type == "lamp") {
    auto a = term("from", true), b = term("to", true);
    if (!a) return std::unexpected(a.error());
    if (!b) return std::unexpected(b.error());
    const ElementId id = k.add_lamp(o.id, *a, *b, number_param(c, "rated_v", 230.0),
                                    number_param(c, "rated_w", 15.0));
    lamps.push_back({o.id, id, slot(o, "lit"), slot(o, "brightness"), slot(o, "voltage_v")});
  } else if (c.type == "motor") {
    auto a = term("from", true), b = term("to", true);
    if (!a) return std::unexpected(a.error());
    if (!b) return std::unexpected(b.error());
    sim::electrical::MotorRating rating;
    rating.rated_v = number_param(c, "rated_v", 230.0);
    rating.rated_w = number_param(c, "rated_w", 550.0);
    rating.start_s = number_param(c, "start_s", 0.5);
    const ElementId id = k.add_motor(o.id, *a, *b, rating);
    if (find_param(c, "jammed")->boolean) (void)k.set_jammed(id, true);
    motors.push_back({o.id, id, slot(o, "running"), slot(o, "state"), slot(o, "current_a")});
  } else {
    return {};  // not electrical
  }
  bound_ = true;
  return {};
}

core::Result<void> ElectricalPanel::add_isolator(const Object& o, const Component& c) {
  IsolatorPart iso;
  iso.object = o.id;
  iso.handle = text_param(c, "handle", "");
  std::string t[4];
  const char* names[4] = {"line_in", "line_out", "neutral_in", "neutral_out"};
  for (int i = 0; i < 4; ++i) {
    auto v = terminal_param(o, c, names[i], false, &node_uses_);
    if (!v) return std::unexpected(v.error());
    t[i] = std::move(*v);
  }
  // An isolator with neither wiring nor a handle is only declared (its states stay as they are).
  if (t[0].empty() && iso.handle.empty()) return {};
  if (t[0].empty() != t[1].empty() || t[2].empty() != t[3].empty() ||
      (t[0].empty() && !t[2].empty())) {
    return std::unexpected(problem(
        o, c, "write 'line_in' and 'line_out' (and 'neutral_in' and 'neutral_out' for 2 poles)"));
  }
  if (t[0].empty()) {  // a handle without wiring: a pole between two points of its own
    t[0] = o.id + "#in";
    t[1] = o.id + "#out";
  }
  std::vector<std::pair<std::string_view, std::string_view>> poles = {{t[0], t[1]}};
  if (!t[2].empty()) poles.emplace_back(t[2], t[3]);
  iso.element = circuit_.add_isolator(o.id, poles);
  iso.on_deg = number_param(c, "on_deg", 0.0);
  iso.off_deg = number_param(c, "off_deg", -90.0);
  if (iso.on_deg == iso.off_deg) {
    return std::unexpected(problem(o, c, "'on_deg' and 'off_deg' must differ"));
  }
  if (iso.handle.empty()) {
    iso.handle_on = find_param(c, "start_closed")->boolean;
  } else {
    const int h = scenario_.find_object(iso.handle);
    if (h < 0 ||
        !has_interaction(scenario_.objects[static_cast<std::size_t>(h)], InteractionType::turn)) {
      return std::unexpected(problem(
          o, c,
          "'handle' is '" + iso.handle + "', which is not an object with a 'turn' interaction"));
    }
    // A handle starts at 0°: whichever position is nearer.
    iso.handle_on = std::fabs(iso.on_deg) < std::fabs(iso.off_deg);
  }
  std::vector<std::string_view> sockets;
  for (const auto& obj : scenario_.objects) {
    for (const auto& in : obj.interactions) {
      for (const auto& s : in.sockets) sockets.push_back(s.id);
    }
  }
  for (const char* name : {"lock_socket", "tag_socket"}) {
    const std::string s = text_param(c, name, "");
    if (!s.empty() && std::find(sockets.begin(), sockets.end(), s) == sockets.end()) {
      return std::unexpected(problem(o, c,
                                     "'" + std::string(name) + "' is '" + s +
                                         "', but there is no such socket" +
                                         core::did_you_mean(s, sockets)));
    }
  }
  iso.lock_socket = text_param(c, "lock_socket", "");
  iso.tag_socket = text_param(c, "tag_socket", "");
  (void)circuit_.set_closed(iso.element, iso.handle_on);
  iso.closed = slot(o, "closed");
  iso.locked = slot(o, "locked");
  iso.tagged_slot = slot(o, "tagged");
  iso.state = slot(o, "state");
  isolators.push_back(std::move(iso));
  bound_ = true;
  return {};
}

core::Result<void> ElectricalPanel::add_fuse(const Object& o, const Component& c) {
  auto a = terminal_param(o, c, "from", true, &node_uses_);
  auto b = terminal_param(o, c, "to", true, &node_uses_);
  if (!a) return std::unexpected(a.error());
  if (!b) return std::unexpected(b.error());
  FusePart f;
  f.object = o.id;
  f.socket = text_param(c, "socket", "");
  sim::electrical::FuseRating rating;
  rating.rated_a = number_param(c, "rated_a", 10.0);
  if (f.socket.empty()) {
    f.element = circuit_.add_fuse(o.id, *a, *b, rating);
  } else {
    bool found = false;
    std::vector<std::string_view> own;
    for (const auto& in : o.interactions) {
      for (const auto& s : in.sockets) {
        own.push_back(s.id);
        found = found || s.id == f.socket;
      }
    }
    if (!found) {
      return std::unexpected(problem(o, c,
                                     "'socket' is '" + f.socket +
                                         "', which is not a socket of this object" +
                                         core::did_you_mean(f.socket, own)));
    }
    const std::string mid = o.id + "#link";
    f.element = circuit_.add_fuse(o.id, *a, mid, rating);
    f.holder = circuit_.add_switch(o.id + "#holder", mid, *b, false);  // empty until a link snaps
  }
  add_touch(o, *circuit_.find_terminal(*a), number_param(c, "touch_radius_mm", 30.0));
  f.state = slot(o, "state");
  f.blown = slot(o, "blown");
  f.current = slot(o, "current_a");
  fuses.push_back(std::move(f));
  bound_ = true;
  return {};
}

core::Result<void> ElectricalPanel::add_meter(const Object& o, const Component& c) {
  MeterPart m;
  m.object = o.id;
  m.model = &circuit_.add_multimeter(o.id);
  const std::string start = text_param(c, "start_mode", "off");
  const auto it = std::find(k_modes.begin(), k_modes.end(), start);
  m.set_mode(it == k_modes.end() ? 0 : static_cast<std::size_t>(it - k_modes.begin()));
  m.mode = slot(o, "mode");
  m.reading = slot(o, "reading");
  m.on_circuit = slot(o, "probes_on_circuit");
  m.display = slot(o, "display");
  m.fuse_blown = slot(o, "fuse_blown");
  m.live_warning = slot(o, "live_warning");
  m.red_on = slot(o, "red_on");
  m.black_on = slot(o, "black_on");
  meters.push_back(std::move(m));
  bound_ = true;
  return {};
}

core::Result<void> ElectricalPanel::add_terminal(const Object& o, const Component& c) {
  auto name = terminal_param(o, c, "node", true, nullptr);  // a test point, not a wire
  if (!name) return std::unexpected(name.error());
  const auto node = circuit_.find_terminal(*name);
  if (!node) {
    std::vector<std::string> known;
    for (std::size_t i = 0; i < circuit_.terminal_count(); ++i) {
      const auto n = circuit_.terminal_name(static_cast<NodeId>(i));
      if (n.find('#') == std::string_view::npos) known.emplace_back(n);
    }
    std::vector<std::string_view> views(known.begin(), known.end());
    return std::unexpected(problem(o, c,
                                   "'node' is '" + *name +
                                       "', which no part of the circuit connects to" +
                                       core::did_you_mean(*name, views)));
  }
  terminals.push_back({o.id, *node, slot(o, "voltage_v"), slot(o, "live")});
  add_touch(o, *node, number_param(c, "touch_radius_mm", 25.0));
  bound_ = true;
  return {};
}

core::Result<void> ElectricalPanel::add_probe(const Object& o, const Component& c) {
  if (!has_interaction(o, InteractionType::tool_use)) {
    return std::unexpected(problem(o, c, "a meter probe needs a 'tool_use' interaction"));
  }
  const std::string meter = text_param(c, "meter", "");
  std::vector<std::string_view> ids;
  MeterPart* found = nullptr;
  for (auto& m : meters) {
    ids.push_back(m.object);
    if (m.object == meter) found = &m;
  }
  if (found == nullptr) {
    return std::unexpected(problem(o, c,
                                   "'meter' is '" + meter +
                                       "', which is not an object with a multimeter" +
                                       core::did_you_mean(meter, ids)));
  }
  probes.push_back({o.id, found, text_param(c, "lead", "red") == "red", {}, nullptr, -1});
  bound_ = true;
  return {};
}

// A terminal that only one part connects to is almost always a typo in the wiring ("Q9:L" for
// "Q1:L"): the circuit would still solve, with that part silently dead. Earth (PE) is exempt.
core::Result<void> ElectricalPanel::check_wiring() const {
  std::vector<std::string_view> names;
  for (const auto& [name, list] : node_uses_) {
    if (list.size() > 1) names.push_back(name);
  }
  std::optional<core::Error> first;
  for (const auto& [name, list] : node_uses_) {
    if (list.size() != 1 || name == "PE") continue;
    const NodeUse& use = list.front();
    const std::string what = "object '" + use.object + "': '" + use.param + "' is '" + name +
                             "', which nothing else in the wiring connects to";
    if (!first) {
      first = core::Error(what + " (a typo?)" + core::did_you_mean(name, names), use.where);
    } else {
      first->message += "; also " + use.where.to_string() + ": " + what;
    }
  }
  if (first) return std::unexpected(*first);
  return {};
}

core::Result<void> ElectricalPanel::finish() {
  if (!bound_) return {};
  // Tool targets on terminal objects are where probes touch.
  for (const auto& o : scenario_.objects) {
    for (const auto& in : o.interactions) {
      for (const auto& t : in.targets) {
        for (const auto& term : terminals) {
          if (term.object == t.object) terminal_by_target_[t.id] = &term;
        }
      }
    }
  }
  if (auto dangling = check_wiring(); !dangling) return dangling;
  if (!circuit_.setup_errors().empty()) {
    std::string all;
    for (const auto& e : circuit_.setup_errors()) all += (all.empty() ? "" : "; ") + e.message;
    return core::fail("electrical circuit: " + all);
  }
  const auto& report = circuit_.solve();
  if (!report.source_loop.empty() || report.singular) {
    return core::fail("electrical circuit: " + circuit_.describe(report));
  }
  return {};
}

}  // namespace txr::session
