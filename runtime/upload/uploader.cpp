#include "upload/uploader.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <vector>

#include "core/log.hpp"
#include "upload/http_client.hpp"
#include "upload/ids.hpp"
#include "upload/outbox.hpp"
#include "upload/retry_policy.hpp"

namespace txr::upload {
namespace {

constexpr std::string_view k_log = "upload";

struct Body {
  std::string content_type;
  std::string bytes;
};

// The statements exactly as stored, joined into a JSON array; multipart/mixed when any carries
// attachments (first part the array, then one part per distinct attachment hash).
Body build_body(std::span<const OutboxEntry> batch) {
  std::string array = "[";
  bool has_attachments = false;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i > 0) array += ',';
    array += batch[i].json;
    has_attachments = has_attachments || !batch[i].attachments.empty();
  }
  array += ']';
  if (!has_attachments) return {"Content-Type: application/json", std::move(array)};

  const std::string boundary = "txr-" + new_uuid();
  std::string out = "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + array + "\r\n";
  std::set<std::string> seen;
  for (const OutboxEntry& e : batch) {
    for (const StatementAttachment& a : e.attachments) {
      if (!seen.insert(a.sha256_hex).second) continue;
      out += "--" + boundary + "\r\nContent-Type: " + a.content_type +
             "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + a.sha256_hex +
             "\r\n\r\n" + a.bytes + "\r\n";
    }
  }
  out += "--" + boundary + "--\r\n";
  return {"Content-Type: multipart/mixed; boundary=" + boundary, std::move(out)};
}

// A short, single-line reason from an LRS error body (never includes our request headers).
std::string reason_from(long status, const std::string& body) {
  std::string text = body;
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  if (text.size() > 400) text = text.substr(0, 400) + "...";
  return "HTTP " + std::to_string(status) + (text.empty() ? "" : ": " + text);
}

}  // namespace

std::string_view to_string(UploadStop stop) {
  switch (stop) {
    case UploadStop::drained:
      return "drained";
    case UploadStop::auth_failed:
      return "credentials refused";
    case UploadStop::endpoint_error:
      return "endpoint error";
    case UploadStop::gave_up:
      return "offline, will retry later";
    case UploadStop::stopped:
      return "stopped";
    case UploadStop::outbox_error:
      return "outbox error";
  }
  return "stopped";
}

Uploader::Uploader(UploadConfig config) : config_(std::move(config)) {}

Uploader::~Uploader() { stop(); }

UploadReport Uploader::drain(const ProgressFn& progress) { return drain_impl(false, progress); }

bool Uploader::wait_ms(long ms) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_.load(); });
  return !stop_.load();
}

