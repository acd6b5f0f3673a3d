// AlertService in-process: buckets in, file-notifier lines out. The contract
// worth a test of its own is restart equivalence: the same bucket sequence
// gives the same notifications whether or not the daemon restarted (and
// restored its state from SQLite) in the middle of an episode.
#include "alerts/service.hpp"

#include "common/timeutil.hpp"
#include "daemon/config.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
namespace pa = pantau::alerts;

namespace {

constexpr std::int64_t k_t0 = 1786320000;  // 2026-08-10T00:00Z

// Three days of ordinary counts, a two-hour storm of negatives, then calm.
std::vector<pantau::storage::BucketDelta> series() {
  std::vector<pantau::storage::BucketDelta> out;
  for (int i = 0; i < 3 * 288 + 48; ++i) {
    pantau::storage::BucketDelta d;
    d.watch = "kopi";
    d.bucket_start = k_t0 + i * 300;
    d.total = 4 + i % 3;
    d.negative = i % 4 == 0 ? 1 : 0;
    if (i >= 3 * 288 && i < 3 * 288 + 24) {
      d.total += 12;
      d.negative += 10;
    }
    out.push_back(d);
  }
  return out;
}

struct ServiceRun {
  fs::path dir;
  pantau::Config config;
  explicit ServiceRun(const std::string& name) : dir(fs::temp_directory_path() / ("pantau-svc-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "m.jsonl").close();
    std::ofstream(dir / "p.toml") << "[storage]\npath = \"" << (dir / "p.db").string()
                                  << "\"\n[[watch]]\nname = \"kopi\"\nquery = \"kopi\"\n[[source]]\ntype = "
                                     "\"replay\"\nwatch = \"kopi\"\npath = \""
                                  << (dir / "m.jsonl").string() << "\"\n[[notifier]]\ntype = \"file\"\npath = \""
                                  << (dir / "alerts.jsonl").string() << "\"\n";
    config = pantau::load_config((dir / "p.toml").string());
  }
  ~ServiceRun() { fs::remove_all(dir); }

  // Feeds deltas [from, to) as commits of 40 buckets, restarting the service at `restart_at`.
  void feed(const std::vector<pantau::storage::BucketDelta>& all, std::size_t restart_at) {
    // io outlives the writer: the writer's last completions post to it.
    pantau::asio::io_context io;
    pantau::storage::Writer writer((dir / "p.db").string());
    auto svc = std::make_unique<pa::AlertService>(io, writer, config);
    svc->start();
    for (std::size_t i = 0; i < all.size(); i += 40) {
      if (i == restart_at) {
        settle(io, writer);
        svc->stop();
        svc.reset();
        svc = std::make_unique<pa::AlertService>(io, writer, config);
        svc->start();
      }
      std::vector<pantau::storage::BucketDelta> chunk(all.begin() + i, all.begin() + std::min(all.size(), i + 40));
      // As the writer does: buckets commit first, then the hook sees the deltas.
      writer.execute([chunk](SQLite::Database& db) {
        for (const auto& d : chunk) {
          SQLite::Statement st(db, "INSERT INTO buckets (watch, bucket_start, total, negative) VALUES (?,?,?,?)");
          st.bind(1, d.watch);
          st.bind(2, static_cast<int64_t>(d.bucket_start));
          st.bind(3, static_cast<int64_t>(d.total));
          st.bind(4, static_cast<int64_t>(d.negative));
          st.exec();
        }
      });
      writer.flush();
      svc->on_buckets(chunk);
      settle(io, writer);
    }
    settle(io, writer);
    svc->stop();
  }

  // Runs the io thread's work until every queued notification is delivered
  // (the notifier runs on the service's worker thread), with a deadline.
  void settle(pantau::asio::io_context& io, pantau::storage::Writer& writer) {
    SQLite::Database db((dir / "p.db").string(), SQLite::OPEN_READONLY);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int quiet = 0;
    while (quiet < 5 && std::chrono::steady_clock::now() < deadline) {
      writer.flush();
      io.restart();
      const bool ran = io.poll() > 0;
      const bool pending =
          db.execAndGet("SELECT COUNT(*) FROM alert_outbox WHERE status = 'pending'").getInt() > 0;
      quiet = ran || pending ? 0 : quiet + 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  // The notifications written, without the delivery time.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::ifstream in(dir / "alerts.jsonl");
    for (std::string l; std::getline(in, l);) {
      auto p = l.find(",\"sent_at\"");
      out.push_back(p == std::string::npos ? l : l.substr(0, p));
    }
    return out;
  }
};

}  // namespace

TEST(AlertService, StormGivesOneThreadAndARestartChangesNothing) {
  const auto all = series();
  ServiceRun straight("straight");
  straight.feed(all, std::size_t(-1));
  const auto expected = straight.lines();
  ASSERT_GE(expected.size(), 1u);
  EXPECT_NE(expected.front().find("\"type\":\"opened\""), std::string::npos) << expected.front();
  EXPECT_NE(expected.front().find("\"sequence\":0"), std::string::npos);
  std::size_t opened = 0;
  for (const auto& l : expected) opened += l.find("\"type\":\"opened\"") != std::string::npos;
  EXPECT_EQ(opened, 1u);

  // Restart during the storm and during the calm after it.
  for (std::size_t at : {std::size_t(3 * 288 + 0), std::size_t(3 * 288 + 40)}) {
    ServiceRun restarted("restart" + std::to_string(at));
    restarted.feed(all, at - at % 40);
    EXPECT_EQ(restarted.lines(), expected) << "restart at bucket " << at;
  }
}
