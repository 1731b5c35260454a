// GoogleTest dialect sample: its --gtest_output=xml is judged by junit_dialects_test.
#include <gtest/gtest.h>
TEST(Suite, Passes) { EXPECT_EQ(1, 1); }
TEST(Suite, Fails) { EXPECT_EQ(1, 2); EXPECT_TRUE(false); }
TEST(Suite, Skips) { GTEST_SKIP() << "not here"; }
TEST(Suite, DISABLED_Off) { FAIL(); }
