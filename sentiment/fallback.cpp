#include "sentiment/fallback.hpp"

#include <cstring>
#include <string_view>

#include "sentiment/tokenizer.hpp"

namespace pantau::sentiment::detail {
namespace {

constexpr size_t kMaxWord = kFallbackMaxWord;
// Every candidate is built in a local buffer of kBuf bytes: at least 8 bytes
// past any candidate's end stay readable, so the look-up hashes and compares
// the last partial word in one masked load (Lexicon::find_padded), with the
// same result as the plain find.
// (Buffers are zeroed first, so those bytes are never uninitialised.)
constexpr size_t kBuf = kMaxWord + 16;

constexpr uint8_t kAnySlots = 0xF;
constexpr uint8_t kEnglishSlots = (1u << 2) | (1u << 3);         // en or any
constexpr uint8_t kIndonesianJavaneseSlots = (1u << 0) | (1u << 1) | (1u << 3);

// useful() answers kNeutralStem when an Indonesian/Javanese form is listed as
// neutral (an explicit 0) for this language: "ketepatan" is listed at 0, so
// "ketepatannya" must stop there and not go on to reach "tepat".
constexpr int32_t kNeutralStem = -2;

// A candidate is only worth taking if it carries something for this language,
// and (for stems) if its valence comes from a lexicon of the stripped grammar:
// English "hanging" must not find Indonesian slang "hang".
// `rule_words`: a negator or booster counts too (tidaklah, bukannya), which is
// right for clitics but not for inflections and prefixes ("takes" is not "tak").

// `s` lies in a buffer of kBuf bytes (see kBuf).
int32_t useful(const Lexicon& lex, const char* s, size_t n, int lang, uint8_t slots = kAnySlots,
               bool rule_words = true) {
  if (n < 2) return -1;
  int32_t t = lex.find_padded(s, n, hash_bytes_padded(s, n));
  if (t < 0) return -1;
  const uint8_t info = lex.stem_info(t, lang);
  const uint8_t value_langs = info >> 4;
  if (value_langs && !(value_langs & slots)) return -1;
  if (slots == kIndonesianJavaneseSlots && (info & Lexicon::kStemNeutral)) return kNeutralStem;
  bool has = (info & Lexicon::kStemValued) || (rule_words && (info & Lexicon::kStemRuleWord));
  return has ? t : -1;
}

// Affixes are a few bytes: compared byte by byte (from the end for suffixes,
// where most words already differ), no memcmp call.
bool ends_with(const char* w, size_t n, std::string_view s) {
  if (n <= s.size()) return false;
  for (size_t k = 1; k <= s.size(); ++k)
    if (w[n - k] != s[s.size() - k]) return false;
  return true;
}
bool starts_with(const char* w, size_t n, std::string_view s) {
  if (n <= s.size()) return false;
  for (size_t k = 0; k < s.size(); ++k)
    if (w[k] != s[k]) return false;
  return true;
}

// Indonesian and Javanese prefixes. Nasal prefixes follow their real allomorph
// rules only: meng-/peng-/ng- before a vowel, g, h or k (a vowel may restore a
// lost k: mengecewakan <- kecewa); men-/pen-/n- before d, t, c, j, z (a vowel
// restores t: menarik <- tarik); mem-/pem-/m- before b, f, v, p (a vowel
// restores p: memukau <- pukau); meny-/peny-/ny- only before a vowel, restoring
// s (Javanese also c: nyoba <- coba); me-/pe- only before l, m, n, r, w, y.
// "Medan" is therefore never m- + "edan". Every stem is at least four letters.
struct Prefix { std::string_view p; std::string_view raw_before; std::string_view restore; };
constexpr std::string_view kVowels = "aeiou";
constexpr Prefix kPrefixes[] = {
    {"meny", "", "s"},      {"meng", "aeioughk", "k"}, {"mem", "bfvp", "p"},  {"men", "dtcjz", "t"},
    {"me", "lmnrwy", ""},   {"peny", "", "s"},        {"peng", "aeioughk", "k"}, {"pem", "bfvp", "p"},
    {"pen", "dtcjz", "t"},  {"per", "*", ""},          {"pe", "lmnrwy", ""},     {"ber", "*", ""},
    {"ter", "*", ""},       {"di", "*", ""},           {"ke", "*", ""},          {"se", "*", ""},
    {"ny", "", "sc"},       {"ng", "aeioug", "k"},     {"ka", "*", ""},          {"dak", "*", ""},
    {"tak", "*", ""},       {"kok", "*", ""},          {"m", "b", "p"},          {"n", "dj", "t"},
};
constexpr size_t kMinStem = 4;
constexpr std::string_view kSuffixes[] = {"nya", "lah", "kah", "pun", "tah", "kan", "ipun", "kake", "ake", "kne", "ane", "ne", "ke",
                                          "ku", "mu", "an", "na", "no", "ni", "en", "e", "i", "in"};

int32_t try_prefixes(const Lexicon& lex, const char* w, size_t n, int lang) {
  char buf[kBuf] = {};
  for (const Prefix& pr : kPrefixes) {
    if (!starts_with(w, n, pr.p)) continue;
    const char* rest = w + pr.p.size();
    size_t rn = n - pr.p.size();
    bool raw_ok = pr.raw_before == "*" || pr.raw_before.find(rest[0]) != std::string_view::npos;
    if (raw_ok && rn >= kMinStem)
      if (int32_t t = useful(lex, rest, rn, lang, kIndonesianJavaneseSlots, false); t != -1) return t;
    if (!pr.restore.empty() && kVowels.find(rest[0]) != std::string_view::npos && rn >= kMinStem &&
        rn + 1 <= kMaxWord) {
      for (char r : pr.restore) {
        buf[0] = r;
        std::memcpy(buf + 1, rest, rn);
        if (int32_t t = useful(lex, buf, rn + 1, lang, kIndonesianJavaneseSlots, false); t != -1) return t;
      }
    }
  }
  return -1;
}

int32_t affixes(const Lexicon& lex, const char* w, size_t n, int lang) {
  // One- and two-letter suffixes need a longer stem: "lagi" is not "lag" + -i.
  auto stem_ok = [n](std::string_view s) { return n - s.size() >= (s.size() <= 2 ? 4u : 3u); };
  for (std::string_view s : kSuffixes)
    if (ends_with(w, n, s) && stem_ok(s))
      if (int32_t t = useful(lex, w, n - s.size(), lang, kIndonesianJavaneseSlots); t != -1) return t;
  if (int32_t t = try_prefixes(lex, w, n, lang); t != -1) return t;
  for (std::string_view s : kSuffixes) {
    if (!ends_with(w, n, s) || n - s.size() < kMinStem + 1) continue;
    if (int32_t t = try_prefixes(lex, w, n - s.size(), lang); t != -1) return t;
    // -kannya, -annya: two suffixes
    size_t m = n - s.size();
    for (std::string_view s2 : {std::string_view("kan"), std::string_view("an"), std::string_view("i")})
      if (ends_with(w, m, s2) && m - s2.size() >= kMinStem) {
        if (int32_t t = useful(lex, w, m - s2.size(), lang, kIndonesianJavaneseSlots); t != -1) return t;
        if (int32_t t = try_prefixes(lex, w, m - s2.size(), lang); t != -1) return t;
      }
  }
  return -1;
}

// `w` lies in a buffer of kBuf bytes (see kBuf); it is the same on return.
int32_t english(const Lexicon& lex, char* w, size_t n, int lang) {
  // Each candidate is the first `keep` bytes of the word plus at most one
  // letter: built in place by setting one byte, then undoing it.
  auto with = [&](size_t keep, std::string_view add) -> int32_t {
    if (keep + add.size() > kMaxWord || keep < 2) return -1;
    if (add.empty()) return useful(lex, w, keep, lang, kEnglishSlots, false);
    const char saved = w[keep];
    w[keep] = add[0];
    int32_t t = useful(lex, w, keep + 1, lang, kEnglishSlots, false);
    w[keep] = saved;
    return t;
  };
  // Every suffix below ends in one of these letters; most words end in
  // another. The suffixes are tried by their last letter, each group in the
  // order of preference (a word has one last letter, so the groups never
  // compete). (fallback_may_find knows these suffixes too: keep the two lists in step.)
  int32_t t;
  switch (w[n - 1]) {
    case 's': {
      if (ends_with(w, n, "'s") && (t = with(n - 2, "")) >= 0) return t;
      if (ends_with(w, n, "iness") && (t = with(n - 5, "y")) >= 0) return t;
      if (ends_with(w, n, "ness") && (t = with(n - 4, "")) >= 0) return t;
      if (ends_with(w, n, "ies") && (t = with(n - 3, "y")) >= 0) return t;
      // -es only after a sibilant or o (boxes, wishes, heroes); "dudes" is dude + -s, not "dud".
      auto sibilant = [&](size_t m) {
        char c = w[m - 1];
        return c == 's' || c == 'x' || c == 'z' || c == 'o' || (m >= 2 && w[m - 1] == 'h' && (w[m - 2] == 'c' || w[m - 2] == 's'));
      };
      if (ends_with(w, n, "es") && n >= 4 && sibilant(n - 2) && (t = with(n - 2, "")) >= 0) return t;
      if (ends_with(w, n, "s") && !ends_with(w, n, "ss") && (t = with(n - 1, "")) >= 0) return t;
      return -1;
    }
    case 'y':
      if (ends_with(w, n, "ily") && (t = with(n - 3, "y")) >= 0) return t;
      if (ends_with(w, n, "ly") && (t = with(n - 2, "")) >= 0) return t;
      return -1;
    case 'd':
      if (ends_with(w, n, "ied") && (t = with(n - 3, "y")) >= 0) return t;
      if (ends_with(w, n, "ed")) {
        if ((t = with(n - 1, "")) >= 0 || (t = with(n - 2, "")) >= 0) return t;
        if (n >= 4 && w[n - 3] == w[n - 4] && (t = with(n - 3, "")) >= 0) return t;
      }
      return -1;
    case 'g':
      if (ends_with(w, n, "ing")) {
        if ((t = with(n - 3, "")) >= 0 || (t = with(n - 3, "e")) >= 0) return t;
        if (n >= 5 && w[n - 4] == w[n - 5] && (t = with(n - 4, "")) >= 0) return t;
      }
      return -1;
    case 'r':
      if (ends_with(w, n, "er") && (t = with(n - 2, "")) >= 0) return t;
      return -1;
    case 't':
      if (ends_with(w, n, "est") && (t = with(n - 3, "")) >= 0) return t;
      return -1;
    default:
      return -1;
  }
}

}  // namespace

int32_t fallback_lookup(const Lexicon& lex, const char* word, size_t n, uint16_t tflags, int lang, uint32_t& rule,
                        bool proper_noun) {
  if (n < kFallbackMinWord || n > kMaxWord) return -1;  // (fallback_may_find knows these early exits)
  // Everything below reads the word from a local copy with readable slack (kBuf).
  char w[kBuf] = {};
  std::memcpy(w, word, n);
  int32_t t;
  // Elongation: "mantuuul" arrives as "mantuul"; squeeze every run to one letter,
  // or, for words with doubles of their own ("disappointinggg" arrives as
  // "disappointingg"), undo one double at a time.
  if (tflags & kTokElongated) {
    char buf[kBuf] = {};
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) if (m == 0 || buf[m - 1] != w[i]) buf[m++] = w[i];
    if ((t = useful(lex, buf, m, lang)) >= 0) { rule = kRuleSqueeze; return t; }
    for (size_t i = n - 1, tries = 0; i > 0 && tries < 4; --i) {  // the last double is the likeliest stretch
      if (w[i] != w[i - 1]) continue;
      ++tries;
      std::memcpy(buf, w, i);
      std::memcpy(buf + i, w + i + 1, n - i - 1);
      if ((t = useful(lex, buf, n - 1, lang)) >= 0) { rule = kRuleSqueeze; return t; }
    }
  }
  // Reduplication: baik-baik, harga-harganya, baik2.
  if (tflags & kTokHyphen) {
    const char* dash = static_cast<const char*>(std::memchr(w, '-', n));
    size_t a = static_cast<size_t>(dash - w);
    if (a >= 2 && n - a - 1 >= a && std::memcmp(w, dash + 1, a) == 0) {
      // (affixes() may answer kNeutralStem, which is negative: nothing found.)
      if ((t = useful(lex, w, a, lang)) >= 0 || (lang != 2 && (t = affixes(lex, w, a, lang)) >= 0)) {
        rule = kRuleReduplication;
        return t;
      }
    }
  }
  if ((tflags & kTokDigit) && w[n - 1] == '2' && n >= 4) {
    if ((t = useful(lex, w, n - 1, lang)) >= 0) { rule = kRuleReduplication; return t; }
  }
  // Obfuscation: s1ot, g4cor, m4xw1n.
  if ((tflags & kTokDigit) && (tflags & kTokAlpha)) {
    static constexpr char kDigitAsLetter[] = {'o', 'i', 'z', 'e', 'a', 's', 'g', 't', 'b', 'g'};
    char buf[kBuf] = {};
    for (int variant = 0; variant < 2; ++variant) {
      for (size_t i = 0; i < n; ++i) {
        char c = w[i];
        buf[i] = (c >= '0' && c <= '9') ? (variant == 1 && c == '1' ? 'l' : kDigitAsLetter[c - '0']) : c;
      }
      if ((t = useful(lex, buf, n, lang)) >= 0) { rule = kRuleDeobfuscated; return t; }
    }
  }
  // A capitalised word in mid-sentence is a name (Medan, Sudirman): never strip it.
  // (So with none of kFallbackFormFlags a proper noun finds nothing.)
  if (proper_noun) return -1;
  if (lang != 2 && (t = affixes(lex, w, n, lang)) >= 0) { rule = kRuleAffix; return t; }
  if ((lang == 2 || lang == 3) && (t = english(lex, w, n, lang)) >= 0) { rule = kRuleEnglishStem; return t; }
  if (lang == 0 || lang == 1) {  // English words inside Indonesian and Javanese text
    if ((t = english(lex, w, n, 2)) >= 0) { rule = kRuleEnglishStem; return t; }
  }
  return -1;
}

}  // namespace pantau::sentiment::detail
