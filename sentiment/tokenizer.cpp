// The tokenizer is the first half of the hot path. The text is indexed 16
// bytes at a time (byte_masks), then read 64 bytes at a time: plain words and
// punctuation (and hashtags' pieces) by bit operations on the index,
// everything else (URLs, mentions, emoji, emoticons, fancy or stretched
// letters) by an exact byte-by-byte path. The tokens are looked up in one
// pass at the end; no allocation once the scratch has grown.
#include "sentiment/tokenizer.hpp"

#include <array>
#include <cstring>

#include "sentiment/char_classes.hpp"

namespace pantau::sentiment::detail {
namespace {

using namespace chars;

class Run {
 public:
  Run(std::string_view text, const Lexicon& lex, TokenizerScratch& scratch, TextStats& st)
      : n_(text.size()), lex_(lex), tokens_(scratch.tokens), st_(st), masks_(scratch.masks), segments_(scratch.segments) {
    // The input is copied with 16 zero bytes after it (eight- and sixteen-byte
    // loads may run past a token). The normalised buffer holds the input
    // lower-cased at the input's offsets (plain words point into it), then,
    // from overflow_, the bytes of tokens the exact path rewrites (squeezed,
    // folded), which are never longer than their source.
    std::string& padded = scratch.padded;
    std::string& norm = scratch.norm;
    overflow_ = static_cast<uint32_t>(n_ + 32);
    if (norm.size() < 2 * n_ + 64) norm.resize(2 * n_ + 64);
    if (padded.size() < n_ + 32) padded.resize(n_ + 32);
    s_ = reinterpret_cast<const unsigned char*>(padded.data());
    out_ = norm.data();
    o_ = overflow_;
    masks_.build(text.data(), n_, padded.data(), out_);
  }

  // Between tokens the index leads. run() takes the text one 64-byte chunk
  // at a time, by the chunk's bits: blanks are passed over, and each plain
  // word (ASCII letters and digits, not elongated, ending at a byte that
  // cannot continue it: not ' - @ $ or a multi-byte character) is found with
  // a few bit operations and emitted whole, its lower-cased bytes already in
  // place. Any other byte, and every byte inside a token the exact path is
  // building, goes through step(). Positions live in locals: the members are
  // reloaded after every byte store, which may alias them.
  void run() {
    size_t i = 0;
    while (i < n_) {
      if (active_) {
        i_ = i;
        step();
        i = i_;
        continue;
      }
      i = scan_chunk(i);
    }
    i_ = i;
    end_token();
    st_.words = static_cast<uint32_t>(word_counts_);
    st_.caps_words = static_cast<uint32_t>(word_counts_ >> 32);
    look_up_all();
  }

  // Every token's hash, term and language evidence, after the scan: the
  // hashes first, each bucket's load started (Lexicon::prefetch), then the
  // look-ups, without a branch on their answer (Lexicon::probe) and with no
  // branch of the scan between two of them.
  void look_up_all() {
    Token* t = tokens_.data_mut();
    float w0 = 0, w1 = 0, w2 = 0;
    const size_t n = tokens_.size();
    for (size_t k = 0; k < n; ++k) {
      t[k].hash = hash_bytes_padded(out_ + t[k].norm_begin, t[k].norm_len);
      lex_.prefetch(t[k].hash);
    }
    for (size_t k = 0; k < n; ++k) {
      const char* p = out_ + t[k].norm_begin;
      t[k].term = lex_.find_padded(p, t[k].norm_len, t[k].hash);
      const float* w = lex_.hot(t[k].term).lang_weight;
      w0 += w[0]; w1 += w[1]; w2 += w[2];
    }
    st_.lang_weight[0] = w0; st_.lang_weight[1] = w1; st_.lang_weight[2] = w2;
  }

 private:
  static uint64_t load_bits(const uint8_t* plane, size_t base) {
    uint64_t x;
    std::memcpy(&x, plane + base / 8, 8);
    return x;
  }

