// The one table of connectors. Adding a source = one folder under connectors/
// and one row here.
#include "connectors/bluesky/bluesky.hpp"
#include "connectors/connector.hpp"
#include "connectors/gbp/gbp.hpp"
#include "connectors/googleplay/googleplay.hpp"
#include "connectors/hn/hn.hpp"
#include "connectors/json/json.hpp"
#include "connectors/rss/rss.hpp"
#include "connectors/lemmy/lemmy.hpp"
#include "connectors/appstore/appstore.hpp"
#include "connectors/mastodon/mastodon.hpp"
#include "connectors/reddit/reddit.hpp"
#include "connectors/replay/replay.hpp"
#include "connectors/trustpilot/trustpilot.hpp"
#include "connectors/x/x.hpp"
#include "connectors/youtube/youtube.hpp"

#include <sstream>

namespace pantau::connectors {

std::span<const ConnectorInfo> registry() {
  static const ConnectorInfo k_registry[] = {
      replay_info(),
      rss_info(),
      hn_info(),
      reddit_info(),
      bluesky_info(),
      x_info(),
      youtube_info(),
      googleplay_info(),
      gbp_info(),
      trustpilot_info(),
      lemmy_info(),
      json_info(),
      appstore_info(),
      mastodon_info(),
  };
  return k_registry;
}

const ConnectorInfo* find_connector(std::string_view type) {
  for (const ConnectorInfo& c : registry())
    if (c.type == type) return &c;
  return nullptr;
}

std::string render_sample(const ConnectorInfo& info) {
  std::ostringstream out;
  out << "# " << info.summary << "\n";
  // Notes: one comment line per line of text.
  for (std::string_view n = info.sample_notes; !n.empty();) {
    auto nl = n.find('\n');
    out << "# " << n.substr(0, nl) << "\n";
    n = nl == std::string_view::npos ? std::string_view() : n.substr(nl + 1);
  }
  out << "[[source]]\ntype = \"" << info.type << "\"\nwatch = \"kopi-senja\"\n";
  for (const KeySpec& k : info.keys) {
    out << "# " << k.description << " (" << to_string(k.type);
    if (k.type == KeyType::secret) out << "; or " << k.name << "_file = \"/path\"";
    out << (k.required ? ", required)" : ")") << "\n";
    if (k.required)
      out << k.name << " = " << (k.default_value.empty() ? "\"\"" : k.default_value) << "\n";
    else if (!k.default_value.empty())
      out << "# " << k.name << " = " << k.default_value << "\n";
    else
      out << "# " << k.name << " =\n";
  }
  return out.str();
}

}  // namespace pantau::connectors
