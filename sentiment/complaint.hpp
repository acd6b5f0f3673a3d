// Complaint detection and aspect tagging.
//
// A mention is a complaint when it is negative (the scorer's compound <= -0.05,
// or a 1-2 star rating) AND about the writer's own experience with the brand:
// not spam, not news about the company, not a bare question. Aspects come from
// a keyword taxonomy (Indonesian, Javanese, English) that the [complaints]
// config section can extend. Standard library only: the daemon calls this per
// mention on the io thread, so tag() does no allocation-heavy setup.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::sentiment {

// One aspect and the phrases that signal it. A phrase is one or more words,
// matched on normalised tokens (lower case, punctuation dropped, common
// Indonesian/Javanese clitics such as -nya, -ku, -e, -ne stripped). The word
// "#" in a phrase matches any number ("udah # jam").
struct Aspect {
  std::string name;
  std::vector<std::string> terms;
};

struct Taxonomy {
  std::vector<Aspect> aspects;
  // Cues that the writer speaks of their own experience ("saya", "gw", "kulo",
  // "my", "pesanan saya", "udah # jam", "refund belum").
  std::vector<std::string> first_person;
  std::vector<std::string> experience;
  // Cues that the text is news or market talk about the company.
  std::vector<std::string> news;
  // Words that open a question ("kenapa", "gimana", "piye", "how").
  std::vector<std::string> question_words;

  Aspect* find(std::string_view name);
  // Appends terms to `name`, creating the aspect when it is new.
  void add_terms(std::string_view name, const std::vector<std::string>& terms);
};

// The built-in aspects: delivery, app, payment, service, quality, price,
// outlet, promo; written for this project.
Taxonomy default_taxonomy();

struct ComplaintVerdict {
  bool complaint = false;
  std::vector<std::string> aspects;  // in taxonomy order, for complaints and non-complaints alike
  std::string_view reason;           // static: why it is (or is not) a complaint
};

class ComplaintTagger {
 public:
  virtual ~ComplaintTagger() = default;
  virtual ComplaintVerdict tag(std::string_view text, double compound, bool spam,
                               std::optional<int> rating) const = 0;
};

std::unique_ptr<ComplaintTagger> make_complaint_tagger(Taxonomy t = default_taxonomy());

// The normalised tokens the tagger matches on; the complaints library clusters
// on the same tokens so both agree on what a word is.
std::vector<std::string> complaint_tokens(std::string_view text);

}  // namespace pantau::sentiment
