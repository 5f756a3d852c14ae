#pragma once
// TraineeHud: the trainee's heads-up panel, drawn with plain ImGui calls each frame from the
// step engine's state. It reads the simulation; its only output is what the trainee asked for.
#include <optional>
#include <string>

#include "scenario/scenario.hpp"
#include "scenario/step_engine.hpp"

namespace txr::ui {

struct HudActions {
  bool hint_requested = false;  // the trainee pressed the hint button (practice mode)
};

class TraineeHud {
 public:
  explicit TraineeHud(std::string language = "vi") : language_(std::move(language)) {}
  void set_language(std::string language) { language_ = std::move(language); }
  const std::string& language() const { return language_; }
  // Shows "you have trained N minutes, take a break" (N = the session minutes at the reminder)
  // in a window of its own at the top of the display; nullopt hides it.
  void set_break_reminder(std::optional<int> minutes) { break_minutes_ = minutes; }
  // The headset HUD puts its hint button in the menu bar (HudMenu) instead.
  void set_hint_button(bool shown) { hint_button_ = shown; }

  // Call between ImGui::NewFrame() and ImGui::Render().
  HudActions draw(const scenario::Scenario& scenario, const scenario::StepEngine& engine);

 private:
  void draw_break_reminder() const;

  std::string language_;
  std::optional<int> break_minutes_;
  bool hint_button_ = true;
};

}  // namespace txr::ui
