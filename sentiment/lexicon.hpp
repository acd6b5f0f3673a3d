// The loaded model: every term, rule word, language marker and phrase, in flat
// open-addressing tables keyed by a 64-bit hash of the folded bytes.
// Built once at start-up (from the embedded TSVs plus overlays), read-only after.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
#include <emmintrin.h>
#endif

namespace pantau::sentiment::detail {

constexpr int kLangs = 4;  // id, jv, en, other: the index of Lang
constexpr float kNoValence = 1e9f;

// Rule flags a term carries for one language.
enum TermFlag : uint16_t {
  kNegator = 1 << 0,     // tidak, not: flips what follows in its clause
  kBoosterPre = 1 << 1,  // sangat, very: strengthens (or dampens) the next word
  kBoosterPost = 1 << 2, // banget, sekali: strengthens the word before
  kContrast = 1 << 3,    // tapi, but: the clause after carries the verdict
  kConcession = 1 << 4,  // meskipun, although: its own clause is down-weighted
  kQuestion = 1 << 5,    // apakah, is: a yes/no question when it opens a sentence
  kEmoticon = 1 << 6,    // an ASCII emoticon (matched on raw bytes)
};

enum SpamReason : uint8_t {
  kSpamNone = 0, kSpamGambling, kSpamDeposit, kSpamWhatsapp, kSpamLinkFarm, kSpamReasonCount
};
std::string_view spam_reason_text(uint8_t reason, bool obfuscated) noexcept;

struct Term {
  float valence[kLangs];   // resolved per text language; kNoValence when none
  float modifier[kLangs];  // booster/dampener increment or negation scalar
  float lang_weight[3];    // evidence this word gives for id, jv, en
  uint16_t flags[kLangs];
  uint32_t text_off = 0;
  uint16_t text_len = 0;
  uint8_t phrase_max = 0;  // longest phrase (words) that starts with this term
  uint8_t spam_reason = kSpamNone;
  uint8_t value_langs = 0;  // bit per lexicon slot (id, jv, en, any) that gave it a valence
  float spam_points = 0;
  int32_t canonical = -1;  // slang-map target used for rules and phrases
};

// What a unit of a scored text starts from, for one term under one
// language: worked out once by the scorer (see Lexicon::set_seed).
struct Seed {
  float valence;
  uint32_t flags;  // the unit's flags as the term alone gives them, plus the scorer's own bits
};

// What the tokenizer, the scorer's seeding and the phrase matcher read of a
// term, in one cache line: a token's look-up confirms terms of up to 12
// bytes here and sums the language evidence, and once the text's language
// is known the unit starts from the seed in the same line. (The seeds had a
// table of their own, and a known word cost two cache misses after its
// bucket instead of one.) The full Term is for start-up, fallbacks, rule
// modifiers and spam.
constexpr size_t kHotTextBytes = 12;
struct alignas(64) HotTerm {
  float lang_weight[3];
  int32_t canonical;
  uint16_t text_len;
  uint8_t phrase_max;
  uint8_t spam;               // 1 when the term carries spam points
  char text[kHotTextBytes];   // the first bytes of the term, zero-padded
  Seed seed[kLangs];          // by language; zero until the scorer sets them
};
static_assert(sizeof(HotTerm) == 64);

struct Phrase {
  int32_t words[6];
  uint8_t len = 0;
  float valence[kLangs];
  float modifier[kLangs];
  uint16_t flags[kLangs];
};

// Word-at-a-time hash of a token's bytes: tokens are short, so most take one
// 8-byte load and one folded 128-bit multiply (FNV's byte-serial chain was the
// single largest cost of scoring).
inline uint64_t hash_finish(uint64_t h, uint64_t tail) noexcept {
  // One 64x64->128 multiply, folded: every output bit depends on every input bit.
  const unsigned __int128 m = static_cast<unsigned __int128>(h ^ tail) * 0x94d049bb133111ebull;
  return static_cast<uint64_t>(m) ^ static_cast<uint64_t>(m >> 64);
}
// The bytes of a last partial word of 0 to 7 bytes that are the text's own.
inline constexpr uint64_t kTailMasks[8] = {0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff,
                                           0xffffffffffffff};
// kPadded: the buffer is readable at least 8 bytes past p + n, so the tail is
// one masked load; the value is the same either way.
template <bool kPadded = false>
inline uint64_t hash_bytes(const char* p, size_t n) noexcept {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  uint64_t tail = 0;
  if constexpr (kPadded) {
    std::memcpy(&tail, p, 8);
    tail &= kTailMasks[n];  // a mask per length, not a branch on n == 0 (a coin toss)
  } else {
    std::memcpy(&tail, p, n);
  }
  return hash_finish(h, tail);
}
inline uint64_t hash_bytes_padded(const char* p, size_t n) noexcept { return hash_bytes<true>(p, n); }
inline uint64_t hash_text(std::string_view s) noexcept { return hash_bytes(s.data(), s.size()); }
inline uint64_t mix64(uint64_t x) noexcept {
  x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ull; x ^= x >> 33;
  return x;
}
inline uint64_t phrase_key(const int32_t* ids, int n) noexcept {
  uint64_t k = 0x9e3779b97f4a7c15ull * static_cast<uint64_t>(n);
  for (int i = 0; i < n; ++i) k = mix64(k ^ (static_cast<uint64_t>(static_cast<uint32_t>(ids[i])) + 0x632be59bd9b4e019ull * (i + 1)));
  return k;
}

class LexiconBuilder;

class Lexicon {
 public:
  Lexicon(Lexicon&&) = default;
  Lexicon& operator=(Lexicon&&) = default;

