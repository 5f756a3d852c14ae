#include <doctest/doctest.h>

#include <imgui.h>

#include "gpu_fixture.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/offscreen_target.hpp"

using namespace txr;
using render::OffscreenTarget;

namespace {

struct Rig {
  std::unique_ptr<render::VulkanContext> ctx;
  std::unique_ptr<render::Renderer> renderer;
};

Rig make_rig() {
  Rig rig;
  auto ctx = render::VulkanContext::create(test::validated_options());
  REQUIRE_MESSAGE(ctx.has_value(), (ctx ? "" : ctx.error().message));
  rig.ctx = std::move(*ctx);
  auto r = render::Renderer::create(*rig.ctx);
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
  rig.renderer = std::move(*r);
  return rig;
}

std::size_t count_pixels(const assets::Image& img, bool (*pred)(const std::uint8_t*)) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < img.rgba8.size(); i += 4) n += pred(&img.rgba8[i]) ? 1 : 0;
  return n;
}

assets::Image render_capture(render::Renderer& r, render::RenderTarget& target,
                             const render::Scene& scene, std::span<const render::View> views,
                             std::uint32_t capture_view = 0) {
  render::FrameOptions options;
  options.capture = true;
  options.capture_view = capture_view;
  auto ok = r.render(target, scene, views, options);
  REQUIRE_MESSAGE(ok.has_value(), (ok ? "" : ok.error().message));
  auto img = r.take_capture();
  REQUIRE(img.has_value());
  return *img;
}

}  // namespace

TEST_CASE("[render] the reference scene renders offscreen through several frames in flight") {
  test::ValidationWatch watch;
  {
    Rig rig = make_rig();
    assets::ModelCache cache;
    render::SceneLoader loader(*rig.renderer, cache);
    const auto placements = test::reference_scene_placements();
    auto loaded = loader.load(placements);
    REQUIRE(loaded.has_value());
    CHECK(loaded->scene.instances.size() > 10);
    CHECK(loaded->bounds_min.x == doctest::Approx(-3.0));  // the floor
    CHECK(loaded->focus_min.x > -1.0f);                    // the bench, not the floor
    CHECK(loaded->focus_max.y > 0.9f);
    auto target = OffscreenTarget::create(*rig.ctx, {96, 64});
    REQUIRE(target.has_value());
    const render::View view = test::reference_view(96, 64);
    for (int i = 0; i < 5; ++i)
      REQUIRE(rig.renderer->render(**target, loaded->scene, {&view, 1}).has_value());
    const auto img = render_capture(*rig.renderer, **target, loaded->scene, {&view, 1});
    CHECK(img.width == 96);
    CHECK(img.height == 64);
    CHECK(rig.renderer->last_frame_stats().draws == loaded->scene.instances.size());
    // Not just the clear colour: the bench and tools cover a good part of the picture.
    const auto clear = count_pixels(img, [](const std::uint8_t* p) {
      return std::abs(p[0] - 194) < 4 && std::abs(p[1] - 207) < 4 && std::abs(p[2] - 219) < 4;
    });
    CHECK(clear < img.width * img.height / 2);
    CHECK(rig.ctx->validation_message_count() == 0);
  }
  CHECK(watch.count() == 0);  // including clean shutdown
}

