#pragma once
// A panel circuit solved by Modified Nodal Analysis (Ho, Ruehli & Brennan, "The modified nodal
// approach to network analysis", IEEE Trans. Circuits Syst. 22(6), 1975): unknowns are the node
// voltages plus the currents of branch elements (voltage sources, inductors, motors, coils);
// every element stamps its admittance into the matrix. Two analyses run by superposition:
// DC (ω = 0: L short, C open) and single-phase AC phasors at the mains frequency (rms).
//
// Terminals are named nodes ("X1:L", "Q1:2"); node 0 is earth ("PE"). Components join
// terminals they share by name; trainee wires (add_wire) are 10 mΩ links added and removed at
// runtime. Switching devices open by leaving their conductance out. Faults are reported, never
// NaN: a node with no conducting path to earth is listed as floating (and held near 0 V by a
// 1 nS leak); a loop of zero-impedance branches (ideal sources) is listed and the branch closing
// it is left out of the solve. Buffers are sized once; a warm solve does not allocate.
#include <complex>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sim/electrical/dense_lu.hpp"
#include "sim/electrical/element.hpp"
#include "sim/electrical/multimeter.hpp"
#include "sim/events.hpp"
#include "sim/state_field.hpp"
#include "sim/state_index.hpp"

namespace txr::sim::electrical {

inline constexpr NodeId k_earth = 0;

struct SolveReport {
  bool ok = true;                      // false: source loop or singular system
  std::vector<NodeId> floating_nodes;  // no conducting path to earth (warning)
  std::vector<ElementId> source_loop;  // zero-impedance branches closing a loop (fault)
  bool singular = false;               // the matrix could not be factored
  NodeId singular_node = k_no_node;    // the node (or branch row) where it failed
  bool contactor_chatter = false;      // coils did not settle (e.g. a coil fed by its own NC)
  std::uint32_t iterations = 0;        // linear solves used (lamp Newton × contactor passes)
  std::uint32_t factorizations = 0;    // LU factorisations (0 on a warm step)
};

struct TouchResult {
  double v_ac_rms = 0.0;  // 50 Hz component relative to earth
  double v_dc = 0.0;
  bool shock = false;  // above extra-low voltage: 50 V AC or 120 V ripple-free DC
};

class Circuit {
 public:
  static constexpr double k_wire_ohm = 0.01;
  static constexpr double k_contact_ohm = 0.001;  // closed switch, contact, fuse, breaker pole
  static constexpr double k_gmin_s = 1e-9;        // leak that holds floating nodes
  static constexpr double k_elv_ac_v = 50.0;      // IEC 61140 / IEC 60364-4-41 ELV limits
  static constexpr double k_elv_dc_v = 120.0;

  explicit Circuit(double frequency_hz = 50.0);
  Circuit(const Circuit&) = delete;
  Circuit& operator=(const Circuit&) = delete;

  void set_events(const EventChannel* events) { events_ = events; }
  double frequency_hz() const { return frequency_hz_; }

  // --- terminals ------------------------------------------------------------------------------
  NodeId add_terminal(std::string_view name);  // returns the existing node for a known name
  std::optional<NodeId> find_terminal(std::string_view name) const;
  std::string_view terminal_name(NodeId node) const;
  std::size_t terminal_count() const { return names_.size(); }

  // --- components (fixed panel wiring; terminals are created on first use) -------------------
  ElementId add_resistor(std::string id, std::string_view a, std::string_view b, double ohm);
  ElementId add_inductor(std::string id, std::string_view a, std::string_view b, double henry,
                         double series_ohm = 0.0);
  ElementId add_capacitor(std::string id, std::string_view a, std::string_view b, double farad);
  ElementId add_dc_source(std::string id, std::string_view plus, std::string_view minus,
                          double volts, double internal_ohm = 0.0);
  ElementId add_ac_source(std::string id, std::string_view line, std::string_view neutral,
                          double volts_rms, double phase_deg = 0.0, double internal_ohm = 0.0);
  ElementId add_lamp(std::string id, std::string_view a, std::string_view b, double rated_v,
                     double rated_w);
  ElementId add_motor(std::string id, std::string_view a, std::string_view b,
                      const MotorRating& rating);
  ElementId add_switch(std::string id, std::string_view a, std::string_view b, bool closed = false);
  ElementId add_contactor(std::string id, std::string_view coil_a, std::string_view coil_b,
                          const CoilRating& coil);
  ElementId add_contact(std::string id, ElementId contactor, std::string_view a, std::string_view b,
                        bool normally_open = true);
  ElementId add_fuse(std::string id, std::string_view a, std::string_view b,
                     const FuseRating& rating);
  ElementId add_breaker(std::string id, std::string_view a, std::string_view b, double rated_a,
                        TripCurve curve);
  // One pole per (a, b) pair, operated together (e.g. L and N of a 2-pole isolator).
  ElementId add_isolator(std::string id,
                         std::span<const std::pair<std::string_view, std::string_view>> poles);
  Multimeter& add_multimeter(std::string id);

  // Parameter problems found while building (each names the element); such elements are left
  // out of the circuit. Empty when every part is valid.
  const std::vector<core::Error>& setup_errors() const { return setup_errors_; }

