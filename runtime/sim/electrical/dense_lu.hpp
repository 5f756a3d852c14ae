#pragma once
// Dense LU factorisation with partial pivoting (Golub & Van Loan, "Matrix Computations",
// alg. 3.4.1), for real (DC) and complex (AC phasor) MNA systems. Storage is allocated once by
// resize(); factor() and solve() never allocate. Rows whose multiplier is zero and columns where
// the pivot row is zero are skipped, which makes the sparse matrices of a panel cheap to factor.
#include <cmath>
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

namespace txr::sim::electrical {

inline double magnitude1(double v) { return std::fabs(v); }
inline double magnitude1(const std::complex<double>& v) {
  return std::fabs(v.real()) + std::fabs(v.imag());
}

template <class T>
class DenseLu {
 public:
  void resize(std::size_t n) {
    n_ = n;
    a_.assign(n * n, T{});
    perm_.assign(n, 0);
    first_.assign(n, 0);
    cols_.assign(n, 0);
    inv_diag_.assign(n, T{});
    l_start_.assign(n + 1, 0);
    u_start_.assign(n + 1, 0);
    l_cols_.assign(n * n, 0);
    u_cols_.assign(n * n, 0);
  }
  // Non-zeros in L and U after the last factor() (fill-in included).
  std::size_t factor_nonzeros() const { return l_start_[n_] + u_start_[n_] + n_; }
  std::size_t size() const { return n_; }

  // Copies an n×n row-major matrix in and factors it. Returns false and the failing row when a
  // pivot is negligible against the largest entry (a singular system).
  bool factor(std::span<const T> matrix, std::size_t* singular_row) {
    double scale = 0.0;
    for (std::size_t i = 0; i < n_ * n_; ++i) {
      a_[i] = matrix[i];
      const double m = magnitude1(a_[i]);
      if (m > scale) scale = m;
    }
    const double tiny = scale * 1e-18 + 1e-300;
    // first_[i]: first non-zero column of row i in the active part. Rows whose first non-zero
    // lies right of column k take no part in step k, so the column is never scanned with a
    // stride of n (the cache-unfriendly part of a dense LU) — each row is scanned forwards only.
    for (std::size_t i = 0; i < n_; ++i) {
      perm_[i] = i;
      first_[i] = next_nonzero(i, 0);
    }
    for (std::size_t k = 0; k < n_; ++k) {
      std::size_t p = n_;
      double best = 0.0;
      for (std::size_t i = k; i < n_; ++i) {
        if (first_[i] != k) continue;
        const double m = magnitude1(a_[i * n_ + k]);
        if (p == n_ || m > best) {
          best = m;
          p = i;
        }
      }
      if (p == n_ || best <= tiny) {
        if (singular_row != nullptr) *singular_row = perm_[p == n_ ? k : p];
        return false;
      }
      if (p != k) {
        for (std::size_t j = 0; j < n_; ++j) std::swap(a_[k * n_ + j], a_[p * n_ + j]);
        std::swap(perm_[k], perm_[p]);
        std::swap(first_[k], first_[p]);
      }
      // Non-zero columns of the pivot row right of the diagonal.
      std::size_t ncols = 0;
      for (std::size_t j = k + 1; j < n_; ++j) {
        if (a_[k * n_ + j] != T{}) cols_[ncols++] = j;
      }
      const T inv_pivot = T(1.0) / a_[k * n_ + k];
      inv_diag_[k] = inv_pivot;
      for (std::size_t i = k + 1; i < n_; ++i) {
        if (first_[i] != k) continue;
        T& lik = a_[i * n_ + k];
        lik *= inv_pivot;
        const T l = lik;
        T* row = &a_[i * n_];
        const T* prow = &a_[k * n_];
        for (std::size_t c = 0; c < ncols; ++c) row[cols_[c]] -= l * prow[cols_[c]];
        first_[i] = next_nonzero(i, k + 1);
      }
    }
    // Sparsity pattern of L and U for the triangular solves (O(nnz) instead of O(n²)).
    std::size_t nl = 0, nu = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      l_start_[i] = nl;
      u_start_[i] = nu;
      for (std::size_t j = 0; j < i; ++j) {
        if (a_[i * n_ + j] != T{}) l_cols_[nl++] = j;
      }
      for (std::size_t j = i + 1; j < n_; ++j) {
        if (a_[i * n_ + j] != T{}) u_cols_[nu++] = j;
      }
    }
    l_start_[n_] = nl;
    u_start_[n_] = nu;
    return true;
  }

  // Solves A x = b with the last factorisation; x may alias nothing in b.
  void solve(std::span<const T> b, std::span<T> x) const {
    for (std::size_t i = 0; i < n_; ++i) x[i] = b[perm_[i]];
    for (std::size_t i = 0; i < n_; ++i) {
      T s = x[i];
      const T* row = &a_[i * n_];
      for (std::size_t k = l_start_[i]; k < l_start_[i + 1]; ++k)
        s -= row[l_cols_[k]] * x[l_cols_[k]];
      x[i] = s;
    }
    for (std::size_t i = n_; i-- > 0;) {
      T s = x[i];
      const T* row = &a_[i * n_];
      for (std::size_t k = u_start_[i]; k < u_start_[i + 1]; ++k)
        s -= row[u_cols_[k]] * x[u_cols_[k]];
      x[i] = s * inv_diag_[i];
    }
  }

 private:
  std::size_t next_nonzero(std::size_t row, std::size_t from) const {
    const T* r = &a_[row * n_];
    while (from < n_ && r[from] == T{}) ++from;
    return from;
  }

  std::size_t n_ = 0;
  std::vector<T> a_;
  std::vector<std::size_t> perm_;
  std::vector<std::size_t> first_;
  std::vector<std::size_t> cols_;
  std::vector<T> inv_diag_;
  std::vector<std::size_t> l_start_, u_start_, l_cols_, u_cols_;
};

}  // namespace txr::sim::electrical
