// canary-fake-harness: a harness that behaves (or misbehaves) as told, for the runner's tests.
// Usage: canary-fake-harness --mode MODE --out DIR [--exit N] [--bytes N] [--signal N]
//                            [--state FILE]

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace {

struct Options {
  std::string mode;
  std::string out;
  int exit_code = -1;  // -1: the mode's own exit code
  long long bytes = 64LL * 1024 * 1024;
  int signal = SIGSEGV;
  std::string state;  // flaky modes: a file that says how many times it has run
};

// Statuses of the five tiers and of their named tests, in cc-ci schema 2 shape.
struct Report {
  std::string backup = "pass";
  std::string capture = "pass";  // test_backup_captures_state
  std::string restore = "pass";
  std::string custom = "pass";
  int level = 5;
};

// The run id Canary gave, when its profile passes it (CANARY_FAKE_RUN_ID), else "fake".
std::string run_id() {
  const char* id = std::getenv("CANARY_FAKE_RUN_ID");
  return id != nullptr && *id != '\0' ? id : "fake";
}

std::string results_json(const Report& r) {
  return R"({
  "recipe": "fake-recipe", "ref": "0123456789abcdef0123456789abcdef01234567",
  "run_id": ")" + run_id() + R"(", "finished": "2026-01-01T00:00:00Z",
  "results": {"install": "pass", "upgrade": "pass", "backup": ")" +
         r.backup + R"(", "restore": ")" + r.restore + R"(", "custom": ")" + r.custom + R"("},
  "stages": [
    {"name": "install", "status": "pass", "tests": [{"name": "test_serving", "status": "pass", "ms": 3}]},
    {"name": "upgrade", "status": "pass", "tests": [{"name": "test_upgrade_reconverges", "status": "pass", "ms": 4}]},
    {"name": "backup", "status": ")" +
         r.backup + R"(", "tests": [
      {"name": "test_backup_artifact", "status": "pass", "ms": 2},
      {"name": "test_backup_captures_state", "status": ")" +
         r.capture + R"(", "ms": 2}]},
    {"name": "restore", "status": ")" +
         r.restore + R"(", "tests": [{"name": "test_restore_returns_state", "status": ")" +
         r.restore + R"(", "ms": 2}]},
    {"name": "custom", "status": ")" +
         r.custom + R"(", "tests": [{"name": "test_content_type_html", "status": ")" + r.custom +
         R"(", "ms": 1}]}
  ],
  "level": )" +
         std::to_string(r.level) + R"(,
  "flags": {"clean_teardown": true, "no_secret_leak": true}
}
)";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    std::cerr << "canary-fake-harness: cannot write " << path << "\n";
    std::exit(90);
  }
}

void write_results(const Options& o, const std::string& text) {
  ::mkdir(o.out.c_str(), 0755);
  write_file(o.out + "/results.json", text);
}

// Records this process's pid (its process group's id) for tests that signal or check the group.
void write_pid(const Options& o) {
  ::mkdir(o.out.c_str(), 0755);
  write_file(o.out + "/harness.pid", std::to_string(::getpid()) + "\n");
}

// How many times a flaky mode ran before this run, counted in --state.
int previous_runs(const Options& o) {
  if (o.state.empty()) {
    std::cerr << "canary-fake-harness: this mode needs --state FILE\n";
    std::exit(2);
  }
  std::ifstream in(o.state);
  int runs = 0;
  in >> runs;
  write_file(o.state, std::to_string(runs + 1) + "\n");
  return runs;
}

[[noreturn]] void sleep_forever() {
  for (;;) ::pause();
}

int finish(const Options& o, int default_code) {
  return o.exit_code >= 0 ? o.exit_code : default_code;
}

