#include "alerts/stats.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace st = pantau::alerts::stats;

TEST(Stats, PoissonTailMatchesClosedForm) {
  // P(X >= 1) = 1 - e^-lambda; P(X >= 2) = 1 - e^-l (1 + l).
  EXPECT_NEAR(st::neglog10_poisson_tail(1, 2.0), -std::log10(1 - std::exp(-2.0)), 1e-9);
  EXPECT_NEAR(st::neglog10_poisson_tail(2, 0.5), -std::log10(1 - std::exp(-0.5) * 1.5), 1e-9);
  EXPECT_NEAR(st::neglog10_poisson_tail(30, 40.0), -std::log10(0.9567713178482644), 1e-9);  // continued fraction
  EXPECT_EQ(st::neglog10_poisson_tail(0, 3.0), 0.0);
}

TEST(Stats, NegBinApproachesPoissonAndIsHeavierTailed) {
  EXPECT_NEAR(st::neglog10_negbin_tail(12, 4.0, 1e-9), st::neglog10_poisson_tail(12, 4.0), 1e-9);
  EXPECT_NEAR(st::neglog10_negbin_tail(12, 4.0, 1e-5), st::neglog10_poisson_tail(12, 4.0), 1e-2);
  // Over-dispersion makes the same count less surprising.
  EXPECT_LT(st::neglog10_negbin_tail(12, 4.0, 0.5), st::neglog10_poisson_tail(12, 4.0));
  // Geometric case (phi = 1, r = 1): P(X >= k) = (mu / (1 + mu))^k.
  EXPECT_NEAR(st::neglog10_negbin_tail(5, 3.0, 1.0), -5 * std::log10(0.75), 1e-9);
}

TEST(Stats, BinomialTailExact) {
  // n = 4, p = 0.5: P(X >= 3) = 5/16.
  EXPECT_NEAR(st::neglog10_binomial_tail(3, 4, 0.5), -std::log10(5.0 / 16.0), 1e-9);
  EXPECT_NEAR(st::neglog10_binomial_tail(4, 4, 0.5), -std::log10(1.0 / 16.0), 1e-9);
  EXPECT_EQ(st::neglog10_binomial_tail(0, 4, 0.5), 0.0);
}

TEST(Stats, BetaBinomialBetweenBinomialAndFlat) {
  const double bin = st::neglog10_binomial_tail(30, 100, 0.15);
  EXPECT_NEAR(st::neglog10_betabinomial_tail(30, 100, 0.15, 1e6), bin, 1e-2);
  // Concentration 1 with p = 0.5 is Beta(0.5, 0.5): heavier tail than the binomial.
  EXPECT_LT(st::neglog10_betabinomial_tail(30, 100, 0.15, 20.0), bin);
  // alpha = beta = 1 is uniform over 0..n: P(X >= k) = (n - k + 1) / (n + 1).
  EXPECT_NEAR(st::neglog10_betabinomial_tail(7, 10, 0.5, 2.0), -std::log10(4.0 / 11.0), 1e-9);
}

TEST(Stats, ExtremeValuesStayFinite) {
  const double s = st::neglog10_negbin_tail(100000, 1.0, 0.01);
  EXPECT_TRUE(std::isfinite(s));
  EXPECT_GT(s, 100.0);
  EXPECT_TRUE(std::isfinite(st::neglog10_betabinomial_tail(2000, 2000, 0.01, 50.0)));
}
