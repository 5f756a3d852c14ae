#include "sim/precision/measurement_record.hpp"

#include <algorithm>

namespace txr::sim::precision {

std::string_view to_string(Judgement j) {
  switch (j) {
    case Judgement::none:
      return "none";
    case Judgement::accept:
      return "accept";
    case Judgement::reject:
      return "reject";
  }
  return "?";
}

MeasurementRecord::MeasurementRecord(std::string id, const ToleranceZone& zone,
                                     const EventChannel* events)
    : id_(std::move(id)), zone_(zone), events_(events) {
  fields_.add("count", &count_);
  fields_.add("mean_mm", &mean_mm_);
  fields_.add("min_mm", &min_mm_);
  fields_.add("max_mm", &max_mm_);
  fields_.add("last_reading", &last_mm_);
  fields_.add("judgement", &judgement_text_);
  fields_.add("declared", &declared_text_);
  fields_.add("declared_correct", &declared_correct_);
}

void MeasurementRecord::record(std::string_view instrument, double axial_mm, double angle_rad,
                               double value_mm) {
  readings_.push_back({std::string(instrument), axial_mm, angle_rad, value_mm});
  double sum = 0.0;
  min_mm_ = max_mm_ = value_mm;
  for (const RecordedReading& r : readings_) {
    sum += r.value_mm;
    min_mm_ = std::min(min_mm_, r.value_mm);
    max_mm_ = std::max(max_mm_, r.value_mm);
  }
  count_ = static_cast<double>(readings_.size());
  mean_mm_ = sum / count_;
  last_mm_ = value_mm;
  emit_to(events_, EventKind::reading_recorded, id_, value_mm);
}

Judgement MeasurementRecord::judge() {
  if (readings_.empty()) {
    judgement_ = Judgement::none;
  } else {
    const bool all_in =
        std::all_of(readings_.begin(), readings_.end(),
                    [&](const RecordedReading& r) { return zone_.contains(r.value_mm); });
    judgement_ = all_in ? Judgement::accept : Judgement::reject;
    emit_to(events_, EventKind::judgement_made, id_, mean_mm_, to_string(judgement_));
  }
  judgement_text_ = to_string(judgement_);
  declared_correct_ = declared_ != Judgement::none && declared_ == judgement_;
  return judgement_;
}

void MeasurementRecord::declare(Judgement trainee) {
  declared_ = trainee;
  declared_text_ = to_string(trainee);
  declared_correct_ = declared_ != Judgement::none && declared_ == judgement_;
}

}  // namespace txr::sim::precision
