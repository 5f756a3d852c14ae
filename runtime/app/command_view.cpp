// `tradexr view <scene>`: opens a window with an orbit camera and an ImGui overlay (FPS and a
// legend). Left drag orbits, wheel zooms, F12 saves a screenshot (with --screenshot), Esc closes.
#include <imgui.h>

#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <numeric>

#include "app/command_registry.hpp"
#include "platform/time.hpp"
#include "platform/window.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/scene_loader.hpp"
#include "render/window_target.hpp"

namespace txr::app {
namespace {

struct ViewOptions {
  std::string scene;
  int frames = 0;  // 0: until closed
  std::string screenshot;
  std::string gpu;
  bool validation = false;
};

constexpr float k_fov_y_rad = 0.8f;

int fail(const std::string& message) {
  std::cerr << "tradexr view: error: " << message << "\n";
  return 1;
}

// Frame-time average over the last second or so, for the overlay.
class FpsCounter {
 public:
  void add(double dt_s) {
    samples_.push_back(dt_s);
    if (samples_.size() > 60) samples_.pop_front();
  }
  double fps() const {
    const double sum = std::accumulate(samples_.begin(), samples_.end(), 0.0);
    return sum > 0 ? static_cast<double>(samples_.size()) / sum : 0.0;
  }

 private:
  std::deque<double> samples_;
};

int run_view(const ViewOptions& o) {
  assets::ModelCache cache;
  if (auto model = cache.load(o.scene); !model) return fail(model.error().message);
  auto window = platform::Window::create(
      {.title = "TradeXR - " + std::filesystem::path(o.scene).filename().string()});
  if (!window) {
    return fail(window.error().message + "\n  hint: render it offscreen instead: tradexr render " +
                o.scene + " --out image.png");
  }
  render::ContextOptions ctx_options;
  ctx_options.gpu = o.gpu;
  ctx_options.enable_validation = o.validation;
  ctx_options.enable_swapchain = true;
  ctx_options.instance_extensions = platform::Window::required_vulkan_instance_extensions();
  auto ctx = render::VulkanContext::create(ctx_options);
  if (!ctx) return fail(ctx.error().message);
  int code = 0;
  {
    auto target = render::WindowTarget::create(**ctx, **window);
    if (!target) return fail(target.error().message);
    render::RendererOptions r_options;
    r_options.max_views = 1;
    auto renderer = render::Renderer::create(**ctx, r_options);
    if (!renderer) return fail(renderer.error().message);
    render::Renderer& r = **renderer;
    render::SceneLoader loader(r, cache);
    const std::vector<render::ModelPlacement> placements{{o.scene, glm::mat4(1.0f)}};
    auto loaded = loader.load(placements);
    if (!loaded) return fail(loaded.error().message);
    for (const auto& w : loaded->warnings) std::cerr << "tradexr view: warning: " << w << "\n";

    render::OrbitCamera camera =
        render::default_camera_for(loaded->focus_min, loaded->focus_max, k_fov_y_rad);
    const float extent_m = glm::length(loaded->bounds_max - loaded->bounds_min);
    FpsCounter fps;
    const std::string device = (*ctx)->device_info().name;
    r.imgui()->attach_window(**window);
    r.imgui()->add_overlay([&] {
      ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_Always);
      ImGui::SetNextWindowBgAlpha(0.6f);
      ImGui::Begin("TradeXR", nullptr,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoSavedSettings);
      ImGui::Text("%.1f FPS  (%s)", fps.fps(), device.c_str());
      ImGui::Text("%zu objects", loaded->scene.instances.size());
      ImGui::Separator();
      ImGui::TextUnformatted("Left drag: orbit / Xoay");
      ImGui::TextUnformatted("Wheel: zoom / Thu phóng");
      ImGui::TextUnformatted("F12: screenshot / Chụp màn hình");
      ImGui::TextUnformatted("Esc: close / Đóng");
      ImGui::End();
    });

    platform::Stopwatch clock;
    bool save_next = false;
    for (int frame = 0; !(*window)->should_close(); ++frame) {
      (*window)->poll();
      const auto& in = (*window)->input();
      if (in.key_pressed(platform::Key::escape)) (*window)->request_close();
      if (in.key_pressed(platform::Key::f12)) save_next = true;
      if (!r.imgui()->wants_mouse()) {
        if (in.button_down(platform::MouseButton::left)) {
          camera.orbit(static_cast<float>(in.cursor_dx()), static_cast<float>(in.cursor_dy()));
        }
        camera.zoom(static_cast<float>(in.wheel()));
      }
      const bool last = o.frames > 0 && frame + 1 >= o.frames;
      const bool closing = (*window)->should_close();
      const double dt = clock.elapsed_s();
      clock.restart();
      fps.add(dt);
      const VkExtent2D extent = (*target)->extent();
      render::View view;
      view.view = camera.view();
      const float aspect =
          extent.height > 0 ? static_cast<float>(extent.width) / static_cast<float>(extent.height)
                            : 1.0f;
      view.projection =
          render::perspective_vk(k_fov_y_rad, aspect, std::max(0.01f, extent_m * 0.001f),
                                 std::max(100.0f, extent_m * 10.0f));
      render::FrameOptions options;
      options.dt_s = static_cast<float>(dt);
      options.capture = !o.screenshot.empty() && (save_next || last || closing);
      if (auto ok = r.render(**target, loaded->scene, {&view, 1}, options); !ok) {
        code = fail(ok.error().message);
        break;
      }
      if (options.capture && r.last_frame_stats().rendered) {
        auto image = r.take_capture();
        if (!image) {
          code = fail(image.error().message);
          break;
        }
        if (auto ok = render::write_png(o.screenshot, *image); !ok) {
          code = fail(ok.error().message);
          break;
        }
        std::cout << std::filesystem::absolute(o.screenshot).string() << "\n";
        save_next = false;
      }
      if (last) break;
    }
    r.wait_idle();
  }
  if (o.validation && (*ctx)->validation_message_count() > 0) {
    std::cerr << "tradexr view: " << (*ctx)->validation_message_count()
              << " validation message(s)\n";
    return code != 0 ? code : 3;
  }
  return code;
}

void add_view_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<ViewOptions>();
  auto* cmd =
      root.add_subcommand("view", "Open a model or scene in a window (orbit camera, Esc closes)");
  cmd->add_option("scene", o->scene, "Model or scene file (.gltf, .glb, .obj)")->required();
  cmd->add_option("--frames", o->frames, "Close after this many frames (0: run until closed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--screenshot", o->screenshot,
                  "Save the last frame (and F12 presses) to this PNG");
  cmd->add_option("--gpu", o->gpu, "GPU index or name substring (default: prefer a discrete GPU)");
  cmd->add_flag("--validation", o->validation,
                "Enable the Vulkan validation layer (exit 3 on messages)");
  cmd->callback([o, &context] { context.exit_code = run_view(*o); });
}

const bool k_registered = register_command("view", add_view_command);

}  // namespace
}  // namespace txr::app
