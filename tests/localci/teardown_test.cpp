// Teardown after a stop signal, and runs that go at the same time.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;
using ::testing::IsEmpty;

void expect_nothing_left(nlohmann::json results) {
  EXPECT_EQ(results["flags"]["clean_teardown"], true) << results["localci"]["leftovers"];
  const std::string run_dir = results["localci"]["run_dir"];
  EXPECT_FALSE(fs::exists(run_dir)) << run_dir;
  EXPECT_THAT(processes_naming(run_dir), IsEmpty());
  for (const auto& [service, port] : results["localci"]["ports"].items())
    EXPECT_FALSE(port_listening(port.get<int>())) << service << " still listens on " << port;
}

TEST(TeardownTest, TermWhileServicesRunTearsDownThenExitsNonZero) {
  TempDir dir;
  const auto out = dir.path() / "artifacts";
  Started harness(run_args("guestbook", fixture_commit("guestbook", "v1.1.0"), "term", out),
                  dir.path());
  // PostgreSQL is up and the deploy has its steps still to run.
  ASSERT_TRUE(wait_for_text(out / "logs" / "up.log", "service db ready"));
  ::kill(harness.pid(), SIGTERM);
  const auto finished = harness.wait();

  EXPECT_EQ(finished.exit_code, 128 + SIGTERM) << finished.out << finished.err;
  auto results = read_results(out);
  ASSERT_TRUE(results.is_object());
  EXPECT_EQ(results["interrupted"], "SIGTERM");
  EXPECT_EQ(results["exit_code"], 128 + SIGTERM);
  // Stopped during the deploy: it failed, so no tier ran.
  EXPECT_EQ(results["deploy"]["status"], "fail");
  EXPECT_TRUE(results["results"].empty());
  EXPECT_EQ(results["localci"]["ports"].count("db"), 1u);
  expect_nothing_left(results);
  EXPECT_THAT(read_text(out / "logs" / "teardown.log").value_or(""),
              ::testing::HasSubstr("teardown clean"));
}

TEST(TeardownTest, ServicesDieWithAKilledHarness) {
  TempDir dir;
  const auto out = dir.path() / "artifacts";
  Started harness(run_args("guestbook", fixture_commit("guestbook", "v1.1.0"), "killed", out),
                  dir.path());
  ASSERT_TRUE(wait_for_text(out / "logs" / "up.log", "service web ready"));
  const auto log = read_text(out / "logs" / "harness.log").value_or("");
  const auto at = log.find("run directory ");
  ASSERT_NE(at, std::string::npos);
  const std::string run_dir = log.substr(at + 14, log.find('\n', at) - at - 14);
  ASSERT_FALSE(processes_naming(run_dir).empty()) << "postgres and nginx name the run directory";
  // nginx's workers do not name the run directory, but they hold its listening socket.
  const std::string server = read_text(run_dir + "/services/web/server.conf").value_or("");
  const auto listen = server.find("127.0.0.1:");
  ASSERT_NE(listen, std::string::npos) << server;
  const int web_port = std::stoi(server.substr(listen + 10));
  ASSERT_TRUE(port_listening(web_port));

  // KILL leaves no chance to tear down: the services must go by themselves (parent-death signal).
  ::kill(harness.pid(), SIGKILL);
  EXPECT_EQ(harness.wait().exit_code, -1);
  std::vector<std::string> left = processes_naming(run_dir);
  for (int i = 0; i < 10000 && (!left.empty() || port_listening(web_port)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    left = processes_naming(run_dir);
  }
  EXPECT_THAT(left, IsEmpty());
  EXPECT_FALSE(port_listening(web_port)) << "an nginx worker outlived its master";
  // When it failed, leave nothing running: each leftover leads its service's process group.
  for (const auto& process : left) ::kill(-std::stoi(process), SIGKILL);
  std::error_code ec;
  fs::remove_all(run_dir, ec);  // files are what only a teardown removes
}

TEST(TeardownTest, TwoRunsAtOnceDoNotCollide) {
  TempDir dir;
  const auto sha = fixture_commit("custom-html-tiny", "v1.1.0");
  Started first(run_args("custom-html-tiny", sha, "first", dir.path() / "first"), dir.path());
  Started second(run_args("custom-html-tiny", sha, "second", dir.path() / "second"), dir.path());
  const auto first_done = first.wait();
  const auto second_done = second.wait();
  EXPECT_EQ(first_done.exit_code, 0) << first_done.out << first_done.err;
  EXPECT_EQ(second_done.exit_code, 0) << second_done.out << second_done.err;

  auto a = read_results(dir.path() / "first");
  auto b = read_results(dir.path() / "second");
  ASSERT_TRUE(a.is_object() && b.is_object());
  EXPECT_NE(a["localci"]["run_dir"], b["localci"]["run_dir"]);
  EXPECT_NE(a["localci"]["ports"]["web"], b["localci"]["ports"]["web"]);
  for (const auto& results : {a, b}) {
    for (const auto& [tier, status] : results["results"].items()) EXPECT_EQ(status, "pass") << tier;
    expect_nothing_left(results);
  }
}

}  // namespace
}  // namespace canary::localci_test
