#include "alerts/detector.hpp"

#include <gtest/gtest.h>

#include "synth.hpp"

namespace pa = pantau::alerts;
using pa::AlertKind;
using pa::EpisodeEvent;
using pa::test::make_series;
using pa::test::Storm;

namespace {

std::vector<EpisodeEvent> run_all(pa::Detector& d, const std::vector<pa::Bucket>& buckets) {
  std::vector<EpisodeEvent> all;
  for (const auto& b : buckets)
    for (auto& e : d.push(b)) all.push_back(std::move(e));
  return all;
}

std::vector<EpisodeEvent> of_type(const std::vector<EpisodeEvent>& ev, EpisodeEvent::Type t) {
  std::vector<EpisodeEvent> out;
  for (const auto& e : ev)
    if (e.type == t) out.push_back(e);
  return out;
}

// Compact, comparable rendering of an event.
std::string show(const EpisodeEvent& e) {
  return std::string(pa::to_string(e.type)) + " " + pa::to_string(e.kind) + " " + e.episode_id + " " +
         std::to_string(e.window_start) + ".." + std::to_string(e.window_end) + " obs=" + std::to_string(e.observed) +
         " exp=" + std::to_string(e.expected) + " p=" + std::to_string(e.p_value) + (e.reopened ? " reopened" : "");
}

constexpr std::int64_t kDay = 288;

}  // namespace

TEST(Detector, QuietSeriesRaisesNothing) {
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  const auto ev = run_all(*d, make_series(1, 14, 8.0, 0.15));
  EXPECT_TRUE(ev.empty()) << (ev.empty() ? "" : show(ev.front()));
}

TEST(Detector, NegativeStormOpensOneEpisodeAndResolves) {
  const std::int64_t at = 5 * kDay + 100;
  auto buckets = make_series(2, 8, 8.0, 0.15, {{at, at + 24, 6.0, 1.0}});
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  const auto ev = run_all(*d, buckets);
  const auto opened = of_type(ev, EpisodeEvent::Type::opened);
  ASSERT_EQ(opened.size(), 1u);
  const auto& o = opened.front();
  // Negatives x6 on flat other volume: the share test may see it first.
  EXPECT_TRUE(o.kind == AlertKind::negative_spike || o.kind == AlertKind::negative_share) << show(o);
  EXPECT_EQ(o.watch, "acme");
  EXPECT_GE(o.episode_start, buckets[at].start);
  EXPECT_LE(o.episode_start, buckets[at + 12].start);  // caught within the first hour
  EXPECT_GT(static_cast<double>(o.observed), 1.5 * o.expected);
  EXPECT_LT(o.p_value, 1e-3);
  EXPECT_EQ(o.episode_id, "acme|" + std::to_string(o.episode_start));
  const auto resolved = of_type(ev, EpisodeEvent::Type::resolved);
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved.front().episode_id, o.episode_id);
  EXPECT_GT(resolved.front().window_end, buckets[at + 24].start);
}

TEST(Detector, SecondStormWithinCooldownReopensInsteadOfAlerting) {
  const std::int64_t a = 5 * kDay, b = a + 10 * 12, c = a + 2 * kDay;  // +10 h, then +2 days
  auto buckets = make_series(3, 9, 8.0, 0.15, {{a, a + 24, 6.0, 1.0}, {b, b + 24, 6.0, 1.0}, {c, c + 24, 6.0, 1.0}});
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  const auto ev = run_all(*d, buckets);
  const auto opened = of_type(ev, EpisodeEvent::Type::opened);
  ASSERT_EQ(opened.size(), 2u);
  EXPECT_LT(opened[0].episode_start, buckets[b].start);
  EXPECT_GE(opened[1].episode_start, buckets[c].start);
  bool reopened = false;
  for (const auto& e : ev)
    if (e.type == EpisodeEvent::Type::updated && e.reopened) {
      reopened = true;
      EXPECT_EQ(e.episode_id, opened[0].episode_id);
    }
  EXPECT_TRUE(reopened);
}

