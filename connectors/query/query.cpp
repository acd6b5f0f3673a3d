// The watch query language (see query.hpp): a tokenizer that remembers
// columns, a recursive-descent parser, and a tree that matches items word by
// word on case- and accent-folded text.
#include "connectors/query/query.hpp"
#include "connectors/support/text.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>

namespace pantau::query {
namespace {

// ---------------------------------------------------------------- folding

// Latin Extended-A (U+0100..U+017F) to base letters, one per code point.
constexpr std::string_view k_ext_a =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
// Latin-1 letters U+00C0..U+00FF; '_' marks a separator (× ÷).
constexpr std::string_view k_latin1 = "aaaaaaaceeeeiiiidnooooo_ouuuuyts" "aaaaaaaceeeeiiiidnooooo_ouuuuyty";

std::uint32_t next_cp(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

// Appends the folded form of one code point to `word`; false = a separator.
bool fold(std::uint32_t cp, std::string& word) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      word += c;
      return true;
    }
    return false;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    char b = k_latin1[cp - 0xC0];
    if (b == '_') return false;
    if (cp == 0xC6 || cp == 0xE6) word += "ae";
    else if (cp == 0xDF) word += "ss";
    else word += b;
    return true;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    word += k_ext_a[cp - 0x100];
    return true;
  }
  if (cp >= 0x300 && cp <= 0x36F) return !word.empty();  // combining accents: dropped
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) cp += 0x20;  // Greek, Cyrillic capitals
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  bool letter = (cp >= 0x180 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xD800) || (cp >= 0xF900 && cp < 0xFB00);
  if (!letter) return false;  // punctuation, symbols, emoji, joiners
  connectors::text::append_utf8(word, cp);
  return true;
}

}  // namespace

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = next_cp(text, i);
    if (!fold(cp, word) && !word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

namespace {

// ---------------------------------------------------------------- tree

struct Subject {
  std::vector<std::string> words;
  std::string lang, source;
  std::vector<std::string> author;  // folded words of the author
  std::string author_joined;        // "kopisenja_id"
};

std::string join(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

struct Node {
  virtual ~Node() = default;
  virtual bool eval(const Subject& s, std::vector<std::string>* why, int depth) const = 0;
  virtual void terms(std::vector<std::string>& out) const = 0;
  static void note(std::vector<std::string>* why, int depth, bool ok, const std::string& what) {
    if (why) why->push_back(std::string(static_cast<std::size_t>(depth) * 2, ' ') + (ok ? "[yes] " : "[no]  ") + what);
  }
};
using NodePtr = std::unique_ptr<Node>;

struct Term final : Node {
  std::string original;
  std::vector<std::string> words;
  bool prefix = false;

  // Start positions where the term occurs.
  std::vector<std::size_t> find(const std::vector<std::string>& hay) const {
    std::vector<std::size_t> at;
    if (words.empty() || hay.size() < words.size()) return at;
    for (std::size_t i = 0; i + words.size() <= hay.size(); ++i) {
      bool ok = true;
      for (std::size_t k = 0; k < words.size() && ok; ++k) {
        bool last = k + 1 == words.size();
        ok = (last && prefix) ? hay[i + k].starts_with(words[k]) : hay[i + k] == words[k];
      }
      if (ok) at.push_back(i);
    }
    return at;
  }
  std::string label() const {
    std::string w = join(words) + (prefix ? "*" : "");
    return words.size() > 1 ? "phrase \"" + w + "\"" : "term " + w;
  }
  bool eval(const Subject& s, std::vector<std::string>* why, int depth) const override {
    auto at = find(s.words);
    note(why, depth, !at.empty(), label() + (at.empty() ? " does not occur" : " at word " + std::to_string(at.front() + 1)));
    return !at.empty();
  }
  void terms(std::vector<std::string>& out) const override { out.push_back(original); }
};

struct Filter final : Node {
  std::string field, value;  // value folded
  bool prefix = false;
  bool eval(const Subject& s, std::vector<std::string>* why, int depth) const override {
    const std::string& have = field == "lang" ? s.lang : field == "source" ? s.source : s.author_joined;
    bool ok = prefix ? have.starts_with(value) : have == value;
    note(why, depth, ok, field + ":" + value + (prefix ? "*" : "") + " (item has " + field + " \"" + have + "\")");
    return ok;
  }
  void terms(std::vector<std::string>&) const override {}
};

struct Not final : Node {
  NodePtr child;
  bool eval(const Subject& s, std::vector<std::string>* why, int depth) const override {
    std::vector<std::string> inner;
    bool v = child->eval(s, why ? &inner : nullptr, depth + 1);
    note(why, depth, !v, "NOT");
    if (why) why->insert(why->end(), inner.begin(), inner.end());
    return !v;
  }
  void terms(std::vector<std::string>&) const override {}  // nothing to search for
};

struct Near final : Node {
  std::unique_ptr<Term> a, b;
  int n = 0;
  bool eval(const Subject& s, std::vector<std::string>* why, int depth) const override {
    auto pa = a->find(s.words), pb = b->find(s.words);
    long best = -1;
    for (auto x : pa)
      for (auto y : pb) {
        long gap = x < y ? static_cast<long>(y) - static_cast<long>(x + a->words.size())
                         : static_cast<long>(x) - static_cast<long>(y + b->words.size());
        gap = std::max(0L, gap);
        if (best < 0 || gap < best) best = gap;
      }
    bool ok = best >= 0 && best <= n;
    std::string what = a->label() + " NEAR/" + std::to_string(n) + " " + b->label();
    if (pa.empty() || pb.empty()) what += pa.empty() ? ": the first does not occur" : ": the second does not occur";
    else what += ": " + std::to_string(best) + " word(s) apart";
    note(why, depth, ok, what);
    return ok;
  }
  void terms(std::vector<std::string>& out) const override { a->terms(out); }
};

struct Group final : Node {
  bool is_and = true;
  std::vector<NodePtr> children;
  bool eval(const Subject& s, std::vector<std::string>* why, int depth) const override {
    std::vector<std::string> inner;
    bool v = is_and;
    for (const auto& c : children) {
      bool r = c->eval(s, why ? &inner : nullptr, depth + 1);
      v = is_and ? (v && r) : (v || r);
      if (!why && v != is_and) break;  // decided
    }
    note(why, depth, v, is_and ? "all of:" : "any of:");
    if (why) why->insert(why->end(), inner.begin(), inner.end());
    return v;
  }
  void terms(std::vector<std::string>& out) const override {
    if (is_and) {
      // Searching for any one conjunct finds a superset of the matches; the
      // first that has searchable terms will do.
      for (const auto& c : children) {
        std::vector<std::string> t;
        c->terms(t);
        if (!t.empty()) {
          out.insert(out.end(), t.begin(), t.end());
          return;
        }
      }
    } else {
      for (const auto& c : children) c->terms(out);
    }
  }
};

class TreeQuery final : public Query {
 public:
  explicit TreeQuery(NodePtr root) : m_root(std::move(root)) {}
  bool matches(const Item& item, std::string_view lang) const override {
    if (!m_root) return true;
    return m_root->eval(subject(item, lang), nullptr, 0);
  }
  std::string explain(const Item& item, std::string_view lang) const override {
    if (!m_root) return "matches: the query is empty\n";
    std::vector<std::string> why;
    bool ok = m_root->eval(subject(item, lang), &why, 1);
    std::string out = ok ? "matches:\n" : "no match:\n";
    for (const auto& l : why) out += l + "\n";
    return out;
  }
  std::vector<std::string> search_terms() const override {
    std::vector<std::string> out;
    if (m_root) m_root->terms(out);
    std::vector<std::string> unique;
    for (auto& t : out)
      if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(t);
    return unique;
  }

 private:
  static Subject subject(const Item& item, std::string_view lang) {
    Subject s;
    s.words = words_of(item.text);
    s.lang = join(words_of(item.lang.empty() ? lang : std::string_view(item.lang)));
    s.source = join(words_of(item.source));
    s.author = words_of(item.author);
    for (const auto& w : s.author) s.author_joined += (s.author_joined.empty() ? "" : " ") + w;
    return s;
  }
  NodePtr m_root;
};

std::unique_ptr<Term> make_term(std::string_view original, bool prefix) {
  auto t = std::make_unique<Term>();
  t->original = std::string(original);
  t->words = words_of(original);
  t->prefix = prefix;
  return t;
}

// ---------------------------------------------------------------- parsing

enum class Tok { word, phrase, lparen, rparen, op_and, op_or, op_not, op_near, filter, end };

struct Token {
  Tok kind;
  std::string text;   // word, phrase, or filter value
  std::string field;  // filter field
  int near = 0;
  std::size_t column = 0;  // 1-based, in characters
};

std::size_t column_of(std::string_view s, std::size_t byte) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) col += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return col;
}

Failure error_at(std::string_view s, std::size_t byte, const std::string& what) {
  return Failure::invalid_input("column " + std::to_string(column_of(s, byte)) + ": " + what);
}

Result<std::vector<Token>> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto read_quoted = [&](std::size_t open) -> Result<std::string> {
    std::size_t close = s.find('"', open + 1);
    if (close == std::string_view::npos) return error_at(s, open, "this quote is never closed");
    std::string inner(s.substr(open + 1, close - open - 1));
    if (words_of(inner).empty()) return error_at(s, open, "the phrase has no words");
    i = close + 1;
    return inner;
  };
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (s[i] == '(' || s[i] == ')') {
      out.push_back({s[i] == '(' ? Tok::lparen : Tok::rparen, {}, {}, 0, start});
      ++i;
      continue;
    }
    if (s[i] == '"') {
      auto p = read_quoted(i);
      if (!p) return std::move(p).failure();
      out.push_back({Tok::phrase, *p, {}, 0, start});
      continue;
    }
    if (s[i] == '-' && i + 1 < s.size() && !is_space(s[i + 1])) {  // -word = NOT word
      out.push_back({Tok::op_not, {}, {}, 0, start});
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != '(' && s[end] != ')' && s[end] != '"') ++end;
    std::string word(s.substr(i, end - i));
    i = end;
    if (word == "AND") out.push_back({Tok::op_and, {}, {}, 0, start});
    else if (word == "OR") out.push_back({Tok::op_or, {}, {}, 0, start});
    else if (word == "NOT") out.push_back({Tok::op_not, {}, {}, 0, start});
    else if (word.starts_with("NEAR/") || word == "NEAR") {
      std::string n = word.size() > 5 ? word.substr(5) : "";
      if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 4)
        return error_at(s, start, "NEAR needs a distance in words, like NEAR/3");
      out.push_back({Tok::op_near, {}, {}, std::stoi(n), start});
    } else if (auto colon = word.find(':'); colon != std::string::npos &&
               (word.substr(0, colon) == "lang" || word.substr(0, colon) == "source" || word.substr(0, colon) == "author")) {
      Token t{Tok::filter, word.substr(colon + 1), word.substr(0, colon), 0, start};
      if (t.text.empty() && i < s.size() && s[i] == '"') {
        auto p = read_quoted(i);
        if (!p) return std::move(p).failure();
        t.text = *p;
      }
      if (t.text.empty()) return error_at(s, start, t.field + ": needs a value, like " + t.field + ":x");
      out.push_back(std::move(t));
    } else {
      out.push_back({Tok::word, word, {}, 0, start});
    }
  }
  out.push_back({Tok::end, {}, {}, 0, s.size()});
  return out;
}

