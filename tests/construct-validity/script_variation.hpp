#pragma once
// Seeded variations of a trainee script, standing in for different people doing the same
// attempt: timing, tremor, speed and (for novices) sub-movements and hesitations. The script's
// actions — and so the mistakes a mistake script makes — are kept.
#include <cstdint>

#include "input/trainee_script.hpp"

namespace txr::test {

enum class Skill { expert, novice };

// Experts: every duration ×0.85–1.2, waits ×0.7–1.5, tremor ×0.6–1.6 of the script's (at most
// 1 mm), speed ×0.9–1.15, no added sub-movements. Novices: durations ×0.9–1.4, tremor
// 1.2–3 mm, 1–3 sub-movements per reach, speed 0.6–0.9, and a hesitation of 0.5–4 s before
// about a third of the actions. The script's own `seed` is replaced, so tremor phases and
// reach errors differ too.
input::TraineeScript vary_script(const input::TraineeScript& base, Skill skill, std::uint64_t seed);

}  // namespace txr::test
