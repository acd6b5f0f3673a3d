// `pantau query-test '<query>' "<text>"`: whether a watch query matches a
// text, and why. Exit 0 = match, 1 = no match, 2 = the query does not parse.
#include "cli/commands.hpp"
#include "connectors/query/query.hpp"

#include <iostream>
#include <memory>

namespace pantau::cli {

namespace {
struct QueryTestOptions {
  std::string query, text, lang, source, author;
};
}  // namespace

void add_query_test_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<QueryTestOptions>();
  CLI::App* cmd = app.add_subcommand("query-test", "Show whether a watch query matches a text, and why.");
  cmd->add_option("query", o->query, "The query, e.g. '\"kopi senja\" AND (dingin OR telat) -promo'")->required();
  cmd->add_option("text", o->text, "The text of a post")->required();
  cmd->add_option("--lang", o->lang, "Language of the post (ISO 639-1), for lang:");
  cmd->add_option("--source", o->source, "Source of the post (mastodon, rss, ...), for source:");
  cmd->add_option("--author", o->author, "Author of the post, for author:");
  cmd->footer(
      "Query language: words (all must occur), \"phrases\", OR, AND, NOT or -word, (groups),\n"
      "prefix*, a NEAR/3 b, lang:id, source:mastodon, author:@name. Case and accents are ignored.\n"
      "Exit status: 0 match, 1 no match, 2 the query has an error.");
  (void)ctx;
  cmd->callback([o] {
    auto q = query::parse(o->query);
    if (!q) {
      std::cout << o->query << "\n";
      // Point at the column the message names.
      const std::string& m = q.failure().message;
      if (m.starts_with("column ")) {
        std::size_t col = static_cast<std::size_t>(std::atoi(m.c_str() + 7));
        if (col >= 1) std::cout << std::string(col - 1, ' ') << "^\n";
      }
      throw CliError(k_exit_usage, "bad query: " + m);
    }
    Item item;
    item.text = o->text;
    item.lang = o->lang;
    item.source = o->source;
    item.author = o->author;
    std::cout << (*q)->explain(item, o->lang);
    auto terms = (*q)->search_terms();
    std::cout << "searchable terms sent to APIs:";
    if (terms.empty()) std::cout << " (none: the query is applied to everything the source returns)";
    for (const auto& t : terms) std::cout << " \"" << t << "\"";
    std::cout << "\n";
    if (!(*q)->matches(item, o->lang)) throw CliError(k_exit_failure, "no match");
  });
}

}  // namespace pantau::cli
