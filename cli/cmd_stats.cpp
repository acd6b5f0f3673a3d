// pantau stats: counts and net sentiment per day or hour, per watch and source.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/timeutil.hpp"
#include "storage/reader.hpp"

#include <cmath>
#include <iostream>

namespace pantau::cli {

void add_stats_command(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string since = "7d", until, watch, source, by = "day", output = "table";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("stats", "Mention counts and net sentiment per day or hour (spam excluded)");
  cmd->add_option("--since", o->since, "Oldest: 90m, 24h, 7d, or an ISO date (default 7d)");
  cmd->add_option("--until", o->until, "Newest (exclusive)");
  cmd->add_option("--watch", o->watch, "Only this watch");
  cmd->add_option("--source", o->source, "Only this source");
  cmd->add_option("--by", o->by, "day or hour (default day)")->check(CLI::IsMember({"day", "hour"}));
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    storage::MentionFilter f;
    f.since = parse_since(o->since, "--since");
    if (!o->until.empty()) f.until = parse_since(o->until, "--until");
    f.watch = o->watch;
    f.source = o->source;
    auto rows = storage::query_stats(ctx.db(), f, o->by == "hour" ? 3600 : 86400);
    Table t;
    t.columns = {"period", "watch", "source", "total", "positive", "neutral", "negative", "net_sentiment",
                 "complaints", "spam"};
    for (const auto& r : rows) {
      std::string period = format_iso8601(r.period_start);
      if (o->by == "day") period = period.substr(0, 10);
      t.rows.push_back({period, r.watch, r.source, r.total, r.positive, r.neutral, r.negative,
                        std::round(r.net_sentiment() * 10) / 10, r.complaints, r.spam});
    }
    print(std::cout, t, *parse_format(o->output), ctx.colour());
  });
}

}  // namespace pantau::cli
