// pantau top-issues --watch W --since 7d: are most customers complaining
// about the same one or two problems? Clustered complaints with counts,
// growth against the previous period and example posts.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/timeutil.hpp"
#include "complaints/clustering.hpp"

#include <cmath>
#include <iostream>

namespace pantau::cli {

void add_top_issues_command(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string watch, since = "7d", until, output = "table";
    std::size_t limit = 10, examples = 2;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("top-issues", "The most common complaint issues, with growth and examples");
  cmd->add_option("--watch", o->watch, "The watch")->required();
  cmd->add_option("--since", o->since, "Period start: 7d, 30d, or an ISO date (default 7d)");
  cmd->add_option("--until", o->until, "Period end (exclusive), default now");
  cmd->add_option("--limit", o->limit, "At most this many issues (default 10)")->check(CLI::Range(1, 1000));
  cmd->add_option("--examples", o->examples, "Example posts per issue (default 2)")->check(CLI::Range(0, 3));
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    const std::int64_t until = o->until.empty() ? now_epoch() : parse_since(o->until, "--until");
    const std::int64_t since = parse_since(o->since, "--since");
    if (since >= until) throw CliError(k_exit_usage, "--since must be before --until");
    auto issues = complaints::top_issues(ctx.db(), o->watch, since, until, o->limit, o->examples);
    Table t;
    t.columns = {"rank", "aspect", "issue", "complaints", "previous", "growth_pct",
                 "example_1", "example_1_url", "example_2", "example_2_url", "example_3", "example_3_url"};
    t.table_columns = {"rank", "issue", "complaints", "previous", "growth_pct", "example_1"};
    std::int64_t rank = 0;
    for (const auto& is : issues) {
      std::vector<Cell> row = {++rank, is.aspect, is.label, is.count, is.previous,
                               is.growth ? Cell(std::round(*is.growth * 10) / 10) : Cell(std::string("new"))};
      for (std::size_t k = 0; k < 3; ++k) {
        if (k < is.examples.size()) {
          row.emplace_back(is.examples[k].text);
          row.emplace_back(is.examples[k].url);
        } else {
          row.emplace_back();
          row.emplace_back();
        }
      }
      t.rows.push_back(std::move(row));
    }
    auto format = *parse_format(o->output);
    print(std::cout, t, format, ctx.colour());
    if (format == Format::table && issues.empty())
      std::cerr << "(no complaints for watch " << o->watch << " since " << format_iso8601(since) << ")\n";
  });
}

}  // namespace pantau::cli
