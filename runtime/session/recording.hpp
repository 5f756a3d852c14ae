#pragma once
// Recording a session: opening the signed record with the right header, and the first event
// that says how to replay it (package, physics rate, mode).
#include <filesystem>
#include <memory>
#include <string>

#include "assessment/recorder.hpp"
#include "core/result.hpp"
#include "scenario/scenario.hpp"
#include "session/session.hpp"

namespace txr::session {

struct RecordingSetup {
  std::filesystem::path path;  // empty: default_record_path()
  std::string trainee_id;      // opaque id (validated by the recorder)
  std::string run_mode;        // xr | desktop | headless
  std::string language;
  std::string device;
  std::filesystem::path key_dir;  // empty: the recorder's default
};

// BLAKE2b (hex) over the package's scenario.yaml and locale files, so a record names exactly
// which package content it was made with.
std::string scenario_content_hash(const scenario::Scenario& scenario);

// <data dir>/records/<scenario-id>-<UTC time>.txrec, with the folder created 0700.
// The data dir is $TRADEXR_DATA_DIR, else $XDG_DATA_HOME/tradexr, else ~/.local/share/tradexr.
std::filesystem::path data_dir();
std::filesystem::path default_record_path(const scenario::Scenario& scenario);

// Opens the record and writes the "session_started" event that replay reads back.
core::Result<std::unique_ptr<assessment::Recorder>> open_recording(
    const scenario::Scenario& scenario, const SessionOptions& options, const RecordingSetup& setup);

// The JSON payload stored for a session event.
std::string event_payload_json(const SessionEvent& event);

}  // namespace txr::session
