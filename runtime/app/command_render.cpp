// `tradexr render <scene> --out image.png`: renders a model or scene offscreen (no window
// needed; lavapipe works) and prints the PNG path.
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/command_registry.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/offscreen_target.hpp"
#include "render/scene_loader.hpp"

namespace txr::app {
namespace {

struct RenderOptions {
  std::string scene;
  std::string out;
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  std::string gpu;
  std::string camera;
  bool validation = false;
};

constexpr float k_fov_y_rad = 0.8f;

int run_render(const RenderOptions& o) {
  std::vector<render::ModelPlacement> placements{{o.scene, glm::mat4(1.0f)}};
  render::EyeTarget eye_target;
  if (!o.camera.empty()) {
    auto parsed = render::parse_eye_target(o.camera);
    if (!parsed) {
      std::cerr << "tradexr render: error: " << parsed.error().message << "\n";
      return 2;
    }
    eye_target = *parsed;
  }
  // Import first: a bad model file is the most likely mistake and needs no GPU to report.
  assets::ModelCache cache;
  if (auto model = cache.load(o.scene); !model) {
    std::cerr << "tradexr render: error: " << model.error().message << "\n";
    return 1;
  }
  render::ContextOptions ctx_options;
  ctx_options.gpu = o.gpu;
  ctx_options.enable_validation = o.validation;
  auto ctx = render::VulkanContext::create(ctx_options);
  if (!ctx) {
    std::cerr << "tradexr render: error: " << ctx.error().message << "\n";
    return 1;
  }
  render::RendererOptions r_options;
  r_options.max_views = 1;
  r_options.enable_imgui = false;
  auto renderer = render::Renderer::create(**ctx, r_options);
  if (!renderer) {
    std::cerr << "tradexr render: error: " << renderer.error().message << "\n";
    return 1;
  }
  render::SceneLoader loader(**renderer, cache);
  auto loaded = loader.load(placements);
  if (!loaded) {
    std::cerr << "tradexr render: error: " << loaded.error().message << "\n";
    return 1;
  }
  for (const auto& w : loaded->warnings) std::cerr << "tradexr render: warning: " << w << "\n";
  auto target = render::OffscreenTarget::create(**ctx, {o.width, o.height});
  if (!target) {
    std::cerr << "tradexr render: error: " << target.error().message << "\n";
    return 2;
  }
  render::View view;
  const float aspect = static_cast<float>(o.width) / static_cast<float>(o.height);
  if (o.camera.empty()) {
    view.view =
        render::default_camera_for(loaded->focus_min, loaded->focus_max, k_fov_y_rad).view();
  } else {
    view.view = render::look_at(eye_target.eye, eye_target.target);
  }
  const float extent_m = glm::length(loaded->bounds_max - loaded->bounds_min);
  view.projection = render::perspective_vk(k_fov_y_rad, aspect, std::max(0.01f, extent_m * 0.001f),
                                           std::max(100.0f, extent_m * 10.0f));
  render::FrameOptions frame;
  frame.capture = true;
  if (auto ok = (*renderer)->render(**target, loaded->scene, {&view, 1}, frame); !ok) {
    std::cerr << "tradexr render: error: " << ok.error().message << "\n";
    return 1;
  }
  auto image = (*renderer)->take_capture();
  if (!image) {
    std::cerr << "tradexr render: error: " << image.error().message << "\n";
    return 1;
  }
  if (auto ok = render::write_png(o.out, *image); !ok) {
    std::cerr << "tradexr render: error: " << ok.error().message << "\n";
    return 1;
  }
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(o.out, ec);
  std::cout << (ec ? std::filesystem::path(o.out) : absolute).string() << "\n";
  if ((*ctx)->validation_enabled() && (*ctx)->validation_message_count() > 0) {
    std::cerr << "tradexr render: " << (*ctx)->validation_message_count()
              << " validation message(s)\n";
    return 3;
  }
  return 0;
}

void add_render_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<RenderOptions>();
  auto* cmd = root.add_subcommand("render",
                                  "Render a model or scene (.gltf, .glb, .obj) offscreen to a PNG");
  cmd->add_option("scene", o->scene, "Model or scene file")->required();
  cmd->add_option("--out", o->out, "PNG file to write")->required();
  cmd->add_option("--width", o->width, "Image width in pixels")->check(CLI::Range(1, 16384));
  cmd->add_option("--height", o->height, "Image height in pixels")->check(CLI::Range(1, 16384));
  cmd->add_option("--gpu", o->gpu, "GPU index or name substring (default: prefer a discrete GPU)");
  cmd->add_option("--camera", o->camera, "eye_x,eye_y,eye_z,target_x,target_y,target_z in metres");
  cmd->add_flag("--validation", o->validation,
                "Enable the Vulkan validation layer (exit 3 on messages)");
  cmd->callback([o, &context] { context.exit_code = run_render(*o); });
}

const bool k_registered = register_command("render", add_render_command);

}  // namespace
}  // namespace txr::app
