#include "sim/mechanical/bolt.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace txr::sim::mechanical {

namespace {
constexpr std::array<ThreadSize, 10> k_coarse{{{"M6", 6.0, 1.0},
                                               {"M8", 8.0, 1.25},
                                               {"M10", 10.0, 1.5},
                                               {"M12", 12.0, 1.75},
                                               {"M14", 14.0, 2.0},
                                               {"M16", 16.0, 2.0},
                                               {"M18", 18.0, 2.5},
                                               {"M20", 20.0, 2.5},
                                               {"M22", 22.0, 2.5},
                                               {"M24", 24.0, 3.0}}};
}  // namespace

std::optional<ThreadSize> metric_coarse(std::string_view name) {
  for (const ThreadSize& t : k_coarse) {
    if (t.name == name) return t;
  }
  return std::nullopt;
}

double tensile_stress_area_mm2(double d_mm, double pitch_mm) {
  const double ds = d_mm - 0.9382 * pitch_mm;
  return std::numbers::pi / 4.0 * ds * ds;
}

core::Result<PropertyClass> parse_property_class(std::string_view text) {
  if (text == "4.6") return PropertyClass::c4_6;
  if (text == "5.6") return PropertyClass::c5_6;
  if (text == "8.8") return PropertyClass::c8_8;
  if (text == "10.9") return PropertyClass::c10_9;
  if (text == "12.9") return PropertyClass::c12_9;
  return core::fail("unknown property class '" + std::string(text) +
                    "' (expected 4.6, 5.6, 8.8, 10.9 or 12.9)");
}

std::string_view to_string(PropertyClass pc) {
  switch (pc) {
    case PropertyClass::c4_6:
      return "4.6";
    case PropertyClass::c5_6:
      return "5.6";
    case PropertyClass::c8_8:
      return "8.8";
    case PropertyClass::c10_9:
      return "10.9";
    case PropertyClass::c12_9:
      return "12.9";
  }
  return "?";
}

double proof_stress_mpa(PropertyClass pc, double d_mm) {
  switch (pc) {
    case PropertyClass::c4_6:
      return 225.0;
    case PropertyClass::c5_6:
      return 280.0;
    case PropertyClass::c8_8:
      return d_mm <= 16.0 ? 580.0 : 600.0;
    case PropertyClass::c10_9:
      return 830.0;
    case PropertyClass::c12_9:
      return 970.0;
  }
  return 0.0;
}

core::Result<void> validate(const BoltSpec& spec) {
  const ThreadSize& t = spec.thread;
  if (!(std::isfinite(t.d_mm) && t.d_mm > 0.0 && std::isfinite(t.pitch_mm) && t.pitch_mm > 0.0 &&
        t.d_mm - 0.9382 * t.pitch_mm > 0.0)) {
    return core::fail("bolt thread: diameter and pitch must be > 0 (d > 0.9382 P)");
  }
  if (!(std::isfinite(spec.nut_factor) && spec.nut_factor > 0.0 && spec.nut_factor < 1.0)) {
    return core::fail("bolt nut factor K must be between 0 and 1 (typically 0.15-0.20)");
  }
  return {};
}

Bolt::Bolt(std::string id, const BoltSpec& spec, const EventChannel* events)
    : id_(std::move(id)), spec_(spec), events_(events) {
  proof_load_kn_ = spec_.proof_load_n() * 1e-3;
  fields_.add("torque_nm", &torque_nm_);
  fields_.add("preload_kn", &preload_kn_);
  fields_.add("proof_load_kn", &proof_load_kn_);
  fields_.add("utilisation", &utilisation_);
  fields_.add("yielded", &yielded_);
  fields_.add("state", &state_text_);
  refresh();
}

double Bolt::apply_torque(double torque_nm) {
  if (torque_nm > torque_nm_) torque_nm_ = torque_nm;
  const double wanted = spec_.preload_for_torque_n(torque_nm);
  if (wanted > preload_n_) {
    const double proof = spec_.proof_load_n();
    if (wanted > proof) {
      preload_n_ = proof;
      if (!yielded_) {
        yielded_ = true;
        emit_to(events_, EventKind::yielded, id_, wanted * 1e-3);
      }
    } else if (!yielded_) {
      preload_n_ = wanted;
    }
  }
  refresh();
  return preload_n_;
}

void Bolt::set_preload_n(double preload_n) {
  preload_n_ = std::fmax(0.0, preload_n);
  refresh();
}

void Bolt::loosen() {
  preload_n_ = 0.0;
  torque_nm_ = 0.0;
  refresh();
}

void Bolt::refresh() {
  preload_kn_ = preload_n_ * 1e-3;
  utilisation_ = preload_n_ / spec_.proof_load_n();
  if (yielded_) {
    state_text_ = "yielded";
  } else if (preload_n_ <= 0.0) {
    state_text_ = "loose";
  } else {
    state_text_ = "tight";
  }
}

}  // namespace txr::sim::mechanical
