// Configuration errors: the one place where exceptions are the interface.
// Every message names the file, the line and the key, and says what to do.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace pantau {

struct ConfigIssue {
  std::string file;
  int line = 0;        // 0 when unknown
  std::string key;     // dotted path, e.g. "source[2].interval"
  std::string message; // what is wrong and what to do
  std::string to_string() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    s += ": ";
    if (!key.empty()) s += key + ": ";
    return s + message;
  }
};

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<ConfigIssue> issues)
      : std::runtime_error(join(issues)), m_issues(std::move(issues)) {}
  const std::vector<ConfigIssue>& issues() const { return m_issues; }

 private:
  static std::string join(const std::vector<ConfigIssue>& issues) {
    std::string s;
    for (const auto& i : issues) {
      if (!s.empty()) s += "\n";
      s += i.to_string();
    }
    return s;
  }
  std::vector<ConfigIssue> m_issues;
};

}  // namespace pantau