  // Between tokens at i: handles the rest of i's chunk, or up to where the
  // exact path must take over; returns the position reached.
  size_t scan_chunk(size_t i) {
    const size_t base = i & ~size_t{63};
    const uint64_t word = load_bits(masks_.plane(kPlaneWord), base);
    const uint64_t blank = load_bits(masks_.plane(kPlaneBlank), base);
    const uint64_t letter = load_bits(masks_.plane(kPlaneLetter), base);
    const uint64_t lower = letter & ~load_bits(masks_.plane(kPlaneUpper), base);
    // A word with a stretched letter, or followed by a byte that may carry it
    // on, takes the exact path.
    const uint64_t triple = load_bits(masks_.plane(kPlaneTriple), base);
    const uint64_t exact = triple | load_bits(masks_.plane(kPlaneGoesOn), base);
    const uint64_t url_hint = triple | load_bits(masks_.plane(kPlaneColon), base);
    const uint64_t from = ~0ull << (i - base);
    // Where runs of word bytes start and the bytes just after them. No run
    // is under way at i, so a word byte at i starts one.
    uint64_t starts = word & ~(word << 1) & from;
    uint64_t others = ~word & ~blank & from;  // bytes for step(), position n among them
    const uint64_t ends = ~word & (word << 1);
    for (;;) {
      const uint64_t events = starts | others;
      if (!events) return base + 64;  // only blanks are left in the chunk
      const uint64_t bit = events & -events;
      const size_t at = base + static_cast<size_t>(__builtin_ctzll(events));
      if (at >= n_) return n_;
      if (others & bit) {
        if (punctuation(at)) {
          others ^= bit;
          continue;
        }
        i_ = at;
        step();
        i = i_;
        if (active_ || i >= base + 64) return i;
        const uint64_t keep = ~0ull << (i - base);
        starts &= keep;
        others &= keep;
        continue;
      }
      const uint64_t after = ends & -bit;  // the ends at or past this start
      if (!after) return word_across_chunks(at);
      uint64_t end_bit = after & -after;
      uint64_t span = end_bit - bit;
      // A URL opens with "http" or "https" ending at a ':', or with the
      // tripled letter of "www.": only a word with one of those is checked.
      // (Checking every word of a text with a ':' or a stretched letter in
      // it cost 2% of the time: whether a word is a URL is hard to guess.)
      if ((url_hint & (span | end_bit)) && url_at(s_ + at)) return skip_url_at(at);
      uint16_t joint = 0;
      if (exact & (span | end_bit)) {
        // don't, it's, e-wallet: two plain runs joined by one ' or - are one
        // word taken whole too; anything else goes to the exact path.
        const uint64_t joined_end = (exact & span) ? 0 : second_run_end(base, end_bit, word, ends, exact);
        if (!joined_end) {
          i_ = at;
          word_run(n_);
          return i_;
        }
        joint = s_[base + static_cast<size_t>(__builtin_ctzll(end_bit))] == '-' ? kTokHyphen : 0;
        starts &= ~(end_bit << 1);  // the second run's start
        others &= ~end_bit;         // the joint
        end_bit = joined_end;
        span = end_bit - bit;
      }
      const size_t e = base + static_cast<size_t>(__builtin_ctzll(end_bit));
      emit_plain(at, e, word & span, letter & span, lower & span, joint);
      starts ^= bit;  // no run starts inside a word, and no other byte is in it
    }
  }

  // The URL that url_at() found at `at`, skipped (skip_url); returns where the scan goes on.
  size_t skip_url_at(size_t at) {
    i_ = at;
    skip_url();
    return i_;
  }

  // For a plain run that ends (end_bit) at a ' or - followed by another run
  // within the chunk: the end bit of that second run when the exact path
  // would keep the joint and take both runs as one word unchanged (the
  // second run plain, not ending at a byte that carries it on, and not
  // starting with the letter the first ends with, which would count towards
  // a stretch across the joint: "goo'od"); otherwise 0.
  uint64_t second_run_end(size_t base, uint64_t end_bit, uint64_t word, uint64_t ends, uint64_t exact) const {
    const size_t j = base + static_cast<size_t>(__builtin_ctzll(end_bit));
    const uint64_t next_bit = end_bit << 1;  // 0 when the joint ends the chunk
    if ((s_[j] != '\'' && s_[j] != '-') || !(word & next_bit) || out_[j - 1] == out_[j + 1]) return 0;
    const uint64_t after = ends & -(next_bit << 1);  // the second run's end, if in this chunk
    if (!after) return 0;
    const uint64_t end2 = after & -after;
    if (exact & ((end2 - next_bit) | end2)) return 0;
    return end2;
  }

