// The frame loop: xrWaitFrame pacing, xrBeginFrame/xrEndFrame order rules, layer validation.
#include <cmath>
#include <thread>

#include "api.hpp"
#include "capture.hpp"
#include "pose_math.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

XrDuration period_ns(const Instance& inst) {
  return static_cast<XrDuration>(std::llround(1e9 / inst.config.refresh_hz));
}

XrResult check_sub_image(const Session& session, const XrSwapchainSubImage& sub) {
  const Swapchain* sc = get_swapchain(sub.swapchain);
  if (sc == nullptr || sc->session_id != session.id) return XR_ERROR_HANDLE_INVALID;
  if (sc->last_released < 0) return XR_ERROR_LAYER_INVALID;  // nothing released to show
  if (sub.imageArrayIndex >= sc->array_size) return XR_ERROR_VALIDATION_FAILURE;
  const XrRect2Di& r = sub.imageRect;
  if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
      static_cast<std::uint32_t>(r.offset.x + r.extent.width) > sc->width ||
      static_cast<std::uint32_t>(r.offset.y + r.extent.height) > sc->height) {
    return XR_ERROR_SWAPCHAIN_RECT_INVALID;
  }
  return XR_SUCCESS;
}

XrResult check_space(const Session& session, XrSpace space) {
  const Space* sp = get_space(space);
  return sp != nullptr && sp->session_id == session.id ? XR_SUCCESS : XR_ERROR_HANDLE_INVALID;
}

