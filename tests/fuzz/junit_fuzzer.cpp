// libFuzzer target: JUnit XML bytes -> one tier or an error naming `source:line`. Any input
// must end in one of the two, never a crash, a hang or an exception.
#include <canary/junit_results.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const canary::ParsedJunitTier parsed = canary::parse_junit(text, "fuzz.xml", "custom");
  // An error always names its source; a tier is never xfail or xpass and keeps its name.
  if (!parsed.ok() && parsed.error.rfind("fuzz.xml:", 0) != 0) std::abort();
  if (parsed.ok() && (!canary::is_tier_status(parsed.tier.status) || parsed.tier.name != "custom"))
    std::abort();
  return 0;
}
