// libFuzzer target: results.json bytes -> RunResult or an error naming the source. Any input
// must end in one of the two, never a crash, a hang or an exception.
#include <canary/results_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const canary::ParsedResults parsed = canary::parse_results(text, "fuzz.json");
  // An error always names its source; a result never comes with a derived exit code.
  if (!parsed.ok() && parsed.error.rfind("fuzz.json: ", 0) != 0) std::abort();
  if (parsed.ok() && parsed.result.exit_code.has_value()) std::abort();
  return 0;
}
