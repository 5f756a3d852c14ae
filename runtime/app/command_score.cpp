// `tradexr score <record> [--package DIR] [--json]`: re-scores a session record from its data
// alone (events and frames) against the package's rubric, with every lost point explained.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_registry.hpp"
#include "assessment/reader.hpp"
#include "assessment/scoring.hpp"
#include "scenario/package_loader.hpp"
#include "session/recording.hpp"
#include "session/session.hpp"

namespace txr::app {
namespace {

struct ScoreOptions {
  std::string record;
  std::string package;
  bool json = false;
};

// The first assets/models folder walking up from a package folder (as the loader looks).
std::filesystem::path shared_assets_near(const std::filesystem::path& package) {
  std::error_code ec;
  for (auto dir = package; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::is_directory(dir / "assets" / "models", ec))
      return dir / "assets" / "models";
    if (dir == dir.parent_path()) break;
  }
  return {};
}

int score(const ScoreOptions& o) {
  auto fail = [](const std::string& message) {
    std::cerr << "tradexr score: " << message << "\n";
    return 2;
  };
  auto reader = assessment::Reader::open(o.record);
  if (!reader) return fail(reader.error().to_string());
  auto events = reader->events();
  if (!events) return fail(events.error().to_string());
  auto frames = reader->frames();
  if (!frames) return fail(frames.error().to_string());

  std::string recorded_package;
  for (const auto& e : *events) {
    if (e.type != "session_started") continue;
    const auto payload = nlohmann::json::parse(e.payload_json, nullptr, false);
    if (payload.is_object()) recorded_package = payload.value("package", std::string());
    break;
  }
  const std::string package = o.package.empty() ? recorded_package : o.package;
  if (package.empty()) {
    return fail(o.record +
                ": the record does not say which package it was made with; pass --package");
  }
  auto loaded = session::load_scenario(package);
  if (!loaded.scenario && !o.package.empty() && !recorded_package.empty()) {
    // A changed copy of the package kept elsewhere: take `asset:` models from where the
    // recorded package found them.
    scenario::LoadOptions options;
    options.components = &session::trade_components();
    options.shared_assets_dir = shared_assets_near(recorded_package);
    if (!options.shared_assets_dir.empty()) loaded = scenario::load_package(package, options);
  }
  if (!loaded.scenario) {
    std::string first;
    for (const auto& f : loaded.diagnostics.findings()) {
      if (f.severity == scenario::FindingSeverity::error) {
        first = "\n  " + f.to_string(package);
        break;
      }
    }
    return fail("cannot load the package " + package +
                " to score the record (run `tradexr check` on it)" + first);
  }
  const scenario::Scenario& sc = *loaded.scenario;
  const auto& header = reader->header();
  if (sc.meta.id != header.scenario_id) {
    return fail("the package " + package + " is scenario '" + sc.meta.id + "', the record is of '" +
                header.scenario_id + "'");
  }
  const std::string hash = session::scenario_content_hash(sc);
  const bool same_rubric = hash == header.scenario_content_hash;
  const auto report = assessment::score_session(sc, *events, *frames, hash);

  if (o.json) {
    auto j = assessment::to_json(report);
    j["record"] = o.record;
    j["package"] = package;
    j["recorded_scenario_version"] = header.scenario_version;
    j["recorded_content_hash"] = header.scenario_content_hash;
    j["rubric_matches_record"] = same_rubric;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "record: " << o.record << "\n" << assessment::to_text(report);
    if (!same_rubric) {
      std::cout << "note: scored with a package whose content differs from the recorded one "
                   "(recorded "
                << header.scenario_version << ", content " << header.scenario_content_hash
                << "); the rubric may differ from the one the trainee was assessed with\n";
    }
  }
  return 0;
}

void add_score_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<ScoreOptions>();
  auto* cmd = root.add_subcommand("score", "Score a session record against its rubric");
  cmd->add_option("record", o->record, "Session record (.txrec)")->required();
  cmd->add_option("--package", o->package,
                  "Package folder (moved, or a changed rubric to re-score with)");
  cmd->add_flag("--json", o->json, "Print the report as JSON");
  cmd->callback([o, &context] { context.exit_code = score(*o); });
}

const bool k_registered = register_command("score", add_score_command);

}  // namespace
}  // namespace txr::app
