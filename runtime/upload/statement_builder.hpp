#pragma once
// StatementBuilder: turns the events of one attempt into xAPI statements. Call each method when
// its event happens (the statement gets its id then, and the event's time as timestamp) and put
// the result straight into the Outbox; build_session_statements() does a whole attempt at once
// from SessionFacts whose times were recorded at each event.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/result.hpp"
#include "upload/session_facts.hpp"
#include "upload/statement.hpp"

namespace txr::upload {

struct BuilderOptions {
  std::string actor_home_page;  // account.homePage of the trainee's school / platform
  std::string runtime_version = TXR_VERSION;
  AttachmentPolicy attachments = AttachmentPolicy::none;
};

class StatementBuilder {
 public:
  // Checks the trainee id and the header fields; fixes the registration and session id
  // (generating UUIDs when the facts leave them empty).
  static core::Result<StatementBuilder> create(const SessionFacts& facts, BuilderOptions options);

  const std::string& registration() const { return facts_.registration; }
  const std::string& session_id() const { return facts_.session_id; }
  // The scenario activity (the cmi5 AU in a cmi5 launch).
  const std::string& activity_id() const { return facts_.activity_id; }

  core::Result<Statement> launched(TimePoint at) const;
  core::Result<Statement> initialized(TimePoint at) const;
  core::Result<Statement> step_completed(const StepFact& step, std::size_t index) const;
  core::Result<Statement> safety_violation(const SafetyViolationFact& violation) const;
  // The procedure was finished: no score (cmi5 puts scores on passed/failed only).
  core::Result<Statement> completed(TimePoint at, double duration_s) const;
  // passed or failed with score, success, completion, duration, metrics and attachments.
  core::Result<Statement> judged(bool passed, TimePoint at, double duration_s) const;
  core::Result<Statement> terminated(TimePoint at, double duration_s) const;

 private:
  StatementBuilder(SessionFacts facts, BuilderOptions options)
      : facts_(std::move(facts)), options_(std::move(options)) {}
  nlohmann::json base(std::string_view verb, std::string_view verb_en, TimePoint at) const;
  nlohmann::json context(bool object_is_scenario, bool moveon) const;
  nlohmann::json scenario_object() const;
  core::Result<Statement> finish(nlohmann::json statement,
                                 std::vector<StatementAttachment> attachments = {}) const;

  SessionFacts facts_;  // header fields only are used (events come in through the methods)
  BuilderOptions options_;
};

// Every statement of one attempt in order: launched (not in cmi5 mode), initialized, one per
// completed step and per safety violation (merged by time), completed (if finished), passed or
// failed (if judged), terminated.
core::Result<std::vector<Statement>> build_session_statements(const SessionFacts& facts,
                                                              const BuilderOptions& options);

}  // namespace txr::upload
