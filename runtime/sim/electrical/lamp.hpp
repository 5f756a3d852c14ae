#pragma once
// Incandescent lamp: a resistor whose value depends on filament temperature, i.e. on voltage.
// Empirical tungsten-lamp laws (e.g. Wikipedia "Incandescent light bulb", Electrical
// characteristics; IES Lighting Handbook): power ∝ V^1.6 so current I = I_r·(V/V_r)^0.6, and
// light output ∝ V^3.4. A cold filament has about 1/10 of its hot resistance, which caps the
// conductance at low voltage: I = G_cold·V below the knee where both laws meet.
namespace txr::sim::electrical {

struct LampCurve {
  double rated_v = 230.0;
  double rated_w = 60.0;
  static constexpr double k_exponent = 0.6;  // I ∝ V^0.6
  static constexpr double k_cold_ratio = 10.0;

  double rated_a() const { return rated_w / rated_v; }
  double hot_conductance_s() const { return rated_a() / rated_v; }
  double cold_conductance_s() const { return hot_conductance_s() * k_cold_ratio; }
  // Current magnitude at voltage magnitude v ≥ 0.
  double current_a(double v) const;
  // dI/dV at v ≥ 0 (for Newton).
  double slope_s(double v) const;
  // Relative light output (1 at rated voltage): (V/V_r)^3.4.
  double brightness(double v) const;
};

}  // namespace txr::sim::electrical
