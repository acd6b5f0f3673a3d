// pantau alerts list | silence | unsilence | silences: the alert outbox and
// silences. Reads the outbox read-only; silences are short transactions that
// are safe while pantaud runs (it checks them before queueing a notification).
#include "alerts/outbox.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/timeutil.hpp"
#include "daemon/config.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <iostream>

namespace pantau::cli {
namespace {

Cell when(const std::optional<std::int64_t>& t) { return t ? Cell(format_iso8601(*t)) : Cell(); }

struct ListArgs {
  std::string output = "table", watch, status, since;
  std::size_t limit = 50;
};

void run_list(const ListArgs& a, Context& ctx) {
  alerts::OutboxFilter f;
  f.watch = a.watch;
  f.status = a.status;
  f.limit = a.limit;
  if (!a.since.empty()) f.since = parse_since(a.since, "--since");
  std::vector<alerts::OutboxRow> rows;
  try {
    rows = alerts::outbox_list(ctx.db(), f);
  } catch (const SQLite::Exception& e) {
    throw CliError(k_exit_failure, std::string("cannot read the alert outbox (has pantaud run with this database?): ") + e.what());
  }
  Table t;
  t.columns = {"id", "created_at", "watch", "kind", "notifier", "status", "attempts", "next_attempt_at", "sent_at",
               "subject", "thread", "sequence", "last_error"};
  t.table_columns = {"id", "created_at", "watch", "kind", "notifier", "status", "attempts", "subject", "last_error"};
  for (const auto& r : rows) {
    const bool waiting = r.status == "pending" || r.status == "failed";
    t.rows.push_back({r.id, format_iso8601(r.created_at), r.watch, r.kind, r.notifier, r.status, r.attempts,
                      waiting ? Cell(format_iso8601(r.next_attempt_at)) : Cell(), when(r.sent_at), r.subject,
                      r.thread_id, r.sequence, r.last_error});
  }
  print(std::cout, t, *parse_format(a.output), ctx.colour());
}

std::string user() {
  const char* u = std::getenv("USER");
  return u ? u : "";
}

void check_watch(Context& ctx, const std::string& watch) {
  if (watch == "*") return;
  if (const Config* c = ctx.config(); c && !c->find_watch(watch))
    throw CliError(k_exit_usage, "no [[watch]] is named \"" + watch + "\" in " + c->path);
}

}  // namespace

void add_alerts_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("alerts", "Alert deliveries and silences");
  cmd->require_subcommand(1);

  auto list = std::make_shared<ListArgs>();
  CLI::App* l = cmd->add_subcommand("list", "Pending, sent, failed and silenced notifications (newest first)");
  l->add_option("-o,--output", list->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  l->add_option("--watch", list->watch, "Only this watch");
  l->add_option("--status", list->status, "pending, sent, failed or silenced")
      ->check(CLI::IsMember({"pending", "sent", "failed", "silenced"}));
  l->add_option("--since", list->since, "Created since (90m, 24h, 7d or an ISO date)");
  l->add_option("--limit", list->limit, "At most this many rows (default 50)");
  l->callback([list, &ctx] { run_list(*list, ctx); });

  struct SilenceArgs {
    std::string watch, duration, reason;
  };
  auto sil = std::make_shared<SilenceArgs>();
  CLI::App* s = cmd->add_subcommand("silence", "Hold a watch's notifications for a while (they are kept as silenced)");
  s->add_option("--watch", sil->watch, "The watch, or '*' for every watch")->required();
  s->add_option("--for", sil->duration, "How long: 30m, 2h, 1d")->required();
  s->add_option("--reason", sil->reason, "Why (shown in pantau alerts list)");
  s->callback([sil, &ctx] {
    auto d = parse_duration(sil->duration);
    if (!d || *d <= 0) throw CliError(k_exit_usage, "--for \"" + sil->duration + "\" is not a duration such as 30m, 2h or 1d");
    check_watch(ctx, sil->watch);
    const std::int64_t now = now_epoch();
    alerts::Silence si{0, sil->watch, now, now + *d, sil->reason, user(), now};
    std::int64_t id = alerts::silence_add(ctx.db_rw(), si);
    std::cout << "Silenced " << (sil->watch == "*" ? "every watch" : sil->watch) << " until "
              << format_iso8601(si.ends_at) << " (silence " << id << ").\n";
  });

  auto unsil = std::make_shared<std::string>();
  CLI::App* u = cmd->add_subcommand("unsilence", "End a watch's active silences now");
  u->add_option("--watch", *unsil, "The watch, or '*' for every silence")->required();
  u->callback([unsil, &ctx] {
    int n = alerts::silence_end(ctx.db_rw(), *unsil, now_epoch());
    std::cout << "Ended " << n << " silence" << (n == 1 ? "" : "s") << ".\n";
  });

  auto out = std::make_shared<std::string>("table");
  CLI::App* ls = cmd->add_subcommand("silences", "Active and upcoming silences");
  ls->add_option("-o,--output", *out, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  ls->callback([out, &ctx] {
    Table t;
    t.columns = {"id", "watch", "starts_at", "ends_at", "reason", "created_by"};
    for (const auto& si : alerts::silence_list(ctx.db(), now_epoch()))
      t.rows.push_back({si.id, si.watch, format_iso8601(si.starts_at), format_iso8601(si.ends_at), si.reason,
                        si.created_by});
    print(std::cout, t, *parse_format(*out), ctx.colour());
  });
}

}  // namespace pantau::cli
