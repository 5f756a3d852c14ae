#include "sim/precision/part.hpp"

#include <cmath>
#include <numbers>

#include "sim/random.hpp"

namespace txr::sim::precision {

core::Result<void> validate(const ProcessSpec& p) {
  if (!(std::isfinite(p.mean_offset_mm) && p.sd_mm >= 0.0 && p.taper_sd_mm >= 0.0 &&
        p.ovality_sd_mm >= 0.0)) {
    return core::fail("process: standard deviations must be >= 0 and the mean finite");
  }
  return {};
}

TurnedShaft::TurnedShaft(std::string id, const ToleranceZone& zone, double length_mm,
                         const ProcessSpec& process, std::uint64_t seed)
    : id_(std::move(id)), zone_(zone), length_mm_(length_mm) {
  Rng rng(seed);
  const double mid = 0.5 * (zone_.max_mm() + zone_.min_mm());
  d0_mm_ = rng.normal(mid + process.mean_offset_mm, process.sd_mm);
  taper_mm_ = rng.normal(0.0, process.taper_sd_mm);
  ovality_mm_ = std::fabs(rng.normal(0.0, process.ovality_sd_mm));
  ovality_phase_rad_ = rng.uniform(0.0, std::numbers::pi);
  init_fields();
}

TurnedShaft::TurnedShaft(std::string id, const ToleranceZone& zone, double length_mm,
                         double diameter_mm)
    : id_(std::move(id)), zone_(zone), length_mm_(length_mm), d0_mm_(diameter_mm) {
  init_fields();
}

void TurnedShaft::init_fields() {
  in_tolerance_ = zone_.contains(smallest_mm()) && zone_.contains(largest_mm());
  true_judgement_ = in_tolerance_ ? "accept" : "reject";
  mean_diameter_mm_ = d0_mm_;
  fields_.add("in_tolerance", &in_tolerance_);
  fields_.add("true_judgement", &true_judgement_);
  fields_.add("mean_diameter_mm", &mean_diameter_mm_);
}

double TurnedShaft::local_diameter_mm(double axial_mm, double angle_rad) const {
  const double x = std::fmin(std::fmax(axial_mm / length_mm_, 0.0), 1.0);
  return d0_mm_ + taper_mm_ * (x - 0.5) +
         0.5 * ovality_mm_ * std::cos(2.0 * (angle_rad - ovality_phase_rad_));
}

double TurnedShaft::smallest_mm() const {
  return d0_mm_ - 0.5 * std::fabs(taper_mm_) - 0.5 * ovality_mm_;
}

double TurnedShaft::largest_mm() const {
  return d0_mm_ + 0.5 * std::fabs(taper_mm_) + 0.5 * ovality_mm_;
}

}  // namespace txr::sim::precision
