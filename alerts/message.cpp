#include "alerts/message.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/escape.hpp"
#include "common/timeutil.hpp"

namespace pantau::alerts {
namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string kind_phrase(AlertKind k) {
  switch (k) {
    case AlertKind::negative_spike: return "negative spike";
    case AlertKind::negative_share: return "negative share rise";
    case AlertKind::volume_spike: return "volume spike";
  }
  return "spike";
}

std::string window_len(const EpisodeEvent& e) { return format_duration(e.window_end - e.window_start); }

std::string size_phrase(const EpisodeEvent& e) {
  if (e.kind == AlertKind::negative_share)
    return fmt("%.0f%%", 100.0 * e.share) + " negative vs " + fmt("%.0f%%", 100.0 * e.baseline_share) + " usual (" +
           std::to_string(e.observed) + " of " + std::to_string(e.window_total) + " in " + window_len(e) + ")";
  const char* what = e.kind == AlertKind::volume_spike ? " mentions in " : " negatives in ";
  std::string s = std::to_string(e.observed) + what + window_len(e);
  if (e.expected > 0) s += " (" + fmt("%.1f", static_cast<double>(e.observed) / e.expected) + "x expected)";
  return s;
}

// UTF-8 aware truncation so a cut never splits a character.
std::string truncate_utf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";  // ellipsis
}