TEST(Detector, NegativeShareJumpWithFlatVolume) {
  // Volume stays the same, the negative share goes from 10 % to 45 % for 3 hours.
  const std::int64_t at = 6 * kDay + 50;
  auto buckets = make_series(4, 8, 20.0, 0.10, {{at, at + 36, 4.5, 0.61}});
  pa::DetectorSettings s = pa::preset("balanced");
  s.negative_spike.enabled = false;  // isolate the share test
  auto d = pa::make_detector("acme", s);
  const auto opened = of_type(run_all(*d, buckets), EpisodeEvent::Type::opened);
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].kind, AlertKind::negative_share);
  EXPECT_GT(opened[0].share, opened[0].baseline_share + 0.10);
  EXPECT_NEAR(opened[0].baseline_share, 0.10, 0.03);
}

TEST(Detector, VolumeAndNegativeSpikeOfOneStormAreOneEpisode) {
  const std::int64_t at = 5 * kDay + 100;
  auto buckets = make_series(5, 8, 8.0, 0.15, {{at, at + 36, 8.0, 8.0}});
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  const auto ev = run_all(*d, buckets);
  EXPECT_EQ(of_type(ev, EpisodeEvent::Type::opened).size(), 1u);
  EXPECT_EQ(of_type(ev, EpisodeEvent::Type::resolved).size(), 1u);
  for (const auto& e : ev) EXPECT_EQ(e.episode_id, ev.front().episode_id);
}

TEST(Detector, LowVolumeWatchNeedsTheAbsoluteFloor) {
  // Median 0 per bucket: a handful of negatives in an hour is "p < 1e-3" but not a storm.
  const std::int64_t at = 5 * kDay + 100;
  auto buckets = make_series(6, 8, 0.2, 0.2, {{at, at + 12, 6.0, 1.0}});
  auto d = pa::make_detector("tiny", pa::preset("balanced"));
  const auto opened = of_type(run_all(*d, buckets), EpisodeEvent::Type::opened);
  EXPECT_TRUE(opened.empty()) << show(opened.front());
  // The same storm scores as significant, only the floor holds it back.
  pa::DetectorSettings no_floor = pa::preset("balanced");
  no_floor.negative_spike.min_count = 0;
  no_floor.negative_spike.min_ratio = 0;
  auto d2 = pa::make_detector("tiny", no_floor);
  EXPECT_FALSE(of_type(run_all(*d2, buckets), EpisodeEvent::Type::opened).empty());
}

TEST(Detector, NoAlertsDuringWarmup) {
  auto buckets = make_series(7, 3, 8.0, 0.15, {{100, 140, 10.0, 1.0}});
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  EXPECT_TRUE(run_all(*d, buckets).empty());
}

TEST(Detector, SameEventsWithSaveAndRestoreAnywhere) {
  const std::int64_t a = 4 * kDay + 7, b = 9 * kDay + 200, c = 23 * kDay + 11;
  auto buckets = make_series(8, 26, 6.0, 0.2,
                             {{a, a + 30, 5.0, 1.0}, {b, b + 40, 3.0, 3.0}, {c, c + 20, 1.0, 0.3}});
  auto straight = pa::make_detector("acme", pa::preset("balanced"));
  std::vector<std::string> want;
  for (const auto& bk : buckets)
    for (const auto& e : straight->push(bk)) want.push_back(show(e));
  ASSERT_GE(want.size(), 4u);

  for (std::int64_t every : {7, 37, 1000}) {
    auto d = pa::make_detector("acme", pa::preset("balanced"));
    std::vector<std::string> got;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      if (i % every == 0) {
        const std::string snap = d->save_state();
        d = pa::make_detector("acme", pa::preset("balanced"));
        ASSERT_TRUE(d->restore_state(snap).ok());
        ASSERT_EQ(d->save_state(), snap);  // deterministic bytes
      }
      for (const auto& e : d->push(buckets[i])) got.push_back(show(e));
    }
    EXPECT_EQ(got, want) << "restart every " << every;
    EXPECT_EQ(d->save_state(), straight->save_state());
  }
}

