#pragma once
// cmi5 (online launch from an LMS): the launch URL's parameters, the one-time fetch of the auth
// token, and the statement rules an AU must keep within one registration.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "upload/http_client.hpp"
#include "upload/upload_config.hpp"

namespace txr::upload {

struct Cmi5Launch {
  std::string endpoint;      // LRS base
  std::string fetch;         // URL that returns the auth token, once
  nlohmann::json actor;      // the Agent the LMS chose
  std::string registration;  // UUID
  std::string activity_id;   // the AU's IRI
};

// Parses the query part of a launch URL (the command line or a browser hands us the whole URL).
// All five parameters are required; the actor must be an account Agent with an opaque id.
core::Result<Cmi5Launch> parse_cmi5_launch(std::string_view url);

// POSTs to the fetch URL once and returns Basic credentials built from the "auth-token"; an
// {"error-code", "error-text"} answer or any HTTP failure is an error (the URL cannot be reused,
// so the caller must keep the token for the whole session).
core::Result<Credentials> fetch_cmi5_token(HttpClient& http, const std::string& fetch_url,
                                           long timeout_ms, const std::string& ca_bundle = {});

// cmi5 moveOn criteria (the LMS passes them in LMS.LaunchData).
enum class MoveOn { passed, completed, completed_and_passed, completed_or_passed, not_applicable };
std::optional<MoveOn> parse_move_on(std::string_view text);

// What the LMS put in the LMS.LaunchData state document for this registration.
struct Cmi5LaunchData {
  MoveOn move_on = MoveOn::not_applicable;
  std::optional<double> mastery_scaled;  // masteryScore, 0..1
  std::string launch_mode = "Normal";    // Normal | Browse | Review
  std::string return_url;                // where the LMS wants the learner sent afterwards
};

// GETs LMS.LaunchData from the launch's LRS (activities/state, xAPI 1.0.3) with the fetched
// credentials. A missing document (the LMS must write it before launching), a bad moveOn or
// launchMode, or a masteryScore outside 0..1 is an error naming what is wrong.
core::Result<Cmi5LaunchData> get_cmi5_launch_data(HttpClient& http, const Cmi5Launch& launch,
                                                  const Credentials& credentials, long timeout_ms,
                                                  const std::string& ca_bundle = {});

// Feeds the statements of one registration in send order and rejects the first that breaks a
// cmi5 rule: initialized first, nothing after terminated, at most one completed and one passed,
// no failed after passed (passed after failed is allowed: a retry may pass), score only
// on passed/failed, mastery score respected, durations on terminated/completed/passed/failed.
// Statements whose object is not the AU (steps, feedback) are "cmi5 allowed": only the
// initialized..terminated window applies to them.
class Cmi5SessionRules {
 public:
  Cmi5SessionRules(std::string au_id, MoveOn move_on, std::optional<double> mastery_scaled = {})
      : au_id_(std::move(au_id)), move_on_(move_on), mastery_(mastery_scaled) {}
  core::Result<void> accept(const nlohmann::json& statement);
  // True when the registration's moveOn criteria are met (the LMS would then mark it satisfied).
  bool satisfied() const;
  bool terminated() const { return terminated_; }

 private:
  std::string au_id_;
  MoveOn move_on_;
  std::optional<double> mastery_;
  bool initialized_ = false;
  bool terminated_ = false;
  bool completed_ = false;
  bool passed_ = false;
  bool failed_ = false;
};

}  // namespace txr::upload
