// Feed parsing with expat (libexpat1-dev). Expat decodes the XML layer
// (entities, CDATA) once; markup that is itself HTML (Atom type="html", RSS
// description and content:encoded) is then stripped and its entities decoded
// once more by text::html_to_text -- that is the "exactly once" of each layer.
#include "connectors/rss/rss.hpp"

#include "common/timeutil.hpp"
#include "connectors/support/text.hpp"

#include <expat.h>
#include <iconv.h>

#include <cerrno>
#include <memory>

namespace pantau::connectors::rss {
namespace {

constexpr std::string_view k_atom = "http://www.w3.org/2005/Atom";
constexpr std::string_view k_content = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view k_dc = "http://purl.org/dc/elements/1.1/";

std::string charset_of(std::string_view content_type, std::string_view body) {
  std::string ct = text::lower(content_type);
  if (auto p = ct.find("charset="); p != std::string::npos) {
    std::string cs = ct.substr(p + 8);
    if (auto end = cs.find_first_of("; "); end != std::string::npos) cs.resize(end);
    if (!cs.empty() && cs.front() == '"') cs = cs.substr(1, cs.size() - 2);
    if (!cs.empty()) return cs;
  }
  std::string_view head = body.substr(0, std::min<std::size_t>(body.size(), 200));
  if (head.starts_with("<?xml")) {
    auto end = head.find("?>");
    std::string decl = text::lower(head.substr(0, end));
    if (auto p = decl.find("encoding="); p != std::string::npos && p + 10 < decl.size()) {
      char q = decl[p + 9];
      auto close = decl.find(q, p + 10);
      if (close != std::string::npos) return decl.substr(p + 10, close - p - 10);
    }
  }
  return "utf-8";
}

Result<std::string> to_utf8(std::string_view body, const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return Failure::bad_response("unknown charset \"" + charset + "\"");
  std::string out(body.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(body.data());
  std::size_t in_left = body.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
  int err = errno;
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1))
    return Failure::bad_response("the feed is not valid " + charset + (err == EINVAL ? " (cut short)" : ""));
  out.resize(out.size() - out_left);
  return out;
}

// Google Alerts wraps every link in https://www.google.com/url?...&url=<real>.
std::string unwrap_link(const std::string& link) {
  if (link.find("google.com/url?") != std::string::npos) {
    std::string real = text::query_param(link, "url");
    if (!real.empty()) return real;
  }
  return link;
}

std::string lang_code(std::string l) {
  l = text::lower(text::tidy(l));
  if (auto dash = l.find_first_of("-_"); dash != std::string::npos) l.resize(dash);
  return l.size() == 2 ? l : std::string();
}

struct State {
  Feed feed;
  std::vector<std::string> stack;  // element names ("ns local" or "local")
  std::string chars;
  bool in_entry = false;
  int author_depth = -1;  // depth of <author> inside an entry
  Entry cur;
  std::string title_type, body_type;
  std::string description, content, atom_summary, atom_content, pub, updated, dc_date, guid, rss_link;
  std::string atom_link;  // rel=alternate (or first) link of an entry

  void start_entry() {
    in_entry = true;
    cur = Entry{};
    description.clear(), content.clear(), atom_summary.clear(), atom_content.clear();
    pub.clear(), updated.clear(), dc_date.clear(), guid.clear(), rss_link.clear(), atom_link.clear();
    title_type = "text", body_type = "text";
  }

  static std::string as_text(const std::string& s, const std::string& type) {
    // Atom text constructs: "text" is plain; "html" is escaped HTML; "xhtml" arrives as text content here.
    return type == "html" ? text::html_to_text(s) : text::tidy(s);
  }

