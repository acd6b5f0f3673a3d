// Alertmanager-style grouping of one watch's episode events into notifications.
//
// Group key = watch: the negative-spike, share and volume tests usually fire
// together on one incident, and a CX team wants one mail about it, not three.
//   group_wait       the first notification of an incident waits this long
//                    after its first event, so that related alerts join it;
//   group_interval   later changes go out at most once per interval,
//                    collapsed into the latest state; a change is another
//                    alert joining, an escalation to high severity, a re-fire,
//                    or the end of the whole incident (growth alone is not:
//                    the next mail carries the latest figures);
//   repeat_interval  an unchanged incident that is still firing is re-sent
//                    after this long (0: never).
// An incident whose episodes all resolved before its first notification is
// dropped silently; after the notification that says everything resolved,
// the next `opened` starts a new incident (a new mail thread).
//
// Pure: time is passed in (`now`, epoch seconds of whatever clock the caller
// uses: wall clock for live sources, bucket time for replays), so that the
// same events and times give the same notifications, and the state
// round-trips through JSON with the detector state.
#pragma once

#include "alerts/detector.hpp"
#include "alerts/json.hpp"
#include "common/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pantau::alerts {

struct GroupTimers {
  std::int64_t group_wait = 300;
  std::int64_t group_interval = 3600;
  std::int64_t repeat_interval = 86400;
};

struct GroupNotice {
  EpisodeEvent event;               // the headline alert; episode_id is the thread id
  std::vector<EpisodeEvent> also;   // the incident's other alerts (latest state each)
  std::int64_t sequence = 0;        // 0 for the first mail of the thread, then 1, 2, ...
  std::string reason;               // "new", "update", "resolved", "repeat"
};

class AlertGroup {
 public:
  // Adds one event in order. `opened` (or a re-fire inside the cooldown)
  // starts or joins the incident; updates and resolutions of episodes the
  // group does not know are ignored (returns false).
  bool add(const EpisodeEvent& event, std::int64_t now);
  // The notification that is due at `now`, if any (at most one per call).
  std::optional<GroupNotice> due(std::int64_t now, const GroupTimers& timers);
  // When due() could next return something (nullopt: only after new events).
  std::optional<std::int64_t> next_due(const GroupTimers& timers) const;
  bool empty() const { return m_alerts.empty(); }
  bool firing() const;  // some episode of the incident is not resolved

  json::Value to_json() const;
  static Result<AlertGroup> from_json(const json::Value& v);

 private:
  void reset();
  std::string m_thread;                 // episode id of the first notification; empty before
  std::int64_t m_next_sequence = 0;
  std::vector<EpisodeEvent> m_alerts;   // latest event per episode, in arrival order
  bool m_dirty = false;
  std::int64_t m_dirty_since = 0;
  std::int64_t m_last_sent = -1;
};

}  // namespace pantau::alerts