  // Sentence and clause punctuation between words, done in place when it
  // cannot open an emoticon (what step() would do, without the detour), by
  // table rather than a switch: the class of the next byte is hard to guess.
  bool punctuation(size_t at) {
    const unsigned char c = s_[at];
    const uint16_t act = kPunctuation[c];
    if ((act & kActStep) || ((act & kActEmoticon) && s_[at + 1] > ' ')) return false;
    if (act & kActQuestion) {
      question_mark();
    } else {
      pending_ |= act & (kTokSentenceStart | kTokClauseStart);
      st_.exclaims += act & kActExclaim;
    }
    return true;
  }

  void question_mark() {
    ++st_.questions;
    if (!tokens_.empty() && !(pending_ & kTokSentenceStart)) tokens_.back().flags |= kTokQuestionEnd;
    pending_ |= kTokSentenceStart | kTokClauseStart;
  }

  // A word that runs into the next chunk: the same test, on a window of the
  // index from its start (57 exact bits).
  size_t word_across_chunks(size_t at) {
    // The URL check of scan_chunk, on the first nine bytes ("https:" ends at the sixth).
    const uint64_t url_hint = bits_from(masks_.plane(kPlaneColon), at) | bits_from(masks_.plane(kPlaneTriple), at);
    if ((url_hint & 0x1ff) && url_at(s_ + at)) return skip_url_at(at);
    const uint64_t word = bits_from(masks_.plane(kPlaneWord), at);
    // A word of 49 bytes or more (or one filling the whole window, when ~word is 0) takes the exact path.
    const unsigned len = ~word ? static_cast<unsigned>(__builtin_ctzll(~word)) : 64;
    if (len <= 48) {
      const uint64_t span = (1ull << len) - 1;
      const uint64_t exact = bits_from(masks_.plane(kPlaneTriple), at) | bits_from(masks_.plane(kPlaneGoesOn), at);
      if (!(exact & (span | (1ull << len)))) {
        const uint64_t letters = bits_from(masks_.plane(kPlaneLetter), at) & span;
        emit_plain(at, at + len, word & span, letters, letters & ~bits_from(masks_.plane(kPlaneUpper), at), 0);
        return at + len;
      }
    }
    i_ = at;
    word_run(n_);
    return i_;
  }

  // A plain word [b, e), given its bits of the word plane, of the letter
  // plane and of lower-case letters; `extra`: kTokHyphen for a joined word.
  // Its flags without branches: which way they go depends on the word.
  void emit_plain(size_t b, size_t e, uint64_t word, uint64_t letters, uint64_t lower, uint16_t extra) {
    const bool caps = ((letters & (letters - 1)) != 0) & (lower == 0);  // two letters or more, none lower-case
    const auto flags = static_cast<uint16_t>((letters != 0) * kTokAlpha | (word != letters) * kTokDigit |
                                             caps * kTokCaps | extra);
    push_token(static_cast<uint32_t>(b), static_cast<uint32_t>(e), static_cast<uint32_t>(b),
               static_cast<uint32_t>(e - b), flags);
  }

