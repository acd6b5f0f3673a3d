// Explanations: each unit that moved the score, by how much, and which rules
// fired, in words ("lexicon+booster(banget)+negation(gak)"). Only run when a
// caller asks for them.
#include "sentiment/explain.hpp"

#include "sentiment/fallback.hpp"

namespace pantau::sentiment::detail {

void explain_units(const Lexicon& lex, const Unit* units, size_t n, const TokenList& tokens, const std::string& norm,
                   std::string_view text, std::vector<Contribution>& out) {
  auto word = [&](int32_t pos) {
    const Unit& m = units[static_cast<size_t>(pos)];
    std::string w;  // the tokens' normalised bytes, which need not be adjacent in norm
    for (uint32_t k = m.first_tok; k <= m.last_tok; ++k) w.append(norm.data() + tokens[k].norm_begin, tokens[k].norm_len);
    return w;
  };
  for (size_t p = 0; p < n; ++p) {
    const Unit& u = units[p];
    if (!(u.flags & kUnitSentiment) || u.valence == 0) continue;
    const Token& a = tokens[u.first_tok];
    const Token& b = tokens[u.last_tok];
    Contribution c;
    c.span = std::string(text.substr(a.src_begin, b.src_end - a.src_begin));
    c.valence = u.valence;
    c.rule = (u.rules & kRulePhrase) ? "phrase" : (a.flags & kTokEmoji) ? "emoji" : (a.flags & kTokEmoticon) ? "emoticon" : "lexicon";
    if (u.rules & kRuleSlang) c.rule += "+slang(=" + std::string(lex.text(lex.hot(u.term).canonical)) + ")";
    if (u.rules & (kRuleSqueeze | kRuleReduplication | kRuleAffix | kRuleDeobfuscated | kRuleEnglishStem)) {
      c.rule += (u.rules & kRuleSqueeze) ? "+squeeze" : (u.rules & kRuleReduplication) ? "+reduplication"
              : (u.rules & kRuleDeobfuscated) ? "+deobfuscated" : "+affix";
      c.rule += "(" + std::string(lex.text(u.term)) + ")";
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
    out.push_back(std::move(c));
  }
}

}  // namespace pantau::sentiment::detail
