#include "alerts/grouping.hpp"

#include "alerts/message.hpp"

#include <algorithm>

namespace pantau::alerts {

void AlertGroup::reset() {
  m_thread.clear();
  m_next_sequence = 0;
  m_alerts.clear();
  m_dirty = false;
  m_last_sent = -1;
}

bool AlertGroup::firing() const {
  return std::any_of(m_alerts.begin(), m_alerts.end(),
                     [](const EpisodeEvent& e) { return e.type != EpisodeEvent::Type::resolved; });
}

bool AlertGroup::add(const EpisodeEvent& e, std::int64_t now) {
  // The detector's episode is per watch; its tests (kinds) join it with
  // `updated` events and one `resolved` ends them all. The group keeps the
  // latest event per (episode, kind) so that a mail can list every test.
  auto it = std::find_if(m_alerts.begin(), m_alerts.end(), [&](const EpisodeEvent& a) {
    return a.episode_id == e.episode_id && a.kind == e.kind;
  });
  const bool known_episode = std::any_of(m_alerts.begin(), m_alerts.end(),
                                         [&](const EpisodeEvent& a) { return a.episode_id == e.episode_id; });
  // What is worth a mail (spikes.md 7): a new alert joining, a severity
  // escalation, the end of the whole incident, or a re-fire. Mere growth
  // updates the figures that the next mail shows.
  bool notable = true;
  if (e.type == EpisodeEvent::Type::resolved) {
    if (!known_episode) return false;
    for (auto& a : m_alerts)
      if (a.episode_id == e.episode_id) a.type = EpisodeEvent::Type::resolved;
    if (it != m_alerts.end()) *it = e;
    notable = !firing();
  } else if (it == m_alerts.end()) {
    const bool starts = e.type == EpisodeEvent::Type::opened || e.reopened || known_episode;
    if (!starts) return false;
    m_alerts.push_back(e);
  } else {
    const bool escalated = e.high_severity && !it->high_severity;
    *it = e;
    if (e.type == EpisodeEvent::Type::updated && !e.reopened) notable = escalated;
  }
  if (!notable) return true;
  if (!m_dirty) {
    m_dirty = true;
    m_dirty_since = now;
  }
  return true;
}

std::optional<std::int64_t> AlertGroup::next_due(const GroupTimers& t) const {
  if (m_alerts.empty()) return std::nullopt;
  if (m_dirty) return m_last_sent < 0 ? m_dirty_since + t.group_wait : std::max(m_dirty_since, m_last_sent + t.group_interval);
  if (m_last_sent >= 0 && t.repeat_interval > 0 && firing()) return m_last_sent + t.repeat_interval;
  return std::nullopt;
}

std::optional<GroupNotice> AlertGroup::due(std::int64_t now, const GroupTimers& t) {
  auto when = next_due(t);
  if (!when || now < *when) return std::nullopt;
  const bool first = m_last_sent < 0;
  if (first && !firing()) {  // opened and over before anyone was told: nothing to say
    reset();
    return std::nullopt;
  }
  GroupNotice n;
  n.reason = !m_dirty ? "repeat" : first ? "new" : firing() ? "update" : "resolved";
  // The headline: the thread's own episode while it fires, else the most
  // significant one still firing, else (all resolved) the thread's episode.
  auto by_id = [&](const std::string& id) {
    return std::find_if(m_alerts.begin(), m_alerts.end(), [&](const EpisodeEvent& a) { return a.episode_id == id; });
  };
  const EpisodeEvent* head = nullptr;
  if (!m_thread.empty() && !firing()) {
    auto it = by_id(m_thread);
    if (it != m_alerts.end()) head = &*it;
  }
  if (!head) {
    for (const auto& a : m_alerts)
      if (a.type != EpisodeEvent::Type::resolved && (!head || a.p_value < head->p_value)) head = &a;
    if (!head) head = &m_alerts.front();
  }
  if (m_thread.empty()) m_thread = head->episode_id;
  n.event = *head;
  n.event.episode_id = m_thread;  // Message-ID and References thread on the incident
  // The thread's first mail is the alert, whatever growth happened during
  // group_wait; later mails are updates (or the resolved notice).
  if (first) n.event.type = EpisodeEvent::Type::opened;
  else if (n.event.type == EpisodeEvent::Type::opened) n.event.type = EpisodeEvent::Type::updated;
  for (const auto& a : m_alerts)
    if (&a != head) n.also.push_back(a);
  n.sequence = m_next_sequence++;
  m_last_sent = now;
  m_dirty = false;
  if (!firing()) reset();  // the resolved notice closes the incident
  return n;
}

json::Value AlertGroup::to_json() const {
  auto v = json::Value::object();
  v.set("thread", m_thread);
  v.set("next_sequence", m_next_sequence);
  json::Value::Array alerts;
  for (const auto& a : m_alerts) {
    AlertMessage m;
    m.event = a;
    alerts.push_back(alerts::to_json(m));
  }
  v.set("alerts", json::Value(std::move(alerts)));
  v.set("dirty", m_dirty);
  v.set("dirty_since", m_dirty_since);
  v.set("last_sent", m_last_sent);
  return v;
}

Result<AlertGroup> AlertGroup::from_json(const json::Value& v) {
  if (!v.is_object()) return Failure::invalid_input("alert group state is not an object");
  AlertGroup g;
  g.m_thread = v.get("thread").as_string();
  g.m_next_sequence = v.get("next_sequence").as_int();
  for (const auto& a : v.get("alerts").as_array()) {
    auto m = alert_message_from_json(a);
    if (!m) return m.failure();
    g.m_alerts.push_back(m->event);
  }
  g.m_dirty = v.get("dirty").as_bool();
  g.m_dirty_since = v.get("dirty_since").as_int();
  g.m_last_sent = v.get("last_sent").as_int(-1);
  return g;
}

}  // namespace pantau::alerts
