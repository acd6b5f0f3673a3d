// Tail probabilities for count data, on the log scale so that tiny p-values
// (a storm against a quiet baseline) stay finite and comparable.
//
// All functions return -log10 P(X >= k): 0 means "not unusual at all", 3 is
// p = 1e-3. Pure functions, no state; the detector calls them per bucket.
#pragma once

#include <cstdint>

namespace pantau::alerts::stats {

// log of the regularised incomplete beta I_x(a, b).
double log_betainc(double a, double b, double x);

// X ~ NegativeBinomial(mean mu, variance mu + phi * mu^2); phi -> 0 is Poisson.
double neglog10_negbin_tail(std::int64_t k, double mu, double phi);

// X ~ Poisson(lambda).
double neglog10_poisson_tail(std::int64_t k, double lambda);

// X ~ Binomial(n, p).
double neglog10_binomial_tail(std::int64_t k, std::int64_t n, double p);

// X ~ BetaBinomial(n, alpha = p * m, beta = (1 - p) * m): a binomial whose
// success probability itself varies (pile-ons, retweets); m is the
// concentration, m -> infinity is the binomial.
double neglog10_betabinomial_tail(std::int64_t k, std::int64_t n, double p, double m);

}  // namespace pantau::alerts::stats
