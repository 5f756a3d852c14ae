#pragma once
// SimLog: what the simulator observed (frames, pacing, layers, captures, haptics, session
// states), written as JSON to TRADEXR_XRSIM_LOG so tests can assert on it.
#include <cstdint>
#include <string>
#include <vector>

namespace txr::xrsim {

struct HapticRecord {
  double time_s = 0.0;  // script time
  std::string action;   // action name
  std::string target;   // e.g. /user/hand/right/output/haptic
  bool stop = false;    // xrStopHapticFeedback
  std::int64_t duration_ns = 0;
  float frequency_hz = 0.0f;
  float amplitude = 0.0f;
};

struct SimLog {
  std::uint64_t frames_waited = 0;
  std::uint64_t frames_begun = 0;
  std::uint64_t frames_ended = 0;
  std::uint64_t frames_discarded = 0;
  std::uint64_t missed_frames = 0;  // display slots that passed while the app was late (paced)
  std::uint64_t layers_submitted = 0;
  std::uint64_t projection_layers = 0;
  std::uint64_t quad_layers = 0;
  std::uint64_t depth_infos = 0;
  std::vector<std::string> captures;        // file names written
  std::vector<std::string> session_states;  // "XR_SESSION_STATE_READY@0.000"
  std::vector<HapticRecord> haptics;

  // Writes the JSON document; false when the file cannot be written.
  bool write(const std::string& path) const;
};

}  // namespace txr::xrsim
