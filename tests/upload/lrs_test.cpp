// Against the real LRS (npm xapi-statements on 127.0.0.1, see tools/lrs).
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/log.hpp"
#include "lrs_harness.hpp"
#include "test_support.hpp"
#include "upload/http_client.hpp"
#include "upload/outbox.hpp"
#include "upload/statement_validation.hpp"
#include "upload/uploader.hpp"
#include "upload/vocabulary.hpp"
#include "upload_test_util.hpp"

using namespace txr;
using nlohmann::json;

namespace {

std::unique_ptr<test::LrsHarness> start_lrs(const std::string& name) {
  auto lrs = test::LrsHarness::start(test::scratch_dir(name));
  if (!lrs) FAIL(lrs.error().message);
  return std::move(*lrs);
}

std::vector<upload::Statement> queue_session(
    upload::Outbox& outbox, upload::SessionFacts facts,
    upload::AttachmentPolicy policy = upload::AttachmentPolicy::none) {
  auto built = upload::build_session_statements(facts, test::builder_options(policy));
  REQUIRE(built);
  REQUIRE(outbox.enqueue_all(*built));
  return *built;
}

// Fields the LRS adds or normalises; everything else must come back exactly as we sent it.
json comparable(json s) {
  for (const char* key : {"stored", "authority", "version"}) s.erase(key);
  return s;
}

// Every string anywhere in a JSON value.
void collect_strings(const json& v, std::vector<std::string>& out) {
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      out.push_back(key);
      collect_strings(child, out);
    }
  } else if (v.is_array()) {
    for (const auto& child : v) collect_strings(child, out);
  }
}

}  // namespace

TEST_CASE("[upload] every statement kind passes the Learning Locker validator and the LRS") {
  auto facts = test::synthetic_session();
  auto all = upload::build_session_statements(
      facts, test::builder_options(upload::AttachmentPolicy::summary));
  REQUIRE(all);
  facts.cmi5 = true;  // the cmi5 flavour adds categories and extensions
  facts.mastery_scaled = 0.8;
  facts.registration.clear();
  auto cmi5 = upload::build_session_statements(facts, test::builder_options());
  REQUIRE(cmi5);
  auto failed = upload::build_session_statements(test::synthetic_session("TR-7", false),
                                                 test::builder_options());
  REQUIRE(failed);
  std::vector<json> statements;
  for (const auto* set : {&*all, &*cmi5, &*failed}) {
    for (const auto& s : *set) statements.push_back(json::parse(s.json));
  }
  auto warnings =
      test::validate_with_learninglocker(statements, test::scratch_dir("upload-validate"));
  REQUIRE_MESSAGE(warnings, (warnings ? "" : warnings.error().message));
  REQUIRE(warnings->size() == statements.size());
  for (std::size_t i = 0; i < statements.size(); ++i) {
    INFO(statements[i]["verb"]["id"].get<std::string>());
    CHECK((*warnings)[i].empty());
  }
  // The validator does find problems (so the empty lists above mean something).
  json broken = statements[0];
  broken["context"]["contextActivities"]["grouping"] = json{{"id", "https://x.org/a"}};
  broken["result"] = json{{"score", {{"scaled", 1.5}}}};
  auto bad = test::validate_with_learninglocker({broken}, test::scratch_dir("upload-validate-bad"));
  REQUIRE(bad);
  CHECK((*bad)[0].size() >= 1);

  // And the LRS accepts all of them, attachments included.
  auto lrs = start_lrs("upload-lrs-kinds");
  const auto dir = test::scratch_dir("upload-kinds");
  auto config = test::write_config(dir, lrs->lrs_endpoint());
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  REQUIRE(outbox->enqueue_all(*all));
  REQUIRE(outbox->enqueue_all(*cmi5));
  REQUIRE(outbox->enqueue_all(*failed));
  upload::Uploader uploader(config);
  const auto report = uploader.drain();
  CHECK_MESSAGE(report.stop == upload::UploadStop::drained, report.message);
  CHECK(report.parked == 0);
  CHECK(lrs->lrs_statements().size() == statements.size());
  const auto with_attachment =
      std::find_if(all->begin(), all->end(), [](const auto& s) { return !s.attachments.empty(); });
  REQUIRE(with_attachment != all->end());
  const auto stored = test::LrsHarness::get_json(lrs->lrs_endpoint() +
                                                 "statements?statementId=" + with_attachment->id);
  REQUIRE(stored.contains("attachments"));
  CHECK(stored["attachments"][0]["sha2"] == with_attachment->attachments[0].sha256_hex);
}

