#pragma once
// OffscreenView: a headless run that still renders (`tradexr run --mode headless --render`):
// the session drawn offscreen every frame from the trainee's head, as desktop mode draws it,
// for a screenshot of the last frame and for measuring a run with rendering on. It only reads
// the session, so the physics hash is the same with and without it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "session/session.hpp"

namespace txr::session {

struct OffscreenOptions {
  std::string gpu;          // as `tradexr render --gpu`
  bool validation = false;  // Vulkan validation layer (tests)
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
};

class OffscreenView {
 public:
  // Fails (naming the cause) when there is no Vulkan device or a model cannot be uploaded.
  static core::Result<std::unique_ptr<OffscreenView>> create(const Session& session,
                                                             const OffscreenOptions& options);
  ~OffscreenView();
  OffscreenView(const OffscreenView&) = delete;
  OffscreenView& operator=(const OffscreenView&) = delete;

  // Draws the session as it is after `frame` (the frame it just consumed).
  core::Result<void> render(const Session& session, const core::InputFrame& frame);
  // Draws once more (the same state as the last render) and writes it as a PNG.
  core::Result<void> save_png(const Session& session, const std::filesystem::path& path);

  std::uint64_t frames_rendered() const { return frames_rendered_; }
  std::uint64_t validation_messages() const;

 private:
  struct Impl;
  explicit OffscreenView(std::unique_ptr<Impl> impl);
  core::Result<void> draw(const Session& session, const core::InputFrame& frame, bool capture);
  std::unique_ptr<Impl> impl_;
  core::InputFrame last_frame_;
  std::uint64_t frames_rendered_ = 0;
};

}  // namespace txr::session
