#include "session/recording.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "assessment/record_format.hpp"

namespace txr::session {
namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string hex(const assessment::Hash32& h) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : h) {
    out += k_digits[b >> 4];
    out += k_digits[b & 0xf];
  }
  return out;
}

}  // namespace

std::string scenario_content_hash(const scenario::Scenario& scenario) {
  std::vector<std::filesystem::path> files{scenario.dir / "scenario.yaml"};
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(scenario.dir / "locales", ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin() + 1, files.end());
  std::string all;
  for (const auto& f : files) {
    const std::string bytes = read_bytes(f);
    all += f.filename().string();
    all += '\0';
    all += std::to_string(bytes.size());
    all += '\0';
    all += bytes;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(all.data());
  return hex(assessment::blake2b({p, all.size()}));
}

std::filesystem::path data_dir() {
  if (const char* d = std::getenv("TRADEXR_DATA_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    return std::filesystem::path(x) / "tradexr";
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".local/share/tradexr";
  }
  return std::filesystem::current_path() / "tradexr-data";
}

std::filesystem::path default_record_path(const scenario::Scenario& scenario) {
  const auto dir = data_dir() / "records";
  std::filesystem::create_directories(dir);
  // Records and the device key are personal data and a credential: owner only.
  ::chmod(data_dir().c_str(), 0700);
  ::chmod(dir.c_str(), 0700);
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  auto path = dir / (scenario.meta.id + "-" + stamp + ".txrec");
  for (int i = 2; std::filesystem::exists(path); ++i) {
    path = dir / (scenario.meta.id + "-" + stamp + "-" + std::to_string(i) + ".txrec");
  }
  return path;
}

core::Result<std::unique_ptr<assessment::Recorder>> open_recording(
    const scenario::Scenario& scenario, const SessionOptions& options,
    const RecordingSetup& setup) {
  assessment::RecordHeader header;
  header.scenario_id = scenario.meta.id;
  header.scenario_version = scenario.meta.version;
  header.scenario_content_hash = scenario_content_hash(scenario);
  header.device = setup.device;
  header.mode = setup.run_mode;
  header.language = setup.language;
  header.trainee_id = setup.trainee_id;
  assessment::RecorderOptions recorder_options;
  recorder_options.key_dir = setup.key_dir;
  const auto path = setup.path.empty() ? default_record_path(scenario) : setup.path;
  auto recorder = assessment::Recorder::open(path, header, recorder_options);
  if (!recorder) return std::unexpected(recorder.error());
  nlohmann::json started = {
      {"package", std::filesystem::absolute(scenario.dir).lexically_normal().string()},
      {"physics_hz", options.physics_hz},
      {"assessment_mode", std::string(scenario::to_string(options.mode))},
      {"desktop_aim_ray", options.desktop_aim_ray},
  };
  if (auto r = (*recorder)->push_event(0.0, "session_started", scenario.meta.id, started.dump());
      !r) {
    return std::unexpected(r.error());
  }
  return recorder;
}

std::string event_payload_json(const SessionEvent& event) {
  nlohmann::json payload = nlohmann::json::object();
  if (!event.detail.empty()) payload["detail"] = event.detail;
  if (event.value != 0.0 || event.target) payload["value"] = event.value;
  if (event.target) payload["target"] = *event.target;
  return payload.dump();
}

}  // namespace txr::session
