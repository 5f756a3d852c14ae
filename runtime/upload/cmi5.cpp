#include "upload/cmi5.hpp"

#include <curl/curl.h>

#include <map>

#include "upload/ids.hpp"
#include "upload/statement_validation.hpp"
#include "upload/vocabulary.hpp"

namespace txr::upload {
namespace {

using core::Result;
using nlohmann::json;

std::string url_decode(std::string_view text) {
  int length = 0;
  char* decoded = curl_easy_unescape(nullptr, text.data(), static_cast<int>(text.size()), &length);
  if (decoded == nullptr) return std::string(text);
  std::string out(decoded, static_cast<std::size_t>(length));
  curl_free(decoded);
  return out;
}

std::string url_encode(std::string_view text) {
  char* encoded = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  if (encoded == nullptr) return std::string(text);
  std::string out(encoded);
  curl_free(encoded);
  return out;
}

}  // namespace

Result<Cmi5LaunchData> get_cmi5_launch_data(HttpClient& http, const Cmi5Launch& launch,
                                            const Credentials& credentials, long timeout_ms,
                                            const std::string& ca_bundle) {
  HttpRequest request;
  request.method = "GET";
  request.url = launch.endpoint + "activities/state?stateId=LMS.LaunchData&activityId=" +
                url_encode(launch.activity_id) + "&agent=" + url_encode(launch.actor.dump()) +
                "&registration=" + url_encode(launch.registration);
  request.headers = {"X-Experience-API-Version: 1.0.3", credentials.authorization_header()};
  request.timeout_ms = timeout_ms;
  request.ca_bundle = ca_bundle;
  const HttpResponse response = http.perform(request);
  if (response.error != NetError::none) {
    return core::fail("cmi5: cannot read LMS.LaunchData from " + launch.endpoint + ": " +
                      std::string(to_string(response.error)) + " (" + response.error_text + ")");
  }
  if (response.status == 404) {
    return core::fail("cmi5: the LMS has not written LMS.LaunchData for this registration");
  }
  if (response.status != 200) {
    return core::fail("cmi5: reading LMS.LaunchData answered HTTP " +
                      std::to_string(response.status));
  }
  const json doc = json::parse(response.body, nullptr, false);
  if (!doc.is_object()) return core::fail("cmi5: LMS.LaunchData is not a JSON object");
  Cmi5LaunchData data;
  if (doc.contains("moveOn")) {
    const auto move_on =
        doc["moveOn"].is_string() ? parse_move_on(doc["moveOn"].get<std::string>()) : std::nullopt;
    if (!move_on) return core::fail("cmi5: LMS.LaunchData has an unknown moveOn");
    data.move_on = *move_on;
  }
  if (doc.contains("masteryScore")) {
    const json& m = doc["masteryScore"];
    if (!m.is_number() || m.get<double>() < 0.0 || m.get<double>() > 1.0) {
      return core::fail("cmi5: LMS.LaunchData masteryScore must be a number from 0 to 1");
    }
    data.mastery_scaled = m.get<double>();
  }
  if (doc.contains("launchMode")) {
    const std::string mode =
        doc["launchMode"].is_string() ? doc["launchMode"].get<std::string>() : "";
    if (mode != "Normal" && mode != "Browse" && mode != "Review") {
      return core::fail("cmi5: LMS.LaunchData launchMode must be Normal, Browse or Review");
    }
    data.launch_mode = mode;
  }
  if (doc.contains("returnURL") && doc["returnURL"].is_string())
    data.return_url = doc["returnURL"].get<std::string>();
  return data;
}

Result<Cmi5Launch> parse_cmi5_launch(std::string_view url) {
  const auto question = url.find('?');
  if (question == std::string_view::npos) {
    return core::fail(
        "cmi5 launch URL has no query (expected endpoint, fetch, actor, "
        "registration, activityId)");
  }
  std::string_view query = url.substr(question + 1);
  if (const auto hash = query.find('#'); hash != std::string_view::npos)
    query = query.substr(0, hash);
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos) {
      params[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
    }
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  for (const char* key : {"endpoint", "fetch", "actor", "registration", "activityId"}) {
    if (!params.contains(key) || params[key].empty()) {
      return core::fail(std::string("cmi5 launch URL lacks the '") + key + "' parameter");
    }
  }
  Cmi5Launch launch;
  launch.endpoint = params["endpoint"];
  launch.fetch = params["fetch"];
  launch.registration = params["registration"];
  launch.activity_id = params["activityId"];
  if (!is_http_iri(launch.endpoint)) return core::fail("cmi5 endpoint is not an http(s) URL");
  if (!launch.endpoint.ends_with('/')) launch.endpoint += '/';
  if (!is_http_iri(launch.fetch)) return core::fail("cmi5 fetch is not an http(s) URL");
  if (!is_uuid(launch.registration)) return core::fail("cmi5 registration is not a UUID");
  if (!is_http_iri(launch.activity_id)) return core::fail("cmi5 activityId is not an IRI");
  try {
    launch.actor = json::parse(params["actor"]);
  } catch (const json::exception&) {
    return core::fail("cmi5 actor is not valid JSON");
  }
  // Same privacy rule as our own statements: an account with an opaque id, nothing else.
  if (!launch.actor.is_object() || !launch.actor.contains("account") ||
      !launch.actor["account"].is_object() || !launch.actor["account"].contains("name") ||
      !launch.actor["account"]["name"].is_string() ||
      !launch.actor["account"].contains("homePage")) {
    return core::fail("cmi5 actor must be an Agent with an account {homePage, name}");
  }
  if (launch.actor.contains("name") || launch.actor.contains("mbox")) {
    return core::fail("cmi5 actor carries a name or e-mail; only the account id may be used");
  }
  if (auto ok = check_trainee_id(launch.actor["account"]["name"].get<std::string>()); !ok) {
    return core::fail("cmi5 actor: " + ok.error().message);
  }
  return launch;
}

Result<Credentials> fetch_cmi5_token(HttpClient& http, const std::string& fetch_url,
                                     long timeout_ms, const std::string& ca_bundle) {
  HttpRequest request;
  request.method = "POST";
  request.url = fetch_url;
  request.timeout_ms = timeout_ms;
  request.connect_timeout_ms = timeout_ms;
  request.ca_bundle = ca_bundle;
  const HttpResponse response = http.perform(request);
  if (response.error != NetError::none) {
    return core::fail("cmi5 fetch failed: " + std::string(to_string(response.error)) + " (" +
                      response.error_text + ")");
  }
  json answer;
  try {
    answer = json::parse(response.body);
  } catch (const json::exception&) {
    return core::fail("cmi5 fetch answered HTTP " + std::to_string(response.status) +
                      " without JSON");
  }
  if (answer.is_object() && answer.contains("error-code")) {
    const std::string code = answer["error-code"].is_string()
                                 ? answer["error-code"].get<std::string>()
                                 : answer["error-code"].dump();
    const std::string text = answer.value("error-text", std::string());
    return core::fail("cmi5 fetch refused (error-code " + code + "): " + text);
  }
  if (response.status != 200) {
    return core::fail("cmi5 fetch answered HTTP " + std::to_string(response.status));
  }
  if (!answer.is_object() || !answer.contains("auth-token") || !answer["auth-token"].is_string() ||
      answer["auth-token"].get<std::string>().empty()) {
    return core::fail("cmi5 fetch answer has no auth-token");
  }
  return Credentials::token(answer["auth-token"].get<std::string>());
}

std::optional<MoveOn> parse_move_on(std::string_view text) {
  if (text == "Passed") return MoveOn::passed;
  if (text == "Completed") return MoveOn::completed;
  if (text == "CompletedAndPassed") return MoveOn::completed_and_passed;
  if (text == "CompletedOrPassed") return MoveOn::completed_or_passed;
  if (text == "NotApplicable") return MoveOn::not_applicable;
  return std::nullopt;
}

Result<void> Cmi5SessionRules::accept(const json& s) {
  const std::string verb = s.at("verb").at("id").get<std::string>();
  const bool about_au = s.at("object").at("id").get<std::string>() == au_id_;
  const bool has_score = s.contains("result") && s["result"].contains("score");
  const bool has_duration = s.contains("result") && s["result"].contains("duration");
  auto rule = [&](std::string text) { return core::fail("cmi5: " + text); };

  if (terminated_) return rule("no statement may follow terminated");
  if (!about_au) {
    if (!initialized_) return rule("statements must come after initialized");
    return {};
  }
  if (verb == iri::k_launched) return rule("the LMS sends launched, not the AU");
  if (!initialized_) {
    if (verb != iri::k_initialized) return rule("initialized must be the first statement");
    initialized_ = true;
    return {};
  }
  if (verb == iri::k_initialized) return rule("initialized may be sent only once");
  if (has_score && verb != iri::k_passed && verb != iri::k_failed) {
    return rule("a score may only be reported on passed or failed");
  }
  if (verb == iri::k_completed) {
    if (completed_) return rule("completed may be sent only once per registration");
    if (!has_duration) return rule("completed needs result.duration");
    completed_ = true;
  } else if (verb == iri::k_passed || verb == iri::k_failed) {
    const bool passed = verb == iri::k_passed;
    if (passed_)
      return rule(passed ? "passed may be sent only once" : "failed may not follow passed");
    if (!has_duration) return rule("passed/failed need result.duration");
    if (mastery_ && has_score && s["result"]["score"].contains("scaled")) {
      const double scaled = s["result"]["score"]["scaled"].get<double>();
      if (passed && scaled < *mastery_)
        return rule("passed with a scaled score below masteryScore");
      if (!passed && scaled >= *mastery_)
        return rule("failed with a scaled score at or above masteryScore");
    }
    (passed ? passed_ : failed_) = true;
  } else if (verb == iri::k_terminated) {
    if (!has_duration) return rule("terminated needs result.duration");
    terminated_ = true;
  }
  return {};
}

bool Cmi5SessionRules::satisfied() const {
  switch (move_on_) {
    case MoveOn::passed:
      return passed_;
    case MoveOn::completed:
      return completed_;
    case MoveOn::completed_and_passed:
      return completed_ && passed_;
    case MoveOn::completed_or_passed:
      return completed_ || passed_;
    case MoveOn::not_applicable:
      return true;
  }
  return false;
}

}  // namespace txr::upload
