// `tradexr run --cmi5-launch URL`: an LMS launch (the stand-in LMS in tools/lrs/fault-proxy.js
// hands out the token once and serves LMS.LaunchData) sends the run's statements to the LMS's
// LRS under the cmi5 rules, checked in the real LRS.
#include <doctest/doctest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>

#include "lrs_harness.hpp"
#include "test_support.hpp"
#include "upload/cmi5.hpp"
#include "upload/ids.hpp"
#include "upload/vocabulary.hpp"

using namespace txr;
using nlohmann::json;

namespace {

const std::string k_au = "https://lms.example/au/bolt-torque-intro";
const std::string k_home = "https://lms.example";

std::filesystem::path tradexr() { return std::filesystem::path(TXR_BINARY_DIR) / "bin/tradexr"; }
std::string script(const std::string& name) {
  return (test::source_dir() / "scenarios/mechanical/bolt-torque-intro/scripts" / (name + ".yaml"))
      .string();
}

std::string url_encode(const std::string& text) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

struct Launch {
  std::string url;
  std::string registration;
  std::string learner;
};

Launch make_launch(test::LrsHarness& lrs, const std::string& learner) {
  Launch l;
  l.registration = upload::new_uuid();
  l.learner = learner;
  const json actor{{"objectType", "Agent"}, {"account", {{"homePage", k_home}, {"name", learner}}}};
  l.url = "https://lms.example/launch/au?endpoint=" + url_encode(lrs.proxy_endpoint()) +
          "&fetch=" + url_encode(lrs.proxy_base() + "lms/fetch") +
          "&actor=" + url_encode(actor.dump()) + "&registration=" + l.registration +
          "&activityId=" + url_encode(k_au);
  return l;
}

std::string basic_token() {
  const std::string raw = "lms-au:one-time-secret";
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

// A run with its own data/key folders and no upload config at all: cmi5 needs none.
int run(const std::string& name, const std::vector<std::string>& extra, std::string& output,
        const std::vector<std::string>& env = {}) {
  const auto dir = test::scratch_dir(name);
  std::filesystem::create_directories(dir / "key");
  ::chmod((dir / "key").c_str(), 0700);
  std::vector<std::string> args{
      tradexr().string(), "run",
      (test::source_dir() / "scenarios/mechanical/bolt-torque-intro").string(), "--mode",
      "headless"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<std::string> full_env{"TRADEXR_DATA_DIR=" + (dir / "data").string(),
                                    "TRADEXR_KEY_DIR=" + (dir / "key").string(),
                                    "XDG_CONFIG_HOME=" + (dir / "config-home").string()};
  full_env.insert(full_env.end(), env.begin(), env.end());
  return test::run_capture(args, output, full_env);
}

std::vector<json> of_registration(const std::vector<json>& all, const std::string& registration) {
  std::vector<json> out;
  for (const auto& s : all) {
    if (s["context"].value("registration", "") == registration) out.push_back(s);
  }
  return out;
}

std::vector<std::string> verbs(const std::vector<json>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    std::string verb = s["verb"]["id"].get<std::string>();
    verb = verb.substr(verb.rfind('/') + 1);
    if (s["object"]["id"] != k_au) verb = "step";
    out.push_back(verb);
  }
  return out;
}

}  // namespace

TEST_CASE("[upload] a cmi5 launch sends the run to the LMS's LRS under the cmi5 rules") {
  ::unsetenv("TRADEXR_UPLOAD_CONFIG");
  auto started = test::LrsHarness::start(test::scratch_dir("cmi5-run-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  const json launch_data{{"contextTemplate", json::object()},
                         {"launchMode", "Normal"},
                         {"moveOn", "CompletedAndPassed"},
                         {"masteryScore", 0.8}};
  lrs.set_lms({{"token", basic_token()}, {"launch_data", launch_data}});
  const Launch launch = make_launch(lrs, "lms-learner-7f3a");

  std::string output;
  const int status =
      run("cmi5-run-expert", {"--script", script("expert"), "--cmi5-launch", launch.url}, output);
  INFO(output);
  REQUIRE(status == 0);
  CHECK(lrs.lms()["fetches"] == 1);  // the one-time fetch URL was used once
  CHECK(lrs.lms()["launch_data_reads"] == 1);

  const auto statements = of_registration(lrs.lrs_statements(), launch.registration);
  // No launched (the LMS sent it); initialized first; terminated last.
  CHECK(verbs(statements) == std::vector<std::string>{"initialized", "step", "step", "completed",
                                                      "passed", "terminated"});
  REQUIRE(statements.size() == 6);
  const auto session_id =
      statements[0]["context"]["extensions"][std::string(upload::iri::k_cmi5_sessionid)];
  CHECK(session_id.is_string());
  // cmi5 rules over the whole sequence, as an LMS would check them.
  upload::Cmi5SessionRules rules(k_au, upload::MoveOn::completed_and_passed, 0.8);
  for (const auto& s : statements) {
    INFO(s.dump());
    CHECK(s["actor"]["account"]["homePage"] == k_home);
    CHECK(s["actor"]["account"]["name"] == launch.learner);
    CHECK(s["context"]["extensions"][std::string(upload::iri::k_cmi5_sessionid)] == session_id);
    if (s["object"]["id"] == k_au) {
      bool cmi5_category = false;
      for (const auto& c : s["context"]["contextActivities"]["category"]) {
        cmi5_category = cmi5_category || c["id"] == upload::iri::k_cmi5_category;
      }
      CHECK(cmi5_category);
    }
    json plain = s;
    for (const char* key : {"stored", "authority", "version"}) plain.erase(key);
    CHECK(rules.accept(plain).has_value());
  }
  CHECK(rules.satisfied());
  CHECK(statements[4]["result"]["score"]["scaled"].get<double>() >= 0.8);

  // And each passes Learning Locker's validator.
  std::vector<json> plain;
  for (auto s : statements) {
    for (const char* key : {"stored", "authority", "version"}) s.erase(key);
    plain.push_back(std::move(s));
  }
  auto warnings = test::validate_with_learninglocker(plain, test::scratch_dir("cmi5-validate"));
  REQUIRE_MESSAGE(warnings, (warnings ? "" : warnings.error().message));
  for (const auto& w : *warnings) CHECK(w.empty());
}

TEST_CASE("[upload] the LMS's masteryScore decides pass or fail in a cmi5 launch") {
  auto started = test::LrsHarness::start(test::scratch_dir("cmi5-mastery-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  // The expert scores about 99.6: above the scenario's mastery (70), below this LMS's 0.999.
  lrs.set_lms(
      {{"token", basic_token()},
       {"launch_data", {{"launchMode", "Normal"}, {"moveOn", "Passed"}, {"masteryScore", 0.999}}}});
  const Launch strict = make_launch(lrs, "lms-learner-s01");
  std::string output;
  REQUIRE(run("cmi5-run-strict", {"--script", script("expert"), "--cmi5-launch", strict.url},
              output) == 0);
  auto statements = of_registration(lrs.lrs_statements(), strict.registration);
  CHECK(verbs(statements) == std::vector<std::string>{"initialized", "step", "step", "completed",
                                                      "failed", "terminated"});

  // A mistake script fails with the scenario's own mastery too; launched from the environment.
  lrs.set_lms({{"token", basic_token()},
               {"launch_data", {{"launchMode", "Normal"}, {"moveOn", "Passed"}}}});
  const Launch env_launch = make_launch(lrs, "lms-learner-e02");
  REQUIRE(run("cmi5-run-mistake", {"--script", script("wrench-not-set")}, output,
              {"TRADEXR_CMI5_LAUNCH=" + env_launch.url}) == 0);
  statements = of_registration(lrs.lrs_statements(), env_launch.registration);
  const auto v = verbs(statements);
  CHECK(std::count(v.begin(), v.end(), "failed") == 1);
  CHECK(std::count(v.begin(), v.end(), "passed") == 0);
  CHECK(v.front() == "initialized");
  CHECK(v.back() == "terminated");

  // Browse mode: no completed, passed or failed.
  lrs.set_lms({{"token", basic_token()}, {"launch_data", {{"launchMode", "Browse"}}}});
  const Launch browse = make_launch(lrs, "lms-learner-b03");
  REQUIRE(run("cmi5-run-browse", {"--script", script("expert"), "--cmi5-launch", browse.url},
              output) == 0);
  CHECK(verbs(of_registration(lrs.lrs_statements(), browse.registration)) ==
        std::vector<std::string>{"initialized", "step", "step", "terminated"});
}

TEST_CASE("[upload] a used fetch URL or a broken launch stops the run before anything is sent") {
  auto started = test::LrsHarness::start(test::scratch_dir("cmi5-bad-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  lrs.set_lms({{"token", basic_token()}, {"launch_data", {{"launchMode", "Normal"}}}});
  const Launch launch = make_launch(lrs, "lms-learner-t04");
  std::string output;
  REQUIRE(run("cmi5-bad-first", {"--script", script("expert"), "--cmi5-launch", launch.url},
              output) == 0);
  const auto before = lrs.lrs_statements().size();

  // The same launch again: the fetch answers with the cmi5 error; exit 2, nothing sent.
  CHECK(run("cmi5-bad-again", {"--script", script("expert"), "--cmi5-launch", launch.url},
            output) == 2);
  CHECK(output.find("cmi5 launch") != std::string::npos);
  CHECK(output.find("nothing was sent") != std::string::npos);
  CHECK(lrs.lrs_statements().size() == before);

  // A launch URL without its actor.
  const std::string no_actor = launch.url.substr(0, launch.url.find("&actor="));
  CHECK(run("cmi5-bad-url", {"--script", script("expert"), "--cmi5-launch", no_actor}, output) ==
        2);
  CHECK(output.find("'actor'") != std::string::npos);

  // No LaunchData written by the LMS.
  lrs.set_lms({{"token", basic_token()}});
  const Launch no_data = make_launch(lrs, "lms-learner-n05");
  CHECK(run("cmi5-bad-nodata", {"--script", script("expert"), "--cmi5-launch", no_data.url},
            output) == 2);
  CHECK(output.find("LMS.LaunchData") != std::string::npos);
  CHECK(lrs.lrs_statements().size() == before);
}
