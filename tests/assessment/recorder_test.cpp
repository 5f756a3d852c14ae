// The recorder, reader and verifier working together on whole sessions.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "assessment/reader.hpp"
#include "assessment/recorder.hpp"
#include "assessment/roster.hpp"
#include "assessment/verifier.hpp"
#include "record_fixture.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;
using txr::test::synthetic_frame;

namespace {

std::filesystem::path record_session(const std::filesystem::path& dir, int frames,
                                     a::RecorderOptions options = {}) {
  if (options.key_dir.empty()) options.key_dir = dir / "keys";
  const auto path = dir / "session.txrrec";
  auto rec = a::Recorder::open(path, txr::test::test_header(), options);
  REQUIRE_MESSAGE(rec.has_value(), (rec ? "" : rec.error().message));
  for (int i = 0; i < frames; ++i) {
    const auto f = synthetic_frame(static_cast<std::uint64_t>(i), i / 90.0);
    CHECK((*rec)->push_frame(f.input, f.tool));
    if (i % 45 == 0) {
      REQUIRE((*rec)->push_event(i / 90.0, "step_completed", "step-" + std::to_string(i / 45),
                                 R"({"ok":true,"torque_nm":72.5})"));
    }
  }
  auto stats = (*rec)->close();
  REQUIRE(stats.has_value());
  CHECK(stats->frames_written == static_cast<std::uint64_t>(frames));
  return path;
}

}  // namespace

TEST_CASE("[assessment] a recorded session reads back frame for frame and verifies") {
  const auto dir = txr::test::scratch_dir("assessment-roundtrip");
  const int n = 900;  // 10 s at 90 Hz
  const auto path = record_session(dir, n);

  const auto report = a::verify_record(path);
  INFO(report.to_text());
  CHECK(report.status == a::VerifyStatus::valid);
  CHECK(report.frames == n);
  CHECK(report.verified_up_to_s == doctest::Approx((n - 1) / 90.0));

  auto reader = a::Reader::open(path);
  REQUIRE(reader.has_value());
  CHECK(reader->header().scenario_id == "electrical/loto-motor");
  CHECK(reader->header().trainee_id == "t-0011223344556677");
  CHECK(reader->is_signed());
  auto frames = reader->frames();
  REQUIRE(frames.has_value());
  REQUIRE(frames->size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto expected = a::quantise(synthetic_frame(static_cast<std::uint64_t>(i), i / 90.0));
    const auto& got = (*frames)[static_cast<std::size_t>(i)];
    // Exact on the recording grid, within half a grid step of the original.
    CHECK(got.input.time_s == expected.input.time_s);
    CHECK(got.input.T_world_head.position_m == expected.input.T_world_head.position_m);
    CHECK(got.input.hands[1].T_world_aim.orientation ==
          expected.input.hands[1].T_world_aim.orientation);
    CHECK(got.tool.T_world_tool.position_m == expected.tool.T_world_tool.position_m);
    CHECK(got.input.hands[0].buttons == expected.input.hands[0].buttons);
    CHECK(got.input.ui.kind == expected.input.ui.kind);
    CHECK(got.input.ui.object == expected.input.ui.object);
    CHECK(got.input.ui.value == synthetic_frame(static_cast<std::uint64_t>(i), 0.0).input.ui.value);
  }
  auto events = reader->events();
  REQUIRE(events.has_value());
  CHECK(events->size() == 20);
  CHECK(events->front().payload_json == R"({"ok":true,"torque_nm":72.5})");
  // Records hold motion data: private to the user.
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);
}

TEST_CASE("[assessment] quantise is idempotent and close to the input") {
  for (int i = 0; i < 200; ++i) {
    const auto f = synthetic_frame(static_cast<std::uint64_t>(i), i * 0.0137 + 100.0);
    const auto q1 = a::quantise(f);
    const auto q2 = a::quantise(q1);
    CHECK(q1.input.T_world_head.position_m == q2.input.T_world_head.position_m);
    CHECK(q1.input.hands[0].T_world_grip.orientation == q2.input.hands[0].T_world_grip.orientation);
    CHECK(q1.input.time_s == q2.input.time_s);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(std::fabs(q1.input.T_world_head.position_m[k] - f.input.T_world_head.position_m[k]) <=
            0.51e-4);
    }
  }
}

