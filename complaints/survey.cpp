#include "complaints/survey.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"

#ifdef PANTAU_HAVE_SCORER
#include "sentiment/scorer.hpp"
#endif

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace pantau::complaints {
namespace {

// One CSV record; `line` is the line it starts on. False at end of input.
bool read_record(std::istream& in, int& line, std::vector<std::string>& fields, int& start_line) {
  fields.clear();
  if (in.peek() == std::char_traits<char>::eof()) return false;
  start_line = ++line;
  std::string field;
  bool quoted = false, was_quoted = false;
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field += '"';
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

ParsedSurvey parse_survey_csv(std::istream& in) {
  ParsedSurvey out;
  int line = 0, start = 0;
  std::vector<std::string> f;
  bool first = true;
  while (read_record(in, line, f, start)) {
    if (first) {
      first = false;
      // Strip a UTF-8 byte order mark (spreadsheet exports add one).
      if (f[0].starts_with("\xEF\xBB\xBF")) f[0].erase(0, 3);
      if (lower(trim(f[0])) == "submitted_at") continue;  // header
    }
    if (f.size() == 1 && trim(f[0]).empty()) continue;  // blank line
    auto bad = [&](std::string m) { out.errors.push_back({start, std::move(m)}); };
    if (f.size() < 3 || f.size() > 5) {
      bad("expected 3 to 5 columns (submitted_at,kind,score[,comment][,respondent]), got " + std::to_string(f.size()));
      continue;
    }
    SurveyRow r;
    r.line = start;
    auto at = parse_iso8601(trim(f[0]));
    if (!at) {
      bad("submitted_at '" + f[0] + "' is not an ISO 8601 date or time (e.g. 2026-08-21T09:20:00Z)");
      continue;
    }
    r.submitted_at = *at;
    r.kind = lower(trim(f[1]));
    if (r.kind != "nps" && r.kind != "csat" && r.kind != "ces") {
      bad("kind '" + f[1] + "' must be nps, csat or ces");
      continue;
    }
    std::string s = trim(f[2]);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), r.score);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
      bad("score '" + f[2] + "' is not a whole number");
      continue;
    }
    const int lo = r.kind == "nps" ? 0 : 1, hi = r.kind == "nps" ? 10 : 5;
    if (r.score < lo || r.score > hi) {
      bad(r.kind + " score " + s + " is outside " + std::to_string(lo) + "-" + std::to_string(hi));
      continue;
    }
    if (f.size() > 3) r.comment = trim(f[3]);
    if (f.size() > 4) r.respondent = trim(f[4]);
    out.rows.push_back(std::move(r));
  }
  return out;
}

CommentScorer default_comment_scorer(const std::vector<std::string>& lexicon_files) {
#ifdef PANTAU_HAVE_SCORER
  sentiment::ScorerOptions options;
  options.lexicon_files = lexicon_files;
  std::shared_ptr<sentiment::Scorer> scorer = sentiment::make_scorer(options);
  return [scorer](const std::string& text) {
    sentiment::Score s = scorer->score(text);
    return CommentScore{s.compound, static_cast<int>(s.label)};
  };
#else
  (void)lexicon_files;
  return {};
#endif
}

Result<ImportResult> import_survey(SQLite::Database& db, const std::string& watch, std::istream& in,
                                   const CommentScorer& scorer, std::int64_t now) {
  ParsedSurvey parsed = parse_survey_csv(in);
  ImportResult result;
  result.errors = std::move(parsed.errors);
  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins(db,
                          "INSERT OR IGNORE INTO survey_responses (watch, kind, score, submitted_at, comment, "
                          "respondent, comment_score, comment_label, imported_at) VALUES (?,?,?,?,?,?,?,?,?)");
    for (const SurveyRow& r : parsed.rows) {
      ins.reset();
      ins.clearBindings();
      ins.bind(1, watch);
      ins.bind(2, r.kind);
      ins.bind(3, r.score);
      ins.bind(4, static_cast<int64_t>(r.submitted_at));
      ins.bind(5, r.comment);
      ins.bind(6, r.respondent);
      if (!r.comment.empty() && scorer) {
        CommentScore s = scorer(r.comment);
        ins.bind(7, s.compound);
        ins.bind(8, s.label);
      }
      ins.bind(9, static_cast<int64_t>(now));
      if (ins.exec() > 0) ++result.imported;
      else ++result.duplicates;
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    return Failure::io(std::string("cannot import survey answers: ") + e.what());
  }
  log::debug("SURVEY_IMPORTED", "Survey answers imported.",
            {{"watch", watch}, {"imported", result.imported}, {"duplicates", result.duplicates},
             {"bad_rows", result.errors.size()}});
  return result;
}

}  // namespace pantau::complaints
