// Every bad-package fixture must produce exactly the findings in its expected.txt.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "package_builder.hpp"
#include "scenario/package_loader.hpp"
#include "test_support.hpp"

namespace {

using txr::scenario::load_package;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> findings_of(const txr::scenario::LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.diagnostics.findings()) out.push_back(f.to_string());
  return out;
}

}  // namespace

TEST_CASE(
    "[scenario] every bad package fixture reports exactly its expected file:line:column messages") {
  const auto root = txr::test::source_dir() / "tests" / "scenario" / "fixtures" / "bad";
  std::set<std::filesystem::path> dirs;
  for (const auto& e : std::filesystem::directory_iterator(root)) {
    if (e.is_directory()) dirs.insert(e.path());
  }
  CHECK(dirs.size() >= 30);
  for (const auto& dir : dirs) {
    INFO("fixture: " << dir.filename().string());
    const auto expected = lines_of(txr::test::read_file(dir / "expected.txt"));
    REQUIRE(!expected.empty());
    const auto result = load_package(dir);
    const auto actual = findings_of(result);
    // Exactly: the same findings, in the same order (sorted by file and position).
    CHECK(actual == expected);
    const bool expects_error = std::any_of(expected.begin(), expected.end(), [](const auto& l) {
      return l.find(": error: ") != std::string::npos;
    });
    CHECK(result.scenario.has_value() == !expects_error);
  }
}

TEST_CASE("[scenario] a file over 8 MiB is refused with a clear message, not read") {
  const auto dir = txr::test::write_package("huge", std::string("scene: {}\n"));
  {
    std::ofstream out(dir / "scenario.yaml", std::ios::app);
    const std::string line = "# padding padding padding padding padding padding padding padding\n";
    for (std::size_t written = 0; written < 9u * 1024u * 1024u; written += line.size()) out << line;
  }
  const auto size = std::filesystem::file_size(dir / "scenario.yaml");
  const auto result = load_package(dir);
  REQUIRE(!result.scenario);
  REQUIRE(result.diagnostics.findings().size() >= 1);
  CHECK(result.diagnostics.findings()[0].to_string() ==
        "scenario.yaml: error: the file is too large (" + std::to_string(size) +
            " bytes; the limit is 8 MiB)");
}

TEST_CASE("[scenario] deeply nested YAML is reported, not a stack overflow") {
  const auto dir = txr::test::write_package("deep", "");
  std::ofstream(dir / "scenario.yaml")
      << "format: 1\nmetadata: " << std::string(100000, '[') << std::string(100000, ']') << "\n";
  const auto result = load_package(dir);
  REQUIRE(!result.scenario);
  const auto findings = findings_of(result);
  REQUIRE(!findings.empty());
  CHECK(findings[0].starts_with("scenario.yaml:2:"));
  CHECK(findings[0].find("nested too deeply") != std::string::npos);
}

TEST_CASE("[scenario] random bytes never crash the loader") {
  // A fixed pseudo-random sequence: deterministic, but unlike any hand-written fixture.
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 40; ++round) {
    const auto dir = txr::test::write_package("noise", "");
    std::string bytes;
    const std::string alphabet = "ab:- \n[]{}\"'#|>&*!%@`,?\t0.9e";
    for (int i = 0; i < 400; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      bytes += round % 2 ? static_cast<char>(x & 0xFF) : alphabet[x % alphabet.size()];
    }
    std::ofstream(dir / "scenario.yaml", std::ios::binary) << bytes;
    const auto result = load_package(dir);
    CHECK(!result.scenario);
    CHECK(result.diagnostics.error_count() > 0);
  }
}

TEST_CASE("[scenario] a folder without a package is one clear error") {
  const auto dir = txr::test::scratch_dir("nothing");
  const auto result = load_package(dir / "missing");
  REQUIRE(result.diagnostics.findings().size() == 1);
  CHECK(result.diagnostics.findings()[0].message.find("not a package folder") != std::string::npos);
}

TEST_CASE(
    "[scenario] any value of the example replaced by a wrong kind gives findings, never a checker "
    "failure") {
  const auto example = txr::test::source_dir() / "scenarios" / "examples" / "feature-tour";
  const auto dir = txr::test::scratch_dir("mutants") / "feature-tour";
  std::filesystem::copy(example, dir, std::filesystem::copy_options::recursive);
  const auto lines = lines_of(txr::test::read_file(example / "scenario.yaml"));
  std::size_t mutants = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto colon = lines[i].find(": ");
    if (colon == std::string::npos || lines[i].find('#') != std::string::npos) continue;
    for (const char* replacement : {"[1, [2]]", "{a: 1}", "oops", "-1e999", "~"}) {
      std::ostringstream text;
      for (std::size_t k = 0; k < lines.size(); ++k) {
        text << (k == i ? lines[k].substr(0, colon + 2) + replacement : lines[k]) << "\n";
      }
      std::ofstream(dir / "scenario.yaml") << text.str();
      const auto result = load_package(dir);
      ++mutants;
      for (const auto& f : result.diagnostics.findings()) {
        INFO("line " << i + 1 << " -> " << replacement);
        CHECK(f.message.find("stopped unexpectedly") == std::string::npos);
        const bool known_file =
            f.where.file == "scenario.yaml" || f.where.file.starts_with("locales/");
        CHECK(known_file);
      }
    }
  }
  CHECK(mutants > 500);
}