  int32_t find(const char* s, size_t n, uint64_t h) const noexcept { return probe<false>(s, n, h); }
  // Same, for bytes followed by at least 8 readable bytes (the tokenizer's
  // padded buffer): the last partial word is compared in one masked load.
  int32_t find_padded(const char* s, size_t n, uint64_t h) const noexcept { return probe<true>(s, n, h); }
  int32_t find(std::string_view s) const noexcept { return find(s.data(), s.size(), hash_text(s)); }
  // Starts loading the bucket that a look-up of hash h reads: a text's
  // tokens are hashed and their buckets fetched first, then looked up, so
  // that their cache misses overlap.
  void prefetch(uint64_t h) const noexcept { __builtin_prefetch(&buckets_[static_cast<size_t>(h) & mask_]); }
  // Whether some phrase opens with words a then b (canonical ids); false
  // for nearly every pair that opens none.
  bool may_open_phrase(int32_t a, int32_t b) const noexcept {
    if (phrase_pairs_.empty()) return false;
    const uint64_t h = mix64(pair_key(a, b));
    const uint64_t bits = filter_bits(h);
    return (phrase_pairs_[static_cast<size_t>(h) & pair_mask_] & bits) == bits;
  }
  const Phrase* find_phrase(const int32_t* ids, int n) const noexcept {
    if (phrase_slots_.empty() || n < 2) return nullptr;
    // Most words that can open a phrase ("not", "gak", "so") are followed by
    // one that continues none, and a start is tried at every length up to the
    // longest phrase it opens: a small filter on the first two words and the
    // length spares the table (large, so rarely in cache) nearly all of those
    // look-ups.
    const uint64_t head = head_hash(ids[0], ids[1], n);
    const uint64_t bits = filter_bits(head);
    if ((phrase_heads_[head_word(head)] & bits) != bits) return nullptr;
    uint64_t k = phrase_key(ids, n);
    size_t i = static_cast<size_t>(k) & phrase_mask_;
    for (;;) {
      const PhraseSlot& sl = phrase_slots_[i];
      if (sl.phrase < 0) return nullptr;
      if (sl.key == k) {
        const Phrase& p = phrases_[sl.phrase];
        if (p.len == n && std::memcmp(p.words, ids, sizeof(int32_t) * n) == 0) return &p;
      }
      i = (i + 1) & phrase_mask_;
    }
  }
  const Term& term(int32_t i) const noexcept { return terms_[i]; }
  // hot(-1) is a sentinel: no language evidence, no phrase, a length no token has.
  const HotTerm& hot(int32_t i) const noexcept { return hot_[static_cast<size_t>(i + 1)]; }
  // The scorer's start for term i under language slot `lang`, kept in the
  // term's HotTerm (and for i = -1, an unknown word, in the sentinel's).
  void set_seed(int32_t i, int lang, Seed s) noexcept { hot_[static_cast<size_t>(i + 1)].seed[lang] = s; }
  // What a second chance asks of a candidate stem, per term and language, in
  // one byte of a small table (the full Term is rarely in cache).
  enum StemBit : uint8_t {
    kStemValued = 1,      // a nonzero valence, or spam points
    kStemRuleWord = 2,    // a negator or booster
    kStemNeutral = 4,     // listed with valence 0
  };                      // high nibble: Term::value_langs
  uint8_t stem_info(int32_t i, int lang) const noexcept { return stem_info_[static_cast<size_t>(i) * kLangs + lang]; }
  // Nothing at all for language slot `lang`: no value, no rule, no spam, no
  // phrase and no language evidence (an unknown word's second chances apply).
  bool vacant(int32_t i, int lang) const noexcept {
    const Term& t = terms_[static_cast<size_t>(i)];
    return t.valence[lang] == kNoValence && t.flags[lang] == 0 && t.spam_points == 0 && t.phrase_max == 0 &&
           t.lang_weight[0] == 0 && t.lang_weight[1] == 0 && t.lang_weight[2] == 0;
  }
  std::string_view text(int32_t i) const noexcept {
    return {pool_.data() + terms_[i].text_off, terms_[i].text_len};
  }
  size_t term_count() const noexcept { return terms_.size(); }
  size_t phrase_count() const noexcept { return phrases_.size(); }
  const Phrase& phrase(size_t i) const noexcept { return phrases_[i]; }
  size_t overflow_count() const noexcept { return overflow_.size(); }  // terms outside their bucket
  size_t memory_bytes() const noexcept;
  // Unique per loaded lexicon (never reused), so memos can tell lexicons apart.
  uint64_t id() const noexcept { return id_; }

