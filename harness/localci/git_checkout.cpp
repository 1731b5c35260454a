#include "git_checkout.hpp"

#include "child_process.hpp"
#include "files.hpp"

#include <algorithm>

namespace canary::localci {
namespace {

constexpr std::chrono::seconds kGitTimeout{30};

Launch git(const GitRepo& repo, std::vector<std::string> args) {
  Launch launch;
  launch.argv = {"git", "--git-dir=" + repo.path.string()};
  launch.argv.insert(launch.argv.end(), args.begin(), args.end());
  launch.log = repo.log;
  // The harness must not depend on who runs it: no user or system git configuration.
  launch.env = {{"GIT_CONFIG_NOSYSTEM", "1"},
                {"GIT_CONFIG_GLOBAL", "/dev/null"},
                {"GIT_TERMINAL_PROMPT", "0"}};
  return launch;
}

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

}  // namespace

bool is_full_sha(const std::string& text) {
  return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<std::string> resolve_commit(const GitRepo& repo, const std::string& rev,
                                          std::string* error) {
  const auto out =
      repo.scratch / ("rev-parse-" + std::to_string(std::hash<std::string>{}(rev)) + ".out");
  auto launch = git(repo, {"rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  launch.stdout_file = out;
  const auto outcome = run_command(launch, kGitTimeout);
  const auto text = read_file(out);
  std::error_code ec;
  std::filesystem::remove(out, ec);
  if (!outcome.started || !outcome.completed) {
    *error = "git rev-parse: " + outcome.error;
    return std::nullopt;
  }
  const std::string commit = text ? trim(*text) : "";
  if (outcome.exit_code != 0 || !is_full_sha(commit)) {
    *error = "'" + rev + "' is not a commit of " + repo.path.string();
    return std::nullopt;
  }
  return commit;
}

std::string checkout(const GitRepo& repo, const std::string& commit,
                     const std::filesystem::path& dest) {
  const auto archive = repo.scratch / (commit + ".tar");
  const auto archived = run_command(
      git(repo, {"archive", "--format=tar", "-o", archive.string(), commit}), kGitTimeout);
  if (!archived.ok()) return "git archive " + commit + ": " + archived.error;
  if (auto error = remove_tree(dest); !error.empty()) return error;
  if (auto error = make_dirs(dest); !error.empty()) return error;
  Launch tar;
  tar.argv = {"tar", "-x", "-f", archive.string(), "-C", dest.string()};
  tar.log = repo.log;
  const auto extracted = run_command(tar, kGitTimeout);
  std::error_code ec;
  std::filesystem::remove(archive, ec);
  return extracted.ok() ? "" : "tar: " + extracted.error;
}

}  // namespace canary::localci
