#pragma once
// Click-type (ISO 6789-1 type II) torque wrench.
//
//  - The set value is dialled on its scale within the wrench's range. The mechanism releases
//    ("clicks": haptic + audio event) at the release torque = set × (1 + e), where e is this
//    wrench's calibration error, drawn once from a seeded normal and kept inside the
//    permissible deviation ±4 % (ISO 6789-1:2017, Table 2, type II classes A/D/G).
//  - Overshoot: the hand does not stop the instant the mechanism releases. The torque reached
//    is release + rate·t_react, where rate is the loading rate at the click and t_react the
//    time the hand keeps loading (≈80 ms). This is why ISO 6789-2 calibrates by applying the last
//    20 % of the torque slowly (0.5–4 s): a jerk overshoots, a slow pull does not.
//  - After the click the wrench bottoms out: pulling further passes the hand torque straight
//    through (continued pulling adds torque). Letting go below half the set value re-arms it.
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "sim/events.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::mechanical {

struct WrenchSpec {
  double min_nm = 20.0;
  double max_nm = 100.0;
  double accuracy = 0.04;    // permissible deviation (fraction)
  double reaction_s = 0.08;  // how long the hand keeps loading after the click
  double rearm_fraction = 0.5;
};

core::Result<void> validate(const WrenchSpec& spec);

class TorqueWrench {
 public:
  TorqueWrench(std::string id, const WrenchSpec& spec, std::uint64_t seed,
               const EventChannel* events = nullptr);
  TorqueWrench(const TorqueWrench&) = delete;
  TorqueWrench& operator=(const TorqueWrench&) = delete;

  const std::string& id() const { return id_; }
  void set_events(const EventChannel* events) { events_ = events; }
  core::Result<void> set_torque_nm(double set_nm);
  double set_torque_nm() const { return set_nm_; }
  double release_torque_nm() const { return set_nm_ * (1.0 + calibration_error_); }
  double calibration_error() const { return calibration_error_; }

  // One step: the trainee's hand puts handle_torque_nm on the handle. Returns the torque the
  // wrench transmits to the fastener this step.
  double update(double dt_s, double handle_torque_nm);

  double output_torque_nm() const { return output_nm_; }
  double peak_torque_nm() const { return peak_nm_; }
  bool clicked() const { return clicked_; }
  double click_count() const { return clicks_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  std::string id_;
  WrenchSpec spec_;
  const EventChannel* events_;
  double calibration_error_ = 0.0;
  double set_nm_ = 0.0;
  double last_handle_nm_ = 0.0;
  double rate_nm_s_ = 0.0;
  double output_nm_ = 0.0;
  double peak_nm_ = 0.0;
  double click_peak_nm_ = 0.0;
  double clicks_ = 0.0;
  bool clicked_ = false;
  StateFields<8> fields_;
};

}  // namespace txr::sim::mechanical
