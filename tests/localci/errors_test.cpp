// Errors a person can act on: bad arguments, unknown SHAs, malformed recipes, leaked secrets.

#include "harness_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace canary::localci_test {
namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// A one-commit working repository `<dir>/<name>` holding `files`; its commit SHA.
std::string make_recipe_repo(const fs::path& dir, const std::string& name,
                             const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path repo = dir / name;
  for (const auto& [path, text] : files) write(repo / path, text);
  const std::string git =
      "git -C '" + repo.string() + "' -c user.name=t -c user.email=t@t.invalid ";
  EXPECT_EQ(shell(git + "init -q -b main && " + git + "add -A && " + git + "commit -q -m fixture"),
            0);
  return commit_of(repo / ".git", "HEAD");
}

const std::string kSiteConf = "server {\n    listen 127.0.0.1:{port};\n    root {src}/site;\n}\n";

TEST(ErrorsTest, HelpAnswers) {
  TempDir dir;
  const auto finished = run({harness_path(), "--help"}, dir.path());
  EXPECT_EQ(finished.exit_code, 0);
  EXPECT_THAT(finished.out, HasSubstr("run"));
  EXPECT_THAT(finished.out, HasSubstr("check-recipe"));
  const auto run_help = run({harness_path(), "run", "--help"}, dir.path());
  EXPECT_EQ(run_help.exit_code, 0);
  EXPECT_THAT(run_help.out, HasSubstr("--recipes-dir"));
}

TEST(ErrorsTest, UnknownShaIsAClearErrorAndWritesNoResults) {
  TempDir dir;
  const std::string sha(40, 'a');
  const auto finished =
      run(run_args("custom-html-tiny", sha, "unknown-sha", dir.path() / "out"), dir.path());
  EXPECT_EQ(finished.exit_code, 2);
  EXPECT_THAT(finished.err, HasSubstr("unknown SHA " + sha + " for recipe 'custom-html-tiny'"));
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "results.json"));
}

struct BadArguments {
  const char* label;
  std::vector<std::string> args;  // after `run`
  const char* message;
};

// Names the case in gtest output instead of dumping its bytes.
void PrintTo(const BadArguments& value, std::ostream* out) { *out << value.label; }

class BadArgumentsTest : public ::testing::TestWithParam<BadArguments> {};

TEST_P(BadArgumentsTest, ExitTwoWithAMessage) {
  TempDir dir;
  std::vector<std::string> argv = {harness_path(), "run"};
  for (auto arg : GetParam().args) {
    if (arg == "OUT") arg = (dir.path() / "out").string();
    if (arg == "SHA") arg = fixture_commit("custom-html-tiny", "v1.1.0");
    argv.push_back(arg);
  }
  const auto finished = run(argv, dir.path());
  EXPECT_EQ(finished.exit_code, 2) << finished.out;
  EXPECT_THAT(finished.err, HasSubstr(GetParam().message));
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "results.json"));
}

INSTANTIATE_TEST_SUITE_P(
    Arguments, BadArgumentsTest,
    ::testing::Values(BadArguments{"short_sha",
                                   {"--recipe", "custom-html-tiny", "--sha", "4ad6d6e", "--run-id",
                                    "r", "--out", "OUT"},
                                   "must be a full commit SHA"},
                      BadArguments{"uppercase_sha",
                                   {"--recipe", "custom-html-tiny", "--sha", std::string(40, 'A'),
                                    "--run-id", "r", "--out", "OUT"},
                                   "must be a full commit SHA"},
                      BadArguments{"unknown_recipe",
                                   {"--recipe", "no-such-recipe", "--sha", "SHA", "--run-id", "r",
                                    "--out", "OUT"},
                                   "no repository for recipe 'no-such-recipe'"},
                      BadArguments{"bad_run_id",
                                   {"--recipe", "custom-html-tiny", "--sha", "SHA", "--run-id",
                                    "a/b", "--out", "OUT"},
                                   "--run-id 'a/b'"},
                      BadArguments{
                          "missing_out",
                          {"--recipe", "custom-html-tiny", "--sha", "SHA", "--run-id", "r"},
                          "--out is required"}),
    [](const auto& generated) { return std::string(generated.param.label); });

struct MalformedRecipe {
  const char* label;
  std::string yaml;
  const char* diagnostic;  // "line:col: error: ..." or ": error: ..." for whole-file messages
};

