#include <doctest/doctest.h>

#include <set>

#include "upload/ids.hpp"
#include "upload/statement_builder.hpp"
#include "upload/statement_validation.hpp"
#include "upload/vocabulary.hpp"
#include "upload_test_util.hpp"

using namespace txr;
using nlohmann::json;

namespace {
std::vector<json> parse_all(const std::vector<upload::Statement>& statements) {
  std::vector<json> out;
  for (const auto& s : statements) out.push_back(json::parse(s.json));
  return out;
}
}  // namespace

TEST_CASE("[upload] durations are ISO 8601 with 0.01 s precision") {
  CHECK(upload::format_duration(750.5) == "PT12M30.5S");
  CHECK(upload::format_duration(3600.0) == "PT1H");
  CHECK(upload::format_duration(0.0) == "PT0S");
  CHECK(upload::format_duration(3725.256) == "PT1H2M5.26S");
  CHECK(upload::format_duration(0.004) == "PT0S");
  CHECK(upload::format_duration(59.999) == "PT1M");
  CHECK(upload::format_duration(-3.0) == "PT0S");
  for (double s : {0.01, 1.5, 61.0, 7322.07})
    CHECK(upload::is_iso8601_duration(upload::format_duration(s)));
  CHECK_FALSE(upload::is_iso8601_duration("12:30"));
  CHECK_FALSE(upload::is_iso8601_duration("PT"));
}

TEST_CASE("[upload] timestamps are UTC with milliseconds and ids are random UUIDs") {
  using namespace std::chrono_literals;
  CHECK(upload::format_timestamp(upload::Clock::from_time_t(0) + 1789ms) ==
        "1970-01-01T00:00:01.789Z");
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = upload::new_uuid();
    CHECK(upload::is_uuid(id));
    CHECK(id[14] == '4');
    ids.insert(id);
  }
  CHECK(ids.size() == 1000);
}

TEST_CASE("[upload] trainee ids that look like e-mails or names are refused") {
  CHECK(upload::check_trainee_id("TR-2026-0042"));
  CHECK(upload::check_trainee_id("school7:4711"));
  CHECK_FALSE(upload::check_trainee_id("an.nguyen@school.edu.vn"));
  CHECK_FALSE(upload::check_trainee_id("Nguyen Van An"));
  CHECK_FALSE(upload::check_trainee_id("nguyenvanan"));
  CHECK_FALSE(upload::check_trainee_id(""));
  auto facts = test::synthetic_session("an.nguyen@school.edu.vn");
  auto built = upload::build_session_statements(facts, test::builder_options());
  REQUIRE_FALSE(built);
  CHECK(built.error().message.find("e-mail") != std::string::npos);
}

TEST_CASE(
    "[upload] a session becomes launched, initialized, steps, safety, completed, passed, "
    "terminated") {
  const auto facts = test::synthetic_session();
  auto built = upload::build_session_statements(facts, test::builder_options());
  REQUIRE(built);
  const auto all = parse_all(*built);
  std::vector<std::string> verbs;
  for (const auto& s : all) verbs.push_back(s["verb"]["id"].get<std::string>());
  const std::vector<std::string> expected{
      std::string(upload::iri::k_launched),  std::string(upload::iri::k_initialized),
      std::string(upload::iri::k_completed), std::string(upload::iri::k_received),
      std::string(upload::iri::k_completed), std::string(upload::iri::k_completed),
      std::string(upload::iri::k_completed), std::string(upload::iri::k_completed),
      std::string(upload::iri::k_passed),    std::string(upload::iri::k_terminated)};
  CHECK(verbs == expected);

  std::set<std::string> registrations;
  for (const auto& s : all) {
    CHECK(upload::validate_statement(s));
    registrations.insert(s["context"]["registration"].get<std::string>());
    CHECK(s["actor"] ==
          json{{"objectType", "Agent"},
               {"account", {{"homePage", test::k_home_page}, {"name", "TR-2026-0042"}}}});
    CHECK(s["context"]["contextActivities"]["grouping"][0]["id"] ==
          "https://tradexr.org/xapi/trades/electrical");
    CHECK(s["context"]["extensions"][std::string(upload::iri::k_ext_scenario_version)] == "1.2.0");
  }
  CHECK(registrations.size() == 1);
  CHECK(upload::is_uuid(*registrations.begin()));

  // Timestamps are the event times, not the build time.
  CHECK(all[0]["timestamp"] == upload::format_timestamp(facts.launched_at));
  CHECK(all[2]["timestamp"] == upload::format_timestamp(facts.steps[0].at));
  CHECK(all[3]["timestamp"] == upload::format_timestamp(facts.violations[0].at));

  const json& step = all[2];
  CHECK(step["object"]["definition"]["type"] == upload::iri::k_type_step);
  CHECK(step["object"]["id"] ==
        "https://tradexr.org/xapi/scenarios/electrical.loto-motor-circuit/steps/step-1");
  CHECK(step["context"]["contextActivities"]["parent"][0]["id"] ==
        "https://tradexr.org/xapi/scenarios/electrical.loto-motor-circuit");
  const json& safety = all[3];
  CHECK(safety["object"]["definition"]["type"] == upload::iri::k_type_feedback_safety);
  CHECK(safety["result"]["extensions"][std::string(upload::iri::k_ext_severity)] == "critical");

  const json& passed = all[8];
  CHECK(passed["result"]["score"] ==
        json{{"raw", 86.5}, {"min", 0.0}, {"max", 100.0}, {"scaled", 0.865}});
  CHECK(passed["result"]["success"] == true);
  CHECK(passed["result"]["completion"] == true);
  CHECK(passed["result"]["duration"] == "PT2M10.25S");
  CHECK(passed["result"]["extensions"][std::string(upload::iri::k_ext_metrics)]["path-length-m"] ==
        12.5);
  CHECK_FALSE(passed.contains("attachments"));  // policy none
  CHECK(all[7]["result"].contains("duration"));
  CHECK_FALSE(all[7]["result"].contains("score"));  // completed carries no score
  CHECK(all[9]["result"]["duration"] == "PT2M12.25S");
}