 private:
  friend class LexiconBuilder;
  Lexicon() = default;  // made by load_lexicon only: a look-up needs the tables it builds
  // One cache line per bucket: seven terms' hash tags (the top 32 bits) and
  // ids; entry 7's tag is never used and its id says whether the bucket
  // overflowed.
  static constexpr int32_t kNoTerm = -1, kOverflowed = -2;
  struct alignas(64) Bucket {
    uint32_t tag[8];
    int32_t term[8];
  };
  struct Overflow { uint64_t hash; int32_t term; };
  // The two bits either phrase filter sets for a hash (from its top twelve bits).
  static uint64_t filter_bits(uint64_t h) noexcept { return (1ull << (h >> 58)) | (1ull << ((h >> 52) & 63)); }

  // A look-up has no branch on its answer (whether a word is known is a coin
  // toss the predictor loses): the hash picks one 64-byte bucket, its tags
  // are compared at once, the first that matches names the candidate, and
  // the candidate's HotTerm confirms length and bytes in two masked words (a
  // miss reads the sentinel hot(-1), whose length matches nothing). A bucket
  // holds seven terms; a term that finds its bucket full, or its tag taken
  // there, goes to a short overflow list the bucket points to (no bucket of
  // the built-in lexicon does; large overlays might).
  template <bool kPadded>
  int32_t probe(const char* s, size_t n, uint64_t h) const noexcept {
    const Bucket& b = buckets_[static_cast<size_t>(h) & mask_];
    int32_t cand = b.term[first_match(b, static_cast<uint32_t>(h >> 32))];
    cand = cand < 0 ? -1 : cand;  // entry 7 holds no term: kNoTerm or kOverflowed
    const HotTerm& t = hot(cand);
    int32_t found;
    if (kPadded && n <= kHotTextBytes) {  // the record holds all the bytes
      const uint64_t diff = short_text_diff(t, s, n) | (t.text_len ^ n);
      found = cand | -static_cast<int32_t>(diff != 0);  // -1 on any difference
    } else {
      found = t.text_len == n && same_text<kPadded>(cand, t, s, n) ? cand : -1;
    }
    if (b.term[7] == kOverflowed && found < 0) [[unlikely]]
      return probe_overflow<kPadded>(b, s, n, h);
    return found;
  }
  // The first of a bucket's entries whose tag is `tag`, or 7 (which holds none).
  static unsigned first_match(const Bucket& b, uint32_t tag) noexcept {
#if defined(__SSE2__) && !defined(PANTAU_NO_SIMD)
    const __m128i t = _mm_set1_epi32(static_cast<int>(tag));
    const __m128i lo = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.tag)), t);
    const __m128i hi = _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(b.tag + 4)), t);
    const auto m = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(lo)) |
                                         (_mm_movemask_ps(_mm_castsi128_ps(hi)) << 4));
#else
    unsigned m = 0;
    for (unsigned k = 0; k < 7; ++k) m |= static_cast<unsigned>(b.tag[k] == tag) << k;
