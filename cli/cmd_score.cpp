// pantau score: score one text (optionally explained) or a stream of texts.
//   pantau score "text" [--explain] [--lexicon FILE]...
//   pantau score --batch < texts.txt     one "score<TAB>label<TAB>lang" line per input line
// Never opens the database; overlays come from [sentiment] lexicon_files and --lexicon.
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "sentiment/batch.hpp"
#include "sentiment/scorer.hpp"

namespace pantau::cli {
namespace {

struct ScoreArgs {
  std::string text;
  bool explain = false;
  bool batch = false;
  std::vector<std::string> lexicons;
};

std::unique_ptr<sentiment::Scorer> load_scorer(Context& ctx, const ScoreArgs& a) {
  sentiment::ScorerOptions opts;
  opts.lexicon_files = ctx.lexicon_overlays();
  opts.lexicon_files.insert(opts.lexicon_files.end(), a.lexicons.begin(), a.lexicons.end());
  try {
    return sentiment::make_scorer(opts);
  } catch (const std::exception& e) {
    throw CliError(k_exit_failure, std::string("lexicon overlay: ") + e.what());
  }
}

void print_one(const sentiment::Score& s) {
  char num[16];
  int n = sentiment::format_score(s.compound, num);
  std::printf("score  %.*s  %s  lang=%s  (pos %.2f, neu %.2f, neg %.2f)\n", n, num, sentiment::to_string(s.label),
              sentiment::to_string(s.lang), s.pos, s.neu, s.neg);
  if (s.spam)
    std::printf("spam   %.*s\n", static_cast<int>(s.spam_reason.size()), s.spam_reason.data());
  if (s.explanation.empty()) return;
  size_t width = 4;
  for (const auto& c : s.explanation) width = c.span.size() > width ? c.span.size() : width;
  if (width > 40) width = 40;
  std::printf("\n  %-7s  %-*s  %s\n", "value", static_cast<int>(width), "span", "rule");
  for (const auto& c : s.explanation)
    std::printf("  %+7.3f  %-*s  %s\n", c.valence, static_cast<int>(width), c.span.c_str(), c.rule.c_str());
}

}  // namespace

void add_score_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ScoreArgs>();
  CLI::App* cmd = app.add_subcommand("score", "Score the sentiment of a text, or of stdin lines with --batch");
  cmd->add_option("text", args->text, "Text to score");
  cmd->add_flag("--explain", args->explain, "Show each word or phrase that moved the score, and why");
  cmd->add_flag("--batch", args->batch, "Read one text per line on stdin; write score<TAB>label<TAB>lang");
  cmd->add_option("--lexicon", args->lexicons, "Overlay lexicon TSV (term<TAB>valence<TAB>note); repeatable");
  cmd->callback([args, &ctx] {
    if (args->batch == !args->text.empty())
      throw CliError(k_exit_usage, "score: give either a text or --batch");
    auto scorer = load_scorer(ctx, *args);
    if (args->batch) {
      static char outbuf[1 << 16];
      std::setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
      if (!sentiment::score_lines(*scorer, stdin, stdout)) throw CliError(k_exit_failure, "score: I/O error");
      return;
    }
    print_one(scorer->score(args->text, args->explain));
  });
}

}  // namespace pantau::cli