class Parser {
 public:
  Parser(std::string_view src, std::vector<Token> toks) : m_src(src), m_toks(std::move(toks)) {}

  Result<NodePtr> parse_all() {
    auto r = parse_or();
    if (!r) return r;
    if (peek().kind == Tok::rparen) return error_at(m_src, peek().column, "this ')' has no matching '('");
    if (peek().kind != Tok::end) return error_at(m_src, peek().column, "unexpected text");
    return r;
  }

 private:
  const Token& peek() const { return m_toks[m_pos]; }
  const Token& take() { return m_toks[m_pos++]; }

  Result<NodePtr> parse_or() {
    auto first = parse_and();
    if (!first) return first;
    if (peek().kind != Tok::op_or) return first;
    auto g = std::make_unique<Group>();
    g->is_and = false;
    g->children.push_back(std::move(*first));
    while (peek().kind == Tok::op_or) {
      std::size_t col = take().column;
      if (starts_nothing()) return error_at(m_src, col, "OR needs something on its right");
      auto next = parse_and();
      if (!next) return next;
      g->children.push_back(std::move(*next));
    }
    return NodePtr(std::move(g));
  }

  bool starts_nothing() const {
    Tok k = peek().kind;
    return k == Tok::end || k == Tok::rparen || k == Tok::op_or || k == Tok::op_and || k == Tok::op_near;
  }

