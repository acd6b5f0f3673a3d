// pantau mentions: the stored mentions, newest first, filtered.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/timeutil.hpp"
#include "storage/reader.hpp"

#include <SQLiteCpp/Exception.h>

#include <iostream>

namespace pantau::cli {

void add_mentions_command(CLI::App& app, Context& ctx) {
  struct Opts {
    std::string since, until, watch, source, sentiment, search, output = "table";
    std::size_t limit = 50;
    bool no_spam = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("mentions", "List stored mentions, newest first");
  cmd->add_option("--since", o->since, "Oldest: 90m, 24h, 7d, or an ISO date");
  cmd->add_option("--until", o->until, "Newest (exclusive): 90m, 24h, 7d, or an ISO date");
  cmd->add_option("--watch", o->watch, "Only this watch");
  cmd->add_option("--source", o->source, "Only this source (e.g. mastodon, appstore, replay)");
  cmd->add_option("--sentiment", o->sentiment, "positive, neutral or negative")
      ->check(CLI::IsMember({"positive", "neutral", "negative"}));
  cmd->add_option("--search", o->search, "Full-text query (SQLite FTS5: words, \"phrases\", AND/OR/NOT, prefix*)");
  cmd->add_option("--limit", o->limit, "At most this many (default 50)")->check(CLI::Range(1, 10'000'000));
  cmd->add_flag("--no-spam", o->no_spam, "Leave out mentions flagged as spam");
  cmd->add_option("-o,--output", o->output, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &ctx] {
    storage::MentionFilter f;
    if (!o->since.empty()) f.since = parse_since(o->since, "--since");
    if (!o->until.empty()) f.until = parse_since(o->until, "--until");
    f.watch = o->watch;
    f.source = o->source;
    if (!o->sentiment.empty()) f.label = parse_label(o->sentiment);
    f.search = o->search;
    f.limit = o->limit;
    f.include_spam = !o->no_spam;
    std::vector<storage::StoredMention> rows;
    try {
      rows = storage::query_mentions(ctx.db(), f);
    } catch (const SQLite::Exception& e) {
      if (!o->search.empty())
        throw CliError(k_exit_usage, "--search \"" + o->search + "\" is not a valid full-text query (" +
                                         e.what() + "); quote phrases and use AND, OR, NOT, prefix*");
      throw;
    }
    Table t;
    t.columns = {"id",    "watch", "source", "native_id", "created_at", "author",    "url",       "lang",
                 "text",  "score", "label",  "rating",    "reply_to",   "spam",      "spam_reason", "complaint",
                 "aspects"};
    t.table_columns = {"created_at", "source", "label", "score", "author", "text"};
    for (const auto& s : rows) {
      const Mention& m = s.mention;
      std::string aspects;
      for (const auto& a : m.aspects) aspects += (aspects.empty() ? "" : ",") + a;
      Cell rating = m.item.rating ? Cell(static_cast<std::int64_t>(*m.item.rating)) : Cell();
      double score = static_cast<double>(static_cast<long long>(m.score * 10000 + (m.score < 0 ? -0.5 : 0.5))) / 10000;
      t.rows.push_back({s.id, m.watch, m.item.source, m.item.native_id, format_iso8601(m.item.created_at),
                        m.item.author, m.item.url, m.lang, m.item.text, score, std::string(to_string(m.label)),
                        rating, m.item.reply_to, m.spam, m.spam_reason, m.complaint, aspects});
    }
    auto format = *parse_format(o->output);
    print(std::cout, t, format, ctx.colour());
    if (format == Format::table && rows.size() == o->limit) {
      std::cout.flush();  // the hint goes after the table, not into it
      std::cerr << "(showing the newest " << rows.size() << "; use --limit for more)\n";
    }
  });
}

}  // namespace pantau::cli
