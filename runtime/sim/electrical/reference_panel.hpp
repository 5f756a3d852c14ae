#pragma once
// A reference training panel built from the circuit primitives: the kind of board a lighting
// and motor-starter exercise uses, and the workload the benchmark and allocation tests run.
//
//   230 V TN-S supply (0.2 Ω loop impedance) → 2-pole isolator Q0 → lamp circuits, each
//   C10 breaker → terminal strip (trainee wires) → switch → 230 V 60 W lamp → strip → neutral;
//   a motor starter (C16, NC stop, NO start, contactor K1 with hold-in contact, 750 W motor);
//   a 24 V DC control circuit (relay K2 and a 24 V pilot lamp); a multimeter on lamp 1.
#include <string>
#include <vector>

#include "sim/electrical/circuit.hpp"

namespace txr::sim::electrical {

struct ReferencePanel {
  ElementId supply = 0;
  ElementId isolator = 0;
  std::vector<ElementId> breakers;
  std::vector<ElementId> switches;
  std::vector<ElementId> lamps;
  ElementId start_button = 0;
  ElementId stop_button = 0;
  ElementId contactor = 0;
  ElementId motor = 0;
  ElementId relay = 0;
  ElementId relay_switch = 0;
  Multimeter* meter = nullptr;
};

// Builds the panel with `lamp_circuits` lamp branches (8 nodes each; 10 gives ≈100 nodes).
ReferencePanel build_reference_panel(Circuit& circuit, int lamp_circuits = 10);

}  // namespace txr::sim::electrical
