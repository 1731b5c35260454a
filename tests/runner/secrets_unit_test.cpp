// SecretMask: the one masking function for everything Canary prints or records.
#include <canary/secrets.hpp>

#include <gtest/gtest.h>

#include <cstdlib>

namespace canary {
namespace {

TEST(SecretMask, MasksEveryOccurrence) {
  const SecretMask mask({"hunter2"});
  EXPECT_EQ(mask.apply("pw=hunter2; again hunter2hunter2."), "pw=***; again ******.");
  EXPECT_EQ(mask.apply("nothing here"), "nothing here");
  EXPECT_EQ(mask.apply(""), "");
}

TEST(SecretMask, MasksTheLongerOfOverlappingSecretsWhole) {
  const SecretMask mask({"abc", "abcdef"});
  EXPECT_EQ(mask.apply("x abcdef y abc z"), "x *** y *** z");
}

TEST(SecretMask, IgnoresEmptyValuesAndMasksNothingWithoutSecrets) {
  const SecretMask mask({"", ""});
  EXPECT_TRUE(mask.empty());
  EXPECT_EQ(mask.apply("text"), "text");
  EXPECT_TRUE(SecretMask().empty());
}

TEST(SecretMask, MasksBinaryAndMultiLineValues) {
  const std::string secret = "line1\nline2\xff";
  EXPECT_EQ(SecretMask({secret}).apply("[" + secret + "]"), "[***]");
}

TEST(SecretMask, MasksTheEnvironmentsAndTheProfilesValuesOfTheNamedVariables) {
  ::setenv("CANARY_UNIT_SECRET_A", "from-env-a", 1);
  ::setenv("CANARY_UNIT_SECRET_B", "from-env-b", 1);
  ::unsetenv("CANARY_UNIT_SECRET_UNSET");
  const SecretMask mask = SecretMask::from_environment(
      {"CANARY_UNIT_SECRET_A", "CANARY_UNIT_SECRET_B", "CANARY_UNIT_SECRET_UNSET"},
      {{"CANARY_UNIT_SECRET_B", "override-b"}});
  // The harness gets the profile's value; the environment's may still reach a log: both masked.
  EXPECT_EQ(mask.apply("from-env-a from-env-b override-b"), "*** *** ***");
  ::unsetenv("CANARY_UNIT_SECRET_A");
  ::unsetenv("CANARY_UNIT_SECRET_B");
}

TEST(SecretMask, OneCallForm) {
  EXPECT_EQ(mask_secrets("token s3cr3t", {"s3cr3t"}), "token ***");
}

}  // namespace
}  // namespace canary
