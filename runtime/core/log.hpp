#pragma once
// Levelled logging to stderr and, optionally, a file. Thread-safe; one line per message.
#include <string>
#include <string_view>

namespace txr::core {

enum class LogLevel { trace = 0, debug, info, warn, error, off };

// Parses "trace|debug|info|warn|error|off"; returns false for anything else.
bool parse_log_level(std::string_view text, LogLevel& out);
std::string_view to_string(LogLevel level);

void set_log_level(LogLevel level);
LogLevel log_level();
// Also append every message to this file (created 0600). Empty path closes it. False on failure.
bool set_log_file(const std::string& path);

void log(LogLevel level, std::string_view module, std::string_view message);

inline void log_debug(std::string_view module, std::string_view message) {
  log(LogLevel::debug, module, message);
}
inline void log_info(std::string_view module, std::string_view message) {
  log(LogLevel::info, module, message);
}
inline void log_warn(std::string_view module, std::string_view message) {
  log(LogLevel::warn, module, message);
}
inline void log_error(std::string_view module, std::string_view message) {
  log(LogLevel::error, module, message);
}

// Receives every message that passes the level filter; tests use it to capture output.
using LogSink = void (*)(LogLevel level, std::string_view module, std::string_view message,
                         void* user);
void set_log_sink(LogSink sink, void* user);

}  // namespace txr::core
