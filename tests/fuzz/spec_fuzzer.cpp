// libFuzzer target: YAML text -> canary spec + diagnostics. Any input must end in a spec or in
// diagnostics, never a crash, a hang or an exception; a loaded spec carries no error.
#include <canary/spec_loader.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const canary::SpecFile file = canary::load_spec("fuzz.yaml", text, {{"smoke"}});
  // The loader's contract: a spec only without errors, and an error for every refused file.
  if (file.spec.has_value() == canary::has_errors(file.diagnostics)) std::abort();
  for (const canary::Diagnostic& diagnostic : file.diagnostics) {
    if (diagnostic.message.empty() || diagnostic.path != "fuzz.yaml") std::abort();
    (void)canary::format(diagnostic);
  }
  return 0;
}
