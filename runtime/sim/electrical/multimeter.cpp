#include "sim/electrical/multimeter.hpp"

#include <cmath>
#include <cstdio>

namespace txr::sim::electrical {

namespace {
constexpr std::array<MeterRange, 5> k_volt_ranges{
    {{0.6, 1e-4}, {6.0, 1e-3}, {60.0, 1e-2}, {600.0, 0.1}, {1000.0, 1.0}}};
constexpr std::array<MeterRange, 2> k_a10_ranges{{{6.0, 1e-3}, {10.0, 1e-2}}};
constexpr std::array<MeterRange, 2> k_ma_ranges{{{0.06, 1e-5}, {0.4, 1e-4}}};
constexpr std::array<MeterRange, 6> k_ohm_ranges{
    {{600.0, 0.1}, {6e3, 1.0}, {6e4, 10.0}, {6e5, 100.0}, {6e6, 1e3}, {6e7, 1e4}}};
constexpr std::array<MeterRange, 1> k_continuity_range{{{600.0, 0.1}}};

bool is_amp_jack(MeterJack j) { return j != MeterJack::v_ohm; }
}  // namespace

std::string_view to_string(MeterMode mode) {
  switch (mode) {
    case MeterMode::off:
      return "off";
    case MeterMode::v_dc:
      return "v_dc";
    case MeterMode::v_ac:
      return "v_ac";
    case MeterMode::a_dc:
      return "a_dc";
    case MeterMode::a_ac:
      return "a_ac";
    case MeterMode::ohm:
      return "ohm";
    case MeterMode::continuity:
      return "continuity";
  }
  return "?";
}

std::string_view to_string(MeterJack jack) {
  switch (jack) {
    case MeterJack::v_ohm:
      return "v_ohm";
    case MeterJack::milliamp:
      return "milliamp";
    case MeterJack::amp10:
      return "amp10";
  }
  return "?";
}

Multimeter::Multimeter(std::string id) : id_(std::move(id)) {
  // Fast meter fuses: 11 A (I²t ≈ 200 A²s) and 440 mA (I²t ≈ 0.5 A²s); minimum fusing ≈ 1.2 In.
  fuse_a10_ = fuse_thermal(200.0, 13.2);
  fuse_ma_ = fuse_thermal(0.5, 0.53);
  display_ = "";
  fields_.add("reading", &reading_);
  fields_.add("display", &display_);
  fields_.add("mode", &mode_text_);
  fields_.add("jack", &jack_text_);
  fields_.add("range", &range_full_scale_);
  fields_.add("overload", &overload_);
  fields_.add("beep", &beep_);
  fields_.add("live_warning", &live_);
  fields_.add("fuse_blown", &any_fuse_blown_);
}

void Multimeter::set_mode(MeterMode mode) {
  mode_ = mode;
  mode_text_ = to_string(mode);
  range_index_ = k_auto_range;
}

std::span<const MeterRange> Multimeter::ranges() const {
  switch (mode_) {
    case MeterMode::v_dc:
    case MeterMode::v_ac:
      return k_volt_ranges;
    case MeterMode::a_dc:
    case MeterMode::a_ac:
      return red_jack_ == MeterJack::milliamp ? std::span<const MeterRange>(k_ma_ranges)
                                              : std::span<const MeterRange>(k_a10_ranges);
    case MeterMode::ohm:
      return k_ohm_ranges;
    case MeterMode::continuity:
      return k_continuity_range;
    case MeterMode::off:
      break;
  }
  return {};
}

bool Multimeter::fuse_blown(MeterJack jack) const {
  if (jack == MeterJack::amp10) return blown_a10_;
  if (jack == MeterJack::milliamp) return blown_ma_;
  return false;
}

void Multimeter::replace_fuses() {
  blown_a10_ = blown_ma_ = any_fuse_blown_ = false;
  fuse_a10_.theta_a2s = fuse_ma_.theta_a2s = 0.0;
}

Multimeter::Stamp Multimeter::stamp() const {
  Stamp s;
  if (red_ == k_no_node || black_ == k_no_node || red_ == black_) return s;
  if (is_amp_jack(red_jack_)) {
    // The current jacks are wired through their shunt to COM in every switch position.
    if (fuse_blown(red_jack_)) return s;
    s.kind = StampKind::conductance;
    s.g_s = 1.0 / (red_jack_ == MeterJack::amp10 ? k_shunt_a10_ohm : k_shunt_ma_ohm);
    s.shunt = true;
    return s;
  }
  switch (mode_) {
    case MeterMode::v_dc:
    case MeterMode::v_ac:
      s.kind = StampKind::conductance;
      s.g_s = 1.0 / k_input_ohm;
      break;
    case MeterMode::ohm:
    case MeterMode::continuity:
      // Thevenin 1 V behind 1 kΩ, stamped as its Norton equivalent.
      s.kind = StampKind::ohm_source;
      s.g_s = 1.0 / k_ohm_source_ohm;
      s.i_norton_a = k_ohm_open_v / k_ohm_source_ohm;
      break;
    default:
      break;  // amps modes with the red lead in V/Ω: no path through the meter
  }
  return s;
}

void Multimeter::set_display_ol() {
  overload_ = true;
  reading_ = 0.0;
  display_ = "OL";
}

void Multimeter::show(double value, std::span<const MeterRange> table) {
  overload_ = false;
  const MeterRange* range = nullptr;
  if (range_index_ == k_auto_range) {
    for (const MeterRange& r : table) {
      if (std::fabs(value) <= r.full_scale) {
        range = &r;
        break;
      }
    }
    if (range == nullptr) range = &table.back();
  } else {
    range = &table[std::min(range_index_, table.size() - 1)];
  }
  range_full_scale_ = range->full_scale;
  if (std::fabs(value) > range->full_scale) {
    set_display_ol();
    return;
  }
  reading_ = std::round(value / range->resolution) * range->resolution;
  if (reading_ == 0.0) reading_ = 0.0;  // no "-0.000"
  const int decimals = std::max(0, static_cast<int>(std::lround(-std::log10(range->resolution))));
  std::snprintf(text_.data(), text_.size(), "%.*f", decimals, reading_);
  display_ = std::string_view(text_.data());
}

void Multimeter::measure(const Inputs& in, const EventChannel* events) {
  beep_ = false;
  const bool connected = red_ != k_no_node && black_ != k_no_node;
  {
    // Shunt current for the fuses (both frequency components, rms), in every mode.
    const Stamp s = stamp();
    shunt_current_rms_a_ =
        (connected && s.shunt) ? std::hypot(in.v_dc, std::abs(in.v_ac)) * s.g_s : 0.0;
  }
  const bool was_live = live_;
  live_ = false;
  any_fuse_blown_ = blown_a10_ || blown_ma_;
  jack_text_ = to_string(red_jack_);
  if (mode_ == MeterMode::off) {
    reading_ = 0.0;
    overload_ = false;
    display_ = "";
    return;
  }
  const auto table = ranges();
  double value = 0.0;
  switch (mode_) {
    case MeterMode::v_dc:
      value = connected ? in.v_dc : 0.0;
      break;
    case MeterMode::v_ac:
      value = connected ? std::abs(in.v_ac) : 0.0;
      break;
    case MeterMode::a_dc:
    case MeterMode::a_ac: {
      const Stamp s = stamp();
      if (connected && s.shunt) {
        value = mode_ == MeterMode::a_dc ? in.v_dc * s.g_s : std::abs(in.v_ac) * s.g_s;
      }
      break;
    }
    case MeterMode::ohm:
    case MeterMode::continuity: {
      if (!connected || red_ == black_) {
        if (connected) {  // probes shorted together: 0 Ω
          value = 0.0;
          break;
        }
        set_display_ol();
        return;
      }
      if (is_amp_jack(red_jack_)) {
        set_display_ol();
        return;
      }
      if (std::fabs(in.v_ext_dc) > k_live_v || std::abs(in.v_ac) > k_live_v) {
        live_ = true;
        overload_ = false;
        reading_ = 0.0;
        display_ = "LIVE";
        if (!was_live) {
          emit_to(events, EventKind::ohms_on_live, id_,
                  std::fmax(std::fabs(in.v_ext_dc), std::abs(in.v_ac)));
        }
        return;
      }
      // Current into the unknown: (V_open − V)/R_source; R = V / I.
      const double i = (k_ohm_open_v - in.v_dc) / k_ohm_source_ohm;
      if (i <= 1e-12) {
        set_display_ol();
        return;
      }
      value = in.v_dc / i;
      if (value < 0.0) value = 0.0;
      if (value > table.back().full_scale) {
        set_display_ol();
        return;
      }
      beep_ = mode_ == MeterMode::continuity && value < k_continuity_ohm;
      break;
    }
    case MeterMode::off:
      break;
  }
  show(value, table);
}

bool Multimeter::integrate(double dt_s, const EventChannel* events) {
  const Stamp s = stamp();
  if (!s.shunt) {
    // Fuses cool when no current flows through them.
    fuse_a10_.step(0.0, dt_s);
    fuse_ma_.step(0.0, dt_s);
    return false;
  }
  const bool a10 = red_jack_ == MeterJack::amp10;
  ThermalTrip& fuse = a10 ? fuse_a10_ : fuse_ma_;
  if (auto t = fuse.step(shunt_current_rms_a_, dt_s)) {
    (a10 ? blown_a10_ : blown_ma_) = true;
    any_fuse_blown_ = true;
    emit_to(events, EventKind::meter_fuse_blown, id_, shunt_current_rms_a_, to_string(red_jack_),
            *t);
    shunt_current_rms_a_ = 0.0;
    return true;
  }
  return false;
}

}  // namespace txr::sim::electrical
