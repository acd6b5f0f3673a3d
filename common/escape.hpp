// Escaping for the two formats Pantau writes untrusted text into: JSON
// strings (CLI output, the outbox payload, webhook bodies, log field values)
// and HTML (alert mails, the CX report). Posts are UTF-8 and pass through
// byte for byte: only ASCII is ever rewritten, so nothing is mangled and a
// string that is not valid UTF-8 stays exactly as wrong as it came in.
#pragma once

#include <string>
#include <string_view>

namespace pantau {

// The inside of a JSON string literal (no quotes): `"`, `\` and every control
// character (U+0000-U+001F and DEL) escaped, so a post's CR/LF can never
// break a JSON line or a log line.
std::string json_escape(std::string_view s);

// Appends `"` + json_escape(s) + `"`: what serialisers want, without a
// temporary per string.
void append_json_string(std::string& out, std::string_view s);

// Text or attribute value in HTML: & < > " ' become entities; safe inside
// element content and inside a quoted attribute value.
std::string html_escape(std::string_view s);

}  // namespace pantau
