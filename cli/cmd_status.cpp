// pantau status: is pantaud running, and how is each source doing.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/escape.hpp"
#include "common/pidfile.hpp"
#include "common/timeutil.hpp"
#include "storage/reader.hpp"

#include <iostream>

namespace pantau::cli {
namespace {

Cell when(const std::optional<std::int64_t>& t) {
  if (!t) return Cell();
  return Cell(format_iso8601(*t));
}

}  // namespace

void add_status_command(CLI::App& app, Context& ctx) {
  auto output = std::make_shared<std::string>("table");
  CLI::App* cmd = app.add_subcommand("status", "Whether pantaud runs, and each source's health");
  cmd->add_option("-o,--output", *output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([output, &ctx] {
    std::string db_path = ctx.database_path();
    auto pid = running_pid(db_path + ".pid");
    auto rows = storage::query_source_status(ctx.db());
    Table t;
    t.columns = {"source", "type", "watch", "state", "last_success", "last_error_at", "last_error", "items",
                 "skipped", "next_poll"};
    t.table_columns = {"source", "state", "last_success", "items", "skipped", "next_poll", "last_error"};
    for (const auto& s : rows)
      t.rows.push_back({s.name, s.type, s.watch, s.state, when(s.last_success), when(s.last_error_at), s.last_error,
                        s.items_total, s.skipped_total, when(s.next_poll)});
    auto format = *parse_format(*output);
    if (format == Format::table) {
      if (pid)
        std::cout << "pantaud: running (pid " << *pid << ")\n";
      else
        std::cout << "pantaud: not running\n";
      std::cout << "database: " << db_path << "\n\n";
      print(std::cout, t, format, ctx.colour());
    } else if (format == Format::json) {
      std::cout << "{\"running\": " << (pid ? "true" : "false") << ", \"pid\": " << (pid ? std::to_string(*pid) : "null")
                << ", \"database\": \"" << json_escape(db_path) << "\", \"sources\": ";
      print(std::cout, t, format, false);
      std::cout << "}\n";
    } else {
      print(std::cout, t, format, false);
    }
    if (!pid) throw CliError(k_exit_failure, "pantaud is not running");
  });
}

}  // namespace pantau::cli
