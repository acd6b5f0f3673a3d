// Each connector's sample.toml is the rendering of its KeySpec table, so the
// docs can never drift from the keys the code accepts.
// PANTAU_UPDATE_SAMPLES=<type> rewrites connectors/<type>/sample.toml.
#include "connectors/connector.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace pantau::connectors;

namespace {

fs::path sample_path(std::string_view type) {
  return fs::path(PANTAU_TEST_CONNECTORS_DIR).parent_path().parent_path() / "connectors" / std::string(type) / "sample.toml";
}

// One test per connector, so a failure names the connector (and its owner).
class SampleToml : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleToml, EqualsRendering) {
  const ConnectorInfo* info = find_connector(GetParam());
  ASSERT_NE(info, nullptr);
  fs::path p = sample_path(info->type);
  const char* update = std::getenv("PANTAU_UPDATE_SAMPLES");
  if (update && info->type == update) {
    std::ofstream out(p, std::ios::binary);
    out << render_sample(*info);
  }
  if (!fs::exists(p)) GTEST_SKIP() << info->type << " has no sample.toml";
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), render_sample(*info))
      << p << " differs from render_sample(\"" << info->type << "\"); regenerate it with PANTAU_UPDATE_SAMPLES="
      << info->type << " (put extra prose in ConnectorInfo::sample_notes)";
}

std::vector<std::string> all_types() {
  std::vector<std::string> out;
  for (const ConnectorInfo& info : registry()) out.emplace_back(info.type);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleToml, ::testing::ValuesIn(all_types()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(Samples, ConnectorsOfThisFolderHaveOne) {
  for (std::string_view type : {"rss", "hn", "mastodon", "appstore", "lemmy", "json"}) {
    ASSERT_NE(find_connector(type), nullptr) << type;
    EXPECT_TRUE(fs::exists(sample_path(type))) << type << " has no sample.toml";
  }
}

TEST(Samples, KeysAreDeclaredOnceAndHttpConnectorsTakeBaseUrl) {
  for (const ConnectorInfo& info : registry()) {
    std::vector<std::string_view> names;
    for (const KeySpec& k : common_source_keys()) names.push_back(k.name);
    bool base_url = false;
    for (const KeySpec& k : info.keys) {
      EXPECT_EQ(std::count(names.begin(), names.end(), k.name), 0) << info.type << " declares " << k.name << " twice";
      names.push_back(k.name);
      base_url |= k.name == "base_url";
    }
    if (info.needs_http) { EXPECT_TRUE(base_url) << info.type << " needs HTTP but has no base_url key"; }
  }
}

}  // namespace
