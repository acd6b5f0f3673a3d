// Pantau sentiment scorer: a lexicon-and-rules model for Indonesian, Javanese,
// English and their mixes. The implementation is hidden behind make_scorer().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::sentiment {

enum class Lang { id, jv, en, other };
const char* to_string(Lang) noexcept;

enum class Label { negative = -1, neutral = 0, positive = 1 };
const char* to_string(Label) noexcept;

struct Contribution {
  std::string span;  // the original text of the token or phrase
  double valence;    // what it added to the raw sum, after every rule
  std::string rule;  // which rules fired, e.g. "lexicon+booster(banget)+negation(gak)"
};

struct Score {
  double compound = 0, pos = 0, neu = 1, neg = 0;
  Label label = Label::neutral;
  Lang lang = Lang::other;
  bool spam = false;
  std::string_view spam_reason;          // static string, empty if not spam
  std::vector<Contribution> explanation; // filled only when explain == true
};

struct ScorerOptions {
  std::vector<std::string> lexicon_files;  // overlays, applied in order
};

class Scorer {
 public:
  virtual ~Scorer() = default;
  virtual Score score(std::string_view text, bool explain = false) const = 0;
  // Same as score() but reuses `out` (its explanation vector keeps its capacity);
  // the built-in scorer overrides it, so hot loops should call this one.
  virtual void score_into(std::string_view text, Score& out, bool explain = false) const {
    out = score(text, explain);
  }
};

// Throws std::runtime_error naming file and line for a bad overlay (a start-up boundary).
std::unique_ptr<Scorer> make_scorer(const ScorerOptions& options = {});

}  // namespace pantau::sentiment
