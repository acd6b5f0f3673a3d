// A small memo for look-ups that are pure functions of a token and the
// loaded lexicon: second-chance stemming and hashtag segmentation.
// Word frequencies are Zipfian, so a few thousand entries catch nearly every
// repeat; a miss just recomputes. Entries are keyed by a 64-bit hash of the
// inputs and tagged with the lexicon's id, so a reloaded lexicon (SIGHUP, a
// second scorer with overlays) never sees another's results.
// kWays > 1 makes it set-associative: a key may sit in any of kWays entries
// of its set (a set of up to 64 bytes fills one cache line, so a look-up
// still reads one line), and a new entry pushes out the set's oldest. Two
// words whose hashes share a slot no longer evict each other: with 4096
// entries direct-mapped, 30% of the second-chance look-ups on English tweets
// missed, 17% with the same entries in sets of four.
// V = void keeps keys only, eight to a line: a set of the inputs whose answer
// is "nothing", the common answer of a second chance (see scorer.cpp).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace pantau::sentiment::detail {

template <class V, unsigned kWays>
struct MemoSet {
  uint64_t key[kWays] = {};
  V value[kWays]{};
};
template <unsigned kWays>
struct MemoSet<void, kWays> {
  uint64_t key[kWays] = {};
};

template <class V, unsigned kWays = 1>
class Memo {
  static_assert(kWays >= 1 && (kWays & (kWays - 1)) == 0);

 public:
  // `sets_pow2` sets of kWays entries, a power of two.
  explicit Memo(size_t sets_pow2) : sets_(sets_pow2), mask_(sets_pow2 - 1) {}

  // Forgets everything when `owner` (a Lexicon::id()) changes.
  void bind(uint64_t owner) {
    if (owner == owner_) return;
    for (Set& s : sets_)
      for (uint64_t& k : s.key) k = 0;
    owner_ = owner;
  }
  const V* find(uint64_t key) const requires(!std::is_void_v<V>) {
    const Set& s = sets_[slot(key)];
    const unsigned hit = ways_holding(s, key);
    return hit ? &s.value[std::countr_zero(hit)] : nullptr;
  }
  bool contains(uint64_t key) const { return ways_holding(sets_[slot(key)], key) != 0; }
  // For a key find() or contains() did not find: it becomes the set's first entry.
  void put(uint64_t key) requires std::is_void_v<V> { push_front(key); }
  template <class T = V>
  void put(uint64_t key, const T& value) requires(!std::is_void_v<V>) { push_front(key).value[0] = value; }

 private:
  // A set of one cache line is aligned to one.
  struct alignas(sizeof(MemoSet<V, kWays>) == 64 ? 64 : alignof(MemoSet<V, kWays>)) Set : MemoSet<V, kWays> {};
  // Moves the set's entries down one way (the last falls out) and puts `key` first.
  Set& push_front(uint64_t key) {
    Set& s = sets_[slot(key)];
    for (unsigned w = kWays - 1; w > 0; --w) {
      s.key[w] = s.key[w - 1];
      if constexpr (!std::is_void_v<V>) s.value[w] = s.value[w - 1];
    }
    s.key[0] = key | 1;  // 0 marks an empty entry
    return s;
  }
  // One bit per way that holds `key`, compared without a branch per way.
  static unsigned ways_holding(const Set& s, uint64_t key) {
    const uint64_t k = key | 1;
    unsigned hit = 0;
    for (unsigned w = 0; w < kWays; ++w) hit |= static_cast<unsigned>(s.key[w] == k) << w;
    return hit;
  }
  size_t slot(uint64_t key) const { return static_cast<size_t>(key >> 20) & mask_; }
  std::vector<Set> sets_;
  size_t mask_;
  uint64_t owner_ = 0;
};

}  // namespace pantau::sentiment::detail