TEST_CASE("[render] debug lines are drawn on top of an empty scene") {
  test::ValidationWatch watch;
  {
    Rig rig = make_rig();
    auto target = OffscreenTarget::create(*rig.ctx, {64, 64});
    REQUIRE(target.has_value());
    render::Scene scene;
    scene.clear_color = {0, 0, 0, 1};
    for (float x = -1.0f; x <= 1.0f; x += 0.25f)
      scene.add_line({x, -1, 0}, {x, 1, 0}, {1, 0, 0, 1});
    render::View view;
    view.view = render::look_at({0, 0, 3}, {0, 0, 0});
    view.projection = render::perspective_vk(1.0f, 1.0f, 0.1f, 10.0f);
    const auto img = render_capture(*rig.renderer, **target, scene, {&view, 1});
    const auto red = count_pixels(
        img, [](const std::uint8_t* p) { return p[0] > 200 && p[1] < 30 && p[2] < 30; });
    CHECK(red > 100);
    CHECK(red < 64u * 64u / 2);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] two views into a two-layer image match two single renders (stereo shape)") {
  test::ValidationWatch watch;
  {
    Rig rig = make_rig();
    assets::ModelCache cache;
    render::SceneLoader loader(*rig.renderer, cache);
    const auto placements = test::reference_scene_placements();
    auto loaded = loader.load(placements);
    REQUIRE(loaded.has_value());
    auto stereo = OffscreenTarget::create(*rig.ctx, {64, 48}, 2);
    auto mono = OffscreenTarget::create(*rig.ctx, {64, 48}, 1);
    REQUIRE(stereo.has_value());
    REQUIRE(mono.has_value());
    render::View eyes[2] = {test::reference_view(64, 48), test::reference_view(64, 48)};
    eyes[0].view = render::look_at({1.2f, 1.55f, 1.6f}, {-0.05f, 0.9f, 0.0f});
    eyes[1].view = render::look_at({1.4f, 1.55f, 1.6f}, {-0.05f, 0.9f, 0.0f});
    eyes[1].target_view = 1;
    const auto left = render_capture(*rig.renderer, **stereo, loaded->scene, eyes, 0);
    const auto right = render_capture(*rig.renderer, **stereo, loaded->scene, eyes, 1);
    render::View single = eyes[1];
    single.target_view = 0;
    const auto right_mono = render_capture(*rig.renderer, **mono, loaded->scene, {&single, 1});
    CHECK(render::compare_images(right_mono, right, 1).differing_pixels == 0);
    CHECK(render::compare_images(left, right, 8).differing_pixels > 50);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] an ImGui overlay with Vietnamese text draws headless on the first view") {
  test::ValidationWatch watch;
  {
    Rig rig = make_rig();
    REQUIRE(rig.renderer->imgui() != nullptr);
    auto target = OffscreenTarget::create(*rig.ctx, {200, 120});
    REQUIRE(target.has_value());
    render::Scene scene;
    render::View view;
    view.projection = render::perspective_vk(1.0f, 200.0f / 120.0f, 0.1f, 10.0f);
    const auto before = render_capture(*rig.renderer, **target, scene, {&view, 1});
    int calls = 0;
    const auto id = rig.renderer->imgui()->add_overlay([&calls] {
      ++calls;
      ImGui::SetNextWindowPos(ImVec2(5, 5));
      ImGui::Begin("HUD", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
      ImGui::TextUnformatted("Siết bu lông M12 đến 80 N·m");
      ImGui::End();
    });
    render_capture(*rig.renderer, **target, scene, {&view, 1});  // first frame sizes the window
    const auto after = render_capture(*rig.renderer, **target, scene, {&view, 1});
    CHECK(calls == 2);
    CHECK(render::compare_images(before, after, 16).differing_pixels > 500);
    CHECK_FALSE(rig.renderer->imgui()->font_in_use().empty());
    rig.renderer->imgui()->remove_overlay(id);
    const auto removed = render_capture(*rig.renderer, **target, scene, {&view, 1});
    CHECK(render::compare_images(before, removed, 0).differing_pixels == 0);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] bad uploads and bad frames are refused with a message") {
  test::ValidationWatch watch;
  {
    Rig rig = make_rig();
    assets::Mesh empty;
    empty.name = "empty";
    auto mesh = rig.renderer->upload_mesh(empty);
    REQUIRE_FALSE(mesh.has_value());
    CHECK(mesh.error().message.find("empty") != std::string::npos);
    assets::Mesh broken;
    broken.name = "broken";
    broken.vertices.resize(3);
    broken.indices = {0, 1, 7};
    CHECK_FALSE(rig.renderer->upload_mesh(broken).has_value());
    assets::Image bad;
    bad.width = 4;
    bad.height = 4;
    CHECK_FALSE(rig.renderer->upload_texture(bad).has_value());
    auto target = OffscreenTarget::create(*rig.ctx, {16, 16});
    REQUIRE(target.has_value());
    render::Scene scene;
    scene.instances.push_back(
        {render::MeshHandle{42}, render::MaterialHandle{42}, glm::mat4(1.0f)});
    render::View view;
    view.target_view = 3;
    auto wrong_view = rig.renderer->render(**target, scene, {&view, 1});
    REQUIRE_FALSE(wrong_view.has_value());
    CHECK(wrong_view.error().message.find("target image 3") != std::string::npos);
    CHECK_FALSE(rig.renderer->render(**target, scene, {}).has_value());
    view.target_view = 0;
    CHECK(
        rig.renderer->render(**target, scene, {&view, 1}).has_value());  // unknown handles skipped
    CHECK(rig.renderer->last_frame_stats().draws == 0);
    CHECK_FALSE(OffscreenTarget::create(*rig.ctx, {0, 10}).has_value());
  }
  CHECK(watch.count() == 0);
}
