#pragma once
// SessionFacts: the plain description of one attempt that statements are built from. The app
// fills it from the assessment result; nothing here depends on other modules.
#include <optional>
#include <string>
#include <vector>

#include "upload/ids.hpp"

namespace txr::upload {

struct StepFact {
  std::string step_id;  // stable id inside the scenario ("isolate-breaker")
  std::string title;    // display text (scenario language)
  TimePoint at;         // when the step was completed
  double duration_s = 0.0;
  std::optional<double> session_time_s;  // attempt time of the event (context extension)
};

struct SafetyViolationFact {
  std::string rule_id;      // stable id of the safety rule ("touch-live-conductor")
  std::string description;  // display text
  std::string severity;     // "critical" | "major" | "minor"
  TimePoint at;
  std::optional<double> session_time_s;  // attempt time of the event (context extension)
};

// A derived metric worth sending (raw motion never goes here; see AttachmentPolicy).
struct MetricFact {
  std::string key;  // [a-z0-9-]+, e.g. "time-to-complete-s", "path-length-m"
  double value = 0.0;
};

// Bytes to attach as-is (e.g. the signed session summary JSON).
struct AttachmentFact {
  std::string content_type;  // "application/json"
  std::string bytes;
};

struct SessionFacts {
  std::string trainee_id;    // opaque id (never a name or e-mail)
  std::string registration;  // UUID per attempt; empty = generate one
  std::string session_id;    // cmi5 session id (UUID); empty = generate one
  std::string scenario_id;   // [A-Za-z0-9._-]+
  std::string scenario_title;
  std::string scenario_version;
  std::string trade;             // "mechanical" | "electrical" | "precision" | ...
  std::string language = "en";   // RFC 5646 tag of the display texts
  std::string mode = "desktop";  // simulation mode: "xr" | "desktop" | "headless"
  // cmi5 online launch: the LMS sends "launched" and the activity id comes from the launch.
  bool cmi5 = false;
  std::string activity_id;  // empty = <base>scenarios/<scenario_id>

  TimePoint launched_at;
  TimePoint initialized_at;
  TimePoint ended_at;  // completion / pass / fail are judged at this time
  TimePoint terminated_at;

  std::vector<StepFact> steps;
  std::vector<SafetyViolationFact> violations;

  bool completed = false;      // the procedure was finished (not abandoned)
  std::optional<bool> passed;  // judged outcome; nullopt = not assessed
  double score_raw = 0.0;
  double score_min = 0.0;
  double score_max = 100.0;
  std::optional<double> mastery_scaled;  // cmi5 masteryScore (0..1), if the LMS gave one
  std::vector<MetricFact> metrics;

  std::optional<AttachmentFact> signed_summary;
  std::optional<AttachmentFact> motion_trace;  // only uploaded when policy opts in
};

}  // namespace txr::upload