  Result<NodePtr> parse_and() {
    if (starts_nothing()) {
      const Token& t = peek();
      if (t.kind == Tok::end) return error_at(m_src, t.column, m_pos == 0 ? "the query is empty" : "the query ends too early");
      if (t.kind == Tok::rparen) return error_at(m_src, t.column, "nothing before this ')'");
      return error_at(m_src, t.column, "an operator needs a term on its left");
    }
    auto first = parse_near();
    if (!first) return first;
    std::vector<NodePtr> parts;
    parts.push_back(std::move(*first));
    for (;;) {
      if (peek().kind == Tok::op_and) {
        std::size_t col = take().column;
        if (starts_nothing()) return error_at(m_src, col, "AND needs something on its right");
      } else if (starts_nothing()) {
        break;
      }
      auto next = parse_near();  // juxtaposition is AND
      if (!next) return next;
      parts.push_back(std::move(*next));
    }
    if (parts.size() == 1) return std::move(parts.front());
    auto g = std::make_unique<Group>();
    g->children = std::move(parts);
    return NodePtr(std::move(g));
  }

  Result<NodePtr> parse_near() {
    std::size_t left_col = peek().column;
    auto left = parse_unary();
    if (!left) return left;
    while (peek().kind == Tok::op_near) {
      const Token& op = take();
      auto* lt = dynamic_cast<Term*>(left->get());
      if (!lt) return error_at(m_src, left_col, "NEAR joins two words or phrases; this is not one");
      std::size_t right_col = peek().column;
      if (starts_nothing()) return error_at(m_src, op.column, "NEAR needs a word or phrase on its right");
      auto right = parse_unary();
      if (!right) return right;
      auto* rt = dynamic_cast<Term*>(right->get());
      if (!rt) return error_at(m_src, right_col, "NEAR joins two words or phrases; this is not one");
      auto n = std::make_unique<Near>();
      n->n = op.near;
      n->a.reset(static_cast<Term*>(left->release()));
      n->b.reset(static_cast<Term*>(right->release()));
      left = NodePtr(std::move(n));
    }
    return left;
  }