#endif
    return static_cast<unsigned>(__builtin_ctz(m | 0x80u));
  }
  template <bool kPadded>
  int32_t probe_overflow(const Bucket& b, const char* s, size_t n, uint64_t h) const noexcept {
    for (unsigned k = 0; k < 7 && b.term[k] >= 0; ++k)
      if (hot(b.term[k]).text_len == n && same_text<kPadded>(b.term[k], hot(b.term[k]), s, n)) return b.term[k];
    for (const Overflow& o : overflow_)
      if (o.hash == h && hot(o.term).text_len == n && same_text<kPadded>(o.term, hot(o.term), s, n)) return o.term;
    return -1;
  }
  // Which bytes of the two words compared for a token of n <= 12 bytes, bytes
  // 0..7 and, overlapping, 4..11 (both loads stay inside the record), are its own.
  struct TextMask { uint64_t lo, hi; };
  static constexpr auto kTextMasks = [] {
    std::array<TextMask, kHotTextBytes + 1> m{};
    for (size_t n = 1; n <= kHotTextBytes; ++n)
      m[n] = {n >= 8 ? ~0ull : (1ull << (8 * n)) - 1, n <= 8 ? 0 : ~0ull >> (8 * (12 - n))};
    return m;
  }();
  // The bits in which the first n <= 12 bytes of a record and of s (padded)
  // differ: 0 when they are the same.
  static uint64_t short_text_diff(const HotTerm& t, const char* s, size_t n) noexcept {
    uint64_t a0, a1, b0, b1;
    std::memcpy(&a0, t.text, 8);
    std::memcpy(&a1, t.text + 4, 8);
    std::memcpy(&b0, s, 8);
    std::memcpy(&b1, s + 4, 8);
    return ((a0 ^ b0) & kTextMasks[n].lo) | ((a1 ^ b1) & kTextMasks[n].hi);
  }
  template <bool kPadded>
  bool same_text(int32_t term, const HotTerm& t, const char* s, size_t n) const noexcept {
    if (kPadded && n <= kHotTextBytes) return short_text_diff(t, s, n) == 0;  // no trip to the pool
    if (term < 0) return false;  // the sentinel's bytes are nowhere
    return same_bytes<kPadded>(pool_.data() + terms_[static_cast<size_t>(term)].text_off, s, n);
  }
  // `a` is in the pool, which ends in 8 spare bytes; `b` has them when kPadded.
  template <bool kPadded>
  static bool same_bytes(const char* a, const char* b, size_t n) noexcept {
    for (; n >= 8; a += 8, b += 8, n -= 8) {
      uint64_t x, y;
      std::memcpy(&x, a, 8);
      std::memcpy(&y, b, 8);
      if (x != y) return false;
    }
    if constexpr (kPadded) {
      if (n == 0) return true;
      uint64_t x, y;
      std::memcpy(&x, a, 8);
      std::memcpy(&y, b, 8);
      return ((x ^ y) & (~0ull >> (64 - 8 * n))) == 0;
    } else {
      for (; n > 0; ++a, ++b, --n) if (*a != *b) return false;
      return true;
    }
  }
  // The phrase filters (Bloom filters): may_open_phrase()'s of every phrase's
  // first two words, and find_phrase()'s of its first two words and length.
  static uint64_t pair_key(int32_t a, int32_t b) noexcept {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
  }
  static uint64_t head_hash(int32_t a, int32_t b, int len) noexcept {
    return mix64(pair_key(a, b) + 0x9e3779b97f4a7c15ull * static_cast<uint64_t>(len));
  }
  size_t head_word(uint64_t h) const noexcept { return static_cast<size_t>(h) & head_mask_; }
  struct PhraseSlot { uint64_t key; int32_t phrase; };
  std::vector<Term> terms_;
  std::vector<HotTerm> hot_;
  std::vector<uint8_t> stem_info_;  // stem_info(), kLangs per term
  std::string pool_;
  std::vector<Bucket> buckets_;
  size_t mask_ = 0;
  std::vector<Overflow> overflow_;
  std::vector<Phrase> phrases_;
  std::vector<PhraseSlot> phrase_slots_;
  size_t phrase_mask_ = 0;
  std::vector<uint64_t> phrase_heads_;
  size_t head_mask_ = 0;
  std::vector<uint64_t> phrase_pairs_;  // may_open_phrase()'s filter: first two words, any length
  size_t pair_mask_ = 0;
  uint64_t id_ = 0;
};

// One embedded lexicon file (generated at build time from sentiment/lexicons/*.tsv).
struct EmbeddedFile { const char* name; const char* data; size_t size; };
extern const EmbeddedFile kEmbeddedLexicons[];
extern const size_t kEmbeddedLexiconCount;

// Loads the built-in lexicons then each overlay in order. Throws
// std::runtime_error("file:line: why") on a malformed line.
// `duplicates`, when given, receives built-in terms defined twice for one language.
Lexicon load_lexicon(const std::vector<std::string>& overlay_files,
                     std::vector<std::string>* duplicates = nullptr);

}  // namespace pantau::sentiment::detail
