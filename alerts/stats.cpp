#include "alerts/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pantau::alerts::stats {
namespace {

constexpr double kLn10 = 2.302585092994046;
constexpr double kTiny = 1e-300;
constexpr double kMaxScore = 300.0;  // "impossible under the baseline"

// Continued fraction for the incomplete beta (modified Lentz, Numerical Recipes 6.4).
double betacf(double a, double b, double x) {
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap;
  d = 1.0 / (std::fabs(d) > kTiny ? d : kTiny);
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    d = 1.0 / (std::fabs(d) > kTiny ? d : kTiny);
    c = 1.0 + aa / c;
    c = std::fabs(c) > kTiny ? c : kTiny;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    d = 1.0 / (std::fabs(d) > kTiny ? d : kTiny);
    c = 1.0 + aa / c;
    c = std::fabs(c) > kTiny ? c : kTiny;
    const double de = d * c;
    h *= de;
    if (std::fabs(de - 1.0) < 1e-14) break;
  }
  return h;
}

double clamp_score(double s) {
  if (!std::isfinite(s)) return kMaxScore;
  return std::clamp(s, 0.0, kMaxScore);
}

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

}  // namespace

double log_betainc(double a, double b, double x) {
  if (x <= 0.0) return -std::numeric_limits<double>::infinity();
  if (x >= 1.0) return 0.0;
  const double lfront = -log_beta(a, b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) return lfront + std::log(betacf(a, b, x)) - std::log(a);
  // Symmetric branch: I_x(a, b) = 1 - I_{1-x}(b, a).
  const double other = std::exp(lfront + std::log(betacf(b, a, 1.0 - x)) - std::log(b));
  return std::log1p(-std::min(other, 1.0 - 1e-16));
}

double neglog10_poisson_tail(std::int64_t k, double lambda) {
  if (k <= 0) return 0.0;
  if (lambda <= 0.0) return kMaxScore;
  // P(X >= k) = P(k, lambda), the regularised lower gamma; series or continued fraction.
  const double a = static_cast<double>(k);
  if (lambda < a + 1.0) {
    double term = 1.0 / a, sum = term, n = a;
    for (int i = 0; i < 2000; ++i) {
      n += 1.0;
      term *= lambda / n;
      sum += term;
      if (term < sum * 1e-15) break;
    }
    const double logp = a * std::log(lambda) - lambda - std::lgamma(a) + std::log(sum);
    return clamp_score(-logp / kLn10);
  }
  double b = lambda + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
  for (int i = 1; i < 2000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    d = std::fabs(d) > kTiny ? d : kTiny;
    c = b + an / c;
    c = std::fabs(c) > kTiny ? c : kTiny;
    d = 1.0 / d;
    const double de = d * c;
    h *= de;
    if (std::fabs(de - 1.0) < 1e-15) break;
  }
  const double q = std::exp(a * std::log(lambda) - lambda - std::lgamma(a) + std::log(h));
  return clamp_score(-std::log10(std::max(1.0 - q, 1e-300)));
}

double neglog10_negbin_tail(std::int64_t k, double mu, double phi) {
  if (k <= 0) return 0.0;
  if (mu <= 0.0) return kMaxScore;
  if (phi < 1e-6) return neglog10_poisson_tail(k, mu);
  const double r = 1.0 / phi;
  const double p = r / (r + mu);
  // P(X >= k) = I_{1-p}(k, r).
  return clamp_score(-log_betainc(static_cast<double>(k), r, 1.0 - p) / kLn10);
}

double neglog10_binomial_tail(std::int64_t k, std::int64_t n, double p) {
  if (k <= 0) return 0.0;
  if (k > n) return kMaxScore;
  if (p <= 0.0) return kMaxScore;
  if (p >= 1.0) return 0.0;
  // P(X >= k) = I_p(k, n - k + 1).
  return clamp_score(-log_betainc(static_cast<double>(k), static_cast<double>(n - k + 1), p) / kLn10);
}

double neglog10_betabinomial_tail(std::int64_t k, std::int64_t n, double p, double m) {
  if (k <= 0) return 0.0;
  if (k > n) return kMaxScore;
  if (p <= 0.0) return kMaxScore;
  if (p >= 1.0) return 0.0;
  if (!(m > 0.0) || m > 1e7) return neglog10_binomial_tail(k, n, p);
  const double alpha = p * m, beta = (1.0 - p) * m;
  const double lb0 = log_beta(alpha, beta);
  const double lgn1 = std::lgamma(static_cast<double>(n) + 1.0);
  // Sum the upper tail's pmf in log space (log-sum-exp); n is capped by the caller.
  double maxl = -std::numeric_limits<double>::infinity();
  double acc = 0.0;
  for (std::int64_t x = k; x <= n; ++x) {
    const double xd = static_cast<double>(x), nd = static_cast<double>(n);
    const double l = lgn1 - std::lgamma(xd + 1.0) - std::lgamma(nd - xd + 1.0) +
                     log_beta(xd + alpha, nd - xd + beta) - lb0;
    if (l > maxl) {
      acc = acc * std::exp(maxl - l) + 1.0;
      maxl = l;
    } else {
      acc += std::exp(l - maxl);
    }
    if (l < maxl - 40.0) break;  // the pmf decreases beyond the mode: the rest is negligible
  }
  const double log_tail = maxl + std::log(acc);
  return clamp_score(-std::min(log_tail, 0.0) / kLn10);
}

}  // namespace pantau::alerts::stats
