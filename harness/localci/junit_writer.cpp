#include "junit_writer.hpp"

#include <cstdio>

namespace canary::localci {
namespace {

// XML 1.0 text: the five specials escaped, other control characters (not allowed) as U+FFFD.
std::string xml_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

std::string seconds(long ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ms) / 1000.0);
  return text;
}

}  // namespace

std::string tier_junit(const std::string& recipe, const TierReport& tier) {
  int failures = 0, errors = 0, skipped = 0;
  std::string cases;
  for (const auto& test : tier.tests) {
    cases += "  <testcase classname=\"" + xml_escape(recipe + "." + tier.name) + "\" name=\"" +
             xml_escape(test.name) + "\" time=\"" + seconds(test.ms) + "\"";
    const std::string message = " message=\"" + xml_escape(test.reason) + "\"/>";
    if (test.status == "fail") {
      ++failures;
      cases += "><failure" + message + "</testcase>\n";
    } else if (test.status == "error") {
      ++errors;
      cases += "><error" + message + "</testcase>\n";
    } else if (test.status == "skip") {
      ++skipped;
      cases += "><skipped" + message + "</testcase>\n";
    } else {
      cases += "/>\n";
    }
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" +
         xml_escape(tier.name) + "\" tests=\"" + std::to_string(tier.tests.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
         "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + seconds(tier.ms) + "\">\n" +
         cases + "</testsuite>\n";
}

}  // namespace canary::localci
