// Single-pass normaliser and tokenizer. Folds case and accents (ASCII, Latin-1,
// Latin Extended-A, fullwidth, mathematical and circled letters), squeezes
// letter runs to two ("mantuuul" -> "mantuul"), keeps in-word apostrophes and
// hyphens (reduplication "baik-baik"), splits #hashtags into words, skips URLs
// and @mentions (counting them), and emits emoji and ASCII emoticons as tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/byte_masks.hpp"
#include "sentiment/lexicon.hpp"
#include "sentiment/memo.hpp"

namespace pantau::sentiment::detail {

enum TokenFlag : uint16_t {
  kTokCaps = 1 << 0,           // two or more letters, all upper case
  kTokElongated = 1 << 1,      // a letter run of three or more was squeezed
  kTokDigit = 1 << 2,          // has a digit
  kTokAlpha = 1 << 3,          // has a letter
  kTokEmoji = 1 << 4,
  kTokEmoticon = 1 << 5,
  kTokHashtag = 1 << 6,        // a word split out of a #hashtag
  kTokClauseStart = 1 << 7,    // , ; : or a sentence break precedes it
  kTokSentenceStart = 1 << 8,  // first token, or . ! ? newline precede it
  kTokHyphen = 1 << 9,         // has an in-word hyphen (baik-baik, e-wallet)
  kTokObfuscated = 1 << 10,    // fancy Unicode letters or @/$ used as letters
  kTokQuestionEnd = 1 << 11,   // a '?' follows it
  kTokNonLatin = 1 << 12,      // letters outside the Latin script
};

struct Token {
  uint32_t src_begin = 0, src_end = 0;  // bytes of the original text
  uint32_t norm_begin = 0;              // bytes in the normalised buffer
  uint16_t norm_len = 0;
  uint16_t flags = 0;
  uint64_t hash = 0;                    // hash_bytes of the normalised bytes
  int32_t term = -1;                    // the lexicon's entry for exactly these bytes, or -1
};

struct TextStats {
  uint32_t urls = 0, mentions = 0, exclaims = 0, questions = 0, phones = 0, whatsapp_links = 0;
  uint32_t caps_words = 0, words = 0, nonlatin_words = 0;
  float lang_weight[3] = {0, 0, 0};  // summed evidence of the tokens found, for id, jv, en
};

// The tokens of one text: storage sized once per text (a token takes at least
// one input byte), so appending is a plain store.
class TokenList {
 public:
  void reset(size_t max_tokens) {
    if (buf_.size() < max_tokens) buf_.resize(max_tokens);
    n_ = 0;
  }
  // The next token, to be filled in: only the fields the scan knows are
  // written (look_up_all adds the hash and term).
  Token& next() { return buf_[n_++]; }
  Token& back() { return buf_[n_ - 1]; }
  bool empty() const { return n_ == 0; }
  size_t size() const { return n_; }
  const Token* data() const { return buf_.data(); }
  Token* data_mut() { return buf_.data(); }
  const Token& operator[](size_t i) const { return buf_[i]; }
  const Token* begin() const { return buf_.data(); }
  const Token* end() const { return buf_.data() + n_; }

 private:
  std::vector<Token> buf_;
  size_t n_ = 0;
};

// Caller-owned buffers, reused across calls so that a warm tokenizer never allocates.
struct TokenizerScratch {
  TokenList tokens;            // the result
  std::string norm;            // the tokens' normalised bytes (Token::norm_begin), not adjacent
  std::string padded;          // the input, padded for eight- and sixteen-byte loads
  ByteMasks masks;             // the input's structural index
  // How all-one-case hashtags split; bind() it to the lexicon. In sets of
  // four: direct-mapped, tags that shared a slot evicted each other, and
  // each miss is a dynamic-programming split of dozens of look-ups.
  Memo<uint64_t, 4> segments{256};
};

// Fills scratch.tokens with the tokens of `text`, each looked up (Token::term).
void tokenize(std::string_view text, const Lexicon& lex, TokenizerScratch& scratch, TextStats& stats);

}  // namespace pantau::sentiment::detail