TEST_CASE("[assessment] an e-mail address or a name is refused as trainee id") {
  const auto dir = txr::test::scratch_dir("assessment-header");
  for (const char* bad : {"an.nguyen@school.edu.vn", "Nguyễn Văn An", ""}) {
    auto rec = a::Recorder::open(dir / "x.txrrec", txr::test::test_header(bad),
                                 txr::test::test_options(dir / "keys"));
    REQUIRE_FALSE(rec.has_value());
    CHECK(rec.error().message.find("trainee id") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "x.txrrec"));
}

TEST_CASE("[assessment] an existing record is never overwritten") {
  const auto dir = txr::test::scratch_dir("assessment-nooverwrite");
  const auto path = record_session(dir, 10);
  auto again =
      a::Recorder::open(path, txr::test::test_header(), txr::test::test_options(dir / "keys"));
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().message.find("never overwritten") != std::string::npos);
  CHECK(a::verify_record(path).status == a::VerifyStatus::valid);
}

TEST_CASE("[assessment] trainee names stay in the roster and never enter a record") {
  const auto dir = txr::test::scratch_dir("assessment-roster");
  auto roster = a::Roster::open(dir / "roster.db");
  REQUIRE(roster.has_value());
  const std::string name = "Nguyễn Thị Hương";
  auto id = roster->add(name, "DT-K45");
  REQUIRE(id.has_value());
  CHECK(roster->name_of(*id) == name);
  struct stat st {};
  REQUIRE(::stat((dir / "roster.db").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  const auto path = dir / "s.txrrec";
  auto rec =
      a::Recorder::open(path, txr::test::test_header(*id), txr::test::test_options(dir / "keys"));
  REQUIRE(rec.has_value());
  for (int i = 0; i < 200; ++i) {
    const auto f = synthetic_frame(static_cast<std::uint64_t>(i), i / 90.0);
    (*rec)->push_frame(f.input, f.tool);
  }
  REQUIRE((*rec)->push_event(1.0, "hint", "isolate", "{}"));
  REQUIRE((*rec)->close());
  const std::string bytes = txr::test::read_file(path);
  CHECK(bytes.find(*id) != std::string::npos);
  CHECK(bytes.find(name) == std::string::npos);
  CHECK(bytes.find("Hương") == std::string::npos);
  auto listed = roster->list();
  REQUIRE(listed.has_value());
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().display_name == name);

  // A roster others can read is refused.
  ::chmod((dir / "roster.db").c_str(), 0644);
  auto leaky = a::Roster::open(dir / "roster.db");
  REQUIRE_FALSE(leaky.has_value());
  CHECK(leaky.error().message.find("chmod 600") != std::string::npos);
}

TEST_CASE("[assessment] a writer that falls behind records a counted gap, never a silent one") {
  const auto dir = txr::test::scratch_dir("assessment-gap");
  auto options = txr::test::test_options(dir / "keys");
  options.queue_frames = 8;  // a tiny ring the writer cannot keep up with in a burst
  const auto path = dir / "gap.txrrec";
  auto rec = a::Recorder::open(path, txr::test::test_header(), options);
  REQUIRE(rec.has_value());
  int accepted = 0;
  for (int i = 0; i < 5000; ++i) {
    const auto f = synthetic_frame(static_cast<std::uint64_t>(i), i / 90.0);
    accepted += (*rec)->push_frame(f.input, f.tool) ? 1 : 0;
  }
  auto stats = (*rec)->close();
  REQUIRE(stats.has_value());
  CHECK(stats->frames_dropped > 0);
  CHECK(stats->frames_dropped + static_cast<std::uint64_t>(accepted) == 5000);
  const auto report = a::verify_record(path);
  INFO(report.to_text());
  CHECK(report.status == a::VerifyStatus::valid);
  CHECK(report.gap_frames == static_cast<std::int64_t>(stats->frames_dropped));
  CHECK(report.frames == accepted);
  REQUIRE_FALSE(report.notes.empty());
  CHECK(report.notes.front().find("frames dropped") != std::string::npos);
}

TEST_CASE("[assessment] bad event payloads are refused with a message") {
  const auto dir = txr::test::scratch_dir("assessment-events");
  auto rec = a::Recorder::open(dir / "e.txrrec", txr::test::test_header(),
                               txr::test::test_options(dir / "keys"));
  REQUIRE(rec.has_value());
  auto bad = (*rec)->push_event(1.0, "violation", "touch", "{not json");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.find("not valid JSON") != std::string::npos);
  CHECK_FALSE((*rec)->push_event(std::nan(""), "violation", "touch", "{}").has_value());
  CHECK((*rec)->close().has_value());
}
