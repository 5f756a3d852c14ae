// txr-bench-render [--frames N]: figures for docs/benchmarks.md "## render".
//  1. startup: context + renderer + scene import/upload + first rendered frame read back
//     (the reference workshop, 1280x720 offscreen), cold (first) and warm (repeated in-process);
//  2. CPU time to record + submit one frame of 1,000 draws, median over N frames, with the
//     same frame of 1 draw alongside as the baseline (GPU time excluded: we time up to submit);
//  3. offscreen frames per second of the reference scene at 1280x720 (GPU included).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "render/camera.hpp"
#include "render/offscreen_target.hpp"
#include "render/scene_loader.hpp"

using namespace txr;

namespace {

render::RendererOptions bench_options() {
  render::RendererOptions o;
  o.max_views = 1;
  o.enable_imgui = false;
  return o;
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

const std::string k_scene = std::string(TXR_SOURCE_DIR) + "/assets/scenes/reference-workshop.gltf";

render::View reference_view(std::uint32_t w, std::uint32_t h) {
  render::View view;
  view.view = render::look_at({1.3f, 1.55f, 1.6f}, {-0.05f, 0.9f, 0.0f});
  view.projection =
      render::perspective_vk(0.8f, static_cast<float>(w) / static_cast<float>(h), 0.05f, 50.0f);
  return view;
}

// Everything `tradexr render` does up to having the first frame's pixels on the CPU.
double startup_to_first_frame_s() {
  const double t0 = now_s();
  auto ctx = render::VulkanContext::create({});
  auto renderer =
      ctx ? render::Renderer::create(**ctx, bench_options())
          : core::Result<std::unique_ptr<render::Renderer>>(std::unexpected(ctx.error()));
  if (!renderer) {
    std::fprintf(stderr, "bench: %s\n", renderer.error().message.c_str());
    std::exit(1);
  }
  assets::ModelCache cache;
  render::SceneLoader loader(**renderer, cache);
  const std::vector<render::ModelPlacement> placements{{k_scene, glm::mat4(1.0f)}};
  auto loaded = loader.load(placements);
  auto target = render::OffscreenTarget::create(**ctx, {1280, 720});
  if (!loaded || !target) std::exit(1);
  const render::View view = reference_view(1280, 720);
  render::FrameOptions options;
  options.capture = true;
  if (!(*renderer)->render(**target, loaded->scene, {&view, 1}, options) ||
      !(*renderer)->take_capture())
    std::exit(1);
  return now_s() - t0;
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 200;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--frames") == 0) frames = std::max(10, std::atoi(argv[i + 1]));
  }
  const double cold = startup_to_first_frame_s();
  std::vector<double> warm;
  for (int i = 0; i < 3; ++i) warm.push_back(startup_to_first_frame_s());
  std::printf(
      "startup to first frame (reference scene, 1280x720): cold %.0f ms, warm median %.0f ms\n",
      cold * 1e3, median(warm) * 1e3);

  auto ctx = render::VulkanContext::create({});
  if (!ctx) return 1;
  auto renderer = render::Renderer::create(**ctx, bench_options());
  if (!renderer) return 1;
  render::Renderer& r = **renderer;
  assets::ModelCache cache;
  render::SceneLoader loader(r, cache);
  const std::vector<render::ModelPlacement> placements{{k_scene, glm::mat4(1.0f)}};
  auto loaded = loader.load(placements);
  if (!loaded) return 1;

  // 1,000 draws: the scene's parts repeated on a grid (different meshes and materials, so
  // binds change as in a real scene), rendered small so the GPU side does not dominate.
  render::Scene many;
  for (int i = 0; many.instances.size() < 1000; ++i) {
    for (const auto& inst : loaded->scene.instances) {
      if (many.instances.size() >= 1000) break;
      render::Instance copy = inst;
      copy.T_world_model =
          glm::translate(glm::mat4(1.0f), glm::vec3(static_cast<float>(i % 10) * 2.0f, 0,
                                                    static_cast<float>(i / 10) * 2.0f)) *
          inst.T_world_model;
      many.instances.push_back(copy);
    }
  }
  render::Scene one;
  one.instances.push_back(loaded->scene.instances.front());
  auto small = render::OffscreenTarget::create(**ctx, {64, 64});
  if (!small) return 1;
  const render::View small_view = reference_view(64, 64);
  struct Timing {
    double wall_ms, cpu_ms;
  };
  auto time_frames = [&](const render::Scene& scene) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < frames; ++i) {
      if (!r.render(**small, scene, {&small_view, 1})) std::exit(1);
      wall.push_back(r.last_frame_stats().record_submit_ms);
      cpu.push_back(r.last_frame_stats().record_submit_cpu_ms);
    }
    return Timing{median(wall), median(cpu)};
  };
  time_frames(many);  // warm-up
  const Timing one_t = time_frames(one);
  const Timing many_t = time_frames(many);
  std::printf(
      "record+submit, median of %d frames (GPU excluded): 1 draw %.3f ms wall / %.3f ms thread "
      "CPU, "
      "1000 draws %.3f ms wall / %.3f ms thread CPU\n",
      frames, one_t.wall_ms, one_t.cpu_ms, many_t.wall_ms, many_t.cpu_ms);

  auto big = render::OffscreenTarget::create(**ctx, {1280, 720});
  if (!big) return 1;
  const render::View view = reference_view(1280, 720);
  for (int i = 0; i < 5; ++i) r.render(**big, loaded->scene, {&view, 1});
  r.wait_idle();
  const int fps_frames = std::max(20, frames / 4);
  const double t0 = now_s();
  for (int i = 0; i < fps_frames; ++i) {
    if (!r.render(**big, loaded->scene, {&view, 1})) return 1;
  }
  r.wait_idle();
  const double elapsed = now_s() - t0;
  std::printf("offscreen reference scene 1280x720 on %s: %.1f fps (%d frames, %.2f ms/frame)\n",
              (*ctx)->device_info().name.c_str(), fps_frames / elapsed, fps_frames,
              elapsed * 1e3 / fps_frames);
  return 0;
}
