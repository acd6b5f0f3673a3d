#include "complaints/config.hpp"

namespace pantau::complaints {
namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads an array of strings; a non-array or non-string element is an issue.
bool read_strings(const toml::node& node, const std::string& key, const std::string& file,
                  std::vector<pantau::ConfigIssue>& issues, std::vector<std::string>& out) {
  const toml::array* arr = node.as_array();
  if (!arr) {
    issues.push_back({file, line_of(node), key, "expected an array of strings, e.g. [\"telat\", \"lama\"]"});
    return false;
  }
  for (const toml::node& el : *arr) {
    auto s = el.value<std::string>();
    if (!s || s->empty()) {
      issues.push_back({file, line_of(el), key, "every element must be a non-empty string"});
      continue;
    }
    out.push_back(*s);
  }
  return true;
}

}  // namespace

ComplaintsConfig parse_complaints_config(const toml::table* section, const std::string& file,
                                         std::vector<pantau::ConfigIssue>& issues) {
  ComplaintsConfig cfg;
  if (!section) return cfg;
  bool replace = false;
  if (const toml::node* r = section->get("replace_aspects")) {
    if (auto b = r->value<bool>()) replace = *b;
    else issues.push_back({file, line_of(*r), "complaints.replace_aspects", "expected true or false"});
  }
  for (const auto& [k, node] : *section) {
    const std::string key(k.str());
    const std::string dotted = "complaints." + key;
    if (key == "replace_aspects") continue;
    if (key == "first_person") read_strings(node, dotted, file, issues, cfg.taxonomy.first_person);
    else if (key == "experience") read_strings(node, dotted, file, issues, cfg.taxonomy.experience);
    else if (key == "news") read_strings(node, dotted, file, issues, cfg.taxonomy.news);
    else if (key == "aspects") {
      const toml::table* aspects = node.as_table();
      if (!aspects) {
        issues.push_back({file, line_of(node), dotted,
                          "expected a table of aspect = [terms], e.g. [complaints.aspects] delivery = [\"telat\"]"});
        continue;
      }
      if (replace) cfg.taxonomy.aspects.clear();
      for (const auto& [name, terms] : *aspects) {
        std::vector<std::string> list;
        const std::string aspect(name.str());
        if (read_strings(terms, dotted + "." + aspect, file, issues, list))
          cfg.taxonomy.add_terms(aspect, list);
      }
    } else {
      issues.push_back({file, line_of(node), dotted,
                        "unknown key (known: aspects, replace_aspects, first_person, experience, news)"});
    }
  }
  return cfg;
}

}  // namespace pantau::complaints