TEST(Detector, GapsCountAsEmptyBuckets) {
  auto buckets = make_series(9, 6, 4.0, 0.2);
  for (std::size_t i = 1000; i < 1100; ++i) buckets[i].total = buckets[i].negative = buckets[i].complaints = 0;
  auto full = pa::make_detector("acme", pa::preset("balanced"));
  auto gappy = pa::make_detector("acme", pa::preset("balanced"));
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    full->push(buckets[i]);
    if (i < 1000 || i >= 1100) gappy->push(buckets[i]);
  }
  EXPECT_EQ(full->save_state(), gappy->save_state());
  // A repeated or older bucket is ignored.
  EXPECT_TRUE(gappy->push(buckets[5]).empty());
  EXPECT_EQ(full->save_state(), gappy->save_state());
  EXPECT_EQ(*gappy->last_bucket_start(), buckets.back().start);
}

TEST(Detector, RestoreRejectsForeignOrBrokenStateAndKeepsItsOwn) {
  auto d = pa::make_detector("acme", pa::preset("balanced"));
  for (const auto& b : make_series(10, 1, 5.0, 0.2)) d->push(b);
  const std::string mine = d->save_state();

  auto other_watch = pa::make_detector("zeta", pa::preset("balanced"));
  EXPECT_FALSE(other_watch->restore_state(mine).ok());
  auto other_settings = pa::make_detector("acme", pa::preset("high"));
  auto st = other_settings->restore_state(mine);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.failure().message.find("settings changed"), std::string::npos);

  EXPECT_FALSE(d->restore_state("{not json").ok());
  std::string truncated = mine;
  truncated.replace(truncated.find("\"ring\":["), 8, "\"ring\":[[1],");
  EXPECT_FALSE(d->restore_state(truncated).ok());
  EXPECT_EQ(d->save_state(), mine);
}

TEST(Settings, PresetsOrderSensitivity) {
  const auto low = pa::preset("low"), bal = pa::preset("balanced"), high = pa::preset("high");
  EXPECT_LT(high.negative_spike.threshold, bal.negative_spike.threshold);
  EXPECT_LT(bal.negative_spike.threshold, low.negative_spike.threshold);
  EXPECT_LE(high.negative_spike.min_count, bal.negative_spike.min_count);
  EXPECT_LE(bal.negative_spike.min_count, low.negative_spike.min_count);
  EXPECT_NE(pa::settings_fingerprint(low), pa::settings_fingerprint(bal));
  EXPECT_EQ(pa::settings_fingerprint(pa::preset("nonsense")), pa::settings_fingerprint(bal));
  EXPECT_FALSE(pa::is_known_sensitivity("nonsense"));
}

TEST(Settings, SetOptionParsesAndValidates) {
  auto s = pa::preset("balanced");
  ASSERT_TRUE(pa::set_option(s, "negative_spike.threshold", "4.5").ok());
  EXPECT_EQ(s.negative_spike.threshold, 4.5);
  ASSERT_TRUE(pa::set_option(s, "cooldown", "12h").ok());
  EXPECT_EQ(s.cooldown_buckets, 144);
  ASSERT_TRUE(pa::set_option(s, "windows", "1h,3h").ok());
  EXPECT_EQ(s.windows, (std::vector<int>{12, 36}));
  ASSERT_TRUE(pa::set_option(s, "negative_share.enabled", "false").ok());
  EXPECT_FALSE(s.negative_share.enabled);
  EXPECT_FALSE(pa::set_option(s, "negative_spike.threshold", "high").ok());
  EXPECT_FALSE(pa::set_option(s, "no_such_key", "1").ok());
  EXPECT_FALSE(pa::set_option(s, "windows", "").ok());
  EXPECT_EQ(s.negative_spike.threshold, 4.5);  // a failed set changes nothing
  EXPECT_GT(pa::option_keys().size(), 15u);
}
