// A small direct-mapped memo for look-ups that are pure functions of a token
// and the loaded lexicon: second-chance stemming and hashtag segmentation.
// Word frequencies are Zipfian, so a few thousand entries catch nearly every
// repeat; a miss just recomputes. Entries are keyed by a 64-bit hash of the
// inputs and tagged with the lexicon's id, so a reloaded lexicon (SIGHUP, a
// second scorer with overlays) never sees another's results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pantau::sentiment::detail {

template <class V>
class Memo {
 public:
  explicit Memo(size_t slots_pow2) : entries_(slots_pow2), mask_(slots_pow2 - 1) {}

  // Forgets everything when `owner` (a Lexicon::id()) changes.
  void bind(uint64_t owner) {
    if (owner == owner_) return;
    for (Entry& e : entries_) e.key = 0;
    owner_ = owner;
  }
  const V* find(uint64_t key) const {
    const Entry& e = entries_[slot(key)];
    return e.key == (key | 1) ? &e.value : nullptr;
  }
  void put(uint64_t key, const V& value) {
    Entry& e = entries_[slot(key)];
    e.key = key | 1;  // 0 marks an empty slot
    e.value = value;
  }

 private:
  struct Entry { uint64_t key = 0; V value{}; };
  size_t slot(uint64_t key) const { return static_cast<size_t>(key >> 20) & mask_; }
  std::vector<Entry> entries_;
  size_t mask_;
  uint64_t owner_ = 0;
};

}  // namespace pantau::sentiment::detail
