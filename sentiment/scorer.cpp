// The rules engine, the second half of the hot path. One text is scored in a
// few passes over small arrays held in thread-local scratch (no allocation once warm):
//   1. tokenize (every token arrives looked up, its language evidence summed);
//   2. pick the language; build one unit per token, giving unknown words a
//      second chance (squeeze, reduplication, de-obfuscation, affix and English
//      suffix stripping; memoised per thread);
//   3. match multi-word phrases where a term can open one (on canonical ids, so
//      slang spellings match too);
//   4. over the units that carry a valence: boosters, negation, caps,
//      elongation, then questions and contrast when such words are present; sum
//      (rules.cpp);
//   5. text emphasis ("!" +0.292, a text in capitals), normalisation
//      x/sqrt(x^2+15), shares, spam.
// The arithmetic follows VADER's published design, with rule words, scopes
// and values of our own in lexicons/rules.tsv.
#include "sentiment/scorer.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <string_view>

#include "sentiment/fallback.hpp"
#include "sentiment/lexicon.hpp"
#include "sentiment/memo.hpp"
#include "sentiment/tokenizer.hpp"
#include "sentiment/units.hpp"
#include "sentiment/explain.hpp"
#include "sentiment/rules.hpp"

namespace pantau::sentiment {

const char* to_string(Lang l) noexcept {
  switch (l) {
    case Lang::id: return "id";
    case Lang::jv: return "jv";
    case Lang::en: return "en";
    default: return "other";
  }
}

const char* to_string(Label l) noexcept {
  switch (l) {
    case Label::negative: return "negative";
    case Label::positive: return "positive";
    default: return "neutral";
  }
}

namespace detail {
namespace {

constexpr float kExclaimIncrement = 0.292f;
constexpr float kNormAlpha = 15.0f;
constexpr float kLinkDampen = 0.75f;  // English text with a link reads as a shared headline: nearer neutral
constexpr float kShoutingIncrement = 0.733f;  // a whole text in capitals is emphatic, like one capitalised word

struct FallbackHit { int32_t term = -1; uint32_t rule = 0; };

struct Scratch : TokenizerScratch {
  std::vector<Unit> units;
  Positions phrase_starts;  // units that may open a phrase with the word after them (see seed_units)
  Positions sentiment;      // positions of the units that carry a valence, in order
  Positions retry;          // tokens that may deserve a second chance (alpha, unknown or vacant)
  // Second chances already tried: the words they cannot help, which is
  // nearly all (64 KB, 8,192 keys), and what they found for the rest (16 KB,
  // 1,024 entries). A bare key takes half of a key with its answer, so a set
  // holds eight: with 4,096 entries of both kinds in 64 KB, in sets of four,
  // words crowded each other out of their sets and 17% of the look-ups on
  // English tweets missed (a miss costs a stem search of about 150 ns); now 1%.
  Memo<void, 8> fallback_none{1024};
  Memo<FallbackHit, 4> fallback_found{256};
};
thread_local Scratch tls;

class ScorerImpl final : public Scorer {
 public:
  explicit ScorerImpl(const ScorerOptions& o) : lex_(load_lexicon(o.lexicon_files)) {
    // Words a negation reaches across without using up its window, and those
    // that make it habitual ("never"). Looked up once, compared by canonical id.
    static constexpr std::string_view kTransparent[] = {
        "pernah", "prnh", "pernh", "sekalipun", "sama", "lagi", "lg", "pula", "juga", "jg", "sih", "kok", "deh",
        "dong", "tuh", "nih", "kan", "ya", "sudah", "udah", "udh", "sdh", "terlalu", "begitu", "gitu", "segitu",
        "seberapa", "sebegitu", "pati", "patia", "patiya", "patio", "tau", "tahu", "nate", "natene", "blas",
        "babar", "pisan", "maneh", "meneh", "wis", "uwis", "sampun", "sangat", "amat", "banget", "bgt",
        "ever", "once", "really", "even"};
    static constexpr std::string_view kHabitual[] = {"pernah", "prnh", "pernh", "sekalipun", "tau", "nate",
                                                     "natene", "ever", "once", "never"};
    auto add = [&](uint8_t bit, std::string_view w) {
      int32_t t = lex_.find(w);
      if (t < 0) return;
      int32_t c = lex_.term(t).canonical >= 0 ? lex_.term(t).canonical : t;
      if (static_cast<size_t>(c) >= word_class_.size()) word_class_.resize(static_cast<size_t>(c) + 1, 0);
      word_class_[static_cast<size_t>(c)] |= bit;
    };
    for (auto w : kTransparent) add(kClassTransparent, w);
    for (auto w : kHabitual) add(kClassHabitual, w);
    word_class_.resize(lex_.term_count(), 0);
    build_seeds();
  }

