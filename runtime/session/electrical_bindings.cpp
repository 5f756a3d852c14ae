// Electrical trade: one MNA circuit (sim/electrical) built from the scenario's electrical
// components and driven from interaction every physics step — the isolator follows its handle
// and takes locks and tags from sockets, fuse links are parts swapped in holders, push buttons
// follow their press, meter probes are tools engaged on terminal targets, and hands near live
// conductors get a shock. Schemas: electrical_components.cpp; format: docs/scenario-format.md.
#include <cmath>
#include <deque>
#include <map>
#include <numbers>

#include "session/electrical_panel.hpp"
#include "session/trade_binding.hpp"

namespace txr::session {
namespace {

using sim::electrical::ElementId;
using sim::electrical::MeterJack;
using sim::electrical::MeterMode;

constexpr std::array<std::string_view, 5> k_mode_names = {"off", "volts_ac", "volts_dc", "amps",
                                                          "ohms"};
constexpr std::array<std::string_view, 2> k_hand_names = {"left hand", "right hand"};

// Finds `id` in a list rebuilt every step in the same order: checks the cached index first.
template <class List, class Key>
const auto* find_cached(const List& list, int& index, const std::string& id, Key key) {
  using Item = std::remove_reference_t<decltype(list[0])>;
  if (index >= 0 && static_cast<std::size_t>(index) < list.size() &&
      key(list[static_cast<std::size_t>(index)]) == id) {
    return &list[static_cast<std::size_t>(index)];
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (key(list[i]) == id) {
      index = static_cast<int>(i);
      return &list[i];
    }
  }
  return static_cast<const Item*>(nullptr);
}

class ElectricalBinding final : public TradeBinding, private sim::EventSink {
 public:
  explicit ElectricalBinding(const TradeContext& context)
      : context_(context), panel_(context.scenario, context.state), own_channel_(this) {
    panel_.circuit().set_events(&own_channel_);
  }

  core::Result<void> build() { return panel_.build(); }
  bool empty() const { return panel_.empty(); }
  void write_initial_state() {
    panel_.circuit().solve();
    export_state();
  }

  void step(const TradeStep& step) override;
  bool apply_ui(const core::UiCommand& command, const std::string& object_id) override;

 private:
  void on_event(const sim::SimEvent& event) override;
  std::string_view occupant(const physics::InteractionState& in, const std::string& socket,
                            int& index) const;
  void operate(const physics::InteractionState& in);
  void touch(const physics::InteractionState& in);
  bool live(sim::electrical::NodeId node) const;
  void export_state();

