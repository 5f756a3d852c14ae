// `tradexr run <package> --mode headless --script F`: one training attempt, recorded and signed.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/command_registry.hpp"
#include "assessment/reader.hpp"
#include "assessment/scoring.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "input/scripted_trainee.hpp"
#include "scenario/package_loader.hpp"
#include "session/desktop_run.hpp"
#include "session/offscreen_view.hpp"
#include "session/recording.hpp"
#include "session/replay.hpp"
#include "session/scripted_run.hpp"
#include "session/xapi_link.hpp"
#include "session/xr_run.hpp"

namespace txr::app {
namespace {

struct RunOptions {
  std::string package;
  std::string mode;  // empty: headless with a script, desktop without
  std::string gpu;
  std::string screenshot;
  std::uint64_t frames = 0;
  bool validation = false;
  bool fast = false;
  std::string script;
  std::string record;
  std::string lang;
  std::string trainee = "guest";
  std::string upload_config;  // empty: $TRADEXR_UPLOAD_CONFIG or ~/.config/tradexr/upload.json
  double break_reminder_min = 20.0;  // 0: no reminders
  std::string cmi5_launch;           // empty: $TRADEXR_CMI5_LAUNCH; set: an LMS launched this run
  bool practice = false;
  bool json = false;
  bool realtime = false;
  bool render = false;  // headless: render offscreen every frame too
  double physics_hz = 240.0;
  std::string turn = "snap";            // XR: snap, smooth or off (right thumbstick)
  std::string comfort_vignette = "on";  // XR: darken the periphery while turning
};

// Reports hold scores of an identified (by opaque id) trainee: owner-only, like the record.
core::Result<void> write_private_file(const std::filesystem::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return core::fail("cannot write " + path.string());
  const auto written = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()))
    return core::fail("cannot write " + path.string());
  return {};
}

