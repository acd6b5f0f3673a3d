#include "alerts/grouping.hpp"

#include <gtest/gtest.h>

namespace pa = pantau::alerts;
using Type = pa::EpisodeEvent::Type;

namespace {

pa::EpisodeEvent ev(Type type, pa::AlertKind kind, std::int64_t start, double p = 1e-4) {
  pa::EpisodeEvent e;
  e.type = type;
  e.watch = "kopi";
  e.kind = kind;
  e.episode_start = start;
  e.episode_id = std::string("kopi|") + pa::to_string(kind) + "|" + std::to_string(start);
  e.window_start = start - 3600;
  e.window_end = start + 300;
  e.observed = 40;
  e.expected = 5;
  e.p_value = p;
  return e;
}

const pa::GroupTimers k_timers{300, 3600, 86400};

}  // namespace

TEST(Grouping, FirstNotificationWaitsGroupWaitAndCollectsRelatedAlerts) {
  pa::AlertGroup g;
  ASSERT_TRUE(g.add(ev(Type::opened, pa::AlertKind::negative_spike, 1000), 1000));
  EXPECT_FALSE(g.due(1299, k_timers));
  ASSERT_TRUE(g.add(ev(Type::opened, pa::AlertKind::volume_spike, 1100, 1e-9), 1100));
  auto n = g.due(1300, k_timers);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->reason, "new");
  EXPECT_EQ(n->sequence, 0);
  // The most significant alert heads the mail; the other rides along.
  EXPECT_EQ(n->event.kind, pa::AlertKind::volume_spike);
  ASSERT_EQ(n->also.size(), 1u);
  EXPECT_EQ(n->also[0].kind, pa::AlertKind::negative_spike);
  EXPECT_FALSE(g.due(1301, k_timers));
}

TEST(Grouping, UpdatesWaitForGroupIntervalAndCollapse) {
  pa::AlertGroup g;
  auto open = ev(Type::opened, pa::AlertKind::negative_spike, 0);
  g.add(open, 0);
  auto first = g.due(300, k_timers);
  ASSERT_TRUE(first);
  auto up = open;
  up.type = Type::updated;
  up.observed = 80;
  g.add(up, 600);
  EXPECT_FALSE(g.due(3800, k_timers));  // growth alone is no news
  up.observed = 160;
  up.high_severity = true;  // escalation is
  g.add(up, 900);
  EXPECT_FALSE(g.due(3899, k_timers));
  auto n = g.due(3900, k_timers);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->reason, "update");
  EXPECT_EQ(n->sequence, 1);
  EXPECT_EQ(n->event.observed, 160);
  EXPECT_EQ(n->event.episode_id, first->event.episode_id);  // same thread
  EXPECT_FALSE(g.due(10000, k_timers));
}

TEST(Grouping, ResolvedNoticeClosesTheIncidentAndTheNextOpensANewThread) {
  pa::AlertGroup g;
  auto open = ev(Type::opened, pa::AlertKind::negative_spike, 0);
  g.add(open, 0);
  ASSERT_TRUE(g.due(300, k_timers));
  auto res = open;
  res.type = Type::resolved;
  g.add(res, 5000);
  auto n = g.due(5000, k_timers);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->reason, "resolved");
  EXPECT_EQ(n->event.type, Type::resolved);
  EXPECT_TRUE(g.empty());
  // Updates of the closed episode are ignored; a new episode starts sequence 0.
  auto late = open;
  late.type = Type::updated;
  EXPECT_FALSE(g.add(late, 6000));
  g.add(ev(Type::opened, pa::AlertKind::negative_spike, 200000), 200000);
  auto again = g.due(200300, k_timers);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sequence, 0);
  EXPECT_NE(again->event.episode_id, n->event.episode_id);
}

TEST(Grouping, AnIncidentOverBeforeItsFirstMailIsDroppedSilently) {
  pa::AlertGroup g;
  auto open = ev(Type::opened, pa::AlertKind::negative_share, 0);
  g.add(open, 0);
  open.type = Type::resolved;
  g.add(open, 100);
  EXPECT_FALSE(g.due(10000, k_timers));
  EXPECT_TRUE(g.empty());
}

TEST(Grouping, StillFiringIncidentRepeatsAfterRepeatInterval) {
  pa::AlertGroup g;
  g.add(ev(Type::opened, pa::AlertKind::negative_spike, 0), 0);
  ASSERT_TRUE(g.due(300, k_timers));
  EXPECT_FALSE(g.due(300 + 86399, k_timers));
  auto n = g.due(300 + 86400, k_timers);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->reason, "repeat");
  EXPECT_EQ(n->event.type, Type::updated);
  EXPECT_EQ(n->sequence, 1);
  pa::GroupTimers no_repeat = k_timers;
  no_repeat.repeat_interval = 0;
  EXPECT_FALSE(g.due(1000000, no_repeat));
}

TEST(Grouping, StateRoundTripsThroughJson) {
  pa::AlertGroup g;
  g.add(ev(Type::opened, pa::AlertKind::negative_spike, 0), 0);
  ASSERT_TRUE(g.due(300, k_timers));
  auto up = ev(Type::updated, pa::AlertKind::negative_spike, 0);
  up.high_severity = true;
  g.add(up, 400);
  auto text = g.to_json().dump();
  auto parsed = pa::json::parse(text);
  ASSERT_TRUE(parsed);
  auto copy = pa::AlertGroup::from_json(*parsed);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->to_json().dump(), text);
  auto a = g.due(3900, k_timers), b = copy->due(3900, k_timers);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->sequence, b->sequence);
  EXPECT_EQ(a->event.episode_id, b->event.episode_id);
}

TEST(Grouping, TestsJoiningTheEpisodeRideAlongAndOneResolvedEndsThemAll) {
  pa::AlertGroup g;
  auto open = ev(Type::opened, pa::AlertKind::negative_spike, 0, 1e-5);
  g.add(open, 0);
  auto grew = open;
  grew.type = Type::updated;  // growth inside group_wait: still the first mail, an alert
  grew.observed = 90;
  g.add(grew, 100);
  auto share = open;  // the detector's episode id is per watch; another test joins it
  share.type = Type::updated;
  share.kind = pa::AlertKind::negative_share;
  share.p_value = 1e-3;
  ASSERT_TRUE(g.add(share, 200));
  auto n = g.due(300, k_timers);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->event.type, Type::opened);
  EXPECT_EQ(n->event.observed, 90);
  ASSERT_EQ(n->also.size(), 1u);
  EXPECT_EQ(n->also[0].kind, pa::AlertKind::negative_share);
  auto res = open;
  res.type = Type::resolved;
  g.add(res, 9000);
  auto r = g.due(9000, k_timers);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reason, "resolved");
  ASSERT_EQ(r->also.size(), 1u);
  EXPECT_EQ(r->also[0].type, Type::resolved);
  EXPECT_TRUE(g.empty());
}
