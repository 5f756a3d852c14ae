#include "core/log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace txr::core {
namespace {

struct LogState {
  std::mutex mutex;
  std::atomic<LogLevel> level{LogLevel::info};
  int file_fd = -1;
  LogSink sink = nullptr;
  void* sink_user = nullptr;
};

LogState& state() {
  static LogState s;
  return s;
}

constexpr std::array<std::string_view, 6> k_level_names = {"trace", "debug", "info",
                                                           "warn",  "error", "off"};

std::string timestamp_utc() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf.data();
}

}  // namespace

bool parse_log_level(std::string_view text, LogLevel& out) {
  for (std::size_t i = 0; i < k_level_names.size(); ++i) {
    if (k_level_names[i] == text) {
      out = static_cast<LogLevel>(i);
      return true;
    }
  }
  return false;
}

std::string_view to_string(LogLevel level) {
  return k_level_names[static_cast<std::size_t>(level)];
}

void set_log_level(LogLevel level) { state().level = level; }
LogLevel log_level() { return state().level; }

bool set_log_file(const std::string& path) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  if (s.file_fd >= 0) {
    ::close(s.file_fd);
    s.file_fd = -1;
  }
  if (path.empty()) return true;
  // 0600: logs may hold paths and ids that other users of a lab PC should not read.
  s.file_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  return s.file_fd >= 0;
}

void set_log_sink(LogSink sink, void* user) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.sink = sink;
  s.sink_user = user;
}

void log(LogLevel level, std::string_view module, std::string_view message) {
  auto& s = state();
  if (level < s.level.load() || level == LogLevel::off) return;
  std::string line = timestamp_utc();
  line += ' ';
  line += to_string(level);
  line += " [";
  line += module;
  line += "] ";
  line += message;
  line += '\n';
  std::lock_guard lock(s.mutex);
  if (s.sink) {
    s.sink(level, module, message, s.sink_user);
  } else {
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  if (s.file_fd >= 0) {
    [[maybe_unused]] auto written = ::write(s.file_fd, line.data(), line.size());
  }
}

}  // namespace txr::core