  TradeContext context_;
  ElectricalPanel panel_;
  sim::EventChannel own_channel_;
  std::string_view touching_object_;
};

std::string_view ElectricalBinding::occupant(const physics::InteractionState& in,
                                             const std::string& socket, int& index) const {
  if (socket.empty()) return {};
  const auto* s = find_cached(
      in.sockets, index, socket, [](const physics::SocketState& x) -> const auto& { return x.id; });
  return s ? std::string_view(s->occupant) : std::string_view();
}

void ElectricalBinding::operate(const physics::InteractionState& in) {
  auto& circuit = panel_.circuit();
  for (auto& iso : panel_.isolators) {
    bool handle_on = iso.handle_on;
    if (!iso.handle.empty()) {
      const auto* knob = find_cached(
          in.knobs, iso.knob_index, iso.handle,
          [](const physics::KnobState& k) -> const auto& { return k.id; });
      if (knob != nullptr) {
        const double deg = knob->angle_rad * 180.0 / std::numbers::pi;
        handle_on = std::fabs(deg - iso.on_deg) < std::fabs(deg - iso.off_deg);
      }
    }
    const std::string_view lock = occupant(in, iso.lock_socket, iso.lock_index);
    iso.tagged = !occupant(in, iso.tag_socket, iso.tag_index).empty();
    bool lock_changed = false;
    if (!iso.lock_owner.empty() && lock != iso.lock_owner) {
      (void)circuit.remove_lock(iso.element, iso.lock_owner);
      iso.lock_owner.clear();
      lock_changed = true;
    }
    // A padlock only goes through the hasp while the handle is OFF.
    if (iso.lock_owner.empty() && !lock.empty() && !circuit.element(iso.element).closed) {
      if (circuit.apply_lock(iso.element, lock)) {
        iso.lock_owner = std::string(lock);
        lock_changed = true;
      }
    }
    if (handle_on != iso.handle_on || lock_changed) {
      iso.handle_on = handle_on;
      // Refused while locked (the circuit reports close_refused).
      if (handle_on != circuit.element(iso.element).closed) {
        (void)circuit.set_closed(iso.element, handle_on);
      }
    }
  }
  for (auto& f : panel_.fuses) {
    if (f.socket.empty()) continue;
    const std::string_view occ = occupant(in, f.socket, f.socket_index);
    if (occ == f.link_in) continue;
    f.link_in = std::string(occ);
    f.link = panel_.find_link(occ);
    const bool good = f.link != nullptr && !f.link->blown;
    if (good) (void)circuit.replace_fuse(f.element);  // the element now models this link
    (void)circuit.set_closed(f.holder, good);
  }
  for (auto& b : panel_.buttons) {
    const auto* button = find_cached(
        in.buttons, b.button_index, b.object,
        [](const physics::ButtonState& x) -> const auto& { return x.id; });
    const bool pressed = button != nullptr && button->pressed;
    const bool closed = b.normally_open ? pressed : !pressed;
    if (closed != circuit.element(b.element).closed) (void)circuit.set_closed(b.element, closed);
  }
  for (auto& p : panel_.probes) {
    const auto* tool = find_cached(
        in.tools, p.tool_index, p.object,
        [](const physics::EngagementState& x) -> const auto& { return x.tool; });
    const std::string_view target = tool ? std::string_view(tool->target) : std::string_view();
    if (target != p.target) {
      p.target = std::string(target);
      p.on = panel_.terminal_at_target(target);
    }
    const auto node = p.on ? p.on->node : sim::electrical::k_no_node;
    if (p.red) {
      p.meter->model->touch_red(node);
    } else {
      p.meter->model->touch_black(node);
    }
  }
}

bool ElectricalBinding::live(sim::electrical::NodeId node) const {
  const auto& c = panel_.circuit();
  if (node == sim::electrical::k_earth || c.node_floating(node)) return false;
  return std::abs(c.node_ac_v(node)) > sim::electrical::Circuit::k_elv_ac_v ||
         std::fabs(c.node_dc_v(node)) > sim::electrical::Circuit::k_elv_dc_v;
}

// A hand within an exposed conductor's touch radius touches it; a new contact with a live one
// is a shock (the circuit's touch model emits it), and `shock` stays true while it lasts.
void ElectricalBinding::touch(const physics::InteractionState& in) {
  bool shock_now = false;
  for (auto& t : panel_.touchables) {
    const double x = context_.state.number(t.pos[0]);
    const double y = context_.state.number(t.pos[1]);
    const double z = context_.state.number(t.pos[2]);
    for (std::size_t h = 0; h < 2; ++h) {
      const auto& hand = in.hands[h];
      bool contact = false;
      if (hand.tracked) {
        const auto& p = hand.T_world_hand.position_m;
        const double dx = p[0] - x, dy = p[1] - y, dz = p[2] - z;
        contact = dx * dx + dy * dy + dz * dz <= t.radius_m * t.radius_m;
      }
      if (contact && !t.contact[h]) {
        touching_object_ = t.object;
        if (panel_.circuit().touch(t.node, k_hand_names[h]).shock) panel_.shock_count += 1.0;
        touching_object_ = {};
      }
      t.contact[h] = contact;
      shock_now = shock_now || (contact && live(t.node));
    }
  }
  panel_.shock_now = shock_now;
}

void ElectricalBinding::step(const TradeStep& step) {
  own_channel_.set_time_s(step.time_s);
  operate(step.interaction);
  panel_.circuit().update(step.dt_s);
  for (auto& f : panel_.fuses) {
    if (f.link != nullptr && panel_.circuit().element(f.element).blown) f.link->blown = true;
  }
  touch(step.interaction);
  export_state();
}

bool ElectricalBinding::apply_ui(const core::UiCommand& command, const std::string& object_id) {
  if (command.kind != core::UiCommandKind::set_value) return false;
  for (auto& m : panel_.meters) {
    if (m.object != object_id) continue;
    // The selector positions in order: 0 off, 1 volts_ac, 2 volts_dc, 3 amps, 4 ohms.
    const double v = command.value;
    const long index = std::lround(v);
    if (std::fabs(v - static_cast<double>(index)) > 1e-3 || index < 0 ||
        index >= static_cast<long>(k_mode_names.size())) {
      return false;
    }
    m.set_mode(static_cast<std::size_t>(index));
    return true;
  }
  return false;
}

void ElectricalBinding::on_event(const sim::SimEvent& event) {
  // Elements are named after their objects ("k1", "k1#main"): report the object.
  std::string_view source = event.source;
  if (event.kind == sim::EventKind::shock && !touching_object_.empty()) source = touching_object_;
  if (const auto hash = source.find('#'); hash != std::string_view::npos) {
    source = source.substr(0, hash);
  }
  context_.channel.emit(event.kind, source, event.value, event.detail,
                        event.time_s - context_.channel.time_s());
}

void ElectricalBinding::export_state() {
  auto& state = context_.state;
  const auto& c = panel_.circuit();
  auto set_b = [&](const Slot& s, bool v) {
    if (s) state.set_bool(*s, v);
  };
  auto set_n = [&](const Slot& s, double v) {
    if (s) state.set_number(*s, v);
  };
  auto set_t = [&](const Slot& s, std::string_view v) {
    if (s && state.text(*s) != v) state.set_text(*s, v);
  };
  for (const auto& s : panel_.supplies) {
    set_b(s.shock, panel_.shock_now);
    set_n(s.shock_count, panel_.shock_count);
  }
  for (const auto& t : panel_.terminals) {
    set_n(t.voltage, std::abs(c.node_ac_v(t.node)) + std::fabs(c.node_dc_v(t.node)));
    set_b(t.live, live(t.node));
  }
  for (const auto& iso : panel_.isolators) {
    const auto& e = c.element(iso.element);
    set_b(iso.closed, e.closed);
    set_b(iso.locked, e.locked);
    set_b(iso.tagged_slot, iso.tagged);
    set_t(iso.state, e.state_text);
  }
  for (const auto& f : panel_.fuses) {
    const auto& e = c.element(f.element);
    std::string_view text = e.blown ? "blown" : "ok";
    if (!f.socket.empty()) {
      text = f.link == nullptr ? "empty" : (f.link->blown || e.blown ? "blown" : "ok");
    }
    set_t(f.state, text);
    set_b(f.blown, text != "ok");
    set_n(f.current, e.current_a);
  }
  for (const auto& l : panel_.links) set_b(l.blown_slot, l.blown);
  for (const auto& b : panel_.buttons) set_b(b.closed, c.element(b.element).closed);
  for (const auto& k : panel_.contactors) {
    const auto& e = c.element(k.element);
    set_b(k.energised, e.energised);
    set_t(k.state, e.state_text);
  }
  for (const auto& l : panel_.lamps) {
    const auto& e = c.element(l.element);
    set_b(l.lit, e.lit);
    set_n(l.brightness, e.brightness);
    set_n(l.voltage, e.voltage_v);
  }
  for (const auto& m : panel_.motors) {
    const auto& e = c.element(m.element);
    set_b(m.running, e.running);
    set_t(m.state, e.state_text);
    set_n(m.current, e.current_a);
  }
  for (const auto& m : panel_.meters) {
    const auto& meter = *m.model;
    set_t(m.mode, k_mode_names[m.mode_index]);
    set_n(m.reading, meter.reading());
    set_b(m.on_circuit, meter.red_node() != sim::electrical::k_no_node &&
                            meter.black_node() != sim::electrical::k_no_node);
    set_t(m.display, meter.display());
    set_b(m.fuse_blown,
          meter.fuse_blown(MeterJack::amp10) || meter.fuse_blown(MeterJack::milliamp));
    set_b(m.live_warning, meter.live_warning());
    std::string_view red, black;
    for (const auto& p : panel_.probes) {
      if (p.meter != &m || p.on == nullptr) continue;
      (p.red ? red : black) = p.on->object;
    }
    set_t(m.red_on, red);
    set_t(m.black_on, black);
  }
}

}  // namespace

core::Result<std::unique_ptr<TradeBinding>> make_electrical_binding(const TradeContext& context) {
  auto binding = std::make_unique<ElectricalBinding>(context);
  if (auto built = binding->build(); !built) return std::unexpected(built.error());
  if (binding->empty()) return std::unique_ptr<TradeBinding>();
  // States hold their start values before the first step (the step engine starts at time 0).
  binding->write_initial_state();
  return std::unique_ptr<TradeBinding>(std::move(binding));
}

}  // namespace txr::session
