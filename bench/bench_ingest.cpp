// BENCH replay_ingest: 200,000 JSON lines through the real daemon (replay
// source, JSON parse, watch filter, scorer, writer thread, SQLite + FTS5).
// BENCH sqlite_insert_ceiling: a bare prepared-insert loop into the same
// schema, same batch size: the most the storage could take.
#include "common/log.hpp"
#include "daemon/config.hpp"
#include "daemon/daemon.hpp"
#include "storage/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int k_lines = 200'000;
constexpr int k_batch = 1000;

// Varied, realistic posts (our own sentences) so the scorer and FTS do real work.
const char* k_texts[] = {
    "Kopi Senja enak banget, baristanya ramah",
    "Pesanan saya di Kopi Senja udah 40 menit belum dateng, kecewa",
    "Kopi Senja app crashed at checkout again, so annoying",
    "Kopi Senja kopine enak tenan, regane pas",
    "Kopi Senja buka jam berapa ya hari Minggu?",
    "kopi senja latte-nya worth it banget sih, recommended!",
    "Kasir Kopi Senja jutek, gak ramah sama sekali",
    "Slot gacor maxwin hari ini, kopi senja sambil depo WA 0812",
};

std::string make_jsonl(const fs::path& dir) {
  fs::path p = dir / "mentions.jsonl";
  std::ofstream out(p);
  std::mt19937 rng(42);
  for (int i = 0; i < k_lines; ++i) {
    out << "{\"id\":\"b" << i << "\",\"source\":\"twitter\",\"created_at\":" << 1787000000 + i * 3
        << ",\"author\":\"user" << rng() % 5000 << "\",\"text\":\"" << k_texts[rng() % 8] << " #" << i
        << "\",\"url\":\"https://x.example/" << i << "\"}\n";
  }
  return p.string();
}

double ingest(const fs::path& dir, const std::string& jsonl) {
  fs::path cfg_path = dir / "pantau.toml";
  std::ofstream(cfg_path) << "[storage]\npath = \"" << (dir / "ingest.db").string()
                          << "\"\n[log]\nlevel = \"warn\"\n[[watch]]\nname = \"kopi\"\nquery = [\"kopi senja\"]\n"
                             "[[source]]\ntype = \"replay\"\nwatch = \"kopi\"\nbatch = "
                          << k_batch << "\npath = \"" << jsonl << "\"\n";
  pantau::Config cfg = pantau::load_config(cfg_path.string());
  pantau::asio::io_context io(1);
  pantau::Daemon daemon(io, std::move(cfg));
  auto start = Clock::now();
  daemon.start();
  pantau::asio::steady_timer check(io);
  std::function<void()> poll = [&] {
    if (daemon.stored() >= k_lines) {
      daemon.stop([&io] { io.stop(); });
      return;
    }
    check.expires_after(std::chrono::milliseconds(2));
    check.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) poll();
    });
  };
  poll();
  io.run();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return k_lines / seconds;
}

double ceiling(const fs::path& dir) {
  auto db = pantau::storage::open_writer((dir / "ceiling.db").string());
  SQLite::Statement ins(*db,
                        "INSERT OR IGNORE INTO mentions (watch, source, native_id, created_at, ingested_at, author, "
                        "url, lang, text, rating, reply_to, score, label, spam, spam_reason, complaint, aspects) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  std::vector<std::string> ids, texts, authors, urls;
  std::mt19937 rng(42);
  for (int i = 0; i < k_lines; ++i) {
    ids.push_back("b" + std::to_string(i));
    texts.push_back(std::string(k_texts[rng() % 8]) + " #" + std::to_string(i));
    authors.push_back("user" + std::to_string(rng() % 5000));
    urls.push_back("https://x.example/" + std::to_string(i));
  }
  auto start = Clock::now();
  for (int b = 0; b < k_lines; b += k_batch) {
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::IMMEDIATE);
    for (int i = b; i < b + k_batch && i < k_lines; ++i) {
      ins.reset();
      ins.bind(1, "kopi");
      ins.bind(2, "twitter");
      ins.bind(3, ids[i]);
      ins.bind(4, static_cast<int64_t>(1787000000 + i * 3));
      ins.bind(5, static_cast<int64_t>(1787000000));
      ins.bind(6, authors[i]);
      ins.bind(7, urls[i]);
      ins.bind(8, "id");
      ins.bind(9, texts[i]);
      ins.bind(10);
      ins.bind(11, "");
      ins.bind(12, 0.5);
      ins.bind(13, 1);
      ins.bind(14, 0);
      ins.bind(15, "");
      ins.bind(16, 0);
      ins.bind(17, "");
      ins.exec();
    }
    tx.commit();
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return k_lines / seconds;
}

}  // namespace

int main() {
  pantau::log::init("bench", pantau::log::Level::warn);
  fs::path dir = fs::temp_directory_path() / ("pantau-bench-ingest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string jsonl = make_jsonl(dir);
  double ceil_rps = ceiling(dir);
  double ingest_mps = ingest(dir, jsonl);
  std::printf("BENCH sqlite_insert_ceiling rows_per_s=%.0f rows=%d batch=%d\n", ceil_rps, k_lines, k_batch);
  std::printf("BENCH replay_ingest mentions_per_s=%.0f lines=%d ratio_to_ceiling=%.2f\n", ingest_mps, k_lines,
              ingest_mps / ceil_rps);
  fs::remove_all(dir);
  return 0;
}
