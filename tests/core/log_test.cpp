#include <doctest/doctest.h>

#include <sys/stat.h>

#include <string>
#include <vector>

#include "core/log.hpp"
#include "test_support.hpp"

using namespace txr::core;

namespace {
void capture(LogLevel, std::string_view, std::string_view message, void* user) {
  static_cast<std::vector<std::string>*>(user)->emplace_back(message);
}
}  // namespace

TEST_CASE("[core] log filters by level and writes a private log file") {
  std::vector<std::string> lines;
  set_log_sink(&capture, &lines);
  const auto dir = txr::test::scratch_dir("log");
  const auto path = (dir / "run.log").string();
  REQUIRE(set_log_file(path));
  set_log_level(LogLevel::warn);
  log_info("test", "quiet");
  log_warn("test", "loud");
  log_error("test", "louder");
  set_log_file("");
  set_log_sink(nullptr, nullptr);
  set_log_level(LogLevel::info);

  CHECK(lines == std::vector<std::string>{"loud", "louder"});
  const std::string text = txr::test::read_file(path);
  CHECK(text.find("warn [test] loud") != std::string::npos);
  CHECK(text.find("quiet") == std::string::npos);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0077) == 0);  // nobody but the owner may read it

  LogLevel parsed{};
  CHECK(parse_log_level("debug", parsed));
  CHECK(parsed == LogLevel::debug);
  CHECK_FALSE(parse_log_level("loud", parsed));
}
