// Loading the lexicon TSVs into the flat tables of lexicon.hpp. Start-up code:
// clarity over speed, but still well under a second for all built-in files.
#include "sentiment/lexicon.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace pantau::sentiment::detail {

std::string_view spam_reason_text(uint8_t reason, bool obfuscated) noexcept {
  switch (reason) {
    case kSpamGambling: return obfuscated ? "gambling promotion (obfuscated)" : "gambling promotion";
    case kSpamDeposit: return "deposit promotion";
    case kSpamWhatsapp: return "WhatsApp number promotion";
    case kSpamLinkFarm: return "link farm";
    default: return {};
  }
}

size_t Lexicon::memory_bytes() const noexcept {
  return terms_.capacity() * sizeof(Term) + hot_.capacity() * sizeof(HotTerm) + pool_.capacity() +
         buckets_.capacity() * sizeof(Bucket) + overflow_.capacity() * sizeof(Overflow) +
         phrases_.capacity() * sizeof(Phrase) + phrase_slots_.capacity() * sizeof(PhraseSlot) +
         stem_info_.capacity() + (phrase_heads_.capacity() + phrase_pairs_.capacity()) * sizeof(uint64_t);
}

namespace {

constexpr int kAny = 3;  // raw slot for "every language" (emoji, overlays, rules marked any)

// Language slot of a lexicon file, from its name: id_*, jv_*, en_*, else any.
int slot_of_file(std::string_view name) {
  if (name.rfind("id_", 0) == 0) return 0;
  if (name.rfind("jv_", 0) == 0) return 1;
  if (name.rfind("en_", 0) == 0) return 2;
  return kAny;
}

int slot_of_lang(std::string_view s) {
  if (s == "id") return 0;
  if (s == "jv") return 1;
  if (s == "en") return 2;
  if (s == "any") return kAny;
  return -1;
}

std::string base_name(const std::string& path) {
  auto p = path.find_last_of('/');
  return p == std::string::npos ? path : path.substr(p + 1);
}

// Lower-cases ASCII, drops emoji variation selectors, collapses blanks: the
// same folding the tokenizer applies, so that entries match what it emits.
std::string fold_term(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB8 &&
        static_cast<unsigned char>(s[i + 2]) == 0x8F) { i += 2; continue; }  // U+FE0F
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t start = 0;
  for (;;) {
    size_t t = line.find('\t', start);
    f.push_back(line.substr(start, t == std::string_view::npos ? line.npos : t - start));
    if (t == std::string_view::npos) break;
    start = t + 1;
  }
  return f;
}

struct RawValues {
  float value[4] = {kNoValence, kNoValence, kNoValence, kNoValence};
  float modifier[4] = {0, 0, 0, 0};
  uint16_t flags[4] = {0, 0, 0, 0};
  bool rule_set[4] = {false, false, false, false};  // a rules.tsv line exists for the slot
};

// Resolves per-slot raw values into per-text-language values: the text's own
// language first, then "any", then the other languages in a fixed order.
void resolve(const RawValues& raw, float* value, float* modifier, uint16_t* flags) {
  static constexpr int kOrder[kLangs][3] = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}, {2, 0, 1}};
  for (int L = 0; L < kLangs; ++L) {
    value[L] = kNoValence;
    int own = L < 3 ? L : -1;
    if (own >= 0 && raw.value[own] != kNoValence) value[L] = raw.value[own];
    else if (raw.value[kAny] != kNoValence) value[L] = raw.value[kAny];
    else for (int o : kOrder[L]) if (raw.value[o] != kNoValence) { value[L] = raw.value[o]; break; }
    auto pick = [&](int slot) { flags[L] = raw.flags[slot]; modifier[L] = raw.modifier[slot]; };
    flags[L] = 0;
    modifier[L] = 0;
    if (own >= 0 && raw.rule_set[own]) pick(own);
    else if (raw.rule_set[kAny]) pick(kAny);
    else for (int o : kOrder[L]) if (raw.rule_set[o]) { pick(o); break; }
  }
}

struct RawTerm {
  RawValues v;
  float lang_weight[3] = {0, 0, 0};
  bool marker_set = false;
  uint8_t spam_reason = kSpamNone;
  float spam_points = 0;
  std::string slang_target;
};

