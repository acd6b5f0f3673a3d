#include "complaints/report.hpp"

#include "common/escape.hpp"
#include "common/timeutil.hpp"
#include "storage/ingest_hooks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace pantau::complaints {
namespace {

// One palette for the whole report; colours that stay distinct for common
// colour-vision deficiencies and print legibly.
constexpr const char* k_pos = "#2a9d8f";
constexpr const char* k_neu = "#c9d1d9";
constexpr const char* k_neg = "#e76f51";
constexpr const char* k_ink = "#264653";
constexpr const char* k_accent = "#f4a261";
constexpr const char* k_blue = "#457b9d";
constexpr const char* k_muted = "#8a97a3";

std::string fmt(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string day_label(std::int64_t t, std::int64_t step) {
  std::string iso = format_iso8601(t);  // 2026-08-21T09:00:00Z
  return step < 86400 ? iso.substr(11, 5) : iso.substr(5, 5);
}

std::string duration(std::optional<double> s) {
  if (!s) return "–";
  auto v = static_cast<std::int64_t>(std::llround(*s));
  if (v < 60) return std::to_string(v) + "s";
  if (v < 3600) return std::to_string(v / 60) + "m";
  if (v < 86400) return fmt(static_cast<double>(v) / 3600.0) + "h";
  return fmt(static_cast<double>(v) / 86400.0) + "d";
}

std::string opt_num(std::optional<double> v, const char* suffix = "", int decimals = 1) {
  return v ? fmt(*v, decimals) + suffix : "–";
}

// A KPI tile: value, and the change vs the previous period coloured by
// whether it is good news (`higher_better`).
std::string tile(const std::string& name, const std::string& value, std::optional<double> cur,
                 std::optional<double> prev, bool higher_better, const std::string& unit, const std::string& note) {
  std::string delta = "<span class=\"delta flat\">no previous data</span>";
  if (cur && prev) {
    double d = *cur - *prev;
    bool good = higher_better ? d > 0 : d < 0;
    std::string cls = std::fabs(d) < 1e-9 ? "flat" : good ? "good" : "bad";
    std::string arrow = std::fabs(d) < 1e-9 ? "→" : d > 0 ? "▲" : "▼";
    delta = "<span class=\"delta " + cls + "\">" + arrow + " " + (d > 0 ? "+" : "") + fmt(d) + unit +
            " vs previous</span>";
  }
  return "<div class=\"tile\"><div class=\"tname\">" + html_escape(name) + "</div><div class=\"tval\">" +
         html_escape(value) + "</div>" + delta + "<div class=\"tnote\">" + html_escape(note) + "</div></div>";
}

std::string sentiment_chart(const ReportData& d) {
  const int W = 1080, H = 300, L = 48, R = 48, T = 20, B = 40;
  const int n = static_cast<int>(d.sentiment.size());
  std::int64_t max_total = 1;
  for (const auto& p : d.sentiment) max_total = std::max(max_total, p.positive + p.neutral + p.negative);
  // Whole-number ticks: the axis top is the next multiple of 4 steps.
  const std::int64_t tick = (max_total + 3) / 4;
  max_total = tick * 4;
  const double plot_w = W - L - R, plot_h = H - T - B;
  const double slot = n > 0 ? plot_w / n : plot_w;
  const double bar = std::max(2.0, slot * 0.7);
  std::ostringstream s;
  s << "<svg class=\"chart\" viewBox=\"0 0 " << W << ' ' << H << "\" role=\"img\" aria-label=\"Sentiment over time\">";
  // Grid and left axis (mentions).
  for (int g = 0; g <= 4; ++g) {
    double y = T + plot_h - plot_h * g / 4.0;
    s << "<line x1=\"" << L << "\" x2=\"" << W - R << "\" y1=\"" << fmt(y) << "\" y2=\"" << fmt(y)
      << "\" class=\"grid\"/><text x=\"" << L - 6 << "\" y=\"" << fmt(y + 4) << "\" class=\"axis\" text-anchor=\"end\">"
      << tick * g << "</text>";
  }
  // Right axis: net sentiment -100..100.
  for (int g = -100; g <= 100; g += 50) {
    double y = T + plot_h * (100 - g) / 200.0;
    s << "<text x=\"" << W - R + 6 << "\" y=\"" << fmt(y + 4) << "\" class=\"axis\">" << (g > 0 ? "+" : "") << g
      << "</text>";
  }
  std::string line;
  int label_every = std::max(1, n / 12);
  for (int i = 0; i < n; ++i) {
    const auto& p = d.sentiment[static_cast<std::size_t>(i)];
    double x = L + slot * i + (slot - bar) / 2;
    double y = T + plot_h;
    auto seg = [&](std::int64_t v, const char* colour, const char* what) {
      if (v <= 0) return;
      double h = plot_h * static_cast<double>(v) / static_cast<double>(max_total);
      y -= h;
      s << "<rect x=\"" << fmt(x) << "\" y=\"" << fmt(y) << "\" width=\"" << fmt(bar) << "\" height=\"" << fmt(h)
        << "\" fill=\"" << colour << "\" rx=\"2\"><title>" << day_label(p.start, d.step) << ": " << v << ' ' << what
        << "</title></rect>";
    };
    seg(p.negative, k_neg, "negative");
    seg(p.neutral, k_neu, "neutral");
    seg(p.positive, k_pos, "positive");
    std::int64_t total = p.positive + p.neutral + p.negative;
    if (total > 0) {
      double net = 100.0 * static_cast<double>(p.positive - p.negative) / static_cast<double>(total);
      double ly = T + plot_h * (100 - net) / 200.0;
      line += (line.empty() ? "" : " ") + fmt(x + bar / 2) + "," + fmt(ly);
      s << "<circle cx=\"" << fmt(x + bar / 2) << "\" cy=\"" << fmt(ly) << "\" r=\"3\" fill=\"" << k_ink
        << "\"><title>net sentiment " << fmt(net) << "</title></circle>";
    }
    if (i % label_every == 0)
      s << "<text x=\"" << fmt(x + bar / 2) << "\" y=\"" << H - B + 18 << "\" class=\"axis\" text-anchor=\"middle\">"
        << day_label(p.start, d.step) << "</text>";
  }
  if (!line.empty())
    s << "<polyline points=\"" << line << "\" fill=\"none\" stroke=\"" << k_ink
      << "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
  s << "</svg>";
  return s.str();
}

// Horizontal bars with labels on the left; optional previous-period marker.
struct HBar {
  std::string label;
  std::int64_t value = 0;
  std::optional<std::int64_t> previous;
  std::string colour;
};

std::string hbar_chart(const std::vector<HBar>& bars, const char* aria) {
  const int W = 520, row = 34, L = 120, R = 60;
  const int H = std::max<int>(row, static_cast<int>(bars.size()) * row) + 10;
  std::int64_t max_v = 1;
  for (const auto& b : bars) max_v = std::max({max_v, b.value, b.previous.value_or(0)});
  std::ostringstream s;
  s << "<svg class=\"chart\" viewBox=\"0 0 " << W << ' ' << H << "\" role=\"img\" aria-label=\"" << aria << "\">";
  if (bars.empty())
    s << "<text x=\"10\" y=\"24\" class=\"axis\">Nothing in this period.</text>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    double y = 6 + static_cast<double>(i) * row;
    double w = (W - L - R) * static_cast<double>(b.value) / static_cast<double>(max_v);
    s << "<text x=\"" << L - 8 << "\" y=\"" << fmt(y + 19) << "\" class=\"lbl\" text-anchor=\"end\">"
      << html_escape(b.label) << "</text>";
    s << "<rect x=\"" << L << "\" y=\"" << fmt(y + 5) << "\" width=\"" << fmt(std::max(w, 1.0))
      << "\" height=\"20\" rx=\"4\" fill=\"" << b.colour << "\"><title>" << html_escape(b.label) << ": " << b.value
      << "</title></rect>";
    if (b.previous && *b.previous > 0) {
      double px = L + (W - L - R) * static_cast<double>(*b.previous) / static_cast<double>(max_v);
      s << "<line x1=\"" << fmt(px) << "\" x2=\"" << fmt(px) << "\" y1=\"" << fmt(y + 1) << "\" y2=\"" << fmt(y + 29)
        << "\" stroke=\"" << k_ink << "\" stroke-width=\"2\" stroke-dasharray=\"3 2\"><title>previous period: "
        << *b.previous << "</title></line>";
    }
    s << "<text x=\"" << fmt(L + std::max(w, 1.0) + 6) << "\" y=\"" << fmt(y + 19) << "\" class=\"val\">" << b.value
      << "</text>";
  }
  s << "</svg>";
  return s.str();
}

// Score distribution (0-10 or 1-5) as columns coloured by band.
std::string score_columns(const std::int64_t* counts, int first, int n, int low_max, int high_min, const char* aria) {
  const int W = 340, H = 150, B = 22, T = 8;
  std::int64_t max_v = 1;
  for (int i = 0; i < n; ++i) max_v = std::max(max_v, counts[i]);
  const double slot = static_cast<double>(W) / n;
  std::ostringstream s;
  s << "<svg class=\"chart small\" viewBox=\"0 0 " << W << ' ' << H << "\" role=\"img\" aria-label=\"" << aria << "\">";
  for (int i = 0; i < n; ++i) {
    int score = first + i;
    const char* colour = score <= low_max ? k_neg : score >= high_min ? k_pos : k_neu;
    double h = (H - B - T) * static_cast<double>(counts[i]) / static_cast<double>(max_v);
    double x = slot * i + slot * 0.15;
    s << "<rect x=\"" << fmt(x) << "\" y=\"" << fmt(H - B - h) << "\" width=\"" << fmt(slot * 0.7) << "\" height=\""
      << fmt(std::max(h, 0.5)) << "\" rx=\"3\" fill=\"" << colour << "\"><title>score " << score << ": " << counts[i]
      << "</title></rect><text x=\"" << fmt(x + slot * 0.35) << "\" y=\"" << H - 6
      << "\" class=\"axis\" text-anchor=\"middle\">" << score << "</text>";
  }
  s << "</svg>";
  return s.str();
}

const char* k_css = R"css(
:root{--ink:#264653;--muted:#6b7785;--line:#e6eaee;--bg:#f6f8fa;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
header{background:linear-gradient(120deg,#264653,#2a9d8f);color:#fff;padding:28px 40px}
header h1{margin:0;font-size:26px;font-weight:650;letter-spacing:.2px}
header p{margin:4px 0 0;opacity:.85}
main{max-width:1160px;margin:0 auto;padding:24px 40px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 20px}
h2{font-size:17px;margin:0 0 4px}
.sub{color:var(--muted);font-size:13px;margin:0 0 14px}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin-bottom:20px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 16px}
.tname{font-size:12px;text-transform:uppercase;letter-spacing:.6px;color:var(--muted)}
.tval{font-size:28px;font-weight:650;margin:2px 0}
.tnote{font-size:12px;color:var(--muted)}
.delta{font-size:12px;font-weight:600}
.good{color:#1f7a5a}.bad{color:#c0392b}.flat{color:var(--muted);font-weight:400}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:20px}
.grid3{display:grid;grid-template-columns:repeat(3,1fr);gap:20px}
.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .lbl{fill:var(--ink);font-size:13px}
.chart .val{fill:var(--ink);font-size:12px;font-weight:600}
.legend{display:flex;gap:16px;font-size:12px;color:var(--muted);margin:6px 0 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.issue{border-top:1px solid var(--line);padding:14px 0}
.issue:first-of-type{border-top:0}
.issue h3{margin:0;font-size:15px}
.badge{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:1px 8px;margin-left:8px;vertical-align:1px}
.b-up{background:#fdece7;color:#c0392b}.b-down{background:#e3f4ef;color:#1f7a5a}.b-new{background:#fff3e0;color:#b26a00}.b-flat{background:#eef1f4;color:var(--muted)}
blockquote{margin:8px 0 0;padding:8px 12px;border-left:3px solid #f4a261;background:#fbfbfc;border-radius:0 8px 8px 0;font-size:14px}
blockquote .meta{display:block;color:var(--muted);font-size:12px;margin-top:2px}
.big{font-size:34px;font-weight:700;margin:0}
.bignote{color:var(--muted);font-size:12px;margin:0 0 8px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}
@media print{body{background:#fff}section,.tile{break-inside:avoid}}
)css";

// A query over one watch and a time window: ?1 is the watch, ?2 and ?3 the window.
SQLite::Statement windowed(SQLite::Database& db, const char* sql, const std::string& watch, std::int64_t from,
                           std::int64_t until) {
  SQLite::Statement st(db, sql);
  st.bind(1, watch);
  st.bind(2, static_cast<int64_t>(from));
  st.bind(3, static_cast<int64_t>(until));
  return st;
}

}  // namespace

ReportData collect_report(SQLite::Database& db, const std::string& watch, std::int64_t since, std::int64_t until,
                          std::int64_t now, const MetricsOptions& options) {
  ReportData d;
  d.watch = watch;
  d.since = since;
  d.until = until;
  d.generated_at = now;
  d.step = until - since <= 2 * 86400 ? 3600 : 86400;
  d.metrics = compare_metrics(db, watch, since, until, options);
  // Sentiment series, aligned to UTC steps, with empty steps kept so gaps show.
  const std::int64_t first = since - ((since % d.step) + d.step) % d.step;
  std::map<std::int64_t, SentimentPoint> points;
  for (std::int64_t t = first; t < until; t += d.step) points[t].start = t;
  {
    SQLite::Statement st = windowed(
        db, "SELECT created_at, label, author FROM mentions WHERE watch = ? AND created_at >= ? AND "
        "created_at < ? AND spam = 0",
        watch, since, until);
    while (st.executeStep()) {
      if (storage::is_own_account(options.own_accounts, st.getColumn(2).getString())) continue;
      std::int64_t t = st.getColumn(0).getInt64();
      auto& p = points[t - ((t % d.step) + d.step) % d.step];
      int label = st.getColumn(1).getInt();
      ++(label > 0 ? p.positive : label < 0 ? p.negative : p.neutral);
    }
  }
  for (auto& [t, p] : points) d.sentiment.push_back(p);
  // Complaint volume by aspect, both periods.
  {
    std::map<std::string, AspectVolume> by;
    SQLite::Statement st = windowed(
        db, "SELECT c.opened_at, m.aspects FROM complaints c JOIN mentions m ON m.id = c.mention_id "
        "WHERE c.watch = ? AND c.opened_at >= ? AND c.opened_at < ? AND c.status <> 'dismissed'",
        watch, since - (until - since), until);
    while (st.executeStep()) {
      bool cur = st.getColumn(0).getInt64() >= since;
      std::string a = st.getColumn(1).getString();
      if (a.empty()) a = "other";
      for (std::size_t p = 0; p < a.size();) {
        std::size_t e = a.find(',', p);
        if (e == std::string::npos) e = a.size();
        auto& v = by[a.substr(p, e - p)];
        v.aspect = a.substr(p, e - p);
        ++(cur ? v.current : v.previous);
        p = e + 1;
      }
    }
    for (auto& [k, v] : by) d.aspects.push_back(v);
    std::stable_sort(d.aspects.begin(), d.aspects.end(),
                     [](const AspectVolume& a, const AspectVolume& b) { return a.current > b.current; });
  }
  d.issues = top_issues(db, watch, since, until, 6, 2);
  {
    SQLite::Statement st = windowed(
        db, "SELECT first_response_at - opened_at FROM complaints WHERE watch = ? AND opened_at >= ? "
        "AND opened_at < ? AND status <> 'dismissed'",
        watch, since, until);
    while (st.executeStep()) {
      if (st.getColumn(0).isNull()) {
        ++d.response_buckets[5];
        continue;
      }
      std::int64_t s = std::max<std::int64_t>(0, st.getColumn(0).getInt64());
      ++d.response_buckets[s < 3600 ? 0 : s < 4 * 3600 ? 1 : s < 86400 ? 2 : s < 3 * 86400 ? 3 : 4];
    }
  }
  {
    SQLite::Statement st = windowed(
        db, "SELECT kind, score, count(*) FROM survey_responses WHERE watch = ? AND submitted_at >= ? "
        "AND submitted_at < ? GROUP BY kind, score",
        watch, since, until);
    while (st.executeStep()) {
      std::string kind = st.getColumn(0).getString();
      int score = st.getColumn(1).getInt();
      std::int64_t n = st.getColumn(2).getInt64();
      if (kind == "nps" && score >= 0 && score <= 10) d.nps_scores[static_cast<std::size_t>(score)] += n;
      if (kind == "csat" && score >= 1 && score <= 5) d.csat_scores[static_cast<std::size_t>(score - 1)] += n;
      if (kind == "ces" && score >= 1 && score <= 5) d.ces_scores[static_cast<std::size_t>(score - 1)] += n;
    }
    SQLite::Statement r(db,
                        "SELECT rating, count(*) FROM mentions WHERE watch = ? AND created_at >= ? AND created_at < ? "
                        "AND spam = 0 AND rating BETWEEN 1 AND 5 GROUP BY rating");
    r.bind(1, watch);
    r.bind(2, static_cast<int64_t>(since));
    r.bind(3, static_cast<int64_t>(until));
    while (r.executeStep()) d.csat_scores[static_cast<std::size_t>(r.getColumn(0).getInt() - 1)] += r.getColumn(1).getInt64();
  }
  return d;
}

std::string render_report_html(const ReportData& d) {
  const Metrics& c = d.metrics.current;
  const Metrics& p = d.metrics.previous;
  std::ostringstream h;
  const std::string period = format_iso8601(d.since).substr(0, 10) + " – " + format_iso8601(d.until - 1).substr(0, 10);
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    << "<title>Pantau CX report – " << html_escape(d.watch) << "</title><style>" << k_css << "</style></head><body>";
  h << "<header><h1>Customer experience · " << html_escape(d.watch) << "</h1><p>" << period
    << " compared with the " << format_duration(d.until - d.since) << " before · generated "
    << format_iso8601(d.generated_at) << "</p></header><main>";

  auto pts = [](std::optional<double> v) { return v ? (*v > 0 ? "+" : "") + fmt(*v) : std::string("–"); };
  h << "<div class=\"tiles\">";
  h << tile("Mentions", std::to_string(c.mentions), static_cast<double>(c.mentions), static_cast<double>(p.mentions),
            true, "", "non-spam, brand posts excluded");
  h << tile("Net sentiment", pts(c.net_sentiment), c.net_sentiment, p.net_sentiment, true, " pts",
            "% positive − % negative");
  h << tile("Complaint rate", opt_num(c.complaint_rate, "%"), c.complaint_rate, p.complaint_rate, false, " pts",
            std::to_string(c.complaints) + " complaints");
  h << tile("NPS", pts(c.nps), c.nps, p.nps, true, "", std::to_string(c.nps_responses) + " answers");
  h << tile("CSAT", opt_num(c.csat, "%"), c.csat, p.csat, true, " pts",
            std::to_string(c.csat_responses) + " answers (" + std::to_string(c.csat_from_reviews) +
                " reviews), mean " + opt_num(c.csat_mean, "", 2));
  h << tile("CES", opt_num(c.ces, "%"), c.ces, p.ces, true, " pts",
            std::to_string(c.ces_responses) + " answers, mean " + opt_num(c.ces_mean, "", 2));
  auto hours = [](std::optional<double> s) { return s ? std::optional<double>(*s / 3600.0) : std::nullopt; };
  h << tile("First response", duration(c.first_response_avg), hours(c.first_response_avg), hours(p.first_response_avg),
            false, " h", "average, " + std::to_string(c.responded) + " answered");
  h << tile("Time to resolution", duration(c.resolution_median), hours(c.resolution_median),
            hours(p.resolution_median), false, " h",
            "median; mean " + duration(c.resolution_mean) + ", " + std::to_string(c.resolved) + " resolved");
  h << "</div>";

  h << "<section><h2>Sentiment over time</h2><p class=\"sub\">Mentions per " << (d.step < 86400 ? "hour" : "day")
    << " by sentiment; the line is net sentiment (right axis, points).</p>" << sentiment_chart(d)
    << "<div class=\"legend\"><span><i style=\"background:" << k_pos << "\"></i>positive</span><span><i style=\"background:"
    << k_neu << "\"></i>neutral</span><span><i style=\"background:" << k_neg
    << "\"></i>negative</span><span><i style=\"background:" << k_ink << "\"></i>net sentiment</span></div></section>";

  std::vector<HBar> aspect_bars;
  for (const auto& a : d.aspects) aspect_bars.push_back({a.aspect, a.current, a.previous, k_accent});
  std::vector<HBar> response_bars;
  const char* names[] = {"under 1h", "1–4h", "4–24h", "1–3 days", "over 3 days", "no reply yet"};
  for (std::size_t i = 0; i < 6; ++i)
    response_bars.push_back({names[i], d.response_buckets[i], std::nullopt, i == 5 ? k_muted : k_blue});
  h << "<div class=\"grid2\"><section><h2>Complaints by aspect</h2><p class=\"sub\">This period; the dashed mark is "
       "the previous period.</p>"
    << hbar_chart(aspect_bars, "Complaint volume by aspect") << "</section>";
  h << "<section><h2>Response times</h2><p class=\"sub\">Time to the brand's first public reply, complaints opened "
       "this period.</p>"
    << hbar_chart(response_bars, "First response time distribution") << "</section></div>";

  h << "<section><h2>Top issues</h2><p class=\"sub\">Similar complaints grouped; growth against the previous "
       "period.</p>";
  if (d.issues.empty()) h << "<p class=\"sub\">No complaints in this period.</p>";
  for (const auto& is : d.issues) {
    std::string badge = "<span class=\"badge b-new\">new</span>";
    if (is.growth) {
      const char* cls = *is.growth > 0 ? "b-up" : *is.growth < 0 ? "b-down" : "b-flat";
      badge = std::string("<span class=\"badge ") + cls + "\">" + (*is.growth > 0 ? "+" : "") + fmt(*is.growth, 0) +
              "% vs " + std::to_string(is.previous) + "</span>";
    }
    h << "<div class=\"issue\"><h3>" << html_escape(is.label) << " <span class=\"badge b-flat\">" << is.count
      << (is.count == 1 ? " complaint" : " complaints") << "</span>" << badge << "</h3>";
    for (const auto& ex : is.examples) {
      h << "<blockquote>" << html_escape(ex.text) << "<span class=\"meta\">" << html_escape(ex.author) << " · "
        << html_escape(ex.source) << " · " << format_iso8601(ex.at);
      if (!ex.url.empty()) h << " · " << html_escape(ex.url);
      h << "</span></blockquote>";
    }
    h << "</div>";
  }
  h << "</section>";

  h << "<div class=\"grid3\"><section><h2>NPS</h2><p class=\"big\">" << pts(c.nps)
    << "</p><p class=\"bignote\">" << c.promoters << " promoters · " << c.passives << " passives · " << c.detractors
    << " detractors</p>" << score_columns(d.nps_scores.data(), 0, 11, 6, 9, "NPS answers 0 to 10") << "</section>";
  h << "<section><h2>CSAT</h2><p class=\"big\">" << opt_num(c.csat, "%") << "</p><p class=\"bignote\">mean "
    << opt_num(c.csat_mean, " / 5", 2) << " · surveys and review stars</p>"
    << score_columns(d.csat_scores.data(), 1, 5, 2, 4, "CSAT answers 1 to 5") << "</section>";
  h << "<section><h2>CES</h2><p class=\"big\">" << opt_num(c.ces, "%") << "</p><p class=\"bignote\">mean "
    << opt_num(c.ces_mean, " / 5", 2) << " · % answering 4–5 (easy)</p>"
    << score_columns(d.ces_scores.data(), 1, 5, 2, 4, "CES answers 1 to 5") << "</section></div>";
  h << "</main><footer>Pantau · NPS = % 9–10 − % 0–6 · CSAT = % 4–5 of 1–5 answers · CES = % 4–5 of 1–5 answers · "
       "times from complaint to first brand reply and to resolution</footer></body></html>\n";
  return h.str();
}

}  // namespace pantau::complaints
