#include "sim_log.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace txr::xrsim {

bool SimLog::write(const std::string& path) const {
  nlohmann::json j;
  j["frames"] = {{"waited", frames_waited},
                 {"begun", frames_begun},
                 {"ended", frames_ended},
                 {"discarded", frames_discarded},
                 {"missed", missed_frames}};
  j["layers"] = {{"submitted", layers_submitted},
                 {"projection", projection_layers},
                 {"quad", quad_layers},
                 {"depth_infos", depth_infos}};
  j["captures"] = captures;
  j["session_states"] = session_states;
  j["haptics"] = nlohmann::json::array();
  for (const auto& h : haptics) {
    nlohmann::json e{{"t", h.time_s}, {"action", h.action}, {"target", h.target}};
    if (h.stop) {
      e["stop"] = true;
    } else {
      e["duration_ns"] = h.duration_ns;
      e["frequency_hz"] = h.frequency_hz;
      e["amplitude"] = h.amplitude;
    }
    j["haptics"].push_back(e);
  }
  std::ofstream out(path, std::ios::trunc);
  if (!out) return false;
  out << j.dump(2) << '\n';
  return static_cast<bool>(out);
}

}  // namespace txr::xrsim
