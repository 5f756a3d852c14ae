#pragma once
// InputState: the desktop keyboard and mouse as seen in one frame (filled by Window::poll).
#include <array>
#include <cstdint>

namespace txr::platform {

// Key codes (values equal GLFW's, checked in window.cpp).
enum class Key : int {
  space = 32,
  n0 = 48,
  n1,
  n2,
  n3,
  n4,
  n5,
  n6,
  n7,
  n8,
  n9,
  a = 65,
  b,
  c,
  d,
  e,
  f,
  g,
  h,
  i,
  j,
  k,
  l,
  m,
  n,
  o,
  p,
  q,
  r,
  s,
  t,
  u,
  v,
  w,
  x,
  y,
  z,
  escape = 256,
  enter = 257,
  tab = 258,
  backspace = 259,
  right = 262,
  left = 263,
  down = 264,
  up = 265,
  f1 = 290,
  f2 = 291,
  f12 = 301,
  left_shift = 340,
  left_control = 341,
  left_alt = 342,
};

enum class MouseButton : int { left = 0, right = 1, middle = 2 };

class InputState {
 public:
  static constexpr int k_key_count = 512;
  static constexpr int k_button_count = 8;

  bool key_down(Key key) const { return at(keys_, static_cast<int>(key)); }
  // Went down / up since the previous poll.
  // A tap shorter than one frame (down and up between two polls) still counts as a press.
  bool key_pressed(Key key) const { return at(went_down_keys_, static_cast<int>(key)); }
  bool key_released(Key key) const { return at(went_up_keys_, static_cast<int>(key)); }
  bool button_down(MouseButton b) const { return at(buttons_, static_cast<int>(b)); }
  bool button_pressed(MouseButton b) const { return at(went_down_buttons_, static_cast<int>(b)); }

  // Cursor in window pixels (origin top-left) and its motion since the previous poll.
  double cursor_x() const { return cursor_x_; }
  double cursor_y() const { return cursor_y_; }
  double cursor_dx() const { return cursor_x_ - prev_cursor_x_; }
  double cursor_dy() const { return cursor_y_ - prev_cursor_y_; }
  // Wheel notches scrolled since the previous poll (positive = away from the user).
  double wheel() const { return wheel_; }

  // Called by the window (and by tests): start a new frame, then record events.
  void begin_frame();
  void set_key(int code, bool down);
  void set_button(int button, bool down);
  void set_cursor(double x, double y);
  void add_wheel(double notches) { wheel_ += notches; }

 private:
  template <std::size_t N>
  static bool at(const std::array<bool, N>& a, int i) {
    return i >= 0 && static_cast<std::size_t>(i) < N && a[static_cast<std::size_t>(i)];
  }
  std::array<bool, k_key_count> keys_{}, prev_keys_{}, went_down_keys_{}, went_up_keys_{};
  std::array<bool, k_button_count> buttons_{}, prev_buttons_{}, went_down_buttons_{};
  double cursor_x_ = 0, cursor_y_ = 0, prev_cursor_x_ = 0, prev_cursor_y_ = 0;
  double wheel_ = 0;
  bool cursor_known_ = false;
};

}  // namespace txr::platform
