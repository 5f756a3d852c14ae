#pragma once
// Trade results: graded outcomes of the trainee's work that the assessment's accuracy metrics
// are defined over (docs/scoring.md, "Trade results"). A result says what was achieved on an
// object against what the scenario asked for — a bolt's final torque against its specified
// torque, a recorded reading against the part's true size, an accept/reject decision against
// the right one. Each becomes a `trade_result` event in the record (subject: the object,
// detail: the quantity, value, target), so `tradexr score` computes the metrics from the record
// alone, exactly as the live run did.
#include <functional>
#include <map>
#include <string>
#include <utility>

namespace txr::session {

// Quantities the assessment knows (trades may add others; metrics are defined per quantity).
inline constexpr const char* k_result_torque_nm = "torque_nm";  // final torque vs specified
inline constexpr const char* k_result_size_mm = "size_mm";      // a reading vs the true size
inline constexpr const char* k_result_judgement = "judgement";  // 1 accept / 0 reject vs right one

struct TradeResult {
  std::string object;    // the object the result is about (a bolt, a measured part)
  std::string quantity;  // k_result_* (or a trade's own)
  double value = 0.0;    // achieved, read or decided
  double target = 0.0;   // specified, true or correct
};

class TradeResults {
 public:
  using Callback = std::function<void(double time_s, const TradeResult&)>;
  // How long a lasting result must stay unchanged before it is recorded: a bolt being pulled
  // changes every physics step; it is recorded once, when the pull has stopped.
  static constexpr double k_settle_s = 0.25;

  void set_callback(Callback callback) { on_result_ = std::move(callback); }
  void set_time_s(double time_s) { time_s_ = time_s; }

  // A discrete result, recorded now (a reading written down, a judgement made).
  void report(const TradeResult& result);
  // The current value of a lasting result (a bolt's torque), called every step. Recorded when it
  // first appears and after each change once it has settled, and by flush().
  void track(const TradeResult& result);
  // After every trade has stepped: records the tracked results that have settled.
  void end_step();
  // Records every tracked result whose latest value is not recorded yet (the attempt ended).
  void flush();

 private:
  struct Tracked {
    TradeResult latest;
    double changed_at_s = 0.0;
    bool pending = true;  // latest value not recorded yet
  };
  void emit(Tracked& tracked);

  Callback on_result_;
  double time_s_ = 0.0;
  // Keyed by (object, quantity); ordered so emission order is deterministic.
  std::map<std::pair<std::string, std::string>, Tracked> tracked_;
};

}  // namespace txr::session