  Score score(std::string_view text, bool explain) const override {
    Score s;
    score_into(text, s, explain);
    return s;
  }

  void score_into(std::string_view text, Score& out, bool explain) const override {
    Scratch& sc = tls;
    sc.fallback_none.bind(lex_.id());
    sc.fallback_found.bind(lex_.id());
    sc.segments.bind(lex_.id());
    TextStats st;
    tokenize(text, lex_, sc, st);  // every token arrives looked up (Token::term)
    const Token* toks = sc.tokens.data();
    const size_t nt = sc.tokens.size();
    if (sc.units.size() < nt) sc.units.resize(nt);
    Unit* units = sc.units.data();

    Lang lang = pick_language(st.lang_weight, st);  // the tokenizer summed the words' evidence
    const int L = static_cast<int>(lang);

    // Units: every token as the tokenizer found it, then second chances for
    // the unknown words; the rare text where one succeeds is tallied again.
    Tally tally;
    // (One more entry each: apply_rules reuses starts and retry for sentences, with an end mark.)
    uint32_t* const starts = sc.phrase_starts.reset(nt + 1);
    uint32_t* const sentiment = sc.sentiment.reset(nt);
    uint32_t* const retry = sc.retry.reset(nt + 1);
    const uint32_t n_retry = seed_units<false>(toks, nt, units, L, starts, sentiment, retry, tally);
    if (n_retry > 0 && second_chances(sc, text, {retry, n_retry}, L))
      seed_units<true>(toks, nt, units, L, starts, sentiment, retry, tally);
    size_t n = nt;
    if (tally.n_starts > 0) n = match_phrases(sc, {starts, tally.n_starts}, L, tally);
    const std::span<const uint32_t> sent(sentiment, tally.n_sentiment);

    const Sums sums = apply_rules(lex_, units, static_cast<uint32_t>(n), sent, st, tally.any_rflags, L, retry, starts);
    const float sum = sums.sum;
    const float emph = emphasis(st);  // worked out once: finish and fill_shares both add it
    finish(st, sum, emph, lang, out);
    decide_spam(tally.spam_points, tally.spam_obfuscated, st, out);
    if (explain) {
      if (n == nt)  // no phrase matched: units are tokens (see Unit)
        for (uint32_t p = 0; p < n; ++p) units[p].first_tok = units[p].last_tok = p;
      explain_units(lex_, sc.units.data(), n, sc.tokens, sc.norm, text, out.explanation);
      float e = sum != 0 ? punctuation_emphasis(st) : 0;
      if (e > 0) out.explanation.push_back({st.questions > 1 ? "!/?" : "!", sign(sum) * e, "emphasis(punctuation)"});
      if (sum != 0 && shouting(st)) out.explanation.push_back({"CAPITALS", sign(sum) * kShoutingIncrement, "emphasis(capitals)"});
      if (sum != 0 && link_dampened(st, lang)) {  // reported as what it took off the emphasised sum
        const float emphasised = sum + with_sign_of(emph, sum);  // as finish() has it
        out.explanation.push_back({"(link)", emphasised * (kLinkDampen - 1.0f), "link(shared headline, x0.75)"});
      }
    }
    fill_shares(sums.pos, sums.neg, static_cast<uint32_t>(n - tally.n_sentiment - tally.rule_only), emph, out);
  }

 private:
  static constexpr uint8_t kClassTransparent = 1, kClassHabitual = 2;