  // --- trainee wiring at runtime --------------------------------------------------------------
  core::Result<ElementId> add_wire(std::string_view terminal_a, std::string_view terminal_b);
  core::Result<void> remove_wire(ElementId wire);

  // --- operating devices ----------------------------------------------------------------------
  // Switch, isolator (refused while locked) or breaker (closing resets a trip).
  core::Result<void> set_closed(ElementId id, bool closed);
  core::Result<void> apply_lock(ElementId isolator, std::string_view owner);
  core::Result<void> remove_lock(ElementId isolator, std::string_view owner);
  core::Result<void> replace_fuse(ElementId fuse);
  core::Result<void> set_jammed(ElementId motor, bool jammed);
  core::Result<void> set_source_on(ElementId source, bool on);

  // --- simulation -----------------------------------------------------------------------------
  // Solves the present state (contactors iterated to a consistent state, lamps by Newton).
  const SolveReport& solve();
  // One simulation step: solve, then advance fuses, breakers, motors and meter fuses by dt_s
  // at the solved currents (re-solving if any of them changed state).
  void update(double dt_s);
  const SolveReport& report() const { return report_; }
  // Human-readable fault list naming terminals and elements ("" when all is well).
  std::string describe(const SolveReport& report) const;

  // A hand touching a terminal: emits `shock` (value: volts; source: the terminal name; detail:
  // who touched it).
  TouchResult touch(NodeId node, std::string_view who);
  core::Result<TouchResult> touch(std::string_view terminal, std::string_view who);
  // Puts a meter's probes on two named terminals ("" lifts that probe).
  core::Result<void> probe(Multimeter& meter, std::string_view red_terminal,
                           std::string_view black_terminal);

  // --- results --------------------------------------------------------------------------------
  double node_dc_v(NodeId node) const;
  std::complex<double> node_ac_v(NodeId node) const;
  bool node_floating(NodeId node) const;
  const Element& element(ElementId id) const { return elements_[id]; }
  std::optional<ElementId> find(std::string_view id) const;
  std::size_t element_count() const { return elements_.size(); }
  std::span<const StateField> state(ElementId id) const { return elements_[id].fields.span(); }
  Multimeter* find_meter(std::string_view id);
  // Registers every named element and meter (not trainee wires) under its id.
  void register_state(StateIndex& index) const;
  // Non-zeros of the last AC / DC factorisation (for the benchmark's report).
  std::size_t factor_nonzeros(bool ac) const {
    return ac ? ac_.lu.factor_nonzeros() : dc_.lu.factor_nonzeros();
  }

 private:
  template <class T>
  struct Analysis {
    bool active = false;
    bool is_ac = false;
    std::vector<T> matrix, rhs, rhs_ext, x, x_ext;
    bool factored = false;
    bool injecting = false;             // an ohmmeter drives current (DC only)
    std::vector<double> key, key_prev;  // every value that enters the matrix
    DenseLu<T> lu;
    std::vector<std::uint8_t> node_floating;  // per node, this analysis
    std::vector<std::uint8_t> skip;           // per branch: left out (off, or closes a loop)
  };

  ElementId push(Element element);
  NodeId node(std::string_view name) { return add_terminal(name); }
  void rebuild();
  template <class T>
  void prepare_topology(Analysis<T>& an);
  template <class T>
  bool matrix_unchanged(Analysis<T>& an);
  template <class T>
  void assemble_matrix(Analysis<T>& an);
  template <class T>
  void assemble_rhs(Analysis<T>& an);
  template <class T>
  bool factor_and_solve(Analysis<T>& an);
  template <class T>
  void collect(const Analysis<T>& an);
  bool update_lamps(bool newton);
  bool update_coils();
  void measure_meters();
  void finish_element(Element& e);
  std::size_t unknowns() const { return names_.size() - 1 + branch_count_; }
  std::uint32_t find_root(std::uint32_t n);
  void unite(std::uint32_t a, std::uint32_t b);
  bool conducts(const Element& e, bool is_ac) const;
  std::complex<double> branch_impedance(const Element& e, bool is_ac) const;

  double frequency_hz_;
  double omega_;
  const EventChannel* events_ = nullptr;
  std::deque<std::string> names_;  // deque: views of names (event sources) stay valid
  std::map<std::string, NodeId, std::less<>> node_by_name_;
  std::deque<Element> elements_;
  std::map<std::string, ElementId, std::less<>> element_by_id_;
  std::vector<ElementId> free_wires_;
  std::deque<Multimeter> meters_;
  std::uint32_t branch_count_ = 0;
  std::uint32_t wire_serial_ = 0;
  bool structure_dirty_ = true;
  bool had_fault_ = false;
  Analysis<double> dc_;
  Analysis<std::complex<double>> ac_;
  std::vector<std::uint32_t> parent_;
  SolveReport report_;
  std::vector<core::Error> setup_errors_;
  // Names quoted in events (lock owners, who touched): node-based, never erased, so the views
  // events carry stay valid for the circuit's life.
  std::set<std::string, std::less<>> interned_;
  std::string_view intern(std::string_view text);
};

}  // namespace txr::sim::electrical
