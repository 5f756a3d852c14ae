#include "session/xr_run.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <thread>

#include "assets/model_cache.hpp"
#include "core/log.hpp"
#include "input/pose_math.hpp"
#include "render/camera.hpp"
#include "render/renderer.hpp"
#include "render/vulkan_context.hpp"
#include "session/session_view.hpp"
#include "xr/controller_actions.hpp"
#include "xr/hand_input.hpp"
#include "xr/headset.hpp"
#include "xr/swapchain_target.hpp"

namespace txr::session {
namespace {

constexpr float k_near_m = 0.02f;
constexpr float k_far_m = 100.0f;
// A runtime that never lets the session run (no READY) is given this long.
constexpr auto k_start_timeout = std::chrono::seconds(10);

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

core::Pose pose_of(const XrPosef& p) {
  const float position[3] = {p.position.x, p.position.y, p.position.z};
  const float orientation[4] = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
  return xr::to_core_pose(position, orientation);
}

glm::mat4 matrix_of(const core::Pose& p) {
  glm::mat4 m = glm::mat4_cast(glm::quat(input::rotation_of(p)));
  m[3] = glm::vec4(glm::vec3(input::position_of(p)), 1.0f);
  return m;
}

// The controllers' state as the trainee's InputFrame (poses in the world).
core::InputFrame controller_frame(const xr::ControllerActions& actions, const xr::Comfort& comfort,
                                  const core::Pose& T_app_head) {
  core::InputFrame frame;
  frame.T_world_head = comfort.to_world(T_app_head);
  for (const core::Hand h : {core::Hand::left, core::Hand::right}) {
    const xr::ControllerHand& c = actions.hand(h);
    core::HandInput& out = frame.hand(h);
    out.tracked = c.grip_valid;
    if (c.grip_valid) out.T_world_grip = comfort.to_world(pose_of(c.grip));
    out.T_world_aim = c.aim_valid ? comfort.to_world(pose_of(c.aim)) : out.T_world_grip;
    out.trigger = c.trigger;
    out.squeeze = c.squeeze;
    out.thumbstick = c.thumbstick;
    out.buttons = c.buttons;
  }
  return frame;
}

}  // namespace

core::Result<XrRunSummary> run_xr(Session& session, input::ScriptedTrainee* trainee,
                                  const XrRunOptions& options) {
  xr::HeadsetOptions headset_options;
  headset_options.app_name = "TradeXR " + session.scenario().meta.id;
  headset_options.use_depth_layer = options.depth_layer;
  headset_options.use_hand_tracking = options.hand_tracking;
  auto headset = xr::Headset::create(headset_options);
  if (!headset) return std::unexpected(headset.error());
  xr::Headset& hs = **headset;
  render::ContextOptions ctx_options;
  ctx_options.enable_validation = options.validation;
  hs.apply_vulkan_hooks(ctx_options);
  auto ctx = render::VulkanContext::create(ctx_options);
  if (!ctx) return std::unexpected(ctx.error());
  if (auto ok = hs.create_session(**ctx); !ok) return std::unexpected(ok.error());

  XrRunSummary summary;
  summary.runtime_name = hs.runtime_name();
  core::Result<void> status;
  {
    render::RendererOptions r_options;
    r_options.max_views = 2;
    r_options.enable_imgui = options.hud;  // the HUD's texture only; never over the eyes
    r_options.font_size_px = 24.0f;        // the panel is seen from 0.7 m
    auto renderer = render::Renderer::create(**ctx, r_options);
    if (!renderer) return std::unexpected(renderer.error());
    render::Renderer& r = **renderer;
    auto target = xr::SwapchainTarget::create(hs, **ctx, r.depth_format());
    if (!target) return std::unexpected(target.error());
    summary.depth_submitted = (*target)->has_depth();
    auto actions = xr::ControllerActions::create(hs);
    if (!actions) return std::unexpected(actions.error());
    for (const auto& p : (*actions)->profiles()) {
      if (p.accepted) summary.accepted_profiles.push_back(p.profile);
    }
    std::unique_ptr<xr::HandTracking> hands;  // pinch-grab where no controller is tracked
    if (hs.hand_tracking_enabled()) {
      auto created = xr::HandTracking::create(hs);
      if (!created) return std::unexpected(created.error());
      hands = std::move(*created);
    }
    summary.hand_tracking = hands != nullptr;
    std::unique_ptr<XrHud> hud;
    if (options.hud) {
      XrHudOptions hud_options = options.hud_options;
      hud_options.interactive = trainee == nullptr;  // a script gives its own UI commands
      auto created = XrHud::create(hs, **ctx, r, (*target)->color_format(), session, hud_options);
      if (!created) return std::unexpected(created.error());
      hud = std::move(*created);
    }
    assets::ModelCache cache;
    auto world = SessionView::create(r, cache, session);
    if (!world) return std::unexpected(world.error());

    xr::Comfort comfort(options.comfort);
    xr::ComfortVignette vignette(options.vignette);
    XrHaptics haptics(options.impact_threshold_n_s);
    xr::FrameTiming timing;
    const double limit_s = session.scenario().meta.time_limit_min * 60.0;
    double session_clock_s = 0.0;
    double script_done_at_s = -1.0, ended_at_s = -1.0;
    bool stop = false;
    std::uint32_t recenter_buttons = 0;
    core::Pose T_app_head;
    T_app_head.position_m = {0.0f, options.comfort.standing_eye_height_m, 0.0f};
    auto idle_since = std::chrono::steady_clock::now();

    for (;;) {
      auto polled = hs.poll_events();
      if (!polled) {
        status = std::unexpected(polled.error());
        break;
      }
      const xr::Lifecycle& life = hs.lifecycle();
      if (life.loss_pending() || polled->instance_lost) {
        core::log_warn("xr", "the runtime is losing the session (headset disconnected?)");
        summary.session_lost = true;
        break;
      }
      if (life.exiting()) break;
      if (!life.running()) {
        // IDLE (waiting for READY) or STOPPING already ended: nothing to render.
        if (std::chrono::steady_clock::now() - idle_since > k_start_timeout) {
          status = core::fail("the OpenXR runtime did not start the session within 10 s");
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        continue;
      }
      idle_since = std::chrono::steady_clock::now();

      auto frame_state = hs.wait_frame();
      if (!frame_state) {
        status = std::unexpected(frame_state.error());
        break;
      }
      const double cpu0 = thread_cpu_ms();
      if (auto ok = hs.begin_frame(); !ok) {
        status = ok;
        break;
      }
      const XrTime t = frame_state->predictedDisplayTime;
      const double period_s = static_cast<double>(frame_state->predictedDisplayPeriod) * 1e-9;
      const bool focused = life.focused();
      if (focused) {
        if (auto ok = (*actions)->sync(t); !ok) {
          status = ok;
          break;
        }
        if (auto ok = hands ? hands->locate(t) : core::Result<void>{}; !ok) {
          status = ok;
          break;
        }
      }
      if (const auto head = hs.locate_head(t)) T_app_head = pose_of(*head);
      if (!comfort.recentered()) comfort.recenter(T_app_head);
      if (hud) {
        if (focused && trainee == nullptr)
          hud->point((*actions)->hand(options.hud_options.dominant));
        const XrHudRequests asked = hud->take_requests();
        if (asked.recentre) comfort.recenter(T_app_head);
        if (asked.exit) stop = true;
        hud->follow(comfort, T_app_head);
      }

      double turn_rad = 0.0;  // artificial rotation this frame (the comfort vignette's cue)
      if (!stop) {
        if (trainee != nullptr) {
          // Exactly the headless loop (scripted_run.cpp): the script, not the runtime, decides.
          if (session.ended()) {
            stop = true;
          } else {
            const core::InputFrame frame = trainee->next(session.world_query());
            if (options.on_frame) options.on_frame(frame);
            session.update(frame);
            ++summary.frames;
            summary.session_time_s = frame.time_s;
            if (trainee->finished() && script_done_at_s < 0.0) script_done_at_s = frame.time_s;
            if (script_done_at_s >= 0.0 && frame.time_s - script_done_at_s >= options.grace_s)
              stop = true;
            if (limit_s > 0.0 && frame.time_s >= limit_s) stop = true;
          }
        } else if (focused && !(hud && hud->paused())) {
          // Input only while focused: the session pauses under a system menu.
          const auto& right = (*actions)->hand(core::Hand::right);
          const std::uint32_t clicks =
              ((*actions)->hand(core::Hand::left).buttons | right.buttons) &
              core::k_button_thumbstick;
          if (clicks != 0 && recenter_buttons == 0) comfort.recenter(T_app_head);
          recenter_buttons = clicks;
          const core::Pose T_world_app_before = comfort.T_world_app();
          comfort.update(right.thumbstick[0], period_s, T_app_head);
          turn_rad = xr::ComfortVignette::turn_between(T_world_app_before, comfort.T_world_app());
          core::InputFrame frame = controller_frame(**actions, comfort, T_app_head);
          if (hands && xr::fill_from_hands(frame, **actions, *hands, comfort) > 0)
            ++summary.hand_frames;
          frame.frame_index = summary.frames;
          frame.time_s = session_clock_s;
          session_clock_s += period_s;
          if (hud) hud->filter(frame);  // presses on the HUD do not reach the world
          if (options.on_frame) options.on_frame(frame);
          session.update(frame);
          ++summary.frames;
          summary.session_time_s = frame.time_s;
          if (session.ended() && ended_at_s < 0.0) ended_at_s = frame.time_s;
          if (ended_at_s >= 0.0 && frame.time_s - ended_at_s >= options.grace_s) stop = true;
          if (limit_s > 0.0 && frame.time_s >= limit_s) stop = true;
        }
        if (options.max_frames > 0 && summary.frames >= options.max_frames) stop = true;
        for (const auto& pulse : haptics.update(session)) {
          if (focused) {
            if (auto ok = (*actions)->vibrate(pulse.hand, xr::pulse_for(pulse.cue, pulse.strength));
                !ok) {
              core::log_warn("xr", "haptic pulse not sent: " + ok.error().message);
              continue;
            }
            ++summary.haptic_pulses;
            if (options.on_haptic) options.on_haptic(pulse);
          }
        }
      }

      std::vector<const XrCompositionLayerBaseHeader*> layers;
      if (frame_state->shouldRender == XR_TRUE) {
        auto eyes = hs.locate_views(t);
        if (!eyes) {
          status = std::unexpected(eyes.error());
          break;
        }
        if (eyes->has_value()) {
          world->follow_bodies(session);
          std::array<render::View, 2> views;
          for (std::uint32_t e = 0; e < 2; ++e) {
            const XrView& v = (**eyes)[e];
            views[e].view = glm::inverse(matrix_of(comfort.to_world(pose_of(v.pose))));
            views[e].projection = render::perspective_vk_fov(
                std::tan(v.fov.angleLeft), std::tan(v.fov.angleRight), std::tan(v.fov.angleUp),
                std::tan(v.fov.angleDown), k_near_m, k_far_m);
            views[e].target_view = e;
          }
          render::FrameOptions frame_options;
          frame_options.draw_imgui = false;
          frame_options.dt_s = static_cast<float>(period_s);
          frame_options.vignette = vignette.update(turn_rad, period_s);
          if (frame_options.vignette > 0.0f) ++summary.vignette_frames;
          if (hud) {
            if (auto ok = hud->render(r, frame_options.dt_s); !ok) {
              status = ok;
              break;
            }
          }
          const render::Scene* scene = &world->scene();
          render::Scene with_ray;  // the controller ray drawn to the HUD while it points there
          if (hud && hud->hit()) {
            with_ray = world->scene();
            const auto from = input::position_of(comfort.to_world(hud->T_app_aim()));
            const auto to = input::position_of(comfort.to_world(hud->hit()->T_app_point));
            with_ray.add_line(glm::vec3(from), glm::vec3(to), glm::vec4(0.3f, 0.8f, 1.0f, 1.0f));
            scene = &with_ray;
          }
          if (auto ok = r.render(**target, *scene, views, frame_options); !ok) {
            status = ok;
            break;
          }
          layers.push_back((*target)->projection_layer(**eyes, hs.app_space(), k_near_m, k_far_m));
          if (const auto* quad = hud ? hud->layer(hs.app_space()) : nullptr) {
            layers.push_back(quad);
            ++summary.hud_frames;
          }
          ++summary.rendered_frames;
        }
      }
      if (auto ok = hs.end_frame(t, layers); !ok) {
        status = ok;
        break;
      }
      timing.add_frame(t, frame_state->predictedDisplayPeriod, thread_cpu_ms() - cpu0);
      ++summary.xr_frames;
      if (stop && !life.exit_requested()) hs.request_exit();
    }
    r.wait_idle();
    if (hud) summary.hud_clicks = hud->clicks();
    hud.reset();  // its swapchain before the session
    summary.timing = timing.summary();
    summary.timing_json = timing.to_json();
    // Swapchains, action spaces and the action set go before the session they belong to.
    target->reset();
    actions->reset();
    hands.reset();
  }
  for (const XrSessionState s : hs.lifecycle().history()) {
    summary.states.emplace_back(xr::state_name(s));
  }
  summary.runtime_requested_exit = hs.lifecycle().runtime_requested_exit();
  hs.destroy_session();
  summary.validation_messages = (*ctx)->validation_message_count();
  ctx->reset();  // the Vulkan device and instance before the XrInstance that made them
  summary.xr_messages = hs.message_count();
  headset->reset();
  if (!status) return std::unexpected(status.error());
  return summary;
}

}  // namespace txr::session