  // One byte of anything but a plain word or blanks between tokens.
  void step() {
    unsigned char c = s_[i_];
    uint8_t cls = kClass[c];
    if (cls == kSpace) { end_token(); ++i_; return; }
    if (cls == kLower || cls == kUpper || cls == kDigit) { word_run(n_); return; }
    if (cls == kHigh) { multibyte(); return; }
    // In-word apostrophe, hyphen and @/$ standing for letters.
    unsigned char next = s_[i_ + 1];  // the padding reads as 0 past the end
    if (active_ && (cls == kApos || cls == kHyphen) && is_alnum_ascii(next) && last_alnum_) {
      put(c == '\'' ? '\'' : '-');
      if (cls == kHyphen) flags_ |= kTokHyphen;
      ++i_;
      return;
    }
    if (active_ && (cls == kAt || cls == kDollar) && last_alpha_ && is_alnum_ascii(next)) {
      add_ascii(cls == kAt ? 'a' : 's', kLower, kTokObfuscated);
      ++i_;
      return;
    }
    end_token();
    if (kEmoticonStart[c] && next > ' ' && try_emoticon()) return;
    switch (cls) {
      case kPeriod: pending_ |= kTokSentenceStart | kTokClauseStart; break;
      case kExclaim: ++st_.exclaims; pending_ |= kTokSentenceStart | kTokClauseStart; break;
      case kQuestionMark: question_mark(); break;
      case kNewline: pending_ |= kTokSentenceStart | kTokClauseStart; break;
      case kClausePunct: case kHyphen: pending_ |= kTokClauseStart; break;
      case kAt:
        if (is_alnum_ascii(next) || next == '_') { skip_word_chars(i_ + 1); ++st_.mentions; return; }
        break;
      case kHash:
        if (is_alnum_ascii(next)) { hashtag(); return; }
        break;
      default: break;
    }
    ++i_;
  }

  void put(char c) { out_[o_++] = c; }

  void add_ascii(unsigned char c, uint8_t cls, uint16_t extra) {
    if (!active_) start();
    flags_ |= extra;
    if (cls == kDigit) {
      flags_ |= kTokDigit;
      last_ = 0; run_ = 0; last_alnum_ = true; last_alpha_ = false;
      put(static_cast<char>(c));
      return;
    }
    flags_ |= kTokAlpha;
    ++letters_;
    if (cls == kUpper) { ++upper_; c = static_cast<unsigned char>(c | 0x20); }
    last_alnum_ = last_alpha_ = true;
    if (c == last_) {
      if (++run_ >= 3) { flags_ |= kTokElongated; return; }
    } else { last_ = c; run_ = 1; }
    put(static_cast<char>(c));
  }

  // The hot loop: a run of ASCII letters and digits, eight bytes per step. A
  // step holding three equal letters in a row (elongation, counted across
  // steps through last/run) takes the exact byte-by-byte path instead.
  // `limit`: where the run must stop even inside a word (a hashtag's camelCase part).
  void word_run(size_t limit) {
    if (!active_) start();
    const unsigned char* s = s_;
    size_t i = i_;
    char* out = out_;
    uint32_t o = o_;
    uint16_t flags = flags_;
    int letters = letters_, upper = upper_, run = run_;
    unsigned char last = last_;
    bool alpha = false;
    for (;;) {
      uint64_t w = load8(s + i);
      if (limit - i < 8) w &= (1ull << (8 * (limit - i))) - 1;  // zero bytes end the word
      const auto [is_letter, is_digit, lowered, k] = word_bytes(w);
      if (k == 0) break;
      uint64_t prev1 = (lowered << 8) | last;
      uint64_t prev2 = (lowered << 16) | (static_cast<uint64_t>(last) << 8) | (run >= 2 ? last : 0);
      if (zero_bytes((lowered ^ prev1) | (lowered ^ prev2)) & is_letter) {
        for (unsigned j = 0; j < k; ++j) {  // the exact path: squeeze runs of one letter to two
          unsigned char c = s[i + j];
          if (c <= '9') {
            flags |= kTokDigit;
            last = 0; run = 0; alpha = false;
            out[o++] = static_cast<char>(c);
            continue;
          }
          alpha = true;
          ++letters;
          if (c < 'a') { ++upper; c = static_cast<unsigned char>(c | 0x20); }
          if (c == last) {
            if (++run >= 3) { flags |= kTokElongated; continue; }
          } else { last = c; run = 1; }
          out[o++] = static_cast<char>(c);
        }
      } else {
        std::memcpy(out + o, &lowered, 8);
        o += k;
        letters += count_marked(is_letter);
        upper += count_marked(is_letter & ~(w << 2));  // letters whose 0x20 bit is clear
        if (is_digit) flags |= kTokDigit;
        unsigned top = 8 * (k - 1);
        unsigned char b1 = static_cast<unsigned char>(lowered >> top);
        alpha = (is_letter >> top) & 0x80;
        if (!alpha) { last = 0; run = 0; }
        else if (k >= 2) { run = b1 == static_cast<unsigned char>(lowered >> (top - 8)) ? 2 : 1; last = b1; }
        else { run = b1 == last ? run + 1 : 1; last = b1; }
      }
      i += k;
      if (k < 8) break;
    }
    if (letters > letters_) flags |= kTokAlpha;
    i_ = i; o_ = o; flags_ = flags; letters_ = letters; upper_ = upper; run_ = run; last_ = last;
    last_alnum_ = true;
    last_alpha_ = alpha;
  }

