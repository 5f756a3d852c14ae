#include "session/offscreen_view.hpp"

#include <optional>

#include "assets/model_cache.hpp"
#include "render/camera.hpp"
#include "render/image_compare.hpp"
#include "render/offscreen_target.hpp"
#include "render/renderer.hpp"
#include "render/vulkan_context.hpp"
#include "session/session_view.hpp"

namespace txr::session {
namespace {
constexpr float k_fov_y_rad = 1.0f;  // as desktop mode
}  // namespace

struct OffscreenView::Impl {
  // Declared in creation order; destroyed in reverse (GPU objects before the context).
  std::unique_ptr<render::VulkanContext> ctx;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<render::OffscreenTarget> target;
  assets::ModelCache cache;
  std::optional<SessionView> view;
  float aspect = 1.0f;

  ~Impl() {
    if (renderer) renderer->wait_idle();
  }
};

OffscreenView::OffscreenView(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OffscreenView::~OffscreenView() = default;

core::Result<std::unique_ptr<OffscreenView>> OffscreenView::create(
    const Session& session, const OffscreenOptions& options) {
  auto impl = std::make_unique<Impl>();
  render::ContextOptions ctx_options;
  ctx_options.gpu = options.gpu;
  ctx_options.enable_validation = options.validation;
  auto ctx = render::VulkanContext::create(ctx_options);
  if (!ctx) return std::unexpected(ctx.error());
  impl->ctx = std::move(*ctx);
  render::RendererOptions r_options;
  r_options.max_views = 1;
  r_options.enable_imgui = false;  // no window: the HUD is desktop mode's
  auto renderer = render::Renderer::create(*impl->ctx, r_options);
  if (!renderer) return std::unexpected(renderer.error());
  impl->renderer = std::move(*renderer);
  auto target = render::OffscreenTarget::create(*impl->ctx, {options.width, options.height});
  if (!target) return std::unexpected(target.error());
  impl->target = std::move(*target);
  auto view = SessionView::create(*impl->renderer, impl->cache, session);
  if (!view) return std::unexpected(view.error());
  impl->view.emplace(std::move(*view));
  impl->aspect = static_cast<float>(options.width) / static_cast<float>(options.height);
  return std::unique_ptr<OffscreenView>(new OffscreenView(std::move(impl)));
}

std::uint64_t OffscreenView::validation_messages() const {
  return impl_->ctx->validation_message_count();
}

core::Result<void> OffscreenView::draw(const Session& session, const core::InputFrame& frame,
                                       bool capture) {
  impl_->view->update(session, frame);
  render::View view;
  view.view = SessionView::head_view(frame);
  view.projection = render::perspective_vk(k_fov_y_rad, impl_->aspect, 0.02f, 100.0f);
  render::FrameOptions frame_options;
  frame_options.capture = capture;
  frame_options.draw_imgui = false;
  if (auto ok =
          impl_->renderer->render(*impl_->target, impl_->view->scene(), {&view, 1}, frame_options);
      !ok) {
    return ok;
  }
  ++frames_rendered_;
  return {};
}

core::Result<void> OffscreenView::render(const Session& session, const core::InputFrame& frame) {
  if (core::is_valid(frame)) last_frame_ = frame;  // a refused frame leaves the camera put
  return draw(session, last_frame_, false);
}

core::Result<void> OffscreenView::save_png(const Session& session,
                                           const std::filesystem::path& path) {
  if (auto ok = draw(session, last_frame_, true); !ok) return ok;
  auto image = impl_->renderer->take_capture();
  if (!image) return std::unexpected(image.error());
  return render::write_png(path, *image);
}

}  // namespace txr::session
