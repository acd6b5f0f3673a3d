// The structural index of a text, built 16 bytes at a time before tokenizing:
// for every byte, one bit in each of seven planes (word byte, letter, capital,
// blank, elongation, word-continuing byte, colon), and the text lower-cased beside
// it. The tokenizer then finds a plain word's end, capitals and stretched
// letters with a few bit operations instead of a branchy step per byte.
//
// SSE2 where the compiler has it (every x86-64), a byte loop elsewhere, with
// the same planes and bytes; build with -DPANTAU_NO_SIMD to run the byte loop
// here and check it with tools/compare_builds.sh.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace pantau::sentiment::detail {

enum MaskPlane : uint8_t {
  kPlaneWord,    // an ASCII letter or digit
  kPlaneLetter,  // an ASCII letter
  kPlaneUpper,   // an ASCII capital
  kPlaneBlank,   // ' '
  kPlaneTriple,  // a letter equal (ignoring case) to the two bytes before it: "mantuuul"
  kPlaneGoesOn,  // a byte that may carry a word on: ' - @ $ or any byte of a multi-byte character
  kPlaneColon,   // ':'
  kPlaneCount
};

class ByteMasks {
 public:
  // Indexes text[0, n). Also writes the text to `padded` and, lower-cased, to
  // `lowered`, each followed by 16 zero bytes (n + 16 bytes in all).
  void build(const char* text, size_t n, char* padded, char* lowered);

  // Plane p's bits, one per byte of text: bit (i & 7) of byte i / 8.
  const uint8_t* plane(MaskPlane p) const noexcept { return bits_.data() + p * stride_; }

 private:
  std::vector<uint8_t> bits_;  // kPlaneCount planes of stride_ bytes
  size_t stride_ = 0;
};

// A plane's bits from byte i on: bit 0 is byte i; exact up to the end of the
// text's last 16-byte block (which holds position n, the padding's zero, in
// no plane), and undefined after it.
inline uint64_t bits_from(const uint8_t* plane, size_t i) noexcept {
  uint64_t x;
  std::memcpy(&x, plane + (i >> 3), 8);
  return x >> (i & 7);
}

}  // namespace pantau::sentiment::detail
