// Construct validity: for every reference scenario (scenarios/<trade>/<name>/ with
// scripts/expert.yaml), seeded variations of the expert script and of the mistake scripts are
// run, recorded and scored exactly as `tradexr run` does, and the two groups must separate on
// total score (Mann–Whitney U, p < 0.001). Packages are discovered when the test runs, so a new
// reference scenario is included as soon as it lands. Both distributions are printed.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "assessment/device_key.hpp"
#include "assessment/mann_whitney.hpp"
#include "assessment/metrics.hpp"
#include "assessment/reader.hpp"
#include "assessment/scoring.hpp"
#include "input/scripted_trainee.hpp"
#include "script_variation.hpp"
#include "session/recording.hpp"
#include "session/replay.hpp"
#include "session/scripted_run.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace a = txr::assessment;
namespace s = txr::session;
using txr::test::Skill;

namespace {

constexpr int k_runs_per_group = 20;

struct Package {
  fs::path dir;
  fs::path expert;
  std::vector<fs::path> mistakes;  // every other script in scripts/
};

std::vector<Package> discover_packages() {
  std::vector<Package> out;
  const fs::path root = txr::test::source_dir() / "scenarios";
  for (const auto& trade : fs::directory_iterator(root)) {
    if (!trade.is_directory()) continue;
    for (const auto& dir : fs::directory_iterator(trade.path())) {
      const fs::path scripts = dir.path() / "scripts";
      if (!fs::exists(dir.path() / "scenario.yaml") || !fs::exists(scripts / "expert.yaml")) {
        continue;
      }
      Package p{dir.path(), scripts / "expert.yaml", {}};
      for (const auto& f : fs::directory_iterator(scripts)) {
        if (f.path().extension() == ".yaml" && f.path().filename() != "expert.yaml") {
          p.mistakes.push_back(f.path());
        }
      }
      std::sort(p.mistakes.begin(), p.mistakes.end());
      out.push_back(std::move(p));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Package& x, const Package& y) { return x.dir < y.dir; });
  return out;
}

struct RunResult {
  bool ok = false;
  std::string error;
  double total = 0.0;
  bool passed = false;
  std::string outcome;
  double path_length_m = -1.0;
  std::string script;
};

// One attempt the way `tradexr run --record` does it: session + recorder, session_ended, close,
// then the score from the closed record.
RunResult run_once(const txr::scenario::Scenario& sc, const txr::input::TraineeScript& script,
                   const fs::path& record, const fs::path& key_dir) {
  RunResult out;
  s::SessionOptions options;
  auto session = s::Session::create(sc, options);
  if (!session) {
    out.error = session.error().to_string();
    return out;
  }
  s::Session& session_ref = **session;
  if (auto errors = txr::input::check_script_targets(script, session_ref.world_query());
      !errors.empty()) {
    out.error = errors.front().to_string();
    return out;
  }
  s::RecordingSetup setup;
  setup.path = record;
  setup.trainee_id = "t-00000000c0ffee01";
  setup.run_mode = "headless";
  setup.language = sc.meta.languages.front();
  setup.device = "construct-validity test";
  setup.key_dir = key_dir;
  auto recorder = s::open_recording(sc, options, setup);
  if (!recorder) {
    out.error = recorder.error().to_string();
    return out;
  }
  auto& rec = **recorder;
  session_ref.set_event_callback([&rec](const s::SessionEvent& e) {
    (void)rec.push_event(e.time_s, e.type, e.subject, s::event_payload_json(e));
  });
  txr::input::ScriptedTrainee trainee(script, s::default_trainee_start());
  s::ScriptedRunOptions run_options;
  run_options.on_frame = [&rec, &session_ref](const txr::core::InputFrame& f) {
    rec.push_frame(f, session_ref.held_tool_sample());
  };
  const auto summary = s::run_scripted(session_ref, trainee, run_options);
  (void)rec.push_event(summary.session_time_s, "session_ended", sc.meta.id,
                       s::session_end_payload(session_ref, summary.frames));
  if (auto closed = rec.close(); !closed) {
    out.error = closed.error().to_string();
    return out;
  }
  auto reader = a::Reader::open(record);
  if (!reader) {
    out.error = reader.error().to_string();
    return out;
  }
  auto events = reader->events();
  auto frames = reader->frames();
  if (!events || !frames) {
    out.error = "cannot read the record back";
    return out;
  }
  const auto report = a::score_session(sc, *events, *frames, s::scenario_content_hash(sc));
  out.ok = true;
  out.total = report.total;
  out.passed = report.passed;
  out.outcome = report.outcome;
  std::vector<double> t;
  std::vector<a::Vec3> p;
  a::extract_trajectory(*frames, a::TrackedPoint::right_grip, t, p);
  if (t.size() >= 2) out.path_length_m = a::path_length_m(t, p);
  return out;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(pos);
  const double frac = pos - static_cast<double>(i);
  return i + 1 < v.size() ? v[i] * (1.0 - frac) + v[i + 1] * frac : v[i];
}

std::string fmt(double v, int digits = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string describe(const std::string& name, const std::vector<RunResult>& runs) {
  std::vector<double> totals, paths;
  int passed = 0;
  std::map<std::string, int> outcomes;
  for (const auto& r : runs) {
    totals.push_back(r.total);
    if (r.path_length_m >= 0.0) paths.push_back(r.path_length_m);
    passed += r.passed ? 1 : 0;
    ++outcomes[r.outcome];
  }
  std::ostringstream o;
  o << "  " << name << " (" << runs.size() << " runs): total min " << fmt(quantile(totals, 0))
    << ", q1 " << fmt(quantile(totals, 0.25)) << ", median " << fmt(quantile(totals, 0.5))
    << ", q3 " << fmt(quantile(totals, 0.75)) << ", max " << fmt(quantile(totals, 1)) << "; "
    << passed << " passed;";
  for (const auto& [outcome, n] : outcomes) o << " " << outcome << " " << n;
  if (!paths.empty()) o << "; right-hand path median " << fmt(quantile(paths, 0.5), 2) << " m";
  o << "\n    scores:";
  std::sort(totals.begin(), totals.end());
  for (double t : totals) o << " " << fmt(t);
  o << "\n";
  return o.str();
}

}  // namespace

TEST_CASE(
    "[construct-validity] expert and novice runs of every reference scenario separate on total "
    "score") {
  const auto packages = discover_packages();
  REQUIRE_MESSAGE(!packages.empty(), "no reference scenario with scripts/expert.yaml found");
  const fs::path scratch = txr::test::scratch_dir("construct-validity");
  const fs::path key_dir = scratch / "key";
  fs::create_directories(key_dir);
  ::chmod(key_dir.c_str(), 0700);
  // The device key is created once, before the worker threads record in parallel.
  REQUIRE(a::DeviceKey::load_or_create(key_dir).has_value());

  for (const auto& pkg : packages) {
    const std::string name =
        pkg.dir.parent_path().filename().string() + "/" + pkg.dir.filename().string();
    INFO("package " << name);
    auto loaded = s::load_scenario(pkg.dir);
    REQUIRE_MESSAGE(loaded.scenario, "the package does not load (tradexr check " << name << ")");
    const auto& sc = *loaded.scenario;
    auto expert = txr::input::load_trainee_script(pkg.expert);
    REQUIRE_MESSAGE(expert.ok(), pkg.expert.string() << " does not parse");
    std::vector<txr::input::TraineeScript> mistakes;
    for (const auto& m : pkg.mistakes) {
      auto loaded_script = txr::input::load_trainee_script(m);
      REQUIRE_MESSAGE(loaded_script.ok(), m.string() << " does not parse");
      mistakes.push_back(loaded_script.script);
    }
    // Novices make the mistake scripts' mistakes in turn; a package without mistake scripts
    // gets novice motion on the expert's actions.
    if (mistakes.empty()) mistakes.push_back(expert.script);

    const fs::path dir = scratch / sc.meta.id;
    fs::create_directories(dir);
    struct Job {
      Skill skill;
      txr::input::TraineeScript script;
      fs::path record;
      std::string base;
    };
    std::vector<Job> jobs;
    for (int i = 0; i < k_runs_per_group; ++i) {
      const auto seed = static_cast<std::uint64_t>(1000 + i);
      jobs.push_back({Skill::expert, txr::test::vary_script(expert.script, Skill::expert, seed),
                      dir / ("expert-" + std::to_string(i) + ".txrec"), "expert.yaml"});
      const auto& base = mistakes[static_cast<std::size_t>(i) % mistakes.size()];
      jobs.push_back({Skill::novice, txr::test::vary_script(base, Skill::novice, seed + 500),
                      dir / ("novice-" + std::to_string(i) + ".txrec"),
                      fs::path(base.path).filename().string()});
    }
    // Two workers (the runs are independent sessions and records).
    std::vector<RunResult> results(jobs.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t j = next++; j < jobs.size(); j = next++) {
        results[j] = run_once(sc, jobs[j].script, jobs[j].record, key_dir);
        results[j].script = jobs[j].base;
      }
    };
    std::thread second(worker);
    worker();
    second.join();

    std::vector<RunResult> experts, novices;
    std::vector<double> expert_totals, novice_totals;
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      INFO("run " << jobs[j].record.filename().string() << " from " << jobs[j].base);
      REQUIRE_MESSAGE(results[j].ok, results[j].error);
      auto& group = jobs[j].skill == Skill::expert ? experts : novices;
      auto& totals = jobs[j].skill == Skill::expert ? expert_totals : novice_totals;
      group.push_back(results[j]);
      totals.push_back(results[j].total);
    }
    const auto u = a::mann_whitney_u(expert_totals, novice_totals);
    std::string mistakes_list;
    for (const auto& m : pkg.mistakes) mistakes_list += " " + m.filename().string();
    std::cout << "construct validity: " << name
              << " (novice mistakes from:" << (mistakes_list.empty() ? " none" : mistakes_list)
              << ")\n"
              << describe("expert", experts) << describe("novice", novices)
              << "  Mann-Whitney U(expert) = " << u.u1 << " of "
              << expert_totals.size() * novice_totals.size() << ", z = " << fmt(u.z, 2)
              << ", two-sided p = " << u.p_two_sided << "\n";
    CHECK(expert_totals.size() >= 20);
    CHECK(novice_totals.size() >= 20);
    CHECK_MESSAGE(u.z > 0.0, "novices scored higher than experts");
    CHECK_MESSAGE(u.p_two_sided < 0.001, "expert and novice scores do not separate");
  }
}
