// Batch scoring for the CLI and tools: one text per line in, one
// "score<TAB>label<TAB>lang" line out, through large buffers and no per-line flush.
#pragma once

#include <cstdio>

#include "sentiment/scorer.hpp"

namespace pantau::sentiment {

// Returns false if reading or writing failed.
bool score_lines(const Scorer& scorer, std::FILE* in, std::FILE* out);

// Writes `value` with four decimals into `buf` (at least 8 bytes); returns the length.
int format_score(double value, char* buf) noexcept;

}  // namespace pantau::sentiment
