// `tradexr verify <record> [--json] [--expect-key HEX]`: checks a session record's hash chain and
// device signature. Exit codes: 0 valid and complete, 2 incomplete (never closed: crash or power
// cut), 3 tampered or damaged, 4 unreadable (missing, not a record).
#include <iostream>

#include "app/command_registry.hpp"
#include "assessment/verifier.hpp"

namespace txr::app {
namespace {

struct VerifyArgs {
  std::string record;
  bool json = false;
  std::string expect_key;
};

void add_verify_command(CLI::App& root, CommandContext& context) {
  auto args = std::make_shared<VerifyArgs>();
  auto* cmd = root.add_subcommand(
      "verify",
      "Check a session record's hash chain and signature (exit 0 valid, 2 incomplete, "
      "3 tampered, 4 unreadable)");
  cmd->add_option("record", args->record, "Session record (.txrrec)")->required();
  cmd->add_flag("--json", args->json, "Print the report as JSON");
  cmd->add_option("--expect-key", args->expect_key,
                  "Require this device public key (64 hex digits)");
  cmd->callback([args, &context] {
    assessment::VerifyOptions options;
    options.expected_public_key_hex = args->expect_key;
    const auto report = assessment::verify_record(args->record, options);
    if (args->json) {
      std::cout << report.to_json() << '\n';
    } else {
      std::cout << args->record << ": " << report.to_text();
    }
    context.exit_code = assessment::exit_code(report.status);
  });
}

const bool k_registered = register_command("verify", add_verify_command);

}  // namespace
}  // namespace txr::app
