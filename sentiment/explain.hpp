// Explanations of a scored text (see explain.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/lexicon.hpp"
#include "sentiment/scorer.hpp"
#include "sentiment/tokenizer.hpp"
#include "sentiment/units.hpp"

namespace pantau::sentiment::detail {

// Appends to `out` one Contribution per unit among units[0, n) that carries a
// nonzero final valence; units' first_tok/last_tok must be set.
void explain_units(const Lexicon& lex, const Unit* units, size_t n, const TokenList& tokens, const std::string& norm,
                   std::string_view text, std::vector<Contribution>& out);

}  // namespace pantau::sentiment::detail
