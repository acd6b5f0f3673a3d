#include "daemon/pipeline.hpp"

#include "sentiment/scorer.hpp"
#if __has_include("sentiment/complaint.hpp")
#include "sentiment/complaint.hpp"
#define PANTAU_HAS_COMPLAINTS 1
#endif

#include <stdexcept>

namespace pantau {

struct Pipeline::Impl {
  std::map<std::string, std::unique_ptr<query::Query>, std::less<>> queries;
  std::map<std::string, std::vector<std::string>, std::less<>> own_accounts;
  std::unique_ptr<sentiment::Scorer> scorer;
#ifdef PANTAU_HAS_COMPLAINTS
  std::unique_ptr<sentiment::ComplaintTagger> tagger;
#endif
};

Pipeline::Pipeline(const Config& config) : m_impl(std::make_unique<Impl>()) {
  std::vector<ConfigIssue> issues;
  for (const WatchConfig& w : config.watches) {
    auto q = query::parse(w.query);
    if (!q) {
      issues.push_back({config.path, w.line, "watch " + w.name + ".query", q.failure().message});
      continue;
    }
    m_impl->queries[w.name] = std::move(*q);
    m_impl->own_accounts[w.name] = w.own_accounts;
  }
  try {
    sentiment::ScorerOptions options;
    options.lexicon_files = config.lexicon_files;
    m_impl->scorer = sentiment::make_scorer(options);
  } catch (const std::exception& e) {
    issues.push_back({config.path, 0, "sentiment.lexicon_files", e.what()});
  }
#ifdef PANTAU_HAS_COMPLAINTS
  m_impl->tagger = sentiment::make_complaint_tagger(config.complaints.taxonomy);
#endif
  if (!issues.empty()) throw ConfigError(std::move(issues));
}

Pipeline::~Pipeline() = default;

Pipeline::Scored Pipeline::score(std::string_view text) const {
  sentiment::Score s = m_impl->scorer->score(text);
  Scored out;
  out.compound = s.compound;
  out.label = s.label == sentiment::Label::positive   ? Label::positive
              : s.label == sentiment::Label::negative ? Label::negative
                                                      : Label::neutral;
  out.lang = sentiment::to_string(s.lang);
  out.spam = s.spam;
  out.spam_reason = std::string(s.spam_reason);
  return out;
}

std::vector<Mention> Pipeline::process(const std::string& watch, std::vector<Item>&& items) const {
  std::vector<Mention> out;
  out.reserve(items.size());
  auto q = m_impl->queries.find(watch);
  auto own = m_impl->own_accounts.find(watch);
  // The brand's own replies are kept whatever the query says: they rarely name
  // the brand, and they are what first-response times are measured from.
  auto is_own_reply = [&](const Item& item) {
    if (item.reply_to.empty() || own == m_impl->own_accounts.end()) return false;
    for (const auto& a : own->second)
      if (a == item.author) return true;
    return false;
  };
  for (Item& item : items) {
    Scored s = score(item.text);
    const std::string& lang = item.lang.empty() ? s.lang : item.lang;
    if (q != m_impl->queries.end() && !q->second->matches(item, lang) && !is_own_reply(item)) continue;
    Mention m;
    m.watch = watch;
    m.score = s.compound;
    m.label = s.label;
    m.lang = lang;
    m.spam = s.spam;
    m.spam_reason = std::move(s.spam_reason);
#ifdef PANTAU_HAS_COMPLAINTS
    auto verdict = m_impl->tagger->tag(item.text, s.compound, s.spam, item.rating);
    m.complaint = verdict.complaint && !m.spam;
    m.aspects = verdict.aspects;
#endif
    m.item = std::move(item);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> Pipeline::search_terms(const std::string& watch) const {
  auto q = m_impl->queries.find(watch);
  if (q == m_impl->queries.end()) return {};
  return q->second->search_terms();
}

}  // namespace pantau
