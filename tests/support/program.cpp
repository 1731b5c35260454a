#include "support/program.hpp"

#include "runner/process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace canary::testing {

ProgramRun run_program(const std::vector<std::string>& argv, const std::string& tmp,
                       const ProgramOptions& options) {
  ProcessRequest request;
  request.argv = argv;
  request.stdout_path = tmp + "/stdout";
  request.stderr_path = tmp + "/stderr";
  request.working_dir = options.working_dir;
  request.env = options.env;
  request.timeout = options.timeout;
  const ProcessOutcome outcome = run_process(request);
  EXPECT_TRUE(outcome.started) << argv.front() << ": " << outcome.start_error;
  EXPECT_FALSE(outcome.timed_out) << argv.front() << " timed out";
  return {outcome.exit_code.value_or(-1), read_text(request.stdout_path),
          read_text(request.stderr_path)};
}

}  // namespace canary::testing