TEST_CASE("[upload] a failed attempt reports failed with success false") {
  auto built = upload::build_session_statements(test::synthetic_session("TR-1", false),
                                                test::builder_options());
  REQUIRE(built);
  const auto judged = json::parse((*built)[built->size() - 2].json);
  CHECK(judged["verb"]["id"] == upload::iri::k_failed);
  CHECK(judged["result"]["success"] == false);
  CHECK(judged["result"]["score"]["scaled"] == 0.4);
}

TEST_CASE("[upload] attachments follow the policy and carry the sha256") {
  auto facts = test::synthetic_session();
  facts.motion_trace =
      upload::AttachmentFact{"application/octet-stream", std::string("\x01\x02\x03", 3)};
  auto count_parts = [&](upload::AttachmentPolicy policy) {
    auto built = upload::build_session_statements(facts, test::builder_options(policy));
    REQUIRE(built);
    std::size_t parts = 0;
    for (const auto& s : *built) {
      parts += s.attachments.size();
      const auto j = json::parse(s.json);
      if (!s.attachments.empty()) {
        CHECK(j["attachments"][0]["sha2"] == upload::sha256_hex(facts.signed_summary->bytes));
        CHECK(j["attachments"][0]["length"] == facts.signed_summary->bytes.size());
        CHECK(j["attachments"][0]["usageType"] == upload::iri::k_attachment_summary);
      }
    }
    return parts;
  };
  CHECK(count_parts(upload::AttachmentPolicy::none) == 0);
  CHECK(count_parts(upload::AttachmentPolicy::summary) == 1);
  CHECK(count_parts(upload::AttachmentPolicy::summary_and_motion) == 2);
  CHECK(upload::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("[upload] bad scores and bad statements are refused before they are queued") {
  auto facts = test::synthetic_session();
  facts.score_raw = 150.0;
  auto built = upload::build_session_statements(facts, test::builder_options());
  REQUIRE_FALSE(built);
  CHECK(built.error().message.find("within") != std::string::npos);

  auto good = upload::build_session_statements(test::synthetic_session(), test::builder_options());
  REQUIRE(good);
  const json base = json::parse((*good)[8].json);
  auto rejects = [&](auto mutate, const std::string& field) {
    json s = base;
    mutate(s);
    auto ok = upload::validate_statement(s);
    REQUIRE_FALSE(ok);
    CHECK_MESSAGE(ok.error().message.find(field) != std::string::npos, ok.error().message);
  };
  rejects([](json& s) { s["actor"]["mbox"] = "mailto:a@b.vn"; }, "actor.mbox");
  rejects([](json& s) { s["actor"]["name"] = "Nguyen Van An"; }, "actor.name");
  rejects([](json& s) { s["result"]["score"]["scaled"] = 1.5; }, "result.score.scaled");
  rejects([](json& s) { s["result"]["duration"] = "130 s"; }, "result.duration");
  rejects([](json& s) { s["result"]["success"] = "true"; }, "result.success");
  rejects([](json& s) { s["timestamp"] = "2026-11-22 04:05:06"; }, "timestamp");
  rejects([](json& s) { s["context"]["registration"] = "attempt-1"; }, "context.registration");
  rejects(
      [](json& s) {
        s["context"]["contextActivities"]["grouping"] = json{{"id", "https://x.org/a"}};
      },
      "contextActivities.grouping");
  rejects([](json& s) { s["stored"] = "2026-11-22T04:05:06.789Z"; }, "stored");
  rejects([](json& s) { s["object"]["definition"]["name"]["en"] = "contact an@school.edu.vn"; },
          "e-mail");
}
