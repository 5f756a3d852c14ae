// `tradexr check <package> [--json] [--lang vi|en]`: validates a scenario package and reports
// every problem as file:line:column: message (exit 1 on errors, 0 otherwise).
#include <iostream>

#include "app/command_registry.hpp"
#include "scenario/package_loader.hpp"
#include "session/session.hpp"

namespace txr::app {
namespace {

struct CheckOptions {
  std::string package;
  bool json = false;
  std::string lang = "vi";
};

void add_check_command(CLI::App& root, CommandContext& context) {
  auto options = std::make_shared<CheckOptions>();
  auto* cmd = root.add_subcommand("check", "Validate a scenario package and list every problem");
  cmd->add_option("package", options->package, "Package folder (contains scenario.yaml)")
      ->required();
  cmd->add_flag("--json", options->json, "Print the findings as JSON");
  cmd->add_option("--lang", options->lang, "Language of the summary title")
      ->check(CLI::IsMember({"vi", "en"}));
  cmd->callback([options, &context] {
    auto result = session::load_scenario(options->package);
    if (result.scenario) {
      // Wiring, joint bolt lists, tool targets: what only shows when the scene and its trade
      // models are built is checked here too, not left for `tradexr run`.
      auto built = session::Session::create(*result.scenario, session::SessionOptions{});
      if (!built) {
        result.diagnostics.error(built.error().where, built.error().message);
        result.scenario.reset();
      }
    }
    const auto& diag = result.diagnostics;
    if (options->json) {
      std::cout << scenario::findings_json(result, options->package) << "\n";
    } else {
      for (const auto& f : diag.findings()) std::cout << f.to_string(options->package) << "\n";
      if (diag.truncated()) std::cout << "... and " << diag.dropped() << " more problems\n";
      if (result.scenario) {
        std::cout << scenario::summarize(*result.scenario, options->lang);
        std::cout << "OK: " << diag.warning_count() << " warning(s)\n";
      } else {
        std::cout << diag.error_count() << " error(s), " << diag.warning_count() << " warning(s)\n";
      }
    }
    context.exit_code = diag.has_errors() ? 1 : 0;
  });
}

const bool k_registered = register_command("check", add_check_command);

}  // namespace
}  // namespace txr::app
