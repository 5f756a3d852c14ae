// Runs under xvfb-run (see CMakeLists.txt): a real X window through GLFW.
#include <doctest/doctest.h>

#include "platform/time.hpp"
#include "platform/window.hpp"

TEST_CASE("[platform] a window opens with the requested framebuffer size") {
  auto window =
      txr::platform::Window::create({.title = "platform test", .width = 320, .height = 240});
  REQUIRE(window.has_value());
  (*window)->poll();
  CHECK((*window)->framebuffer_width() == 320);
  CHECK((*window)->framebuffer_height() == 240);
  CHECK_FALSE((*window)->should_close());
  CHECK_FALSE(txr::platform::Window::required_vulkan_instance_extensions().empty());
}

TEST_CASE("[platform] resizing the window is reported once") {
  auto window = txr::platform::Window::create({.width = 320, .height = 240});
  REQUIRE(window.has_value());
  auto& w = **window;
  w.poll();
  w.consume_resized();
  w.set_size(400, 300);
  txr::platform::Stopwatch watch;
  bool resized = false;
  while (!resized && watch.elapsed_s() < 5.0) {  // the X server answers asynchronously
    w.poll();
    resized = w.consume_resized();
  }
  CHECK(resized);
  CHECK(w.framebuffer_width() == 400);
  CHECK_FALSE(w.consume_resized());
}

TEST_CASE("[platform] request_close makes the window ask to close") {
  auto window = txr::platform::Window::create({.width = 64, .height = 64});
  REQUIRE(window.has_value());
  (*window)->request_close();
  CHECK((*window)->should_close());
}
