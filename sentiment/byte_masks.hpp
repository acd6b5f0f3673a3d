// The structural index of a text, built 16 bytes at a time before tokenizing:
// for every byte, one bit in each of five planes (word byte, letter, capital,
// blank, elongation), and the text lower-cased beside it. The tokenizer then
// finds a plain word's end, capitals and stretched letters with a few bit
// operations instead of a branchy step per byte.
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
  kPlaneCount
};

class ByteMasks {
 public:
  // `s` is readable from s - 2 to s + n + 15 (the tokenizer's padded copy);
  // `lowered` receives n + 16 bytes: s with ASCII capitals lower-cased.
  void build(const unsigned char* s, size_t n, char* lowered);

  // Plane p's bits, one per byte of text: bit (i & 7) of byte i / 8.
  const uint8_t* plane(MaskPlane p) const noexcept { return bits_.data() + p * stride_; }

 private:
  std::vector<uint8_t> bits_;  // kPlaneCount planes of stride_ bytes
  size_t stride_ = 0;
};

// A plane's bits from byte i on: bit 0 is byte i. Bits 0..56 are exact for
// every i <= n (position n, the padding's zero, is in no plane); bits past
// n + 15 are undefined.
inline uint64_t bits_from(const uint8_t* plane, size_t i) noexcept {
  uint64_t x;
  std::memcpy(&x, plane + (i >> 3), 8);
  return x >> (i & 7);
}

}  // namespace pantau::sentiment::detail