TEST_CASE("[upload] a full session appears in the LRS as the expected sequence, field by field") {
  auto lrs = start_lrs("upload-lrs-session");
  const auto dir = test::scratch_dir("upload-session");
  auto config = test::write_config(dir, lrs->lrs_endpoint(), {{"batch_size", 4}});
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  const auto sent = queue_session(*outbox, test::synthetic_session());
  upload::Uploader uploader(config);
  const auto report = uploader.drain();
  REQUIRE_MESSAGE(report.stop == upload::UploadStop::drained, report.message);
  CHECK(report.sent == static_cast<std::int64_t>(sent.size()));
  CHECK(report.requests == 3);  // 10 statements in batches of 4

  const auto stored = lrs->lrs_statements();
  REQUIRE(stored.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    json expected = json::parse(sent[i].json);
    json got = comparable(stored[i]);
    // The LRS fills in objectType defaults; ours are explicit already, so both match as sent.
    CHECK_MESSAGE(got == expected, "statement " << i << "\nexpected " << expected.dump()
                                                << "\ngot      " << got.dump());
  }
  auto counts = outbox->counts();
  CHECK(counts->queued == 0);
  CHECK(counts->sent == static_cast<std::int64_t>(sent.size()));
}

TEST_CASE("[upload] a statement the LRS rejects is parked with the reason and the rest arrives") {
  auto lrs = start_lrs("upload-lrs-reject");
  const auto dir = test::scratch_dir("upload-reject");
  auto config = test::write_config(dir, lrs->lrs_endpoint(), {{"batch_size", 10}});
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  auto built = upload::build_session_statements(test::synthetic_session(), test::builder_options());
  REQUIRE(built);
  // Another system already stored a different statement under one of our ids: the LRS answers
  // 409 for it and 400/409 for any batch containing it.
  const std::string taken = (*built)[4].id;
  json other = json::parse((*built)[4].json);
  other["verb"]["id"] = "http://adlnet.gov/expapi/verbs/experienced";
  upload::HttpClient http;
  upload::HttpRequest put;
  put.url = lrs->lrs_endpoint() + "statements";
  put.body = "[" + other.dump() + "]";
  put.headers = {"X-Experience-API-Version: 1.0.3", "Content-Type: application/json",
                 "Authorization: Basic dGVzdDp0ZXN0"};
  REQUIRE(http.perform(put).status == 200);
  REQUIRE(outbox->enqueue_all(*built));

  upload::Uploader uploader(config);
  const auto report = uploader.drain();
  CHECK(report.stop == upload::UploadStop::drained);
  CHECK(report.parked == 1);
  CHECK(report.sent == static_cast<std::int64_t>(built->size()) - 1);
  auto parked = outbox->find(taken);
  REQUIRE(parked->has_value());
  CHECK((*parked)->state == upload::OutboxState::parked);
  CHECK((*parked)->reason.starts_with("HTTP 409"));
  std::set<std::string> in_lrs;
  for (const auto& s : lrs->lrs_statements()) in_lrs.insert(s["id"].get<std::string>());
  for (const auto& s : *built) CHECK(in_lrs.contains(s.id));
  // The statement in the LRS under the taken id is the other one, not ours.
  const auto stored =
      test::LrsHarness::get_json(lrs->lrs_endpoint() + "statements?statementId=" + taken);
  CHECK(stored["verb"]["id"] == "http://adlnet.gov/expapi/verbs/experienced");
  CHECK(outbox->list(upload::OutboxState::parked, 10)->size() == 1);

  // The operator's view: list, show and retry from the CLI.
  const auto tradexr = (std::filesystem::path(TXR_BINARY_DIR) / "bin" / "tradexr").string();
  const std::string db = config.outbox_path.string();
  std::string listed;
  CHECK(test::run_capture({tradexr, "outbox", "list", "--state", "parked", "--outbox", db},
                          listed) == 0);
  CHECK(listed.find(taken) != std::string::npos);
  CHECK(listed.find("HTTP 409") != std::string::npos);
  std::string shown;
  CHECK(test::run_capture({tradexr, "outbox", "show", taken, "--outbox", db}, shown) == 0);
  CHECK(shown.find("state: parked") != std::string::npos);
  CHECK(shown.find("TR-2026-0042") != std::string::npos);
  std::string retried;
  CHECK(test::run_capture({tradexr, "outbox", "retry", taken, "--outbox", db}, retried) == 0);
  CHECK((*outbox->find(taken))->state == upload::OutboxState::queued);
  std::string missing;
  CHECK(test::run_capture({tradexr, "outbox", "retry", taken, "--outbox", db}, missing) == 1);
  CHECK(missing.find("no parked statement") != std::string::npos);
}

