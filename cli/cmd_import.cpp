// pantau import survey --watch W FILE.csv: NPS/CSAT/CES answers
// (submitted_at,kind,score[,comment][,respondent]). Bad rows are reported by
// line and the rest imported; re-running the same file adds nothing.
#include "cli/commands.hpp"
#include "common/timeutil.hpp"
#include "complaints/survey.hpp"

#include <fstream>
#include <iostream>

namespace pantau::cli {

void add_import_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("import", "Import outside data into the database");
  cmd->require_subcommand(1);
  struct Opts {
    std::string watch, file;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* survey = cmd->add_subcommand(
      "survey", "Import survey answers from CSV: submitted_at,kind,score[,comment][,respondent] (kind nps, csat, ces)");
  survey->add_option("--watch", o->watch, "The watch the answers belong to")->required();
  survey->add_option("file", o->file, "The CSV file (- for standard input)")->required();
  survey->callback([o, &ctx] {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (o->file != "-") {
      file.open(o->file, std::ios::binary);
      if (!file) throw CliError(k_exit_failure, "cannot open " + o->file + ": check the path and permissions");
      in = &file;
    }
    // Comments are scored like mentions, with the configured lexicon overlays.
    complaints::CommentScorer scorer;
    try {
      scorer = complaints::default_comment_scorer(ctx.lexicon_overlays());
    } catch (const std::exception& e) {
      throw CliError(k_exit_failure, std::string("cannot load the sentiment lexicons: ") + e.what());
    }
    auto r = complaints::import_survey(ctx.db_rw(), o->watch, *in, scorer, now_epoch());
    if (!r) throw CliError(k_exit_failure, r.failure().message);
    for (const auto& e : r->errors) std::cerr << o->file << ":" << e.line << ": " << e.message << "\n";
    std::cout << "imported " << r->imported << " answers for watch " << o->watch;
    if (r->duplicates) std::cout << " (" << r->duplicates << " already there)";
    std::cout << "\n";
    if (!r->errors.empty())
      throw CliError(k_exit_failure, std::to_string(r->errors.size()) +
                                         " rows were not imported (listed above); fix them and run the import "
                                         "again: rows already imported are not added twice");
  });
}

}  // namespace pantau::cli
