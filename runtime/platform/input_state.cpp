#include "platform/input_state.hpp"

namespace txr::platform {

void InputState::begin_frame() {
  prev_keys_ = keys_;
  prev_buttons_ = buttons_;
  went_down_keys_.fill(false);
  went_up_keys_.fill(false);
  went_down_buttons_.fill(false);
  prev_cursor_x_ = cursor_x_;
  prev_cursor_y_ = cursor_y_;
  wheel_ = 0;
}

void InputState::set_key(int code, bool down) {
  if (code < 0 || code >= k_key_count) return;
  const auto i = static_cast<std::size_t>(code);
  if (down && !keys_[i]) went_down_keys_[i] = true;
  if (!down && keys_[i]) went_up_keys_[i] = true;
  keys_[i] = down;
}

void InputState::set_button(int button, bool down) {
  if (button < 0 || button >= k_button_count) return;
  const auto i = static_cast<std::size_t>(button);
  if (down && !buttons_[i]) went_down_buttons_[i] = true;
  buttons_[i] = down;
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