  void start() {
    active_ = true;
    src_begin_ = static_cast<uint32_t>(i_);
    norm_begin_ = o_;
    flags_ = 0; letters_ = upper_ = 0; last_ = 0; run_ = 0;
  }

  void end_token() {
    if (!active_) return;
    active_ = false;
    emit(src_begin_, static_cast<uint32_t>(i_), norm_begin_, flags_);
    last_alnum_ = last_alpha_ = false;
  }

  void emit(uint32_t src_begin, uint32_t src_end, uint32_t norm_begin, uint16_t flags) {
    uint32_t len = o_ - norm_begin;
    if (len == 0) return;
    if (len > 60000) len = 60000;
    if ((flags & kTokAlpha) && letters_ >= 2 && upper_ == letters_) flags |= kTokCaps;
    push_token(src_begin, src_end, norm_begin, len, flags);
  }

  // Records a token whose normalised bytes are out_[norm_begin, +len), and
  // the word and phone counts (look_up_all looks it up later).
  [[gnu::always_inline]] void push_token(uint32_t src_begin, uint32_t src_end, uint32_t norm_begin, uint32_t len, uint16_t flags) {
    const uint16_t tflags = flags | pending_;
    pending_ = 0;
    const char* p = out_ + norm_begin;
    // Counted without branches (a word is a word 90% of the time, not 100%),
    // words and capitalised words in one add (only a word has kTokCaps).
    const bool alpha = flags & kTokAlpha;
    static_assert(kTokCaps == 1);
    word_counts_ += static_cast<uint64_t>(alpha) | static_cast<uint64_t>(flags & kTokCaps) << 32;
    st_.nonlatin_words += alpha & ((flags & kTokNonLatin) != 0);
    if (((flags & (kTokAlpha | kTokDigit)) == kTokDigit) & (len >= kPhoneMinDigits))  // rare: no coin toss
      count_phone(reinterpret_cast<const unsigned char*>(p), len);
    Token& t = tokens_.next();
    t.src_begin = src_begin; t.src_end = src_end; t.norm_begin = norm_begin;
    t.norm_len = static_cast<uint16_t>(len);
    t.flags = tflags;
  }

  // Indonesian mobile numbers: 08xx or 62 8xx, 10 to 14 digits, hyphens allowed.
  static constexpr uint32_t kPhoneMinDigits = 10, kPhoneMaxDigits = 14;
  void count_phone(const unsigned char* p, uint32_t len) {
    uint32_t digits = 0;
    for (uint32_t k = 0; k < len; ++k) digits += p[k] != '-';
    if (digits >= kPhoneMinDigits && digits <= kPhoneMaxDigits && len >= 2 &&
        ((p[0] == '0' && p[1] == '8') || (p[0] == '6' && p[1] == '2')))
      ++st_.phones;
  }

  // Whether a URL starts at p: http://, https:// or www., in any case. One
  // case-folded eight-byte compare (':', '/' and '.' already have the 0x20
  // bit), cheap enough to run on every word instead of a branch on its first letter.
  static bool url_at(const unsigned char* p) {
    const uint64_t w = load8(p) | 0x20 * kOnes;
    constexpr uint64_t kHttp = 0x002f2f3a70747468ull, kHttps = 0x2f2f3a7370747468ull, kWww = 0x2e777777ull;
    return ((w & 0x00ffffffffffffffull) == kHttp) | (w == kHttps) | ((w & 0xffffffffull) == kWww);
  }

