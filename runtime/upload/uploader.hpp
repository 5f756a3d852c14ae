#pragma once
// Uploader: sends the outbox to the LRS. Runs either on the caller's thread (drain(), used by
// `tradexr upload`) or on its own background thread (start()/stop()); it never runs on, blocks
// or shares a lock with the frame thread — it opens its own SQLite connection to the outbox and
// talks to the rest of the app only through the database and notify().
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "upload/upload_config.hpp"

namespace txr::upload {

struct UploadProgress {
  std::int64_t sent = 0;    // in this drain
  std::int64_t parked = 0;  // in this drain
  std::int64_t queued = 0;  // still waiting
};

enum class UploadStop {
  drained,         // nothing left to send
  auth_failed,     // 401/403: credentials need fixing; nothing was lost
  endpoint_error,  // 404/405/TLS...: the endpoint or CA bundle needs fixing
  gave_up,         // no progress for give_up_after_s (offline): statements stay queued
  stopped,         // stop() was called
  outbox_error,    // the database could not be read or written
};
std::string_view to_string(UploadStop stop);

struct UploadReport {
  UploadStop stop = UploadStop::drained;
  std::int64_t sent = 0;
  std::int64_t parked = 0;
  std::int64_t requests = 0;
  std::int64_t retries = 0;  // transient failures waited out
  std::string message;       // for anything but drained: what happened and what to do
};

// What the uploader has done since it was made (all drains together), for code that queues while
// the background worker runs (`tradexr run` reports how many of its statements went out).
struct UploaderActivity {
  std::int64_t sent = 0;
  std::int64_t parked = 0;
  int failing = 0;      // transient failures since the last success (offline, LRS busy)
  bool halted = false;  // the last drain stopped on credentials, endpoint or outbox problems
  std::string problem;  // the latest problem, empty when none
};

using ProgressFn = std::function<void(const UploadProgress&)>;

class Uploader {
 public:
  explicit Uploader(UploadConfig config);
  ~Uploader();  // stops the worker
  Uploader(const Uploader&) = delete;
  Uploader& operator=(const Uploader&) = delete;

  // Sends until the outbox is empty or a stop condition; on the calling thread.
  UploadReport drain(const ProgressFn& progress = {});

  // Background worker: drains, then sleeps until notify() or idle_poll_ms; transient failures
  // are retried forever with bounded backoff (give_up_after_s does not apply).
  void start(long idle_poll_ms = 30000);
  void stop();
  void notify();  // new statements were queued
  bool running() const { return worker_.joinable(); }
  UploadReport last_report() const;
  UploaderActivity activity() const;

 private:
  UploadReport drain_impl(bool background, const ProgressFn& progress);
  bool wait_ms(long ms);  // false when stop() interrupted the wait
  void run(long idle_poll_ms);

  UploadConfig config_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool notified_ = false;
  UploadReport last_report_;
  UploaderActivity activity_;
  std::thread worker_;
};

}  // namespace txr::upload
