// The structural index the tokenizer reads (byte_masks.hpp), checked byte by
// byte against the plane definitions for texts of every length from 0 to 200:
// the last block is built from loads inside the text by a different path for
// each length class (under 4, 4-7, 8-15, 16 and up), and every path must
// give the text's bytes then zeros, never a byte from beyond the text.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sentiment/byte_masks.hpp"

namespace pantau::sentiment::test {
namespace {

using detail::ByteMasks;
using detail::MaskPlane;

bool bit(const ByteMasks& m, MaskPlane p, size_t i) { return (m.plane(p)[i / 8] >> (i & 7)) & 1; }

// What plane p says of byte i of `text`, from the definitions in byte_masks.hpp.
bool expected(const std::string& text, MaskPlane p, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto lower = [&](size_t k) { unsigned char c = at(k); return c >= 'A' && c <= 'Z' ? c | 0x20 : c; };
  const unsigned char c = at(i);
  const bool letter = lower(i) >= 'a' && lower(i) <= 'z';
  switch (p) {
    case detail::kPlaneWord: return letter || (c >= '0' && c <= '9');
    case detail::kPlaneLetter: return letter;
    case detail::kPlaneUpper: return c >= 'A' && c <= 'Z';
    case detail::kPlaneBlank: return c == ' ';
    case detail::kPlaneTriple: return letter && i >= 2 && lower(i - 1) == lower(i) && lower(i - 2) == lower(i);
    case detail::kPlaneGoesOn: return c == '\'' || c == '-' || c == '@' || c == '$' || c >= 0x80;
    case detail::kPlaneColon: return c == ':';
    default: return false;
  }
}

TEST(ByteMasks, EveryLengthGivesTheTextsOwnBitsAndBytesThenZeros) {
  // Mixed content, so every plane has bits to get right near every block end.
  const std::string source =
      "Kopi SENJA lemot bgt!!! mantuuul 👍 g4cor don't e-wallet @admin $5 www.x.id "
      "Naaah, OK... ga ada 08123 masalah-masalah #KopiEnak sooo goood?! 🙏🏽 ÉCLAIR :) https://a.id ";
  ByteMasks masks;
  std::vector<char> padded, lowered;
  for (size_t n = 0; n <= 200; ++n) {
    std::string text;
    while (text.size() < n) text += source;
    text.resize(n);
    // The text sits in a buffer with other bytes after it: none may leak in.
    std::string held = text + std::string(32, 'Z');
    padded.assign(n + 32, '\x7f');
    lowered.assign(n + 32, '\x7f');
    masks.build(held.data(), n, padded.data(), lowered.data());
    for (size_t i = 0; i < n; ++i) {
      for (int p = 0; p < detail::kPlaneCount; ++p)
        ASSERT_EQ(bit(masks, static_cast<MaskPlane>(p), i), expected(text, static_cast<MaskPlane>(p), i))
            << "length " << n << ", byte " << i << ", plane " << p;
      ASSERT_EQ(padded[i], text[i]) << "length " << n << ", byte " << i;
      const auto c = static_cast<unsigned char>(text[i]);
      ASSERT_EQ(lowered[i], static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c)) << "length " << n << ", byte " << i;
    }
    // Position n and the 16 bytes after it: zero bytes, in no plane.
    for (size_t i = n; i < n + 16; ++i) {
      ASSERT_EQ(padded[i], 0) << "length " << n << ", byte " << i;
      ASSERT_EQ(lowered[i], 0) << "length " << n << ", byte " << i;
    }
    for (int p = 0; p < detail::kPlaneCount; ++p)
      ASSERT_FALSE(bit(masks, static_cast<MaskPlane>(p), n)) << "length " << n << ", plane " << p;
  }
}

}  // namespace
}  // namespace pantau::sentiment::test
