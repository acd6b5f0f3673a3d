#include "sentiment/complaint.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace pantau::sentiment {
namespace {

// Clitics and inflections that may follow a word without changing what it is
// about: Indonesian -nya/-ku/-mu/-lah/-kah, Javanese -e/-ne/-ipun, English
// plural and tense. Longest first so "nya" wins over "a"-less forms.
constexpr std::array<std::string_view, 12> k_suffixes = {"ipun", "nya", "lah", "kah", "ing", "ku", "mu",
                                                         "ne",   "es",  "ed",  "e",   "s"};

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Does `token` stand for `word`? Equal, or word + one clitic (stem >= 3 bytes).
bool word_matches(std::string_view token, std::string_view word) {
  if (word == "#") return is_digits(token);
  if (token == word) return true;
  if (word.size() < 3 || token.size() <= word.size() || token.substr(0, word.size()) != word) return false;
  std::string_view rest = token.substr(word.size());
  return std::find(k_suffixes.begin(), k_suffixes.end(), rest) != k_suffixes.end();
}

enum class Group : int { first_person = -1, experience = -2, news = -3, question = -4 };

struct Phrase {
  std::vector<std::string> words;
  int group;  // >= 0: aspect index; < 0: a Group
};

class KeywordTagger final : public ComplaintTagger {
 public:
  explicit KeywordTagger(Taxonomy t) : m_tax(std::move(t)) {
    for (std::size_t i = 0; i < m_tax.aspects.size(); ++i)
      for (const auto& term : m_tax.aspects[i].terms) add(term, static_cast<int>(i));
    for (const auto& term : m_tax.first_person) add(term, static_cast<int>(Group::first_person));
    for (const auto& term : m_tax.experience) add(term, static_cast<int>(Group::experience));
    for (const auto& term : m_tax.news) add(term, static_cast<int>(Group::news));
  }

  ComplaintVerdict tag(std::string_view text, double compound, bool spam,
                       std::optional<int> rating) const override {
    ComplaintVerdict v;
    std::vector<std::string> tokens = complaint_tokens(text);
    std::vector<bool> aspect_hit(m_tax.aspects.size(), false);
    bool first_person = false, experience = false, news = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      for_each_candidate(tokens, i, [&](int group) {
        if (group >= 0) aspect_hit[static_cast<std::size_t>(group)] = true;
        else if (group == static_cast<int>(Group::first_person)) first_person = true;
        else if (group == static_cast<int>(Group::experience)) experience = true;
        else if (group == static_cast<int>(Group::news)) news = true;
      });
    }
    for (std::size_t i = 0; i < aspect_hit.size(); ++i)
      if (aspect_hit[i]) v.aspects.push_back(m_tax.aspects[i].name);

    const bool review = rating.has_value();
    const bool negative = compound <= -0.05 || (review && *rating >= 1 && *rating <= 2);
    if (spam) return v.reason = "spam", v;
    if (!negative) return v.reason = "not negative", v;
    // A review is by definition the writer's own experience; news cues in a
    // review ("saham") are noise, so they only gate posts.
    if (!review && news && !first_person) return v.reason = "news about the company", v;
    if (!review && !first_person && looks_like_headline(text)) return v.reason = "headline", v;
    if (!review && !first_person && !experience && question_alone(text, tokens))
      return v.reason = "question", v;
    if (!review && !first_person && !experience && v.aspects.empty())
      return v.reason = "not about own experience", v;
    v.complaint = true;
    v.reason = review ? "negative review" : first_person ? "negative, first person" : "negative, experience cue";
    return v;
  }

 private:
  void add(const std::string& term, int group) {
    // Split on spaces first so that "#" (any number) survives tokenising.
    Phrase p{{}, group};
    std::size_t start = 0;
    while (start <= term.size()) {
      std::size_t end = term.find(' ', start);
      if (end == std::string::npos) end = term.size();
      std::string_view piece(term.data() + start, end - start);
      if (piece == "#") p.words.emplace_back("#");
      else for (auto& w : complaint_tokens(piece)) p.words.push_back(std::move(w));
      start = end + 1;
    }
    if (p.words.empty()) return;
    if (p.words[0] == "#") m_number_first.push_back(std::move(p));
    else m_index[p.words[0]].push_back(std::move(p));
  }

  bool phrase_at(const Phrase& p, const std::vector<std::string>& tokens, std::size_t i) const {
    if (i + p.words.size() > tokens.size()) return false;
    for (std::size_t k = 0; k < p.words.size(); ++k)
      if (!word_matches(tokens[i + k], p.words[k])) return false;
    return true;
  }

