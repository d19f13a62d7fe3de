#include "core/score/ordered_pool_internal.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace credence::score {
namespace {

// Chunks finish out of order (later ones faster) yet are drained in order.
std::vector<int> DrainOrder(std::size_t chunks, int threads, std::size_t window) {
  std::vector<int> order;
  Status s = RunOrdered<std::vector<int>>(
      chunks, threads, window,
      [&](int, std::size_t chunk, std::vector<int>& slot) {
        slot.assign(1, static_cast<int>(chunk));
        if (chunk % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
      },
      [&](std::size_t chunk, std::vector<int>& slot) {
        EXPECT_EQ(slot.size(), 1u);
        EXPECT_EQ(slot[0], static_cast<int>(chunk));
        order.push_back(slot[0]);
        return Status::Ok();
      });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return order;
}

TEST(OrderedPool, DrainsEveryChunkInOrderForAnyThreadCount) {
  std::vector<int> expected(100);
  for (int i = 0; i < 100; ++i) expected[i] = i;
  EXPECT_EQ(DrainOrder(100, 1, 4), expected);
  EXPECT_EQ(DrainOrder(100, 2, 1), expected);
  EXPECT_EQ(DrainOrder(100, 3, 4), expected);
  EXPECT_EQ(DrainOrder(100, 8, 16), expected);
  EXPECT_TRUE(DrainOrder(0, 3, 4).empty());
}

TEST(OrderedPool, ADrainErrorStopsAndIsReturned) {
  for (int threads : {1, 2, 4}) {
    int drained = 0;
    Status s = RunOrdered<int>(
        1000, threads, 4, [](int, std::size_t, int& slot) { slot = 1; },
        [&](std::size_t chunk, int&) {
          ++drained;
          return chunk == 10 ? Status::Io("sink full") : Status::Ok();
        });
    EXPECT_EQ(s.ToString(), Status::Io("sink full").ToString());
    EXPECT_EQ(drained, 11) << threads << " threads";
  }
}

TEST(OrderedPool, NoMoreThanTheWindowInFlight) {
  std::atomic<int> in_flight{0};
  std::atomic<int> most{0};
  Status s = RunOrdered<int>(
      200, 4, 3,
      [&](int, std::size_t, int&) {
        int now = ++in_flight;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
      },
      [&](std::size_t, int&) {
        --in_flight;
        return Status::Ok();
      });
  EXPECT_TRUE(s.ok());
  EXPECT_LE(most.load(), 3);
}

}  // namespace
}  // namespace credence::score
