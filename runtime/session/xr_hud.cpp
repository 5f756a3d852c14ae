#include "session/xr_hud.hpp"

#include <imgui.h>

#include <cfloat>
#include <cmath>

namespace txr::session {
namespace {

// A press starts above this and ends below the lower value (no chatter at the threshold).
constexpr float k_press = 0.5f;
constexpr float k_release = 0.35f;

bool pressed(float value, bool was_down) {
  return was_down ? value >= k_release : value >= k_press;
}

}  // namespace

// The minutes trained at the last break reminder, while the reminder is showing.
std::optional<int> break_reminder_minutes(const Session& session) {
  if (!session.break_reminder_showing()) return std::nullopt;
  const auto& events = session.events();
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->type == "break_reminder") return static_cast<int>(std::lround(it->time_s / 60.0));
  }
  return std::nullopt;
}

XrHud::XrHud(render::Renderer& renderer, const Session& session, const XrHudOptions& options)
    : renderer_(renderer),
      session_(session),
      options_(options),
      panel_(options.panel),
      hud_(options.language),
      instruments_(session.scenario()),
      menu_(options.language) {
  hud_.set_hint_button(false);  // the menu bar has a big one
}

core::Result<std::unique_ptr<XrHud>> XrHud::create(xr::Headset& headset, render::VulkanContext& vk,
                                                   render::Renderer& renderer,
                                                   VkFormat color_format, const Session& session,
                                                   const XrHudOptions& options) {
  if (renderer.imgui() == nullptr) return core::fail("the XR HUD needs the renderer's ImGui layer");
  std::unique_ptr<XrHud> hud(new XrHud(renderer, session, options));
  auto target = xr::QuadLayerTarget::create(headset, vk, color_format,
                                            {options.panel.width_px, options.panel.height_px});
  if (!target) return std::unexpected(target.error());
  hud->target_ = std::move(*target);
  hud->overlay_ = renderer.imgui()->add_overlay([h = hud.get()] { h->draw(); });
  return hud;
}

XrHud::~XrHud() {
  if (renderer_.imgui() != nullptr) renderer_.imgui()->remove_overlay(overlay_);
}

void XrHud::follow(const xr::Comfort& comfort, const core::Pose& T_app_head) {
  if (!comfort.recentered() || comfort.recenters() == placed_at_recenter_) return;
  panel_.place(T_app_head);
  placed_at_recenter_ = comfort.recenters();
}

void XrHud::point(const xr::ControllerHand& hand) {
  hit_.reset();
  if (!options_.interactive) return;
  if (hand.aim_valid) {
    const float p[3] = {hand.aim.position.x, hand.aim.position.y, hand.aim.position.z};
    const float q[4] = {hand.aim.orientation.x, hand.aim.orientation.y, hand.aim.orientation.z,
                        hand.aim.orientation.w};
    T_app_aim_ = xr::to_core_pose(p, q);
    hit_ = panel_.hit(T_app_aim_);
  }
  // A press belongs to the HUD when it starts with the ray on the panel, and stays the HUD's
  // until released even if the ray slides off (and the other way round for the world).
  const auto track = [&](Owner& owner, float value) {
    const bool down = pressed(value, owner != Owner::none);
    if (!down) {
      owner = Owner::none;
    } else if (owner == Owner::none) {
      owner = hit_ ? Owner::hud : Owner::world;
    }
  };
  track(trigger_owner_, hand.trigger);
  track(squeeze_owner_, hand.squeeze);  // the simple controller's select is bound to squeeze
  mouse_down_ = trigger_owner_ == Owner::hud || squeeze_owner_ == Owner::hud;
}

void XrHud::filter(core::InputFrame& frame) {
  core::HandInput& hand = frame.hand(options_.dominant);
  if (trigger_owner_ == Owner::hud) hand.trigger = 0.0f;
  if (squeeze_owner_ == Owner::hud) hand.squeeze = 0.0f;
  if (frame.ui.kind == core::UiCommandKind::none && !commands_.empty()) {
    frame.ui = commands_.front();
    commands_.pop_front();
  }
}

XrHudRequests XrHud::take_requests() {
  const XrHudRequests out = requests_;
  requests_ = {};
  return out;
}

void XrHud::draw() {
  const scenario::Scenario& sc = session_.scenario();
  const scenario::StepEngine& engine = session_.engine();
  hud_.set_break_reminder(break_reminder_minutes(session_));
  hud_.draw(sc, engine);
  auto instrument = instruments_.draw(sc, session_.state(), options_.language);
  const bool running = engine.outcome() == scenario::Outcome::running;
  const bool hints = sc.settings(engine.mode()).hints && running;
  const ui::HudMenuActions a = menu_.draw(hints, paused_);
  if (options_.interactive) {
    for (const auto& c : instrument) commands_.push_back(c);
    if (a.hint) commands_.push_back({core::UiCommandKind::request_hint, -1, 0.0f});
    if (a.pause_toggled) paused_ = !paused_;
    requests_.recentre = requests_.recentre || a.recentre;
    requests_.exit = requests_.exit || a.exit;
    const bool any = !instrument.empty() || a.hint || a.pause_toggled || a.recentre || a.exit;
    if (any) ++clicks_;
  }
  if (hit_) ui::draw_ray_cursor(ImVec2(hit_->x_px, hit_->y_px), mouse_down_);
}

core::Result<void> XrHud::render(render::Renderer& renderer, float dt_s) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = hit_ ? ImVec2(hit_->x_px, hit_->y_px) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = mouse_down_;
  render::Scene empty;  // only the ImGui pass draws, over a transparent clear
  empty.clear_color = glm::vec4(0.0f);
  render::View view;
  render::FrameOptions frame_options;
  frame_options.draw_imgui = true;
  frame_options.dt_s = dt_s;
  if (auto ok = renderer.render(*target_, empty, {&view, 1}, frame_options); !ok) return ok;
  if (renderer.last_frame_stats().rendered) ++frames_drawn_;
  return {};
}

const XrCompositionLayerBaseHeader* XrHud::layer(XrSpace space) {
  if (!panel_.placed() || !target_->has_image()) return nullptr;
  return target_->layer(space, panel_.T_app_panel(), panel_.width_m(), panel_.height_m());
}

}  // namespace txr::session
