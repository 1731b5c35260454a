#include <canary/spec_loader.hpp>
#include <canary/safe_file.hpp>

#include "spec_reader.hpp"
#include "yaml_text.hpp"

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace canary {
namespace spec_detail {
namespace {

constexpr DocumentWords kSpecDocument = {
    "a spec file holds one canary",
    "empty file: a spec is a map with 'canary', 'recipe', 'sha' and 'expect'"};

// An implied expectation points at what implies it: `fails_at` for the verdict and the tiers
// before it, `expect` for the flags nobody wrote down.
void place_implied(CanarySpec& spec) {
  auto& places = spec.places;
  if (const auto fails_at = places.find("fails_at"); fails_at != places.end()) {
    const Place at = fails_at->second;
    places.try_emplace("verdict", at);
    for (const auto& tier : expected_tiers(spec)) places.try_emplace("tier " + tier.first, at);
  }
  if (const auto expect = places.find("expect"); expect != places.end()) {
    const Place at = expect->second;
    for (const std::string_view flag : kStandardFlags) {
      places.try_emplace("flag " + std::string(flag), at);
    }
  }
}

void complete(CanarySpec& spec) {
  if (spec.expect.fails_at && !spec.expect.verdict) spec.expect.verdict = Color::red;
  for (const std::string_view flag : kStandardFlags) {
    spec.expect.flags.try_emplace(std::string(flag), true);
  }
  place_implied(spec);
}

}  // namespace

std::string fingerprint(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "fnv1a64:";
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 0xf];
  return out;
}

ReadSpec read_spec(const std::string& path, std::string_view text, const LoadOptions& options) {
  ReadSpec out;
  out.file.path = path;
  Reporter reporter(path);
  const YAML::Node root = load_document(text, kSpecDocument, reporter);
  if (root.IsDefined() && !root.IsMap()) {
    reporter.error(place_of(root), "a spec must be a map of keys, not " + describe(root));
  } else if (root.IsDefined()) {
    const Reporter before = reporter;
    CanarySpec spec;
    read_fields(root, options, reporter, spec, out.id);
    if (reporter.count() != 0 && options.more_tiers) {
      // Read the fields again, as if the more tiers had been there from the start.
      LoadOptions all;
      all.extra_tiers = options.extra_tiers;
      for (std::string& tier : options.more_tiers()) all.extra_tiers.push_back(std::move(tier));
      reporter = before;
      spec = CanarySpec();
      out.id.reset();
      read_fields(root, all, reporter, spec, out.id);
    }
    if (reporter.count() == 0) {
      complete(spec);
      spec.path = path;
      spec.hash = fingerprint(text);
      out.file.spec = std::move(spec);
    }
  }
  out.file.diagnostics = reporter.take();
  return out;
}

ReadSpec read_spec_file(const std::string& path, const LoadOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    ReadSpec out;
    out.file.path = path;
    out.file.diagnostics.push_back(
        {path, 0, 0, Severity::error, "is a directory, not a spec file"});
    return out;
  }
  // Non-blocking, regular files only, capped: a FIFO or /dev/zero as a spec must not hang lint.
  const FileText file = read_regular_file(path, kMaxConfigBytes, Follow::yes);
  if (!file.ok()) {
    ReadSpec out;
    out.file.path = path;
    out.file.diagnostics.push_back({path, 0, 0, Severity::error,
                                    file.missing ? "cannot read: No such file or directory"
                                                 : "cannot read: " + file.error});
    return out;
  }
  return read_spec(path, file.text, options);
}

}  // namespace spec_detail

SpecFile load_spec(const std::string& path, std::string_view text, const LoadOptions& options) {
  return spec_detail::read_spec(path, text, options).file;
}

SpecFile load_spec_file(const std::string& path, const LoadOptions& options) {
  return spec_detail::read_spec_file(path, options).file;
}

}  // namespace canary