int run(const Options& o) {
  if (o.mode != "flood") {  // flood's stdout holds exactly --bytes bytes
    std::cout << "fake harness: mode " << o.mode << std::endl;
    std::cerr << "fake harness: writing to " << o.out << std::endl;
  }
  if (o.mode == "green") {
    write_results(o, results_json({}));
    return finish(o, 0);
  }
  if (o.mode == "red-backup") {
    write_results(o, results_json({"fail", "fail", "skip", "skip", 2}));
    return finish(o, 1);
  }
  if (o.mode == "false-green") {
    write_results(o, results_json({}));  // backup should have failed: the bug a canary catches
    return finish(o, 0);
  }
  if (o.mode == "hang") {
    // A grandchild that inherits stdout and stderr and never exits: hangs a naive pipe reader.
    if (::fork() == 0) sleep_forever();
    write_pid(o);
    sleep_forever();
  }
  if (o.mode == "hang-escape") {
    // Grandchildren that leave the group (setsid) and hold stdout: only the subreaper finds them.
    std::string pids;
    for (int i = 0; i < 2; ++i) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::setsid();
        sleep_forever();
      }
      pids += std::to_string(pid) + "\n";
    }
    write_pid(o);
    write_file(o.out + "/harness.escaped", pids);
    sleep_forever();
  }
  if (o.mode == "flaky-once") {
    // Mismatches a green canary on its first run (RED at backup), then reports green.
    if (previous_runs(o) == 0) {
      write_results(o, results_json({"fail", "fail", "skip", "skip", 2}));
      return finish(o, 1);
    }
    write_results(o, results_json({}));
    return finish(o, 0);
  }
  if (o.mode == "leak-secret" || o.mode == "leak-secret-status") {
    // A harness that prints the secret it was given and puts it into results.json: in a test
    // message and a test name, and (-status) as a tier status, which the parser quotes.
    const char* secret = std::getenv("CANARY_TEST_SECRET");
    const std::string value = secret ? secret : "";
    std::cout << "token=" << value << std::endl;
    std::cerr << "debug: using token " << value << std::endl;
    Report report;
    report.backup = "fail";
    report.capture = "fail";
    std::string text = results_json(report);
    const std::string needle = R"("name": "test_backup_artifact")";
    text.replace(text.find(needle), needle.size(),
                 R"("name": "test_backup_artifact", "message": "auth with )" + value + R"( failed")");
    const std::string name = R"("name": "test_serving")";
    text.replace(text.find(name), name.size(), R"("name": "test_serving_)" + value + R"(")");
    if (o.mode == "leak-secret-status") {
      const std::string status = R"("install": "pass")";
      text.replace(text.find(status), status.size(), R"("install": "leaked-)" + value + R"(")");
    }
    write_results(o, text);
    return finish(o, 1);
  }
  if (o.mode == "huge-results") {
    // Well-formed JSON, but --bytes of it (spaces inside the object).
    std::string text = results_json({});
    text.insert(1, std::string(static_cast<size_t>(o.bytes), ' '));
    write_results(o, text);
    return finish(o, 0);
  }
  if (o.mode == "not-utf8-results") {
    std::string text = results_json({});
    const std::string needle = R"("recipe": "fake-recipe")";
    text.replace(text.find(needle), needle.size(), "\"recipe\": \"fake-\xff\xfe-recipe\"");
    write_results(o, text);
    return finish(o, 0);
  }
  if (o.mode == "hang-ignore-term") {
    std::signal(SIGTERM, SIG_IGN);
    sleep_forever();
  }
  if (o.mode == "signal") {
    std::signal(o.signal, SIG_DFL);
    std::raise(o.signal);
    return 91;  // a signal the default action of which does not end the process
  }
  if (o.mode == "no-results") return finish(o, 0);
  if (o.mode == "empty-results") {
    write_results(o, "");
    return finish(o, 0);
  }
  if (o.mode == "truncated-results") {
    const std::string full = results_json({});
    write_results(o, full.substr(0, full.size() / 2));
    return finish(o, 0);
  }
  if (o.mode == "wrong-type-results") {
    std::string text = results_json({});
    const std::string needle = R"("install": "pass")";
    text.replace(text.find(needle), needle.size(), R"("install": 7)");
    write_results(o, text);
    return finish(o, 0);
  }
  if (o.mode == "flood") {
    const std::vector<char> block(1 << 16, 'x');
    long long left = o.bytes;
    while (left > 0) {
      const auto chunk = static_cast<size_t>(std::min<long long>(left, block.size()));
      const ssize_t written = ::write(STDOUT_FILENO, block.data(), chunk);
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return 93;
      left -= written;
    }
    write_results(o, results_json({}));
    return finish(o, 0);
  }
  if (o.mode == "stray") {
    // A background grandchild that outlives the harness (bounded, should the runner fail).
    if (::fork() == 0) {
      ::sleep(60);
      ::_exit(0);
    }
    write_results(o, results_json({}));
    return finish(o, 0);
  }
  if (o.mode == "daemon") {
    // A daemon that left the group with setsid (bounded), while the report says it tore down.
    const pid_t daemon = ::fork();
    if (daemon == 0) {
      ::setsid();
      ::execlp("sleep", "sleep", "61", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Waits (up to 2 s) until it runs `sleep`, so that its command line is what Canary records.
    const std::string cmdline = "/proc/" + std::to_string(daemon) + "/cmdline";
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(cmdline);
      std::string text;
      std::getline(in, text, '\0');
      if (text == "sleep") break;
      ::usleep(10000);
    }
    write_results(o, results_json({}));
    return finish(o, 0);
  }
  if (o.mode == "stale-results") {
    // This run's report, but the file of a run an hour ago (a cache restored with its mtime).
    write_results(o, results_json({}));
    const std::string path = o.out + "/results.json";
    struct timespec times[2];
    ::clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= 3600;
    times[1] = times[0];
    ::utimensat(AT_FDCWD, path.c_str(), times, 0);
    return finish(o, 0);
  }
  std::cerr << "canary-fake-harness: unknown mode '" << o.mode << "'\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--mode") {
      o.mode = value;
    } else if (flag == "--out") {
      o.out = value;
    } else if (flag == "--exit") {
      o.exit_code = std::atoi(value.c_str());
    } else if (flag == "--bytes") {
      o.bytes = std::atoll(value.c_str());
    } else if (flag == "--signal") {
      o.signal = std::atoi(value.c_str());
    } else if (flag == "--state") {
      o.state = value;
    } else {
      std::cerr << "canary-fake-harness: unknown flag '" << flag << "'\n";
      return 2;
    }
  }
  if (argc % 2 == 0 || o.mode.empty() || o.out.empty()) {
    std::cerr << "usage: canary-fake-harness --mode MODE --out DIR [--exit N] [--bytes N] "
                 "[--signal N] [--state FILE]\n";
    return 2;
  }
  return run(o);
}
