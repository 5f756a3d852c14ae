#pragma once
// The IRIs our statements use: cmi5 / ADL verbs, the Task Trainer Simulation profile, and the
// few extensions of our own under ONE project base (documented in docs/xapi-statements.md).
#include <string_view>

namespace txr::upload::iri {

// Verbs (cmi5 uses the ADL ones).
inline constexpr std::string_view k_launched = "http://adlnet.gov/expapi/verbs/launched";
inline constexpr std::string_view k_initialized = "http://adlnet.gov/expapi/verbs/initialized";
inline constexpr std::string_view k_completed = "http://adlnet.gov/expapi/verbs/completed";
inline constexpr std::string_view k_passed = "http://adlnet.gov/expapi/verbs/passed";
inline constexpr std::string_view k_failed = "http://adlnet.gov/expapi/verbs/failed";
inline constexpr std::string_view k_terminated = "http://adlnet.gov/expapi/verbs/terminated";
inline constexpr std::string_view k_received =
    "https://w3id.org/xapi/task-trainer-simulation/verbs/received";

// Activity types.
inline constexpr std::string_view k_type_scenario =
    "https://w3id.org/xapi/task-trainer-simulation/activity-types/task-trainer-scenario";
inline constexpr std::string_view k_type_step =
    "https://w3id.org/xapi/task-trainer-simulation/activity-types/task-trainer-step";
inline constexpr std::string_view k_type_feedback_safety =
    "https://w3id.org/xapi/task-trainer-simulation/activity-types/feedback-safety";
inline constexpr std::string_view k_type_profile = "http://adlnet.gov/expapi/activities/profile";
inline constexpr std::string_view k_type_trade = "https://tradexr.org/xapi/activity-types/trade";

// Profiles and cmi5 categories (contextActivities.category).
inline constexpr std::string_view k_profile_task_trainer =
    "https://w3id.org/xapi/task-trainer-simulation";
inline constexpr std::string_view k_cmi5_category =
    "https://w3id.org/xapi/cmi5/context/categories/cmi5";
inline constexpr std::string_view k_cmi5_moveon =
    "https://w3id.org/xapi/cmi5/context/categories/moveon";
inline constexpr std::string_view k_cmi5_sessionid =
    "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
inline constexpr std::string_view k_cmi5_masteryscore =
    "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
inline constexpr std::string_view k_simulation_mode =
    "https://w3id.org/xapi/simulation/extensions/simulation-mode";

// Our project base: every TradeXR-defined IRI starts with this.
inline constexpr std::string_view k_base = "https://tradexr.org/xapi/";
inline constexpr std::string_view k_ext_runtime_version =
    "https://tradexr.org/xapi/extensions/runtime-version";
inline constexpr std::string_view k_ext_scenario_version =
    "https://tradexr.org/xapi/extensions/scenario-version";
inline constexpr std::string_view k_ext_metrics = "https://tradexr.org/xapi/extensions/metrics";
inline constexpr std::string_view k_ext_step_index =
    "https://tradexr.org/xapi/extensions/step-index";
inline constexpr std::string_view k_ext_severity = "https://tradexr.org/xapi/extensions/severity";
inline constexpr std::string_view k_ext_session_time_s =
    "https://tradexr.org/xapi/extensions/session-time-s";
inline constexpr std::string_view k_attachment_summary =
    "https://tradexr.org/xapi/attachments/session-summary";
inline constexpr std::string_view k_attachment_motion =
    "https://tradexr.org/xapi/attachments/motion-trace";

}  // namespace txr::upload::iri
