#include <canary/secrets.hpp>

#include <algorithm>
#include <cstdlib>

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

std::string SecretMask::apply(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : values_) {
    std::string masked;
    std::size_t from = 0;
    for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, from)) {
      masked.append(out, from, at - from);
      masked += kSecretMask;
      from = at + secret.size();
    }
    if (from == 0) continue;
    masked.append(out, from);
    out = std::move(masked);
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
