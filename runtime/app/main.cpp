// tradexr: the TradeXR runtime's single entry point.
#include <exception>
#include <iostream>
#include <string>

#include "app/command_registry.hpp"
#include "core/log.hpp"

int main(int argc, char** argv) {
  CLI::App root{"TradeXR — practical-training simulation runtime (Vulkan, Bullet, OpenXR)",
                "tradexr"};
  root.set_version_flag("--version", std::string("tradexr ") + TXR_VERSION);
  root.require_subcommand(1);
  root.fallthrough(false);

  std::string log_level = "info";
  std::string log_file;
  root.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  root.add_option("--log-file", log_file, "Also write the log to this file (created 0600)");
  root.parse_complete_callback([&] {
    txr::core::LogLevel level{};
    if (txr::core::parse_log_level(log_level, level)) txr::core::set_log_level(level);
    if (!log_file.empty() && !txr::core::set_log_file(log_file)) {
      throw CLI::ValidationError("--log-file", "cannot open " + log_file + " for writing");
    }
  });

  txr::app::CommandContext context;
  txr::app::add_registered_commands(root, context);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return root.exit(e);
  } catch (const std::exception& e) {
    // Commands report expected failures themselves; this is the last guard so no input crashes.
    std::cerr << "tradexr: error: " << e.what() << '\n';
    return 1;
  }
  return context.exit_code;
}