  // One unit per token, from its term: the tokenizer's (first pass) or the
  // term a second chance put in the unit (kRedo, with its rule bits in
  // Unit::rules). Fills the sentiment and phrase-start positions and `tally`.
  // Per token this is straight-line code: positions are always written and
  // the count moves by the flag, so a word's kind costs no branch. A phrase
  // start is listed at the word after it, and only when that word, in the
  // same clause, is the second word of some phrase: of 4.2 words per English
  // tweet that may open a phrase, 1.6 are followed by one that may continue
  // it. The first pass also lists in `retry` the tokens a second chance
  // could change, and returns how many.
  template <bool kRedo>
  uint32_t seed_units(const Token* toks, size_t nt, Unit* units, int L, uint32_t* starts,
                      uint32_t* sentiment, uint32_t* retry, Tally& tally) const {
    tally = Tally{};
    // Write pointers, not counts: fewer values live in the loop (they had
    // spilled to the stack), and the counts come out as differences.
    uint32_t* next_sentiment = sentiment;
    uint32_t* next_start = starts;
    uint32_t* next_retry = retry;
    uint32_t any = 0, rule_only = 0;
    uint32_t prev_starts = 0;  // the word before may open a phrase (none before the first)
    const HotTerm* hot = &lex_.hot(0);  // hot[-1] is an unknown word's: vacant, no branch
    for (size_t i = 0; i < nt; ++i) {
      const Token& t = toks[i];
      Unit& u = units[i];
      const int32_t term = kRedo ? u.term : t.term;
      const uint32_t rules = kRedo ? u.rules : 0;
      const Seed sd = hot[term].seed[L];
      u.term = term;
      u.tflags = t.flags;
      u.flags = sd.flags & ~kSeedBits;
      u.valence = sd.valence;
      static_assert(kSeedSlang >> 24 == kRuleSlang);
      u.rules = rules | ((sd.flags >> 24) & kRuleSlang);
      any |= sd.flags;
      *next_sentiment = static_cast<uint32_t>(i);
      next_sentiment += (sd.flags / kUnitSentiment) & 1;
      rule_only += (sd.flags / kSeedRuleOnly) & 1;
      *next_start = static_cast<uint32_t>(i - 1);  // (counted only from the second word on)
      next_start += prev_starts & (sd.flags / kSeedPhraseSecond) & ((t.flags & kTokClauseStart) == 0);
      prev_starts = (sd.flags / kSeedPhraseStart) & 1;
      if constexpr (!kRedo) {  // an unknown word's entry is vacant too
        *next_retry = static_cast<uint32_t>(i);
        next_retry += (t.flags / kTokAlpha) & (sd.flags / kSeedVacant) & 1;
      }
      if (sd.flags & kSeedSpam) {
        const Term& full = lex_.term(term);
        tally.spam_points[full.spam_reason] += full.spam_points;
        if (full.spam_reason == kSpamGambling && ((t.flags & kTokObfuscated) || (rules & kRuleDeobfuscated)))
          tally.spam_obfuscated = true;
      }
    }
    tally.any_rflags = any;
    tally.rule_only = rule_only;
    tally.n_sentiment = static_cast<uint32_t>(next_sentiment - sentiment);
    tally.n_starts = static_cast<uint32_t>(next_start - starts);
    return static_cast<uint32_t>(next_retry - retry);
  }

  // Second chances (squeeze, reduplication, affixes...) for the tokens in
  // `retry`, memoised per thread. A hit replaces the unit's term and sets its
  // rule bits; returns whether any hit, so that the units are seeded again.
  bool second_chances(Scratch& sc, std::string_view text, std::span<uint32_t> retry, int L) const {
    const char* norm = sc.norm.data();
    const Token* toks = sc.tokens.data();
    Unit* units = sc.units.data();
    // Most unknown words cannot be helped, which fallback_may_find tells
    // from their length, flags and last letters, without the memo: `retry`
    // keeps the others, in place and without a branch (a coin toss per word).
    size_t n_left = 0;
    for (uint32_t i : retry) {
      const Token& t = toks[i];
      retry[n_left] = i;
      n_left += fallback_may_find(norm + t.norm_begin, t.norm_len, t.flags, L);
    }
    int title_case = -1;  // computed on first need: most words capitalised, so capitals say nothing
    bool any = false;
    for (uint32_t i : retry.first(n_left)) {
      const Token& t = toks[i];
      bool proper = false;
      if (((t.flags & (kTokSentenceStart | kTokCaps | kTokHashtag)) == 0) & upper_initial(text, t)) {
        if (title_case < 0) title_case = mostly_capitalised(text, sc.tokens) ? 1 : 0;
        proper = title_case == 0;
      }
      if (proper && !(t.flags & kFallbackFormFlags)) continue;  // a name: fallback_lookup finds nothing
      // Everything fallback_lookup reads: the bytes (in the hash), these flags, the language, `proper`.
      // (t.hash is already well mixed; adding an odd multiple of the rest keeps it so.)
      constexpr uint16_t kInputs = kTokElongated | kTokHyphen | kTokDigit | kTokAlpha;
      uint64_t key = t.hash + 0x9e3779b97f4a7c15ull * ((t.flags & kInputs) * 8u + L * 2u + proper + 1u);
      if (sc.fallback_none.contains(key)) continue;
      FallbackHit hit;
      if (const FallbackHit* m = sc.fallback_found.find(key)) hit = *m;
      else {
        hit.term = fallback_lookup(lex_, norm + t.norm_begin, t.norm_len, t.flags, L, hit.rule, proper);
        if (hit.term < 0) {
          sc.fallback_none.put(key);
          continue;
        }
        sc.fallback_found.put(key, hit);
      }
      units[i].term = hit.term;
      units[i].rules = hit.rule;
      any = true;
    }
    return any;
  }

