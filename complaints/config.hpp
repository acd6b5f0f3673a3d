// The [complaints] config section:
//
//   [complaints]
//   replace_aspects = false          # true: the listed aspects replace the defaults
//   first_person = ["ane"]           # extra first-person cues
//   experience = ["ditolak kasir"]   # extra own-experience cues
//   news = ["rups"]                  # extra news/market cues
//   [complaints.aspects]
//   delivery = ["telat banget", "kurirnya"]   # adds terms; a new name adds an aspect
//
// The lead's config loader calls parse_complaints_config() and turns the
// collected issues into a ConfigError.
#pragma once

#include "common/config_error.hpp"
#include "sentiment/complaint.hpp"

#include <toml++/toml.h>

#include <string>
#include <vector>

namespace pantau::complaints {

struct ComplaintsConfig {
  sentiment::Taxonomy taxonomy = sentiment::default_taxonomy();
};

// `section` may be null (no [complaints] table): defaults. Unknown keys and
// wrong types become ConfigIssues (with the line) and are otherwise ignored.
ComplaintsConfig parse_complaints_config(const toml::table* section, const std::string& file,
                                         std::vector<pantau::ConfigIssue>& issues);

}  // namespace pantau::complaints
