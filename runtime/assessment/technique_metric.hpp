#pragma once
// Tool-technique bands scored from a record: the share of the applicable time a hand or the held
// tool keeps an angle, a speed or a distance within the band the scenario declares
// (scenario::TechniqueBand; docs/scoring.md, "Technique bands").
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "scenario/scenario.hpp"

namespace txr::assessment {

// A stretch of attempt time when a step was current (step_started .. step_completed).
struct StepWindow {
  std::string step_id;
  double start_s = 0.0;
  double end_s = 0.0;
};

struct TechniqueResult {
  std::optional<double> fraction;  // in band / applicable; none when nothing applied
  double applicable_s = 0.0;
  double in_band_s = 0.0;
  double worst_start_s = 0.0;  // the longest stretch outside the band
  double worst_end_s = 0.0;
  std::string why_not;  // when there is no fraction
};

TechniqueResult technique_band(const scenario::TechniqueBand& band,
                               std::span<const RecordedFrame> frames,
                               std::span<const StepWindow> windows);

}  // namespace txr::assessment
