// Survey import: CSV with columns submitted_at,kind,score[,comment][,respondent]
// (a header row naming them is optional). kind is nps (score 0-10), csat or
// ces (1-5). Bad rows are reported by line number and the rest imported in one
// transaction; re-importing the same file adds nothing (unique key).
#pragma once

#include "common/result.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::complaints {

struct SurveyRow {
  int line = 0;
  std::int64_t submitted_at = 0;
  std::string kind;
  int score = 0;
  std::string comment, respondent;
};

struct RowError {
  int line = 0;
  std::string message;
};

struct ParsedSurvey {
  std::vector<SurveyRow> rows;
  std::vector<RowError> errors;
};

// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines).
ParsedSurvey parse_survey_csv(std::istream& in);

struct CommentScore {
  double compound = 0;
  int label = 0;  // -1, 0, 1
};
using CommentScorer = std::function<CommentScore(const std::string&)>;

// The sentiment scorer (with the config's lexicon overlays) when
// pantau_sentiment is linked, else an empty function: comments stay unscored.
// Throws std::runtime_error for a bad overlay, like make_scorer().
CommentScorer default_comment_scorer(const std::vector<std::string>& lexicon_files = {});

struct ImportResult {
  std::size_t imported = 0, duplicates = 0;
  std::vector<RowError> errors;
};

Result<ImportResult> import_survey(SQLite::Database& db, const std::string& watch, std::istream& in,
                                   const CommentScorer& scorer, std::int64_t now);

}  // namespace pantau::complaints
