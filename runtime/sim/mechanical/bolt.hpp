#pragma once
// A threaded fastener: ISO metric coarse thread, property class, torque–preload relation.
//
//  - Coarse pitches from ISO 261 / ISO 262 (M6 1.0 … M24 3.0).
//  - Tensile stress area As = π/4 · (d − 0.9382·P)²  (ISO 898-1:2013, §9.1.6.1, from the mean of
//    pitch and minor diameters d2, d3).
//  - Proof stress Sp (ISO 898-1:2013 Table 3): 4.6 225, 5.6 280, 8.8 580 (d ≤ 16) / 600 (d > 16),
//    10.9 830, 12.9 970 MPa. Proof load Fp = As·Sp: above it the bolt takes a permanent set.
//  - Torque–preload (short-form): T = K·F·d, K the nut factor (≈0.20 dry steel, 0.15–0.18
//    lubricated; Shigley's Mechanical Engineering Design, §8-8).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "sim/events.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::mechanical {

struct ThreadSize {
  std::string_view name;  // "M12"
  double d_mm = 0.0;      // nominal (major) diameter
  double pitch_mm = 0.0;  // coarse pitch
};
// "M6", "M8", "M10", "M12", "M14", "M16", "M18", "M20", "M22", "M24".
std::optional<ThreadSize> metric_coarse(std::string_view name);
double tensile_stress_area_mm2(double d_mm, double pitch_mm);

enum class PropertyClass : std::uint8_t { c4_6, c5_6, c8_8, c10_9, c12_9 };
core::Result<PropertyClass> parse_property_class(std::string_view text);  // "8.8"
std::string_view to_string(PropertyClass pc);
double proof_stress_mpa(PropertyClass pc, double d_mm);

struct BoltSpec {
  ThreadSize thread{"M12", 12.0, 1.75};
  PropertyClass grade = PropertyClass::c8_8;
  double nut_factor = 0.20;

  double stress_area_mm2() const { return tensile_stress_area_mm2(thread.d_mm, thread.pitch_mm); }
  double proof_load_n() const { return stress_area_mm2() * proof_stress_mpa(grade, thread.d_mm); }
  double preload_for_torque_n(double torque_nm) const {
    return torque_nm / (nut_factor * thread.d_mm * 1e-3);
  }
  double torque_for_preload_nm(double preload_n) const {
    return nut_factor * preload_n * thread.d_mm * 1e-3;
  }
};

// Checks a spec a scenario file supplied: a known diameter and pitch, K in (0, 1).
core::Result<void> validate(const BoltSpec& spec);

class Bolt {
 public:
  Bolt(std::string id, const BoltSpec& spec, const EventChannel* events = nullptr);
  Bolt(const Bolt&) = delete;
  Bolt& operator=(const Bolt&) = delete;

  const std::string& id() const { return id_; }
  const BoltSpec& spec() const { return spec_; }
  void set_events(const EventChannel* events) { events_ = events; }

  // Torque on the nut. The nut only turns when the torque exceeds what the present preload
  // holds (T = K·F·d), so re-applying a lower torque changes nothing. Returns the preload.
  // Past the proof load the bolt yields: it is scrapped (event `yielded`) and its preload stays
  // at the proof load however far it is turned.
  double apply_torque(double torque_nm);
  // Preload change from outside (a joint relaxing or loading this bolt as neighbours tighten).
  void set_preload_n(double preload_n);
  void loosen();  // back the nut off (a yielded bolt stays scrapped)

  double preload_n() const { return preload_n_; }
  double torque_nm() const { return torque_nm_; }  // largest torque the nut has taken
  bool yielded() const { return yielded_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  void refresh();
  std::string id_;
  BoltSpec spec_;
  const EventChannel* events_;
  double preload_n_ = 0.0;
  double preload_kn_ = 0.0;
  double torque_nm_ = 0.0;
  double proof_load_kn_ = 0.0;
  double utilisation_ = 0.0;  // preload / proof load
  bool yielded_ = false;
  std::string_view state_text_ = "loose";
  StateFields<8> fields_;
};

}  // namespace txr::sim::mechanical
