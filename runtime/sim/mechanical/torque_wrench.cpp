#include "sim/mechanical/torque_wrench.hpp"

#include <cmath>
#include <string>

#include "sim/random.hpp"

namespace txr::sim::mechanical {

core::Result<void> validate(const WrenchSpec& spec) {
  if (!(std::isfinite(spec.min_nm) && std::isfinite(spec.max_nm) && spec.min_nm > 0.0 &&
        spec.max_nm > spec.min_nm)) {
    return core::fail("torque wrench scale: need 0 < min_nm < max_nm");
  }
  if (!(spec.accuracy >= 0.0 && spec.accuracy < 0.2 && spec.reaction_s >= 0.0 &&
        spec.rearm_fraction > 0.0 && spec.rearm_fraction < 1.0)) {
    return core::fail("torque wrench: accuracy in [0, 0.2), reaction_s >= 0, rearm in (0, 1)");
  }
  return {};
}

TorqueWrench::TorqueWrench(std::string id, const WrenchSpec& spec, std::uint64_t seed,
                           const EventChannel* events)
    : id_(std::move(id)), spec_(spec), events_(events) {
  // A calibrated wrench sits well inside its tolerance: sd = accuracy / 3, clamped to the band.
  Rng rng(seed);
  const double e = rng.normal(0.0, spec_.accuracy / 3.0);
  calibration_error_ = std::fmax(-0.95 * spec_.accuracy, std::fmin(0.95 * spec_.accuracy, e));
  set_nm_ = spec_.min_nm;
  fields_.add("set_nm", &set_nm_);
  fields_.add("torque_nm", &output_nm_);
  fields_.add("peak_nm", &peak_nm_);
  fields_.add("rate_nm_s", &rate_nm_s_);
  fields_.add("clicked", &clicked_);
  fields_.add("clicks", &clicks_);
}

core::Result<void> TorqueWrench::set_torque_nm(double set_nm) {
  if (!(set_nm >= spec_.min_nm && set_nm <= spec_.max_nm)) {
    return core::fail(id_ + ": set torque " + std::to_string(set_nm) + " N·m is outside the " +
                      std::to_string(spec_.min_nm) + "–" + std::to_string(spec_.max_nm) +
                      " N·m scale");
  }
  set_nm_ = set_nm;
  return {};
}

double TorqueWrench::update(double dt_s, double handle_torque_nm) {
  const double handle = std::fmax(0.0, handle_torque_nm);
  rate_nm_s_ = dt_s > 0.0 ? (handle - last_handle_nm_) / dt_s : 0.0;
  const double release = release_torque_nm();
  if (!clicked_) {
    if (handle >= release) {
      clicked_ = true;
      clicks_ += 1.0;
      // Where in the step the release torque was crossed (linear ramp within the step).
      const double frac =
          handle > last_handle_nm_ ? (release - last_handle_nm_) / (handle - last_handle_nm_) : 1.0;
      emit_to(events_, EventKind::click, id_, release, {}, std::fmax(0.0, frac) * dt_s);
      click_peak_nm_ = release + std::fmax(0.0, rate_nm_s_) * spec_.reaction_s;
      output_nm_ = std::fmax(click_peak_nm_, handle);
    } else {
      output_nm_ = handle;
    }
  } else {
    output_nm_ = std::fmax(click_peak_nm_, handle);  // bottomed out: more pull, more torque
    if (handle < spec_.rearm_fraction * set_nm_) {
      clicked_ = false;  // let go: the mechanism re-arms
      output_nm_ = handle;
    }
  }
  peak_nm_ = std::fmax(peak_nm_, output_nm_);
  last_handle_nm_ = handle;
  return output_nm_;
}

}  // namespace txr::sim::mechanical
