#pragma once
// XapiLink: turns one run into xAPI statements as it happens. Each statement is built and
// committed to the outbox at the moment of its event (its id and timestamp are fixed then):
// launched + initialized when the run starts, one per completed step and per safety violation
// while it runs, completed when the procedure is finished, passed/failed once the score is
// known, terminated last. A background Uploader sends them while the run goes on; stop() gives
// it a short time to deliver the last ones and leaves anything undelivered in the outbox for
// `tradexr upload`. See docs/upload.md ("Statements from a run").
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "assessment/record_format.hpp"
#include "assessment/scoring.hpp"
#include "scenario/scenario.hpp"
#include "session/session.hpp"
#include "upload/cmi5.hpp"
#include "upload/outbox.hpp"
#include "upload/statement_builder.hpp"
#include "upload/upload_config.hpp"
#include "upload/uploader.hpp"

namespace txr::session {

// An online cmi5 launch, prepared before the run (begin_cmi5): the LMS's LRS, the token fetched
// once, and the LaunchData. Its statements go to that LRS through their own outbox file; the
// token lives in memory only, so what is not delivered while the run lasts waits in that outbox
// for the next launch of the same registration (docs/xapi-statements.md, "cmi5 launch").
struct Cmi5Session {
  upload::Cmi5Launch launch;
  upload::Credentials credentials;
  upload::Cmi5LaunchData data;
  std::filesystem::path outbox_path;
};

// Parses the launch URL, fetches the auth token (once: the fetch URL cannot be reused) and reads
// LMS.LaunchData. Any failure is an error to show before the run starts; nothing is sent.
core::Result<Cmi5Session> begin_cmi5(std::string_view launch_url,
                                     const std::filesystem::path& outbox_dir,
                                     const std::string& ca_bundle = {});

struct XapiLinkSetup {
  // Empty: upload::find_upload_config() ($TRADEXR_UPLOAD_CONFIG, then the XDG config folder).
  std::filesystem::path config_path;
  upload::GetEnv env = upload::process_env;
  std::string trainee_id;  // opaque id; refused (no statements) if it looks like a name/e-mail
  std::string mode;        // xr | desktop | headless
  std::string language;
  bool judged = true;               // assessment: passed/failed; practice: not judged
  upload::TimePoint launched_at;    // when the run was started
  std::filesystem::path key_dir;    // device key for the signed summary (empty: default)
  double final_wait_s = 10.0;       // stop(): longest wait for the last statements to go out
  bool background_upload = true;    // false: only queue (tests, or no network wanted)
  std::optional<Cmi5Session> cmi5;  // launched by an LMS: cmi5 rules, the LMS's LRS and actor
};

// What the run says about its statements at the end.
struct XapiRunSummary {
  bool enabled = false;      // statements were produced for this run
  std::string note;          // why not, or what went wrong (one line; empty when all is well)
  std::string registration;  // the attempt's registration UUID
  std::int64_t queued = 0;   // committed to the outbox by this run
  std::int64_t sent = 0;     // of those, delivered before the run ended
  std::int64_t parked = 0;   // of those, refused by the LRS (see `tradexr outbox`)
  std::string endpoint;      // where they go
  std::filesystem::path outbox;
  std::string upload_problem;   // the uploader's latest problem (offline, credentials...)
  std::optional<bool> passed;   // the judgement sent (a cmi5 masteryScore may differ)
  std::string to_text() const;  // one line for the run's output
  nlohmann::json to_json() const;
};

class XapiLink {
 public:
  // Reads the upload config and, when there is one, commits launched + initialized and starts
  // the uploader. Never fails the run: without a config (or with a broken one) the link is off
  // and summary().note says why.
  static std::unique_ptr<XapiLink> start(const scenario::Scenario& scenario,
                                         const XapiLinkSetup& setup);
  // A run that ends early (an error, a crash in a later step) still closes its attempt: the
  // destructor commits terminated if stop() was not reached, then stops the uploader.
  ~XapiLink();
  XapiLink(const XapiLink&) = delete;
  XapiLink& operator=(const XapiLink&) = delete;

  bool enabled() const { return builder_.has_value(); }
  // cmi5 Browse and Review launches send no completed, passed or failed.
  bool judging() const { return !setup_.cmi5 || setup_.cmi5->data.launch_mode == "Normal"; }

  // Frame thread, for every session event: step_completed and rule_violated become statements;
  // attempt_ended with outcome completed becomes the scenario's completed statement.
  void on_event(const SessionEvent& event);

  // After scoring: passed/failed (assessment runs) with the score, metrics and attachments the
  // policy allows, then terminated. `record` and `frames` come from the closed session record.
  void finish(const assessment::ScoreReport& report, const assessment::RecordHeader& record,
              std::span<const assessment::RecordedFrame> frames, double session_time_s);

  // Waits (at most final_wait_s, less when the LRS is unreachable) for this run's statements to
  // be delivered, stops the uploader and reports.
  XapiRunSummary stop();

 private:
  XapiLink() = default;
  void commit(core::Result<upload::Statement> statement, std::string_view what);
  std::vector<upload::MetricFact> metrics(const assessment::ScoreReport& report) const;
  std::optional<upload::AttachmentFact> signed_summary(const assessment::ScoreReport& report,
                                                       const assessment::RecordHeader& record,
                                                       double session_time_s) const;
  void count_states(XapiRunSummary& summary);

  const scenario::Scenario* scenario_ = nullptr;
  XapiLinkSetup setup_;
  upload::SessionFacts facts_;
  upload::BuilderOptions options_;
  std::optional<upload::StatementBuilder> builder_;
  std::optional<upload::Outbox> outbox_;
  std::unique_ptr<upload::Uploader> uploader_;
  XapiRunSummary summary_;
  std::vector<std::string> ids_;                  // committed by this run, in order
  std::map<std::string, double> step_started_s_;  // step id -> attempt time it became current
  std::size_t steps_completed_ = 0;
  std::size_t violations_ = 0;
  double last_time_s_ = 0.0;
  bool terminated_ = false;
  bool stopped_ = false;
};

}  // namespace txr::session