TEST_CASE("[upload] a 400 for one bad statement parks only that one") {
  auto lrs = start_lrs("upload-lrs-400");
  const auto dir = test::scratch_dir("upload-400");
  auto config = test::write_config(dir, lrs->lrs_endpoint(), {{"batch_size", 8}});
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  auto built = upload::build_session_statements(test::synthetic_session(), test::builder_options());
  REQUIRE(built);
  // Our validator would stop this at the event; here it stands in for whatever a stricter LRS
  // rejects (an extension value it cannot store): we bypass the builder to plant it.
  json odd = json::parse((*built)[3].json);
  odd["result"]["score"] = {{"raw", 5}, {"min", 0}, {"max", 10}, {"scaled", 0.5}};
  odd["object"]["definition"]["interactionType"] = "not-an-interaction-type";
  (*built)[3].json = odd.dump();
  REQUIRE(outbox->enqueue_all(*built));
  upload::Uploader uploader(config);
  const auto report = uploader.drain();
  CHECK(report.stop == upload::UploadStop::drained);
  CHECK(report.parked == 1);
  auto parked = outbox->find((*built)[3].id);
  REQUIRE(parked->has_value());
  CHECK((*parked)->reason.starts_with("HTTP 400"));
  CHECK((*parked)->reason.find("interactionType") != std::string::npos);
  CHECK(lrs->lrs_statements().size() == built->size() - 1);
}

TEST_CASE("[upload] refused credentials stop the upload with a clear message and lose nothing") {
  auto lrs = start_lrs("upload-lrs-auth");
  const auto dir = test::scratch_dir("upload-auth");
  auto config = test::write_config(dir, lrs->proxy_endpoint());
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  const auto sent = queue_session(*outbox, test::synthetic_session());
  for (int status : {401, 403}) {
    lrs->set_faults(json::array({{{"kind", "status"}, {"status", status}}}));
    upload::Uploader uploader(config);
    const auto report = uploader.drain();
    CHECK(report.stop == upload::UploadStop::auth_failed);
    CHECK(report.message.find("credentials") != std::string::npos);
    CHECK(report.message.find("Nothing was lost") != std::string::npos);
    CHECK(outbox->counts()->queued == static_cast<std::int64_t>(sent.size()));
    CHECK(outbox->last_error()->find("HTTP " + std::to_string(status)) != std::string::npos);
  }
  // The LRS itself answers 401 to a token it does not know.
  upload::UploadConfig bad = config;
  bad.endpoint = lrs->lrs_endpoint();
  bad.credentials = upload::Credentials::token("missing_token");
  CHECK(upload::Uploader(bad).drain().stop == upload::UploadStop::auth_failed);
  // Fixed credentials: everything arrives.
  lrs->set_faults(json::array());
  upload::Uploader uploader(config);
  CHECK(uploader.drain().stop == upload::UploadStop::drained);
  CHECK(lrs->lrs_statements().size() == sent.size());
}

