#include "session/replay.hpp"

#include <nlohmann/json.hpp>

#include "assessment/reader.hpp"
#include "core/hash.hpp"
#include "scenario/package_loader.hpp"
#include "session/recording.hpp"

namespace txr::session {

std::string session_end_payload(const Session& session, std::uint64_t frames) {
  return nlohmann::json{{"physics_hash", core::to_hex(session.physics_hash())},
                        {"frames", frames},
                        {"outcome", std::string(scenario::to_string(session.engine().outcome()))},
                        {"steps_done", session.engine().steps_done()}}
      .dump();
}

core::Result<ReplayResult> replay_record(const std::filesystem::path& record,
                                         const std::filesystem::path& package_override) {
  auto reader = assessment::Reader::open(record);
  if (!reader) return std::unexpected(reader.error());
  auto events = reader->events();
  if (!events) return std::unexpected(events.error());

  ReplayResult result;
  SessionOptions options;
  for (const auto& e : *events) {
    const auto payload = nlohmann::json::parse(e.payload_json, nullptr, false);
    if (payload.is_discarded()) continue;
    if (e.type == "session_started") {
      result.package = payload.value("package", std::string());
      options.physics_hz = payload.value("physics_hz", 240.0);
      options.desktop_aim_ray = payload.value("desktop_aim_ray", false);
      options.mode = payload.value("assessment_mode", std::string()) == "practice"
                         ? scenario::Mode::practice
                         : scenario::Mode::assessment;
    } else if (e.type == "session_ended") {
      const std::string hash = payload.value("physics_hash", std::string());
      if (!hash.empty()) result.recorded_hash = std::stoull(hash, nullptr, 16);
    }
  }
  if (!package_override.empty()) result.package = package_override.string();
  if (result.package.empty()) {
    return core::fail(record.string() +
                      ": the record does not say which package it was made with; pass --package");
  }
  auto loaded = load_scenario(result.package);
  if (!loaded.scenario) {
    return core::fail("cannot load the package " + result.package +
                      " to replay the record (run `tradexr check` on it)");
  }
  const scenario::Scenario& sc = *loaded.scenario;
  if (sc.meta.id != reader->header().scenario_id) {
    return core::fail("the package " + result.package + " is scenario '" + sc.meta.id +
                      "', the record is of '" + reader->header().scenario_id + "'");
  }
  result.content_matches = scenario_content_hash(sc) == reader->header().scenario_content_hash;

  auto session = Session::create(sc, options);
  if (!session) return std::unexpected(session.error());
  auto visited = reader->for_each_frame([&](const assessment::RecordedFrame& f) {
    (*session)->update(f.input);
    ++result.frames;
    return true;
  });
  if (!visited) return std::unexpected(visited.error());
  result.frames_rejected = (*session)->frames_rejected();
  result.physics_hash = (*session)->physics_hash();
  result.outcome = (*session)->engine().outcome();
  result.steps_done = (*session)->engine().steps_done();
  result.events = (*session)->events();
  return result;
}

}  // namespace txr::session
