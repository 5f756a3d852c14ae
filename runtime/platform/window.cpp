#include "platform/window.hpp"

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <mutex>

#include "core/log.hpp"

namespace txr::platform {

static_assert(static_cast<int>(Key::escape) == GLFW_KEY_ESCAPE);
static_assert(static_cast<int>(Key::a) == GLFW_KEY_A && static_cast<int>(Key::z) == GLFW_KEY_Z);
static_assert(static_cast<int>(Key::n9) == GLFW_KEY_9);
static_assert(static_cast<int>(Key::up) == GLFW_KEY_UP &&
              static_cast<int>(Key::f12) == GLFW_KEY_F12);
static_assert(static_cast<int>(Key::left_alt) == GLFW_KEY_LEFT_ALT);
static_assert(InputState::k_key_count > GLFW_KEY_LAST);

namespace {

std::mutex g_glfw_mutex;
int g_window_count = 0;
std::string g_last_glfw_error;

void on_glfw_error(int code, const char* description) {
  g_last_glfw_error = "GLFW error " + std::to_string(code) + ": " + description;
}

// GLFW is initialised with the first window and terminated with the last one.
core::Result<void> acquire_glfw() {
  if (g_window_count == 0) {
    glfwSetErrorCallback(on_glfw_error);
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if (glfwInit() != GLFW_TRUE) {
      const bool none =
          (display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0');
      return core::fail(std::string("no display: cannot open a window (") +
                        (none ? "DISPLAY is not set" : "the display cannot be reached") + "; " +
                        g_last_glfw_error + ")");
    }
    if (glfwVulkanSupported() != GLFW_TRUE) {
      glfwTerminate();
      return core::fail("the window system has no Vulkan loader/driver (" + g_last_glfw_error +
                        ")");
    }
  }
  ++g_window_count;
  return {};
}

void release_glfw() {
  if (--g_window_count == 0) glfwTerminate();
}

}  // namespace

struct WindowCallbacks {
  static Window* self(GLFWwindow* w) { return static_cast<Window*>(glfwGetWindowUserPointer(w)); }
  static void key(GLFWwindow* w, int key, int, int action, int) {
    if (action != GLFW_REPEAT) self(w)->input_.set_key(key, action == GLFW_PRESS);
  }
  static void button(GLFWwindow* w, int button, int action, int) {
    self(w)->input_.set_button(button, action == GLFW_PRESS);
  }
  static void cursor(GLFWwindow* w, double x, double y) { self(w)->input_.set_cursor(x, y); }
  static void scroll(GLFWwindow* w, double, double dy) { self(w)->input_.add_wheel(dy); }
  static void resize(GLFWwindow* w, int, int) { self(w)->resized_ = true; }
};

core::Result<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
  std::lock_guard lock(g_glfw_mutex);
  if (auto ok = acquire_glfw(); !ok) return std::unexpected(ok.error());
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* handle =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (handle == nullptr) {
    release_glfw();
    return core::fail("cannot create a window: " + g_last_glfw_error);
  }
  std::unique_ptr<Window> window(new Window(handle));
  glfwSetWindowUserPointer(handle, window.get());
  glfwSetKeyCallback(handle, WindowCallbacks::key);
  glfwSetMouseButtonCallback(handle, WindowCallbacks::button);
  glfwSetCursorPosCallback(handle, WindowCallbacks::cursor);
  glfwSetScrollCallback(handle, WindowCallbacks::scroll);
  glfwSetFramebufferSizeCallback(handle, WindowCallbacks::resize);
  double x = 0, y = 0;
  glfwGetCursorPos(handle, &x, &y);
  window->input_.set_cursor(x, y);
  return window;
}

Window::Window(GLFWwindow* window) : window_(window) {}

Window::~Window() {
  std::lock_guard lock(g_glfw_mutex);
  glfwDestroyWindow(window_);
  release_glfw();
}

void Window::poll() {
  input_.begin_frame();
  glfwPollEvents();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_) == GLFW_TRUE; }
void Window::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

std::uint32_t Window::framebuffer_width() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return static_cast<std::uint32_t>(w);
}

std::uint32_t Window::framebuffer_height() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return static_cast<std::uint32_t>(h);
}

bool Window::consume_resized() {
  const bool r = resized_;
  resized_ = false;
  return r;
}

void Window::set_size(int width, int height) { glfwSetWindowSize(window_, width, height); }
void Window::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

std::vector<std::string> Window::required_vulkan_instance_extensions() {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < count && names != nullptr; ++i) out.emplace_back(names[i]);
  return out;
}

}  // namespace txr::platform