const char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {k_b64[(v >> 18) & 63], k_b64[(v >> 12) & 63], k_b64[(v >> 6) & 63], k_b64[v & 63]};
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {k_b64[(v >> 18) & 63], k_b64[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {k_b64[(v >> 18) & 63], k_b64[(v >> 12) & 63], k_b64[(v >> 6) & 63], '='};
  }
  return out;
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex64(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::string header_safe(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string flatten(std::string_view s) { return header_safe(s); }

std::string encode_header_word(std::string_view raw) {
  const std::string s = header_safe(raw);
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (plain && s.find("=?") == std::string::npos && s.size() <= 900) return s;
  // Encoded words of at most 45 input bytes (60 base64 chars), cut on UTF-8
  // character boundaries, folded onto continuation lines.
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = std::min<std::size_t>(45, s.size() - i);
    while (n > 0 && i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<std::size_t>(45, s.size() - i);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(s).substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string quoted_printable(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = s.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool last = i + 1 == line.size();
      std::string enc;
      if ((c >= 33 && c <= 126 && c != '=') || (c == ' ' && !last)) enc = std::string(1, static_cast<char>(c));
      else enc = {'=', hex[c >> 4], hex[c & 15]};
      if (col + enc.size() > 75) {  // soft line break
        out += "=\r\n";
        col = 0;
      }
      out += enc;
      col += enc.size();
    }
    if (nl == s.size()) break;
    out += "\r\n";
    start = nl + 1;
  }
  return out;
}

std::string svg_chart(const std::vector<SeriesPoint>& pts) {
  const int w = 480, h = 80;
  std::int64_t mx = 1;
  for (const auto& p : pts) mx = std::max({mx, p.total, p.negative});
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                  std::to_string(h + 14) + "\" role=\"img\" aria-label=\"mentions per hour, last 48 hours\">";
  const double bw = pts.empty() ? 0.0 : static_cast<double>(w) / static_cast<double>(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const double x = bw * static_cast<double>(i);
    const double ht = h * static_cast<double>(pts[i].total) / static_cast<double>(mx);
    const double hn = h * static_cast<double>(pts[i].negative) / static_cast<double>(mx);
    s += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + fmt("%.1f", h - ht) + "\" width=\"" + fmt("%.1f", bw * 0.9) +
         "\" height=\"" + fmt("%.1f", ht) + "\" fill=\"#c8d3e0\"/>";
    s += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + fmt("%.1f", h - hn) + "\" width=\"" + fmt("%.1f", bw * 0.9) +
         "\" height=\"" + fmt("%.1f", hn) + "\" fill=\"#c0392b\"/>";
  }
  s += "<text x=\"0\" y=\"" + std::to_string(h + 12) + "\" font-size=\"10\">-48h</text>";
  s += "<text x=\"" + std::to_string(w - 24) + "\" y=\"" + std::to_string(h + 12) + "\" font-size=\"10\">now</text>";
  s += "</svg>";
  return s;
}

std::string compose_subject(const AlertMessage& m) {
  if (!m.notice_kind.empty()) return "[Pantau] " + header_safe(m.notice_subject);
  const EpisodeEvent& e = m.event;
  std::string prefix = "[Pantau] ";
  if (e.type == EpisodeEvent::Type::resolved) prefix += "Resolved: ";
  else if (e.type == EpisodeEvent::Type::updated) prefix += "Update: ";
  std::string s = prefix + header_safe(e.watch) + ": " + kind_phrase(e.kind);
  if (e.type != EpisodeEvent::Type::resolved) s += ", " + size_phrase(e);
  if (e.high_severity && e.type != EpisodeEvent::Type::resolved) s += " [high]";
  return s;
}

namespace {

std::string evidence_lines(const EpisodeEvent& e) {
  std::string t;
  t += "Window: " + format_iso8601(e.window_start) + " to " + format_iso8601(e.window_end) + " (" + window_len(e) + ")\n";
  if (e.kind == AlertKind::negative_share) {
    t += "Negative share: " + fmt("%.1f%%", 100.0 * e.share) + " (" + std::to_string(e.observed) + " of " +
         std::to_string(e.window_total) + "), usual " + fmt("%.1f%%", 100.0 * e.baseline_share) + "\n";
  } else {
    t += "Observed: " + std::to_string(e.observed) + (e.kind == AlertKind::volume_spike ? " mentions" : " negatives") +
         ", expected " + fmt("%.1f", e.expected);
    if (e.expected > 0) t += " (" + fmt("%.1f", static_cast<double>(e.observed) / e.expected) + "x)";
    t += "\n";
  }
  t += "p-value: " + fmt("%.2g", e.p_value) + "\n";
  return t;
}

}  // namespace

static std::string also_lines(const AlertMessage& m) {
  std::string t;
  for (const auto& a : m.also)
    t += std::string("Also ") + (a.type == EpisodeEvent::Type::resolved ? "resolved" : "firing") + ": " +
         kind_phrase(a.kind) + ", " + std::to_string(a.observed) + " observed against " + fmt("%.1f", a.expected) +
         " expected, p " + fmt("%.2g", a.p_value) + "\n";
  return t;
}

static std::string notice_text_body(const AlertMessage& m) {
  std::string t;
  for (std::size_t s = 0, nl; s < m.notice_text.size(); s = nl + 1) {
    nl = m.notice_text.find('\n', s);
    if (nl == std::string::npos) nl = m.notice_text.size();
    t += flatten(m.notice_text.substr(s, nl - s)) + "\n";
  }
  return t;
}

std::string compose_text(const AlertMessage& m) {
  const EpisodeEvent& e = m.event;
  std::string t;
  t += compose_subject(m).substr(9) + "\n\n";
  if (!m.notice_kind.empty()) return t + notice_text_body(m) + "\nSent automatically by pantaud; do not reply.\n";
  if (e.type == EpisodeEvent::Type::resolved) t += "The episode that started " + format_iso8601(e.episode_start) + " is over.\n";
  t += evidence_lines(e);
  t += also_lines(m);
  if (!m.top_aspects.empty()) {
    t += "Top complaint aspects:";
    for (const auto& [a, n] : m.top_aspects) t += " " + flatten(a) + " (" + std::to_string(n) + ")";
    t += "\n";
  }
  if (!m.examples.empty()) {
    t += "\nExample posts:\n";
    int i = 1;
    for (const auto& p : m.examples) {
      t += "  " + std::to_string(i++) + ". [" + flatten(p.source) + "] " + flatten(p.author) + ", " +
           format_iso8601(p.created_at) + "\n     \"" + truncate_utf8(flatten(p.text), 400) + "\"\n";
      if (!p.url.empty()) t += "     " + flatten(p.url) + "\n";
    }
  }
  if (!m.last_48h.empty()) {
    t += "\nLast 48 h, negatives per 4 hours (oldest first):\n ";
    for (std::size_t i = 0; i < m.last_48h.size(); i += 4) {
      std::int64_t n = 0;
      for (std::size_t j = i; j < std::min(i + 4, m.last_48h.size()); ++j) n += m.last_48h[j].negative;
      t += " " + std::to_string(n);
    }
    t += "\n";
  }
  if (!m.dashboard_url.empty()) t += "\nDetails: " + flatten(m.dashboard_url) + "\n";
  t += "\nEpisode " + flatten(e.episode_id) + ". Sent automatically by pantaud; do not reply.\n";
  return t;
}

std::string compose_html(const AlertMessage& m) {
  const EpisodeEvent& e = m.event;
  std::string h = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n";
  h += "<h2>" + html_escape(compose_subject(m).substr(9)) + "</h2>\n";
  if (!m.notice_kind.empty())
    return h + "<pre>" + html_escape(notice_text_body(m)) + "</pre>\n<p><small>Sent automatically by pantaud.</small></p>\n</body></html>\n";
  std::string ev = evidence_lines(e) + also_lines(m);
  h += "<p>";
  for (std::size_t s = 0, nl; (nl = ev.find('\n', s)) != std::string::npos; s = nl + 1)
    h += html_escape(ev.substr(s, nl - s)) + "<br>\n";
  h += "</p>\n";
  if (!m.top_aspects.empty()) {
    h += "<p><b>Top complaint aspects:</b> ";
    for (std::size_t i = 0; i < m.top_aspects.size(); ++i)
      h += (i ? ", " : "") + html_escape(flatten(m.top_aspects[i].first)) + " (" +
           std::to_string(m.top_aspects[i].second) + ")";
    h += "</p>\n";
  }
  if (!m.examples.empty()) {
    h += "<ol>\n";
    for (const auto& p : m.examples) {
      h += "<li><small>" + html_escape(flatten(p.source)) + " &middot; " + html_escape(flatten(p.author)) +
           " &middot; " + format_iso8601(p.created_at) + "</small><br><q>" +
           html_escape(truncate_utf8(flatten(p.text), 400)) + "</q>";
      // Only http(s) links become anchors; anything else stays text.
      if (p.url.rfind("https://", 0) == 0 || p.url.rfind("http://", 0) == 0)
        h += "<br><a href=\"" + html_escape(flatten(p.url)) + "\">" + html_escape(flatten(p.url)) + "</a>";
      h += "</li>\n";
    }
    h += "</ol>\n";
  }
  if (!m.last_48h.empty()) h += "<p>Mentions per hour, last 48 h (red: negative)<br>" + svg_chart(m.last_48h) + "</p>\n";
  if (!m.dashboard_url.empty())
    h += "<p><a href=\"" + html_escape(flatten(m.dashboard_url)) + "\">Details</a></p>\n";
  h += "<p><small>Episode " + html_escape(flatten(e.episode_id)) + ". Sent automatically by pantaud.</small></p>\n";
  h += "</body></html>\n";
  return h;
}

std::string message_id(const std::string& episode_id, std::int64_t sequence, const std::string& domain) {
  return "<pantau." + hex64(fnv1a(episode_id)) + "." + std::to_string(sequence) + "@" +
         header_safe(domain.empty() ? std::string("pantau.invalid") : domain) + ">";
}

std::string compose_mime(const AlertMessage& m, const MailHeaders& hd, std::int64_t date) {
  const std::string& ep = m.event.episode_id;
  // "=_" never occurs in quoted-printable output, so the boundary cannot collide with the body.
  const std::string boundary = "=_pantau_" + hex64(fnv1a(ep + "#" + std::to_string(m.sequence)));
  std::string to;
  for (const auto& r : hd.to) to += (to.empty() ? "" : ", ") + header_safe(r);
  std::string s;
  s += "From: " + header_safe(hd.from) + "\r\n";
  s += "To: " + to + "\r\n";
  s += "Subject: " + encode_header_word(compose_subject(m)) + "\r\n";
  s += "Date: " + format_rfc2822(date) + "\r\n";
  s += "Message-ID: " + message_id(ep, m.sequence, hd.message_domain) + "\r\n";
  if (m.sequence > 0) {
    const std::string root = message_id(ep, 0, hd.message_domain);
    s += "In-Reply-To: " + root + "\r\n";
    s += "References: " + root + "\r\n";
  }
  s += "Auto-Submitted: auto-generated\r\n";
  s += "X-Auto-Response-Suppress: All\r\n";
  s += "X-Pantau-Episode: " + encode_header_word(ep) + "\r\n";
  s += "MIME-Version: 1.0\r\n";
  s += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  s += "\r\n";
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  s += quoted_printable(compose_text(m)) + "\r\n";
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  s += quoted_printable(compose_html(m)) + "\r\n";
  s += "--" + boundary + "--\r\n";
  return s;
}

// ---------------------------------------------------------------- JSON payload

json::Value to_json(const AlertMessage& m) {
  const EpisodeEvent& e = m.event;
  auto v = json::Value::object();
  v.set("type", to_string(e.type));
  v.set("watch", e.watch);
  v.set("kind", to_string(e.kind));
  v.set("episode_id", e.episode_id);
  v.set("episode_start", e.episode_start);
  v.set("window_start", e.window_start);
  v.set("window_end", e.window_end);
  v.set("observed", e.observed);
  v.set("expected", e.expected);
  v.set("window_total", e.window_total);
  v.set("share", e.share);
  v.set("baseline_share", e.baseline_share);
  v.set("p_value", e.p_value);
  v.set("high_severity", e.high_severity);
  v.set("reopened", e.reopened);
  v.set("sequence", m.sequence);
  json::Value::Array aspects;
  for (const auto& [a, n] : m.top_aspects) aspects.push_back(json::Value(json::Value::Array{a, n}));
  v.set("top_aspects", json::Value(std::move(aspects)));
  json::Value::Array ex;
  for (const auto& p : m.examples) {
    auto o = json::Value::object();
    o.set("source", p.source);
    o.set("author", p.author);
    o.set("url", p.url);
    o.set("text", p.text);
    o.set("created_at", p.created_at);
    ex.push_back(std::move(o));
  }
  v.set("examples", json::Value(std::move(ex)));
  json::Value::Array pts;
  for (const auto& p : m.last_48h) pts.push_back(json::Value(json::Value::Array{p.start, p.total, p.negative}));
  v.set("last_48h", json::Value(std::move(pts)));
  if (!m.dashboard_url.empty()) v.set("dashboard_url", m.dashboard_url);
  if (!m.also.empty()) {
    json::Value::Array also;
    for (const auto& a : m.also) {
      AlertMessage one;
      one.event = a;
      auto o = to_json(one);
      also.push_back(std::move(o));
    }
    v.set("also", json::Value(std::move(also)));
  }
  if (!m.notice_kind.empty()) {
    v.set("notice_kind", m.notice_kind);
    v.set("notice_subject", m.notice_subject);
    v.set("notice_text", m.notice_text);
  }
  return v;
}

Result<AlertMessage> alert_message_from_json(const json::Value& v) {
  if (!v.is_object()) return Failure::invalid_input("alert message is not a JSON object");
  AlertMessage m;
  EpisodeEvent& e = m.event;
  const std::string& type = v.get("type").as_string();
  if (type == "opened") e.type = EpisodeEvent::Type::opened;
  else if (type == "updated") e.type = EpisodeEvent::Type::updated;
  else if (type == "resolved") e.type = EpisodeEvent::Type::resolved;
  else return Failure::invalid_input("alert message: bad type '" + type + "'");
  auto kind = parse_alert_kind(v.get("kind").as_string());
  if (!kind) return Failure::invalid_input("alert message: bad kind '" + v.get("kind").as_string() + "'");
  e.kind = *kind;
  e.watch = v.get("watch").as_string();
  e.episode_id = v.get("episode_id").as_string();
  e.episode_start = v.get("episode_start").as_int();
  e.window_start = v.get("window_start").as_int();
  e.window_end = v.get("window_end").as_int();
  e.observed = v.get("observed").as_int();
  e.expected = v.get("expected").as_double();
  e.window_total = v.get("window_total").as_int();
  e.share = v.get("share").as_double();
  e.baseline_share = v.get("baseline_share").as_double();
  e.p_value = v.get("p_value").as_double(1.0);
  e.high_severity = v.get("high_severity").as_bool();
  e.reopened = v.get("reopened").as_bool();
  m.sequence = v.get("sequence").as_int();
  for (const auto& a : v.get("top_aspects").as_array())
    if (a.is_array() && a.as_array().size() == 2)
      m.top_aspects.emplace_back(a.as_array()[0].as_string(), a.as_array()[1].as_int());
  for (const auto& o : v.get("examples").as_array())
    m.examples.push_back({o.get("source").as_string(), o.get("author").as_string(), o.get("url").as_string(),
                          o.get("text").as_string(), o.get("created_at").as_int()});
  for (const auto& p : v.get("last_48h").as_array())
    if (p.is_array() && p.as_array().size() == 3)
      m.last_48h.push_back({p.as_array()[0].as_int(), p.as_array()[1].as_int(), p.as_array()[2].as_int()});
  m.dashboard_url = v.get("dashboard_url").as_string();
  for (const auto& a : v.get("also").as_array())
    if (auto one = alert_message_from_json(a)) m.also.push_back(one->event);
  m.notice_kind = v.get("notice_kind").as_string();
  m.notice_subject = v.get("notice_subject").as_string();
  m.notice_text = v.get("notice_text").as_string();
  return m;
}

}  // namespace pantau::alerts
