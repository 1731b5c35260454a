#include "model/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace canary {
namespace {

TEST(ParallelFor, CallsTheBodyOnceForEveryIndex) {
  for (const std::size_t threads : {1u, 2u, 4u, 16u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < calls.size(); ++i) ASSERT_EQ(calls[i].load(), 1) << "index " << i;
  }
}

TEST(ParallelFor, NoItemsNoCalls) {
  int calls = 0;
  parallel_for(0, 4, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, RethrowsAnExceptionFromAnyThread) {
  for (const std::size_t threads : {2u, 4u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    EXPECT_THROW(parallel_for(1000, threads,
                              [&](std::size_t i) {
                                if (i == 10) throw std::runtime_error("item 10");
                              }),
                 std::runtime_error);
  }
}

// On one thread the stop is exact: nothing after the failing item runs. (With more threads the
// others stop soon after, but how soon depends on scheduling: not asserted.)
TEST(ParallelFor, OneThreadStopsAtTheFailingItem) {
  int calls = 0;
  EXPECT_THROW(parallel_for(1000, 1,
                            [&](std::size_t i) {
                              ++calls;
                              if (i == 10) throw std::runtime_error("item 10");
                            }),
               std::runtime_error);
  EXPECT_EQ(calls, 11);
}

TEST(ThreadsFor, StaysWithinOneAndTheCap) {
  EXPECT_EQ(threads_for(0, 32, 8), 1u);
  EXPECT_EQ(threads_for(10, 32, 8), 1u);
  EXPECT_LE(threads_for(100000, 32, 4), 4u);
  EXPECT_GE(threads_for(100000, 32, 4), 1u);
}

}  // namespace
}  // namespace canary
