// pantau complaints list|show|ack|assign|resolve|dismiss|reopen|note: the
// complaint queue. Actions are short IMMEDIATE transactions on the CLI's
// read-write connection, safe while pantaud writes.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/escape.hpp"
#include "common/timeutil.hpp"
#include "complaints/workflow.hpp"

#include <cstdlib>
#include <iostream>

namespace pantau::cli {
namespace {

using complaints::Action;
using complaints::ComplaintStatus;

std::string default_actor() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  return "cli";
}

Cell opt_time(const std::optional<std::int64_t>& t) { return t ? Cell(format_iso8601(*t)) : Cell(); }
Cell opt_secs(const std::optional<std::int64_t>& s) { return s ? Cell(format_duration(*s)) : Cell(); }

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

[[noreturn]] void fail(const Failure& f) {
  throw CliError(f.kind == FailureKind::invalid_input && f.message.find("needs") != std::string::npos ? k_exit_usage
                                                                                                      : k_exit_failure,
                 f.message);
}

void add_list(CLI::App& parent, Context& ctx) {
  struct Opts {
    std::string watch, status = "active", assignee, aspect, since, until, output = "table";
    std::size_t limit = 50;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent.add_subcommand("list", "List complaints, newest first");
  cmd->add_option("--watch", o->watch, "Only this watch");
  cmd->add_option("--status", o->status,
                  "active (open and acknowledged, the default), all, or a comma list of open, acknowledged, "
                  "resolved, dismissed");
  cmd->add_option("--assignee", o->assignee, "Only those assigned to this person");
  cmd->add_option("--aspect", o->aspect, "Only this aspect (delivery, app, payment, service, quality, price, ...)");
  cmd->add_option("--since", o->since, "Opened at or after: 90m, 24h, 7d, or an ISO date");
  cmd->add_option("--until", o->until, "Opened before: 90m, 24h, 7d, or an ISO date");
  cmd->add_option("--limit", o->limit, "At most this many (default 50)")->check(CLI::Range(1, 1'000'000));
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    complaints::ListFilter f;
    f.watch = o->watch;
    f.assignee = o->assignee;
    f.aspect = o->aspect;
    f.limit = o->limit;
    if (!o->since.empty()) f.since = parse_since(o->since, "--since");
    if (!o->until.empty()) f.until = parse_since(o->until, "--until");
    if (o->status == "active") {
      f.statuses = {ComplaintStatus::open, ComplaintStatus::acknowledged};
    } else if (o->status != "all") {
      std::size_t p = 0;
      while (p <= o->status.size()) {
        std::size_t e = o->status.find(',', p);
        if (e == std::string::npos) e = o->status.size();
        auto s = complaints::parse_status(o->status.substr(p, e - p));
        if (!s)
          throw CliError(k_exit_usage, "--status \"" + o->status +
                                           "\": use active, all, or open, acknowledged, resolved, dismissed");
        f.statuses.push_back(*s);
        p = e + 1;
      }
    }
    auto rows = complaints::list_complaints(ctx.db(), f);
    if (!rows) fail(rows.failure());
    Table t;
    t.columns = {"id",       "watch",      "status",         "assignee",    "opened_at", "first_response_at",
                 "response", "resolved_at", "resolution",    "source",      "author",    "url",
                 "aspects",  "rating",     "score",          "text"};
    t.table_columns = {"id", "status", "opened_at", "assignee", "response", "aspects", "author", "text"};
    for (const auto& c : *rows) {
      t.rows.push_back({c.id, c.watch, std::string(to_string(c.status)), c.assignee, format_iso8601(c.opened_at),
                        opt_time(c.first_response_at), opt_secs(c.response_seconds()), opt_time(c.resolved_at),
                        opt_secs(c.resolution_seconds()), c.source, c.author, c.url, join(c.aspects),
                        c.rating ? Cell(static_cast<std::int64_t>(*c.rating)) : Cell(), c.score, c.text});
    }
    auto format = *parse_format(o->output);
    print(std::cout, t, format, ctx.colour());
    if (format == Format::table && rows->empty())
      std::cerr << "(no complaints match; --status all shows closed ones too)\n";
  });
}

