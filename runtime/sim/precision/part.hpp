#pragma once
// A turned shaft whose true geometry comes from a manufacturing process: the mean diameter is
// drawn from a normal distribution (process mean and standard deviation, seeded), plus small
// form errors a trainee finds by measuring at several positions and angles: taper along the
// axis and ovality (two-lobe out-of-roundness).
//   d(x, θ) = d0 + taper·(x/L − ½) + (ovality/2)·cos 2(θ − φ)
#include <cstdint>
#include <string>

#include "sim/precision/iso286.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::precision {

struct ProcessSpec {
  double mean_offset_mm = 0.0;   // process mean relative to the middle of the tolerance zone
  double sd_mm = 0.004;          // diameter standard deviation
  double taper_sd_mm = 0.002;    // diameter change end to end
  double ovality_sd_mm = 0.002;  // max − min diameter round the circumference
};

core::Result<void> validate(const ProcessSpec& process);

class TurnedShaft {
 public:
  // Drawn from the process (same seed, same part on every machine).
  TurnedShaft(std::string id, const ToleranceZone& zone, double length_mm,
              const ProcessSpec& process, std::uint64_t seed);
  // A perfect cylinder of the given diameter (for tests and demonstrations).
  TurnedShaft(std::string id, const ToleranceZone& zone, double length_mm, double diameter_mm);
  TurnedShaft(const TurnedShaft&) = delete;
  TurnedShaft& operator=(const TurnedShaft&) = delete;

  const std::string& id() const { return id_; }
  const ToleranceZone& zone() const { return zone_; }
  double length_mm() const { return length_mm_; }
  double local_diameter_mm(double axial_mm, double angle_rad) const;
  double smallest_mm() const;  // over the whole part
  double largest_mm() const;
  // True when every local diameter lies inside the tolerance zone.
  bool conforms() const { return in_tolerance_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  void init_fields();
  std::string id_;
  ToleranceZone zone_;
  double length_mm_;
  double d0_mm_ = 0.0;
  double taper_mm_ = 0.0;
  double ovality_mm_ = 0.0;
  double ovality_phase_rad_ = 0.0;
  bool in_tolerance_ = false;
  std::string_view true_judgement_ = "reject";
  double mean_diameter_mm_ = 0.0;
  StateFields<4> fields_;
};

}  // namespace txr::sim::precision
