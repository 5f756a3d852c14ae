#include "session/session.hpp"

#include <cmath>
#include <numbers>

#include "assessment/frame_codec.hpp"
#include "core/log.hpp"

namespace txr::session {

// The state slots an object exports, resolved once; absent ones stay unset.
struct Session::ObjectSlots {
  std::string id;
  std::optional<scenario::SlotId> pos_x, pos_y, pos_z, touched, in_socket, grabbed, pressed,
      press_count, angle_deg, detent, position_mm, engaged_target, alignment_error_deg, use_count;
  double presses = 0.0;
  double uses = 0.0;
};

scenario::LoadResult load_scenario(const std::filesystem::path& package_dir) {
  scenario::LoadOptions options;
  options.components = &trade_components();
  return scenario::load_package(package_dir, options);
}

namespace {

// Errors found while binding the scene and the trade models name the object they are about
// ("object 'q1', isolator component: ..."); point them at that object in scenario.yaml so
// `tradexr check` and `tradexr run` give file:line:column like the loader does.
core::Error locate(const scenario::Scenario& scenario, core::Error error) {
  if (!error.where.file.empty()) return error;
  const std::string& m = error.message;
  for (std::size_t open = m.find('\''); open != std::string::npos; open = m.find('\'', open + 1)) {
    const std::size_t close = m.find('\'', open + 1);
    if (close == std::string::npos) break;
    const int index = scenario.find_object(std::string_view(m).substr(open + 1, close - open - 1));
    if (index >= 0) {
      error.where = scenario.objects[static_cast<std::size_t>(index)].where;
      break;
    }
    open = close;
  }
  return error;
}

}  // namespace

core::Result<std::unique_ptr<Session>> Session::create(const scenario::Scenario& scenario,
                                                       const SessionOptions& options) {
  auto session = create_unlocated(scenario, options);
  if (!session) return std::unexpected(locate(scenario, std::move(session.error())));
  return session;
}

core::Result<std::unique_ptr<Session>> Session::create_unlocated(const scenario::Scenario& scenario,
                                                                 const SessionOptions& options) {
  SceneBuildOptions build;
  build.physics_hz = options.physics_hz;
  build.desktop_aim_ray = options.desktop_aim_ray;
  auto scene = build_scene(scenario, build);
  if (!scene) return std::unexpected(scene.error());
  std::unique_ptr<Session> session(new Session(scenario, options, std::move(*scene)));
  auto trade = TradeBindings::create(scenario, session->state_);
  if (!trade) return std::unexpected(trade.error());
  session->trade_ = std::move(*trade);
  Session* self = session.get();
  session->trade_->set_event_callback([self](const sim::SimEvent& e, const std::string& target) {
    const std::string type(sim::to_string(e.kind));
    if (!target.empty()) self->subject_events_.push_back({e.time_s, target, type});
    self->subject_events_.push_back({e.time_s, std::string(e.source), type});
    self->push_event({e.time_s, type, std::string(e.source),
                      target.empty() ? std::string(e.detail) : target, e.value});
  });
  session->trade_->set_result_callback([self](double time_s, const TradeResult& r) {
    self->push_event({time_s, "trade_result", r.object, r.quantity, r.value, r.target});
  });
  if (auto bound = session->bind_object_state(); !bound) return std::unexpected(bound.error());
  session->engine_->start();
  return session;
}

Session::Session(const scenario::Scenario& scenario, const SessionOptions& options,
                 BuiltScene scene)
    : scenario_(scenario),
      options_(options),
      scene_(std::move(scene)),
      state_(scenario.initial_state),
      query_(scenario, scene_, subject_events_),
      step_dt_s_(1.0 / options.physics_hz) {
  scenario::EventListener* engine_listener = this;  // private base: convert here
  engine_ =
      std::make_unique<scenario::StepEngine>(scenario_, state_, options_.mode, engine_listener);
  scene_.world->set_listener(this);
  scene_.interaction->set_listener(this);
}

Session::~Session() {
  scene_.interaction->set_listener(nullptr);
  scene_.world->set_listener(nullptr);
}

core::Result<void> Session::bind_object_state() {
  for (const auto& object : scenario_.objects) {
    ObjectSlots s;
    s.id = object.id;
    auto find = [&](const char* field) { return state_.find(object.id + "." + field); };
    s.pos_x = find("pos_x_m");
    s.pos_y = find("pos_y_m");
    s.pos_z = find("pos_z_m");
    s.touched = find("touched");
    s.in_socket = find("in_socket");
    s.grabbed = find("grabbed");
    s.pressed = find("pressed");
    s.press_count = find("press_count");
    s.angle_deg = find("angle_deg");
    s.detent = find("detent");
    s.position_mm = find("position_mm");
    s.engaged_target = find("engaged_target");
    s.alignment_error_deg = find("alignment_error_deg");
    s.use_count = find("use_count");
    object_slots_.push_back(std::move(s));
  }
  for (const auto& socket : scene_.interaction->state().sockets) {
    if (auto slot = state_.find(socket.id + ".occupant")) {
      socket_occupant_slots_.emplace_back(socket.id, *slot);
    }
  }
  write_object_state();
  return {};
}

void Session::write_object_state() {
  const auto& act = scene_.interaction->state();
  const auto& world = *scene_.world;
  for (auto& s : object_slots_) {
    if (s.pos_x) {
      if (const auto pose = world.body_pose(s.id)) {
        state_.set_number(*s.pos_x, pose->position_m[0]);
        state_.set_number(*s.pos_y, pose->position_m[1]);
        state_.set_number(*s.pos_z, pose->position_m[2]);
      }
    }
    bool held = false;
    for (const auto& hand : act.hands) held = held || hand.held_body == s.id;
    if (s.grabbed) state_.set_bool(*s.grabbed, held);
    if (s.touched) {
      bool touching = held;
      for (const auto& hand : {core::Hand::left, core::Hand::right}) {
        for (const auto& c : world.contacts()) {
          const auto& a = world.body_id(c.body_a);
          const auto& b = world.body_id(c.body_b);
          const char* hand_id = physics::Interaction::hand_body_id(hand);
          touching = touching || (a == s.id && b == hand_id) || (b == s.id && a == hand_id);
        }
      }
      state_.set_bool(*s.touched, touching);
    }
    if (s.in_socket) {
      std::string_view socket_id;
      for (const auto& socket : act.sockets) {
        if (socket.occupant == s.id) socket_id = socket.id;
      }
      state_.set_text(*s.in_socket, socket_id);
    }
    for (const auto& button : act.buttons) {
      if (button.id == s.id && s.pressed) state_.set_bool(*s.pressed, button.pressed);
    }
    if (s.press_count) state_.set_number(*s.press_count, s.presses);
    for (const auto& knob : act.knobs) {
      if (knob.id != s.id) continue;
      if (s.angle_deg) state_.set_number(*s.angle_deg, knob.angle_rad * 180.0 / std::numbers::pi);
      if (s.detent) state_.set_number(*s.detent, knob.detent);
    }
    for (const auto& slide : act.slides) {
      if (slide.id == s.id && s.position_mm)
        state_.set_number(*s.position_mm, slide.position_m * 1000.0);
    }
    for (const auto& tool : act.tools) {
      if (tool.tool != s.id) continue;
      if (s.engaged_target) state_.set_text(*s.engaged_target, tool.target);
      if (s.alignment_error_deg) {
        state_.set_number(*s.alignment_error_deg, tool.angle_error_rad * 180.0 / std::numbers::pi);
      }
    }
    if (s.use_count) state_.set_number(*s.use_count, s.uses);
  }
  for (const auto& [socket_id, slot] : socket_occupant_slots_) {
    for (const auto& socket : act.sockets) {
      if (socket.id == socket_id) state_.set_text(slot, socket.occupant);
    }
  }
}

void Session::update(const core::InputFrame& raw_frame) {
  if (ended()) return;
  // A frame with NaN, infinite or absurd values is refused whole (UI command included) before
  // the recording grid sees it: quantising would turn a NaN into a plausible 0. The interaction
  // layer counts and logs it and nothing reaches Bullet.
  if (!core::is_valid(raw_frame)) {
    scene_.interaction->update(raw_frame);
    return;
  }
  // Every source goes through the recording grid, so a live run and its replay from the record
  // consume bit-identical frames.
  const core::InputFrame frame = assessment::quantise({raw_frame, {}}).input;
  if (frame.ui.kind == core::UiCommandKind::request_hint) {
    push_event({sim_time_s(), "ui_command", "request_hint", "", 0.0});
    engine_->request_hint();
  } else if (frame.ui.kind != core::UiCommandKind::none) {
    const std::string object =
        frame.ui.object >= 0 && static_cast<std::size_t>(frame.ui.object) < scenario_.objects.size()
            ? scenario_.objects[static_cast<std::size_t>(frame.ui.object)].id
            : std::string();
    push_event({sim_time_s(), "ui_command", object, std::to_string(static_cast<int>(frame.ui.kind)),
                frame.ui.value});
    if (!object.empty()) trade_->apply_ui(frame.ui, object);
  }
  scene_.interaction->update(frame);
}

void Session::on_step(std::uint64_t, double, std::uint64_t) {
  if (ended()) return;
  write_object_state();
  trade_->step(sim_time_s(), step_dt_s_, scene_.interaction->state());
  engine_->update(step_dt_s_);
  check_break_reminder();
}

void Session::check_break_reminder() {
  const double every = options_.break_reminder_s;
  if (!(every > 0.0)) return;
  const double t = sim_time_s();
  const double due = last_break_reminder_s_ < 0.0 ? every : last_break_reminder_s_ + every;
  if (t + 1e-9 < due) return;
  last_break_reminder_s_ = t;
  push_event({t, "break_reminder", scenario_.meta.id, "", std::floor(t / 60.0)});
}

void Session::on_interaction(const physics::InteractionEvent& event) {
  const std::string type = physics::to_string(event.kind);
  for (auto& s : object_slots_) {
    if (s.id != event.subject) continue;
    if (event.kind == physics::InteractionEvent::Kind::button_pressed) s.presses += 1.0;
    if (event.kind == physics::InteractionEvent::Kind::engaged) s.uses += 1.0;
  }
  subject_events_.push_back({event.sim_time_s, event.subject, type});
  push_event({event.sim_time_s, type, event.subject, event.other, event.value});
}

void Session::on_event(const scenario::Event& event) {
  SessionEvent out;
  out.time_s = event.time_s;
  out.type = std::string(scenario::to_string(event.kind));
  if (event.step >= 0) out.subject = scenario_.steps[static_cast<std::size_t>(event.step)].id;
  if (event.rule >= 0) {
    out.subject = scenario_.rules[static_cast<std::size_t>(event.rule)].id;
    out.detail = std::string(scenario::to_string(event.severity));
  }
  if (event.kind == scenario::EventKind::out_of_order && event.blocking >= 0) {
    out.detail = scenario_.steps[static_cast<std::size_t>(event.blocking)].id;
  }
  if (event.kind == scenario::EventKind::attempt_ended) {
    out.detail = std::string(scenario::to_string(event.outcome));
  }
  if (event.kind == scenario::EventKind::hint_shown && event.requested) out.detail = "requested";
  push_event(std::move(out));
  // The trade models stop with the attempt: their final results go into the record now.
  if (event.kind == scenario::EventKind::attempt_ended) trade_->flush_results();
}

void Session::push_event(SessionEvent event) {
  events_.push_back(std::move(event));
  if (on_event_) on_event_(events_.back());
}

std::uint64_t Session::physics_hash() const { return scene_.world->state_hash(); }
std::uint64_t Session::physics_steps() const { return scene_.world->steps(); }
double Session::sim_time_s() const { return scene_.world->sim_time_s(); }
std::uint64_t Session::frames_rejected() const {
  return scene_.interaction->state().frames_rejected;
}

assessment::ToolSample Session::held_tool_sample() const {
  assessment::ToolSample sample;
  const auto& hands = scene_.interaction->state().hands;
  for (const auto hand : {core::Hand::right, core::Hand::left}) {
    const std::string& body = hands[static_cast<std::size_t>(hand)].held_body;
    const int index = body.empty() ? -1 : scenario_.find_object(body);
    if (index < 0) continue;
    const auto pose = scene_.world->body_pose(body);
    if (!pose) continue;
    sample.held = true;
    sample.tool_id = static_cast<std::uint32_t>(index + 1);
    sample.T_world_tool = *pose;
    break;
  }
  return sample;
}

}  // namespace txr::session