  void end_entry() {
    in_entry = false;
    Entry e = cur;
    e.link = unwrap_link(!atom_link.empty() ? atom_link : text::tidy(rss_link));
    e.id = text::tidy(guid);
    if (e.id.empty()) e.id = e.link;
    std::string body;
    if (!content.empty()) body = text::html_to_text(content);
    else if (!atom_content.empty()) body = as_text(atom_content, body_type);
    else if (!atom_summary.empty()) body = as_text(atom_summary, body_type);
    else body = text::html_to_text(description);
    e.body = body;
    for (const std::string* d : {&pub, &dc_date, &updated}) {
      std::string v = text::tidy(*d);
      if (v.empty()) continue;
      auto t = parse_iso8601(v);
      if (!t) t = parse_http_date(v);
      if (t) {
        e.created_at = *t;
        break;
      }
    }
    if (!e.id.empty()) feed.entries.push_back(std::move(e));
  }
};

const char* attr(const XML_Char** atts, std::string_view name) {
  for (int i = 0; atts[i]; i += 2)
    if (name == atts[i]) return atts[i + 1];
  return nullptr;
}

void XMLCALL on_start(void* user, const XML_Char* name_c, const XML_Char** atts) {
  auto* s = static_cast<State*>(user);
  std::string_view name(name_c);
  s->stack.emplace_back(name);
  s->chars.clear();
  std::string_view local = name.substr(name.rfind(' ') == std::string_view::npos ? 0 : name.rfind(' ') + 1);
  std::string_view ns = name.rfind(' ') == std::string_view::npos ? std::string_view() : name.substr(0, name.rfind(' '));
  if ((name == "item") || (ns == k_atom && local == "entry")) {
    s->start_entry();
    return;
  }
  if (ns == k_atom && local == "feed") {
    if (const char* l = attr(atts, "http://www.w3.org/XML/1998/namespace lang")) s->feed.language = lang_code(l);
  }
  if (ns == k_atom && local == "link") {
    const char* rel = attr(atts, "rel");
    const char* href = attr(atts, "href");
    std::string r = rel ? rel : "alternate";
    if (!href) return;
    if (s->in_entry) {
      if (r == "alternate" && s->atom_link.empty()) s->atom_link = href;
    } else if (r == "next") {
      s->feed.next = href;
    }
    return;
  }
  if (s->in_entry && ns == k_atom) {
    const char* type = attr(atts, "type");
    if (local == "title") s->title_type = type ? type : "text";
    if (local == "content" || local == "summary") s->body_type = type ? type : "text";
    if (local == "author") s->author_depth = static_cast<int>(s->stack.size());
  }
}

void XMLCALL on_end(void* user, const XML_Char* name_c) {
  auto* s = static_cast<State*>(user);
  std::string_view name(name_c);
  std::string_view local = name.substr(name.rfind(' ') == std::string_view::npos ? 0 : name.rfind(' ') + 1);
  std::string_view ns = name.rfind(' ') == std::string_view::npos ? std::string_view() : name.substr(0, name.rfind(' '));
  std::string& c = s->chars;
  if (s->in_entry) {
    bool atom = ns == k_atom;
    if ((name == "item") || (atom && local == "entry")) {
      s->end_entry();
    } else if (atom && local == "author") {
      s->author_depth = -1;
    } else if (atom && local == "name" && s->author_depth >= 0) {
      s->cur.author = text::tidy(c);
    } else if (name == "title" || (atom && local == "title")) {
      s->cur.title = atom ? State::as_text(c, s->title_type) : text::tidy(c);
    } else if (name == "link") {
      s->rss_link = c;
    } else if (name == "guid" || (atom && local == "id")) {
      s->guid = c;
    } else if (name == "pubDate" || (atom && local == "published")) {
      s->pub = c;
    } else if (atom && local == "updated") {
      s->updated = c;
    } else if (ns == k_dc && local == "date") {
      s->dc_date = c;
    } else if ((ns == k_dc && local == "creator") || name == "author") {
      if (s->cur.author.empty()) s->cur.author = text::tidy(c);
    } else if (name == "description") {
      s->description = c;
    } else if (ns == k_content && local == "encoded") {
      s->content = c;
    } else if (atom && local == "content") {
      s->atom_content = c;
    } else if (atom && local == "summary") {
      s->atom_summary = c;
    }
  } else if (name == "language") {
    s->feed.language = lang_code(c);
  }
  if (!s->stack.empty()) s->stack.pop_back();
  c.clear();
}

void XMLCALL on_chars(void* user, const XML_Char* data, int len) {
  static_cast<State*>(user)->chars.append(data, static_cast<std::size_t>(len));
}

}  // namespace

Result<Feed> parse_feed(std::string_view body, std::string_view content_type) {
  std::string charset = charset_of(content_type, body);
  std::string converted;
  if (charset != "utf-8" && charset != "utf8" && charset != "us-ascii") {
    auto u = to_utf8(body, charset);
    if (!u) return std::move(u).failure();
    converted = std::move(*u);
    body = converted;
  }
  // "UTF-8" here overrides the document's own declaration, which after
  // conversion is no longer true.
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> p(XML_ParserCreateNS("UTF-8", ' '), XML_ParserFree);
  if (!p) return Failure::fatal("cannot create an XML parser");
  State state;
  XML_SetUserData(p.get(), &state);
  XML_SetElementHandler(p.get(), on_start, on_end);
  XML_SetCharacterDataHandler(p.get(), on_chars);
  if (XML_Parse(p.get(), body.data(), static_cast<int>(body.size()), XML_TRUE) == XML_STATUS_ERROR)
    return Failure::bad_response(std::string("the feed is not well-formed XML: ") +
                                 XML_ErrorString(XML_GetErrorCode(p.get())) + " at line " +
                                 std::to_string(XML_GetCurrentLineNumber(p.get())));
  return std::move(state.feed);
}

}  // namespace pantau::connectors::rss
