#pragma once
// ISO 286 limits and fits for nominal sizes up to 50 mm.
//
//  - Standard tolerance grades IT5…IT11 (ISO 286-1:2010, Table 1), in µm per size range
//    (≤3, 3–6, 6–10, 10–18, 18–30, 30–50; "over a up to and including b"). They follow
//    IT = k·i with i = 0.45·∛D + 0.001·D (D the geometric mean of the range, mm) and
//    k = 7, 10, 16, 25, 40, 64, 100 for IT5…IT11, rounded by the standard's rules.
//  - Fundamental deviations (ISO 286-1:2010, Tables 2 and 3; ISO 286-2 tables):
//    shafts f (es ≈ −5.5·D^0.41), g (es ≈ −2.5·D^0.34), h (es = 0), k (ei = +1/+2 µm for IT4–IT7
//    above 3 mm, 0 otherwise); holes H (EI = 0).
// Example: Ø25 h7 = 25.000 / 24.979, Ø25 g6 = 24.993 / 24.980.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace txr::sim::precision {

struct ToleranceZone {
  double nominal_mm = 0.0;
  std::string code;           // "h7"
  double upper_dev_um = 0.0;  // es / ES
  double lower_dev_um = 0.0;  // ei / EI
  double max_mm() const { return nominal_mm + upper_dev_um * 1e-3; }
  double min_mm() const { return nominal_mm + lower_dev_um * 1e-3; }
  bool contains(double size_mm) const;  // inclusive, with a 0.1 µm allowance for rounding
  std::string designation() const;      // "Ø25 h7"
};

// IT grade value in µm (grades 5…11, nominal sizes (0, 50] mm).
core::Result<double> it_grade_um(int grade, double nominal_mm);
// Limits for a shaft (f, g, h, k) or hole (H) tolerance code such as "h7", "g6", "H7".
core::Result<ToleranceZone> iso286_zone(double nominal_mm, std::string_view code);

}  // namespace txr::sim::precision