  // The URL that url_at() found at i_: skipped and counted (a WhatsApp link apart).
  void skip_url() {
    size_t j = i_;
    bool whatsapp = false;
    while (j < n_ && s_[j] > ' ') {
      if (starts_with_ci(s_ + j, n_ - j, "wa.me") || starts_with_ci(s_ + j, n_ - j, "whatsapp")) whatsapp = true;
      ++j;
    }
    ++st_.urls;
    if (whatsapp) ++st_.whatsapp_links;
    i_ = j;
    pending_ |= kTokClauseStart;
  }

  void skip_word_chars(size_t j) {
    while (kHandleChar[s_[j]]) ++j;  // the padding's 0 stops it at the end
    i_ = j;
  }

  bool try_emoticon() {
    size_t max_len = n_ - i_ < 4 ? n_ - i_ : 4;
    for (size_t len = max_len; len >= 2; --len) {
      char buf[4];
      bool ok = true;
      for (size_t k = 0; k < len; ++k) {
        unsigned char c = s_[i_ + k];
        if (c <= ' ' || c >= 0x80) { ok = false; break; }
        buf[k] = static_cast<char>(kClass[c] == kUpper ? (c | 0x20) : c);
      }
      if (!ok) continue;
      if (i_ + len < n_ && is_alnum_ascii(s_[i_ + len]) && is_alnum_ascii(s_[i_ + len - 1])) continue;
      int32_t term = lex_.find(buf, len, hash_bytes(buf, len));
      if (term < 0 || !(lex_.term(term).flags[3] & kEmoticon)) continue;
      uint32_t nb = o_;
      for (size_t k = 0; k < len; ++k) put(buf[k]);
      letters_ = upper_ = 0;
      emit(static_cast<uint32_t>(i_), static_cast<uint32_t>(i_ + len), nb, kTokEmoticon);
      i_ += len;
      return true;
    }
    return false;
  }

