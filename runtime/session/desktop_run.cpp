#include "session/desktop_run.hpp"

#include <imgui.h>

#include <chrono>
#include <deque>
#include <thread>

#include "assets/model_cache.hpp"
#include "physics/interaction.hpp"
#include "platform/window.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/renderer.hpp"
#include "render/vulkan_context.hpp"
#include "render/window_target.hpp"
#include "session/desktop_input.hpp"
#include "session/session_view.hpp"
#include "session/xr_hud.hpp"
#include "ui/instrument_panel.hpp"
#include "ui/trainee_hud.hpp"

namespace txr::session {
namespace {
constexpr float k_fov_y_rad = 1.0f;
}  // namespace

core::Result<DesktopRunSummary> run_desktop(Session& session, input::ScriptedTrainee* trainee,
                                            const DesktopRunOptions& options) {
  const scenario::Scenario& sc = session.scenario();
  auto window = platform::Window::create({.title = "TradeXR - " + sc.meta.id});
  if (!window) return std::unexpected(window.error());
  render::ContextOptions ctx_options;
  ctx_options.gpu = options.gpu;
  ctx_options.enable_validation = options.validation;
  ctx_options.enable_swapchain = true;
  ctx_options.instance_extensions = platform::Window::required_vulkan_instance_extensions();
  auto ctx = render::VulkanContext::create(ctx_options);
  if (!ctx) return std::unexpected(ctx.error());

  DesktopRunSummary summary;
  core::Result<void> status;
  {
    auto target = render::WindowTarget::create(**ctx, **window);
    if (!target) return std::unexpected(target.error());
    render::RendererOptions r_options;
    r_options.max_views = 1;
    auto renderer = render::Renderer::create(**ctx, r_options);
    if (!renderer) return std::unexpected(renderer.error());
    render::Renderer& r = **renderer;
    assets::ModelCache cache;
    auto session_view = SessionView::create(r, cache, session);
    if (!session_view) return std::unexpected(session_view.error());
    SessionView& shown = *session_view;

    ui::TraineeHud hud(options.language);
    DesktopInput desktop;
    desktop.ray_distance = [&session](glm::vec3 from, glm::vec3 dir) -> std::optional<float> {
      constexpr float k_reach_m = 3.0f;
      const glm::vec3 to = from + dir * k_reach_m;
      for (const auto& hit :
           session.scene().world->ray_cast_all({from.x, from.y, from.z}, {to.x, to.y, to.z})) {
        if (hit.body_id == physics::Interaction::hand_body_id(core::Hand::left) ||
            hit.body_id == physics::Interaction::hand_body_id(core::Hand::right)) {
          continue;
        }
        return hit.fraction * k_reach_m;
      }
      return std::nullopt;
    };
    bool hint_clicked = false;
    // Instrument controls clicked in the panel, sent one per input frame in order.
    ui::InstrumentPanel instruments(sc);
    std::deque<core::UiCommand> instrument_commands;
    r.imgui()->attach_window(**window);
    r.imgui()->add_overlay([&] {
      hud.set_break_reminder(break_reminder_minutes(session));  // vi/en from the HUD's labels
      hint_clicked = hud.draw(sc, session.engine()).hint_requested || hint_clicked;
      for (const auto& c : instruments.draw(sc, session.state(), options.language)) {
        if (trainee == nullptr) instrument_commands.push_back(c);  // a script gives its own
      }
      if (trainee == nullptr) {
        ImGui::SetNextWindowPos(ImVec2(10, 400), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowBgAlpha(0.5f);
        ImGui::Begin("##legend", nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoTitleBar);
        ImGui::TextUnformatted(desktop_legend(options.language == "vi"));
        ImGui::End();
      }
    });

    const auto wall_start = std::chrono::steady_clock::now();
    double script_done_at_s = -1.0;
    while (!(*window)->should_close()) {
      (*window)->poll();
      const auto& in = (*window)->input();
      if (in.key_pressed(platform::Key::escape)) (*window)->request_close();
      const VkExtent2D extent = (*target)->extent();

      core::InputFrame frame;
      if (trainee != nullptr) {
        frame = trainee->next(session.world_query());
        if (options.realtime) {
          std::this_thread::sleep_until(wall_start + std::chrono::duration<double>(frame.time_s));
        }
      } else {
        const double t =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        frame = desktop.next(in, t,
                             {static_cast<float>(extent.width), static_cast<float>(extent.height)},
                             k_fov_y_rad, r.imgui()->wants_mouse());
        if (hint_clicked) {
          frame.ui.kind = core::UiCommandKind::request_hint;
          hint_clicked = false;
        } else if (!instrument_commands.empty()) {
          frame.ui = instrument_commands.front();
          instrument_commands.pop_front();
        }
      }
      if (options.on_frame && core::is_valid(frame)) options.on_frame(frame);  // as run_scripted
      session.update(frame);
      ++summary.frames;
      summary.session_time_s = frame.time_s;

      shown.update(session, frame);  // bodies at their interpolated poses, the grip marked

      render::View view;
      view.view = trainee != nullptr ? SessionView::head_view(frame) : desktop.camera().view();
      const float aspect =
          extent.height > 0 ? static_cast<float>(extent.width) / static_cast<float>(extent.height)
                            : 1.0f;
      view.projection = render::perspective_vk(k_fov_y_rad, aspect, 0.02f, 100.0f);

      bool last = options.max_frames > 0 && summary.frames >= options.max_frames;
      if (trainee != nullptr && trainee->finished() && script_done_at_s < 0.0) {
        script_done_at_s = frame.time_s;
      }
      if (script_done_at_s >= 0.0 && frame.time_s - script_done_at_s >= options.grace_s) {
        last = true;
      }
      if (session.ended() && trainee != nullptr) last = true;
      render::FrameOptions frame_options;
      frame_options.capture = last && !options.screenshot.empty();
      if (auto ok = r.render(**target, shown.scene(), {&view, 1}, frame_options); !ok) {
        status = std::unexpected(ok.error());
        break;
      }
      if (frame_options.capture && r.last_frame_stats().rendered) {
        auto image = r.take_capture();
        if (!image) {
          status = std::unexpected(image.error());
          break;
        }
        if (auto ok = render::write_png(options.screenshot, *image); !ok) {
          status = std::unexpected(ok.error());
          break;
        }
      }
      if (last) break;
    }
    summary.window_closed = (*window)->should_close();
    r.wait_idle();
  }
  summary.validation_messages = (*ctx)->validation_message_count();
  if (!status) return std::unexpected(status.error());
  return summary;
}

}  // namespace txr::session