void add_show(CLI::App& parent, Context& ctx) {
  struct Opts {
    std::int64_t id = 0;
    std::string output = "table";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent.add_subcommand("show", "Show one complaint with its history");
  cmd->add_option("id", o->id, "Complaint id (from `pantau complaints list`)")->required();
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    auto d = complaints::show_complaint(ctx.db(), o->id);
    if (!d) fail(d.failure());
    const auto& c = d->complaint;
    auto format = *parse_format(o->output);
    if (format == Format::json) {
      std::cout << "{\"id\":" << c.id << ",\"watch\":\"" << json_escape(c.watch) << "\",\"status\":\""
                << to_string(c.status) << "\",\"assignee\":\"" << json_escape(c.assignee) << "\",\"opened_at\":\""
                << format_iso8601(c.opened_at) << "\",\"first_response_at\":"
                << (c.first_response_at ? "\"" + format_iso8601(*c.first_response_at) + "\"" : "null")
                << ",\"response_seconds\":" << (c.response_seconds() ? std::to_string(*c.response_seconds()) : "null")
                << ",\"resolved_at\":" << (c.resolved_at ? "\"" + format_iso8601(*c.resolved_at) + "\"" : "null")
                << ",\"resolution_seconds\":"
                << (c.resolution_seconds() ? std::to_string(*c.resolution_seconds()) : "null") << ",\"source\":\""
                << json_escape(c.source) << "\",\"author\":\"" << json_escape(c.author) << "\",\"url\":\""
                << json_escape(c.url) << "\",\"aspects\":\"" << json_escape(join(c.aspects)) << "\",\"text\":\""
                << json_escape(c.text) << "\",\"first_response_text\":\"" << json_escape(d->first_response_text)
                << "\",\"history\":[";
      for (std::size_t i = 0; i < d->history.size(); ++i) {
        const auto& e = d->history[i];
        std::cout << (i ? "," : "") << "{\"at\":\"" << format_iso8601(e.at) << "\",\"actor\":\""
                  << json_escape(e.actor) << "\",\"action\":\"" << json_escape(e.action) << "\",\"detail\":\""
                  << json_escape(e.detail) << "\"}";
      }
      std::cout << "]}\n";
      return;
    }
    if (format == Format::table) {
      std::cout << "complaint " << c.id << " · " << to_string(c.status) << " · watch " << c.watch
                << (c.assignee.empty() ? "" : " · assigned to " + c.assignee) << "\n"
                << "  " << c.author << " on " << c.source << " at " << format_iso8601(c.opened_at)
                << (c.url.empty() ? "" : "  " + c.url) << "\n  \"" << c.text << "\"\n"
                << "  aspects: " << (c.aspects.empty() ? "-" : join(c.aspects)) << "\n"
                << "  first response: "
                << (c.response_seconds() ? "after " + format_duration(*c.response_seconds()) + ": \"" +
                                               d->first_response_text + "\""
                                         : std::string("none yet"))
                << "\n"
                << "  resolved: " << (c.resolution_seconds() ? "after " + format_duration(*c.resolution_seconds())
                                                             : std::string("no"))
                << "\n\nhistory:\n";
    }
    Table t;
    t.columns = {"at", "actor", "action", "detail"};
    for (const auto& e : d->history) t.rows.push_back({format_iso8601(e.at), e.actor, e.action, e.detail});
    print(std::cout, t, format, ctx.colour());
  });
}

// ack, resolve, dismiss, reopen: `<action> ID [--note TEXT] [--by NAME]`;
// assign and note take a required second argument.
void add_action(CLI::App& parent, Context& ctx, Action action, const char* name, const char* help,
                const char* arg_name = nullptr, const char* arg_help = nullptr) {
  struct Opts {
    std::int64_t id = 0;
    std::string arg, by;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("id", o->id, "Complaint id (from `pantau complaints list`)")->required();
  if (arg_name) cmd->add_option(arg_name, o->arg, arg_help)->required();
  else cmd->add_option("--note,--reason", o->arg, "Why (kept in the history)");
  cmd->add_option("--by", o->by, "Who is acting (default: $USER)");
  cmd->callback([o, &ctx, action] {
    std::string actor = o->by.empty() ? default_actor() : o->by;
    auto r = complaints::apply_action(ctx.db_rw(), o->id, action, actor, o->arg, now_epoch());
    if (!r) fail(r.failure());
    std::cout << "complaint " << r->id << ": " << to_string(r->status)
              << (r->assignee.empty() ? "" : ", assigned to " + r->assignee);
    if (action == Action::resolve && r->resolution_seconds())
      std::cout << ", resolved after " << format_duration(*r->resolution_seconds());
    if (action == Action::note) std::cout << ", note added";
    std::cout << "\n";
  });
}

}  // namespace

void add_complaints_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("complaints", "Work the complaint queue (safe while pantaud runs)");
  cmd->require_subcommand(1);
  add_list(*cmd, ctx);
  add_show(*cmd, ctx);
  add_action(*cmd, ctx, Action::ack, "ack", "Acknowledge an open complaint");
  add_action(*cmd, ctx, Action::assign, "assign", "Assign a complaint to a person", "person", "Who takes it");
  add_action(*cmd, ctx, Action::resolve, "resolve", "Resolve a complaint (records the time to resolution)");
  add_action(*cmd, ctx, Action::dismiss, "dismiss", "Dismiss: not a real complaint (left out of metrics)");
  add_action(*cmd, ctx, Action::reopen, "reopen", "Reopen a resolved or dismissed complaint");
  add_action(*cmd, ctx, Action::note, "note", "Add a note to the history", "text", "The note");
}

}  // namespace pantau::cli
