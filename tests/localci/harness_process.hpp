#pragma once
// Runs canary-localci (and git) for the tests, and looks for what a run may have left behind.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace canary::localci_test {

std::string harness_path();             // build/bin/canary-localci
std::filesystem::path fixture_repos();  // build/fixtures/repos

// A directory under /tmp removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Finished {
  int exit_code = -1;  // -1 when a signal ended it
  std::string out;
  std::string err;
};

// A started program with stdout and stderr going to files.
class Started {
 public:
  Started(const std::vector<std::string>& argv, const std::filesystem::path& output_dir);
  int pid() const { return pid_; }
  Finished wait();

 private:
  int pid_ = -1;
  std::filesystem::path out_;
  std::filesystem::path err_;
};

Finished run(const std::vector<std::string>& argv, const std::filesystem::path& output_dir);

// `canary-localci run` on a fixture recipe at a ref of its repository, artifacts into `out`.
std::vector<std::string> run_args(const std::string& recipe, const std::string& sha,
                                  const std::string& run_id, const std::filesystem::path& out);

// The commit a ref names in a fixture repository (or any repository directory).
std::string commit_of(const std::filesystem::path& repo, const std::string& ref);
std::string fixture_commit(const std::string& recipe, const std::string& ref);

std::optional<std::string> read_text(const std::filesystem::path& path);
nlohmann::json read_results(const std::filesystem::path& out);
// Waits until `file` contains `text`, or gives up after a minute.
bool wait_for_text(const std::filesystem::path& file, const std::string& text);

// What the teardown must have removed: processes naming the run directory, listeners on ports.
std::vector<std::string> processes_naming(const std::string& text);
bool port_listening(int port);

// Runs a shell command line; its exit status.
int shell(const std::string& command);

}  // namespace canary::localci_test
