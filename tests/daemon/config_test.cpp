#include "daemon/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace pantau;
namespace fs = std::filesystem;

namespace {

std::string write_config(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("pantau-cfg-" + std::to_string(::getpid()) + "-" + name + ".toml");
  std::ofstream(p) << text;
  return p.string();
}

std::vector<ConfigIssue> issues_of(const std::string& path) {
  try {
    load_config(path);
  } catch (const ConfigError& e) {
    return e.issues();
  }
  return {};
}

const char* k_watch = "[[watch]]\nname = \"w\"\nquery = [\"kopi senja\"]\n";

}  // namespace

TEST(Config, LoadsWatchAndReplaySourceWithDefaults) {
  auto path = write_config("ok", std::string(k_watch) +
                                     "[[source]]\ntype = \"replay\"\nwatch = \"w\"\npath = \"x.jsonl\"\n");
  Config c = load_config(path);
  ASSERT_EQ(c.sources.size(), 1u);
  EXPECT_EQ(c.sources[0].name, "replay:w");
  EXPECT_EQ(c.sources[0].number("speed"), 0.0);
  EXPECT_FALSE(c.sources[0].boolean("follow"));
  EXPECT_EQ(c.sources[0].integer("backfill"), 86400);
  EXPECT_EQ(c.watches[0].query, "\"kopi senja\"");
}

TEST(Config, UnknownKeyNamesFileLineAndKey) {
  auto path = write_config("unknown", std::string(k_watch) +
                                          "[[source]]\ntype = \"replay\"\nwatch = \"w\"\npath = \"x\"\npaht = \"y\"\n");
  auto issues = issues_of(path);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].file, path);
  EXPECT_EQ(issues[0].line, 8);
  EXPECT_EQ(issues[0].key, "source[1].paht");
  EXPECT_NE(issues[0].message.find("unknown key"), std::string::npos);
}

TEST(Config, BadValuesAndMissingKeysAreAllReported) {
  auto path = write_config("bad", std::string(k_watch) +
                                      "[[source]]\ntype = \"replay\"\nwatch = \"nope\"\nspeed = \"fast\"\n"
                                      "[[source]]\ntype = \"telepathy\"\nwatch = \"w\"\n");
  auto issues = issues_of(path);
  std::string all;
  for (const auto& i : issues) all += i.to_string() + "\n";
  EXPECT_NE(all.find("source[1].speed: expected a number"), std::string::npos) << all;
  EXPECT_NE(all.find("source[1].path: missing"), std::string::npos) << all;
  EXPECT_NE(all.find("no [[watch]] is named \"nope\""), std::string::npos) << all;
  EXPECT_NE(all.find("unknown source type \"telepathy\""), std::string::npos) << all;
}

TEST(Config, SyntaxErrorHasALine) {
  auto path = write_config("syntax", "[storage\npath = 1\n");
  auto issues = issues_of(path);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].line, 1);
}

TEST(Config, ExpandsEnvironmentWithDefaults) {
  ::setenv("PANTAU_TEST_DB", "/tmp/from-env.db", 1);
  ::unsetenv("PANTAU_TEST_UNSET");
  std::string out, err;
  ASSERT_TRUE(expand_env("${PANTAU_TEST_DB}", out, err));
  EXPECT_EQ(out, "/tmp/from-env.db");
  ASSERT_TRUE(expand_env("${PANTAU_TEST_UNSET:-fallback}/x $$5", out, err));
  EXPECT_EQ(out, "fallback/x $5");
  EXPECT_FALSE(expand_env("${PANTAU_TEST_UNSET}", out, err));
  EXPECT_NE(err.find("PANTAU_TEST_UNSET is not set"), std::string::npos);

  auto path = write_config("env", "[storage]\npath = \"${PANTAU_TEST_DB}\"\n" + std::string(k_watch));
  EXPECT_EQ(load_config(path).db_path, "/tmp/from-env.db");
}

TEST(Config, SampleConfigListsEveryConnector) {
  std::string sample = render_sample_config();
  EXPECT_NE(sample.find("type = \"replay\""), std::string::npos);
  EXPECT_NE(sample.find("[[watch]]"), std::string::npos);
}

TEST(Config, ComplaintsSectionIsValidatedWithLines) {
  auto path = write_config("complaints", std::string(k_watch) +
                                             "[complaints]\nfirst_person = [\"ane\"]\nbogus = 1\n"
                                             "[complaints.aspects]\ndelivery = [\"kurirnya\"]\n");
  auto issues = issues_of(path);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].line, 6);
  EXPECT_NE(issues[0].to_string().find("bogus"), std::string::npos);
}
