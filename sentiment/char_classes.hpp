// Byte classes and character helpers for the tokenizer: 256-entry tables for
// ASCII, eight-bytes-at-a-time ("SIMD within a register") word scanning, and
// the Unicode ranges it folds or keeps (fancy letters, emoji, invisibles).
// Only tokenizer.cpp includes this.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "sentiment/tokenizer.hpp"

namespace pantau::sentiment::detail::chars {

// kSpace: a separator with no other role (blank, most symbols); kSep: a symbol
// that may open an emoticon (= < > ^ *).
enum CharClass : uint8_t {
  kSpace, kSep, kLower, kUpper, kDigit, kApos, kHyphen, kPeriod, kExclaim, kQuestionMark, kClausePunct,
  kNewline, kHash, kAt, kDollar, kUnderscore, kHigh
};

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c >= 0x80 ? kHigh : kSpace;
  for (char c : std::string_view("=<>^*")) t[static_cast<unsigned char>(c)] = kSep;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['\''] = kApos; t['-'] = kHyphen; t['.'] = kPeriod; t['!'] = kExclaim; t['?'] = kQuestionMark;
  t[','] = kClausePunct; t[';'] = kClausePunct; t[':'] = kClausePunct; t['('] = kClausePunct;
  t[')'] = kClausePunct; t['"'] = kClausePunct; t['\n'] = kNewline; t['#'] = kHash; t['@'] = kAt;
  t['$'] = kDollar; t['_'] = kUnderscore;
  return t;
}
constexpr auto kClass = make_classes();

constexpr std::array<bool, 256> make_emoticon_starts() {
  std::array<bool, 256> t{};
  for (char c : std::string_view(":;=<>()^*-'8xX"))
    t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr auto kEmoticonStart = make_emoticon_starts();

constexpr std::array<bool, 256> make_handle_chars() {  // what an @handle is made of
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  t['_'] = t['.'] = true;
  return t;
}
constexpr auto kHandleChar = make_handle_chars();

// What a byte between words does when the chunk scan meets it (see
// Run::punctuation): the pending flags it sets for the next token, plus
// these bits. Mirrors Run::step() for a byte outside any token.
enum : uint16_t { kActExclaim = 1, kActQuestion = 2, kActEmoticon = 4, kActStep = 8 };
constexpr std::array<uint16_t, 256> make_punctuation() {
  std::array<uint16_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint16_t a = 0;
    switch (kClass[c]) {
      case kSpace: case kSep: case kUnderscore: case kApos: break;
      case kPeriod: case kNewline: a = kTokSentenceStart | kTokClauseStart; break;
      case kExclaim: a = kTokSentenceStart | kTokClauseStart | kActExclaim; break;
      case kQuestionMark: a = kActQuestion; break;
      case kClausePunct: case kHyphen: a = kTokClauseStart; break;
      default: a = kActStep; break;  // letters, digits, # @ $ and multi-byte characters
    }
    if (kEmoticonStart[c]) a |= kActEmoticon;
    t[c] = a;
  }
  return t;
}
constexpr auto kPunctuation = make_punctuation();

// Latin-1 supplement U+00C0..U+00FF and Latin Extended-A U+0100..U+017F to ASCII.
constexpr std::string_view kLatin1Fold = "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";
constexpr std::string_view kLatinExtAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllllllllnnnnnnnnnoooooooorrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";

