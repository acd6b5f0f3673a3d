// A real SQLite file per test, written through the daemon's Writer so that
// the ingest hooks (complaint rows, reply matching) run exactly as in pantaud.
#pragma once

#include "storage/database.hpp"
#include "storage/writer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pantau::testing {

class TempDb {
 public:
  TempDb() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_dir = std::filesystem::temp_directory_path() /
            ("pantau-compl-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
    m_path = (m_dir / "pantau.db").string();
    m_writer = std::make_unique<storage::Writer>(m_path);
  }
  ~TempDb() {
    m_writer.reset();
    m_rw.reset();
    std::filesystem::remove_all(m_dir);
  }

  // Stores mentions as one batch; waits for the commit.
  void ingest(std::vector<Mention> mentions, std::vector<std::string> own_accounts = {}) {
    storage::Batch b;
    b.source_name = "test";
    b.mentions = std::move(mentions);
    auto info = std::make_shared<storage::WatchInfo>();
    info->own_accounts = std::move(own_accounts);
    b.watch_info = info;
    bool ok = false;
    std::string error;
    m_writer->submit(std::move(b), [&](Result<storage::BatchResult> r) {
      ok = r.ok();
      if (!ok) error = r.failure().message;
    });
    m_writer->flush();
    ASSERT_TRUE(ok) << error;
  }

  // The CLI's read-write connection (short transactions beside the writer).
  SQLite::Database& rw() {
    if (!m_rw) m_rw = storage::open_cli_writer(m_path);
    return *m_rw;
  }
  const std::string& path() const { return m_path; }
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
  std::string m_path;
  std::unique_ptr<storage::Writer> m_writer;
  std::unique_ptr<SQLite::Database> m_rw;
};

inline Mention make_mention(const std::string& native_id, std::int64_t at, Label label, bool complaint,
                            const std::string& author = "user", const std::string& reply_to = "",
                            std::optional<int> rating = std::nullopt, const std::string& text = "",
                            std::vector<std::string> aspects = {}, const std::string& watch = "kopi",
                            const std::string& source = "x") {
  Mention m;
  m.item.source = source;
  m.item.native_id = native_id;
  m.item.author = author;
  m.item.created_at = at;
  m.item.text = text.empty() ? "post " + native_id : text;
  m.item.rating = rating;
  m.item.reply_to = reply_to;
  m.item.url = "https://x.com/" + author + "/status/" + native_id;
  m.watch = watch;
  m.label = label;
  m.score = label == Label::positive ? 0.6 : label == Label::negative ? -0.6 : 0.0;
  m.complaint = complaint;
  m.aspects = std::move(aspects);
  return m;
}

}  // namespace pantau::testing
