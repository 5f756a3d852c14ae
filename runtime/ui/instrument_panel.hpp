#pragma once
// InstrumentPanel: the trainee's view of the scenario's instruments and their controls, next to
// the HUD. What a real instrument shows (the meter's display, the wrench's dialled torque, the
// caliper and micrometer scales drawn large enough to read) and the controls it has (the meter's
// mode selector, setting the wrench, zeroing, recording a reading, the ratchet, accepting or
// rejecting the part). It only reads the state table; what the trainee does comes back as
// UiCommands, recorded like any other input.
#include <string>
#include <string_view>
#include <vector>

#include "core/input_frame.hpp"
#include "scenario/scenario.hpp"
#include "scenario/state_table.hpp"

namespace txr::ui {

enum class InstrumentKind { multimeter, torque_wrench, caliper, micrometer, measured_part };

struct Instrument {
  InstrumentKind kind = InstrumentKind::multimeter;
  std::int32_t object = -1;  // index in scenario.objects
  std::string id;
  std::string label_key;
  double resolution_mm = 0.02;           // caliper / micrometer
  double min_nm = 20.0, max_nm = 100.0;  // torque wrench
};

// A control as drawn in the last frame: where it was on screen and what clicking it sends.
// Lets a controller ray (XR) or a test find a control without knowing the layout.
struct DrawnControl {
  std::string name;  // e.g. "meter.mode.volts_ac", "caliper.record", "shaft.accept"
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class InstrumentPanel {
 public:
  explicit InstrumentPanel(const scenario::Scenario& scenario);
  bool empty() const { return instruments_.empty(); }
  const std::vector<Instrument>& instruments() const { return instruments_; }

  // Call between ImGui::NewFrame() and ImGui::Render(). Returns the commands the trainee gave
  // this frame, in order (the caller sends one per input frame).
  std::vector<core::UiCommand> draw(const scenario::Scenario& scenario,
                                    const scenario::StateTable& state, std::string_view language);
  const std::vector<DrawnControl>& drawn_controls() const { return drawn_; }

 private:
  std::vector<Instrument> instruments_;
  std::vector<DrawnControl> drawn_;
  std::vector<float> wrench_edit_;  // the value being dialled, per instrument
};

}  // namespace txr::ui
