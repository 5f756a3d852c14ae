#pragma once
// TraineeHud: the trainee's heads-up panel, drawn with plain ImGui calls each frame from the
// step engine's state. It reads the simulation; its only output is what the trainee asked for.
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

  // Call between ImGui::NewFrame() and ImGui::Render().
  HudActions draw(const scenario::Scenario& scenario, const scenario::StepEngine& engine);

 private:
  std::string language_;
};

}  // namespace txr::ui
