#include "sentiment/byte_masks.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pantau::sentiment::detail {

void ByteMasks::build(const unsigned char* s, size_t n, char* lowered) {
  // Each plane covers n + 16 bytes plus 8 spare, so that at(i) may load 8 bytes for any i <= n.
  size_t stride = (n + 16) / 8 + 16;
  if (bits_.size() < stride * kPlaneCount) bits_.resize(stride * kPlaneCount);
  stride_ = stride;
  uint8_t* planes = bits_.data();
#if defined(__SSE2__)
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1);
  const __m128i before_la = _mm_set1_epi8('a' - 1), after_lz = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20), blank = _mm_set1_epi8(' ');
  // Signed compares: bytes of 0x80 and above are negative, so never letters.
  auto capitals = [&](__m128i v) { return _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z)); };
  auto lower = [&](__m128i v, __m128i caps) { return _mm_or_si128(v, _mm_and_si128(caps, case_bit)); };
  auto put = [&](MaskPlane p, size_t k, __m128i m) {
    auto bits = static_cast<uint16_t>(_mm_movemask_epi8(m));
    std::memcpy(planes + p * stride + k / 8, &bits, 2);
  };
  for (size_t k = 0; k <= n; k += 16) {  // the last block holds position n
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + k));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + k - 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + k - 2));
    const __m128i caps = capitals(v);
    const __m128i low = lower(v, caps);
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, before_la), _mm_cmplt_epi8(low, after_lz));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before_0), _mm_cmplt_epi8(v, after_9));
    const __m128i same1 = _mm_cmpeq_epi8(low, lower(v1, capitals(v1)));
    const __m128i same2 = _mm_cmpeq_epi8(low, lower(v2, capitals(v2)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + k), low);
    put(kPlaneWord, k, _mm_or_si128(letter, digit));
    put(kPlaneLetter, k, letter);
    put(kPlaneUpper, k, caps);
    put(kPlaneBlank, k, _mm_cmpeq_epi8(v, blank));
    put(kPlaneTriple, k, _mm_and_si128(letter, _mm_and_si128(same1, same2)));
  }
#else
  // Byte by byte where SSE2 is missing (same planes, same bytes).
  auto low = [](unsigned char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c); };
  size_t end = (n / 16 + 1) * 16;
  std::memset(planes, 0, stride * kPlaneCount);
  for (size_t k = 0; k < end; ++k) {
    unsigned char c = s[k], l = low(c);
    bool letter = l >= 'a' && l <= 'z', digit = c >= '0' && c <= '9';
    lowered[k] = static_cast<char>(l);
    auto set = [&](MaskPlane p, bool on) { planes[p * stride + k / 8] |= static_cast<uint8_t>(on << (k & 7)); };
    set(kPlaneWord, letter || digit);
    set(kPlaneLetter, letter);
    set(kPlaneUpper, c >= 'A' && c <= 'Z');
    set(kPlaneBlank, c == ' ');
    set(kPlaneTriple, letter && l == low(s[k - 1]) && l == low(s[k - 2]));
  }
#endif
}

}  // namespace pantau::sentiment::detail
