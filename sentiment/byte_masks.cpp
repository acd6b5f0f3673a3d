#include "sentiment/byte_masks.hpp"

#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
#include <emmintrin.h>
#endif

namespace pantau::sentiment::detail {

void ByteMasks::build(const char* text, size_t n, char* padded, char* lowered) {
  // Each plane covers n + 16 bytes plus 8 spare, so that bits_from(i) may load 8 bytes for any i <= n.
  size_t stride = (n + 16) / 8 + 16;
  if (bits_.size() < stride * kPlaneCount) bits_.resize(stride * kPlaneCount);
  stride_ = stride;
  uint8_t* planes = bits_.data();
  // The last block (it holds position n) is read from a zero-padded copy.
  const size_t last = n & ~size_t{15};
  alignas(16) char tail[16] = {};
#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
  if (n >= 16) {
    // The text's last 16 bytes, then zeros; the tail starts n - last bytes
    // before the zeros. Two fixed-size moves: a memcpy of n - last bytes
    // would branch on that length, a coin toss per text.
    alignas(16) char ends[32] = {};
    _mm_store_si128(reinterpret_cast<__m128i*>(ends), _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + n - 16)));
    _mm_store_si128(reinterpret_cast<__m128i*>(tail),
                    _mm_loadu_si128(reinterpret_cast<const __m128i*>(ends + 16 - (n - last))));
  } else {
    std::memcpy(tail, text, n);
  }
#else
  std::memcpy(tail, text + last, n - last);
#endif
#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1);
  const __m128i before_la = _mm_set1_epi8('a' - 1), after_lz = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20), blank = _mm_set1_epi8(' ');
  const __m128i apostrophe = _mm_set1_epi8('\''), hyphen = _mm_set1_epi8('-'), at = _mm_set1_epi8('@');
  const __m128i dollar = _mm_set1_epi8('$'), colon = _mm_set1_epi8(':');
  __m128i url_marks = _mm_setzero_si128();  // ':' or a tripled letter, anywhere
  auto put = [&](MaskPlane p, size_t k, __m128i m) {
    auto bits = static_cast<uint16_t>(_mm_movemask_epi8(m));
    std::memcpy(planes + p * stride + k / 8, &bits, 2);
  };
  __m128i prev = _mm_setzero_si128();  // the previous block, lowered
  for (size_t k = 0; k <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(k == last ? tail : text + k));
    // Signed compares: bytes of 0x80 and above are negative, so never letters.
    const __m128i caps = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
    const __m128i low = _mm_or_si128(v, _mm_and_si128(caps, case_bit));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, before_la), _mm_cmplt_epi8(low, after_lz));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, before_0), _mm_cmplt_epi8(v, after_9));
    // The lowered bytes one and two places back, carried over from the previous block.
    const __m128i low1 = _mm_or_si128(_mm_slli_si128(low, 1), _mm_srli_si128(prev, 15));
    const __m128i low2 = _mm_or_si128(_mm_slli_si128(low, 2), _mm_srli_si128(prev, 14));
    const __m128i same = _mm_and_si128(_mm_cmpeq_epi8(low, low1), _mm_cmpeq_epi8(low, low2));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(padded + k), v);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + k), low);
    put(kPlaneWord, k, _mm_or_si128(letter, digit));
    put(kPlaneLetter, k, letter);
    put(kPlaneUpper, k, caps);
    put(kPlaneBlank, k, _mm_cmpeq_epi8(v, blank));
    const __m128i triple = _mm_and_si128(letter, same);
    put(kPlaneTriple, k, triple);
    url_marks = _mm_or_si128(url_marks, _mm_or_si128(triple, _mm_cmpeq_epi8(v, colon)));
    const __m128i goes_on = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, apostrophe), _mm_cmpeq_epi8(v, hyphen)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, at), _mm_cmpeq_epi8(v, dollar)));
    put(kPlaneGoesOn, k, _mm_or_si128(goes_on, _mm_cmplt_epi8(v, _mm_setzero_si128())));
    prev = low;
  }
  may_hold_url_ = _mm_movemask_epi8(url_marks) != 0;
#else
  // Byte by byte where SSE2 is missing (same planes, same bytes).
  std::memset(planes, 0, stride * kPlaneCount);
  unsigned char back1 = 0, back2 = 0;  // the two lowered bytes before k
  may_hold_url_ = false;
  for (size_t k = 0; k < last + 16; ++k) {
    auto c = static_cast<unsigned char>(k < last ? text[k] : tail[k - last]);
    auto l = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    bool letter = l >= 'a' && l <= 'z', digit = c >= '0' && c <= '9';
    padded[k] = static_cast<char>(c);
    lowered[k] = static_cast<char>(l);
    auto set = [&](MaskPlane p, bool on) { planes[p * stride + k / 8] |= static_cast<uint8_t>(on << (k & 7)); };
    set(kPlaneWord, letter || digit);
    set(kPlaneLetter, letter);
    set(kPlaneUpper, c >= 'A' && c <= 'Z');
    set(kPlaneBlank, c == ' ');
    set(kPlaneTriple, letter && l == back1 && l == back2);
    may_hold_url_ |= c == ':' || (letter && l == back1 && l == back2);
    set(kPlaneGoesOn, c == '\'' || c == '-' || c == '@' || c == '$' || c >= 0x80);
    back2 = back1;
    back1 = l;
  }
#endif
  // Zero bytes after the text in both copies (the last block wrote up to last + 16).
  std::memset(padded + last + 16, 0, 16);
  std::memset(lowered + last + 16, 0, 16);
}

}  // namespace pantau::sentiment::detail
