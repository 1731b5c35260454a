#include <canary/secrets.hpp>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace canary {

SecretMask::SecretMask(std::vector<std::string> values) : values_(std::move(values)) {
  std::erase_if(values_, [](const std::string& value) { return value.empty(); });
  std::sort(values_.begin(), values_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
}

std::vector<std::string> SecretMask::values_from_environment(
    const std::vector<std::string>& names, const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> values;
  for (const std::string& name : names) {
    if (const auto it = overrides.find(name); it != overrides.end()) values.push_back(it->second);
    if (const char* value = std::getenv(name.c_str()); value != nullptr) values.emplace_back(value);
  }
  return values;
}

SecretMask SecretMask::from_environment(const std::vector<std::string>& names,
                                        const std::map<std::string, std::string>& overrides) {
  return SecretMask(values_from_environment(names, overrides));
}

namespace {

// Every occurrence of `secret` in `text`, overlapping ones too (Knuth-Morris-Pratt: linear in
// both, so a flood of "aaaa..." cannot make masking quadratic), as `visit(start)`.
template <typename Visit>
void for_each_occurrence(std::string_view text, std::string_view secret, Visit visit) {
  std::vector<std::size_t> border(secret.size(), 0);
  for (std::size_t i = 1, k = 0; i < secret.size(); ++i) {
    while (k > 0 && secret[i] != secret[k]) k = border[k - 1];
    if (secret[i] == secret[k]) ++k;
    border[i] = k;
  }
  for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
    while (k > 0 && text[i] != secret[k]) k = border[k - 1];
    if (text[i] == secret[k]) ++k;
    if (k == secret.size()) {
      visit(i + 1 - k);
      k = border[k - 1];
    }
  }
}

}  // namespace

std::string SecretMask::apply(std::string_view text) const {
  // Every byte of every occurrence is hidden, overlapping ones included ("aaa" holds "aa" twice;
  // two secrets may share bytes): masking one at a time would leave the other's tail in view.
  // Each occurrence that starts outside what is already hidden shows as one kSecretMask.
  std::vector<bool> hidden;
  std::vector<bool> starts;
  for (const std::string& secret : values_) {
    if (text.find(secret) == std::string_view::npos) continue;
    if (hidden.empty()) {
      hidden.assign(text.size(), false);
      starts.assign(text.size(), false);
    }
    std::size_t covered = 0;  // this secret's hidden bytes so far end here
    for_each_occurrence(text, secret, [&](std::size_t at) {
      if (!hidden[at]) starts[at] = true;
      for (std::size_t i = std::max(at, covered); i < at + secret.size(); ++i) hidden[i] = true;
      covered = at + secret.size();
    });
  }
  if (hidden.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (starts[i]) out += kSecretMask;
    if (!hidden[i]) out += text[i];
  }
  return out;
}

std::string unavailable_secrets(const std::vector<std::string>& names,
                                const std::map<std::string, std::string>& overrides) {
  std::string out;
  for (const std::string& name : names) {
    const auto it = overrides.find(name);
    const char* value = std::getenv(name.c_str());
    if ((it == overrides.end() || it->second.empty()) && (value == nullptr || *value == '\0')) {
      out += (out.empty() ? "" : ", ") + name;
    }
  }
  return out;
}

std::string mask_secrets(std::string_view text, const std::vector<std::string>& values) {
  return SecretMask(values).apply(text);
}

}  // namespace canary
