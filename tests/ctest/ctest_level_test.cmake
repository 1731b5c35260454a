# CTest-level test: canaries listed by canary-gtest really drive ctest's verdict and labels.
# cmake -DGTEST_RUNNER=<canary-gtest> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P ctest_level_test.cmake
foreach(var GTEST_RUNNER SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ctest_level_test: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/canaries")
set(example "${SOURCE_DIR}/harness/example/canaries")
file(COPY "${example}/example-healthy.yaml" "${example}/example-bad-backup.yaml"
     DESTINATION "${WORK_DIR}/canaries")
# A false expectation: the healthy example must not be judged red.
file(READ "${example}/example-healthy.yaml" healthy)
string(REPLACE "canary: example-healthy" "canary: wrongly-red" wrong "${healthy}")
string(REGEX REPLACE "expect:.*" "labels: [canary_fast]
expect:
  fails_at: backup
  tests:
    - {tier: backup, name: test_backup_captures_state, status: fail}
" wrong "${wrong}")
file(WRITE "${WORK_DIR}/canaries/wrongly-red.yaml" "${wrong}")
file(WRITE "${WORK_DIR}/canaries/broken.yaml" "canary: broken\nexpect: [\n")

function(run_checked)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(result "${result}" PARENT_SCOPE)
  set(out "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "ctest_level_test: ${what}: no match for '${regex}' in:\n${text}")
  endif()
endfunction()

# Like canary_add_canaries(): ctest asks canary-gtest for the canaries each time it runs.
file(WRITE "${WORK_DIR}/CTestTestfile.cmake" "
execute_process(COMMAND [==[${GTEST_RUNNER}]==] [==[--canary-emit-ctest=${WORK_DIR}/tests.cmake]==]
  [==[--canary-dir=${WORK_DIR}/canaries]==] [==[--canary-artifact-root=${WORK_DIR}/artifacts]==]
  [==[--canary-profile=${SOURCE_DIR}/harness/profiles/example.yaml]==] RESULT_VARIABLE listed)
if(NOT listed EQUAL 0)
  message(FATAL_ERROR \"canary-gtest could not list the canaries\")
endif()
include([==[${WORK_DIR}/tests.cmake]==])
")

# Labels: canary_fast selects the fast canaries and the broken file, never the healthy one.
# CTest adds the unlabelled session and summary fixtures to any selection.
run_checked("${CMAKE_CTEST_COMMAND}" -N -L "^canary_fast$")
expect_match("${out}" "Total Tests: 5" "canary_fast selection")
expect_match("${out}" "canary\\.summary" "the summary fixture")
expect_match("${out}" "canary\\.example-bad-backup" "canary_fast selection")
expect_match("${out}" "canary\\.wrongly-red" "canary_fast selection")
expect_match("${out}" "canary\\.broken" "a broken spec is in every selection")
if(out MATCHES "example-healthy")
  message(FATAL_ERROR "ctest_level_test: canary_fast selected the healthy canary:\n${out}")
endif()
run_checked("${CMAKE_CTEST_COMMAND}" -N -L "^canary$")
expect_match("${out}" "Total Tests: 6" "canary selection")

# Verdicts: a canary with a false expectation and a broken spec make ctest fail.
run_checked("${CMAKE_CTEST_COMMAND}" --output-on-failure)
if(result EQUAL 0)
  message(FATAL_ERROR "ctest_level_test: ctest passed although a canary must fail:\n${out}")
endif()
expect_match("${out}" "50% tests passed, 3 tests failed out of 6" "ctest summary")
expect_match("${out}" "wrongly-red +RED at backup +MISMATCH +pass +pass +pass \\(want fail\\)"
             "the canary x tier table")
expect_match("${out}" "canary\\.wrongly-red[^\n]*Failed" "the mismatching canary fails")
expect_match("${out}" "canary\\.broken[^\n]*Failed" "the broken spec fails")
expect_match("${out}" "MISMATCH: verdict: expected red" "the finding is printed")
expect_match("${out}" "broken\\.yaml:[0-9]+:[0-9]+: error:" "the spec error is printed")

# Adding a canary is adding a file: the next listing shows it, with no build step.
file(COPY "${example}/example-healthy.yaml" DESTINATION "${WORK_DIR}/more")
file(RENAME "${WORK_DIR}/more/example-healthy.yaml" "${WORK_DIR}/canaries/zz-added.yaml")
file(READ "${WORK_DIR}/canaries/zz-added.yaml" added)
string(REPLACE "canary: example-healthy" "canary: zz-added" added "${added}")
file(WRITE "${WORK_DIR}/canaries/zz-added.yaml" "${added}")
run_checked("${CMAKE_CTEST_COMMAND}" -N)
expect_match("${out}" "canary\\.zz-added" "a new YAML file is listed")
message(STATUS "ctest_level_test: passed")
