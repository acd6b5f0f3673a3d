// The complaint queue: list, show and triage actions with a history.
//
// Every action runs in its own short IMMEDIATE transaction so it is safe
// while pantaud writes (WAL + busy timeout on the connection). Only valid
// transitions are allowed:
//
//   open ──ack──► acknowledged ──resolve──► resolved
//     │  └──────────resolve────────────────►   │
//     └──dismiss──► dismissed ◄──dismiss── ack │
//   resolved / dismissed ──reopen──► open      │
//   assign: open or acknowledged; note: any status
#pragma once

#include "common/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite { class Database; }

namespace pantau::complaints {

enum class ComplaintStatus { open, acknowledged, resolved, dismissed };
const char* to_string(ComplaintStatus s) noexcept;
std::optional<ComplaintStatus> parse_status(std::string_view s) noexcept;

struct Complaint {
  std::int64_t id = 0, mention_id = 0;
  std::string watch;
  ComplaintStatus status = ComplaintStatus::open;
  std::string assignee;
  std::int64_t opened_at = 0, updated_at = 0;
  std::optional<std::int64_t> first_response_at, first_response_id, resolved_at;
  // From the mention.
  std::string source, native_id, author, url, text, lang;
  std::vector<std::string> aspects;
  double score = 0;
  std::optional<int> rating;

  std::optional<std::int64_t> response_seconds() const;
  std::optional<std::int64_t> resolution_seconds() const;
};

struct Event {
  std::int64_t at = 0;
  std::string actor, action, detail;
};

struct ComplaintDetail {
  Complaint complaint;
  std::vector<Event> history;  // oldest first
  std::string first_response_text, first_response_url;
};

struct ListFilter {
  // Every member has an initializer, so that GCC 12 does not warn about the
  // ones a designated initializer leaves out ({.watch = "kopi"}).
  std::string watch{};                             // empty: every watch
  std::vector<ComplaintStatus> statuses{};         // empty: every status
  std::string assignee{}, aspect{};                // empty: any
  std::optional<std::int64_t> since{}, until{};    // opened_at range [since, until)
  std::size_t limit = 50;
};

// Newest first.
Result<std::vector<Complaint>> list_complaints(SQLite::Database& db, const ListFilter& filter);
Result<ComplaintDetail> show_complaint(SQLite::Database& db, std::int64_t id);

enum class Action { ack, assign, resolve, dismiss, reopen, note };
const char* to_string(Action a) noexcept;

// Applies one action; `detail` is the assignee for assign, the text for note,
// an optional reason otherwise. Fails with invalid_input for a transition the
// status does not allow (the message says what is possible) and not_found for
// an unknown id.
Result<Complaint> apply_action(SQLite::Database& db, std::int64_t id, Action action, const std::string& actor,
                               const std::string& detail, std::int64_t now);

}  // namespace pantau::complaints
