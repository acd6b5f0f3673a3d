#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/reader.hpp"
#include "storage/writer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <future>

using namespace pantau;
namespace fs = std::filesystem;

namespace {

struct TempDb {
  fs::path dir;
  std::string path;
  TempDb() {
    dir = fs::temp_directory_path() / ("pantau-storage-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    path = (dir / "sub" / "pantau.db").string();
  }
  ~TempDb() { fs::remove_all(dir); }
};

Mention mention(std::string id, std::int64_t t, Label label, std::string text = "kopi senja enak") {
  Mention m;
  m.watch = "w";
  m.item.source = "replay";
  m.item.native_id = std::move(id);
  m.item.created_at = t;
  m.item.text = std::move(text);
  m.label = label;
  m.score = label == Label::negative ? -0.5 : label == Label::positive ? 0.5 : 0.0;
  return m;
}

Result<storage::BatchResult> submit(storage::Writer& w, storage::Batch b) {
  std::promise<Result<storage::BatchResult>> p;
  auto f = p.get_future();
  w.submit(std::move(b), [&p](Result<storage::BatchResult> r) { p.set_value(std::move(r)); });
  return f.get();
}

}  // namespace

TEST(Writer, CreatesDirectoryMigratesAndUsesWal) {
  TempDb t;
  storage::Writer w(t.path);
  auto db = storage::open_reader(t.path);
  EXPECT_EQ(storage::schema_version(*db), static_cast<int>(storage::migrations().back().version));
  EXPECT_EQ(db->execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(Writer, DeduplicatesOnSourceAndNativeIdAndCommitsCursor) {
  TempDb t;
  storage::Writer w(t.path);
  storage::Batch b;
  b.source_name = "replay:w";
  b.cursor = "120";
  b.mentions = {mention("a", 1000, Label::negative), mention("b", 1010, Label::positive),
                mention("a", 1000, Label::negative)};
  auto r = submit(w, b);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->inserted, 2u);
  EXPECT_EQ(r->duplicates, 1u);
  auto again = submit(w, b);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0u);

  w.flush();
  auto db = storage::open_reader(t.path);
  EXPECT_EQ(storage::read_cursor(*db, "replay:w"), "120");
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM mentions").getInt(), 2);
}

TEST(Writer, BucketsCountNegativesAndLeaveSpamOut) {
  TempDb t;
  storage::Writer w(t.path);
  storage::Batch b;
  b.source_name = "s";
  b.mentions = {mention("1", 600, Label::negative), mention("2", 899, Label::negative),
                mention("3", 900, Label::positive), mention("4", 650, Label::negative)};
  b.mentions[3].spam = true;
  b.mentions[0].complaint = true;
  b.mentions[0].aspects = {"delivery"};
  auto r = submit(w, b);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->buckets.size(), 2u);
  w.flush();
  auto db = storage::open_reader(t.path);
  auto rows = storage::query_buckets(*db, "w", 0, 10000);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].bucket_start, 600);
  EXPECT_EQ(rows[0].total, 2);
  EXPECT_EQ(rows[0].negative, 2);
  EXPECT_EQ(rows[0].complaints, 1);
  EXPECT_EQ(rows[1].bucket_start, 900);
  EXPECT_EQ(rows[1].positive, 1);
  EXPECT_EQ(db->execAndGet("SELECT complaints FROM buckets WHERE dim = 'aspect:delivery'").getInt(), 1);
  // The complaint opened a queue entry in the same transaction.
  EXPECT_EQ(db->execAndGet("SELECT COUNT(*) FROM complaints WHERE status = 'open'").getInt(), 1);
}

TEST(Writer, FullTextSearchFindsStoredText) {
  TempDb t;
  storage::Writer w(t.path);
  storage::Batch b;
  b.source_name = "s";
  b.mentions = {mention("1", 100, Label::negative, "kopinya dingin banget"),
                mention("2", 200, Label::positive, "latte enak")};
  ASSERT_TRUE(submit(w, b).ok());
  w.flush();
  auto db = storage::open_reader(t.path);
  storage::MentionFilter f;
  f.search = "dingin";
  auto rows = storage::query_mentions(*db, f);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].mention.item.native_id, "1");
  f.search = "\"unclosed";
  EXPECT_THROW(storage::query_mentions(*db, f), SQLite::Exception);
}

TEST(Writer, ReaderRefusesMissingDatabaseWithAHint) {
  try {
    storage::open_reader("/nonexistent/pantau.db");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("--db"), std::string::npos);
  }
}
