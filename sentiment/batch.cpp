#include "sentiment/batch.hpp"

#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

namespace pantau::sentiment {

int format_score(double value, char* buf) noexcept {
  long v = std::lround(value * 10000.0);
  int n = 0;
  if (v < 0) { buf[n++] = '-'; v = -v; }
  buf[n++] = static_cast<char>('0' + v / 10000);
  buf[n++] = '.';
  long frac = v % 10000;
  buf[n++] = static_cast<char>('0' + frac / 1000);
  buf[n++] = static_cast<char>('0' + frac / 100 % 10);
  buf[n++] = static_cast<char>('0' + frac / 10 % 10);
  buf[n++] = static_cast<char>('0' + frac % 10);
  return n;
}

bool score_lines(const Scorer& scorer, std::FILE* in, std::FILE* out) {
  constexpr size_t kChunk = 1 << 20;
  std::vector<char> inbuf(kChunk * 2);
  std::vector<char> outbuf;
  outbuf.reserve(kChunk + 256);
  size_t have = 0;
  Score s;
  bool ok = true;
  auto flush = [&]() {
    if (!outbuf.empty() && std::fwrite(outbuf.data(), 1, outbuf.size(), out) != outbuf.size()) ok = false;
    outbuf.clear();
  };
  auto emit_line = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    scorer.score_into(line, s, false);
    char num[16];
    int n = format_score(s.compound, num);
    outbuf.insert(outbuf.end(), num, num + n);
    outbuf.push_back('\t');
    const char* label = to_string(s.label);
    outbuf.insert(outbuf.end(), label, label + std::strlen(label));
    outbuf.push_back('\t');
    const char* lang = to_string(s.lang);
    outbuf.insert(outbuf.end(), lang, lang + std::strlen(lang));
    outbuf.push_back('\n');
    if (outbuf.size() >= kChunk) flush();
  };
  for (;;) {
    if (have == inbuf.size()) inbuf.resize(inbuf.size() * 2);  // a line longer than the buffer
    size_t got = std::fread(inbuf.data() + have, 1, inbuf.size() - have, in);
    if (got == 0) break;
    have += got;
    size_t start = 0;
    for (;;) {
      const void* nl = std::memchr(inbuf.data() + start, '\n', have - start);
      if (!nl) break;
      size_t end = static_cast<size_t>(static_cast<const char*>(nl) - inbuf.data());
      emit_line(std::string_view(inbuf.data() + start, end - start));
      start = end + 1;
    }
    std::memmove(inbuf.data(), inbuf.data() + start, have - start);
    have -= start;
  }
  if (std::ferror(in)) ok = false;
  if (have > 0) emit_line(std::string_view(inbuf.data(), have));
  flush();
  if (std::fflush(out) != 0) ok = false;
  return ok;
}

}  // namespace pantau::sentiment
