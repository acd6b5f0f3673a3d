// pantau report --watch W --since 30d --html FILE: one self-contained HTML
// file (inline CSS and SVG, no scripts or external assets).
#include "cli/commands.hpp"
#include "common/timeutil.hpp"
#include "complaints/report.hpp"
#include "daemon/config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace pantau::cli {

void add_report_command(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string watch, since = "30d", until, html;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("report", "Write a CX report as one self-contained HTML file");
  cmd->add_option("--watch", o->watch, "The watch")->required();
  cmd->add_option("--since", o->since, "Period start: 7d, 30d, or an ISO date (default 30d)");
  cmd->add_option("--until", o->until, "Period end (exclusive), default now");
  cmd->add_option("--html", o->html, "Where to write the report, e.g. report.html")->required();
  cmd->callback([o, &ctx] {
    const std::int64_t now = now_epoch();
    const std::int64_t until = o->until.empty() ? now : parse_since(o->until, "--until");
    const std::int64_t since = parse_since(o->since, "--since");
    if (since >= until) throw CliError(k_exit_usage, "--since must be before --until");
    complaints::MetricsOptions opts;
    if (const Config* cfg = ctx.config()) {
      bool found = false;
      for (const auto& w : cfg->watches)
        if (w.name == o->watch) opts.own_accounts = w.own_accounts, found = true;
      if (!found) throw CliError(k_exit_usage, "no watch \"" + o->watch + "\" in " + cfg->path);
    }
    auto data = complaints::collect_report(ctx.db(), o->watch, since, until, now, opts);
    std::string html = complaints::render_report_html(data);
    // Write beside the target and rename, so a reader never sees half a file.
    const std::string tmp = o->html + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw CliError(k_exit_failure, "cannot write " + tmp + ": check that the directory exists");
      out << html;
      if (!out.flush()) throw CliError(k_exit_failure, "cannot write " + tmp + " (disk full?)");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, o->html, ec);
    if (ec) throw CliError(k_exit_failure, "cannot move the report to " + o->html + ": " + ec.message());
    std::cout << "wrote " << o->html << " (" << html.size() / 1024 << " KiB)\n";
  });
}

}  // namespace pantau::cli
