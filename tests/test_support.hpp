#pragma once
// Helpers shared by the test suites: fixture paths and scratch folders.
#include <filesystem>
#include <string>

namespace txr::test {

// runtime source tree root (for fixtures under tests/ and packages under scenarios/).
std::filesystem::path source_dir();
// A fresh, empty folder under the build tree, unique per call; kept after the test for review.
std::filesystem::path scratch_dir(const std::string& name);
// Reads a whole file as bytes; empty string when it does not exist.
std::string read_file(const std::filesystem::path& path);

}  // namespace txr::test
