// `tradexr record info <record>`: what a session record holds (header, counts, event types).
// `tradexr record retention --days N <dir-or-record>`: purge raw motion streams older than N days
// (events, metrics and the signature chain stay verifiable).
#include <iostream>
#include <map>

#include "app/command_registry.hpp"
#include "assessment/reader.hpp"
#include "assessment/retention.hpp"

namespace txr::app {
namespace {

struct RecordArgs {
  std::string path;
  double days = 30.0;
};

int run_info(const std::string& path) {
  auto reader = assessment::Reader::open(path);
  if (!reader) {
    std::cerr << "tradexr record info: " << reader.error().to_string() << '\n';
    return 4;
  }
  const auto& h = reader->header();
  auto chain = reader->chain();
  auto events = reader->events();
  if (!chain || !events) {
    std::cerr << "tradexr record info: " << (!chain ? chain.error() : events.error()).to_string()
              << '\n';
    return 3;
  }
  std::int64_t frames = 0, chunks = 0, gaps = 0;
  double end_s = 0.0;
  for (const auto& e : *chain) {
    if (e.kind == assessment::ChainKind::chunk) {
      frames += e.count;
      ++chunks;
    }
    if (e.kind == assessment::ChainKind::gap) gaps += e.count;
    end_s = std::max(end_s, e.t_end_s);
  }
  std::map<std::string, int> by_type;
  for (const auto& e : *events) ++by_type[e.type];
  std::cout << "record " << path << "\n"
            << "  scenario:  " << h.scenario_id << " " << h.scenario_version << " ("
            << h.scenario_content_hash << ")\n"
            << "  trainee:   " << h.trainee_id << "\n"
            << "  session:   " << h.session_id << ", started " << h.started_utc << ", mode "
            << h.mode << ", language " << h.language << "\n"
            << "  device:    " << h.device << ", runtime " << h.runtime_version << "\n"
            << "  key:       " << h.public_key_hex << "\n"
            << "  signed:    " << (reader->is_signed() ? "yes" : "no (incomplete)") << "\n"
            << "  duration:  " << end_s << " s, " << frames << " frames in " << chunks
            << " chunks, " << gaps << " frames dropped\n"
            << "  events:    " << events->size() << "\n";
  for (const auto& [type, n] : by_type) std::cout << "    " << type << ": " << n << "\n";
  return 0;
}

int run_retention(const std::string& path, double days) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    const auto r = assessment::apply_retention(path, days);
    std::cout << "records: " << r.records_seen << ", stream chunks purged: " << r.chunks_purged
              << "\n";
    for (const auto& s : r.skipped) std::cerr << "skipped: " << s << "\n";
    return r.skipped.empty() ? 0 : 1;
  }
  auto purged = assessment::purge_raw_streams(path, days);
  if (!purged) {
    std::cerr << "tradexr record retention: " << purged.error().to_string() << '\n';
    return 1;
  }
  std::cout << "stream chunks purged: " << *purged << "\n";
  return 0;
}

void add_record_command(CLI::App& root, CommandContext& context) {
  auto args = std::make_shared<RecordArgs>();
  auto* cmd = root.add_subcommand("record", "Inspect session records and apply retention");
  cmd->require_subcommand(1);
  auto* info = cmd->add_subcommand("info", "Show what a session record holds");
  info->add_option("record", args->path, "Session record (.txrrec)")->required();
  info->callback([args, &context] { context.exit_code = run_info(args->path); });
  auto* retention = cmd->add_subcommand(
      "retention", "Purge raw motion streams older than N days (events and signature stay)");
  retention->add_option("path", args->path, "A record or a folder of records")->required();
  retention->add_option("--days", args->days, "Keep raw streams this many days (default 30)")
      ->check(CLI::NonNegativeNumber);
  retention->callback(
      [args, &context] { context.exit_code = run_retention(args->path, args->days); });
}

const bool k_registered = register_command("record", add_record_command);

}  // namespace
}  // namespace txr::app