  void multibyte() {
    unsigned char c = s_[i_];
    uint32_t cp = 0;
    size_t len = 0;
    auto cont = [&](size_t k) { return i_ + k < n_ && (s_[i_ + k] & 0xC0) == 0x80; };
    if ((c & 0xE0) == 0xC0 && cont(1)) { cp = ((c & 0x1Fu) << 6) | (s_[i_ + 1] & 0x3Fu); len = 2; }
    else if ((c & 0xF0) == 0xE0 && cont(1) && cont(2)) {
      cp = ((c & 0x0Fu) << 12) | ((s_[i_ + 1] & 0x3Fu) << 6) | (s_[i_ + 2] & 0x3Fu); len = 3;
    } else if ((c & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
      cp = ((c & 0x07u) << 18) | ((s_[i_ + 1] & 0x3Fu) << 12) | ((s_[i_ + 2] & 0x3Fu) << 6) | (s_[i_ + 3] & 0x3Fu);
      len = 4;
    } else { end_token(); ++i_; return; }  // invalid UTF-8: a separator

    if (is_invisible(cp)) { i_ += len; return; }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {  // curly apostrophe
      if (active_ && last_alpha_ && i_ + len < n_ && is_alpha_ascii(s_[i_ + len])) put('\'');
      else end_token();
      i_ += len;
      return;
    }
    if (unsigned char a = fold_fancy(cp)) {
      add_ascii(a, a <= '9' ? kDigit : kLower, kTokObfuscated);
      i_ += len;
      return;
    }
    if (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) {
      char a = cp < 0x100 ? kLatin1Fold[cp - 0xC0] : kLatinExtAFold[(cp - 0x100) % kLatinExtAFold.size()];
      bool upper = cp < 0xDF || (cp >= 0x100 && (cp & 1) == 0);
      add_ascii(static_cast<unsigned char>(a), upper ? kUpper : kLower, 0);
      i_ += len;
      return;
    }
    if (is_emoji(cp)) {
      end_token();
      uint32_t nb = o_;
      for (size_t k = 0; k < len; ++k) put(static_cast<char>(s_[i_ + k]));
      letters_ = upper_ = 0;
      emit(static_cast<uint32_t>(i_), static_cast<uint32_t>(i_ + len), nb, kTokEmoji);
      i_ += len;
      return;
    }
    if (cp == 0x2026) { end_token(); pending_ |= kTokSentenceStart | kTokClauseStart; i_ += len; return; }
    if (cp == 0x203C || cp == 0x2049) {
      end_token(); st_.exclaims += 2; pending_ |= kTokSentenceStart | kTokClauseStart; i_ += len; return;
    }
    if (is_space_or_symbol(cp)) { end_token(); pending_ |= (cp == 0x2013 || cp == 0x2014) ? kTokClauseStart : 0; i_ += len; return; }
    // Any other script's letter: kept as raw bytes inside the word.
    if (!active_) start();
    flags_ |= kTokAlpha | kTokNonLatin;
    ++letters_;
    last_ = 0; run_ = 0; last_alnum_ = true; last_alpha_ = true;
    for (size_t k = 0; k < len; ++k) put(static_cast<char>(s_[i_ + k]));
    i_ += len;
  }

  // #KopiSenjaLemot -> kopi senja lemot; #kopisenjalemot is segmented with the lexicon.
  void hashtag() {
    pending_ |= kTokClauseStart;
    const size_t b = i_ + 1;
    const uint64_t word = bits_from(masks_.plane(kPlaneWord), b);
    const unsigned len = ~word ? static_cast<unsigned>(__builtin_ctzll(~word)) : 64;
    if (len <= 48 && s_[b + len] != '_') {  // letters and digits only: pieces from the index
      const uint64_t span = (1ull << len) - 1;
      const uint64_t upper = bits_from(masks_.plane(kPlaneUpper), b) & span;
      const uint64_t lower = bits_from(masks_.plane(kPlaneLetter), b) & span & ~upper;
      const uint64_t digit = word & span & ~(upper | lower);
      // A piece starts where digits meet letters, at a capital after a
      // lower-case letter, and at the last capital of a run followed by a
      // lower-case letter (XMLHttp -> XML Http).
      const uint64_t camel = upper & (lower << 1);
      uint64_t breaks = ((digit ^ (digit << 1)) | camel | (upper & (upper << 1) & (lower >> 1))) & span & ~1ull;
      const bool any_upper_inside = camel != 0;
      size_t k = b;
      for (;;) {
        const size_t j = breaks ? b + static_cast<size_t>(__builtin_ctzll(breaks)) : b + len;
        if (!any_upper_inside && j - k >= 6) segment(k, j);
        else hashtag_part(k, j);
        if (!breaks) break;
        breaks &= breaks - 1;
        k = j;
      }
      i_ = b + len;
      return;
    }
    size_t e = b;
    while (e < n_ && (is_alnum_ascii(s_[e]) || s_[e] == '_')) ++e;
    size_t k = b;
    bool any_upper_inside = false;
    for (size_t j = b + 1; j < e; ++j) any_upper_inside |= kClass[s_[j]] == kUpper && kClass[s_[j - 1]] == kLower;
    while (k < e) {
      if (s_[k] == '_') { ++k; continue; }
      size_t j = k + 1;
      while (j < e && s_[j] != '_') {
        uint8_t a = kClass[s_[j - 1]], z = kClass[s_[j]];
        if ((a == kDigit) != (z == kDigit)) break;
        if (a == kLower && z == kUpper) break;
        if (a == kUpper && z == kUpper && j + 1 < e && kClass[s_[j + 1]] == kLower) break;
        ++j;
      }
      if (!any_upper_inside && j - k >= 6) segment(k, j);
      else hashtag_part(k, j);
      k = j;
    }
    i_ = e;
  }

  // [b, e) holds letters and digits only. Without a stretched letter its
  // lower-cased bytes are in place, as a plain word's are.
  void hashtag_part(size_t b, size_t e) {
    const size_t len = e - b;
    if (len <= 48 && !(bits_from(masks_.plane(kPlaneTriple), b) & ((1ull << len) - 1))) {
      const uint64_t span = (1ull << len) - 1;
      const uint64_t word = bits_from(masks_.plane(kPlaneWord), b) & span;
      const uint64_t letters = bits_from(masks_.plane(kPlaneLetter), b) & span;
      emit_plain(b, e, word, letters, letters & ~bits_from(masks_.plane(kPlaneUpper), b), kTokHashtag);
      return;
    }
    i_ = b;
    start();
    flags_ |= kTokHashtag;
    word_run(e);
    end_token();
  }

  // Splits an all-one-case tag into known words by dynamic programming: a known
  // word (two letters or more) costs 1, an unknown letter costs 2. The split
  // (a bit per piece start) is memoised: tags repeat.
  void segment(size_t b, size_t e) {
    constexpr size_t kMax = 40;
    size_t n = e - b;
    if (n > kMax) { hashtag_part(b, e); return; }
    const char* low = out_ + b;  // the tag, lower-cased in place (padded)
    uint64_t h = hash_bytes_padded(low, n);
    uint64_t starts;
    if (const uint64_t* m = segments_.find(h)) starts = *m;
    else {
      starts = split(low, n, h);
      segments_.put(h, starts);
    }
    for (size_t st = 0; st < n;) {
      size_t en = st + 1;
      while (en < n && !(starts >> en & 1)) ++en;
      hashtag_part(b + st, b + en);
      st = en;
    }
  }

  uint64_t split(const char* low, size_t n, uint64_t h) const {
    constexpr size_t kMax = 40;
    if (lex_.find_padded(low, n, h) >= 0) return 1;
    int cost[kMax + 1];
    uint8_t from[kMax + 1];
    bool known[kMax + 1];
    cost[0] = 0;
    for (size_t end = 1; end <= n; ++end) {
      cost[end] = cost[end - 1] + 2; from[end] = static_cast<uint8_t>(end - 1); known[end] = false;
      for (size_t st = end > 16 ? end - 16 : 0; st + 2 <= end; ++st) {  // words of up to 16 letters
        if (cost[st] + 1 >= cost[end]) continue;
        if (lex_.find_padded(low + st, end - st, hash_bytes_padded(low + st, end - st)) >= 0) {
          cost[end] = cost[st] + 1; from[end] = static_cast<uint8_t>(st); known[end] = true;
        }
      }
    }
    // Walk back, marking where pieces start; runs of unknown letters merge into one piece.
    uint64_t starts = 0;
    bool later_unknown = false;  // the piece to the right is unknown
    for (size_t end = n; end > 0; end = from[end]) {
      bool k = known[end];
      if (!(later_unknown && !k)) starts |= 1ull << from[end];  // new piece unless merging unknowns
      else { starts &= ~(1ull << end); starts |= 1ull << from[end]; }
      later_unknown = !k;
    }
    return starts;
  }

  const unsigned char* s_;
  size_t n_;
  size_t i_ = 0;
  const Lexicon& lex_;
  TokenList& tokens_;
  TextStats& st_;
  ByteMasks& masks_;
  Memo<uint64_t, 4>& segments_;
  char* out_;       // the normalised buffer: the lowered input, then from overflow_ rewritten tokens
  uint32_t overflow_ = 0;
  uint32_t o_ = 0;  // where the next rewritten byte goes
  bool active_ = false, last_alnum_ = false, last_alpha_ = false;
  uint32_t src_begin_ = 0, norm_begin_ = 0;
  uint16_t flags_ = 0;
  uint16_t pending_ = kTokSentenceStart | kTokClauseStart;
  uint64_t word_counts_ = 0;  // words (the low half) and words in capitals (the high half), for st_
  int letters_ = 0, upper_ = 0;
  unsigned char last_ = 0;
  int run_ = 0;
};

}  // namespace

void tokenize(std::string_view text, const Lexicon& lex, TokenizerScratch& scratch, TextStats& stats) {
  scratch.tokens.reset(text.size() + 1);
  stats = TextStats{};
  Run(text, lex, scratch, stats).run();
}

}  // namespace pantau::sentiment::detail
