# The nightly script end to end: it must build, run every bundled canary, submit nothing (no
# drop site), exit 0, and leave JUnit, Markdown and HTML reports that name every canary.
# cmake -DSOURCE_DIR=<src> -DNIGHTLY_BUILD_DIR=<dir> [-DCOMPILER_LAUNCHER=ccache] -P nightly_test.cmake
foreach(var SOURCE_DIR NIGHTLY_BUILD_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "nightly_test: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${NIGHTLY_BUILD_DIR}")
set(night "${NIGHTLY_BUILD_DIR}/nights/test-night")
set(options "")
if(COMPILER_LAUNCHER)
  set(options "-DCANARY_NIGHTLY_CONFIGURE_OPTIONS=-DCMAKE_CXX_COMPILER_LAUNCHER=${COMPILER_LAUNCHER}")
endif()
# No drop site from the environment: the test must never touch the network.
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env --unset=CTEST_DROP_SITE --unset=CANARY_NIGHTLY_DIR
          --unset=CANARY_NIGHTLY_BUILD_DIR --unset=CANARY_NIGHTLY_LABEL
          --unset=CANARY_PROFILE --unset=CANARY_PROFILE_DIR --unset=CANARY_ARTIFACT_ROOT
          "${CMAKE_CTEST_COMMAND}" "-DCTEST_BINARY_DIRECTORY=${NIGHTLY_BUILD_DIR}"
          "-DCANARY_NIGHTLY_DIR=${night}" ${options} -S "${SOURCE_DIR}/ctest/nightly.cmake" -V
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
message(STATUS "nightly output:\n${out}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "nightly_test: ctest -S ctest/nightly.cmake exited ${result}")
endif()

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "nightly_test: ${what}: no match for '${regex}'")
  endif()
endfunction()

expect_match("${out}" "nightly: no CTEST_DROP_SITE, nothing submitted" "no submission")
expect_match("${out}" "nightly: reports in ${night}/reports" "where the reports are")
file(GLOB specs "${SOURCE_DIR}/canaries/*.yaml")
list(LENGTH specs count)
if(count LESS 7)
  message(FATAL_ERROR "nightly_test: expected the 7 bundled canaries, found ${count}")
endif()
foreach(report ctest-junit.xml canary-junit.xml canary-report.md canary-report.html)
  set(path "${night}/reports/${report}")
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "nightly_test: the nightly left no ${report}")
  endif()
  file(READ "${path}" text)
  foreach(spec IN LISTS specs)
    get_filename_component(id "${spec}" NAME_WE)
    string(FIND "${text}" "${id}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "nightly_test: ${report} does not name the canary ${id}:\n${text}")
    endif()
  endforeach()
endforeach()
file(READ "${night}/reports/ctest-junit.xml" junit)
foreach(spec IN LISTS specs)
  get_filename_component(id "${spec}" NAME_WE)
  expect_match("${junit}" "<testcase name=\"canary\\.${id}\"" "a JUnit testcase for ${id}")
endforeach()
expect_match("${junit}" "failures=\"0\"" "no canary failed")
file(GLOB records "${night}/artifacts/*/canary-run.json")
list(LENGTH records runs)
if(runs LESS count)
  message(FATAL_ERROR "nightly_test: ${runs} canary-run.json records for ${count} canaries")
endif()

file(REMOVE_RECURSE "${NIGHTLY_BUILD_DIR}")
message(STATUS "nightly_test: ${count} canaries run, JUnit, Markdown and HTML reports written")
