#include "script_variation.hpp"

#include <algorithm>
#include <random>

namespace txr::test {

input::TraineeScript vary_script(const input::TraineeScript& base, Skill skill,
                                 std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&rng](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto whole = [&rng](std::uint32_t lo, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng);
  };
  input::TraineeScript out = base;
  out.seed = rng();
  out.actions.clear();
  const bool novice = skill == Skill::novice;
  // One person's style for the whole attempt, with small action-to-action differences.
  const double tremor_mm = novice ? uniform(1.2, 3.0) : 0.0;
  const double tremor_scale = uniform(0.6, 1.6);
  const double speed = novice ? uniform(0.6, 0.9) : uniform(0.9, 1.15);
  for (const auto& a : base.actions) {
    if (novice && a.kind != input::ActionKind::wait && uniform(0.0, 1.0) < 0.35) {
      input::ScriptAction hesitate;
      hesitate.kind = input::ActionKind::wait;
      hesitate.value = uniform(0.5, 4.0);
      hesitate.where = a.where;
      out.actions.push_back(hesitate);
    }
    input::ScriptAction v = a;
    v.over_s = a.over_s * (novice ? uniform(0.9, 1.4) : uniform(0.85, 1.2));
    v.hold_s = a.hold_s * uniform(0.8, 1.3);
    if (v.kind == input::ActionKind::wait) v.value = a.value * uniform(0.7, 1.5);
    v.motion.speed = a.motion.speed * speed;
    if (novice) {
      v.motion.tremor_mm = std::max(a.motion.tremor_mm, tremor_mm * uniform(0.9, 1.1));
      v.motion.submovements = std::max(a.motion.submovements, whole(1, 3));
    } else {
      v.motion.tremor_mm = std::min(1.0, a.motion.tremor_mm * tremor_scale);
    }
    out.actions.push_back(v);
  }
  return out;
}

}  // namespace txr::test