// Eight bytes at a time ("SIMD within a register"): the input and output
// buffers are padded, so a word's bytes are classified, lower-cased and
// counted in one pass per eight letters instead of one branchy step per letter.
constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighBits = 0x8080808080808080ull;
inline uint64_t load8(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
// 0x80 in each byte that lies in [lo, hi]; bytes must be below 0x80.
constexpr uint64_t in_range(uint64_t x, unsigned lo, unsigned hi) {
  return (x + (0x80 - lo) * kOnes) & ~(x + (0x80 - hi - 1) * kOnes) & kHighBits;
}
// How many bytes of m have 0x80 set (m holds only 0x80 bits); no popcnt needed.
constexpr int count_marked(uint64_t m) { return static_cast<int>(((m >> 7) * kOnes) >> 56); }
// The leading word bytes (ASCII letters and digits) of eight input bytes:
// which are letters and which digits (0x80 marks), the bytes with letters
// lower-cased, and how many lead (0..8).
struct WordBytes { uint64_t is_letter, is_digit, lowered; unsigned count; };
[[gnu::always_inline]] inline WordBytes word_bytes(uint64_t w) {
  uint64_t w7 = w & ~kHighBits;
  uint64_t is_letter = in_range(w7 | 0x20 * kOnes, 'a', 'z') & ~w;
  uint64_t is_digit = in_range(w7, '0', '9') & ~w;
  uint64_t nonword = ~(is_letter | is_digit) & kHighBits;
  unsigned k = nonword ? static_cast<unsigned>(__builtin_ctzll(nonword)) >> 3 : 8;
  uint64_t keep = k == 8 ? ~0ull : (1ull << (8 * k)) - 1;
  is_letter &= keep;
  is_digit &= keep;
  return {is_letter, is_digit, w | (is_letter >> 2), k};
}
// 0x80 in each byte of t that is zero.
constexpr uint64_t zero_bytes(uint64_t t) { return ~(((t & ~kHighBits) + ~kHighBits) | t) & kHighBits; }

inline bool is_alnum_ascii(unsigned char c) { return kClass[c] == kLower || kClass[c] == kUpper || kClass[c] == kDigit; }
inline bool is_alpha_ascii(unsigned char c) { return kClass[c] == kLower || kClass[c] == kUpper; }

// Fullwidth forms, mathematical alphanumerics and circled letters: spam's favourite
// disguises. Returns the ASCII letter or digit, or 0.
inline unsigned char fold_fancy(uint32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<unsigned char>('0' + cp - 0xFF10);
  if (cp >= 0xFF21 && cp <= 0xFF3A) return static_cast<unsigned char>('a' + cp - 0xFF21);
  if (cp >= 0xFF41 && cp <= 0xFF5A) return static_cast<unsigned char>('a' + cp - 0xFF41);
  if (cp >= 0x1D400 && cp <= 0x1D6A3) {
    uint32_t k = (cp - 0x1D400) % 52;
    return static_cast<unsigned char>('a' + (k < 26 ? k : k - 26));
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return static_cast<unsigned char>('0' + (cp - 0x1D7CE) % 10);
  if (cp >= 0x24B6 && cp <= 0x24CF) return static_cast<unsigned char>('a' + cp - 0x24B6);
  if (cp >= 0x24D0 && cp <= 0x24E9) return static_cast<unsigned char>('a' + cp - 0x24D0);
  if (cp >= 0x1F130 && cp <= 0x1F149) return static_cast<unsigned char>('a' + cp - 0x1F130);
  if (cp >= 0x1F150 && cp <= 0x1F169) return static_cast<unsigned char>('a' + cp - 0x1F150);
  if (cp >= 0x1F170 && cp <= 0x1F189) return static_cast<unsigned char>('a' + cp - 0x1F170);
  return 0;
}

inline bool is_emoji(uint32_t cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x1F000 && cp <= 0x1F12F) || (cp >= 0x1F18A && cp <= 0x1F2FF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || (cp >= 0x2300 && cp <= 0x23FF);
}
inline bool is_invisible(uint32_t cp) {  // joiners, variation selectors, skin tones, tags
  return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0xFEFF;
}
inline bool is_space_or_symbol(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0xA1 && cp <= 0xBF);
}

inline bool starts_with_ci(const unsigned char* s, size_t n, std::string_view p) {
  if (n < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if ((s[i] | 0x20) != static_cast<unsigned char>(p[i]) && s[i] != static_cast<unsigned char>(p[i])) return false;
  return true;
}

}  // namespace pantau::sentiment::detail::chars
