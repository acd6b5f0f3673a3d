// The HTML report: self-contained, and rendered by headless Chromium without
// console errors into a screenshot that shows the charts.
#include "complaints/report.hpp"
#include "metrics_fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace pantau;
using namespace pantau::testing;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string render(TempDb& db) {
  build_metrics_fixture(db);
  auto data = complaints::collect_report(db.rw(), "kopi", k_since, k_until, k_until,
                                         complaints::MetricsOptions{{"kopisenja_id"}});
  return complaints::render_report_html(data);
}

}  // namespace

TEST(Report, SelfContained) {
  TempDb db;
  std::string html = render(db);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* forbidden : {"<script", "<link", "src=\"http", "@import", "url("})
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Sentiment over time"), std::string::npos);
  EXPECT_NE(html.find("Complaints by aspect"), std::string::npos);
  EXPECT_NE(html.find("Top issues"), std::string::npos);
  EXPECT_NE(html.find("Response times"), std::string::npos);
  EXPECT_NE(html.find("pesanan saya udah 3 jam belum datang"), std::string::npos);  // an example post
  EXPECT_NE(html.find(">+20.0<"), std::string::npos);                             // NPS
  EXPECT_NE(html.find(">62.5%<"), std::string::npos);                             // CSAT
}

TEST(Report, RendersInHeadlessChromium) {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) GTEST_SKIP() << "chromium is not installed";
  TempDb db;
  const auto html_path = db.dir() / "report.html";
  const auto png = db.dir() / "shot.png";
  const auto log = db.dir() / "chromium.log";
  {
    std::ofstream out(html_path);
    out << render(db);
  }
  std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
                    (db.dir() / "profile").string() + " --enable-logging=stderr --v=0 --screenshot=" + png.string() +
                    " --window-size=1200,2000 file://" + html_path.string() + " >" + log.string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  std::string stderr_text = slurp(log);
  ASSERT_EQ(rc, 0) << stderr_text;
  ASSERT_TRUE(std::filesystem::exists(png)) << stderr_text;
  // Any console message (the page has no script, so there should be none).
  EXPECT_EQ(stderr_text.find("CONSOLE"), std::string::npos) << stderr_text;
  EXPECT_EQ(stderr_text.find("Uncaught"), std::string::npos) << stderr_text;
  // Count pixels of each chart colour in the screenshot.
  std::string py = std::string("python3 ") + COMPLAINTS_TEST_DIR + "/png_colours.py " + png.string() +
                   " 2a9d8f e76f51 f4a261 457b9d 264653 > " + (db.dir() / "colours.txt").string();
  ASSERT_EQ(std::system(py.c_str()), 0);
  std::istringstream counts(slurp(db.dir() / "colours.txt"));
  std::string colour;
  long n = 0, non_white = 0;
  counts >> colour >> non_white;
  ASSERT_EQ(colour, "non_white");
  EXPECT_GT(non_white, 100000);  // a page of charts, not a blank one
  while (counts >> colour >> n) EXPECT_GT(n, 300) << "chart colour #" << colour << " missing from the screenshot";
  if (const char* keep = std::getenv("PANTAU_KEEP_REPORT")) std::filesystem::copy_file(png, keep,
      std::filesystem::copy_options::overwrite_existing);
}
