// `tradexr upload`: send the outbox to the LRS now (drain on demand), with a progress bar on a
// terminal and a one-line summary.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/command_registry.hpp"
#include "upload/outbox.hpp"
#include "upload/upload_config.hpp"
#include "upload/uploader.hpp"

namespace txr::app {
namespace {

struct UploadOptions {
  std::string config_path;
  std::string outbox_path;
  std::size_t batch_size = 0;
  bool no_progress = false;
};

void draw_bar(const upload::UploadProgress& p, std::int64_t total) {
  constexpr int k_width = 30;
  const std::int64_t done = p.sent + p.parked;
  const int filled = total > 0 ? static_cast<int>(done * k_width / total) : k_width;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(k_width, '.');
  std::fprintf(stderr, "\rupload [%s] %lld/%lld sent %lld parked", bar.c_str(),
               static_cast<long long>(p.sent), static_cast<long long>(total),
               static_cast<long long>(p.parked));
  std::fflush(stderr);
}

int run_upload(const UploadOptions& options) {
  // No --config: the same config `tradexr run` uses ($TRADEXR_UPLOAD_CONFIG, XDG config).
  const auto config_path = options.config_path.empty()
                               ? upload::find_upload_config()
                               : std::optional<std::filesystem::path>(options.config_path);
  if (!config_path) {
    std::cerr << "tradexr upload: no upload config: give --config FILE or set "
                 "TRADEXR_UPLOAD_CONFIG (or create ~/.config/tradexr/upload.json)\n";
    return 1;
  }
  auto config = upload::load_upload_config(*config_path);
  if (!config) {
    std::cerr << "tradexr upload: " << config.error().to_string() << '\n';
    return 1;
  }
  if (!options.outbox_path.empty()) config->outbox_path = options.outbox_path;
  if (options.batch_size > 0) config->batch_size = options.batch_size;

  std::int64_t total = 0;
  {
    auto outbox = upload::Outbox::open(config->outbox_path);
    if (!outbox) {
      std::cerr << "tradexr upload: " << outbox.error().to_string() << '\n';
      return 1;
    }
    auto counts = outbox->counts();
    if (counts) total = counts->queued;
  }
  const bool tty = !options.no_progress && ::isatty(STDERR_FILENO) == 1;
  upload::Uploader uploader(*config);
  upload::ProgressFn progress;
  if (tty) progress = [total](const upload::UploadProgress& p) { draw_bar(p, total); };
  const upload::UploadReport report = uploader.drain(progress);
  if (tty) std::fputc('\n', stderr);

  std::int64_t left = 0;
  if (auto outbox = upload::Outbox::open(config->outbox_path)) {
    if (auto counts = outbox->counts()) left = counts->queued;
  }
  std::cout << "upload: " << report.sent << " sent, " << report.parked << " parked, " << left
            << " still queued (" << report.requests << " requests, " << report.retries
            << " retries): " << upload::to_string(report.stop) << '\n';
  if (report.stop == upload::UploadStop::drained) return 0;
  std::cerr << "tradexr upload: " << report.message << '\n';
  switch (report.stop) {
    case upload::UploadStop::auth_failed:
      return 3;
    case upload::UploadStop::gave_up:
      return 4;
    default:
      return 1;
  }
}

void add_upload_command(CLI::App& root, CommandContext& context) {
  auto options = std::make_shared<UploadOptions>();
  auto* cmd = root.add_subcommand(
      "upload",
      "Send queued xAPI statements to the LRS now (exit 0 drained, 3 credentials "
      "refused, 4 offline)");
  cmd->add_option("--config", options->config_path,
                  "Upload config (JSON, see docs/upload.md; default: $TRADEXR_UPLOAD_CONFIG, "
                  "else ~/.config/tradexr/upload.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--outbox", options->outbox_path, "Outbox database (overrides the config)");
  cmd->add_option("--batch-size", options->batch_size, "Statements per request (overrides)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--no-progress", options->no_progress, "No progress bar even on a terminal");
  cmd->callback([options, &context] { context.exit_code = run_upload(*options); });
}

const bool k_registered = register_command("upload", add_upload_command);

}  // namespace
}  // namespace txr::app
