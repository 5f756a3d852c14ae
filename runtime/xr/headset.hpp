#pragma once
// Headset: the one owner of the XrInstance and the XrSession. It creates the instance through
// the Khronos loader, hands the renderer's Vulkan creation to the runtime
// (XR_KHR_vulkan_enable2), creates the session and its spaces (STAGE, LOCAL when there is no
// stage, VIEW), follows the session lifecycle by the book (Lifecycle) and wraps the frame calls.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "render/vulkan_context.hpp"
#include "xr/lifecycle.hpp"
#include "xr/openxr.hpp"

namespace txr::xr {

struct HeadsetOptions {
  std::string app_name = "TradeXR";
  bool use_depth_layer = true;    // enable XR_KHR_composition_layer_depth when offered
  bool use_hand_tracking = true;  // enable XR_EXT_hand_tracking when offered and supported
};

// What the last poll_events() saw besides state changes.
struct PollResult {
  bool profile_changed = false;  // XrEventDataInteractionProfileChanged
  bool instance_lost = false;    // XrEventDataInstanceLossPending
};

class Headset {
 public:
  // Fails with a message naming the cause when no runtime or no headset is there.
  static core::Result<std::unique_ptr<Headset>> create(const HeadsetOptions& options);
  ~Headset();
  Headset(const Headset&) = delete;
  Headset& operator=(const Headset&) = delete;

  // Sets the ContextOptions hooks so VulkanContext::create goes through the runtime.
  void apply_vulkan_hooks(render::ContextOptions& options);
  // Creates the session on the context's device and queue, and the reference spaces.
  core::Result<void> create_session(const render::VulkanContext& vk);
  // Destroys spaces and session (after LOSS_PENDING / EXITING, or at shutdown).
  void destroy_session();
  bool has_session() const { return session_ != XR_NULL_HANDLE; }

  // Drains the event queue; begins / ends / destroys the session as the states ask.
  core::Result<PollResult> poll_events();
  // Asks the runtime to stop the session (it then walks to STOPPING); false if not running.
  bool request_exit();

  core::Result<XrFrameState> wait_frame();
  core::Result<void> begin_frame();
  core::Result<void> end_frame(XrTime display_time,
                               std::span<const XrCompositionLayerBaseHeader* const> layers);
  // Eye poses (in app_space()) and fields of view at `time`; nullopt when not tracked.
  core::Result<std::optional<std::array<XrView, 2>>> locate_views(XrTime time);
  // The head (VIEW space) in app_space(); nullopt when the position is not valid.
  std::optional<XrPosef> locate_head(XrTime time) const;

  XrInstance instance() const { return instance_; }
  XrSystemId system() const { return system_; }
  XrSession session() const { return session_; }
  XrSpace app_space() const { return app_space_; }
  bool app_space_is_stage() const { return stage_; }
  const Lifecycle& lifecycle() const { return lifecycle_; }
  bool depth_layer_enabled() const { return depth_layer_; }
  // XR_EXT_hand_tracking is enabled and the system says it can track hands.
  bool hand_tracking_enabled() const { return hand_tracking_; }
  const std::array<XrViewConfigurationView, 2>& view_configuration() const { return views_; }
  const std::string& runtime_name() const { return runtime_name_; }
  const std::string& system_name() const { return system_name_; }
  // Formats the runtime offers for swapchains (VkFormat values), its order of preference.
  std::vector<std::int64_t> swapchain_formats() const;
  // Warnings and errors reported through XR_EXT_debug_utils (runtime or validation layer).
  std::uint32_t message_count() const { return messages_; }

 private:
  Headset() = default;
  core::Result<void> init(const HeadsetOptions& options);
  core::Result<void> handle(LifecycleAction action);
  static XrBool32 XRAPI_CALL on_message(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                        XrDebugUtilsMessageTypeFlagsEXT types,
                                        const XrDebugUtilsMessengerCallbackDataEXT* data,
                                        void* user);

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  XrDebugUtilsMessengerEXT messenger_ = XR_NULL_HANDLE;
  XrSession session_ = XR_NULL_HANDLE;
  XrSpace app_space_ = XR_NULL_HANDLE;
  XrSpace view_space_ = XR_NULL_HANDLE;
  bool stage_ = false;
  bool depth_layer_ = false;
  bool hand_tracking_ = false;
  XrEnvironmentBlendMode blend_mode_ = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  std::array<XrViewConfigurationView, 2> views_{};
  std::string runtime_name_;
  std::string system_name_;
  Lifecycle lifecycle_;
  std::uint32_t messages_ = 0;
};

}  // namespace txr::xr
