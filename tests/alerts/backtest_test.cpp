#include "alerts/backtest.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "synth.hpp"

namespace pa = pantau::alerts;

TEST(Backtest, ReadsNabFormatWithHeader) {
  std::istringstream in("timestamp,value\n2015-02-26 21:42:53,57\n2015-02-26 21:47:53,43.0\r\n\n");
  auto rows = pa::read_counts_csv(in, "x.csv");
  ASSERT_TRUE(rows.ok()) << rows.failure().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].timestamp, "2015-02-26 21:42:53");
  EXPECT_EQ((*rows)[1].value, 43);
  EXPECT_EQ((*rows)[1].start - (*rows)[0].start, 300);
}

TEST(Backtest, BadRowsNameTheLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"timestamp,value\n2015-02-26 21:42:53,1\n2015-02-26 21:47:53,abc\n", "x.csv:3: value 'abc'"},
      {"2015-02-26 21:42:53,1\nyesterday,2\n", "x.csv:2: timestamp 'yesterday'"},
      {"2015-02-26 21:42:53,1\n2015-02-26 21:42:53,2\n", "x.csv:2: timestamp"},
      {"2015-02-26 21:42:53;1\n", "x.csv:1: expected 'timestamp,value'"},
      {"2015-02-26 21:42:53,-4\n", "x.csv:1: value '-4'"},
      {"2015-02-26 21:42:53,1,2\n", "x.csv:1: expected two columns"},
  };
  for (const auto& [text, want] : cases) {
    std::istringstream in(text);
    auto rows = pa::read_counts_csv(in, "x.csv");
    ASSERT_FALSE(rows.ok()) << text;
    EXPECT_EQ(rows.failure().message.rfind(want, 0), 0u) << rows.failure().message;
  }
}

TEST(Backtest, OneRowPerInputAndRestartEquivalent) {
  auto buckets = pa::test::make_series(11, 10, 10.0, 1.0, {{6 * 288, 6 * 288 + 30, 5.0, 5.0}});
  std::vector<pa::CountRow> rows;
  for (const auto& b : buckets) rows.push_back({std::to_string(b.start), b.start, b.negative});
  pa::BacktestOptions opt;
  auto straight = pa::run_backtest(rows, opt);
  ASSERT_TRUE(straight.ok());
  ASSERT_EQ(straight->alert.size(), rows.size());
  int alerts = 0;
  for (int a : straight->alert) alerts += a;
  EXPECT_EQ(alerts, 1);
  opt.restart_every = 97;
  auto restarted = pa::run_backtest(rows, opt);
  ASSERT_TRUE(restarted.ok());
  EXPECT_EQ(restarted->alert, straight->alert);
  std::ostringstream a, b;
  pa::write_alerts_csv(a, rows, *straight);
  pa::write_alerts_csv(b, rows, *restarted);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_EQ(a.str().substr(0, 16), "timestamp,alert\n");
}
