// The rules engine, the second half of the hot path. One text is scored in four
// passes over small arrays held in thread-local scratch (no allocation once warm):
//   1. tokenize and look every token up; collect language and spam evidence;
//   2. pick the language; give unknown words a second chance (squeeze,
//      reduplication, de-obfuscation, affix and English suffix stripping);
//   3. match multi-word phrases (on canonical ids, so slang spellings match too);
//   4. apply boosters, negation, caps, elongation, questions and contrast, then sum.
// The arithmetic follows VADER's published design (additive boosters of ~0.3,
// negation scalar ~-0.74, caps +0.733, "!" +0.292, normalisation x/sqrt(x^2+15)),
// with rule words, scopes and values of our own in lexicons/rules.tsv.
#include "sentiment/scorer.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "sentiment/fallback.hpp"
#include "sentiment/lexicon.hpp"
#include "sentiment/tokenizer.hpp"

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

constexpr float kCapsIncrement = 0.733f;
constexpr float kElongationIncrement = 0.3f;
constexpr float kNegatedNegativeFactor = 0.7f;  // "not bad" is milder than "good"
constexpr float kNegatedHabitualFactor = 1.1f;  // "gak pernah gagal", "never disappoints" is praise
constexpr float kExclaimIncrement = 0.292f;
constexpr float kQuestionDampen = 0.5f;
constexpr float kBeforeContrast = 0.5f, kAfterContrast = 1.5f, kConcessionClause = 0.5f;
constexpr float kNormAlpha = 15.0f;
constexpr float kLinkDampen = 0.75f;  // English text with a link reads as a shared headline: nearer neutral
constexpr float kShoutingIncrement = 0.733f;  // a whole text in capitals is emphatic, like one capitalised word

struct Unit {
  int32_t term = -1, canon = -1;
  float valence = kNoValence;  // lexicon value, then the final contribution
  float modifier = 0;
  uint16_t rflags = 0;
  uint32_t first_tok = 0, last_tok = 0;
  uint32_t rules = 0;
  int32_t booster = -1, negator = -1, contrast = -1;  // live positions, for explanations
  bool sentiment = false, suppressed = false;
};

struct Scratch {
  std::vector<Token> tokens;
  std::vector<Unit> units;
  std::vector<uint32_t> live;
  std::string norm;
};
thread_local Scratch tls;

