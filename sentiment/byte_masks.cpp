#include "sentiment/byte_masks.hpp"

#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
#include <emmintrin.h>
#endif

namespace pantau::sentiment::detail {

namespace {

#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
// Bytes [last, n) of the text, then zeros: the last 16-byte block, built in
// registers from loads inside the text. (Copying the bytes to a buffer and
// reading it back as one vector stalled every text: a load that spans
// several recent stores waits until they reach the cache.)
__m128i tail_block(const char* text, size_t n, size_t last) {
  auto load8 = [text](size_t at) { uint64_t x; std::memcpy(&x, text + at, 8); return x; };
  auto load4 = [text](size_t at) { uint32_t x; std::memcpy(&x, text + at, 4); return x; };
  unsigned __int128 v;
  if (n >= 16) {  // the text's last 16 bytes, shifted down past those before `last`
    v = load8(n - 16) | static_cast<unsigned __int128>(load8(n - 8)) << 64;
    const unsigned drop = static_cast<unsigned>(16 - (n - last)) * 8;  // 8..128 bits
    v = (v >> (drop - 8)) >> 8;
  } else if (n >= 8) {  // two overlapping loads; equal bytes where they overlap
    v = load8(0) | static_cast<unsigned __int128>(load8(n - 8)) << (8 * (n - 8));
  } else if (n >= 4) {
    v = load4(0) | static_cast<uint64_t>(load4(n - 4)) << (8 * (n - 4));
  } else if (n > 0) {
    const auto b = [&](size_t k) { return static_cast<uint64_t>(static_cast<unsigned char>(text[k])); };
    v = b(0) | b(n / 2) << (8 * (n / 2)) | b(n - 1) << (8 * (n - 1));
  } else {
    v = 0;
  }
  return _mm_set_epi64x(static_cast<int64_t>(v >> 64), static_cast<int64_t>(static_cast<uint64_t>(v)));
}
#endif

}  // namespace

void ByteMasks::build(const char* text, size_t n, char* padded, char* lowered) {
  // Each plane covers n + 16 bytes plus 8 spare, so that bits_from(i) may load 8 bytes for any i <= n.
  size_t stride = (n + 16) / 8 + 16;
  if (bits_.size() < stride * kPlaneCount) bits_.resize(stride * kPlaneCount);
  stride_ = stride;
  uint8_t* planes = bits_.data();
  // The last block (it holds position n) ends with zeros past the text.
  const size_t last = n & ~size_t{15};
#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
  // Whether each byte is in [lo, lo + count): one add and one signed
  // compare (the add moves the range to the bottom of the signed bytes).
  auto in_range = [](__m128i v, char lo, int count) {
    return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - lo))),
                          _mm_set1_epi8(static_cast<char>(-128 + count)));
  };
  const __m128i case_bit = _mm_set1_epi8(0x20), blank = _mm_set1_epi8(' ');
  const __m128i apostrophe = _mm_set1_epi8('\''), hyphen = _mm_set1_epi8('-'), at = _mm_set1_epi8('@');
  const __m128i dollar = _mm_set1_epi8('$'), colon = _mm_set1_epi8(':');
  // Each plane's bits of the current 64 bytes, stored as one eight-byte word
  // when the chunk is done: the tokenizer reads them back as eight-byte
  // words right away, and a load that one store covers is served from the store.
  uint64_t word = 0, letters = 0, caps_bits = 0, blanks = 0, goes_on_bits = 0, colons = 0;
  // Bytes equal (lower-cased) to the one before: a letter that is, and whose
  // predecessor is too, is the third of a run ("mantuuul").
  uint64_t same = 0, same_before = 0;  // same_before: bit 63 of the last chunk's
  auto bits = [](__m128i m, size_t k) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m))) << (k & 63);
  };
  auto flush = [&](size_t k) {
    const uint64_t triples = letters & same & ((same << 1) | (same_before >> 63));
    same_before = same;
    const size_t at_byte = (k & ~size_t{63}) / 8;
    const uint64_t words[kPlaneCount] = {word, letters, caps_bits, blanks, triples, goes_on_bits, colons};
    for (int p = 0; p < kPlaneCount; ++p) std::memcpy(planes + p * stride + at_byte, &words[p], 8);
    word = letters = caps_bits = blanks = goes_on_bits = same = colons = 0;
  };
  __m128i prev = _mm_setzero_si128();  // the previous block, lowered
  auto block = [&](size_t k, __m128i v) {
    // Bytes of 0x80 and above fall in none of the ranges.
    const __m128i caps = in_range(v, 'A', 26);
    const __m128i low = _mm_or_si128(v, _mm_and_si128(caps, case_bit));
    const __m128i letter = in_range(_mm_or_si128(v, case_bit), 'a', 26);  // '@' | 0x20 is '`', '[' | 0x20 is '{'
    const __m128i digit = in_range(v, '0', 10);
    // The lowered byte one place back, carried over from the previous block.
    const __m128i low1 = _mm_or_si128(_mm_slli_si128(low, 1), _mm_srli_si128(prev, 15));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(padded + k), v);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + k), low);
    word |= bits(_mm_or_si128(letter, digit), k);
    letters |= bits(letter, k);
    caps_bits |= bits(caps, k);
    blanks |= bits(_mm_cmpeq_epi8(v, blank), k);
    same |= bits(_mm_cmpeq_epi8(low, low1), k);
    colons |= bits(_mm_cmpeq_epi8(v, colon), k);
    const __m128i goes_on = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, apostrophe), _mm_cmpeq_epi8(v, hyphen)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, at), _mm_cmpeq_epi8(v, dollar)));
    goes_on_bits |= bits(_mm_or_si128(goes_on, _mm_cmplt_epi8(v, _mm_setzero_si128())), k);
    prev = low;
  };
  for (size_t k = 0; k < last; k += 16) {
    block(k, _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + k)));
    if ((k & 63) == 48) flush(k);
  }
  block(last, tail_block(text, n, last));
  flush(last);
#else
  // Byte by byte where SSE2 is missing (same planes, same bytes).
  char tail[16] = {};
  std::memcpy(tail, text + last, n - last);
  std::memset(planes, 0, stride * kPlaneCount);
  unsigned char back1 = 0, back2 = 0;  // the two lowered bytes before k
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
    set(kPlaneColon, c == ':');
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