  template <class F>
  void for_each_candidate(const std::vector<std::string>& tokens, std::size_t i, F&& f) const {
    const std::string& t = tokens[i];
    auto try_key = [&](std::string_view key) {
      auto it = m_index.find(std::string(key));
      if (it == m_index.end()) return;
      for (const Phrase& p : it->second)
        if (phrase_at(p, tokens, i)) f(p.group);
    };
    try_key(t);
    for (std::string_view s : k_suffixes)
      if (t.size() > s.size() + 2 && std::string_view(t).substr(t.size() - s.size()) == s)
        try_key(std::string_view(t).substr(0, t.size() - s.size()));
    if (is_digits(t))
      for (const Phrase& p : m_number_first)
        if (phrase_at(p, tokens, i)) f(p.group);
  }

  // Every sentence is a question: ends with '?' (or opens with a question
  // word) and no sentence ends with '.' or '!'.
  bool question_alone(std::string_view text, const std::vector<std::string>& tokens) const {
    bool has_q = text.find('?') != std::string_view::npos;
    if (!has_q && !tokens.empty()) {
      has_q = std::find(m_tax.question_words.begin(), m_tax.question_words.end(), tokens[0]) !=
              m_tax.question_words.end();
    }
    if (!has_q) return false;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      char c = text[i];
      if ((c == '.' || c == '!') && (text[i + 1] == ' ' || text[i + 1] == '\n')) return false;
    }
    return true;
  }

  // News headlines: several words, most capitalised, no sentence punctuation
  // of a person talking ("Kopi Senja Tutup 12 Gerai Di Jakarta Selatan").
  static bool looks_like_headline(std::string_view text) {
    if (text.find_first_of("!?") != std::string_view::npos) return false;
    int words = 0, capital = 0;
    bool at_start = true;
    for (char c : text) {
      auto u = static_cast<unsigned char>(c);
      if (std::isspace(u)) {
        at_start = true;
        continue;
      }
      if (at_start && std::isalpha(u)) {
        ++words;
        if (std::isupper(u)) ++capital;
      }
      at_start = false;
    }
    return words >= 5 && capital * 10 >= words * 8;
  }

  Taxonomy m_tax;
  std::unordered_map<std::string, std::vector<Phrase>> m_index;
  std::vector<Phrase> m_number_first;
};

}  // namespace

Aspect* Taxonomy::find(std::string_view name) {
  for (Aspect& a : aspects)
    if (a.name == name) return &a;
  return nullptr;
}

void Taxonomy::add_terms(std::string_view name, const std::vector<std::string>& terms) {
  Aspect* a = find(name);
  if (!a) {
    aspects.push_back({std::string(name), {}});
    a = &aspects.back();
  }
  a->terms.insert(a->terms.end(), terms.begin(), terms.end());
}

