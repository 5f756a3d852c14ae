#include "platform/input_state.hpp"

namespace txr::platform {

void InputState::begin_frame() {
  prev_keys_ = keys_;
  prev_buttons_ = buttons_;
  prev_cursor_x_ = cursor_x_;
  prev_cursor_y_ = cursor_y_;
  wheel_ = 0;
}

void InputState::set_key(int code, bool down) {
  if (code >= 0 && code < k_key_count) keys_[static_cast<std::size_t>(code)] = down;
}

void InputState::set_button(int button, bool down) {
  if (button >= 0 && button < k_button_count) buttons_[static_cast<std::size_t>(button)] = down;
}

void InputState::set_cursor(double x, double y) {
  cursor_x_ = x;
  cursor_y_ = y;
  if (!cursor_known_) {  // no jump on the first event
    prev_cursor_x_ = x;
    prev_cursor_y_ = y;
    cursor_known_ = true;
  }
}

}  // namespace txr::platform
