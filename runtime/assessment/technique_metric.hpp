#pragma once
// Tool-technique bands scored from a record: the share of the applicable time a hand or the held
// tool keeps an angle, a speed or a distance within the band the scenario declares
// (scenario::TechniqueBand; docs/scoring.md, "Technique bands").
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "assessment/reader.hpp"
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
  // The longest stretch outside the band (start == end: never outside) and, in it, the value
  // farthest from the band (the worst angle, speed or distance reached).
  double worst_start_s = 0.0;
  double worst_end_s = 0.0;
  std::optional<double> worst_value;
  std::string why_not;  // when there is no fraction
};

// The step windows of a record: one per step_started event, ending at that step's next
// step_completed (open-ended while it never completed). `events` in record order.
std::vector<StepWindow> step_windows(std::span<const RecordEvent> events);

// Each frame's value holds until the next frame while both apply (the subject tracked or held,
// its step current, the `while_holding` object held), so the result is a share of time and
// does not depend on the frame rate.
TechniqueResult technique_band(const scenario::TechniqueBand& band,
                               std::span<const RecordedFrame> frames,
                               std::span<const StepWindow> windows);

}  // namespace txr::assessment
