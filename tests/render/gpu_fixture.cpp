#include "gpu_fixture.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "render/camera.hpp"
#include "test_support.hpp"

namespace txr::test {

ValidationWatch::ValidationWatch() { core::set_log_sink(&ValidationWatch::sink, this); }
ValidationWatch::~ValidationWatch() { core::set_log_sink(nullptr, nullptr); }

void ValidationWatch::sink(core::LogLevel level, std::string_view module, std::string_view message,
                           void* user) {
  if (module == "render" && level >= core::LogLevel::warn && message.starts_with("[vulkan]")) {
    static_cast<ValidationWatch*>(user)->count_.fetch_add(1);
    std::cerr << "validation: " << message << "\n";  // the sink replaces stderr output
  }
}

void ensure_runtime_dir() {
  const char* existing = std::getenv("XDG_RUNTIME_DIR");
  if (existing != nullptr && std::filesystem::is_directory(existing)) return;
  const auto dir = std::filesystem::path(TXR_BINARY_DIR) / "test-xdg-runtime";
  std::filesystem::create_directories(dir);
  ::chmod(dir.c_str(), 0700);
  ::setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);
}

render::ContextOptions validated_options() {
  ensure_runtime_dir();
  render::ContextOptions options;
  options.app_name = "TradeXR tests";
  options.enable_validation = true;
  return options;
}

std::vector<render::ModelPlacement> reference_scene_placements() {
  return {{source_dir() / "assets/scenes/reference-workshop.gltf", glm::mat4(1.0f)}};
}

render::View reference_view(std::uint32_t width, std::uint32_t height) {
  render::View view;
  view.view = render::look_at({1.3f, 1.55f, 1.6f}, {-0.05f, 0.9f, 0.0f});
  view.projection = render::perspective_vk(
      0.8f, static_cast<float>(width) / static_cast<float>(height), 0.05f, 50.0f);
  return view;
}

}  // namespace txr::test
