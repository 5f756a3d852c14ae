#include "sim/precision/instrument.hpp"

#include <cmath>

namespace txr::sim::precision {

InstrumentSpec Instrument::vernier_caliper() {
  InstrumentSpec s;
  s.resolution_mm = 0.02;
  s.face_width_mm = 0.0;
  s.nominal_force_n = 5.0;
  s.compliance_mm_per_n = 0.001;
  s.scale_height_mm = 0.3;
  s.parallax_scale = 1.0;
  s.micrometer = false;
  return s;
}

InstrumentSpec Instrument::outside_micrometer() {
  InstrumentSpec s;
  s.resolution_mm = 0.01;
  s.face_width_mm = 6.35;
  s.nominal_force_n = 7.0;
  s.compliance_mm_per_n = 0.0003;
  s.scale_height_mm = 0.4;
  s.parallax_scale = 0.01 / 1.13;  // a shift of one division (1.13 mm) is 0.01 mm
  s.micrometer = true;
  return s;
}

core::Result<void> validate(const InstrumentSpec& spec) {
  if (!(spec.resolution_mm > 0.0 && spec.face_width_mm >= 0.0 && spec.nominal_force_n > 0.0 &&
        spec.compliance_mm_per_n >= 0.0 && spec.scale_height_mm >= 0.0 &&
        spec.parallax_scale >= 0.0)) {
    return core::fail("instrument: resolution and force must be > 0, other values >= 0");
  }
  return {};
}

Instrument::Instrument(std::string id, const InstrumentSpec& spec, double zero_error_mm)
    : id_(std::move(id)), spec_(spec), zero_error_mm_(zero_error_mm) {
  fields_.add("reading", &reading_mm_);
  fields_.add("zeroed", &zeroed_);
  fields_.add("main_scale_mm", &main_scale_mm_);
  if (spec_.micrometer) {
    fields_.add("thimble_division", &thimble_division_);
    fields_.add("ratchet_used", &ratchet_used_);
  } else {
    fields_.add("vernier_line", &vernier_line_);
  }
}

Reading Instrument::measure(const TurnedShaft& part, const MeasureAction& action) {
  return measure_size(part.local_diameter_mm(action.axial_mm, action.angle_rad), action);
}

Reading Instrument::measure_size(double true_size_mm, const MeasureAction& action) {
  Reading r;
  r.true_size_mm = true_size_mm;
  const double th = action.tilt_rad;
  double x = (true_size_mm + spec_.face_width_mm * std::fabs(std::sin(th))) / std::cos(th);
  if (!zeroed_) x += zero_error_mm_;
  double force = action.force_n < 0.0 ? spec_.nominal_force_n : action.force_n;
  if (spec_.micrometer && action.use_ratchet) force = spec_.nominal_force_n;
  x -= spec_.compliance_mm_per_n * std::fmax(0.0, force - spec_.nominal_force_n);
  ratchet_used_ = !spec_.micrometer || action.use_ratchet;
  r.indicated_mm = x;
  const double seen =
      x + spec_.scale_height_mm * std::tan(action.view_angle_rad) * spec_.parallax_scale;
  // Quantise: the coinciding vernier line / the nearest thimble division.
  const double res = spec_.resolution_mm;
  const double counts = std::round(seen / res);
  r.value_mm = counts * res;
  r.scale.position_mm = x;
  r.scale.reading_mm = r.value_mm;
  if (spec_.micrometer) {
    // 0.5 mm sleeve steps, 50 thimble divisions of 0.01 mm.
    const auto total = static_cast<long long>(counts);
    r.scale.main_scale_mm = static_cast<double>(total / 50) * 0.5;
    r.scale.thimble_division = static_cast<int>(total % 50);
  } else {
    // 1 mm main scale, 50 vernier lines of 0.02 mm.
    const auto total = static_cast<long long>(counts);
    r.scale.main_scale_mm = static_cast<double>(total / 50);
    r.scale.vernier_line = static_cast<int>(total % 50);
  }
  last_ = r;
  reading_mm_ = r.value_mm;
  main_scale_mm_ = r.scale.main_scale_mm;
  vernier_line_ = r.scale.vernier_line;
  thimble_division_ = r.scale.thimble_division;
  return r;
}

}  // namespace txr::sim::precision
