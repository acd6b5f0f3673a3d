// A small stand-alone driver for the scorer, for evaluation scripts and for
// trying the model without the full CLI:
//   pantau_score [--lexicon FILE]... "text" [--explain]
//   pantau_score [--lexicon FILE]... --batch  < texts > scores
//   pantau_score [--lexicon FILE]... --snapshot < texts > snapshot
// --snapshot writes everything the scorer says about each line (compound to six
// decimals, shares, language, spam, every explanation entry): two builds that
// write the same snapshot score identically (tools/compare_builds.sh).
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "sentiment/batch.hpp"
#include "sentiment/scorer.hpp"

namespace ps = pantau::sentiment;

int main(int argc, char** argv) {
  ps::ScorerOptions opts;
  bool batch = false, explain = false, snapshot = false;
  std::string text;
  bool have_text = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--batch")) batch = true;
    else if (!std::strcmp(argv[i], "--snapshot")) snapshot = true;
    else if (!std::strcmp(argv[i], "--explain")) explain = true;
    else if (!std::strcmp(argv[i], "--lexicon") && i + 1 < argc) opts.lexicon_files.push_back(argv[++i]);
    else if (argv[i][0] == '-' && argv[i][1] == '-') { std::fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    else { text = argv[i]; have_text = true; }
  }
  if (!batch && !snapshot && !have_text) {
    std::fprintf(stderr, "usage: pantau_score [--lexicon FILE]... (\"text\" [--explain] | --batch | --snapshot)\n");
    return 2;
  }
  std::unique_ptr<ps::Scorer> scorer;
  try {
    scorer = ps::make_scorer(opts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pantau_score: %s\n", e.what());
    return 1;
  }
  if (snapshot) {
    ps::Score s;
    for (std::string line; std::getline(std::cin, line);) {
      scorer->score_into(line, s, true);
      std::printf("%.6f %s %s %.4f %.4f %.4f %.*s |", s.compound, ps::to_string(s.label), ps::to_string(s.lang), s.pos,
                  s.neu, s.neg, static_cast<int>(s.spam_reason.size()), s.spam_reason.data());
      for (const auto& c : s.explanation) std::printf(" [%s %.4f %s]", c.span.c_str(), c.valence, c.rule.c_str());
      std::printf("\n");
    }
    return std::ferror(stdout) ? 1 : 0;
  }
  if (batch) {
    static char outbuf[1 << 16];
    std::setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    return ps::score_lines(*scorer, stdin, stdout) ? 0 : 1;
  }
  ps::Score s = scorer->score(text, explain);
  std::printf("score=%.4f label=%s lang=%s pos=%.3f neu=%.3f neg=%.3f", s.compound, ps::to_string(s.label),
              ps::to_string(s.lang), s.pos, s.neu, s.neg);
  if (s.spam) std::printf(" spam=\"%.*s\"", static_cast<int>(s.spam_reason.size()), s.spam_reason.data());
  std::printf("\n");
  for (const auto& c : s.explanation)
    std::printf("  %+7.3f  %-24s %s\n", c.valence, c.span.c_str(), c.rule.c_str());
  return 0;
}