struct RawPhrase {
  std::vector<std::string> words;
  RawValues v;
  int overlay_order = 0;  // 1 + index of the last overlay file that set it; 0 for built-ins
};

uint16_t flag_of_kind(std::string_view kind, bool& ok) {
  ok = true;
  if (kind == "negator") return kNegator;
  if (kind == "booster_pre" || kind == "dampener_pre") return kBoosterPre;
  if (kind == "booster_post" || kind == "dampener_post") return kBoosterPost;
  if (kind == "booster") return kBoosterPre | kBoosterPost;
  if (kind == "contrast") return kContrast;
  if (kind == "concession") return kConcession;
  if (kind == "question") return kQuestion;
  if (kind == "emoticon") return kEmoticon;
  if (kind == "none") return 0;  // explicitly no rule in this language
  ok = false;
  return 0;
}

uint8_t spam_of_name(std::string_view s) {
  if (s == "gambling") return kSpamGambling;
  if (s == "deposit") return kSpamDeposit;
  if (s == "whatsapp") return kSpamWhatsapp;
  if (s == "linkfarm") return kSpamLinkFarm;
  return kSpamNone;
}

bool parse_float(std::string_view s, float& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

class LexiconBuilder {
 public:
  explicit LexiconBuilder(std::vector<std::string>* duplicates) : duplicates_(duplicates) {}

  // `overlay` files set a term for every language and may override anything.
  void load_text(const std::string& name, std::string_view data, bool overlay) {
    const std::string file = base_name(name);
    if (overlay) ++overlay_files_;
    size_t line_no = 0, pos = 0;
    while (pos <= data.size()) {
      size_t nl = data.find('\n', pos);
      std::string_view line = data.substr(pos, nl == std::string_view::npos ? data.npos : nl - pos);
      pos = nl == std::string_view::npos ? data.size() + 1 : nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      auto fail = [&](const std::string& why) {
        throw std::runtime_error(name + ":" + std::to_string(line_no) + ": " + why);
      };
      auto f = split_tabs(line);
      std::string term = fold_term(f[0]);
      if (term.empty()) fail("empty term");
      if (overlay) { load_valence_line(term, f, kAny, true, fail); continue; }
      if (file.rfind("rules", 0) == 0) load_rule_line(term, f, fail);
      else if (file.rfind("lang_markers", 0) == 0) load_marker_line(term, f, fail);
      else if (file.rfind("slang_map", 0) == 0) load_slang_line(term, f, fail);
      else if (file.rfind("spam", 0) == 0) load_spam_line(term, f, fail);
      else load_valence_line(term, f, slot_of_file(file), false, fail);
    }
  }

  Lexicon finish() {
    Lexicon lex;
    // Phrase words must be in the term table so that the tokenizer finds them.
    for (auto& [key, p] : phrases_) for (auto& w : p.words) term_index(w);
    // Slang map: a surface form without values of its own takes its target's.
    for (auto& [text, idx] : index_) {
      RawTerm& rt = raw_[idx];
      if (rt.slang_target.empty()) continue;
      auto it = index_.find(rt.slang_target);
      if (it == index_.end()) continue;
      const RawTerm& target = raw_[it->second];
      bool own_value = false, own_rules = false;
      for (int s = 0; s < 4; ++s) {
        own_value |= rt.v.value[s] != kNoValence;
        own_rules |= rt.v.rule_set[s];
      }
      for (int s = 0; s < 4; ++s) {
        if (!own_value) rt.v.value[s] = target.v.value[s];
        if (!own_rules) {
          rt.v.flags[s] = target.v.flags[s];
          rt.v.modifier[s] = target.v.modifier[s];
          rt.v.rule_set[s] = target.v.rule_set[s];
        }
      }
      if (!rt.marker_set) for (int l = 0; l < 3; ++l) rt.lang_weight[l] = target.lang_weight[l];
    }
    lex.terms_.resize(texts_.size());
    for (size_t i = 0; i < texts_.size(); ++i) {
      Term& t = lex.terms_[i];
      const RawTerm& rt = raw_[i];
      resolve(rt.v, t.valence, t.modifier, t.flags);
      for (int l = 0; l < 3; ++l) t.lang_weight[l] = rt.lang_weight[l];
      if (!rt.marker_set) {  // a content word in exactly one language is weak evidence for it
        int only = -1, count = 0;
        for (int l = 0; l < 3; ++l) if (rt.v.value[l] != kNoValence) { only = l; ++count; }
        if (count == 1) t.lang_weight[only] = 0.5f;
      }
      for (int sl = 0; sl < 4; ++sl)
        if (rt.v.value[sl] != kNoValence) t.value_langs |= static_cast<uint8_t>(1u << sl);
      t.spam_reason = rt.spam_reason;
      t.spam_points = rt.spam_points;
      t.text_off = static_cast<uint32_t>(lex.pool_.size());
      t.text_len = static_cast<uint16_t>(texts_[i].size());
      lex.pool_ += texts_[i];
      t.canonical = static_cast<int32_t>(i);
      if (!rt.slang_target.empty()) {
        auto it = index_.find(rt.slang_target);
        if (it != index_.end()) t.canonical = it->second;
      }
    }
    for (size_t i = 0; i < lex.terms_.size(); ++i) {  // follow short slang chains
      int32_t c = lex.terms_[i].canonical;
      for (int hop = 0; hop < 3 && lex.terms_[c].canonical != c; ++hop) c = lex.terms_[c].canonical;
      lex.terms_[i].canonical = c;
    }
    // Hash table of terms in buckets of seven, at most three terms per bucket
    // on average (the built-in lexicon: two), so that few overflow.
    size_t cap = 16;
    while (cap * 3 < lex.terms_.size()) cap <<= 1;
    Lexicon::Bucket empty{};
    for (int k = 0; k < 8; ++k) empty.term[k] = Lexicon::kNoTerm;
    lex.buckets_.assign(cap, empty);
    lex.mask_ = cap - 1;
    for (size_t i = 0; i < lex.terms_.size(); ++i) {
      const uint64_t h = hash_text(texts_[i]);
      const auto tag = static_cast<uint32_t>(h >> 32);
      Lexicon::Bucket& b = lex.buckets_[static_cast<size_t>(h) & lex.mask_];
      unsigned k = 0;
      while (k < 7 && b.term[k] >= 0 && b.tag[k] != tag) ++k;
      if (k < 7 && b.term[k] < 0) {
        b.tag[k] = tag;
        b.term[k] = static_cast<int32_t>(i);
      } else {  // full, or the tag is taken: the first match must be the only one
        b.term[7] = Lexicon::kOverflowed;
        lex.overflow_.push_back({h, static_cast<int32_t>(i)});
      }
    }
    // Phrases, keyed by the canonical ids of their words. Spellings of one
    // phrase ("gk bisa", "tidak bisa") share that key; one must win, and never
    // by hash-map order: an overlay's (the last file's) first, then the
    // standard spelling (every word its own canonical form), then text order.
    std::vector<const std::pair<const std::string, RawPhrase>*> order;
    for (const auto& kv : phrases_) order.push_back(&kv);
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->first < b->first; });
    std::map<std::vector<int32_t>, std::pair<size_t, int>> chosen;  // key -> (index, rank)
    std::vector<uint8_t> max_len(lex.terms_.size(), 0);
    for (const auto* kv : order) {
      const RawPhrase& rp = kv->second;
      Phrase p{};
      p.len = static_cast<uint8_t>(rp.words.size());
      bool standard = true;
      for (size_t w = 0; w < rp.words.size(); ++w) {
        int32_t id = index_.at(rp.words[w]);
        p.words[w] = lex.terms_[id].canonical;
        standard &= p.words[w] == id;
      }
      resolve(rp.v, p.valence, p.modifier, p.flags);
      int rank = rp.overlay_order * 2 + (standard ? 1 : 0);  // higher wins
      std::vector<int32_t> key(p.words, p.words + p.len);
      auto [it, fresh] = chosen.try_emplace(key, lex.phrases_.size(), rank);
      if (fresh) {
        lex.phrases_.push_back(p);
      } else if (rank > it->second.second) {
        lex.phrases_[it->second.first] = p;
        it->second.second = rank;
      }
      max_len[p.words[0]] = std::max<uint8_t>(max_len[p.words[0]], p.len);
    }
    for (auto& t : lex.terms_) t.phrase_max = max_len[t.canonical];
    cap = 16;
    while (cap < lex.phrases_.size() * 2) cap <<= 1;
    lex.phrase_slots_.assign(cap, Lexicon::PhraseSlot{0, -1});
    lex.phrase_mask_ = cap - 1;
    size_t head_words = 64;  // 16 bits per phrase, two set per phrase
    while (head_words * 64 < lex.phrases_.size() * 16) head_words <<= 1;
    lex.phrase_heads_.assign(head_words, 0);
    lex.head_mask_ = head_words - 1;
    lex.phrase_pairs_.assign(head_words, 0);
    lex.pair_mask_ = head_words - 1;
    for (size_t i = 0; i < lex.phrases_.size(); ++i) {
      const Phrase& p = lex.phrases_[i];
      const uint64_t head = Lexicon::head_hash(p.words[0], p.words[1], p.len);
      lex.phrase_heads_[lex.head_word(head)] |= Lexicon::filter_bits(head);
      const uint64_t pair = mix64(Lexicon::pair_key(p.words[0], p.words[1]));
      lex.phrase_pairs_[static_cast<size_t>(pair) & lex.pair_mask_] |= Lexicon::filter_bits(pair);
      uint64_t k = phrase_key(lex.phrases_[i].words, lex.phrases_[i].len);
      size_t s = static_cast<size_t>(k) & lex.phrase_mask_;
      while (lex.phrase_slots_[s].phrase >= 0) s = (s + 1) & lex.phrase_mask_;
      lex.phrase_slots_[s] = {k, static_cast<int32_t>(i)};
    }
    lex.stem_info_.resize(lex.terms_.size() * kLangs);
    for (size_t i = 0; i < lex.terms_.size(); ++i) {
      const Term& t = lex.terms_[i];
      for (int L = 0; L < kLangs; ++L) {
        uint8_t info = static_cast<uint8_t>(t.value_langs << 4);
        if ((t.valence[L] != kNoValence && t.valence[L] != 0) || t.spam_points > 0) info |= Lexicon::kStemValued;
        if (t.flags[L] & (kNegator | kBoosterPre | kBoosterPost)) info |= Lexicon::kStemRuleWord;
        if (t.valence[L] == 0.0f) info |= Lexicon::kStemNeutral;
        lex.stem_info_[i * kLangs + static_cast<size_t>(L)] = info;
      }
    }
    lex.hot_.assign(lex.terms_.size() + 1, HotTerm{});
    lex.hot_[0].canonical = -1;
    lex.hot_[0].text_len = UINT16_MAX;  // the sentinel hot(-1): no token is that long
    for (size_t i = 0; i < lex.terms_.size(); ++i) {
      const Term& t = lex.terms_[i];
      HotTerm& h = lex.hot_[i + 1];
      for (int l = 0; l < 3; ++l) h.lang_weight[l] = t.lang_weight[l];
      h.canonical = t.canonical;
      h.text_len = t.text_len;
      h.phrase_max = t.phrase_max;
      h.spam = t.spam_points > 0;
      std::memset(h.text, 0, sizeof h.text);
      std::memcpy(h.text, texts_[i].data(), std::min(texts_[i].size(), kHotTextBytes));
    }
    lex.pool_.append(8, '\0');  // same_bytes may read a word at a time
    lex.pool_.shrink_to_fit();
    static std::atomic<uint64_t> next_id{1};
    lex.id_ = next_id.fetch_add(1);
    return lex;
  }

 private:
  int32_t term_index(const std::string& text) {
    auto [it, inserted] = index_.try_emplace(text, static_cast<int32_t>(texts_.size()));
    if (inserted) { texts_.push_back(text); raw_.emplace_back(); }
    return it->second;
  }

  // Splits on the blanks operator>> would (a stringstream per line was half of load time).
  static std::vector<std::string> words_of(const std::string& term) {
    std::vector<std::string> w;
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
    size_t i = 0, n = term.size();
    while (i < n) {
      while (i < n && blank(term[i])) ++i;
      size_t b = i;
      while (i < n && !blank(term[i])) ++i;
      if (i > b) w.emplace_back(term, b, i - b);
    }
    return w;
  }
  static bool has_blank(const std::string& term) {
    for (char c : term) if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return true;
    return false;
  }

  RawValues& values_for(const std::string& term, bool& is_phrase) {
    if (!has_blank(term)) { is_phrase = false; return raw_[term_index(term)].v; }
    auto words = words_of(term);
    is_phrase = words.size() > 1;
    if (!is_phrase) return raw_[term_index(term)].v;
    auto [it, inserted] = phrases_.try_emplace(term);
    if (inserted) it->second.words = std::move(words);
    return it->second.v;
  }

  template <class Fail>
  void load_valence_line(const std::string& term, const std::vector<std::string_view>& f, int slot,
                         bool overlay, Fail&& fail) {
    if (f.size() < 2) fail("expected term<TAB>valence<TAB>note");
    float v;
    if (!parse_float(f[1], v) || v < -4.0f || v > 4.0f) fail("valence must be a number in -4..4");
    if (term.size() > 60) fail("term longer than 60 bytes");
    bool is_phrase;
    RawValues& rv = values_for(term, is_phrase);
    if (is_phrase && words_of(term).size() > 6) fail("phrase longer than 6 words");
    if (overlay) {
      for (float& x : rv.value) x = v;
      if (is_phrase) phrases_[term].overlay_order = overlay_files_;
      return;
    }
    if (rv.value[slot] != kNoValence && rv.value[slot] != v && duplicates_)
      duplicates_->push_back(term + " (" + std::to_string(rv.value[slot]) + " vs " + std::to_string(v) + ")");
    rv.value[slot] = v;
  }

  template <class Fail>
  void load_rule_line(const std::string& term, const std::vector<std::string_view>& f, Fail&& fail) {
    if (f.size() < 4) fail("expected word<TAB>kind<TAB>value<TAB>lang");
    bool ok;
    uint16_t flag = flag_of_kind(f[1], ok);
    if (!ok) fail("unknown rule kind");
    float m;
    if (!parse_float(f[2], m)) fail("bad rule value");
    int slot = slot_of_lang(f[3]);
    if (slot < 0) fail("lang must be id, jv, en or any");
    bool is_phrase;
    RawValues& rv = values_for(term, is_phrase);
    rv.flags[slot] |= flag;
    rv.rule_set[slot] = true;
    if (flag != kQuestion && flag != kEmoticon) rv.modifier[slot] = m;
  }

  template <class Fail>
  void load_marker_line(const std::string& term, const std::vector<std::string_view>& f, Fail&& fail) {
    if (f.size() < 3) fail("expected word<TAB>lang<TAB>weight");
    int slot = slot_of_lang(f[1]);
    float w;
    if (slot < 0 || slot > 2 || !parse_float(f[2], w)) fail("bad language marker");
    RawTerm& rt = raw_[term_index(term)];
    rt.lang_weight[slot] = w;
    rt.marker_set = true;
  }

  template <class Fail>
  void load_slang_line(const std::string& term, const std::vector<std::string_view>& f, Fail&& fail) {
    if (f.size() < 2) fail("expected slang<TAB>standard");
    std::string target = fold_term(f[1]);
    if (target.empty() || target.find(' ') != std::string::npos) fail("standard form must be one word");
    raw_[term_index(term)].slang_target = target;
    term_index(target);
  }

  template <class Fail>
  void load_spam_line(const std::string& term, const std::vector<std::string_view>& f, Fail&& fail) {
    if (f.size() < 3) fail("expected term<TAB>points<TAB>reason");
    float p;
    uint8_t r = spam_of_name(f[2]);
    if (!parse_float(f[1], p) || r == kSpamNone) fail("bad spam points or reason");
    RawTerm& rt = raw_[term_index(term)];
    rt.spam_points = p;
    rt.spam_reason = r;
  }

  std::vector<std::string>* duplicates_;
  std::unordered_map<std::string, int32_t> index_;
  std::vector<std::string> texts_;
  std::vector<RawTerm> raw_;
  std::unordered_map<std::string, RawPhrase> phrases_;
  int overlay_files_ = 0;
};

Lexicon load_lexicon(const std::vector<std::string>& overlay_files, std::vector<std::string>* duplicates) {
  LexiconBuilder b(duplicates);
  for (size_t i = 0; i < kEmbeddedLexiconCount; ++i) {
    const EmbeddedFile& f = kEmbeddedLexicons[i];
    b.load_text(f.name, std::string_view(f.data, f.size), false);
  }
  for (const auto& path : overlay_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ":0: cannot open lexicon overlay");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    b.load_text(path, data, true);
  }
  return b.finish();
}

}  // namespace pantau::sentiment::detail