  // One Seed per language and term, from the full record (values, flags), the
  // HotTerm and word_class_ (by canonical id), stored in the term's HotTerm;
  // term -1's (an unknown word's) is vacant, with no valence.
  void build_seeds() {
    const size_t nterms = lex_.term_count();
    std::vector<uint8_t> second(nterms, 0);  // by canonical id: the second word of some phrase
    for (size_t p = 0; p < lex_.phrase_count(); ++p) second[static_cast<size_t>(lex_.phrase(p).words[1])] = 1;
    for (int L = 0; L < kLangs; ++L) {
      lex_.set_seed(-1, L, Seed{kNoValence, kSeedVacant});
      for (size_t i = 0; i < nterms; ++i) {
        const int32_t term = static_cast<int32_t>(i);
        const HotTerm& h = lex_.hot(term);
        Seed sd;
        sd.valence = lex_.term(term).valence[L];
        sd.flags = lex_.term(term).flags[L];
        if (sd.valence != kNoValence && sd.valence != 0.0f) sd.flags |= kUnitSentiment;
        uint8_t cls = word_class_[static_cast<size_t>(h.canonical)];
        if (cls & kClassTransparent) sd.flags |= kUnitTransparent;
        if (cls & kClassHabitual) sd.flags |= kUnitHabitual;
        if (lex_.vacant(term, L)) sd.flags |= kSeedVacant;
        if (h.canonical != term) sd.flags |= kSeedSlang;
        if (h.phrase_max >= 2) sd.flags |= kSeedPhraseStart;
        if (second[static_cast<size_t>(h.canonical)]) sd.flags |= kSeedPhraseSecond;
        if (h.spam) sd.flags |= kSeedSpam;
        if (rule_only(sd.flags)) sd.flags |= kSeedRuleOnly;
        lex_.set_seed(term, L, sd);
      }
    }
  }

  // Whether token t's first byte in the text is an ASCII capital, without a
  // branch (a coin toss per word). The text is not empty: it has tokens.
  static bool upper_initial(std::string_view text, const Token& t) {
    const bool inside = t.src_begin < text.size();
    const auto c = static_cast<unsigned char>(text[inside ? t.src_begin : 0]);
    return inside & (static_cast<unsigned>(c - 'A') < 26u);
  }
  // Title Case or random capitals: more than half of the mid-sentence words capitalised.
  static bool mostly_capitalised(std::string_view text, const TokenList& toks) {
    uint32_t words = 0, caps = 0;
    for (const Token& t : toks) {
      const bool word = (t.flags & (kTokAlpha | kTokSentenceStart | kTokHashtag)) == kTokAlpha;
      words += word;
      caps += word & upper_initial(text, t);
    }
    return caps * 2 > words;
  }

  static Lang pick_language(const float* w, const TextStats& st) {
    if (st.nonlatin_words * 2 > st.words) return Lang::other;
    int best = 0;
    for (int l = 1; l < 3; ++l) if (w[l] > w[best]) best = l;
    if (w[best] < 0.4f) return Lang::other;
    return static_cast<Lang>(best);
  }