UploadReport Uploader::drain_impl(bool background, const ProgressFn& progress) {
  UploadReport report;
  auto outbox = Outbox::open(config_.outbox_path);
  if (!outbox) {
    report.stop = UploadStop::outbox_error;
    report.message = outbox.error().to_string();
    std::lock_guard lock(mutex_);
    activity_.halted = true;
    activity_.problem = report.message;
    return report;
  }
  HttpClient http;
  http.set_abort_flag(&stop_);
  const std::string url = config_.endpoint + "statements";
  const std::string version_header = "X-Experience-API-Version: " + config_.xapi_version;
  std::size_t batch_size = config_.batch_size;
  int failures = 0;  // consecutive transient failures, drives the backoff
  auto last_progress = std::chrono::steady_clock::now();

  auto finish = [&](UploadStop stop, std::string message) {
    report.stop = stop;
    report.message = std::move(message);
    if (stop != UploadStop::drained && stop != UploadStop::stopped) {
      core::log_warn(k_log, report.message);
      (void)outbox->set_last_error(report.message);
    }
    {
      std::lock_guard lock(mutex_);
      activity_.halted = stop == UploadStop::auth_failed || stop == UploadStop::endpoint_error ||
                         stop == UploadStop::outbox_error;
      if (activity_.halted) activity_.problem = report.message;
    }
    return report;
  };
  auto note_done = [&](std::size_t sent, std::size_t parked) {
    std::lock_guard lock(mutex_);
    activity_.sent += static_cast<std::int64_t>(sent);
    activity_.parked += static_cast<std::int64_t>(parked);
    activity_.failing = 0;
    activity_.problem.clear();
  };
  auto notify_progress = [&] {
    if (!progress) return;
    auto counts = outbox->counts();
    progress({report.sent, report.parked, counts ? counts->queued : 0});
  };
  auto db_fail = [&](const core::Error& e) {
    return finish(UploadStop::outbox_error, e.to_string());
  };

  while (true) {
    if (stop_) return finish(UploadStop::stopped, "upload stopped");
    auto batch = outbox->next_batch(batch_size);
    if (!batch) return db_fail(batch.error());
    if (batch->empty()) {
      (void)outbox->set_last_error("");
      return finish(UploadStop::drained, "");
    }
    // Sub-batches still to send, last = next. A 400/409/413 splits a sub-batch in two; the left
    // half goes first so the order within each registration is kept.
    std::vector<std::vector<OutboxEntry>> work;
    work.push_back(std::move(*batch));
    while (!work.empty()) {
      if (stop_) return finish(UploadStop::stopped, "upload stopped");
      std::vector<OutboxEntry>& current = work.back();
      const Body body = build_body(current);
      HttpRequest request;
      request.url = url;
      request.body = body.bytes;
      request.headers = {version_header, body.content_type,
                         config_.credentials.authorization_header()};
      request.connect_timeout_ms = config_.connect_timeout_ms;
      request.timeout_ms = config_.request_timeout_ms;
      request.ca_bundle = config_.ca_bundle;
      ++report.requests;
      const HttpResponse response = http.perform(request);

      std::vector<std::string> ids;
      for (const OutboxEntry& e : current) ids.push_back(e.id);
      const long status = response.status;
      auto split = [&] {
        std::vector<OutboxEntry> all = std::move(work.back());
        work.pop_back();
        const std::size_t half = all.size() / 2;
        work.emplace_back(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(half)),
                          std::make_move_iterator(all.end()));
        work.emplace_back(std::make_move_iterator(all.begin()),
                          std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(half)));
      };
      auto wait_transient = [&](std::optional<long> server_wait_ms,
                                const std::string& what) -> bool {
        ++report.retries;
        (void)outbox->count_attempt(ids);
        const long delay = server_wait_ms ? std::min(*server_wait_ms, config_.retry_after_max_ms)
                                          : backoff_delay_ms(failures++, config_.backoff_initial_ms,
                                                             config_.backoff_max_ms, random_unit());
        (void)outbox->set_last_error(what);
        {
          std::lock_guard lock(mutex_);
          ++activity_.failing;
          activity_.problem = what;
        }
        core::log_debug(k_log, what + "; retrying in " + std::to_string(delay) + " ms");
        return wait_ms(delay);
      };
      auto gave_up = [&] {
        const double idle_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - last_progress).count();
        return !background && idle_s > config_.give_up_after_s;
      };

      if (response.error == NetError::aborted) return finish(UploadStop::stopped, "upload stopped");
      if (response.error == NetError::tls) {
        return finish(UploadStop::endpoint_error,
                      "TLS check of " + config_.endpoint + " failed (" + response.error_text +
                          "); fix the server certificate or set ca_bundle in the upload config");
      }
      if (status == 200 || status == 204) {
        if (auto ok = outbox->mark_sent(ids); !ok) return db_fail(ok.error());
        report.sent += static_cast<std::int64_t>(ids.size());
        note_done(ids.size(), 0);
        failures = 0;
        last_progress = std::chrono::steady_clock::now();
        work.pop_back();
        notify_progress();
      } else if (status == 400 || status == 409) {
        if (current.size() == 1) {
          const std::string reason = reason_from(status, response.body);
          if (auto ok = outbox->park(current.front().id, reason); !ok) return db_fail(ok.error());
          core::log_warn(k_log, "parked statement " + current.front().id + ": " + reason);
          ++report.parked;
          note_done(0, 1);
          last_progress = std::chrono::steady_clock::now();
          work.pop_back();
          notify_progress();
        } else {
          split();  // the LRS rejects a whole batch for one bad statement: find it
        }
      } else if (status == 401 || status == 403) {
        return finish(UploadStop::auth_failed,
                      "the LRS refused the credentials (HTTP " + std::to_string(status) +
                          "); check auth.key/auth.secret in the upload config or TXR_LRS_KEY/"
                          "TXR_LRS_SECRET. Nothing was lost: statements stay queued.");
      } else if (status == 413) {
        if (current.size() == 1) {
          const std::string reason = reason_from(status, "statement too large for the LRS");
          if (auto ok = outbox->park(current.front().id, reason); !ok) return db_fail(ok.error());
          ++report.parked;
          note_done(0, 1);
          work.pop_back();
          notify_progress();
        } else {
          batch_size = std::max<std::size_t>(1, current.size() / 2);
          split();
        }
      } else if (status == 404 || status == 405) {
        return finish(UploadStop::endpoint_error,
                      "HTTP " + std::to_string(status) + " from " + url +
                          ": check 'endpoint' in the upload config (the xAPI base URL)");
      } else if (status == 429 || status == 503) {
        const auto server_wait = parse_retry_after_ms(response.retry_after, Clock::now());
        if (gave_up())
          return finish(UploadStop::gave_up,
                        "LRS busy (HTTP " + std::to_string(status) + "); statements stay queued");
        if (!wait_transient(server_wait, "LRS busy (HTTP " + std::to_string(status) + ")")) {
          return finish(UploadStop::stopped, "upload stopped");
        }
      } else {
        // 5xx, timeouts, resets, refused connections, unexpected answers: back off and retry.
        const std::string what =
            status != 0 ? reason_from(status, response.body)
                        : std::string(to_string(response.error)) + " (" + response.error_text + ")";
        if (gave_up()) {
          return finish(UploadStop::gave_up,
                        "no progress for " +
                            std::to_string(static_cast<long>(config_.give_up_after_s)) +
                            " s, last problem: " + what + "; statements stay queued");
        }
        if (!wait_transient(std::nullopt, what))
          return finish(UploadStop::stopped, "upload stopped");
      }
    }
  }
}

void Uploader::start(long idle_poll_ms) {
  if (worker_.joinable()) return;
  stop_ = false;
  worker_ = std::thread([this, idle_poll_ms] { run(idle_poll_ms); });
}

void Uploader::run(long idle_poll_ms) {
  while (!stop_) {
    UploadReport report = drain_impl(true, {});
    {
      std::lock_guard lock(mutex_);
      last_report_ = report;
    }
    if (stop_) break;
    // After a credentials or endpoint problem, do not hammer the LRS: wait for a nudge or the
    // longest backoff.
    const long idle = report.stop == UploadStop::drained ? idle_poll_ms : config_.backoff_max_ms;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(idle), [this] { return stop_ || notified_; });
    notified_ = false;
  }
}

void Uploader::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Uploader::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

UploadReport Uploader::last_report() const {
  std::lock_guard lock(mutex_);
  return last_report_;
}

UploaderActivity Uploader::activity() const {
  std::lock_guard lock(mutex_);
  return activity_;
}

}  // namespace txr::upload
