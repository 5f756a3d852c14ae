#pragma once
// Skill metrics over sampled trajectories (time + 3-D position at any rate, jittery timestamps
// allowed) and over event lists. Pure functions: inputs are spans; results are values (the
// motion functions allocate working buffers proportional to the input, nothing else).
//
// Motion metrics first resample to a fixed rate (default 100 Hz) and low-pass filter with a
// zero-phase 2nd-order Butterworth at 6 Hz (forward-backward), so figures do not grow with the
// sample rate or tracking noise. See docs/telemetry-and-privacy.md for the definitions.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "assessment/signal.hpp"

namespace txr::assessment {

struct MotionFilter {
  double resample_hz = 100.0;
  double cutoff_hz = 6.0;
};

// The filtered, uniformly sampled trajectory every motion metric starts from.
struct SmoothedTrajectory {
  double rate_hz = 0.0;
  std::vector<Vec3> position_m;
  std::vector<double> speed_mps;
};
SmoothedTrajectory smooth_trajectory(std::span<const double> time_s,
                                     std::span<const Vec3> position_m,
                                     const MotionFilter& filter = {});

double path_length_m(std::span<const double> time_s, std::span<const Vec3> position_m,
                     const MotionFilter& filter = {});

// Log dimensionless jerk (Balasubramanian et al. 2015):
//   LDLJ = −ln( (t2 − t1)^3 / v_peak^2 · ∫ |d²v/dt²|² dt ), v the velocity vector.
// Higher (closer to 0) is smoother; a minimum-jerk reach scores −ln(720/1.875²) ≈ −5.32.
double ldlj(std::span<const double> time_s, std::span<const Vec3> position_m,
            const MotionFilter& filter = {});

// Spectral arc length of the speed profile (Balasubramanian et al. 2015): arc length of the
// normalised magnitude spectrum (zero-padded FFT, 4 extra powers of two) from 0 Hz up to an
// adaptive cut-off — the last frequency ≤ max_cutoff_hz where the spectrum is ≥ threshold.
struct SparcOptions {
  double max_cutoff_hz = 20.0;
  double amplitude_threshold = 0.05;
  int pad_level = 4;
};
double sparc(std::span<const double> speed, double rate_hz, const SparcOptions& options = {});
double sparc(std::span<const double> time_s, std::span<const Vec3> position_m,
             const MotionFilter& filter = {}, const SparcOptions& options = {});

// Total time the (filtered) speed stays below speed_threshold_mps in runs of at least
// min_duration_s.
double idle_time_s(std::span<const double> time_s, std::span<const Vec3> position_m,
                   double speed_threshold_mps, double min_duration_s,
                   const MotionFilter& filter = {});

// Fraction of time a scalar signal (angle, distance, speed…) stays within [lo, hi]; each sample
// holds until the next one (time-weighted, so jittery rates do not bias it). 0 for < 2 samples.
struct BandResult {
  double fraction = 0.0;
  double in_band_s = 0.0;
  double total_s = 0.0;
};
BandResult time_in_band(std::span<const double> time_s, std::span<const double> value, double lo,
                        double hi);

// Per-step times from step marks. A step starts at its first `start` mark, or when none was
// given at the previous step's completion (or session_start_s); it ends at its first `end` mark.
struct StepMark {
  double time_s = 0.0;
  std::string_view step_id;
  bool is_start = false;
};
struct StepTime {
  std::string step_id;
  double start_s = 0.0;
  double end_s = 0.0;
  double duration_s = 0.0;
  bool completed = false;
};
std::vector<StepTime> step_times(std::span<const StepMark> marks, double session_start_s = 0.0);

// Counts of procedure events by type name (the scenario engine's event vocabulary).
struct EventView {
  double time_s = 0.0;
  std::string_view type;
  std::string_view severity;  // for violations: e.g. minor, major, critical
};
struct EventCountNames {
  std::string_view violation = "violation";
  std::string_view hint = "hint";
  std::string_view out_of_order = "step_out_of_order";
  std::string_view error_corrected = "error_corrected";
  std::string_view intervention = "instructor_intervention";
};
struct EventCounts {
  std::int64_t violations = 0;
  std::map<std::string, std::int64_t, std::less<>> violations_by_severity;
  std::int64_t hints = 0;
  std::int64_t out_of_order = 0;
  std::int64_t errors_corrected = 0;
  std::int64_t interventions = 0;
};
EventCounts count_events(std::span<const EventView> events, const EventCountNames& names = {});

// Which tracked point of the recorded frames to turn into a trajectory.
enum class TrackedPoint { head, left_grip, right_grip, tool };
// Times and positions of one point; samples where the point is not tracked (hand untracked,
// tool not held) are left out.
void extract_trajectory(std::span<const RecordedFrame> frames, TrackedPoint point,
                        std::vector<double>& time_s, std::vector<Vec3>& position_m);

}  // namespace txr::assessment
