// `tradexr info`: what this build is and what it found on the machine.
#include <iostream>

#include "app/command_registry.hpp"

namespace txr::app {
namespace {

void add_info_command(CLI::App& root, CommandContext& context) {
  auto* cmd = root.add_subcommand("info", "Show the version and build of this runtime");
  cmd->callback([&context] {
    std::cout << "tradexr " << TXR_VERSION << "\n"
              << "compiler: " << __VERSION__ << "\n"
              << "c++ standard: " << __cplusplus << "\n";
    context.exit_code = 0;
  });
}

const bool k_registered = register_command("info", add_info_command);

}  // namespace
}  // namespace txr::app
