#pragma once
// XrHud: the trainee HUD in the headset. The same TraineeHud and InstrumentPanel as desktop mode
// (plus a menu bar: hint, pause, recentre, exit) are drawn with ImGui into a texture that the
// runtime shows as a quad layer hanging in front of the trainee (xr::HudPanel). The dominant
// controller's aim ray is the mouse: where it meets the panel ImGui gets the pointer and a
// cursor is drawn; a trigger (or select) press that starts on the panel is a click and is taken
// out of the InputFrame, so pressing a button never also grabs or pokes something in the world.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "render/renderer.hpp"
#include "session/session.hpp"
#include "ui/hud_menu.hpp"
#include "ui/instrument_panel.hpp"
#include "ui/trainee_hud.hpp"
#include "xr/comfort.hpp"
#include "xr/controller_actions.hpp"
#include "xr/headset.hpp"
#include "xr/hud_panel.hpp"
#include "xr/quad_layer_target.hpp"

namespace txr::session {

struct XrHudOptions {
  std::string language = "vi";
  xr::HudPanelOptions panel;
  core::Hand dominant = core::Hand::right;  // whose aim ray operates the HUD
  bool interactive = true;                  // false: shown only (a script drives the trainee)
};

// What the trainee asked the run loop for with the HUD since the last call.
struct XrHudRequests {
  bool recentre = false;
  bool exit = false;
};

// The minutes trained at the last break reminder while the HUD shows it (desktop mode too).
std::optional<int> break_reminder_minutes(const Session& session);

class XrHud {
 public:
  // Creates the quad swapchain (in `color_format`, a format the runtime offers) and registers
  // the HUD as an overlay of the renderer's ImGui layer (the renderer must have ImGui enabled).
  static core::Result<std::unique_ptr<XrHud>> create(xr::Headset& headset,
                                                     render::VulkanContext& vk,
                                                     render::Renderer& renderer,
                                                     VkFormat color_format, const Session& session,
                                                     const XrHudOptions& options);
  ~XrHud();
  XrHud(const XrHud&) = delete;
  XrHud& operator=(const XrHud&) = delete;

  // Hangs the panel in front of the head at the first frame and after every recentering.
  void follow(const xr::Comfort& comfort, const core::Pose& T_app_head);
  // The dominant controller this frame (app space): ray, cursor, which presses are the HUD's.
  void point(const xr::ControllerHand& hand);
  // Takes the HUD's presses out of the trainee's frame and adds the next queued HUD command
  // (hint, instrument control) when the frame carries none.
  void filter(core::InputFrame& frame);
  XrHudRequests take_requests();
  bool paused() const { return paused_; }
  // The ray from the controller to the panel (app space) while it points at the panel.
  const std::optional<xr::PanelHit>& hit() const { return hit_; }
  const core::Pose& T_app_aim() const { return T_app_aim_; }

  // Draws the HUD into the next swapchain image (one ImGui frame).
  core::Result<void> render(render::Renderer& renderer, float dt_s);
  // The quad layer for xrEndFrame; null before the first image was rendered.
  const XrCompositionLayerBaseHeader* layer(XrSpace space);
  const xr::HudPanel& panel() const { return panel_; }
  std::uint64_t frames_drawn() const { return frames_drawn_; }
  std::uint32_t clicks() const { return clicks_; }

 private:
  XrHud(render::Renderer& renderer, const Session& session, const XrHudOptions& options);
  void draw();

  render::Renderer& renderer_;
  const Session& session_;
  XrHudOptions options_;
  xr::HudPanel panel_;
  std::unique_ptr<xr::QuadLayerTarget> target_;
  std::uint32_t overlay_ = 0;
  ui::TraineeHud hud_;
  ui::InstrumentPanel instruments_;
  ui::HudMenu menu_;
  std::uint32_t placed_at_recenter_ = 0;

  core::Pose T_app_aim_;
  std::optional<xr::PanelHit> hit_;
  // Who a press belongs to from the moment it starts until it is released.
  enum class Owner : std::uint8_t { none, hud, world };
  Owner trigger_owner_ = Owner::none;
  Owner squeeze_owner_ = Owner::none;
  bool mouse_down_ = false;
  bool paused_ = false;
  XrHudRequests requests_;
  std::deque<core::UiCommand> commands_;
  std::uint64_t frames_drawn_ = 0;
  std::uint32_t clicks_ = 0;
};

}  // namespace txr::session
