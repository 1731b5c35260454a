#include "harness_process.hpp"

#include "../../harness/localci/ports.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace canary::localci_test {
namespace fs = std::filesystem;

std::string harness_path() { return std::string(CANARY_BIN_DIR) + "/canary-localci"; }
fs::path fixture_repos() { return fs::path(CANARY_BINARY_DIR) / "fixtures" / "repos"; }

TempDir::TempDir() {
  std::string pattern = "/tmp/localci-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Started::Started(const std::vector<std::string>& argv, const fs::path& output_dir) {
  static int counter = 0;
  const std::string stem =
      "process-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  out_ = output_dir / (stem + ".out");
  err_ = output_dir / (stem + ".err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int rc = ::posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
}

Finished Started::wait() {
  Finished finished;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
  }
  finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  finished.out = read_text(out_).value_or("");
  finished.err = read_text(err_).value_or("");
  return finished;
}

Finished run(const std::vector<std::string>& argv, const fs::path& output_dir) {
  return Started(argv, output_dir).wait();
}

std::vector<std::string> run_args(const std::string& recipe, const std::string& sha,
                                  const std::string& run_id, const fs::path& out) {
  return {harness_path(), "run",  "--recipe", recipe,      "--sha", sha,
          "--run-id",     run_id, "--out",    out.string()};
}

std::string commit_of(const fs::path& repo, const std::string& ref) {
  TempDir scratch;
  const auto result =
      run({"git", "--git-dir=" + repo.string(), "rev-parse", "--verify", ref + "^{commit}"},
          scratch.path());
  std::string sha = result.out;
  while (!sha.empty() && (sha.back() == '\n' || sha.back() == ' ')) sha.pop_back();
  return result.exit_code == 0 ? sha : "";
}

std::string fixture_commit(const std::string& recipe, const std::string& ref) {
  return commit_of(fixture_repos() / (recipe + ".git"), ref);
}

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json read_results(const fs::path& out) {
  const auto text = read_text(out / "results.json");
  if (!text) return nullptr;
  return nlohmann::json::parse(*text, nullptr, false);
}

std::vector<std::string> processes_naming(const std::string& text) {
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string pid = it->path().filename();
    if (!std::all_of(pid.begin(), pid.end(), ::isdigit)) continue;
    auto cmdline = read_text(it->path() / "cmdline");
    if (!cmdline || cmdline->find(text) == std::string::npos) continue;
    std::replace(cmdline->begin(), cmdline->end(), '\0', ' ');
    found.push_back(pid + ": " + *cmdline);
  }
  return found;
}

bool port_listening(int port) { return localci::port_is_listening(port); }

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool wait_for_text(const fs::path& file, const std::string& text) {
  for (int i = 0; i < 60000; ++i) {
    if (read_text(file).value_or("").find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

}  // namespace canary::localci_test
