// `tradexr outbox status|list|show <id>|retry <id>`: look into the upload queue and put parked
// statements back after fixing what the LRS complained about.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_registry.hpp"
#include "upload/outbox.hpp"
#include "upload/upload_config.hpp"

namespace txr::app {
namespace {

struct OutboxOptions {
  std::string config_path;
  std::string outbox_path;
  std::string state;
  std::size_t limit = 50;
  std::string id;
};

core::Result<upload::Outbox> open_outbox(const OutboxOptions& o) {
  std::filesystem::path path = o.outbox_path;
  if (path.empty()) {
    // No --config: the same config `tradexr run` uses ($TRADEXR_UPLOAD_CONFIG, XDG config).
    const auto config_path = o.config_path.empty()
                                 ? upload::find_upload_config()
                                 : std::optional<std::filesystem::path>(o.config_path);
    if (!config_path) {
      return core::fail(
          "give --outbox <file> or --config <file> (no $TRADEXR_UPLOAD_CONFIG or "
          "~/.config/tradexr/upload.json)");
    }
    auto config = upload::load_upload_config(*config_path, upload::process_env, false);
    if (!config) return std::unexpected(config.error());
    path = config->outbox_path;
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return core::fail("no outbox at " + path.string());
  return upload::Outbox::open(path);
}

int fail_with(const core::Error& e) {
  std::cerr << "tradexr outbox: " << e.to_string() << '\n';
  return 1;
}

int run_status(const OutboxOptions& o) {
  auto outbox = open_outbox(o);
  if (!outbox) return fail_with(outbox.error());
  auto counts = outbox->counts();
  if (!counts) return fail_with(counts.error());
  auto last = outbox->last_error();
  if (!last) return fail_with(last.error());
  std::cout << "outbox " << outbox->path().string() << "\n"
            << "  queued: " << counts->queued << "\n"
            << "  sent:   " << counts->sent << "\n"
            << "  parked: " << counts->parked << "\n"
            << "  last error: " << (last->empty() ? "none" : *last) << "\n";
  return 0;
}

int run_list(const OutboxOptions& o) {
  std::optional<upload::OutboxState> state;
  if (!o.state.empty()) state = upload::parse_outbox_state(o.state);
  auto outbox = open_outbox(o);
  if (!outbox) return fail_with(outbox.error());
  auto entries = outbox->list(state, o.limit);
  if (!entries) return fail_with(entries.error());
  for (const upload::OutboxEntry& e : *entries) {
    std::string verb = e.verb_id.substr(e.verb_id.find_last_of('/') + 1);
    std::cout << e.id << "  " << upload::to_string(e.state) << "  " << verb << "  " << e.created_utc
              << "  registration " << e.registration;
    if (!e.reason.empty()) std::cout << "  reason: " << e.reason;
    std::cout << '\n';
  }
  return 0;
}

int run_show(const OutboxOptions& o) {
  auto outbox = open_outbox(o);
  if (!outbox) return fail_with(outbox.error());
  auto entry = outbox->find(o.id);
  if (!entry) return fail_with(entry.error());
  if (!*entry) return fail_with(core::Error("no statement " + o.id + " in the outbox"));
  const upload::OutboxEntry& e = **entry;
  std::cout << "id: " << e.id << "\nstate: " << upload::to_string(e.state)
            << "\nregistration: " << e.registration << "\ncreated: " << e.created_utc
            << "\nsent: " << (e.sent_utc.empty() ? "-" : e.sent_utc) << "\nattempts: " << e.attempts
            << "\nattachments: " << e.attachments.size() << '\n';
  if (!e.reason.empty()) std::cout << "reason: " << e.reason << '\n';
  std::cout << nlohmann::json::parse(e.json, nullptr, false).dump(2) << '\n';
  return 0;
}

int run_retry(const OutboxOptions& o) {
  auto outbox = open_outbox(o);
  if (!outbox) return fail_with(outbox.error());
  auto done = outbox->retry(o.id);
  if (!done) return fail_with(done.error());
  if (!*done) return fail_with(core::Error("no parked statement " + o.id));
  std::cout << "requeued " << o.id << " (it goes with the next upload)\n";
  return 0;
}

void add_outbox_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<OutboxOptions>();
  auto* cmd = root.add_subcommand("outbox", "Inspect the xAPI upload queue");
  cmd->require_subcommand(1);
  auto add_source = [o](CLI::App* sub) {
    sub->add_option("--config", o->config_path, "Upload config (its 'outbox' setting)");
    sub->add_option("--outbox", o->outbox_path, "Outbox database file");
  };
  auto* status = cmd->add_subcommand("status", "Counts per state and the last upload error");
  add_source(status);
  status->callback([o, &context] { context.exit_code = run_status(*o); });
  auto* list = cmd->add_subcommand("list", "Statements, newest first");
  add_source(list);
  list->add_option("--state", o->state, "queued, sent or parked")
      ->check(CLI::IsMember({"queued", "sent", "parked"}));
  list->add_option("--limit", o->limit, "At most this many")->check(CLI::Range(1, 1000000));
  list->callback([o, &context] { context.exit_code = run_list(*o); });
  auto* show = cmd->add_subcommand("show", "One statement with its state and JSON");
  add_source(show);
  show->add_option("id", o->id, "Statement id")->required();
  show->callback([o, &context] { context.exit_code = run_show(*o); });
  auto* retry = cmd->add_subcommand("retry", "Put a parked statement back in the queue");
  add_source(retry);
  retry->add_option("id", o->id, "Statement id")->required();
  retry->callback([o, &context] { context.exit_code = run_retry(*o); });
}

const bool k_registered = register_command("outbox", add_outbox_command);

}  // namespace
}  // namespace txr::app
