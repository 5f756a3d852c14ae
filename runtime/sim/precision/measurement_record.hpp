#pragma once
// The trainee's inspection record for one part: readings (instrument, where, value), summary
// statistics and the accept/reject judgement against the tolerance zone. Good practice (measure
// at several positions and angles, then judge every reading) is what an instructor scores.
#include <string>
#include <string_view>
#include <vector>

#include "sim/events.hpp"
#include "sim/precision/iso286.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::precision {

struct RecordedReading {
  std::string instrument;
  double axial_mm = 0.0;
  double angle_rad = 0.0;
  double value_mm = 0.0;
};

enum class Judgement : std::uint8_t { none, accept, reject };
std::string_view to_string(Judgement j);

class MeasurementRecord {
 public:
  MeasurementRecord(std::string id, const ToleranceZone& zone,
                    const EventChannel* events = nullptr);
  MeasurementRecord(const MeasurementRecord&) = delete;
  MeasurementRecord& operator=(const MeasurementRecord&) = delete;

  void record(std::string_view instrument, double axial_mm, double angle_rad, double value_mm);
  // Judges from the readings: accept when every reading lies inside the zone (none if empty).
  Judgement judge();
  // The trainee's own decision, kept next to the computed one.
  void declare(Judgement trainee);

  const std::vector<RecordedReading>& readings() const { return readings_; }
  Judgement judgement() const { return judgement_; }
  double mean_mm() const { return mean_mm_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  std::string id_;
  ToleranceZone zone_;
  const EventChannel* events_;
  std::vector<RecordedReading> readings_;
  Judgement judgement_ = Judgement::none;
  Judgement declared_ = Judgement::none;
  double count_ = 0.0;
  double mean_mm_ = 0.0;
  double min_mm_ = 0.0;
  double max_mm_ = 0.0;
  double last_mm_ = 0.0;
  std::string_view judgement_text_ = "none";
  std::string_view declared_text_ = "none";
  bool declared_correct_ = false;
  StateFields<10> fields_;
};

}  // namespace txr::sim::precision
