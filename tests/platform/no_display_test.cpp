#include <doctest/doctest.h>

#include <cstdlib>

#include "platform/window.hpp"

TEST_CASE("[platform] without a display the window reports it instead of crashing") {
  ::unsetenv("DISPLAY");
  ::unsetenv("WAYLAND_DISPLAY");
  auto window = txr::platform::Window::create({});
  REQUIRE_FALSE(window.has_value());
  CHECK(window.error().message.find("no display") != std::string::npos);
  CHECK(window.error().message.find("DISPLAY is not set") != std::string::npos);
  // A second attempt fails the same way (GLFW state was cleaned up).
  auto again = txr::platform::Window::create({});
  CHECK_FALSE(again.has_value());
}