// Keyword lists written for Pantau from everyday Indonesian, Javanese and
// English customer talk (not taken from any third-party lexicon). Each aspect
// lists Indonesian, then Javanese, then English phrases.
Taxonomy default_taxonomy() {
  Taxonomy t;
  t.aspects = {
      {"delivery",
       {"telat", "terlambat", "belum datang", "belum dateng", "ga dateng", "gak dateng", "belum sampai",
        "belum nyampe", "nyampe", "kurir", "driver", "ojol", "diantar", "dianter", "pengiriman", "dikirim",
        "kiriman", "salah alamat", "nyasar", "estimasi", "nunggu", "menunggu", "lama banget", "kelamaan",
        "suwe", "durung teko", "durung tekan", "ngenteni", "kurire", "late", "delivery", "delivered", "courier",
        "never arrived", "still waiting", "shipping", "rider", "wrong address", "took forever"}},
      {"app",
       {"aplikasi", "app", "apk", "error", "eror", "crash", "force close", "login", "masuk akun", "bug",
        "lemot", "loading", "update", "hang", "ngehang", "ngelag", "lag", "checkout", "keluar sendiri",
        "server", "notifikasi", "otp", "ora iso mlebu", "ora isa mlebu", "aplikasine", "macet terus", "crashes",
        "glitch", "freeze", "frozen", "log in", "sign in", "website", "blank screen", "not loading"}},
      {"payment",
       {"bayar", "pembayaran", "refund", "dana kembali", "uang kembali", "saldo", "terpotong", "kepotong",
        "dipotong", "qris", "gopay", "ovo", "shopeepay", "transfer", "debit", "kartu kredit", "tagihan",
        "ditagih", "pengembalian dana", "double charge", "mbayar", "duitku", "duwitku", "duite", "payment",
        "pay", "paid", "refunded", "charged", "double charged", "billing", "card", "money back",
        "transaction"}},
      {"service",
       {"pelayanan", "layanan", "pelayan", "kasir", "barista", "karyawan", "pegawai", "staf", "cs",
        "customer service", "admin", "jutek", "judes", "kasar", "cuek", "sombong", "gak ramah", "tidak ramah",
        "ga dibales", "gak dibales", "tidak dibalas", "dicuekin", "satpam", "pelayanane", "kasire", "mase",
        "mbake", "ora ramah", "ora sopan", "galak", "service", "staff", "cashier", "rude", "waiter", "waitress",
        "employee", "support", "unhelpful", "ignored", "no response", "no reply", "manager"}},
      {"quality",
       {"rasa", "basi", "dingin", "encer", "pahit banget", "kemanisan", "hambar", "kualitas", "rusak",
        "tumpah", "bocor", "kotor", "rambut", "packaging", "kemasan", "gosong", "asem", "salah pesanan",
        "salah menu", "rasane", "ora enak", "anyep", "adem", "kecut", "taste", "tastes", "stale", "cold",
        "watery", "bitter", "quality", "spilled", "leaked", "burnt", "broken", "hair", "wrong order",
        "undercooked", "melted"}},
      {"price",
       {"harga", "mahal", "kemahalan", "overprice", "naik harga", "harga naik", "porsi", "ukuran", "kecil banget",
        "gak worth", "ga worth", "nggak worth", "tidak sebanding", "ongkir", "larang", "regane", "rega",
        "cilik", "price", "pricey", "expensive", "overpriced", "too small", "portion", "size", "not worth",
        "rip off", "ripoff"}},
      {"outlet",
       {"outlet", "gerai", "toko", "cabang", "store", "meja", "kursi", "toilet", "parkir", "parkiran",
        "antrian", "antre", "antri", "ac", "berisik", "tutup", "wifi", "colokan", "sumpek", "panggone",
        "nggon", "rame banget", "branch", "queue", "table", "seat", "parking", "closed", "dirty", "noisy",
        "crowded", "restroom"}},
      {"promo",
       {"promo", "diskon", "voucher", "vocer", "kupon", "cashback", "poin", "reward", "member", "membership",
        "potongan harga", "kode promo", "flash sale", "buy 1 get 1", "promone", "diskone", "discount",
        "coupon", "points", "loyalty", "deal", "offer", "promo code", "rewards"}},
  };
  t.first_person = {"saya", "aku", "gue", "gua", "gw", "sy", "aq", "kami", "pesananku", "akunku", "punyaku",
                    "kulo", "kula", "awakku", "nyong", "inyong", "i", "im", "ive", "my", "me", "mine", "we", "our",
                    "us"};
  t.experience = {"udah # jam", "sudah # jam", "udah # menit", "sudah # menit", "# jam", "# menit",
                  "udah # hari", "sudah # hari", "# hari", "refund belum", "belum diproses", "belum masuk",
                  "belum dikembalikan", "gak bisa", "ga bisa", "nggak bisa", "tidak bisa", "gabisa", "kecewa",
                  "nyesel", "kapok", "zonk", "pesanan", "orderan", "ora iso", "ora isa", "durung", "gela",
                  "still waiting", "for # hours", "# hours", "# minutes", "# days", "cant", "cannot", "couldnt",
                  "disappointed", "worst", "never again", "crash", "crashes", "gagal", "failed", "tried", "ordered"};
  t.news = {"menurut laporan", "dilaporkan", "laporan keuangan", "saham", "bursa", "investor", "pendanaan",
            "siaran pers", "rilis resmi", "kuartal", "laba", "rugi bersih", "ipo", "direktur utama",
            "reported", "according to", "shares", "stock", "press release", "quarterly", "revenue",
            "earnings", "funding round", "analysts"};
  t.question_words = {"apakah", "apa", "kenapa", "mengapa", "gimana", "bagaimana", "kapan", "berapa", "dimana",
                      "siapa", "bisakah", "piye", "pripun", "opo", "endi", "pira", "ngapa", "how", "why", "when",
                      "where", "what", "is", "are", "does", "do", "can", "could", "who"};
  return t;
}

std::vector<std::string> complaint_tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else if (c == '\'') {
      // "can't" -> "cant", "'diantar'" -> "diantar"
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0x99) {
      i += 2;  // U+2019 right single quote, used as an apostrophe
    } else if (c == 0xC3 && i + 1 < text.size()) {
      cur += text[i];  // Latin-1 letters (é, ü) stay inside the word
      cur += text[++i];
    } else {
      flush();
    }
  }
  flush();
  // "bangettt", "lamaaa": a letter repeated three or more times counts once.
  for (std::string& t : out) {
    std::string c;
    for (std::size_t i = 0; i < t.size();) {
      std::size_t j = i;
      while (j < t.size() && t[j] == t[i]) ++j;
      bool letter = std::isalpha(static_cast<unsigned char>(t[i])) != 0;
      c.append(letter && j - i >= 3 ? 1 : j - i, t[i]);
      i = j;
    }
    t = std::move(c);
  }
  return out;
}

std::unique_ptr<ComplaintTagger> make_complaint_tagger(Taxonomy t) {
  return std::make_unique<KeywordTagger>(std::move(t));
}

}  // namespace pantau::sentiment
