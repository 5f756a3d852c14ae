#pragma once
// Shared set-up for tests that create a Vulkan device: validation always on, and every
// validation message (including those at device/instance destruction) fails the test.
#include <atomic>
#include <memory>
#include <string>

#include "core/log.hpp"
#include "render/renderer.hpp"
#include "render/scene_loader.hpp"
#include "render/vulkan_context.hpp"

namespace txr::test {

// Counts warnings/errors logged by the Vulkan messenger while alive (a log sink).
class ValidationWatch {
 public:
  ValidationWatch();
  ~ValidationWatch();
  int count() const { return count_.load(); }

 private:
  static void sink(core::LogLevel level, std::string_view module, std::string_view message,
                   void* user);
  std::atomic<int> count_{0};
};

// A private 0700 XDG_RUNTIME_DIR so the loader and WSI stay quiet.
void ensure_runtime_dir();

render::ContextOptions validated_options();

// The reference scene as the golden test and `tradexr render` see it.
std::vector<render::ModelPlacement> reference_scene_placements();
render::View reference_view(std::uint32_t width, std::uint32_t height);

}  // namespace txr::test
