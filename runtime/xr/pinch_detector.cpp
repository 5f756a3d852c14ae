#include "xr/pinch_detector.hpp"

#include <cmath>

namespace txr::xr {

bool PinchDetector::update(float tip_distance_m) {
  if (!std::isfinite(tip_distance_m)) {
    pinching_ = false;
  } else if (pinching_) {
    pinching_ = tip_distance_m <= thresholds_.release_m;
  } else {
    pinching_ = tip_distance_m < thresholds_.engage_m;
  }
  return pinching_;
}

}  // namespace txr::xr
