#pragma once
// Discrete events the trade models emit (a click, a blown fuse, a shock...) with sim time.
#include <cstdint>
#include <string_view>
#include <vector>

namespace txr::sim {

enum class EventKind : std::uint8_t {
  click,             // torque wrench released at its set torque (value: torque N·m)
  yielded,           // bolt preload passed its proof load (value: preload kN)
  blown,             // fuse melted (value: current A)
  tripped,           // breaker tripped (value: current A; detail "thermal"/"magnetic")
  shock,             // touched a conductor above extra-low voltage (value: volts)
  meter_fuse_blown,  // the multimeter's current-jack fuse melted (value: current A)
  ohms_on_live,      // ohmmeter connected across a live circuit (value: volts found)
  contactor_closed,  // coil picked up (value: coil volts)
  contactor_opened,  // coil dropped out (value: coil volts)
  motor_started,     // motor reached running state
  motor_stalled,     // energised motor is jammed (value: current A)
  lock_applied,      // padlock put on an isolator (detail: owner)
  lock_removed,      // padlock taken off (detail: owner)
  close_refused,     // tried to close a locked isolator
  reading_recorded,  // a measurement reading was written down (value: mm)
  judgement_made,    // accept/reject decided on a part (detail: "accept"/"reject")
  order_violation,   // assembly step done before a required predecessor (detail: part)
  circuit_fault,     // voltage-source loop or singular circuit (detail: element)
  zeroed,            // a measuring instrument's zero was checked (value: zero error found, mm)
  not_zeroed,        // a reading was recorded with an instrument never zeroed (value: mm)
  excess_force,      // an instrument was closed harder than its measuring force (value: N)
  tilted,            // a reading was taken with the instrument tilted (value: degrees)
  sequence_error,    // a joint's bolt tightened out of the star/round order (value: expected
                     // bolt number, detail: the bolt tightened)
  pass_skipped,      // a joint's bolt taken past a tightening pass (value: pass, detail: bolt)
  pass_completed,    // every bolt of a joint has had this tightening pass (value: pass number)
};
std::string_view to_string(EventKind kind);

struct SimEvent {
  double time_s = 0.0;
  EventKind kind = EventKind::click;
  std::string_view source;  // the emitting object's id (lives as long as the object)
  double value = 0.0;
  std::string_view detail;  // a static string or an id owned by the model
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const SimEvent& event) = 0;
};

// What models hold: where events go and the sim time the owner has reached. The owner (the
// scenario step loop, or a test) calls set_time_s() before stepping the models; a model that
// resolves an event inside its step (a fuse melting part-way) adds the offset into the step.
class EventChannel {
 public:
  explicit EventChannel(EventSink* sink = nullptr) : sink_(sink) {}
  void set_sink(EventSink* sink) { sink_ = sink; }
  void set_time_s(double t_s) { time_s_ = t_s; }
  double time_s() const { return time_s_; }
  void emit(EventKind kind, std::string_view source, double value = 0.0,
            std::string_view detail = {}, double offset_s = 0.0) const {
    if (sink_ != nullptr) sink_->on_event({time_s_ + offset_s, kind, source, value, detail});
  }

 private:
  EventSink* sink_ = nullptr;
  double time_s_ = 0.0;
};

// A sink that keeps every event (tests, tools, replays).
class EventLog final : public EventSink {
 public:
  void on_event(const SimEvent& event) override { events_.push_back(event); }
  const std::vector<SimEvent>& events() const { return events_; }
  std::size_t count(EventKind kind) const;
  const SimEvent* first(EventKind kind) const;
  void clear() { events_.clear(); }

 private:
  std::vector<SimEvent> events_;
};

// Emits through a possibly-null channel.
inline void emit_to(const EventChannel* channel, EventKind kind, std::string_view source,
                    double value = 0.0, std::string_view detail = {}, double offset_s = 0.0) {
  if (channel != nullptr) channel->emit(kind, source, value, detail, offset_s);
}

}  // namespace txr::sim
