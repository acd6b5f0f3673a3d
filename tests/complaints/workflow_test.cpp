#include "complaints/workflow.hpp"

#include "test_db.hpp"

using namespace pantau;
using namespace pantau::complaints;
using pantau::testing::make_mention;

namespace {

constexpr std::int64_t T0 = 1785571200;  // 2026-08-01T00:00:00Z

std::int64_t complaint_id_for(SQLite::Database& db, const std::string& native_id) {
  SQLite::Statement st(db, "SELECT c.id FROM complaints c JOIN mentions m ON m.id = c.mention_id WHERE m.native_id = ?");
  st.bind(1, native_id);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

}  // namespace

TEST(Workflow, FullLifecycleWithHistory) {
  pantau::testing::TempDb db;
  db.ingest({make_mention("c1", T0, Label::negative, true, "dewi", "", std::nullopt, "pesanan saya telat",
                          {"delivery"}),
             make_mention("p1", T0 + 10, Label::positive, false)});
  auto& rw = db.rw();
  std::int64_t id = complaint_id_for(rw, "c1");
  ASSERT_GT(id, 0);

  auto open = list_complaints(rw, {.watch = "kopi", .statuses = {ComplaintStatus::open}});
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].aspects, std::vector<std::string>{"delivery"});

  auto acked = apply_action(rw, id, Action::ack, "dina", "", T0 + 600);
  ASSERT_TRUE(acked.ok()) << acked.failure().message;
  EXPECT_EQ(acked->status, ComplaintStatus::acknowledged);

  auto again = apply_action(rw, id, Action::ack, "dina", "", T0 + 601);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.failure().kind, FailureKind::invalid_input);
  EXPECT_NE(again.failure().message.find("possible now: assign, resolve, dismiss or note"), std::string::npos);

  ASSERT_TRUE(apply_action(rw, id, Action::assign, "dina", "budi", T0 + 700).ok());
  ASSERT_FALSE(apply_action(rw, id, Action::assign, "dina", "", T0 + 700).ok());
  ASSERT_TRUE(apply_action(rw, id, Action::note, "budi", "called the customer", T0 + 800).ok());
  ASSERT_FALSE(apply_action(rw, id, Action::note, "budi", "", T0 + 800).ok());
  auto resolved = apply_action(rw, id, Action::resolve, "budi", "refund sent", T0 + 7200);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->status, ComplaintStatus::resolved);
  EXPECT_EQ(resolved->assignee, "budi");
  EXPECT_EQ(resolved->resolution_seconds(), 7200);

  EXPECT_FALSE(apply_action(rw, id, Action::resolve, "budi", "", T0 + 7300).ok());
  EXPECT_FALSE(apply_action(rw, id, Action::assign, "budi", "eka", T0 + 7300).ok());
  auto reopened = apply_action(rw, id, Action::reopen, "dina", "customer wrote again", T0 + 9000);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->status, ComplaintStatus::open);
  EXPECT_FALSE(reopened->resolved_at.has_value());
  ASSERT_TRUE(apply_action(rw, id, Action::dismiss, "dina", "duplicate", T0 + 9100).ok());

  auto detail = show_complaint(rw, id);
  ASSERT_TRUE(detail.ok());
  std::vector<std::string> actions;
  for (const auto& e : detail->history) actions.push_back(e.action);
  std::vector<std::string> want = {"opened", "ack", "assign", "note", "resolve", "reopen", "dismiss"};
  EXPECT_EQ(actions, want);
  EXPECT_EQ(detail->history[1].detail, "open -> acknowledged");
  EXPECT_EQ(detail->history[1].at, T0 + 600);
  EXPECT_EQ(detail->history[4].detail, "acknowledged -> resolved: refund sent");
  EXPECT_EQ(detail->history[6].actor, "dina");
}

TEST(Workflow, UnknownIdAndFilters) {
  pantau::testing::TempDb db;
  db.ingest({make_mention("a", T0, Label::negative, true, "u1", "", std::nullopt, "app error", {"app"}),
             make_mention("b", T0 + 60, Label::negative, true, "u2", "", std::nullopt, "telat", {"delivery", "app"}),
             make_mention("c", T0 + 120, Label::negative, true, "u3", "", std::nullopt, "mahal", {"price"},
                          "other_watch")});
  auto& rw = db.rw();
  auto missing = apply_action(rw, 999, Action::ack, "x", "", T0);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.failure().kind, FailureKind::not_found);
  EXPECT_FALSE(show_complaint(rw, 999).ok());

  auto app = list_complaints(rw, {.watch = "kopi", .aspect = "app"});
  ASSERT_TRUE(app.ok());
  ASSERT_EQ(app->size(), 2u);
  EXPECT_EQ((*app)[0].native_id, "b");  // newest first
  auto all = list_complaints(rw, {});
  EXPECT_EQ(all->size(), 3u);
  auto since = list_complaints(rw, {.since = T0 + 60, .until = T0 + 120});
  ASSERT_EQ(since->size(), 1u);
  EXPECT_EQ((*since)[0].native_id, "b");
}
