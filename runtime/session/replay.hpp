#pragma once
// Replaying a record: the recorded InputFrames are fed through a fresh Session built from the
// same package, which must end in the same physics state as the live run.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "scenario/scenario.hpp"
#include "session/session.hpp"

namespace txr::session {

struct ReplayResult {
  std::string package;  // the package folder used
  std::uint64_t frames = 0;
  std::uint64_t frames_rejected = 0;           // refused as NaN or absurd (never reach physics)
  std::uint64_t physics_hash = 0;              // after the last frame
  std::optional<std::uint64_t> recorded_hash;  // what the live run stored, if it closed
  bool content_matches = true;                 // the package content hash equals the recorded one
  scenario::Outcome outcome = scenario::Outcome::running;
  std::size_t steps_done = 0;
  std::vector<SessionEvent> events;
};

// `package_override` replaces the package path stored in the record (moved or shared packages).
core::Result<ReplayResult> replay_record(const std::filesystem::path& record,
                                         const std::filesystem::path& package_override = {});

// The "session_ended" event a run writes last: final hash, frames and outcome.
std::string session_end_payload(const Session& session, std::uint64_t frames);

}  // namespace txr::session