// Names the case in gtest output instead of dumping its bytes.
void PrintTo(const MalformedRecipe& value, std::ostream* out) { *out << value.label; }

const std::string kValidHead =
    "recipe: r\nversion: 1.0.0\nservices:\n  web: {kind: nginx, config: site.conf}\n"
    "healthy:\n  - http: {service: web, path: /}\n";

class MalformedRecipeTest : public ::testing::TestWithParam<MalformedRecipe> {};

TEST_P(MalformedRecipeTest, CheckRecipeReportsFileLineColumn) {
  TempDir dir;
  write(dir.path() / "recipe.yaml", GetParam().yaml);
  write(dir.path() / "site.conf", kSiteConf);
  const auto finished = run({harness_path(), "check-recipe", dir.path().string()}, dir.path());
  EXPECT_EQ(finished.exit_code, 2) << finished.out;
  EXPECT_THAT(finished.err,
              HasSubstr((dir.path() / "recipe.yaml").string() + ":" + GetParam().diagnostic));
}

INSTANTIATE_TEST_SUITE_P(
    Recipes, MalformedRecipeTest,
    ::testing::Values(
        MalformedRecipe{"yaml_syntax", "recipe: r\n  version: [\n", "2:"},
        MalformedRecipe{"unknown_key", kValidHead + "servces: {}\n",
                        "7:1: error: unknown key 'servces' in the recipe"},
        MalformedRecipe{"duplicate_key", kValidHead + "version: 2.0.0\n",
                        "7:1: error: duplicate key 'version'"},
        MalformedRecipe{"no_services",
                        "recipe: r\nversion: 1\nhealthy:\n  - http: {service: web, path: /}\n",
                        "1:1: error: the recipe needs 'services'"},
        MalformedRecipe{
            "no_healthy",
            "recipe: r\nversion: 1\nservices:\n  web: {kind: nginx, config: site.conf}\n",
            "1:1: error: the recipe needs 'healthy'"},
        MalformedRecipe{"unknown_kind",
                        "recipe: r\nversion: 1\nservices:\n  web: {kind: mysql}\nhealthy: []\n",
                        "4:15: error: unknown service kind 'mysql'"},
        MalformedRecipe{
            "sql_check_on_nginx",
            kValidHead + "  - sql: {service: web, query: SELECT 1, equals: '1'}\n",
            "7:5: error: healthy check 2 needs a postgres service, and 'web' is not one"},
        MalformedRecipe{"unknown_service", kValidHead + "  - http: {service: api, path: /}\n",
                        "7:5: error: healthy check 2 names service 'api'"},
        MalformedRecipe{"relative_http_path",
                        kValidHead + "  - http: {service: web, path: index.html}\n",
                        "7:5: error: healthy check 2: path 'index.html' must start with '/'"},
        MalformedRecipe{"unknown_placeholder",
                        kValidHead + "  - http: {service: web, path: '/{secret.token}'}\n",
                        "7:5: error: healthy check 2: unknown placeholder {secret.token}"},
        MalformedRecipe{"backup_without_marker",
                        kValidHead + "volumes: {data: }\nbackup: {paths: [data]}\n",
                        "8:9: error: 'backup' needs a 'marker'"},
        MalformedRecipe{
            "backup_path_outside_volumes",
            kValidHead +
                "volumes: {data: }\nmarker: {write: {file: data/m}, read: {file: data/m}}\n"
                "backup: {paths: [../etc]}\n",
            "9:9: error: backup path '../etc' must be a relative path without '..'"},
        MalformedRecipe{"marker_write_without_value",
                        "recipe: r\nversion: 1\nsecrets: [pw]\nservices:\n  db: {kind: postgres, "
                        "database: d, password: pw}\n"
                        "healthy:\n  - sql: {service: db, query: SELECT 1, equals: '1'}\n"
                        "marker: {write: {sql: {service: db, query: INSERT INTO t VALUES (1)}}, "
                        "read: {sql: {service: db, query: SELECT 1}}}\n",
                        "8:17: error: marker write: the query must use {value}"},
        MalformedRecipe{
            "password_not_a_secret",
            "recipe: r\nversion: 1\nservices:\n  db: {kind: postgres, database: d, password: pw}\n"
            "healthy:\n  - sql: {service: db, query: SELECT 1, equals: '1'}\n",
            "4:3: error: service 'db': password 'pw' is not a declared secret"},
        MalformedRecipe{
            "bad_test_name",
            kValidHead +
                "tests:\n  - {name: content-type, checks: [{http: {service: web, path: /}}]}\n",
            "8:5: error: test name 'content-type' must match test_[a-z0-9_]+"},
        MalformedRecipe{
            "missing_config_file",
            "recipe: r\nversion: 1\nservices:\n  web: {kind: nginx, config: nginx/none.conf}\n"
            "healthy:\n  - http: {service: web, path: /}\n",
            "4:3: error: nginx config 'nginx/none.conf' does not exist in the recipe"}),
    [](const auto& generated) { return std::string(generated.param.label); });

