// `tradexr replay <record> [--package DIR] [--json]`: re-runs a recorded session from its
// InputFrames and checks that it ends in the recorded physics state.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_registry.hpp"
#include "core/hash.hpp"
#include "session/replay.hpp"

namespace txr::app {
namespace {

struct ReplayOptions {
  std::string record;
  std::string package;
  bool json = false;
};

int replay(const ReplayOptions& o) {
  auto result = session::replay_record(o.record, o.package);
  if (!result) {
    std::cerr << "tradexr replay: " << result.error().to_string() << "\n";
    return 2;
  }
  const bool same = result->recorded_hash && *result->recorded_hash == result->physics_hash;
  const std::string outcome = result->outcome == scenario::Outcome::running
                                  ? "incomplete"
                                  : std::string(scenario::to_string(result->outcome));
  if (o.json) {
    nlohmann::json out{
        {"package", result->package},
        {"frames", result->frames},
        {"physics_hash", core::to_hex(result->physics_hash)},
        {"recorded_hash",
         result->recorded_hash ? core::to_hex(*result->recorded_hash) : std::string()},
        {"identical", same},
        {"package_content_matches", result->content_matches},
        {"outcome", outcome},
        {"steps_done", result->steps_done}};
    auto& events = out["events"] = nlohmann::json::array();
    for (const auto& e : result->events) {
      events.push_back({{"time_s", e.time_s},
                        {"type", e.type},
                        {"subject", e.subject},
                        {"detail", e.detail},
                        {"value", e.value}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "replayed " << result->frames << " frames of " << o.record << "\n"
              << "outcome: " << outcome << " (" << result->steps_done << " steps)\n"
              << "physics hash: " << core::to_hex(result->physics_hash);
    if (result->recorded_hash) {
      std::cout << (same ? " (identical to the live run)"
                         : " (DIFFERS from the live run's " + core::to_hex(*result->recorded_hash) +
                               ")");
    } else {
      std::cout << " (the record was cut short; no final hash to compare)";
    }
    std::cout << "\n";
    if (!result->content_matches) {
      std::cout << "warning: the package content differs from the one recorded\n";
    }
  }
  if (!result->recorded_hash) return 0;
  return same ? 0 : 1;
}

void add_replay_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<ReplayOptions>();
  auto* cmd = root.add_subcommand("replay", "Replay a session record and compare its end state");
  cmd->add_option("record", o->record, "Session record (.txrec)")->required();
  cmd->add_option("--package", o->package, "Package folder, when it moved since the recording");
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->callback([o, &context] { context.exit_code = replay(*o); });
}

const bool k_registered = register_command("replay", add_replay_command);

}  // namespace
}  // namespace txr::app
