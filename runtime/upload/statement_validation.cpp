#include "upload/statement_validation.hpp"

#include <cmath>
#include <regex>

#include "upload/ids.hpp"

namespace txr::upload {
namespace {

using core::Error;
using core::Result;
using nlohmann::json;

std::unexpected<Error> bad(std::string_view field, std::string_view why) {
  return core::fail("statement " + std::string(field) + ": " + std::string(why));
}

bool is_iri(std::string_view text) {
  if (text.empty() || text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  return is_http_iri(text) || text.starts_with("urn:");
}

Result<void> check_actor(const json& actor) {
  if (!actor.is_object()) return bad("actor", "must be an object");
  for (const char* key : {"name", "mbox", "mbox_sha1sum", "openid", "member"}) {
    if (actor.contains(key)) {
      return bad(std::string("actor.") + key,
                 "is not allowed: trainees are identified only by an account with an opaque id");
    }
  }
  if (actor.contains("objectType") && actor["objectType"] != "Agent") {
    return bad("actor.objectType", "must be Agent");
  }
  if (!actor.contains("account") || !actor["account"].is_object()) {
    return bad("actor.account", "is required (homePage + opaque trainee id)");
  }
  const json& account = actor["account"];
  if (!account.contains("homePage") || !account["homePage"].is_string() ||
      !is_http_iri(account["homePage"].get<std::string>())) {
    return bad("actor.account.homePage", "must be an http(s) IRI");
  }
  if (!account.contains("name") || !account["name"].is_string()) {
    return bad("actor.account.name", "must be the opaque trainee id");
  }
  if (auto ok = check_trainee_id(account["name"].get<std::string>()); !ok) {
    return bad("actor.account.name", ok.error().message);
  }
  return {};
}

Result<void> check_extensions(const json& ext, std::string_view field) {
  if (!ext.is_object()) return bad(field, "must be an object");
  for (const auto& [key, value] : ext.items()) {
    if (!is_iri(key)) return bad(field, "key '" + key + "' is not an IRI");
  }
  return {};
}

Result<void> check_result(const json& result) {
  if (!result.is_object()) return bad("result", "must be an object");
  for (const char* key : {"success", "completion"}) {
    if (result.contains(key) && !result[key].is_boolean()) {
      return bad(std::string("result.") + key, "must be a JSON boolean");
    }
  }
  if (result.contains("duration") &&
      (!result["duration"].is_string() ||
       !is_iso8601_duration(result["duration"].get<std::string>()))) {
    return bad("result.duration", "must be an ISO 8601 duration like PT12M30.5S");
  }
  if (result.contains("score")) {
    const json& score = result["score"];
    if (!score.is_object()) return bad("result.score", "must be an object");
    for (const char* key : {"scaled", "raw", "min", "max"}) {
      if (score.contains(key) &&
          (!score[key].is_number() || !std::isfinite(score[key].get<double>()))) {
        return bad(std::string("result.score.") + key, "must be a finite number");
      }
    }
    if (score.contains("scaled")) {
      const double scaled = score["scaled"].get<double>();
      if (scaled < -1.0 || scaled > 1.0) return bad("result.score.scaled", "must be in [-1, 1]");
    }
    const bool has_min = score.contains("min");
    const bool has_max = score.contains("max");
    if (has_min && has_max && score["min"].get<double>() > score["max"].get<double>()) {
      return bad("result.score", "min is greater than max");
    }
    if (score.contains("raw")) {
      const double raw = score["raw"].get<double>();
      if ((has_min && raw < score["min"].get<double>()) ||
          (has_max && raw > score["max"].get<double>())) {
        return bad("result.score.raw", "must lie within [min, max]");
      }
    }
  }
  if (result.contains("extensions"))
    return check_extensions(result["extensions"], "result.extensions");
  return {};
}

Result<void> check_context(const json& context) {
  if (!context.is_object()) return bad("context", "must be an object");
  if (context.contains("registration") && (!context["registration"].is_string() ||
                                           !is_uuid(context["registration"].get<std::string>()))) {
    return bad("context.registration", "must be a UUID");
  }
  for (const char* key : {"contextAgents", "contextGroups"}) {
    if (context.contains(key)) {
      return bad(std::string("context.") + key, "is xAPI 2.0 only and 1.0.3 LRSs reject it");
    }
  }
  if (context.contains("contextActivities")) {
    const json& activities = context["contextActivities"];
    if (!activities.is_object()) return bad("context.contextActivities", "must be an object");
    for (const auto& [key, list] : activities.items()) {
      const std::string field = "context.contextActivities." + key;
      if (key != "parent" && key != "grouping" && key != "category" && key != "other") {
        return bad(field, "is not a contextActivities key");
      }
      if (!list.is_array()) return bad(field, "must be an array");
      for (const json& activity : list) {
        if (!activity.is_object() || !activity.contains("id") || !activity["id"].is_string() ||
            !is_iri(activity["id"].get<std::string>())) {
          return bad(field, "entries must be activities with an IRI id");
        }
      }
    }
  }
  if (context.contains("extensions"))
    return check_extensions(context["extensions"], "context.extensions");
  return {};
}

Result<void> scan_for_email(const json& value, const std::string& path) {
  if (value.is_string()) {
    if (contains_email(value.get<std::string>())) {
      return bad(path, "contains an e-mail address (personal data must not be uploaded)");
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (contains_email(key)) return bad(path, "has a key that contains an e-mail address");
      if (auto ok = scan_for_email(child, path.empty() ? key : path + "." + key); !ok) return ok;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto ok = scan_for_email(value[i], path + "[" + std::to_string(i) + "]"); !ok) return ok;
    }
  }
  return {};
}

}  // namespace

Result<void> check_trainee_id(std::string_view id) {
  if (id.find('@') != std::string_view::npos) {
    return core::fail("trainee id looks like an e-mail address: use the opaque trainee id");
  }
  if (id.find_first_of(" \t") != std::string_view::npos) {
    return core::fail(
        "trainee id contains spaces and looks like a personal name: use the opaque "
        "trainee id");
  }
  static const std::regex k_pattern(R"(^[A-Za-z0-9][A-Za-z0-9._:-]{2,63}$)");
  if (!std::regex_match(id.begin(), id.end(), k_pattern)) {
    return core::fail(
        "trainee id must be 3-64 characters of letters, digits, '.', '_', ':' or "
        "'-' (an opaque id, not a name)");
  }
  bool has_digit = false;
  for (const char c : id) has_digit = has_digit || (c >= '0' && c <= '9');
  if (!has_digit) {
    return core::fail(
        "trainee id has no digit and may be a personal name: use the opaque "
        "trainee id issued by the school");
  }
  return {};
}

bool is_http_iri(std::string_view text) {
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  const std::size_t scheme = text.starts_with("https://") ? 8 : text.starts_with("http://") ? 7 : 0;
  return scheme != 0 && text.size() > scheme;
}

bool is_utc_timestamp(std::string_view text) {
  static const std::regex k_pattern(
      R"(^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$)");
  return std::regex_match(text.begin(), text.end(), k_pattern);
}

bool contains_email(std::string_view text) {
  static const std::regex k_pattern(
      R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
  return std::regex_search(text.begin(), text.end(), k_pattern) ||
         text.find("mailto:") != std::string_view::npos;
}

Result<void> validate_statement(const json& s) {
  if (!s.is_object()) return bad("", "must be a JSON object");
  for (const char* key : {"stored", "authority", "version"}) {
    if (s.contains(key)) return bad(key, "is set by the LRS and must not be sent");
  }
  if (!s.contains("id") || !s["id"].is_string() || !is_uuid(s["id"].get<std::string>())) {
    return bad("id", "must be a client-side UUID");
  }
  if (!s.contains("timestamp") || !s["timestamp"].is_string() ||
      !is_utc_timestamp(s["timestamp"].get<std::string>())) {
    return bad("timestamp", "must be a UTC ISO 8601 time like 2026-11-22T04:05:06.789Z");
  }
  if (!s.contains("actor")) return bad("actor", "is required");
  if (auto ok = check_actor(s["actor"]); !ok) return ok;
  if (!s.contains("verb") || !s["verb"].is_object() || !s["verb"].contains("id") ||
      !s["verb"]["id"].is_string() || !is_iri(s["verb"]["id"].get<std::string>())) {
    return bad("verb.id", "must be an IRI");
  }
  if (!s.contains("object") || !s["object"].is_object() || !s["object"].contains("id") ||
      !s["object"]["id"].is_string() || !is_iri(s["object"]["id"].get<std::string>())) {
    return bad("object.id", "must be an IRI");
  }
  if (s.contains("result")) {
    if (auto ok = check_result(s["result"]); !ok) return ok;
  }
  if (s.contains("context")) {
    if (auto ok = check_context(s["context"]); !ok) return ok;
  }
  if (s.contains("attachments")) {
    if (!s["attachments"].is_array()) return bad("attachments", "must be an array");
    for (const json& a : s["attachments"]) {
      if (!a.is_object() || !a.contains("usageType") || !a.contains("contentType") ||
          !a.contains("length") || !a.contains("sha2") || !a.contains("display")) {
        return bad("attachments", "need usageType, display, contentType, length and sha2");
      }
    }
  }
  return scan_for_email(s, "");
}

}  // namespace txr::upload
