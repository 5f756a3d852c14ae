#include "session/desktop_run.hpp"

#include <imgui.h>

#include <chrono>
#include <glm/gtc/matrix_transform.hpp>
#include <thread>

#include "assets/model_cache.hpp"
#include "input/pose_math.hpp"
#include "platform/window.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/renderer.hpp"
#include "render/scene_loader.hpp"
#include "render/vulkan_context.hpp"
#include "render/window_target.hpp"
#include "session/desktop_input.hpp"
#include "ui/trainee_hud.hpp"

namespace txr::session {
namespace {

constexpr float k_fov_y_rad = 1.0f;

glm::mat4 matrix_of(const core::Pose& p, double scale) {
  const glm::dvec3 t = input::position_of(p);
  const glm::dquat q = input::rotation_of(p);
  glm::mat4 m = glm::mat4_cast(glm::quat(q));
  m[3] = glm::vec4(glm::vec3(t), 1.0f);
  return glm::scale(m, glm::vec3(static_cast<float>(scale)));
}

// Each render instance remembers which object it belongs to and where it sits in the object.
struct InstanceLink {
  std::size_t object = 0;
  glm::mat4 T_object_instance{1.0f};
};

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
    render::SceneLoader loader(r, cache);

    // Load each object on its own so every instance can follow its body.
    render::Scene scene;
    std::vector<InstanceLink> links;
    for (std::size_t i = 0; i < sc.objects.size(); ++i) {
      const auto& object = sc.objects[i];
      const auto pose = session.scene().world->body_pose(object.id);
      if (!pose) continue;
      const glm::mat4 T_world_object = matrix_of(*pose, object.transform.scale);
      const render::ModelPlacement placement{object.model.resolved, T_world_object};
      auto loaded = loader.load({&placement, 1});
      if (!loaded) return std::unexpected(loaded.error());
      if (scene.instances.empty()) {
        scene.sun = loaded->scene.sun;
        scene.clear_color = loaded->scene.clear_color;
      }
      const glm::mat4 inverse_object = glm::inverse(T_world_object);
      for (const auto& inst : loaded->scene.instances) {
        scene.instances.push_back(inst);
        links.push_back({i, inverse_object * inst.T_world_model});
      }
    }

    ui::TraineeHud hud(options.language);
    DesktopInput desktop;
    bool hint_clicked = false;
    r.imgui()->attach_window(**window);
    r.imgui()->add_overlay([&] {
      hint_clicked = hud.draw(sc, session.engine()).hint_requested || hint_clicked;
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
        if (hint_clicked) frame.ui.kind = core::UiCommandKind::request_hint;
        hint_clicked = false;
      }
      if (options.on_frame) options.on_frame(frame);
      session.update(frame);
      ++summary.frames;
      summary.session_time_s = frame.time_s;

      // Bodies at their interpolated poses; the hand ray as a debug line.
      for (std::size_t k = 0; k < links.size(); ++k) {
        const auto& object = sc.objects[links[k].object];
        if (const auto pose = session.scene().world->render_pose(object.id)) {
          scene.instances[k].T_world_model =
              matrix_of(*pose, object.transform.scale) * links[k].T_object_instance;
        }
      }
      scene.lines.clear();
      const auto& grip = frame.hand(core::Hand::right).T_world_grip;
      const glm::vec3 g(grip.position_m[0], grip.position_m[1], grip.position_m[2]);
      scene.add_line(g - glm::vec3(0.02f, 0, 0), g + glm::vec3(0.02f, 0, 0), {1, 0.8f, 0.1f, 1});
      scene.add_line(g - glm::vec3(0, 0.02f, 0), g + glm::vec3(0, 0.02f, 0), {1, 0.8f, 0.1f, 1});
      scene.add_line(g - glm::vec3(0, 0, 0.02f), g + glm::vec3(0, 0, 0.02f), {1, 0.8f, 0.1f, 1});

      render::View view;
      view.view =
          trainee != nullptr
              ? render::look_at({frame.T_world_head.position_m[0], frame.T_world_head.position_m[1],
                                 frame.T_world_head.position_m[2]},
                                {0.0f, 0.9f, 0.0f})
              : desktop.camera().view();
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
      if (auto ok = r.render(**target, scene, {&view, 1}, frame_options); !ok) {
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
