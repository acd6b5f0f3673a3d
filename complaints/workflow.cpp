#include "complaints/workflow.hpp"

#include "common/log.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace pantau::complaints {
namespace {

constexpr const char* k_select =
    "SELECT c.id, c.mention_id, c.watch, c.status, c.assignee, c.opened_at, c.updated_at, c.first_response_at, "
    "c.first_response_id, c.resolved_at, m.source, m.native_id, m.author, m.url, m.text, m.lang, m.aspects, "
    "m.score, m.rating FROM complaints c JOIN mentions m ON m.id = c.mention_id";

std::optional<std::int64_t> opt_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

std::vector<std::string> split_aspects(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Complaint read_row(SQLite::Statement& st) {
  Complaint c;
  c.id = st.getColumn(0).getInt64();
  c.mention_id = st.getColumn(1).getInt64();
  c.watch = st.getColumn(2).getString();
  c.status = parse_status(st.getColumn(3).getString()).value_or(ComplaintStatus::open);
  c.assignee = st.getColumn(4).getString();
  c.opened_at = st.getColumn(5).getInt64();
  c.updated_at = st.getColumn(6).getInt64();
  c.first_response_at = opt_int(st.getColumn(7));
  c.first_response_id = opt_int(st.getColumn(8));
  c.resolved_at = opt_int(st.getColumn(9));
  c.source = st.getColumn(10).getString();
  c.native_id = st.getColumn(11).getString();
  c.author = st.getColumn(12).getString();
  c.url = st.getColumn(13).getString();
  c.text = st.getColumn(14).getString();
  c.lang = st.getColumn(15).getString();
  c.aspects = split_aspects(st.getColumn(16).getString());
  c.score = st.getColumn(17).getDouble();
  if (!st.getColumn(18).isNull()) c.rating = st.getColumn(18).getInt();
  return c;
}

std::optional<Complaint> load(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement st(db, std::string(k_select) + " WHERE c.id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return read_row(st);
}

// What each status allows, for error messages that say what to do instead.
std::string allowed_from(ComplaintStatus s) {
  switch (s) {
    case ComplaintStatus::open: return "ack, assign, resolve, dismiss or note";
    case ComplaintStatus::acknowledged: return "assign, resolve, dismiss or note";
    case ComplaintStatus::resolved:
    case ComplaintStatus::dismissed: return "reopen or note";
  }
  return "note";
}

}  // namespace

const char* to_string(ComplaintStatus s) noexcept {
  switch (s) {
    case ComplaintStatus::open: return "open";
    case ComplaintStatus::acknowledged: return "acknowledged";
    case ComplaintStatus::resolved: return "resolved";
    case ComplaintStatus::dismissed: return "dismissed";
  }
  return "open";
}

std::optional<ComplaintStatus> parse_status(std::string_view s) noexcept {
  if (s == "open") return ComplaintStatus::open;
  if (s == "acknowledged" || s == "ack") return ComplaintStatus::acknowledged;
  if (s == "resolved") return ComplaintStatus::resolved;
  if (s == "dismissed") return ComplaintStatus::dismissed;
  return std::nullopt;
}

const char* to_string(Action a) noexcept {
  switch (a) {
    case Action::ack: return "ack";
    case Action::assign: return "assign";
    case Action::resolve: return "resolve";
    case Action::dismiss: return "dismiss";
    case Action::reopen: return "reopen";
    case Action::note: return "note";
  }
  return "note";
}

std::optional<std::int64_t> Complaint::response_seconds() const {
  if (!first_response_at) return std::nullopt;
  return std::max<std::int64_t>(0, *first_response_at - opened_at);
}

std::optional<std::int64_t> Complaint::resolution_seconds() const {
  if (!resolved_at) return std::nullopt;
  return std::max<std::int64_t>(0, *resolved_at - opened_at);
}

Result<std::vector<Complaint>> list_complaints(SQLite::Database& db, const ListFilter& f) {
  try {
    std::string sql = k_select;
    std::vector<std::string> clauses;
    if (!f.watch.empty()) clauses.push_back("c.watch = :watch");
    if (!f.statuses.empty()) {
      std::string in;
      for (ComplaintStatus s : f.statuses) in += std::string(in.empty() ? "'" : ",'") + to_string(s) + "'";
      clauses.push_back("c.status IN (" + in + ")");
    }
    if (!f.assignee.empty()) clauses.push_back("c.assignee = :assignee");
    if (!f.aspect.empty()) clauses.push_back("(',' || m.aspects || ',') LIKE '%,' || :aspect || ',%'");
    if (f.since) clauses.push_back("c.opened_at >= :since");
    if (f.until) clauses.push_back("c.opened_at < :until");
    for (std::size_t i = 0; i < clauses.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + clauses[i];
    sql += " ORDER BY c.opened_at DESC, c.id DESC LIMIT :limit";
    SQLite::Statement st(db, sql);
    if (!f.watch.empty()) st.bind(":watch", f.watch);
    if (!f.assignee.empty()) st.bind(":assignee", f.assignee);
    if (!f.aspect.empty()) st.bind(":aspect", f.aspect);
    if (f.since) st.bind(":since", static_cast<int64_t>(*f.since));
    if (f.until) st.bind(":until", static_cast<int64_t>(*f.until));
    st.bind(":limit", static_cast<int64_t>(f.limit));
    std::vector<Complaint> out;
    while (st.executeStep()) out.push_back(read_row(st));
    return out;
  } catch (const SQLite::Exception& e) {
    return Failure::io(std::string("cannot list complaints: ") + e.what());
  }
}

Result<ComplaintDetail> show_complaint(SQLite::Database& db, std::int64_t id) {
  try {
    auto c = load(db, id);
    if (!c) return Failure::not_found("no complaint " + std::to_string(id) + " (see `pantau complaints list`)");
    ComplaintDetail d;
    d.complaint = std::move(*c);
    SQLite::Statement ev(db, "SELECT at, actor, action, detail FROM complaint_events WHERE complaint_id = ? "
                             "ORDER BY id");
    ev.bind(1, static_cast<int64_t>(id));
    while (ev.executeStep())
      d.history.push_back({ev.getColumn(0).getInt64(), ev.getColumn(1).getString(), ev.getColumn(2).getString(),
                           ev.getColumn(3).getString()});
    if (d.complaint.first_response_id) {
      SQLite::Statement r(db, "SELECT text, url FROM mentions WHERE id = ?");
      r.bind(1, static_cast<int64_t>(*d.complaint.first_response_id));
      if (r.executeStep()) {
        d.first_response_text = r.getColumn(0).getString();
        d.first_response_url = r.getColumn(1).getString();
      }
    }
    return d;
  } catch (const SQLite::Exception& e) {
    return Failure::io(std::string("cannot read complaint: ") + e.what());
  }
}

Result<Complaint> apply_action(SQLite::Database& db, std::int64_t id, Action action, const std::string& actor,
                               const std::string& detail, std::int64_t now) {
  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto c = load(db, id);
    if (!c) return Failure::not_found("no complaint " + std::to_string(id) + " (see `pantau complaints list`)");
    const ComplaintStatus from = c->status;
    const bool active = from == ComplaintStatus::open || from == ComplaintStatus::acknowledged;
    auto refuse = [&](const std::string& why) -> Result<Complaint> {
      return Failure::invalid_input("complaint " + std::to_string(id) + " is " + to_string(from) + ": " + why +
                                    " (possible now: " + allowed_from(from) + ")");
    };
    std::optional<ComplaintStatus> to;
    std::string sql;
    switch (action) {
      case Action::ack:
        if (from != ComplaintStatus::open) return refuse("only open complaints can be acknowledged");
        to = ComplaintStatus::acknowledged;
        break;
      case Action::assign:
        if (!active) return refuse("reopen it before assigning");
        if (detail.empty()) return Failure::invalid_input("assign needs a person, e.g. `assign 12 dina`");
        sql = "assignee = :detail";
        break;
      case Action::resolve:
        if (!active) return refuse("it is already closed");
        to = ComplaintStatus::resolved;
        sql = "resolved_at = :now";
        break;
      case Action::dismiss:
        if (!active) return refuse("it is already closed");
        to = ComplaintStatus::dismissed;
        break;
      case Action::reopen:
        if (active) return refuse("it is not closed");
        to = ComplaintStatus::open;
        sql = "resolved_at = NULL";
        break;
      case Action::note:
        if (detail.empty()) return Failure::invalid_input("a note needs text, e.g. `note 12 \"called back\"`");
        break;
    }
    std::string set = "updated_at = :now";
    if (to) set += std::string(", status = '") + to_string(*to) + "'";
    if (!sql.empty()) set += ", " + sql;
    SQLite::Statement upd(db, "UPDATE complaints SET " + set + " WHERE id = :id");
    upd.bind(":now", static_cast<int64_t>(now));
    upd.bind(":id", static_cast<int64_t>(id));
    if (sql.find(":detail") != std::string::npos) upd.bind(":detail", detail);
    upd.exec();
    std::string event_detail = detail;
    if (to) event_detail = std::string(to_string(from)) + " -> " + to_string(*to) + (detail.empty() ? "" : ": " + detail);
    SQLite::Statement ev(db, "INSERT INTO complaint_events (complaint_id, at, actor, action, detail) VALUES (?,?,?,?,?)");
    ev.bind(1, static_cast<int64_t>(id));
    ev.bind(2, static_cast<int64_t>(now));
    ev.bind(3, actor);
    ev.bind(4, to_string(action));
    ev.bind(5, event_detail);
    ev.exec();
    auto after = load(db, id);
    tx.commit();
    log::debug("COMPLAINT_UPDATED", "Complaint updated.",
              {{"id", id}, {"action", to_string(action)}, {"actor", actor}, {"status", to_string(after->status)}});
    return std::move(*after);
  } catch (const SQLite::Exception& e) {
    return Failure::io(std::string("cannot update complaint ") + std::to_string(id) + ": " + e.what() +
                       " (if pantaud holds a long write, retry in a moment)");
  }
}

}  // namespace pantau::complaints
