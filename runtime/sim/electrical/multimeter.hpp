#pragma once
// Handheld digital multimeter stamped into the circuit between the nodes its probes touch.
//
// Input model (typical of 6000-count CAT III meters, e.g. Fluke 87V user manual specifications):
//  - V DC / V AC: 10 MΩ input impedance (so it loads high-impedance circuits slightly);
//  - the 10 A and mA jacks are always a low shunt to COM (0.1 Ω / 1 Ω) whatever the mode is,
//    protected by fuses (11 A, 440 mA): amps mode across a supply is a short that blows them;
//  - Ω / continuity: a 1 V source behind 1 kΩ drives a test current (≤ 1 mA) and the meter shows
//    V/I; if the probes find a voltage of their own (a live circuit) the display shows "LIVE".
//  - V AC shows the rms of the 50 Hz component (an AC-coupled true-rms meter), V DC the mean.
#include <array>
#include <complex>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sim/electrical/thermal_trip.hpp"
#include "sim/events.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::electrical {

using NodeId = std::uint32_t;
inline constexpr NodeId k_no_node = 0xffffffffu;

enum class MeterMode : std::uint8_t { off, v_dc, v_ac, a_dc, a_ac, ohm, continuity };
enum class MeterJack : std::uint8_t { v_ohm, milliamp, amp10 };  // where the red lead is plugged
std::string_view to_string(MeterMode mode);
std::string_view to_string(MeterJack jack);

struct MeterRange {
  double full_scale = 0.0;  // largest value shown before "OL"
  double resolution = 0.0;  // one count
};

class Multimeter {
 public:
  static constexpr double k_input_ohm = 10e6;
  static constexpr double k_shunt_a10_ohm = 0.1;
  static constexpr double k_shunt_ma_ohm = 1.0;
  static constexpr double k_ohm_open_v = 1.0;
  static constexpr double k_ohm_source_ohm = 1000.0;
  static constexpr double k_live_v = 0.5;  // own voltage across the probes that means "live"
  static constexpr double k_continuity_ohm = 30.0;
  static constexpr std::size_t k_auto_range = 99;

  explicit Multimeter(std::string id);
  Multimeter(const Multimeter&) = delete;
  Multimeter& operator=(const Multimeter&) = delete;

  const std::string& id() const { return id_; }
  void set_mode(MeterMode mode);
  MeterMode mode() const { return mode_; }
  void set_red_jack(MeterJack jack) { red_jack_ = jack; }
  MeterJack red_jack() const { return red_jack_; }
  // Index into ranges() for the present mode/jack, or k_auto_range.
  void set_range(std::size_t index) { range_index_ = index; }
  std::span<const MeterRange> ranges() const;

  // Probes touch circuit nodes (k_no_node lifts them). Black is in COM.
  void touch_red(NodeId node) { red_ = node; }
  void touch_black(NodeId node) { black_ = node; }
  NodeId red_node() const { return red_; }
  NodeId black_node() const { return black_; }
  void replace_fuses();

  double reading() const { return reading_; }  // in V, A or Ω (0 when OL or off)
  std::string_view display() const { return display_; }
  bool overload() const { return overload_; }
  double range_full_scale() const { return range_full_scale_; }
  bool fuse_blown(MeterJack jack) const;
  bool beep() const { return beep_; }
  bool live_warning() const { return live_; }
  std::span<const StateField> state() const { return fields_.span(); }

  // --- interface to the circuit -------------------------------------------------------------
  enum class StampKind : std::uint8_t { none, conductance, ohm_source };
  struct Stamp {
    StampKind kind = StampKind::none;
    double g_s = 0.0;         // between red (+) and black
    double i_norton_a = 0.0;  // DC current pushed out of red into the circuit (ohm source)
    bool shunt = false;       // the conductance is the amps shunt (its current is measured)
  };
  Stamp stamp() const;
  struct Inputs {
    double v_dc = 0.0;            // red − black
    std::complex<double> v_ac{};  // red − black, 50 Hz phasor (rms)
    double v_ext_dc = 0.0;        // red − black with the ohm source switched off
  };
  // Computes the reading from the solved circuit; emits ohms_on_live on its rising edge.
  void measure(const Inputs& in, const EventChannel* events);
  // Heats the jack fuses with the shunt current of the last solve; true if one blew.
  bool integrate(double dt_s, const EventChannel* events);

 private:
  void set_display_ol();
  void show(double value, std::span<const MeterRange> table);

  std::string id_;
  MeterMode mode_ = MeterMode::off;
  MeterJack red_jack_ = MeterJack::v_ohm;
  std::size_t range_index_ = k_auto_range;
  NodeId red_ = k_no_node;
  NodeId black_ = k_no_node;
  ThermalTrip fuse_a10_;
  ThermalTrip fuse_ma_;
  bool blown_a10_ = false;
  bool blown_ma_ = false;
  double shunt_current_rms_a_ = 0.0;

  double reading_ = 0.0;
  double range_full_scale_ = 0.0;
  bool overload_ = false;
  bool beep_ = false;
  bool live_ = false;
  bool any_fuse_blown_ = false;
  std::array<char, 24> text_{};
  std::string_view display_ = "";
  std::string_view mode_text_ = "off";
  std::string_view jack_text_ = "v_ohm";
  StateFields<10> fields_;
};

}  // namespace txr::sim::electrical
