#include <doctest/doctest.h>

#include "platform/input_state.hpp"

using txr::platform::InputState;
using txr::platform::Key;
using txr::platform::MouseButton;

TEST_CASE("[platform] a key press shows as pressed for one frame and down while held") {
  InputState s;
  s.begin_frame();
  s.set_key(static_cast<int>(Key::escape), true);
  CHECK(s.key_pressed(Key::escape));
  CHECK(s.key_down(Key::escape));
  s.begin_frame();
  CHECK_FALSE(s.key_pressed(Key::escape));
  CHECK(s.key_down(Key::escape));
  s.set_key(static_cast<int>(Key::escape), false);
  CHECK(s.key_released(Key::escape));
}

TEST_CASE("[platform] cursor motion and wheel are per frame") {
  InputState s;
  s.set_cursor(100, 50);  // first event: no jump
  CHECK(s.cursor_dx() == 0.0);
  s.begin_frame();
  s.set_cursor(110, 45);
  s.add_wheel(1.0);
  s.set_button(static_cast<int>(MouseButton::left), true);
  CHECK(s.cursor_dx() == 10.0);
  CHECK(s.cursor_dy() == -5.0);
  CHECK(s.wheel() == 1.0);
  CHECK(s.button_pressed(MouseButton::left));
  s.begin_frame();
  CHECK(s.cursor_dx() == 0.0);
  CHECK(s.wheel() == 0.0);
  CHECK(s.button_down(MouseButton::left));
  CHECK_FALSE(s.button_pressed(MouseButton::left));
}

TEST_CASE("[platform] out-of-range key codes are ignored") {
  InputState s;
  s.set_key(-1, true);
  s.set_key(100000, true);
  s.set_button(99, true);
  CHECK_FALSE(s.key_down(Key::space));
}

TEST_CASE("[platform] a tap shorter than one frame still counts as a press") {
  InputState in;
  in.begin_frame();
  in.set_key(static_cast<int>(Key::h), true);
  in.set_key(static_cast<int>(Key::h), false);  // down and up between two polls
  in.set_button(0, true);
  in.set_button(0, false);
  CHECK(in.key_pressed(Key::h));
  CHECK(in.key_released(Key::h));
  CHECK_FALSE(in.key_down(Key::h));
  CHECK(in.button_pressed(MouseButton::left));
  in.begin_frame();
  CHECK_FALSE(in.key_pressed(Key::h));
  CHECK_FALSE(in.button_pressed(MouseButton::left));
}
