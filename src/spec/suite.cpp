#include <canary/spec_loader.hpp>

#include "model/parallel.hpp"

#include "spec_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <unordered_map>

namespace canary {
namespace {

namespace fs = std::filesystem;

bool is_spec_name(const fs::path& path) {
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

Diagnostic path_error(const std::string& path, const std::string& message) {
  return {path, 0, 0, Severity::error, message};
}

// Every spec file under `dir`, sorted by path; hidden files and directories are skipped.
std::vector<std::string> files_under(const std::string& dir, std::vector<Diagnostic>& errors) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (is_spec_name(path) && it->is_regular_file(ec)) files.push_back(path.string());
  }
  if (ec) errors.push_back(path_error(dir, "cannot list directory: " + ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

// The files `paths` name, each once, in the order given (directories expanded in place).
std::vector<std::string> spec_paths(const std::vector<std::string>& paths,
                                    std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : canonical.string()).second) out.push_back(file);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      errors.push_back(path_error(path, "no such file or directory"));
    } else if (fs::is_directory(status)) {
      for (const std::string& file : files_under(path, errors)) add(file);
    } else {
      add(path);
    }
  }
  return out;
}

// Parses every file, on a few threads when there are many: yaml-cpp's scanner costs about
// 0.3 ms per spec, and independent parses share no mutable state.
std::vector<spec_detail::ReadSpec> read_all(const std::vector<std::string>& files,
                                          const LoadOptions& options) {
  std::vector<spec_detail::ReadSpec> out(files.size());
  parallel_for(files.size(), threads_for(files.size(), 32, 8),
               [&](std::size_t i) { out[i] = spec_detail::read_spec_file(files[i], options); });
  return out;
}

std::string at_line(const std::string& path, int line) {
  return line > 0 ? path + ":" + std::to_string(line) : path;
}

}  // namespace

std::vector<Diagnostic> Suite::all_diagnostics() const {
  std::vector<Diagnostic> out = errors;
  for (const SpecFile& file : files) {
    out.insert(out.end(), file.diagnostics.begin(), file.diagnostics.end());
  }
  return out;
}

bool Suite::ok() const {
  return !has_errors(errors) &&
         std::all_of(files.begin(), files.end(), [](const SpecFile& file) { return file.ok(); });
}

Suite load_suite(const std::vector<std::string>& paths, const LoadOptions& options) {
  Suite suite;
  struct FirstUse {
    std::string path;
    int line = 0;
  };
  std::unordered_map<std::string, FirstUse> ids;
  for (auto& [file, id] : read_all(spec_paths(paths, suite.errors), options)) {
    if (id) {
      const auto [first, inserted] = ids.try_emplace(id->id, FirstUse{file.path, id->at.line});
      if (!inserted) {
        file.diagnostics.push_back({file.path, id->at.line, id->at.column, Severity::error,
                                    "duplicate canary id '" + id->id + "' (first defined at " +
                                        at_line(first->second.path, first->second.line) + ")"});
        spec_detail::sort_by_position(file.diagnostics);
        file.spec.reset();
      }
    }
    suite.files.push_back(std::move(file));
  }
  return suite;
}

}  // namespace canary
