#pragma once
// PinchDetector: thumb tip to index tip distance -> "pinching" with hysteresis, so a pinch held
// at the threshold does not flicker between grab and release (tracking noise is a few mm).
namespace txr::xr {

struct PinchThresholds {
  float engage_m = 0.015f;   // tips closer than this start a pinch
  float release_m = 0.025f;  // and must part beyond this to end it
};

class PinchDetector {
 public:
  PinchDetector() = default;
  explicit PinchDetector(const PinchThresholds& thresholds) : thresholds_(thresholds) {}
  // One sample of the tip distance; returns whether the hand is pinching now.
  bool update(float tip_distance_m);
  // The hand was lost: a pinch cannot continue through a tracking gap.
  void reset() { pinching_ = false; }
  bool pinching() const { return pinching_; }

 private:
  PinchThresholds thresholds_;
  bool pinching_ = false;
};

}  // namespace txr::xr
