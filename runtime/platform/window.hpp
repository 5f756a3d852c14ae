#pragma once
// Window: one GLFW window without a client API (Vulkan renders into it) plus its input state.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "platform/input_state.hpp"

struct GLFWwindow;

namespace txr::platform {

struct WindowOptions {
  std::string title = "TradeXR";
  int width = 1280;
  int height = 720;
  bool resizable = true;
  bool visible = true;
};

class Window {
 public:
  // Fails with a clear message when there is no display (DISPLAY unset or unreachable) or GLFW
  // cannot create a window; never crashes.
  static core::Result<std::unique_ptr<Window>> create(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Processes window events and refreshes input(); call once per frame.
  void poll();
  const InputState& input() const { return input_; }

  bool should_close() const;
  void request_close();
  // Framebuffer size in pixels (may differ from window size on HiDPI); 0x0 when minimised.
  std::uint32_t framebuffer_width() const;
  std::uint32_t framebuffer_height() const;
  // True once after the framebuffer changed size; the swapchain must be rebuilt.
  bool consume_resized();
  void set_size(int width, int height);
  void set_title(const std::string& title);

  GLFWwindow* native_handle() const { return window_; }
  // Vulkan instance extensions the window system needs for a surface (VK_KHR_surface, ...).
  static std::vector<std::string> required_vulkan_instance_extensions();

 private:
  explicit Window(GLFWwindow* window);
  GLFWwindow* window_ = nullptr;
  InputState input_;
  bool resized_ = false;
  friend struct WindowCallbacks;
};

}  // namespace txr::platform