TEST(ErrorsTest, CheckRecipeAcceptsAValidRecipe) {
  TempDir dir;
  write(dir.path() / "recipe.yaml", kValidHead);
  write(dir.path() / "site.conf", kSiteConf);
  const auto finished =
      run({harness_path(), "check-recipe", (dir.path() / "recipe.yaml").string()}, dir.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.err;
  EXPECT_THAT(finished.out, HasSubstr("ok (r 1.0.0)"));
}

TEST(ErrorsTest, MalformedRecipeAtTheShaFailsTheDeployWithItsDiagnostics) {
  TempDir dir;
  const auto sha = make_recipe_repo(dir.path() / "recipes", "broken",
                                    {{"recipe.yaml",
                                      "recipe: broken\nversion: 1.0.0\nservices:\n"
                                      "  web: {kind: nginx, config: site.conf, port: 80}\n"
                                      "healthy:\n  - http: {service: web, path: /}\n"},
                                     {"site.conf", kSiteConf}});
  auto argv = run_args("broken", sha, "broken", dir.path() / "out");
  argv.insert(argv.end(), {"--recipes-dir", (dir.path() / "recipes").string()});
  const auto finished = run(argv, dir.path());
  EXPECT_EQ(finished.exit_code, 1) << finished.err;
  auto results = read_results(dir.path() / "out");
  ASSERT_TRUE(results.is_object());
  // The deploy fails before any tier: no tier runs, the deploy block says why.
  EXPECT_TRUE(results["results"].empty());
  EXPECT_TRUE(results["stages"].empty());
  EXPECT_EQ(results["deploy"]["status"], "fail");
  const std::string reason = results["deploy"]["reason"];
  EXPECT_THAT(reason, HasSubstr("recipe.yaml:4:41: error: unknown key 'port' in service 'web'"));
  EXPECT_THAT(read_text(dir.path() / "out" / "logs" / "up.log").value_or(""),
              HasSubstr("recipe.yaml:4:41: error: unknown key 'port'"));
  EXPECT_EQ(results["flags"]["clean_teardown"], true);
}

TEST(ErrorsTest, ASecretInAnArtifactIsReportedAsALeak) {
  TempDir dir;
  // The custom test sends the admin token in a query string, which nginx's access log records.
  const std::string recipe =
      "recipe: leaky\nversion: 1.0.0\nsecrets: [admin_token]\nservices:\n"
      "  web: {kind: nginx, config: site.conf}\nhealthy:\n  - http: {service: web, path: /}\n"
      "tests:\n  - name: test_token_in_query\n    checks:\n"
      "      - http: {service: web, path: '/?token={secret.admin_token}'}\n"
      "  - name: test_token_in_header\n    checks:\n"
      "      - http: {service: web, path: /, send_headers: {X-Token: '{secret.admin_token}'}}\n";
  const auto sha = make_recipe_repo(
      dir.path() / "recipes", "leaky",
      {{"recipe.yaml", recipe}, {"site.conf", kSiteConf}, {"site/index.html", "hello\n"}});
  auto argv = run_args("leaky", sha, "leaky", dir.path() / "out");
  argv.insert(argv.end(), {"--recipes-dir", (dir.path() / "recipes").string()});
  const auto finished = run(argv, dir.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  auto results = read_results(dir.path() / "out");
  ASSERT_TRUE(results.is_object());
  EXPECT_EQ(results["flags"]["no_secret_leak"], false);
  // Only nginx's log holds it: the harness's own logs show probes as written.
  EXPECT_EQ(results["localci"]["secret_leaks"],
            nlohmann::json::array({"logs/services/web-access.log"}));
}

}  // namespace
}  // namespace canary::localci_test