  Result<NodePtr> parse_unary() {
    if (peek().kind == Tok::op_not) {
      std::size_t col = take().column;
      if (starts_nothing()) return error_at(m_src, col, "NOT needs something on its right");
      auto inner = parse_unary();
      if (!inner) return inner;
      auto n = std::make_unique<Not>();
      n->child = std::move(*inner);
      return NodePtr(std::move(n));
    }
    const Token& t = take();
    switch (t.kind) {
      case Tok::lparen: {
        if (peek().kind == Tok::rparen) return error_at(m_src, t.column, "empty parentheses");
        auto inner = parse_or();
        if (!inner) return inner;
        if (peek().kind != Tok::rparen) return error_at(m_src, t.column, "this '(' is never closed");
        take();
        return inner;
      }
      case Tok::phrase:
        return NodePtr(make_term(t.text, false));
      case Tok::word: {
        bool prefix = t.text.size() > 1 && t.text.back() == '*';
        std::string w = prefix ? t.text.substr(0, t.text.size() - 1) : t.text;
        if (words_of(w).empty()) return error_at(m_src, t.column, "\"" + t.text + "\" has no letters or digits to match");
        return NodePtr(make_term(w, prefix));
      }
      case Tok::filter: {
        auto f = std::make_unique<Filter>();
        f->field = t.field;
        std::string v = t.text;
        if (f->field == "author" && !v.empty() && v.front() == '@') v.erase(0, 1);
        f->prefix = v.size() > 1 && v.back() == '*';
        if (f->prefix) v.pop_back();
        f->value = join(words_of(v));
        if (f->value.empty()) return error_at(m_src, t.column, t.field + ": needs a value with letters or digits");
        return NodePtr(std::move(f));
      }
      default:
        return error_at(m_src, t.column, "expected a word, a phrase, a filter or '('");
    }
  }

  std::string_view m_src;
  std::vector<Token> m_toks;
  std::size_t m_pos = 0;
};

}  // namespace

std::unique_ptr<Query> any_of(std::vector<std::string> terms) {
  auto g = std::make_unique<Group>();
  g->is_and = false;
  for (const auto& t : terms)
    if (!words_of(t).empty()) g->children.push_back(make_term(t, false));
  if (g->children.empty()) return std::make_unique<TreeQuery>(nullptr);
  return std::make_unique<TreeQuery>(std::move(g));
}

Result<std::unique_ptr<Query>> parse(std::string_view text) {
  auto toks = tokenize(text);
  if (!toks) return std::move(toks).failure();
  Parser p(text, std::move(*toks));
  auto root = p.parse_all();
  if (!root) return std::move(root).failure();
  return std::unique_ptr<Query>(std::make_unique<TreeQuery>(std::move(*root)));
}

}  // namespace pantau::query
