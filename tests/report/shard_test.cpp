#include "report/shard.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace canary {
namespace {

TEST(Shard, ParsesIOfN) {
  std::string error;
  const auto shard = parse_shard("2/3", error);
  ASSERT_TRUE(shard.has_value()) << error;
  EXPECT_EQ(shard->index, 2u);
  EXPECT_EQ(shard->count, 3u);
}

TEST(Shard, RejectsWhatIsNotIOfN) {
  for (const char* bad : {"", "3", "0/3", "4/3", "1/0", "a/3", "1/3x", "-1/3", "1/1001", "1//3"}) {
    std::string error;
    EXPECT_FALSE(parse_shard(bad, error).has_value()) << bad;
    EXPECT_THAT(error, ::testing::HasSubstr(std::string("'") + bad + "'"));
  }
}

TEST(Shard, ShardsAreDisjointCoverEveryKeyOnceAndIgnoreTheOrderKeysComeIn) {
  std::vector<std::string> keys;
  for (int i = 0; i < 23; ++i) keys.push_back("canary-" + std::to_string(i * 7 % 23));
  for (std::size_t count : {1u, 2u, 3u, 5u, 23u, 30u}) {
    std::vector<std::string> reversed(keys.rbegin(), keys.rend());
    for (const std::string& key : keys) {
      int owners = 0;
      for (std::size_t index = 1; index <= count; ++index) {
        const bool in = in_shard(keys, key, {index, count});
        EXPECT_EQ(in, in_shard(reversed, key, {index, count}));
        owners += in ? 1 : 0;
      }
      EXPECT_EQ(owners, 1) << key << " with " << count << " shards";
    }
  }
  EXPECT_FALSE(in_shard(keys, "not-a-canary", {1, 1}));
}

}  // namespace
}  // namespace canary
