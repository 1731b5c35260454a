// libFuzzer target: the results parser's JSON fast path against nlohmann's SAX parser. The fast
// path may give up on any input (nlohmann then parses it from scratch), but whatever it decides
// must be what nlohmann decides: a document it accepts, nlohmann accepts with the very same
// events; a run the handler stops, nlohmann's run stops at the same event; and what it fed the
// handler before giving up is a prefix of nlohmann's events. The first input byte picks which
// event the handler refuses (0: none), so refusals are fuzzed too.
#include "fast_sax.hpp"
#include "sax_recorder.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using canary::results_detail::fast_sax_parse;
using canary::results_detail::FastSax;
using canary::testing::nlohmann_events;
using canary::testing::Recorder;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t refuse_at = data[0] % 16;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Recorder fast(refuse_at);
  const FastSax decision = fast_sax_parse(text, fast);
  bool nlohmann_ok = false;
  const auto expected = nlohmann_events(text, refuse_at, nlohmann_ok);
  switch (decision) {
    case FastSax::accepted:
      if (!nlohmann_ok || fast.events() != expected) std::abort();
      break;
    case FastSax::rejected:
      if (nlohmann_ok || fast.events() != expected) std::abort();
      break;
    case FastSax::unsupported:
      if (fast.events().size() > expected.size() ||
          !std::equal(fast.events().begin(), fast.events().end(), expected.begin()))
        std::abort();
      break;
  }
  return 0;
}
