// The pipeline between a source and the writer: watch filter, spam flag,
// scorer, complaint tagger. Pure and synchronous: it runs on the io thread
// between a page's arrival and the batch's submission.
#pragma once

#include "common/mention.hpp"
#include "connectors/query/query.hpp"
#include "daemon/config.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pantau {

class Pipeline {
 public:
  // Compiles every watch query and loads the scorer (with lexicon overlays).
  // Throws ConfigError for a bad query or overlay (start-up and reload boundary).
  explicit Pipeline(const Config& config);
  ~Pipeline();

  // Keeps the items that match the watch's query and scores them.
  std::vector<Mention> process(const std::string& watch, std::vector<Item>&& items) const;

  // Search terms of a watch, for connectors whose API can search.
  std::vector<std::string> search_terms(const std::string& watch) const;

  struct Scored {
    double compound;
    Label label;
    std::string lang;
    bool spam;
    std::string spam_reason;
  };
  Scored score(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pantau