inline float sign(float v) { return v < 0 ? -1.0f : 1.0f; }

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
  }

  Score score(std::string_view text, bool explain) const override {
    Score s;
    score_into(text, s, explain);
    return s;
  }

  void score_into(std::string_view text, Score& out, bool explain) const override {
    Scratch& sc = tls;
    TextStats st;
    tokenize(text, lex_, sc.tokens, sc.norm, st);
    const char* norm = sc.norm.data();
    const size_t nt = sc.tokens.size();
    sc.units.resize(nt);

    // Pass 1: surface look-up, language and spam evidence.
    float lang_w[3] = {0, 0, 0};
    for (size_t i = 0; i < nt; ++i) {
      const Token& t = sc.tokens[i];
      Unit& u = sc.units[i];
      u = Unit{};
      u.first_tok = u.last_tok = static_cast<uint32_t>(i);
      u.term = lex_.find(norm + t.norm_begin, t.norm_len, t.hash);
      if (u.term >= 0) {
        const Term& term = lex_.term(u.term);
        for (int l = 0; l < 3; ++l) lang_w[l] += term.lang_weight[l];
      }
    }
    Lang lang = pick_language(lang_w, st);
    const int L = static_cast<int>(lang);

    // Pass 2: second chances for unknown words, then per-unit values.
    float spam_points[kSpamReasonCount] = {0, 0, 0, 0, 0};
    bool spam_obfuscated = false;
    int title_case = -1;  // computed on first need: most words capitalised, so capitals say nothing
    for (size_t i = 0; i < nt; ++i) {
      const Token& t = sc.tokens[i];
      Unit& u = sc.units[i];
      if ((t.flags & kTokAlpha) && (u.term < 0 || vacant(lex_.term(u.term), L))) {
        uint32_t rule = 0;
        bool proper = false;
        if (!(t.flags & (kTokSentenceStart | kTokCaps | kTokHashtag)) && upper_initial(text, t)) {
          if (title_case < 0) title_case = mostly_capitalised(text, sc.tokens) ? 1 : 0;
          proper = title_case == 0;
        }
        int32_t alt = fallback_lookup(lex_, norm + t.norm_begin, t.norm_len, t.flags, L, rule, proper);
        if (alt >= 0) { u.term = alt; u.rules |= rule; }
      }
      if (u.term < 0) continue;
      const Term& term = lex_.term(u.term);
      u.canon = term.canonical;
      u.valence = term.valence[L];
      u.modifier = term.modifier[L];
      u.rflags = term.flags[L];
      if (u.canon != u.term) u.rules |= kRuleSlang;
      if (term.spam_points > 0) {
        spam_points[term.spam_reason] += term.spam_points;
        if (term.spam_reason == kSpamGambling &&
            ((t.flags & kTokObfuscated) || (u.rules & kRuleDeobfuscated)))
          spam_obfuscated = true;
      }
    }

    // Pass 3: phrases, longest first, never across a clause break.
    for (size_t i = 0; i < nt; ++i) {
      Unit& u = sc.units[i];
      if (u.term < 0) continue;
      int maxlen = lex_.term(u.term).phrase_max;
      if (maxlen < 2) continue;
      if (static_cast<size_t>(maxlen) > nt - i) maxlen = static_cast<int>(nt - i);
      int32_t ids[6];
      int have = 0;
      for (int k = 0; k < maxlen; ++k) {
        const Unit& w = sc.units[i + k];
        if (w.term < 0 || (k > 0 && (sc.tokens[i + k].flags & kTokClauseStart))) break;
        ids[have++] = w.canon;
      }
      for (int len = have; len >= 2; --len) {
        const Phrase* p = lex_.find_phrase(ids, len);
        if (!p) continue;
        u.valence = p->valence[L];
        u.modifier = p->modifier[L];
        u.rflags = p->flags[L];
        u.rules = kRulePhrase;
        u.last_tok = static_cast<uint32_t>(i + len - 1);
        for (int k = 1; k < len; ++k) sc.units[i + k].term = -2;  // consumed
        i += len - 1;
        break;
      }
    }
    sc.live.clear();
    uint32_t neutral_words = 0;
    for (size_t i = 0; i < nt; ++i) {
      Unit& u = sc.units[i];
      if (u.term == -2) continue;
      u.sentiment = u.valence != kNoValence && u.valence != 0.0f;
      if (!u.sentiment && !u.rflags) ++neutral_words;
      sc.live.push_back(static_cast<uint32_t>(i));
    }

    float sum = apply_rules(sc, st);
    finish(st, sum, lang, out);
    decide_spam(spam_points, spam_obfuscated, st, out);
    if (explain) {
      explain_units(sc, text, out);
      float e = sum != 0 ? emphasis(st) : 0;
      if (e > 0) out.explanation.push_back({st.questions > 1 ? "!/?" : "!", sign(sum) * e, "emphasis(punctuation)"});
    }
    fill_shares(sc, st, neutral_words, out);
  }

 private:
  static bool vacant(const Term& t, int L) {
    return t.valence[L] == kNoValence && t.flags[L] == 0 && t.spam_points == 0 && t.phrase_max == 0 &&
           t.lang_weight[0] == 0 && t.lang_weight[1] == 0 && t.lang_weight[2] == 0;
  }

  static constexpr uint8_t kClassTransparent = 1, kClassHabitual = 2;
  bool word_class(int32_t canon, uint8_t bit) const {
    return canon >= 0 && static_cast<size_t>(canon) < word_class_.size() && (word_class_[static_cast<size_t>(canon)] & bit);
  }
  bool is_transparent(int32_t canon) const { return word_class(canon, kClassTransparent); }
  bool is_habitual(int32_t canon) const { return word_class(canon, kClassHabitual); }

  static bool upper_initial(std::string_view text, const Token& t) {
    if (t.src_begin >= text.size()) return false;
    unsigned char c = static_cast<unsigned char>(text[t.src_begin]);
    return c >= 'A' && c <= 'Z';
  }
  // Title Case or random capitals: more than half of the mid-sentence words capitalised.
  static bool mostly_capitalised(std::string_view text, const std::vector<Token>& toks) {
    uint32_t words = 0, caps = 0;
    for (const Token& t : toks) {
      if (!(t.flags & kTokAlpha) || (t.flags & (kTokSentenceStart | kTokHashtag))) continue;
      ++words;
      if (upper_initial(text, t)) ++caps;
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

  bool clause_start(const Scratch& sc, uint32_t live_pos) const {
    return sc.tokens[sc.units[sc.live[live_pos]].first_tok].flags & kTokClauseStart;
  }
  bool sentence_start(const Scratch& sc, uint32_t live_pos) const {
    return sc.tokens[sc.units[sc.live[live_pos]].first_tok].flags & kTokSentenceStart;
  }

  float apply_rules(Scratch& sc, const TextStats& st) const {
    const uint32_t n = static_cast<uint32_t>(sc.live.size());
    auto U = [&](uint32_t p) -> Unit& { return sc.units[sc.live[p]]; };
    // A modifier that has a sentiment word to act on loses its own valence
    // ("lumayan enak": lumayan dampens; "lumayan." alone is mildly positive).
    for (uint32_t p = 0; p < n; ++p) {
      Unit& m = U(p);
      if (!m.sentiment || !(m.rflags & (kBoosterPre | kBoosterPost | kNegator))) continue;
      bool acts = false;
      if (m.rflags & (kBoosterPre | kNegator))
        for (uint32_t q = p + 1; q < n && q <= p + 2 && !clause_start(sc, q); ++q)
          if (U(q).sentiment && !(U(q).rflags & (kBoosterPre | kBoosterPost))) { acts = true; break; }
      if (!acts && (m.rflags & kBoosterPost) && p > 0 && !clause_start(sc, p) && U(p - 1).sentiment) acts = true;
      if (acts) m.suppressed = true;
    }
    const bool shouting_text = st.caps_words * 2 > st.words;
    static constexpr float kDecay[3] = {1.0f, 0.95f, 0.9f};
    for (uint32_t p = 0; p < n; ++p) {
      Unit& u = U(p);
      if (!u.sentiment || u.suppressed) { if (u.sentiment) u.valence = 0; continue; }
      float v = u.valence, boost = 0, damp = 1;
      int32_t negator = -1;
      // Emoji and emoticons state their own feeling: "gak sampe 😡" is not praise.
      if (sc.tokens[u.first_tok].flags & (kTokEmoji | kTokEmoticon)) continue;
      // Look back up to three words in the same clause. Transparent words
      // (pernah, lagi, sama sekali, ora tau, ever, really, and the boosters)
      // do not use up the window: "gak pernah sama sekali gagal" is negated.
      bool habitual = false;   // gak pernah / ora tau / never: "never fails" is praise
      float negated_boost = 0; // boosters between negator and word: "gak begitu enak" is milder
      bool emphatic = false;   // "never been so happy": a plain booster after a habitual negator
      for (uint32_t k = 1, q = p, steps = 0; k <= 3 && q > 0 && steps < 6; ++steps) {
        if (clause_start(sc, q)) break;
        --q;
        const Unit& m = U(q);
        if (m.rflags & (kContrast | kConcession)) break;
        if ((m.rflags & kBoosterPre) && !(m.rflags & kNegator)) {
          float inc = m.modifier * kDecay[k - 1];
          if (m.modifier >= 0) {
            boost += inc;
            u.rules |= kRuleBooster;
            if (negator < 0) { negated_boost += inc; if (!is_transparent(m.canon)) emphatic = true; }
          }
          else { damp *= 1.0f + m.modifier; u.rules |= kRuleDampener; }
          u.booster = static_cast<int32_t>(q);
        }
        if ((m.rflags & kNegator) && negator < 0) {
          negator = static_cast<int32_t>(q);
          if (is_habitual(m.canon)) habitual = true;
        }
        bool transparent = !m.sentiment && is_transparent(m.canon);
        if (transparent && negator < 0 && is_habitual(m.canon)) habitual = true;
        if (!transparent) ++k;
      }
      // Post-posed boosters (enak banget, apik pol): up to two words after.
      for (uint32_t q = p + 1; q < n && q <= p + 2 && !clause_start(sc, q); ++q) {
        const Unit& m = U(q);
        if ((m.rflags & kBoosterPost) && !(m.rflags & kNegator)) {
          if (m.modifier >= 0) { boost += m.modifier; u.rules |= kRuleBooster; }
          else { damp *= 1.0f + m.modifier; u.rules |= kRuleDampener; }
          u.booster = static_cast<int32_t>(q);
          break;
        }
        if (m.sentiment) break;
      }
      const Token& t = sc.tokens[u.first_tok];
      if ((t.flags & kTokCaps) && !shouting_text && !(t.flags & kTokHashtag)) { boost += kCapsIncrement; u.rules |= kRuleCaps; }
      if (t.flags & kTokElongated) { boost += kElongationIncrement; u.rules |= kRuleElongation; }
      float mag = (std::fabs(v) + boost) * damp;
      v = sign(v) * mag;
      // "never been so happy", "gak pernah sebegitu kecewa": emphatic, not negated.
      if (negator >= 0 && habitual && emphatic) negator = -1;
      if (negator >= 0) {
        float scalar = U(negator).modifier;
        if (scalar == 0) scalar = -0.74f;
        // "not very good" is not worse than "not good": a booster inside the scope drops out.
        if (negated_boost > 0) v = sign(v) * std::max(0.0f, std::fabs(v) - negated_boost * damp);
        v *= v > 0 ? scalar : scalar * (habitual ? kNegatedHabitualFactor : kNegatedNegativeFactor);
        u.negator = negator;
        u.rules |= kRuleNegation;
      }
      u.valence = v;
    }
    // Sentences: yes/no questions are dampened; contrast moves weight later.
    float sum = 0;
    uint32_t a = 0, prev_a = 0;
    while (a < n) {
      uint32_t b = a + 1;
      while (b < n && !sentence_start(sc, b)) ++b;
      bool question = (U(a).rflags & kQuestion) && (sc.tokens[U(b - 1).last_tok].flags & kTokQuestionEnd);
      int32_t contrast = -1;
      for (uint32_t p = a; p < b; ++p) if (U(p).rflags & kContrast) contrast = static_cast<int32_t>(p);
      if (contrast >= 0) {
        uint32_t c = static_cast<uint32_t>(contrast);
        uint32_t from = (c == a && a > 0) ? prev_a : a;  // "Enak. Tapi mahal." reaches back one sentence
        for (uint32_t p = from; p < b; ++p) {
          Unit& u = U(p);
          if (!u.sentiment || p == c) continue;
          u.valence *= p < c ? kBeforeContrast : kAfterContrast;
          u.rules |= p < c ? kRuleBeforeContrast : kRuleAfterContrast;
          u.contrast = contrast;
        }
      }
      for (uint32_t p = a; p < b; ++p) {
        if (!(U(p).rflags & kConcession)) continue;
        for (uint32_t q = p + 1; q < b && !clause_start(sc, q); ++q) {
          Unit& u = U(q);
          if (!u.sentiment) continue;
          u.valence *= kConcessionClause;
          u.rules |= kRuleConcession;
          u.contrast = static_cast<int32_t>(p);
        }
      }
      for (uint32_t p = a; p < b; ++p) {
        Unit& u = U(p);
        if (!u.sentiment) continue;
        if (question) { u.valence *= kQuestionDampen; u.rules |= kRuleQuestion; }
        sum += u.valence;
      }
      prev_a = a;
      a = b;
    }
    return sum;
  }

  static float emphasis(const TextStats& st) {
    float e = static_cast<float>(st.exclaims < 4 ? st.exclaims : 4) * kExclaimIncrement;
    if (st.questions > 1) e += st.questions <= 3 ? st.questions * 0.18f : 0.96f;
    if (st.words >= 2 && st.caps_words * 2 > st.words) e += kShoutingIncrement;  // a text in capitals shouts
    return e;
  }

  static void finish(const TextStats& st, float sum, Lang lang, Score& out) {
    if (sum != 0) sum += sign(sum) * emphasis(st);
    if (st.urls > 0 && lang == Lang::en) sum *= kLinkDampen;
    double c = sum / std::sqrt(static_cast<double>(sum) * sum + kNormAlpha);
    if (c > 1) c = 1;
    if (c < -1) c = -1;
    out.compound = c;
    out.label = c >= 0.05 ? Label::positive : c <= -0.05 ? Label::negative : Label::neutral;
    out.lang = lang;
    out.spam = false;
    out.spam_reason = {};
    out.explanation.clear();
  }

  void fill_shares(const Scratch& sc, const TextStats& st, uint32_t neutral_words, Score& out) const {
    double pos = 0, neg = 0;
    for (uint32_t p : sc.live) {
      const Unit& u = sc.units[p];
      if (!u.sentiment || u.valence == 0) continue;
      if (u.valence > 0) pos += u.valence + 1; else neg += u.valence - 1;
    }
    double e = (pos != 0 || neg != 0) ? emphasis(st) : 0;
    if (pos > -neg) pos += e; else if (neg != 0) neg -= e;
    double total = pos - neg + neutral_words;
    if (total <= 0) { out.pos = 0; out.neg = 0; out.neu = 1; return; }
    out.pos = pos / total;
    out.neg = neg == 0 ? 0.0 : -neg / total;
    out.neu = neutral_words / total;
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

  void explain_units(const Scratch& sc, std::string_view text, Score& out) const {
    auto word = [&](int32_t live_pos) {
      const Unit& m = sc.units[sc.live[live_pos]];
      const Token& a = sc.tokens[m.first_tok];
      const Token& b = sc.tokens[m.last_tok];
      return std::string(sc.norm.data() + a.norm_begin, b.norm_begin + b.norm_len - a.norm_begin);
    };
    for (uint32_t p = 0; p < sc.live.size(); ++p) {
      const Unit& u = sc.units[sc.live[p]];
      if (!u.sentiment || u.valence == 0) continue;
      const Token& a = sc.tokens[u.first_tok];
      const Token& b = sc.tokens[u.last_tok];
      Contribution c;
      c.span = std::string(text.substr(a.src_begin, b.src_end - a.src_begin));
      c.valence = u.valence;
      c.rule = (u.rules & kRulePhrase) ? "phrase" : (a.flags & kTokEmoji) ? "emoji" : (a.flags & kTokEmoticon) ? "emoticon" : "lexicon";
      if (u.rules & kRuleSlang) c.rule += "+slang(=" + std::string(lex_.text(u.canon)) + ")";
      if (u.rules & (kRuleSqueeze | kRuleReduplication | kRuleAffix | kRuleDeobfuscated | kRuleEnglishStem)) {
        c.rule += (u.rules & kRuleSqueeze) ? "+squeeze" : (u.rules & kRuleReduplication) ? "+reduplication"
                : (u.rules & kRuleDeobfuscated) ? "+deobfuscated" : "+affix";
        c.rule += "(" + std::string(lex_.text(u.term)) + ")";
      }
      if (u.rules & kRuleBooster) c.rule += "+booster(" + word(u.booster) + ")";
      if (u.rules & kRuleDampener) c.rule += "+dampener(" + word(u.booster) + ")";
      if (u.rules & kRuleCaps) c.rule += "+caps";
      if (u.rules & kRuleElongation) c.rule += "+elongation";
      if (u.rules & kRuleNegation) c.rule += "+negation(" + word(u.negator) + ")";
      if (u.rules & kRuleBeforeContrast) c.rule += "+before_contrast(" + word(u.contrast) + ")";
      if (u.rules & kRuleAfterContrast) c.rule += "+after_contrast(" + word(u.contrast) + ")";
      if (u.rules & kRuleConcession) c.rule += "+concession(" + word(u.contrast) + ")";
      if (u.rules & kRuleQuestion) c.rule += "+question";
      out.explanation.push_back(std::move(c));
    }
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
