// Runs under xvfb-run: frames presented through a real swapchain (lavapipe + VK_KHR_xcb_surface).
#include <doctest/doctest.h>

#include <imgui.h>

#include "gpu_fixture.hpp"
#include "platform/time.hpp"
#include "platform/window.hpp"
#include "render/camera.hpp"
#include "render/window_target.hpp"

using namespace txr;

namespace {

struct WindowRig {
  std::unique_ptr<platform::Window> window;
  std::unique_ptr<render::VulkanContext> ctx;
  std::unique_ptr<render::WindowTarget> target;
  std::unique_ptr<render::Renderer> renderer;
  ~WindowRig() {  // order: renderer, swapchain, device, then the window
    renderer.reset();
    target.reset();
    ctx.reset();
    window.reset();
  }
};

void make(WindowRig& rig, int w, int h) {
  auto window = platform::Window::create({.title = "render test", .width = w, .height = h});
  REQUIRE_MESSAGE(window.has_value(), (window ? "" : window.error().message));
  rig.window = std::move(*window);
  auto options = test::validated_options();
  options.enable_swapchain = true;
  options.instance_extensions = platform::Window::required_vulkan_instance_extensions();
  auto ctx = render::VulkanContext::create(options);
  REQUIRE_MESSAGE(ctx.has_value(), (ctx ? "" : ctx.error().message));
  rig.ctx = std::move(*ctx);
  auto target = render::WindowTarget::create(*rig.ctx, *rig.window);
  REQUIRE_MESSAGE(target.has_value(), (target ? "" : target.error().message));
  rig.target = std::move(*target);
  auto renderer = render::Renderer::create(*rig.ctx);
  REQUIRE(renderer.has_value());
  rig.renderer = std::move(*renderer);
}

std::size_t non_clear_pixels(const assets::Image& img) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < img.rgba8.size(); i += 4) {
    if (std::abs(img.rgba8[i] - img.rgba8[0]) + std::abs(img.rgba8[i + 1] - img.rgba8[1]) +
            std::abs(img.rgba8[i + 2] - img.rgba8[2]) >
        30) {
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("[render] frames are presented to a window and its screenshot is not blank") {
  test::ValidationWatch watch;
  {
    WindowRig rig;
    make(rig, 320, 240);
    rig.renderer->imgui()->attach_window(*rig.window);
    rig.renderer->imgui()->add_overlay([] {
      ImGui::Begin("Legend");
      ImGui::TextUnformatted("Bàn làm việc");
      ImGui::End();
    });
    assets::ModelCache cache;
    render::SceneLoader loader(*rig.renderer, cache);
    const auto placements = test::reference_scene_placements();
    auto loaded = loader.load(placements);
    REQUIRE(loaded.has_value());
    const render::View view = test::reference_view(320, 240);
    for (int i = 0; i < 4; ++i) {
      rig.window->poll();
      REQUIRE(rig.renderer->render(*rig.target, loaded->scene, {&view, 1}).has_value());
    }
    render::FrameOptions capture;
    capture.capture = true;
    REQUIRE(rig.renderer->render(*rig.target, loaded->scene, {&view, 1}, capture).has_value());
    auto shot = rig.renderer->take_capture();
    REQUIRE(shot.has_value());
    CHECK(shot->width == 320);
    CHECK(non_clear_pixels(*shot) > 320u * 240u / 5);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] resizing the window rebuilds the swapchain at the new size") {
  test::ValidationWatch watch;
  {
    WindowRig rig;
    make(rig, 320, 240);
    render::Scene scene;
    render::View view;
    view.projection = render::perspective_vk(1.0f, 1.0f, 0.1f, 10.0f);
    REQUIRE(rig.renderer->render(*rig.target, scene, {&view, 1}).has_value());
    const auto rebuilds = rig.target->rebuild_count();
    rig.window->set_size(400, 300);
    platform::Stopwatch watchdog;
    while (rig.target->extent().width != 400 && watchdog.elapsed_s() < 10.0) {
      rig.window->poll();
      REQUIRE(rig.renderer->render(*rig.target, scene, {&view, 1}).has_value());
    }
    CHECK(rig.target->rebuild_count() > rebuilds);
    CHECK(rig.target->extent().width == 400);
    render::FrameOptions capture;
    capture.capture = true;
    REQUIRE(rig.renderer->render(*rig.target, scene, {&view, 1}, capture).has_value());
    auto shot = rig.renderer->take_capture();
    REQUIRE(shot.has_value());
    CHECK(shot->width == 400);
    CHECK(shot->height == 300);
  }
  CHECK(watch.count() == 0);
}
