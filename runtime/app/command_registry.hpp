#pragma once
// Subcommands register themselves here at static-initialisation time; main() adds them to the
// CLI in name order. Each subcommand's callback stores the process exit code in `CommandContext`.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace txr::app {

struct CommandContext {
  int exit_code = 0;
};

using AddCommandFn = std::function<void(CLI::App& root, CommandContext& context)>;

// Returns true so it can initialise a namespace-scope constant in the command's file.
bool register_command(std::string name, AddCommandFn add);

void add_registered_commands(CLI::App& root, CommandContext& context);

}  // namespace txr::app