  // Multi-word phrases, longest first, never across a clause break; matched on
  // canonical ids so slang spellings hit too. Removes the words a phrase
  // consumed from `units` and returns how many units remain.
  // Rebuilds the sentiment positions (sc.sentiment) and the tally's counts
  // of them and of rule-only units when a phrase matched.
  size_t match_phrases(Scratch& sc, std::span<uint32_t> starts, int L, Tally& tally) const {
    Unit* units = sc.units.data();
    const Token* toks = sc.tokens.data();
    const size_t nt = sc.tokens.size();
    // Every start's next word is known, in its clause, and the second word
    // of some phrase (seed_units). A filter on the first two canonical ids
    // narrows `starts` in place, in one pass without a branch per start (a
    // coin toss); it reads nothing a match changes (a start whose next word
    // a phrase consumed is itself consumed, and skipped below).
    size_t kept = 0;
    for (const uint32_t i : starts) {
      const bool pair_ok = lex_.may_open_phrase(lex_.hot(units[i].term).canonical, lex_.hot(units[i + 1].term).canonical);
      starts[kept] = i;
      kept += pair_ok;
    }
    size_t next_free = 0;  // units before this one were consumed by a phrase
    bool any = false;
    for (uint32_t i : starts.first(kept)) {
      if (i < next_free) continue;
      Unit& u = units[i];
      const HotTerm& first = lex_.hot(u.term);
      int32_t ids[6] = {first.canonical, lex_.hot(units[i + 1].term).canonical};
      int maxlen = first.phrase_max;
      if (static_cast<size_t>(maxlen) > nt - i) maxlen = static_cast<int>(nt - i);
      int have = 2;
      for (int k = 2; k < maxlen; ++k) {
        const Unit& w = units[i + k];
        if (w.term < 0 || (toks[i + k].flags & kTokClauseStart)) break;
        ids[have++] = lex_.hot(w.term).canonical;
      }
      for (int len = have; len >= 2; --len) {
        const Phrase* p = lex_.find_phrase(ids, len);
        if (!p) continue;
        u.valence = p->valence[L];
        u.modifier = p->modifier[L];
        // The phrase's own rule flags; the first word's class (transparent,
        // habitual) stays, and its own negator makes the phrase self-negated.
        uint32_t keep = u.flags & (kUnitTransparent | kUnitHabitual);
        if (u.flags & kNegator) keep |= kUnitSelfNegated;
        u.flags = p->flags[L] | keep | kUnitPhrase;
        tally.any_rflags |= u.flags;
        u.rules = kRulePhrase;
        u.first_tok = i;
        u.last_tok = static_cast<uint32_t>(i + len - 1);
        u.tflags = static_cast<uint16_t>((u.tflags & ~kTokQuestionEnd) | (toks[u.last_tok].flags & kTokQuestionEnd));
        // Capitals or a stretched letter on any word emphasise the whole phrase ("sotone ENAK").
        for (uint32_t k = i + 1; k <= u.last_tok; ++k) u.tflags |= toks[k].flags & (kTokCaps | kTokElongated);
        if (u.valence != kNoValence && u.valence != 0.0f) u.flags |= kUnitSentiment;
        for (int k = 1; k < len; ++k) units[i + k].term = -2;  // consumed
        next_free = i + static_cast<size_t>(len);
        any = true;
        break;
      }
    }
    if (!any) return nt;
    // Close up the consumed words, without a branch per unit (each is a coin
    // toss): every unit is copied down, and the count moves only for live ones.
    size_t n = 0;
    uint32_t* sentiment = sc.sentiment.buf.data();
    uint32_t n_sentiment = 0, rule_only = 0;
    for (size_t i = 0; i < nt; ++i) {
      const Unit u = units[i];
      const uint32_t live = u.term != -2;
      const uint32_t is_sentiment = live & (u.flags / kUnitSentiment);
      const bool phrase = u.flags & kUnitPhrase;
      Unit& d = units[n];
      d = u;
      d.first_tok = phrase ? u.first_tok : static_cast<uint32_t>(i);
      d.last_tok = phrase ? u.last_tok : static_cast<uint32_t>(i);
      sentiment[n_sentiment] = static_cast<uint32_t>(n);
      n_sentiment += is_sentiment;
      rule_only += live & detail::rule_only(u.flags);
      n += live;
    }
    tally.n_sentiment = n_sentiment;
    tally.rule_only = rule_only;
    return n;
  }