int run(const RunOptions& o) {
  const auto launched_at = std::chrono::system_clock::now();
  auto loaded = session::load_scenario(o.package);
  if (!loaded.scenario) {
    for (const auto& f : loaded.diagnostics.findings()) std::cerr << f.to_string(o.package) << "\n";
    std::cerr << "tradexr run: the package has errors; fix them first (tradexr check " << o.package
              << ")\n";
    return 2;
  }
  const scenario::Scenario& sc = *loaded.scenario;
  const std::string lang = o.lang.empty() ? sc.meta.languages.front() : o.lang;

  const std::string mode = !o.mode.empty() ? o.mode : (o.script.empty() ? "desktop" : "headless");
  if (mode == "headless" && o.script.empty()) {
    std::cerr << "tradexr run: headless mode needs a trainee script (--script FILE)\n";
    return 2;
  }
  if (mode == "headless" && !o.screenshot.empty() && !o.render) {
    std::cerr << "tradexr run: a headless run draws nothing unless --render is given "
                 "(add --render to save a screenshot)\n";
    return 2;
  }
  input::ScriptLoad script;
  if (!o.script.empty()) script = input::load_trainee_script(o.script);
  if (!script.ok()) {
    for (const auto& e : script.errors) std::cerr << e.to_string() << "\n";
    return 2;
  }

  session::SessionOptions options;
  options.mode = o.practice ? scenario::Mode::practice : scenario::Mode::assessment;
  options.physics_hz = o.physics_hz;
  options.break_reminder_s = o.break_reminder_min * 60.0;
  // With the mouse, grabbing works along the ray under the cursor; scripts reach like hands.
  options.desktop_aim_ray = mode == "desktop" && o.script.empty();
  auto created = session::Session::create(sc, options);
  if (!created) {
    const scenario::Finding finding{scenario::FindingSeverity::error, created.error().where,
                                    created.error().message};
    std::cerr << "tradexr run: cannot build the scene: " << finding.to_string(o.package) << "\n";
    return 2;
  }
  session::Session& s = **created;
  if (const auto errors = input::check_script_targets(script.script, s.world_query());
      !errors.empty()) {
    for (const auto& e : errors) std::cerr << e.to_string() << "\n";
    return 2;
  }

  // Launched by an LMS (cmi5): the token is fetched once, before anything else is sent.
  std::optional<session::Cmi5Session> cmi5;
  std::string trainee_id = o.trainee;
  std::string launch_url = o.cmi5_launch;
  if (launch_url.empty()) {
    if (const char* env = std::getenv("TRADEXR_CMI5_LAUNCH"); env != nullptr) launch_url = env;
  }
  if (!launch_url.empty()) {
    auto begun = session::begin_cmi5(launch_url, session::data_dir() / "outbox");
    if (!begun) {
      std::cerr << "tradexr run: cmi5 launch: " << begun.error().to_string()
                << " (nothing was sent; ask the LMS for a new launch)\n";
      return 2;
    }
    cmi5 = std::move(*begun);
    trainee_id = cmi5->launch.actor["account"]["name"].get<std::string>();
  }

  bool validation_failed = false;
  session::RecordingSetup setup;
  setup.path = o.record;
  setup.trainee_id = trainee_id;
  setup.run_mode = mode;
  setup.language = lang;
  setup.device = mode == "desktop" ? "desktop (mouse and keyboard)" : "headless";
  if (mode == "desktop" && !o.script.empty()) setup.device = "desktop (scripted)";
  if (mode == "xr") setup.device = o.script.empty() ? "xr (OpenXR)" : "xr (OpenXR, scripted)";
  auto recorder = session::open_recording(sc, options, setup);
  if (!recorder) {
    std::cerr << "tradexr run: cannot create the session record: " << recorder.error().to_string()
              << "\n";
    return 2;
  }
  auto& rec = **recorder;
  // xAPI statements are committed to the outbox as events happen (docs/upload.md).
  session::XapiLinkSetup xapi_setup;
  xapi_setup.config_path = o.upload_config;
  xapi_setup.trainee_id = trainee_id;
  xapi_setup.cmi5 = cmi5;
  xapi_setup.mode = mode;
  xapi_setup.language = lang;
  xapi_setup.judged = !o.practice;
  xapi_setup.launched_at = launched_at;
  const auto xapi = session::XapiLink::start(sc, xapi_setup);
  s.set_event_callback([&rec, &xapi](const session::SessionEvent& e) {
    if (auto r = rec.push_event(e.time_s, e.type, e.subject, session::event_payload_json(e)); !r) {
      core::log_warn("run", "event not recorded: " + r.error().message);
    }
    xapi->on_event(e);
  });

  input::ScriptedTrainee trainee(script.script, session::default_trainee_start());
  session::ScriptedRunSummary summary;
  std::uint64_t frames_rendered = 0;
  nlohmann::json xr_info;  // --mode xr: runtime, frame timing, lifecycle (in --json)
  if (mode == "xr") {
    session::XrRunOptions xr_options;
    xr_options.validation = o.validation;
    xr_options.max_frames = o.frames;
    xr_options.hud_options.language = lang;  // the headset HUD's texts
    xr_options.comfort.turn = o.turn == "smooth" ? xr::TurnMode::smooth
                              : o.turn == "off"  ? xr::TurnMode::off
                                                 : xr::TurnMode::snap;
    xr_options.vignette.enabled = o.comfort_vignette == "on";
    xr_options.on_frame = [&rec, &s](const core::InputFrame& f) {
      rec.push_frame(f, s.held_tool_sample());
    };
    auto ran = session::run_xr(s, o.script.empty() ? nullptr : &trainee, xr_options);
    if (!ran) {
      std::cerr << "tradexr run: XR mode is not available: " << ran.error().to_string()
                << "\n  hint: use --mode desktop (a window) instead\n";
      (void)rec.close();
      return 2;
    }
    summary.frames = ran->frames;
    summary.session_time_s = ran->session_time_s;
    (void)rec.push_event(summary.session_time_s, "xr_frame_timing", sc.meta.id, ran->timing_json);
    xr_info = {{"runtime", ran->runtime_name},
               {"timing", nlohmann::json::parse(ran->timing_json)},
               {"states", ran->states},
               {"session_lost", ran->session_lost},
               {"runtime_requested_exit", ran->runtime_requested_exit},
               {"frames_rendered", ran->rendered_frames},
               {"depth_submitted", ran->depth_submitted},
               {"hud_frames", ran->hud_frames},
               {"hand_tracking", ran->hand_tracking},
               {"hand_frames", ran->hand_frames},
               {"vignette_frames", ran->vignette_frames},
               {"haptic_pulses", ran->haptic_pulses},
               {"profiles", ran->accepted_profiles},
               {"xr_messages", ran->xr_messages},
               {"validation_messages", ran->validation_messages}};
    if (ran->session_lost) std::cerr << "tradexr run: the XR session was lost (headset gone)\n";
    if (o.validation && ran->validation_messages + ran->xr_messages > 0) {
      std::cerr << "tradexr run: " << ran->validation_messages << " Vulkan and " << ran->xr_messages
                << " OpenXR validation message(s)\n";
      validation_failed = true;
    }
  } else if (mode == "desktop") {
    session::DesktopRunOptions desktop;
    desktop.language = lang;
    desktop.gpu = o.gpu;
    desktop.validation = o.validation;
    desktop.max_frames = o.frames;
    desktop.screenshot = o.screenshot;
    desktop.realtime = !o.fast;
    desktop.on_frame = [&rec, &s](const core::InputFrame& f) {
      rec.push_frame(f, s.held_tool_sample());
    };
    auto shown = session::run_desktop(s, o.script.empty() ? nullptr : &trainee, desktop);
    if (!shown) {
      std::cerr << "tradexr run: desktop mode is not available: " << shown.error().to_string()
                << "\n  hint: run headless with a trainee script instead (--mode headless "
                   "--script FILE)\n";
      (void)rec.close();
      return 2;
    }
    summary.frames = shown->frames;
    frames_rendered = shown->frames;
    summary.session_time_s = shown->session_time_s;
    if (o.validation && shown->validation_messages > 0) {
      std::cerr << "tradexr run: " << shown->validation_messages << " validation message(s)\n";
      validation_failed = true;
    }
  } else {
    session::ScriptedRunOptions run_options;
    run_options.realtime = o.realtime;
    run_options.on_frame = [&rec, &s](const core::InputFrame& f) {
      rec.push_frame(f, s.held_tool_sample());
    };
    std::unique_ptr<session::OffscreenView> offscreen;
    core::Result<void> drawn;
    if (o.render) {
      auto created_view =
          session::OffscreenView::create(s, {.gpu = o.gpu, .validation = o.validation});
      if (!created_view) {
        std::cerr << "tradexr run: cannot render: " << created_view.error().to_string() << "\n";
        (void)rec.close();
        return 2;
      }
      offscreen = std::move(*created_view);
      run_options.after_frame = [&](const core::InputFrame& f) {
        drawn = offscreen->render(s, f);
        return drawn.has_value();
      };
    }
    summary = session::run_scripted(s, trainee, run_options);
    if (offscreen && drawn && !o.screenshot.empty()) drawn = offscreen->save_png(s, o.screenshot);
    if (!drawn) {
      std::cerr << "tradexr run: rendering failed: " << drawn.error().to_string() << "\n";
      (void)rec.close();
      return 2;
    }
    if (offscreen) {
      frames_rendered = offscreen->frames_rendered();
      if (o.validation && offscreen->validation_messages() > 0) {
        std::cerr << "tradexr run: " << offscreen->validation_messages()
                  << " validation message(s)\n";
        validation_failed = true;
      }
    }
  }
  (void)rec.push_event(summary.session_time_s, "session_ended", sc.meta.id,
                       session::session_end_payload(s, summary.frames));
  const auto closed = rec.close();
  if (!closed) {
    std::cerr << "tradexr run: the record could not be closed: " << closed.error().to_string()
              << "\n";
    return 2;
  }
  for (const auto& w : trainee.warnings()) core::log_warn("script", w.to_string());

  // The live score is computed from the closed record, exactly as `tradexr score` re-scores it.
  auto reader = assessment::Reader::open(rec.path());
  if (!reader) {
    std::cerr << "tradexr run: cannot read the record back: " << reader.error().to_string() << "\n";
    return 2;
  }
  auto recorded_events = reader->events();
  auto recorded_frames = reader->frames();
  if (!recorded_events || !recorded_frames) {
    std::cerr << "tradexr run: cannot read the record back\n";
    return 2;
  }
  const auto report = assessment::score_session(sc, *recorded_events, *recorded_frames,
                                                session::scenario_content_hash(sc));
  auto report_path = rec.path();
  report_path.replace_extension(".report.json");
  if (auto written = write_private_file(report_path, assessment::to_json(report).dump(2));
      !written) {
    std::cerr << "tradexr run: " << written.error().to_string() << "\n";
    return 2;
  }
  xapi->finish(report, rec.header(), *recorded_frames, summary.session_time_s);
  const session::XapiRunSummary statements = xapi->stop();

  const auto& engine = s.engine();
  const std::string outcome = engine.outcome() == scenario::Outcome::running
                                  ? "incomplete"
                                  : std::string(scenario::to_string(engine.outcome()));
  if (o.json) {
    nlohmann::json out;
    out["scenario"] = sc.meta.id;
    out["outcome"] = outcome;
    out["steps_done"] = engine.steps_done();
    out["steps_required"] = engine.steps_required();
    out["physics_hash"] = core::to_hex(s.physics_hash());
    out["physics_steps"] = s.physics_steps();
    out["frames"] = summary.frames;
    out["frames_rendered"] = frames_rendered;
    out["session_time_s"] = summary.session_time_s;
    out["frames_rejected"] = s.frames_rejected();
    out["record"] = rec.path().string();
    out["report"] = report_path.string();
    out["score"] = assessment::to_json(report);
    // The last value of every state conditions can read (e.g. flange.gap_spread_mm).
    auto& final_state = out["state"] = nlohmann::json::object();
    const auto& table = s.state();
    for (scenario::SlotId slot = 0; slot < table.size(); ++slot) {
      auto& v = final_state[table.name(slot)];
      switch (table.type(slot)) {
        case scenario::ValueType::number:
          v = table.number(slot);
          break;
        case scenario::ValueType::boolean:
          v = table.boolean(slot);
          break;
        case scenario::ValueType::text:
          v = std::string(table.text(slot));
          break;
      }
    }
    out["xapi"] = statements.to_json();
    if (!xr_info.is_null()) out["xr"] = xr_info;
    // Where every object ended up (tests check a part was moved or turned).
    auto& objects = out["objects"] = nlohmann::json::array();
    for (const auto& object : sc.objects) {
      if (const auto pose = s.scene().world->body_pose(object.id)) {
        objects.push_back({{"id", object.id},
                           {"position_m", pose->position_m},
                           {"orientation", pose->orientation}});
      }
    }
    auto& events = out["events"] = nlohmann::json::array();
    for (const auto& e : s.events()) {
      events.push_back({{"time_s", e.time_s},
                        {"type", e.type},
                        {"subject", e.subject},
                        {"detail", e.detail},
                        {"value", e.value}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << sc.strings.get(lang, sc.meta.title_key) << "\n"
              << "outcome: " << outcome << " (" << engine.steps_done() << "/"
              << engine.steps_required() << " steps, " << summary.session_time_s << " s)\n"
              << "violations: " << engine.violation_count(scenario::Severity::warning)
              << " warning, " << engine.violation_count(scenario::Severity::major) << " major, "
              << engine.violation_count(scenario::Severity::critical) << " critical\n"
              << "physics hash: " << core::to_hex(s.physics_hash()) << "\n"
              << "score: " << report.total << " / 100 — " << (report.passed ? "PASS" : "FAIL")
              << " (mastery " << report.mastery_score << ")\n"
              << "record: " << rec.path().string() << "\n"
              << "report: " << report_path.string() << "\n"
              << statements.to_text() << "\n";
  }
  return validation_failed ? 3 : 0;
}

void add_run_command(CLI::App& root, CommandContext& context) {
  auto o = std::make_shared<RunOptions>();
  auto* cmd = root.add_subcommand("run", "Run a training attempt of a scenario package");
  cmd->add_option("package", o->package, "Scenario package folder")->required();
  cmd->add_option("--mode", o->mode,
                  "desktop (a window; mouse and keyboard, or a script to watch), headless "
                  "(no window; a trainee script drives the hands) or xr (a headset through "
                  "OpenXR; controllers, or a script). Default: headless with --script, "
                  "desktop without")
      ->check(CLI::IsMember({"desktop", "headless", "xr"}));
  cmd->add_option("--gpu", o->gpu, "Desktop or --render: GPU index or name substring");
  cmd->add_flag("--fast", o->fast, "Desktop with a script: do not pace at wall-clock speed");
  cmd->add_option("--screenshot", o->screenshot,
                  "Save the last frame to this PNG (desktop, or headless with --render)");
  cmd->add_flag("--render", o->render,
                "Headless: also render every frame offscreen (no window; for --screenshot and "
                "measuring)");
  cmd->add_option("--frames", o->frames, "Desktop: stop after this many frames (0: no limit)");
  cmd->add_flag("--validation", o->validation,
                "Desktop or --render: Vulkan validation layer on (exit 3 on any message)");
  cmd->add_option("--script", o->script, "Trainee script (docs/trainee-scripts.md)");
  cmd->add_option("--record", o->record, "Session record to create (default: the data folder)");
  cmd->add_option("--lang", o->lang, "Language of the trainee texts")
      ->check(CLI::IsMember({"vi", "en"}));
  cmd->add_option("--trainee", o->trainee, "Opaque trainee id (never a name or e-mail)");
  cmd->add_option("--upload-config", o->upload_config,
                  "xAPI upload config (default: $TRADEXR_UPLOAD_CONFIG, else "
                  "~/.config/tradexr/upload.json; none: no statements)");
  cmd->add_option("--turn", o->turn,
                  "XR: turning with the right thumbstick — snap (30 degrees, default), smooth "
                  "(90 degrees/s) or off")
      ->check(CLI::IsMember({"snap", "smooth", "off"}));
  cmd->add_option("--comfort-vignette", o->comfort_vignette,
                  "XR: darken the edges of the view while turning with the thumbstick (on, "
                  "default) or not (off)")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--break-reminder-min", o->break_reminder_min,
                  "Remind the trainee to take a break after this many minutes, and again after "
                  "each further interval (0: never)")
      ->check(CLI::Range(0.0, 600.0));
  cmd->add_option("--cmi5-launch", o->cmi5_launch,
                  "cmi5 launch URL from the LMS (default: $TRADEXR_CMI5_LAUNCH); statements go "
                  "to the LMS's LRS under its rules");
  cmd->add_flag("--practice", o->practice, "Practice mode (hints on) instead of assessment");
  cmd->add_flag("--json", o->json, "Print the full result as JSON");
  cmd->add_flag("--realtime", o->realtime, "Pace the run at wall-clock speed");
  cmd->add_option("--physics-hz", o->physics_hz, "Physics rate")->check(CLI::Range(60.0, 2000.0));
  cmd->callback([o, &context] { context.exit_code = run(*o); });
}

const bool k_registered = register_command("run", add_run_command);

}  // namespace
}  // namespace txr::app
