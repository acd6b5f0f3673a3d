// pantau metrics --watch W --since 30d: NPS, CSAT, CES, response and
// resolution times, net sentiment and complaint rate for a period, compared
// with the period of the same length just before it.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/escape.hpp"
#include "common/timeutil.hpp"
#include "complaints/metrics.hpp"
#include "daemon/config.hpp"

#include <cmath>
#include <iostream>
#include <sstream>

namespace pantau::cli {
namespace {

// The watch's own accounts from the config (brand posts are not customer
// sentiment); an unknown watch is a usage error when a config is loaded.
std::vector<std::string> own_accounts_for(Context& ctx, const std::string& watch) {
  const Config* cfg = ctx.config();
  if (!cfg) return {};
  std::string known;
  for (const auto& w : cfg->watches) {
    if (w.name == watch) return w.own_accounts;
    known += (known.empty() ? "" : ", ") + w.name;
  }
  throw CliError(k_exit_usage, "no watch \"" + watch + "\" in " + cfg->path + " (known: " + known + ")");
}

double round_to(double v, int decimals) {
  double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

Cell num(std::optional<double> v, int decimals = 1) { return v ? Cell(round_to(*v, decimals)) : Cell(); }

Cell change(std::optional<double> cur, std::optional<double> prev, int decimals = 1) {
  if (!cur || !prev) return Cell();
  return round_to(*cur - *prev, decimals);
}

std::optional<double> as_double(std::int64_t v) { return static_cast<double>(v); }
std::optional<double> hours(std::optional<double> s) {
  return s ? std::optional<double>(*s / 3600.0) : std::nullopt;
}

}  // namespace

void add_metrics_command(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string watch, since = "30d", until, output = "table";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("metrics", "CX metrics for a watch and period, vs the previous period");
  cmd->add_option("--watch", o->watch, "The watch")->required();
  cmd->add_option("--since", o->since, "Period start: 7d, 30d, or an ISO date (default 30d)");
  cmd->add_option("--until", o->until, "Period end (exclusive), default now");
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    const std::int64_t until = o->until.empty() ? now_epoch() : parse_since(o->until, "--until");
    const std::int64_t since = parse_since(o->since, "--since");
    if (since >= until) throw CliError(k_exit_usage, "--since must be before --until");
    complaints::MetricsOptions opts;
    opts.own_accounts = own_accounts_for(ctx, o->watch);
    auto c = complaints::compare_metrics(ctx.db(), o->watch, since, until, opts);
    const auto& m = c.current;
    const auto& p = c.previous;
    struct Row {
      const char* name;
      std::optional<double> cur, prev;
      const char* unit;
      std::string inputs;
      int decimals;
    };
    std::vector<Row> rows = {
        {"mentions", as_double(m.mentions), as_double(p.mentions), "count", "non-spam, brand posts excluded", 0},
        {"net_sentiment", m.net_sentiment, p.net_sentiment, "points",
         std::to_string(m.positive) + " positive, " + std::to_string(m.negative) + " negative", 1},
        {"complaints", as_double(m.complaints), as_double(p.complaints), "count", "opened, not dismissed", 0},
        {"complaint_rate", m.complaint_rate, p.complaint_rate, "%", "complaints / mentions", 1},
        {"nps", m.nps, p.nps, "points",
         std::to_string(m.nps_responses) + " answers: " + std::to_string(m.promoters) + " promoters, " +
             std::to_string(m.detractors) + " detractors",
         1},
        {"csat", m.csat, p.csat, "%",
         std::to_string(m.csat_responses) + " answers incl. " + std::to_string(m.csat_from_reviews) + " review stars",
         1},
        {"csat_mean", m.csat_mean, p.csat_mean, "1-5", "", 2},
        {"ces", m.ces, p.ces, "%", std::to_string(m.ces_responses) + " answers", 1},
        {"ces_mean", m.ces_mean, p.ces_mean, "1-5", "", 2},
        {"first_response_avg", hours(m.first_response_avg), hours(p.first_response_avg), "hours",
         std::to_string(m.responded) + " complaints answered", 2},
        {"resolution_mean", hours(m.resolution_mean), hours(p.resolution_mean), "hours",
         std::to_string(m.resolved) + " resolved", 2},
        {"resolution_median", hours(m.resolution_median), hours(p.resolution_median), "hours", "", 2},
        {"survey_comment_net", m.survey_comment_net, p.survey_comment_net, "points",
         std::to_string(m.survey_comments) + " scored comments", 1},
    };
    auto format = *parse_format(o->output);
    if (format == Format::json) {
      // One object keyed by metric, so scripts read .metrics.nps.current.
      std::ostringstream js;
      js << "{\"watch\":\"" << json_escape(o->watch) << "\",\"since\":\"" << format_iso8601(since)
         << "\",\"until\":\"" << format_iso8601(until) << "\",\"previous_since\":\""
         << format_iso8601(since - (until - since)) << "\",\"metrics\":{";
      auto val = [](std::optional<double> v, int d) {
        if (!v) return std::string("null");
        std::ostringstream s;
        s << round_to(*v, d);
        return s.str();
      };
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        std::optional<double> delta;
        if (r.cur && r.prev) delta = *r.cur - *r.prev;
        js << (i ? "," : "") << "\"" << r.name << "\":{\"current\":" << val(r.cur, r.decimals)
           << ",\"previous\":" << val(r.prev, r.decimals) << ",\"change\":" << val(delta, r.decimals)
           << ",\"unit\":\"" << r.unit << "\"}";
      }
      js << "}}\n";
      std::cout << js.str();
      return;
    }
    Table t;
    t.columns = {"metric", "current", "previous", "change", "unit", "inputs"};
    for (const auto& r : rows)
      t.rows.push_back({std::string(r.name), num(r.cur, r.decimals), num(r.prev, r.decimals),
                        change(r.cur, r.prev, r.decimals), std::string(r.unit), r.inputs});
    if (format == Format::table)
      std::cout << "watch " << o->watch << ": " << format_iso8601(since) << " .. " << format_iso8601(until)
                << " vs the " << format_duration(until - since) << " before\n";
    print(std::cout, t, format, ctx.colour());
  });
}

}  // namespace pantau::cli
