// The rules pass, last of the scorer's passes (scorer.cpp runs the others):
// over the units that carry a valence, boosters and dampeners, negation and
// its scope, capitals and stretched letters, then yes/no questions, contrast
// and concession by sentence. The arithmetic follows VADER's published
// design (additive boosters of ~0.3, negation scalar ~-0.74, caps +0.733),
// with rule words, scopes and values of our own in lexicons/rules.tsv.
#include "sentiment/rules.hpp"

#include <algorithm>
#include <cmath>

#include "sentiment/fallback.hpp"

namespace pantau::sentiment::detail {
namespace {

constexpr float kCapsIncrement = 0.733f;
constexpr float kElongationIncrement = 0.3f;
constexpr float kNegatedNegativeFactor = 0.7f;  // "not bad" is milder than "good"
constexpr float kNegatedHabitualFactor = 1.1f;  // "gak pernah gagal", "never disappoints" is praise
constexpr float kQuestionDampen = 0.5f;
constexpr float kBeforeContrast = 0.5f, kAfterContrast = 1.5f, kConcessionClause = 0.5f;

// a where c holds, else b: by bits, as GCC keeps `c ? a : b` on floats as a
// branch, and this is a coin toss per word.
inline float pick(bool c, float a, float b) {
  const uint32_t m = 0u - c;
  return std::bit_cast<float>((std::bit_cast<uint32_t>(a) & m) | (std::bit_cast<uint32_t>(b) & ~m));
}

bool clause_start(const Unit* units, uint32_t p) { return units[p].tflags & kTokClauseStart; }
bool sentence_start(const Unit* units, uint32_t p) { return units[p].tflags & kTokSentenceStart; }

// Capitals and stretched letters emphasise a word; emoji and emoticons state
// their own feeling ("gak sampe 😡" is not praise) and take nothing. Added to
// `boost` (never -0) without a branch: adding 0 changes nothing.
float emphasise(Unit& u, float boost, bool shouting_text) {
  const uint16_t tf = u.tflags;
  const bool own = (tf & (kTokEmoji | kTokEmoticon)) != 0;
  const bool caps = ((tf & kTokCaps) != 0) & !shouting_text & ((tf & kTokHashtag) == 0) & !own;
  const bool elongated = ((tf & kTokElongated) != 0) & !own;
  u.rules |= (caps ? kRuleCaps : 0u) | (elongated ? kRuleElongation : 0u);
  boost += only_if(caps, kCapsIncrement);
  boost += only_if(elongated, kElongationIncrement);
  return boost;
}

// A modifier that has a sentiment word to act on loses its own valence
// ("lumayan enak": lumayan dampens; "lumayan." alone is mildly positive).
bool acts_on_neighbour(const Unit* units, uint32_t n, uint32_t p) {
  const Unit& m = units[p];
  if (m.flags & (kBoosterPre | kNegator))
    for (uint32_t q = p + 1; q < n && q <= p + 2 && !clause_start(units, q); ++q)
      if ((units[q].flags & kUnitSentiment) && !(units[q].flags & (kBoosterPre | kBoosterPost))) return true;
  return (m.flags & kBoosterPost) && p > 0 && !clause_start(units, p) && (units[p - 1].flags & kUnitSentiment);
}

// A negator's or booster's value: a phrase's is in the unit, a word's in
// its full record (read here, for the few that act, not for every token).
float modifier(const Lexicon& lex, const Unit& m, int L) {
  return (m.flags & kUnitPhrase) ? m.modifier : lex.term(m.term).modifier[L];
}

// The final value of sentiment unit p in a text with negators or boosters.
float modified_valence(const Lexicon& lex, Unit* units, const uint32_t n, uint32_t p, uint32_t any_rflags, int L,
                       bool shouting_text) {
  auto U = [units](uint32_t q) -> Unit& { return units[q]; };
  Unit& u = U(p);
  if ((u.flags & kModifierFlags) && acts_on_neighbour(units, n, p)) return u.valence = 0;
  // Emoji and emoticons state their own feeling: "gak sampe 😡" is not praise.
  if (u.tflags & (kTokEmoji | kTokEmoticon)) return u.valence;
  static constexpr float kDecay[3] = {1.0f, 0.95f, 0.9f};
  float v = u.valence, boost = 0, damp = 1;
  int32_t negator = -1;
  // Look back up to three words in the same clause. Transparent words
  // (pernah, lagi, sama sekali, ora tau, ever, really, and the boosters)
  // do not use up the window: "gak pernah sama sekali gagal" is negated.
  bool habitual = false;   // gak pernah / ora tau / never: "never fails" is praise
  float negated_boost = 0; // boosters between negator and word: "gak begitu enak" is milder
  bool emphatic = false;   // "never been so happy": a plain booster after a habitual negator
  // (Without a pre-posed booster or a negator in the text, nothing here can fire.)
  if (any_rflags & (kBoosterPre | kNegator)) {
    for (uint32_t k = 1, q = p, steps = 0; k <= 3 && q > 0 && steps < 6; ++steps) {
      if (clause_start(units, q)) break;
      --q;
      const Unit& m = U(q);
      if (m.flags & (kContrast | kConcession)) break;
      if ((m.flags & kBoosterPre) && !(m.flags & kNegator)) {
        const float mod = modifier(lex, m, L);
        float inc = mod * kDecay[k - 1];
        if (mod >= 0) {
          boost += inc;
          u.rules |= kRuleBooster;
          if (negator < 0) { negated_boost += inc; if (!(m.flags & kUnitTransparent)) emphatic = true; }
        }
        else { damp *= 1.0f + mod; u.rules |= kRuleDampener; }
        u.booster = static_cast<int32_t>(q);
      }
      // "tidak tanggap dan tidak sopan": the phrase carries its own negation.
      if ((m.flags & kNegator) && negator < 0 && !(u.flags & kUnitSelfNegated)) {
        negator = static_cast<int32_t>(q);
        if (m.flags & kUnitHabitual) habitual = true;
      }
      bool transparent = (m.flags & (kUnitSentiment | kUnitTransparent)) == kUnitTransparent;
      if (transparent && negator < 0 && (m.flags & kUnitHabitual)) habitual = true;
      if (!transparent) ++k;
    }
  }
  // Post-posed boosters (enak banget, apik pol): up to two words after.
  if (any_rflags & kBoosterPost) {
    for (uint32_t q = p + 1; q < n && q <= p + 2 && !clause_start(units, q); ++q) {
      const Unit& m = U(q);
      if ((m.flags & kBoosterPost) && !(m.flags & kNegator)) {
        const float mod = modifier(lex, m, L);
        if (mod >= 0) { boost += mod; u.rules |= kRuleBooster; }
        else { damp *= 1.0f + mod; u.rules |= kRuleDampener; }
        u.booster = static_cast<int32_t>(q);
        break;
      }
      if (m.flags & kUnitSentiment) break;
    }
  }
  boost = emphasise(u, boost, shouting_text);
  float mag = (std::fabs(v) + boost) * damp;
  v = with_sign_of(mag, v);
  // "never been so happy", "gak pernah sebegitu kecewa": emphatic, not negated.
  if (negator >= 0 && habitual && emphatic) negator = -1;
  if (negator >= 0) {
    float scalar = modifier(lex, U(negator), L);
    if (scalar == 0) scalar = -0.74f;
    // "not very good" is not worse than "not good": a booster inside the scope drops out.
    if (negated_boost > 0) v = with_sign_of(std::max(0.0f, std::fabs(v) - negated_boost * damp), v);
    v *= pick(v > 0, scalar, scalar * (habitual ? kNegatedHabitualFactor : kNegatedNegativeFactor));
    u.negator = negator;
    u.rules |= kRuleNegation;
  }
  return u.valence = v;
}

}  // namespace

Sums apply_rules(const Lexicon& lex, Unit* units, const uint32_t n, std::span<const uint32_t> sentiment,
                 const TextStats& st, uint32_t any_rflags, int L, uint32_t* ends, uint32_t* marks) {
  auto U = [units](uint32_t p) -> Unit& { return units[p]; };
  const bool shouting_text = st.caps_words * 2 > st.words;
  // Most texts: no negator or booster, and then a word's value only takes
  // its emphasis (emoji keep theirs as it is, even a NaN from an overlay).
  Sums sums;
  if (any_rflags & kModifierFlags) {
    for (uint32_t p : sentiment) sums.add(modified_valence(lex, units, n, p, any_rflags, L, shouting_text));
  } else {
    for (uint32_t p : sentiment) {
      Unit& u = U(p);
      const float v = u.valence;
      const float e = with_sign_of(std::fabs(v) + emphasise(u, 0.0f, shouting_text), v);
      u.valence = pick(u.tflags & (kTokEmoji | kTokEmoticon), v, e);
      sums.add(u.valence);
    }
  }
  // Sentences: yes/no questions are dampened; contrast moves weight later.
  // Most texts have neither, and are done. A question word only matters
  // when it opens a sentence that a '?' ends: common words ("is", "do")
  // rarely do, which one pass without a branch tells.
  const bool contrast = (any_rflags & (kContrast | kConcession)) != 0;
  const bool question = ((any_rflags & kQuestion) != 0) & (st.questions != 0);
  if (!(contrast | question)) return sums;  // one branch for the common case, not two
  if (!contrast) {
    static_assert(kTokSentenceStart >> 3 == kQuestion);
    uint32_t opens = units[0].flags;  // the first unit opens a sentence
    for (uint32_t p = 1; p < n; ++p) opens |= units[p].flags & (units[p].tflags >> 3);
    if (!(opens & kQuestion)) return sums;
  }
  if (n == 0) return sums;
  // One pass without a branch lists where sentences end and the contrast
  // and concession words, each list closed by n; then each sentence walks
  // its sentiment units (a few) rather than all its units.
  uint32_t n_ends = 0, n_marks = 0;
  marks[n_marks] = 0;
  n_marks += (units[0].flags & (kContrast | kConcession)) != 0;
  for (uint32_t p = 1; p < n; ++p) {
    ends[n_ends] = p;
    n_ends += sentence_start(units, p);
    marks[n_marks] = p;
    n_marks += (units[p].flags & (kContrast | kConcession)) != 0;
  }
  ends[n_ends] = n;
  marks[n_marks] = n;
  const uint32_t* sent = sentiment.data();
  const size_t n_sent = sentiment.size();
  float sum = 0;
  uint32_t a = 0;
  size_t j = 0, prev_j = 0;  // the first sentiment unit of this sentence and of the one before
  const uint32_t* mk = marks;
  for (uint32_t e = 0; e <= n_ends; ++e) {
    const uint32_t b = ends[e];
    bool question = (U(a).flags & kQuestion) && (U(b - 1).tflags & kTokQuestionEnd);
    const uint32_t* mk_end = mk;
    int32_t contrast = -1;
    for (; *mk_end < b; ++mk_end) if (U(*mk_end).flags & kContrast) contrast = static_cast<int32_t>(*mk_end);
    if (contrast >= 0) {
      uint32_t c = static_cast<uint32_t>(contrast);
      bool back = c == a && a > 0;  // "Enak. Tapi mahal." reaches back one sentence
      for (size_t k = back ? prev_j : j; k < n_sent && sent[k] < b; ++k) {
        const uint32_t p = sent[k];
        if (p == c) continue;
        Unit& u = U(p);
        u.valence *= p < c ? kBeforeContrast : kAfterContrast;
        u.rules |= p < c ? kRuleBeforeContrast : kRuleAfterContrast;
        u.contrast = contrast;
      }
    }
    for (; mk < mk_end; ++mk) {
      const uint32_t p = *mk;
      if (!(U(p).flags & kConcession)) continue;
      for (uint32_t q = p + 1; q < b && !clause_start(units, q); ++q) {
        Unit& u = U(q);
        if (!(u.flags & kUnitSentiment)) continue;
        u.valence *= kConcessionClause;
        u.rules |= kRuleConcession;
        u.contrast = static_cast<int32_t>(p);
      }
    }
    prev_j = j;
    for (; j < n_sent && sent[j] < b; ++j) {
      Unit& u = U(sent[j]);
      if (question) { u.valence *= kQuestionDampen; u.rules |= kRuleQuestion; }
      sum += u.valence;
    }
    a = b;
  }
  // The sum is taken sentence by sentence (a contrast opening the next
  // sentence reweighs this one after it was counted); the shares see the final values.
  sums = Sums{};
  for (uint32_t p : sentiment) sums.add(units[p].valence);
  sums.sum = sum;
  return sums;
}

}  // namespace pantau::sentiment::detail
