#include "sim/precision/iso286.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace txr::sim::precision {

namespace {

constexpr std::array<double, 6> k_range_upper_mm{3, 6, 10, 18, 30, 50};
// ISO 286-1 Table 1, µm: rows IT5..IT11, columns the size ranges above.
constexpr std::array<std::array<double, 6>, 7> k_it_um{{
    {4, 5, 6, 8, 9, 11},          // IT5
    {6, 8, 9, 11, 13, 16},        // IT6
    {10, 12, 15, 18, 21, 25},     // IT7
    {14, 18, 22, 27, 33, 39},     // IT8
    {25, 30, 36, 43, 52, 62},     // IT9
    {40, 48, 58, 70, 84, 100},    // IT10
    {60, 75, 90, 110, 130, 160},  // IT11
}};
// Fundamental deviations, µm (ISO 286-1 Table 2).
constexpr std::array<double, 6> k_es_f{-6, -10, -13, -16, -20, -25};
constexpr std::array<double, 6> k_es_g{-2, -4, -5, -6, -7, -9};
constexpr std::array<double, 6> k_ei_k{0, 1, 1, 1, 2, 2};  // for IT4..IT7

int range_index(double nominal_mm) {
  for (std::size_t i = 0; i < k_range_upper_mm.size(); ++i) {
    if (nominal_mm <= k_range_upper_mm[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

bool ToleranceZone::contains(double size_mm) const {
  return size_mm <= max_mm() + 1e-7 && size_mm >= min_mm() - 1e-7;
}

std::string ToleranceZone::designation() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", nominal_mm);
  return std::string("Ø") + buf + " " + code;
}

core::Result<double> it_grade_um(int grade, double nominal_mm) {
  if (grade < 5 || grade > 11) {
    return core::fail("IT" + std::to_string(grade) + " is not tabulated (IT5…IT11 supported)");
  }
  const int r = nominal_mm > 0.0 ? range_index(nominal_mm) : -1;
  if (r < 0) return core::fail("nominal size must be over 0 and up to 50 mm");
  return k_it_um[static_cast<std::size_t>(grade - 5)][static_cast<std::size_t>(r)];
}

core::Result<ToleranceZone> iso286_zone(double nominal_mm, std::string_view code) {
  if (code.size() < 2) return core::fail("tolerance code '" + std::string(code) + "' too short");
  const char letter = code[0];
  int grade = 0;
  for (char ch : code.substr(1)) {
    if (ch < '0' || ch > '9') {
      return core::fail("tolerance code '" + std::string(code) + "': grade must be a number");
    }
    grade = grade * 10 + (ch - '0');
  }
  auto it = it_grade_um(grade, nominal_mm);
  if (!it) return std::unexpected(it.error());
  const auto r = static_cast<std::size_t>(range_index(nominal_mm));
  ToleranceZone z;
  z.nominal_mm = nominal_mm;
  z.code = std::string(code);
  switch (letter) {
    case 'f':
      z.upper_dev_um = k_es_f[r];
      z.lower_dev_um = z.upper_dev_um - *it;
      break;
    case 'g':
      z.upper_dev_um = k_es_g[r];
      z.lower_dev_um = z.upper_dev_um - *it;
      break;
    case 'h':
      z.upper_dev_um = 0.0;
      z.lower_dev_um = -*it;
      break;
    case 'k':
      z.lower_dev_um = (grade >= 4 && grade <= 7) ? k_ei_k[r] : 0.0;
      z.upper_dev_um = z.lower_dev_um + *it;
      break;
    case 'H':
      z.lower_dev_um = 0.0;
      z.upper_dev_um = *it;
      break;
    default:
      return core::fail("tolerance code '" + std::string(code) +
                        "': supported positions are shafts f, g, h, k and holes H");
  }
  return z;
}

}  // namespace txr::sim::precision
