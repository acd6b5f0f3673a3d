#include "sentiment/batch.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

#include <unistd.h>

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

namespace {

// Whole blocks through read(2)/write(2): stdio's per-call locking and copying
// cost more than formatting once the scorer is fast.
bool read_some(int fd, char* p, size_t n, size_t& got) {
  for (;;) {
    ssize_t r = ::read(fd, p, n);
    if (r >= 0) { got = static_cast<size_t>(r); return true; }
    if (errno != EINTR) return false;
  }
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::write(fd, p, n);
    if (r < 0) { if (errno == EINTR) continue; return false; }
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

// Formats one result line into `o` (at least 32 bytes); returns the end.
char* format_line(const Score& s, char* o) {
  o += format_score(s.compound, o);
  *o++ = '\t';
  const char* label = to_string(s.label);
  size_t ln = std::strlen(label);
  std::memcpy(o, label, ln);
  o += ln;
  *o++ = '\t';
  const char* lang = to_string(s.lang);
  size_t gn = std::strlen(lang);
  std::memcpy(o, lang, gn);
  o += gn;
  *o++ = '\n';
  return o;
}

// Scores lines [first, last) of `lines` into `out` (replaced).
void score_range(const Scorer& scorer, const std::vector<std::string_view>& lines, size_t first, size_t last,
                 std::vector<char>& out) {
  constexpr size_t kLineMax = 32;
  out.resize((last - first) * kLineMax);
  char* o = out.data();
  Score s;
  for (size_t i = first; i < last; ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    scorer.score_into(line, s, false);
    o = format_line(s, o);
  }
  out.resize(static_cast<size_t>(o - out.data()));
}

}  // namespace

bool score_lines(const Scorer& scorer, std::FILE* in, std::FILE* out) {
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kMinLinesPerThread = 2048;
  // Anything already buffered in the FILEs must come first.
  if (std::fflush(out) != 0) return false;
  const int ifd = ::fileno(in), ofd = ::fileno(out);
  if (ifd < 0 || ofd < 0) return false;
  // The scorer is thread-safe and deterministic: each block's lines are split
  // between threads and their outputs written back in order.
  unsigned hw = std::thread::hardware_concurrency();
  const size_t nthreads = hw == 0 ? 1 : hw > 8 ? 8 : hw;
  std::vector<std::vector<char>> outs(nthreads);
  std::vector<std::string_view> lines;
  std::vector<char> inbuf(kChunk * 2);
  size_t have = 0;
  bool ok = true;
  auto score_block = [&]() {
    size_t parts = lines.size() / kMinLinesPerThread;
    if (parts > nthreads) parts = nthreads;
    if (parts < 1) parts = 1;
    std::vector<std::thread> workers;
    size_t per = (lines.size() + parts - 1) / parts;
    for (size_t k = 1; k < parts; ++k) {
      size_t a = k * per < lines.size() ? k * per : lines.size();
      size_t b = a + per < lines.size() ? a + per : lines.size();
      workers.emplace_back([&, a, b, k] { score_range(scorer, lines, a, b, outs[k]); });
    }
    score_range(scorer, lines, 0, per < lines.size() ? per : lines.size(), outs[0]);
    for (auto& w : workers) w.join();
    for (size_t k = 0; k < parts; ++k)
      if (!outs[k].empty() && !write_all(ofd, outs[k].data(), outs[k].size())) ok = false;
    lines.clear();
  };
  for (;;) {
    if (have == inbuf.size()) inbuf.resize(inbuf.size() * 2);  // a line longer than the buffer
    size_t got = 0;
    if (!read_some(ifd, inbuf.data() + have, inbuf.size() - have, got)) { ok = false; break; }
    if (got == 0) break;
    size_t scan_from = have;
    have += got;
    size_t start = 0;
    const char* base = inbuf.data();
    for (;;) {
      const void* nl = std::memchr(base + scan_from, '\n', have - scan_from);
      if (!nl) break;
      size_t end = static_cast<size_t>(static_cast<const char*>(nl) - base);
      lines.emplace_back(base + start, end - start);
      start = end + 1;
      scan_from = start;
    }
    if (!lines.empty()) score_block();
    std::memmove(inbuf.data(), inbuf.data() + start, have - start);
    have -= start;
  }
  if (have > 0) {
    lines.emplace_back(inbuf.data(), have);
    score_block();
  }
  return ok;
}

}  // namespace pantau::sentiment
