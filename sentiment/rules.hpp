// The rules pass of the scorer (rules.cpp): the values of a text's
// sentiment units once phrases are matched, and what they add up to.
#pragma once

#include <bit>
#include <cstdint>
#include <span>

#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
#include <xmmintrin.h>
#endif

#include "sentiment/lexicon.hpp"
#include "sentiment/tokenizer.hpp"
#include "sentiment/units.hpp"

namespace pantau::sentiment::detail {

// -1 below zero, else 1 (for 0 and NaN too), without a branch.
inline float sign(float v) { return std::bit_cast<float>(0x3F800000u | static_cast<uint32_t>(v < 0) << 31); }
// mag * sign(v), without a branch. Written plainly, GCC makes that product
// a branch on v's sign (a coin toss from one word to the next) around a
// negation; here it is a compare mask and an xor of the sign bit, which is
// what multiplying by -1 does.
inline float with_sign_of(float mag, float v) {
#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
  const __m128 negative = _mm_and_ps(_mm_cmplt_ss(_mm_set_ss(v), _mm_setzero_ps()), _mm_set_ss(-0.0f));
  return _mm_cvtss_f32(_mm_xor_ps(_mm_set_ss(mag), negative));
#else
  return sign(v) * mag;
#endif
}
// x where c holds, else +0: by bits, as GCC keeps `c ? x : 0` on floats as a
// branch, and these are coin tosses per word.
inline float only_if(bool c, float x) { return std::bit_cast<float>(std::bit_cast<uint32_t>(x) & (0u - c)); }
inline double only_if(bool c, double x) { return std::bit_cast<double>(std::bit_cast<uint64_t>(x) & (0ull - c)); }

// What the sentiment units add up to: the raw sum, and the positive and
// negative mass of the shares (fill_shares), from the final values in text order.
struct Sums {
  float sum = 0;
  double pos = 0, neg = 0;
  // Without a branch (a coin toss per word); adding 0 leaves either unchanged.
  void add(float v) {
    sum += v;
    pos += only_if(v > 0, static_cast<double>(v + 1.0f));
    neg += only_if(v < 0, static_cast<double>(v - 1.0f));
  }
};

// Applies the rules to the sentiment units (positions in `sentiment`, in
// text order) of units[0, n) in language L, leaving each unit's final value
// and rule bits in it. `any_rflags`: every rule flag of the text's units (or
// more), to skip what cannot fire. `ends` and `marks`: scratch of n + 1
// entries each.
Sums apply_rules(const Lexicon& lex, Unit* units, uint32_t n, std::span<const uint32_t> sentiment,
                 const TextStats& st, uint32_t any_rflags, int L, uint32_t* ends, uint32_t* marks);

}  // namespace pantau::sentiment::detail