XrResult check_layer(const Instance& inst, const Session& session,
                     const XrCompositionLayerBaseHeader* layer) {
  if (layer == nullptr) return XR_ERROR_LAYER_INVALID;
  if (const XrResult r = check_space(session, layer->space); XR_FAILED(r)) return r;
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
    const auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
    if (proj->viewCount != 2 || proj->views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    for (std::uint32_t v = 0; v < proj->viewCount; ++v) {
      const XrCompositionLayerProjectionView& view = proj->views[v];
      if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) {
        return XR_ERROR_VALIDATION_FAILURE;
      }
      if (const XrResult r = check_sub_image(session, view.subImage); XR_FAILED(r)) return r;
      for (auto* n = static_cast<const XrBaseInStructure*>(view.next); n != nullptr; n = n->next) {
        if (n->type != XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR || !inst.ext_depth) continue;
        const auto* depth = reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(n);
        if (const XrResult r = check_sub_image(session, depth->subImage); XR_FAILED(r)) return r;
        if (depth->minDepth < 0.0f || depth->maxDepth > 1.0f || depth->minDepth > depth->maxDepth) {
          return XR_ERROR_VALIDATION_FAILURE;
        }
      }
    }
    return XR_SUCCESS;
  }
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
    const auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
    // The spec: a non-unit orientation is XR_ERROR_POSE_INVALID; a quad needs an eye set and
    // a positive, finite size.
    const XrPosef& p = quad->pose;
    if (!quat_is_unit(p.orientation) || !std::isfinite(p.position.x) ||
        !std::isfinite(p.position.y) || !std::isfinite(p.position.z)) {
      return XR_ERROR_POSE_INVALID;
    }
    if (quad->eyeVisibility > XR_EYE_VISIBILITY_RIGHT || !(quad->size.width > 0.0f) ||
        !(quad->size.height > 0.0f) || !std::isfinite(quad->size.width) ||
        !std::isfinite(quad->size.height)) {
      return XR_ERROR_VALIDATION_FAILURE;
    }
    return check_sub_image(session, quad->subImage);
  }
  return XR_ERROR_LAYER_INVALID;
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrWaitFrame(XrSession session, const XrFrameWaitInfo* frameWaitInfo,
                                           XrFrameState* frameState) {
  std::unique_lock lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (frameState == nullptr || frameState->type != XR_TYPE_FRAME_STATE ||
      (frameWaitInfo != nullptr && frameWaitInfo->type != XR_TYPE_FRAME_WAIT_INFO)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  // A second wait before the previous frame began blocks until another thread begins it
  // (spec); single-threaded misuse would deadlock, so give up waiting after a second.
  for (int i = 0; i < 1000 && s->waits_outstanding > 0; ++i) {
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    lock.lock();
    s = get_session(session);
    if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  Instance& inst = owner(*s);
  const XrDuration period = period_ns(inst);
  XrTime wake = s->last_wake + period;
  if (inst.config.paced) {
    const XrTime now = now_ns();
    if (now > wake) {
      // The app was late: the slots in between were missed.
      const XrTime late = (now - wake) / period + 1;
      inst.log.missed_frames += static_cast<std::uint64_t>(late);
      wake += late * period;
    }
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::nanoseconds(wake - now_ns()));
    lock.lock();
    s = get_session(session);
    if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  s->last_wake = wake;
  s->last_predicted = wake + period;
  ++s->waits_outstanding;
  ++inst.log.frames_waited;
  if (!s->first_wait_done) {
    s->first_wait_done = true;
    if (s->state == XR_SESSION_STATE_READY) {
      set_session_state(*s, XR_SESSION_STATE_SYNCHRONIZED, s->last_predicted);
      set_session_state(*s, XR_SESSION_STATE_VISIBLE, s->last_predicted);
      if (!s->focus_suppressed) set_session_state(*s, XR_SESSION_STATE_FOCUSED, s->last_predicted);
    }
  }
  advance_script(*s);
  frameState->predictedDisplayTime = s->last_predicted;
  frameState->predictedDisplayPeriod = period;
  frameState->shouldRender =
      (s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED) ? XR_TRUE
                                                                                     : XR_FALSE;
  return s->loss_pending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrBeginFrame(XrSession session,
                                            const XrFrameBeginInfo* frameBeginInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (frameBeginInfo != nullptr && frameBeginInfo->type != XR_TYPE_FRAME_BEGIN_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (s->waits_outstanding == 0) return XR_ERROR_CALL_ORDER_INVALID;
  --s->waits_outstanding;
  Instance& inst = owner(*s);
  ++inst.log.frames_begun;
  XrResult result = s->loss_pending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
  if (s->frame_begun) {
    // The previous frame was begun but never ended: it is discarded (spec: XR_FRAME_DISCARDED).
    ++inst.log.frames_discarded;
    result = XR_FRAME_DISCARDED;
  }
  s->frame_begun = true;
  return result;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEndFrame(XrSession session, const XrFrameEndInfo* frameEndInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (frameEndInfo == nullptr || frameEndInfo->type != XR_TYPE_FRAME_END_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!s->frame_begun) return XR_ERROR_CALL_ORDER_INVALID;
  if (frameEndInfo->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  if (frameEndInfo->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
    return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
  }
  if (frameEndInfo->layerCount > XR_MIN_COMPOSITION_LAYERS_SUPPORTED) {
    return XR_ERROR_LAYER_LIMIT_EXCEEDED;
  }
  if (frameEndInfo->layerCount > 0 && frameEndInfo->layers == nullptr) {
    return XR_ERROR_LAYER_INVALID;
  }
  Instance& inst = owner(*s);
  for (std::uint32_t i = 0; i < frameEndInfo->layerCount; ++i) {
    if (const XrResult r = check_layer(inst, *s, frameEndInfo->layers[i]); XR_FAILED(r)) {
      report(inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT, "xrEndFrame",
             "layer " + std::to_string(i) + " is invalid");
      return r;
    }
  }
  s->frame_begun = false;
  const std::uint64_t frame = inst.log.frames_ended++;
  for (std::uint32_t i = 0; i < frameEndInfo->layerCount; ++i) {
    const XrCompositionLayerBaseHeader* layer = frameEndInfo->layers[i];
    ++inst.log.layers_submitted;
    if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
      ++inst.log.projection_layers;
      const auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
      for (std::uint32_t v = 0; v < proj->viewCount; ++v) {
        for (auto* n = static_cast<const XrBaseInStructure*>(proj->views[v].next); n != nullptr;
             n = n->next) {
          if (n->type == XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) ++inst.log.depth_infos;
        }
      }
      if (!inst.config.capture_dir.empty() && inst.config.capture.wants(frame)) {
        capture_projection(*s, *proj, frame, i);
      }
    } else {
      ++inst.log.quad_layers;
      if (!inst.config.capture_dir.empty() && inst.config.capture.wants(frame)) {
        capture_quad(*s, *reinterpret_cast<const XrCompositionLayerQuad*>(layer), frame, i);
      }
    }
  }
  return s->loss_pending ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
