// Deterministic synthetic bucket streams for the detector tests: a seasonal
// Poisson-ish baseline with injected storms. Own PRNG so results do not
// depend on the standard library's distributions.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "alerts/detector.hpp"

namespace pantau::alerts::test {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_s(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  double uniform() {  // (0, 1)
    m_s ^= m_s << 13;
    m_s ^= m_s >> 7;
    m_s ^= m_s << 17;
    return (static_cast<double>(m_s >> 11) + 0.5) / 9007199254740992.0;
  }
  std::int64_t poisson(double mean) {  // Knuth; means here stay small
    const double l = std::exp(-mean);
    std::int64_t k = 0;
    double p = 1.0;
    do {
      ++k;
      p *= uniform();
    } while (p > l);
    return k - 1;
  }
  std::int64_t binomial(std::int64_t n, double p) {
    std::int64_t k = 0;
    for (std::int64_t i = 0; i < n; ++i) k += uniform() < p;
    return k;
  }

 private:
  std::uint64_t m_s;
};

struct Storm {
  std::int64_t from, to;  // bucket indices [from, to)
  double neg_factor = 1.0;    // multiplies the negative rate
  double total_factor = 1.0;  // multiplies the non-negative rate
};

// `days` of buckets from 2026-03-02T00:00:00Z (a Monday); total mean `base`
// per bucket with a daily cycle, each mention negative with probability `p_neg`.
inline std::vector<Bucket> make_series(std::uint64_t seed, int days, double base, double p_neg,
                                       const std::vector<Storm>& storms = {}) {
  Rng rng(seed);
  std::vector<Bucket> out;
  const std::int64_t t0 = 1772409600;  // 2026-03-02T00:00:00Z
  const std::int64_t n = static_cast<std::int64_t>(days) * 288;
  for (std::int64_t i = 0; i < n; ++i) {
    const double hour = static_cast<double>(i % 288) / 12.0;
    const double cycle = 1.0 + 0.6 * std::sin(2.0 * M_PI * (hour - 6.0) / 24.0);
    double neg_rate = base * p_neg * cycle, other_rate = base * (1.0 - p_neg) * cycle;
    for (const Storm& s : storms)
      if (i >= s.from && i < s.to) {
        neg_rate *= s.neg_factor;
        other_rate *= s.total_factor;
      }
    Bucket b;
    b.start = t0 + i * kBucketSeconds;
    b.negative = rng.poisson(neg_rate);
    b.total = b.negative + rng.poisson(other_rate);
    b.complaints = b.negative / 2;
    out.push_back(b);
  }
  return out;
}

}  // namespace pantau::alerts::test
