#include "test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace txr::test {

std::filesystem::path source_dir() { return TXR_SOURCE_DIR; }

std::filesystem::path scratch_dir(const std::string& name) {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::path(TXR_BINARY_DIR) / "test-scratch" /
                   (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace txr::test
