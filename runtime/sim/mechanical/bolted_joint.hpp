#pragma once
// A gasketed flange / cover held by N bolts on a circle, with elastic interaction between bolts.
//
// Model (linear elastic, after the "elastic interaction" picture of bolt-up: Bibel & Ezell,
// "An improved flange bolt-up procedure using experimentally determined elastic interaction
// coefficients", J. Pressure Vessel Technol. 114, 1992; ASME PCC-1 Appendix):
//  - The gasket under bolt i compresses by δ_i = Σ_j C_ij·F_j. C_ij = w(d_ij)/k_g: a bolt's
//    clamp load spreads through the flange to its neighbours with weights w(1), w(2)… by
//    circular distance d (w(0) = 1).
//  - Each bolt is a spring k_b between its nut (position u_i, set by turning it) and the flange:
//    F_i = k_b·(u_i − δ_i). Together (I + k_b C)·F = k_b·u, so F = S·u with S = k_b(I + k_b C)⁻¹.
//  - Tightening bolt i to torque T turns its nut until F_i = T/(K·d) (T = K·F·d); the other
//    nuts stay put, so their bolts lose load as the gasket under them is squeezed further — the
//    elastic interaction that makes a wrong sequence or a single pass leave uneven preloads.
//    A bolt pushed below zero is slack: its nut is finger-tight and follows the flange.
//  - Gap (local gasket thickness) at bolt i: g_i = g_free − δ_i; the spread max−min is the
//    figure of merit (an uneven gap is a leak path).
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "sim/mechanical/bolt.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::mechanical {

struct JointSpec {
  std::size_t bolt_count = 8;
  BoltSpec bolt{{"M16", 16.0, 2.0}, PropertyClass::c8_8, 0.20};
  double gasket_free_mm = 3.0;
  // Gasket under one bolt: E ≈ 500 MPa fibre sheet, ≈1000 mm² per bolt, 3 mm thick.
  double gasket_stiffness_n_per_mm = 167e3;
  // Bolt: E·A/L for an M16 with ≈60 mm grip (210 GPa · 201 mm² / 60 mm).
  double bolt_stiffness_n_per_mm = 700e3;
  // Share of a bolt's load felt under the bolts 1, 2, 3, 4 pitches away.
  std::array<double, 4> spread{0.35, 0.10, 0.03, 0.01};
};

// 3…64 bolts, positive stiffnesses, spread weights in [0, 0.45] (so the flange compliance
// matrix stays positive definite), and a valid bolt.
core::Result<void> validate(const JointSpec& spec);

class BoltedJoint {
 public:
  BoltedJoint(std::string id, const JointSpec& spec, const EventChannel* events = nullptr);
  BoltedJoint(const BoltedJoint&) = delete;
  BoltedJoint& operator=(const BoltedJoint&) = delete;

  const std::string& id() const { return id_; }
  std::size_t bolt_count() const { return bolts_.size(); }
  Bolt& bolt(std::size_t index) { return *bolts_[index]; }
  const Bolt& bolt(std::size_t index) const { return *bolts_[index]; }

  // Tightens bolt `index` (0-based, clockwise) with `torque_nm`; returns its preload (N).
  double tighten(std::size_t index, double torque_nm);
  double gap_mm(std::size_t index) const { return gap_mm_[index]; }
  double gap_spread_mm() const { return gap_spread_mm_; }
  double preload_spread_kn() const { return preload_spread_kn_; }

  // Cross/star order, 0-based: 4 bolts 0-2-1-3 (1-3-2-4), 8 bolts 0-4-2-6-1-5-3-7
  // (1-5-3-7-2-6-4-8; bit-reversed order for powers of two); other even counts go round in
  // opposite pairs (6: 1-4-2-5-3-6, 12: 1-7-4-10-2-8-5-11-3-9-6-12).
  static std::vector<std::size_t> star_sequence(std::size_t bolt_count);

  std::span<const StateField> state() const { return fields_.span(); }

 private:
  void relax_slack_bolts();
  void refresh();

  std::string id_;
  JointSpec spec_;
  std::vector<std::unique_ptr<Bolt>> bolts_;
  std::vector<double> c_mm_per_n_;  // n×n compliance
  std::vector<double> s_n_per_mm_;  // n×n stiffness S
  std::vector<double> u_mm_;
  std::vector<double> f_n_;
  std::vector<double> gap_mm_;
  double gap_spread_mm_ = 0.0;
  double min_gap_mm_ = 0.0;
  double max_gap_mm_ = 0.0;
  double mean_preload_kn_ = 0.0;
  double preload_spread_kn_ = 0.0;
  double yielded_count_ = 0.0;
  double tight_count_ = 0.0;
  StateFields<8> fields_;
};

}  // namespace txr::sim::mechanical
