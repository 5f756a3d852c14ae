// Test helper: drains an outbox with a given upload config, so a test can SIGKILL a real
// uploading process. Usage: upload_drain_helper <upload.json>
#include <iostream>

#include "upload/uploader.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: upload_drain_helper <upload.json>\n";
    return 2;
  }
  auto config = txr::upload::load_upload_config(argv[1]);
  if (!config) {
    std::cerr << config.error().to_string() << '\n';
    return 1;
  }
  txr::upload::Uploader uploader(*config);
  const auto report = uploader.drain();
  std::cout << txr::upload::to_string(report.stop) << ' ' << report.sent << '\n';
  return report.stop == txr::upload::UploadStop::drained ? 0 : 1;
}
