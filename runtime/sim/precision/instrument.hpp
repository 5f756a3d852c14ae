#pragma once
// Vernier caliper and outside micrometer: the reading comes from where the jaws / spindle end
// up against the part's true geometry, plus the errors a trainee can make.
//
// indicated = size·tilt + zero error (unless zeroed) − force error + parallax, then quantised.
//  - Tilt (cosine error): with the instrument axis tilted by θ from square in the plane of the
//    part's axis, the measuring line crosses the cylinder (a band of width D in that plane)
//    along a chord D/cos θ; flat faces of width w across that plane touch by their edges, which
//    adds w·tan θ:  L = (D + w·|sin θ|)/cos θ ≥ D  (reads long; θ = 0 gives D).
//  - Zero error: the reading with the faces closed; zeroing (setting or noting the correction)
//    removes it.
//  - Force: above the nominal measuring force the frame and the slider/spindle yield and the
//    contact flattens, so the jaws travel further: reads SHORT by c·(F − F_nom). A micrometer's
//    ratchet limits the force to its nominal value (ISO 3611: 5–10 N); turning the thimble
//    directly bypasses it. A caliper's slider tilts in its guide (Abbe error, as in Mitutoyo's
//    "Quick guide to precision measuring instruments").
//  - Parallax: the vernier plate (thimble edge) stands h above the main scale (sleeve); an eye
//    off the perpendicular by φ sees the lines shifted by h·tan φ (Mitutoyo quick guide: h 0.3 mm).
//  - Quantisation: a caliper shows the vernier line that coincides (0.02 mm); a micrometer the
//    sleeve (0.5 mm) plus the thimble division on the index line (0.01 mm).
#include <string>

#include "sim/events.hpp"
#include "sim/precision/part.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::precision {

struct MeasureAction {
  double axial_mm = 0.0;        // where along the part
  double angle_rad = 0.0;       // which diameter round the part
  double tilt_rad = 0.0;        // instrument axis off square to the part axis
  double force_n = -1.0;        // measuring force; < 0 means the nominal force
  bool use_ratchet = true;      // micrometer: turn by the ratchet stop
  double view_angle_rad = 0.0;  // eye off the perpendicular to the scale
};

// What a HUD needs to draw a zoomed scale.
struct ScaleView {
  double position_mm = 0.0;  // continuous jaw/spindle position (incl. errors), to draw the slider
  double main_scale_mm =
      0.0;                   // caliper: whole mm before the vernier zero; micrometer: sleeve (0.5)
  int vernier_line = 0;      // caliper: vernier line (0…49) that coincides
  int thimble_division = 0;  // micrometer: thimble division (0…49) on the index line
  double reading_mm = 0.0;
};

struct Reading {
  double true_size_mm = 0.0;  // local diameter where measured
  double indicated_mm = 0.0;  // before quantisation
  double value_mm = 0.0;      // what the trainee reads
  ScaleView scale;
};

struct InstrumentSpec {
  double resolution_mm = 0.02;
  double face_width_mm = 0.0;
  double nominal_force_n = 5.0;
  double compliance_mm_per_n = 0.001;
  double scale_height_mm = 0.3;  // parallax height
  double parallax_scale = 1.0;   // scale shift (mm) → reading (mm)
  bool micrometer = false;
};

core::Result<void> validate(const InstrumentSpec& spec);

class Instrument {
 public:
  // Vernier caliper 0–150 mm, 0.02 mm: knife-edge-like jaws (w ≈ 0), ≈5 N thumb force,
  // slider compliance 1 µm/N, vernier plate 0.3 mm above the main scale.
  static InstrumentSpec vernier_caliper();
  // Outside micrometer 0–25 mm, 0.01 mm: Ø6.35 mm faces, ratchet 7 N, frame + contact
  // compliance 0.3 µm/N, thimble edge 0.4 mm above the sleeve, 1.13 mm per division.
  static InstrumentSpec outside_micrometer();

  Instrument(std::string id, const InstrumentSpec& spec, double zero_error_mm = 0.0);
  Instrument(const Instrument&) = delete;
  Instrument& operator=(const Instrument&) = delete;

  const std::string& id() const { return id_; }
  const InstrumentSpec& spec() const { return spec_; }
  void zero() { zeroed_ = true; }
  bool zeroed() const { return zeroed_; }
  double zero_error_mm() const { return zero_error_mm_; }

  Reading measure(const TurnedShaft& part, const MeasureAction& action);
  // Pure geometry and error model on a given true size (no part needed).
  Reading measure_size(double true_size_mm, const MeasureAction& action);
  const Reading& last() const { return last_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  std::string id_;
  InstrumentSpec spec_;
  double zero_error_mm_;
  bool zeroed_ = false;
  bool ratchet_used_ = true;
  Reading last_;
  double reading_mm_ = 0.0;
  double main_scale_mm_ = 0.0;
  double vernier_line_ = 0.0;
  double thimble_division_ = 0.0;
  StateFields<8> fields_;
};

}  // namespace txr::sim::precision
