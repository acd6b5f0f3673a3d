// The small fixture every metric is checked against (values worked out by
// hand in metrics_test.cpp). Current period: 2026-08-08 .. 2026-08-15 (7 days);
// previous: 2026-08-01 .. 2026-08-08.
#pragma once

#include "complaints/survey.hpp"
#include "complaints/workflow.hpp"
#include "test_db.hpp"

#include <sstream>

namespace pantau::testing {

constexpr std::int64_t k_prev = 1785542400;        // 2026-08-01T00:00:00Z
constexpr std::int64_t k_since = k_prev + 7 * 86400;  // 2026-08-08T00:00:00Z
constexpr std::int64_t k_until = k_since + 7 * 86400;
constexpr std::int64_t H = 3600;

inline std::int64_t complaint_of(SQLite::Database& db, const std::string& native_id) {
  SQLite::Statement st(db, "SELECT c.id FROM complaints c JOIN mentions m ON m.id = c.mention_id WHERE m.native_id = ?");
  st.bind(1, native_id);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

// A deterministic stand-in for the scorer: "enak" positive, "lama" negative.
inline complaints::CommentScorer fake_scorer() {
  return [](const std::string& t) {
    if (t.find("enak") != std::string::npos) return complaints::CommentScore{0.6, 1};
    if (t.find("lama") != std::string::npos) return complaints::CommentScore{-0.6, -1};
    return complaints::CommentScore{0.0, 0};
  };
}

inline const char* k_survey_csv =
    "submitted_at,kind,score,comment,respondent\n"
    // current period NPS: 10,10,9,8,6,3,9,7,10,5
    "2026-08-08T10:00:00Z,nps,10,kopinya enak,r1\n"
    "2026-08-08T11:00:00Z,nps,10,,r2\n"
    "2026-08-09T10:00:00Z,nps,9,,r3\n"
    "2026-08-09T11:00:00Z,nps,8,,r4\n"
    "2026-08-10T10:00:00Z,nps,6,\"antri lama, kasir \"\"sibuk\"\"\",r5\n"
    "2026-08-10T11:00:00Z,nps,3,,r6\n"
    "2026-08-11T10:00:00Z,nps,9,,r7\n"
    "2026-08-11T11:00:00Z,nps,7,,r8\n"
    "2026-08-12T10:00:00Z,nps,10,,r9\n"
    "2026-08-12T11:00:00Z,nps,5,,r10\n"
    // current CSAT 5,4,3,2,5 ; CES 5,4,2,1
    "2026-08-09T12:00:00Z,csat,5\n"
    "2026-08-09T13:00:00Z,csat,4\n"
    "2026-08-10T12:00:00Z,csat,3,biasa saja\n"
    "2026-08-10T13:00:00Z,csat,2\n"
    "2026-08-11T12:00:00Z,csat,5\n"
    "2026-08-12T12:00:00Z,ces,5\n"
    "2026-08-12T13:00:00Z,ces,4\n"
    "2026-08-13T12:00:00Z,ces,2\n"
    "2026-08-13T13:00:00Z,ces,1\n"
    // previous period NPS: 9, 2
    "2026-08-02T10:00:00Z,nps,9\n"
    "2026-08-03T10:00:00Z,nps,2\n"
    // bad rows (lines 23-27)
    "2026-08-09T10:00:00Z,nps,11\n"
    "yesterday,csat,4\n"
    "2026-08-09T10:00:00Z,stars,4\n"
    "2026-08-09T10:00:00Z,csat,four\n"
    "2026-08-09T10:00:00Z,csat\n";

// Builds the fixture; returns nothing, asserts inside.
inline void build_metrics_fixture(TempDb& db) {
  using L = Label;
  const std::string brand = "kopisenja_id";
  // Current period: 10 customer mentions (5 positive, 1 neutral, 4 negative),
  // complaints m7..m10 (m10 dismissed), ratings 5, 4 (m1, m2) and 1 (m7);
  // one spam post and two brand replies that must not count.
  const std::int64_t s = k_since;
  std::vector<Mention> cur = {
      make_mention("m1", s + 1 * H, L::positive, false, "a1", "", 5, "enak banget"),
      make_mention("m2", s + 2 * H, L::positive, false, "a2", "", 4, "mantap"),
      make_mention("m3", s + 3 * H, L::positive, false, "a3"),
      make_mention("m4", s + 4 * H, L::positive, false, "a4"),
      make_mention("m5", s + 5 * H, L::positive, false, "a5"),
      make_mention("m6", s + 6 * H, L::neutral, false, "a6"),
      make_mention("m7", s + 24 * H, L::negative, true, "a7", "", 1, "pesanan saya udah 2 jam belum datang",
                   {"delivery"}),
      make_mention("m8", s + 48 * H, L::negative, true, "a8", "", std::nullopt,
                   "pesanan saya udah 3 jam belum datang", {"delivery"}),
      make_mention("m9", s + 72 * H, L::negative, true, "a9", "", std::nullopt, "aplikasi crash waktu bayar QRIS",
                   {"app", "payment"}),
      make_mention("m10", s + 96 * H, L::negative, true, "a10", "", std::nullopt, "iklan saingan", {"price"}),
  };
  Mention spam = make_mention("spam1", s + 5 * H, L::negative, false, "gacor88");
  spam.spam = true;
  cur.push_back(spam);
  db.ingest(cur, {brand});
  // Brand replies: to m7 after 30 min, to m8 after 2 h.
  db.ingest({make_mention("r7", s + 24 * H + 1800, L::positive, false, brand, "m7"),
             make_mention("r8", s + 50 * H, L::positive, false, brand, "m8")},
            {brand});
  // Previous period: 4 mentions (1 positive, 3 negative, 2 complaints).
  const std::int64_t p = k_prev;
  db.ingest({make_mention("q1", p + H, L::positive, false, "b1"),
             make_mention("q2", p + 2 * H, L::negative, true, "b2", "", std::nullopt, "kurir telat lagi",
                          {"delivery"}),
             make_mention("q3", p + 3 * H, L::negative, true, "b3", "", std::nullopt, "kurir telat parah",
                          {"delivery"}),
             make_mention("q4", p + 4 * H, L::negative, false, "b4")},
            {brand});
  auto& rw = db.rw();
  using complaints::Action;
  // Resolutions: m7 after 1 h, m8 after 4 h, m9 after 1 day; m10 dismissed.
  ASSERT_TRUE(complaints::apply_action(rw, complaint_of(rw, "m7"), Action::resolve, "t", "", s + 25 * H).ok());
  ASSERT_TRUE(complaints::apply_action(rw, complaint_of(rw, "m8"), Action::resolve, "t", "", s + 52 * H).ok());
  ASSERT_TRUE(complaints::apply_action(rw, complaint_of(rw, "m9"), Action::resolve, "t", "", s + 96 * H).ok());
  ASSERT_TRUE(complaints::apply_action(rw, complaint_of(rw, "m10"), Action::dismiss, "t", "", s + 97 * H).ok());
  std::istringstream csv(k_survey_csv);
  auto r = complaints::import_survey(rw, "kopi", csv, fake_scorer(), k_until);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->imported, 21u);
  ASSERT_EQ(r->errors.size(), 5u);
}

}  // namespace pantau::testing
