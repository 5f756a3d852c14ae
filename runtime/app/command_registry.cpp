#include "app/command_registry.hpp"

#include <map>

namespace txr::app {
namespace {
std::map<std::string, AddCommandFn>& registry() {
  static std::map<std::string, AddCommandFn> commands;
  return commands;
}
}  // namespace

bool register_command(std::string name, AddCommandFn add) {
  registry().emplace(std::move(name), std::move(add));
  return true;
}

void add_registered_commands(CLI::App& root, CommandContext& context) {
  for (auto& [name, add] : registry()) add(root, context);
}

}  // namespace txr::app
