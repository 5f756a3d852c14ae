#pragma once
// The electrical parts of a scenario gathered into one circuit: each electrical component of a
// scene object becomes circuit elements named after the object, plus the record the binding
// needs to drive it from interaction and to export its state. Built (and checked) once.
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "scenario/scenario.hpp"
#include "scenario/state_table.hpp"
#include "sim/electrical/circuit.hpp"

namespace txr::session {

using Slot = std::optional<scenario::SlotId>;

// Where a terminal name is used in the wiring: the object, its parameter and the place in
// scenario.yaml.
struct NodeUse {
  std::string object;
  std::string param;
  core::SourceLocation where;
};
using NodeUses = std::map<std::string, std::vector<NodeUse>, std::less<>>;
using sim::electrical::ElementId;
using sim::electrical::NodeId;

struct SupplyPart {
  std::string object;
  ElementId element = 0;
  Slot shock, shock_count;
};

struct TerminalPart {
  std::string object;
  NodeId node = 0;
  Slot voltage, live;
};

// Something a hand can touch: a terminal, or a fuse holder's line side.
struct TouchPart {
  std::string object;
  NodeId node = 0;
  double radius_m = 0.025;
  std::array<scenario::SlotId, 3> pos{};  // the object's pos_x_m, pos_y_m, pos_z_m
  std::array<bool, 2> contact{};          // per hand, last step
};

struct IsolatorPart {
  std::string object;
  ElementId element = 0;
  std::string handle;  // object with the turn interaction ('' : fixed at start_closed)
  double on_deg = 0.0, off_deg = -90.0;
  bool handle_on = false;
  std::string lock_socket, tag_socket, lock_owner;
  bool tagged = false;
  int knob_index = -1, lock_index = -1, tag_index = -1;
  Slot closed, locked, tagged_slot, state;
};

struct LinkPart {
  std::string object;
  bool blown = false;
  Slot blown_slot;
};

struct FusePart {
  std::string object;
  ElementId element = 0;
  ElementId holder = 0;  // switch in series: closed while a good link sits in the socket
  std::string socket;    // '' : a fixed fuse
  int socket_index = -1;
  std::string link_in;  // object in the socket now
  LinkPart* link = nullptr;
  Slot state, blown, current;
};

struct ButtonPart {
  std::string object;
  ElementId element = 0;
  bool normally_open = true;
  int button_index = -1;
  Slot closed;
};

struct ContactorPart {
  std::string object;
  ElementId element = 0;
  Slot energised, state;
};

struct LampPart {
  std::string object;
  ElementId element = 0;
  Slot lit, brightness, voltage;
};

struct MotorPart {
  std::string object;
  ElementId element = 0;
  Slot running, state, current;
};

struct MeterPart {
  std::string object;
  sim::electrical::Multimeter* model = nullptr;
  std::size_t mode_index = 0;  // off, volts_ac, volts_dc, amps, ohms
  Slot mode, reading, on_circuit, display, fuse_blown, live_warning, red_on, black_on;
  // Turns the selector; amps also moves the red lead to the 10 A jack.
  void set_mode(std::size_t index);
};

struct ProbePart {
  std::string object;
  MeterPart* meter = nullptr;
  bool red = true;
  std::string target;  // tool target engaged now
  const TerminalPart* on = nullptr;
  int tool_index = -1;
};

class ElectricalPanel {
 public:
  ElectricalPanel(const scenario::Scenario& scenario, scenario::StateTable& state);
  ElectricalPanel(const ElectricalPanel&) = delete;
  ElectricalPanel& operator=(const ElectricalPanel&) = delete;

  // Builds the circuit from every electrical component; errors name the object and parameter.
  core::Result<void> build();
  bool empty() const { return !bound_; }

  sim::electrical::Circuit& circuit() { return circuit_; }
  const sim::electrical::Circuit& circuit() const { return circuit_; }
  LinkPart* find_link(std::string_view object);
  // The terminal a probe engaged on this tool target touches (nullptr: none).
  const TerminalPart* terminal_at_target(std::string_view target) const;

  std::deque<SupplyPart> supplies;
  std::deque<TerminalPart> terminals;
  std::vector<TouchPart> touchables;
  std::deque<IsolatorPart> isolators;
  std::deque<LinkPart> links;
  std::deque<FusePart> fuses;
  std::deque<ButtonPart> buttons;
  std::deque<ContactorPart> contactors;
  std::deque<LampPart> lamps;
  std::deque<MotorPart> motors;
  std::deque<MeterPart> meters;
  std::deque<ProbePart> probes;
  double shock_count = 0.0;
  bool shock_now = false;

 private:
  using Object = scenario::SceneObject;
  using Component = scenario::Component;
  core::Result<void> add(const Object& o, const Component& c);
  core::Result<void> add_isolator(const Object& o, const Component& c);
  core::Result<void> add_fuse(const Object& o, const Component& c);
  core::Result<void> add_meter(const Object& o, const Component& c);
  core::Result<void> add_terminal(const Object& o, const Component& c);
  core::Result<void> add_probe(const Object& o, const Component& c);
  core::Result<void> finish();
  core::Result<void> check_wiring() const;
  void add_touch(const Object& o, NodeId node, double radius_mm);
  Slot slot(const Object& o, const char* field) const;

  const scenario::Scenario& scenario_;
  scenario::StateTable& state_;
  sim::electrical::Circuit circuit_;
  bool bound_ = false;
  std::map<std::string, const TerminalPart*, std::less<>> terminal_by_target_;
  NodeUses node_uses_;  // which part parameters name each terminal
};

}  // namespace txr::session