  // The emphasis of a text, without a branch (how many '!' and '?' a text
  // has is a coin toss; adding +0 leaves a sum as it is).
  static float punctuation_emphasis(const TextStats& st) {
    float e = static_cast<float>(std::min(st.exclaims, 4u)) * kExclaimIncrement;
    const uint32_t q = st.questions;
    e += only_if(q > 1, only_if(q <= 3, static_cast<float>(q) * 0.18f) + only_if(q > 3, 0.96f));
    return e;
  }
  static bool shouting(const TextStats& st) { return (st.words >= 2) & (st.caps_words * 2 > st.words); }
  static float emphasis(const TextStats& st) {
    return punctuation_emphasis(st) + only_if(shouting(st), kShoutingIncrement);  // a text in capitals shouts
  }
  static bool link_dampened(const TextStats& st, Lang lang) { return (st.urls > 0) & (lang == Lang::en); }

  // finish and fill_shares take no branch on the sums. The sums are the
  // last link of a long chain (look-ups, seeds, rules), so a branch on them
  // is settled late, and the label and the sign of the verdict are coin
  // tosses from one text to the next: a wrong guess threw away the start of
  // the next text, already under way.
  // `emph`: emphasis(st).
  static void finish(const TextStats& st, float sum, float emph, Lang lang, Score& out) {
    sum += only_if(sum != 0, with_sign_of(emph, sum));
    if (link_dampened(st, lang)) sum *= kLinkDampen;
    // Within [-1, 1] with no clamp (GCC made std::clamp two branches on c):
    // the float sum squares exactly in double, adding 15 and the square
    // root round to no less than |sum|, so the quotient rounds to at most 1.
    const double c = sum / std::sqrt(static_cast<double>(sum) * sum + kNormAlpha);
    out.compound = c;
    static_assert(static_cast<int>(Label::positive) == 1 && static_cast<int>(Label::negative) == -1);
    out.label = static_cast<Label>(static_cast<int>(c >= 0.05) - static_cast<int>(c <= -0.05));
    out.lang = lang;
    out.spam = false;
    out.spam_reason = {};
    out.explanation.clear();
  }

  // The emphasis goes to the side that outweighs the other; a text with no
  // word of either kind is all neutral.
  static void fill_shares(double pos, double neg, uint32_t neutral_words, float emph, Score& out) {
    const double e = only_if((pos != 0) | (neg != 0), static_cast<double>(emph));
    const bool pos_wins = pos > -neg;
    pos += only_if(pos_wins, e);
    neg -= only_if(!pos_wins & (neg != 0), e);
    const double total = pos - neg + neutral_words;
    const bool some = !(total <= 0);  // (a NaN from an overlay's value stays NaN, as it did)
    const double t = some ? total : 1.0;
    out.pos = only_if(some, pos / t);
    out.neg = only_if(some & (neg != 0), -neg / t);
    out.neu = some ? neutral_words / t : 1.0;
  }

  void decide_spam(const float* pts, bool obfuscated, const TextStats& st, Score& out) const {
    float whatsapp = pts[kSpamWhatsapp] + 1.5f * static_cast<float>(st.phones) + 2.0f * static_cast<float>(st.whatsapp_links);
    uint8_t reason = kSpamNone;
    if (pts[kSpamGambling] >= 2.0f) reason = kSpamGambling;
    else if (pts[kSpamGambling] + pts[kSpamDeposit] >= 2.0f)
      reason = pts[kSpamGambling] > 0 ? kSpamGambling : kSpamDeposit;
    else if (whatsapp >= 2.0f && whatsapp > pts[kSpamWhatsapp]) reason = kSpamWhatsapp;
    else if (st.urls >= 3 || (st.urls >= 2 && st.words < 8)) reason = kSpamLinkFarm;
    out.spam = reason != kSpamNone;
    out.spam_reason = spam_reason_text(reason, obfuscated);
  }

  Lexicon lex_;
  std::vector<uint8_t> word_class_;  // by canonical id: kClassTransparent, kClassHabitual
};

}  // namespace
}  // namespace detail

std::unique_ptr<Scorer> make_scorer(const ScorerOptions& options) {
  return std::make_unique<detail::ScorerImpl>(options);
}

}  // namespace pantau::sentiment
