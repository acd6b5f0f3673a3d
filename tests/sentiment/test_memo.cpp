// The per-thread memo behind second chances and hashtag splits (memo.hpp):
// a key is found until kWays newer keys of its set push it out, bare-key
// memos answer contains() only, and binding another lexicon forgets all.
#include <gtest/gtest.h>

#include <cstdint>

#include "sentiment/memo.hpp"

namespace pantau::sentiment::test {
namespace {

using detail::Memo;

// Keys that differ only below bit 20 share a set (the set comes from bits 20 up).
constexpr uint64_t same_set(unsigned i) { return 0xabc00000ull + 2ull * i; }

TEST(Memo, BareKeysStayUntilEightNewerKeysOfTheirSetPushThemOut) {
  Memo<void, 8> memo(16);
  memo.bind(1);
  memo.put(same_set(0));
  for (unsigned i = 1; i < 8; ++i) memo.put(same_set(i));
  for (unsigned i = 0; i < 8; ++i) EXPECT_TRUE(memo.contains(same_set(i))) << i;
  EXPECT_FALSE(memo.contains(same_set(8)));
  EXPECT_FALSE(memo.contains(same_set(0) + (1ull << 20)));  // another set
  memo.put(same_set(8));  // the ninth key of the set: the oldest goes
  EXPECT_FALSE(memo.contains(same_set(0)));
  for (unsigned i = 1; i <= 8; ++i) EXPECT_TRUE(memo.contains(same_set(i))) << i;
}

TEST(Memo, ValuesAreFoundWithTheirKeys) {
  Memo<int, 4> memo(8);
  memo.bind(1);
  for (unsigned i = 0; i < 4; ++i) memo.put(same_set(i), static_cast<int>(100 + i));
  for (unsigned i = 0; i < 4; ++i) {
    const int* v = memo.find(same_set(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, static_cast<int>(100 + i));
  }
  memo.put(same_set(4), 104);
  EXPECT_EQ(memo.find(same_set(0)), nullptr);
  ASSERT_NE(memo.find(same_set(4)), nullptr);
  EXPECT_EQ(*memo.find(same_set(4)), 104);
}

TEST(Memo, BindingAnotherLexiconForgetsEverything) {
  Memo<void, 8> memo(4);
  memo.bind(7);
  memo.put(42);
  EXPECT_TRUE(memo.contains(42));
  memo.bind(7);  // the same lexicon: kept
  EXPECT_TRUE(memo.contains(42));
  memo.bind(8);
  EXPECT_FALSE(memo.contains(42));
}

}  // namespace
}  // namespace pantau::sentiment::test