TEST_CASE("[upload] no trainee name or e-mail reaches the LRS, and the secret is never logged") {
  auto lrs = start_lrs("upload-lrs-privacy");
  const auto dir = test::scratch_dir("upload-privacy");
  const std::string secret = "sEcReT-" + upload::new_uuid();
  auto config = test::write_config(dir, lrs->proxy_endpoint(), {{"batch_size", 3}}, secret);
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  for (int i = 0; i < 3; ++i)
    queue_session(*outbox, test::synthetic_session("TR-" + std::to_string(100 + i)),
                  upload::AttachmentPolicy::summary);

  struct Capture {
    std::string text;
  } capture;
  core::set_log_level(core::LogLevel::trace);
  core::set_log_sink(
      [](core::LogLevel, std::string_view module, std::string_view message, void* user) {
        static_cast<Capture*>(user)->text +=
            std::string(module) + ": " + std::string(message) + "\n";
      },
      &capture);
  lrs->set_faults(json::array({{{"kind", "status"}, {"status", 500}},
                               {{"kind", "reset"}},
                               {{"kind", "status"}, {"status", 401}}}));
  upload::Uploader(config).drain();  // 500, reset, then 401: stops
  const auto report = upload::Uploader(config).drain();
  core::set_log_sink(nullptr, nullptr);
  core::set_log_level(core::LogLevel::info);
  CHECK(report.stop == upload::UploadStop::drained);
  CHECK(capture.text.find("401") != std::string::npos);  // the capture did see the failures

  // The CLI, including a failing run, prints neither the secret nor its Basic encoding.
  std::string output;
  const auto tradexr = std::filesystem::path(TXR_BINARY_DIR) / "bin" / "tradexr";
  lrs->set_faults(json::array({{{"kind", "status"}, {"status", 403}}}));
  queue_session(*outbox, test::synthetic_session("TR-200"));
  const std::string cfg_path = (dir / "upload.json").string();
  CHECK(test::run_capture(
            {tradexr.string(), "--log-level", "trace", "upload", "--config", cfg_path}, output) ==
        3);
  CHECK(test::run_capture(
            {tradexr.string(), "--log-level", "trace", "upload", "--config", cfg_path}, output) ==
        0);
  CHECK(test::run_capture({tradexr.string(), "outbox", "status", "--config", cfg_path}, output) ==
        0);
  CHECK(output.find("credentials") != std::string::npos);
  CHECK(output.find("queued: 0") != std::string::npos);
  const std::string basic = upload::Credentials::basic("test-key", secret).authorization_header();
  const std::string encoded = basic.substr(basic.rfind(' ') + 1);
  for (const std::string* text : {&capture.text, &output}) {
    CHECK(text->find(secret) == std::string::npos);
    CHECK(text->find(encoded) == std::string::npos);
  }
  const std::string db = test::read_file(config.outbox_path);
  CHECK(db.find(secret) == std::string::npos);

  // Everything the LRS received: account actors only, no e-mail, no name field.
  const auto bodies = lrs->received_bodies();
  REQUIRE_FALSE(bodies.empty());
  std::size_t statements_seen = 0;
  for (const std::string& body : bodies) {
    CHECK_FALSE(upload::contains_email(body));
    CHECK(body.find(secret) == std::string::npos);
  }
  for (const json& s : lrs->lrs_statements()) {
    ++statements_seen;
    CHECK_FALSE(s["actor"].contains("name"));
    CHECK_FALSE(s["actor"].contains("mbox"));
    CHECK(s["actor"]["account"]["name"].get<std::string>().starts_with("TR-"));
    std::vector<std::string> strings;
    collect_strings(comparable(s), strings);  // authority is the LRS's own client record
    for (const auto& text : strings) CHECK_FALSE(upload::contains_email(text));
  }
  CHECK(statements_seen == 4 * 10);
}
