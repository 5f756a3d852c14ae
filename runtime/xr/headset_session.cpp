// Headset: the session, its spaces, the lifecycle and the frame calls.
#include <algorithm>

#include "core/log.hpp"
#include "xr/headset.hpp"

namespace txr::xr {

core::Result<void> Headset::create_session(const render::VulkanContext& vk) {
  auto binding = make<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  binding.instance = vk.instance();
  binding.physicalDevice = vk.physical_device();
  binding.device = vk.device();
  binding.queueFamilyIndex = vk.graphics_queue_family();
  binding.queueIndex = 0;
  auto info = make<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  info.next = &binding;
  info.systemId = system_;
  TXR_XR_TRY(xrCreateSession(instance_, &info, &session_));
  lifecycle_ = Lifecycle{};

  // STAGE (floor origin) when the runtime has one; LOCAL (where the head started) otherwise.
  std::uint32_t count = 0;
  TXR_XR_TRY(xrEnumerateReferenceSpaces(session_, 0, &count, nullptr));
  std::vector<XrReferenceSpaceType> spaces(count);
  TXR_XR_TRY(xrEnumerateReferenceSpaces(session_, count, &count, spaces.data()));
  stage_ = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
  auto space = make<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  space.poseInReferenceSpace.orientation.w = 1.0f;
  space.referenceSpaceType = stage_ ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  TXR_XR_TRY(xrCreateReferenceSpace(session_, &space, &app_space_));
  space.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
  TXR_XR_TRY(xrCreateReferenceSpace(session_, &space, &view_space_));
  if (!stage_) core::log_info("xr", "no STAGE space: using LOCAL (seated height is assumed)");
  return {};
}

void Headset::destroy_session() {
  if (view_space_ != XR_NULL_HANDLE) xrDestroySpace(view_space_);
  if (app_space_ != XR_NULL_HANDLE) xrDestroySpace(app_space_);
  view_space_ = app_space_ = XR_NULL_HANDLE;
  if (session_ != XR_NULL_HANDLE) xrDestroySession(session_);
  session_ = XR_NULL_HANDLE;
}

core::Result<void> Headset::handle(LifecycleAction action) {
  switch (action) {
    case LifecycleAction::begin_session: {
      auto begin = make<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
      begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
      TXR_XR_TRY(xrBeginSession(session_, &begin));
      lifecycle_.note_session_begun();
      return {};
    }
    case LifecycleAction::end_session:
      TXR_XR_TRY(xrEndSession(session_));
      lifecycle_.note_session_ended();
      return {};
    case LifecycleAction::destroy_session:
      // Loss pending: the session cannot be used any more; exiting: the app's run is over.
      // The owner (the frame loop) destroys swapchains and actions first, then the session.
      lifecycle_.note_session_ended();
      return {};
    case LifecycleAction::none:
      return {};
  }
  return {};
}

core::Result<PollResult> Headset::poll_events() {
  PollResult result;
  auto event = make<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  for (;;) {
    const XrResult r = xrPollEvent(instance_, &event);
    if (r == XR_EVENT_UNAVAILABLE) break;
    if (XR_FAILED(r)) return std::unexpected(call_error("xrPollEvent", r));
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = *reinterpret_cast<const XrEventDataSessionStateChanged*>(&event);
        if (changed.session == session_) {
          core::log_debug("xr", "session state " + std::string(state_name(changed.state)));
          if (auto ok = handle(lifecycle_.on_state(changed.state)); !ok) {
            return std::unexpected(ok.error());
          }
        }
        break;
      }
      case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
        result.profile_changed = true;
        break;
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        result.instance_lost = true;
        break;
      case XR_TYPE_EVENT_DATA_EVENTS_LOST:
        core::log_warn("xr", "the runtime dropped events (queue overflow)");
        break;
      default:
        break;
    }
    event = make<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
  }
  return result;
}

bool Headset::request_exit() {
  if (session_ == XR_NULL_HANDLE || !lifecycle_.running()) return false;
  if (lifecycle_.exit_requested()) return true;
  lifecycle_.note_exit_requested();
  const XrResult r = xrRequestExitSession(session_);
  if (XR_FAILED(r)) core::log_warn("xr", "xrRequestExitSession failed: " + result_name(r));
  return XR_SUCCEEDED(r);
}

core::Result<XrFrameState> Headset::wait_frame() {
  auto state = make<XrFrameState>(XR_TYPE_FRAME_STATE);
  TXR_XR_TRY(xrWaitFrame(session_, nullptr, &state));
  return state;
}

core::Result<void> Headset::begin_frame() {
  // XR_FRAME_DISCARDED (a success code) is fine: the previous frame was not ended.
  TXR_XR_TRY(xrBeginFrame(session_, nullptr));
  return {};
}

core::Result<void> Headset::end_frame(XrTime display_time,
                                      std::span<const XrCompositionLayerBaseHeader* const> layers) {
  auto end = make<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = display_time;
  end.environmentBlendMode = blend_mode_;
  end.layerCount = static_cast<std::uint32_t>(layers.size());
  end.layers = layers.empty() ? nullptr : layers.data();
  TXR_XR_TRY(xrEndFrame(session_, &end));
  return {};
}

core::Result<std::optional<std::array<XrView, 2>>> Headset::locate_views(XrTime time) {
  auto locate = make<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  locate.displayTime = time;
  locate.space = app_space_;
  auto state = make<XrViewState>(XR_TYPE_VIEW_STATE);
  std::array<XrView, 2> views{};
  for (auto& v : views) v.type = XR_TYPE_VIEW;
  std::uint32_t count = 0;
  TXR_XR_TRY(xrLocateViews(session_, &locate, &state, 2, &count, views.data()));
  const XrViewStateFlags needed =
      XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
  if (count != 2 || (state.viewStateFlags & needed) != needed) {
    return std::optional<std::array<XrView, 2>>{};
  }
  return std::optional<std::array<XrView, 2>>{views};
}

std::optional<XrPosef> Headset::locate_head(XrTime time) const {
  auto location = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  if (XR_FAILED(xrLocateSpace(view_space_, app_space_, time, &location))) return std::nullopt;
  const XrSpaceLocationFlags needed =
      XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  if ((location.locationFlags & needed) != needed) return std::nullopt;
  return location.pose;
}

}  // namespace txr::xr
