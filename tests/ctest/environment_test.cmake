# CTest-level test: the environment selects the profile and artifact root under ctest exactly as
# under `canary run`, and CTest's TIMEOUT is sized from the retries that will really apply.
# cmake -DGTEST_RUNNER=<canary-gtest> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P environment_test.cmake
foreach(var GTEST_RUNNER SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "environment_test: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
set(profiles "${SOURCE_DIR}/harness/profiles")
file(MAKE_DIRECTORY "${WORK_DIR}/src" "${WORK_DIR}/pinned")
file(READ "${SOURCE_DIR}/harness/example/canaries/example-healthy.yaml" healthy)
string(REPLACE "canary: example-healthy" "canary: pinned-healthy" pinned "${healthy}")
file(WRITE "${WORK_DIR}/pinned/pinned-healthy.yaml" "${pinned}")

# A project that adds canaries twice: once on the defaults, once on a profile it names itself.
file(WRITE "${WORK_DIR}/src/CMakeLists.txt" "
cmake_minimum_required(VERSION 3.25)
project(environment_check NONE)
enable_testing()
include([==[${SOURCE_DIR}/cmake/CanaryCanaries.cmake]==])
add_executable(runner IMPORTED)
set_target_properties(runner PROPERTIES IMPORTED_LOCATION [==[${GTEST_RUNNER}]==])
set(CANARY_DEFAULT_PROFILE [==[${profiles}/local.yaml]==])
set(CANARY_PROFILE_DIR [==[${profiles}]==])
set(CANARY_ARTIFACT_ROOT [==[${WORK_DIR}/artifacts]==])
canary_add_canaries(DIRECTORY [==[${SOURCE_DIR}/harness/example/canaries]==] RUNNER runner
  ARTIFACT_ROOT [==[${WORK_DIR}/artifacts]==])
canary_add_canaries(DIRECTORY [==[${WORK_DIR}/pinned]==] RUNNER runner
  PROFILE [==[${profiles}/example.yaml]==] ARTIFACT_ROOT [==[${WORK_DIR}/pinned-artifacts]==])
")

function(run_checked)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "environment_test: '${ARGN}' failed (${result}):\n${out}${err}")
  endif()
  set(out "${out}${err}" PARENT_SCOPE)
endfunction()

# The command line ctest would run for one test (its gtest parameter name), from `ctest -N -V`.
function(command_of listing test out_var)
  string(REGEX MATCH "[^\n]*--gtest_filter=[^\n]*${test}[^\n]*" line "${listing}")
  set(${out_var} "${line}" PARENT_SCOPE)
endfunction()

function(expect_in text needle what)
  string(FIND "${text}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "environment_test: ${what}: '${needle}' not in:\n${text}")
  endif()
endfunction()

run_checked("${CMAKE_COMMAND}" -S "${WORK_DIR}/src" -B "${WORK_DIR}/build")

# Without the environment: the configure-time defaults.
unset(ENV{CANARY_PROFILE})
unset(ENV{CANARY_ARTIFACT_ROOT})
run_checked("${CMAKE_CTEST_COMMAND}" --test-dir "${WORK_DIR}/build" -N -V)
command_of("${out}" "example_healthy" line)
expect_in("${line}" "--canary-profile=${profiles}/local.yaml" "default profile")
expect_in("${line}" "--canary-artifact-root=${WORK_DIR}/artifacts" "default artifact root")

# With it: the environment wins for the defaults, and the pinned call keeps its own profile.
set(ENV{CANARY_PROFILE} "${profiles}/example.yaml")
set(ENV{CANARY_ARTIFACT_ROOT} "${WORK_DIR}/from-environment")
run_checked("${CMAKE_CTEST_COMMAND}" --test-dir "${WORK_DIR}/build" -N -V)
command_of("${out}" "example_healthy" line)
expect_in("${line}" "--canary-profile=${profiles}/example.yaml" "CANARY_PROFILE")
expect_in("${line}" "--canary-artifact-root=${WORK_DIR}/from-environment" "CANARY_ARTIFACT_ROOT")
set(ENV{CANARY_PROFILE} "${profiles}/cc-ci.yaml")
run_checked("${CMAKE_CTEST_COMMAND}" --test-dir "${WORK_DIR}/build" -N -V)
command_of("${out}" "pinned_healthy" line)
expect_in("${line}" "--canary-profile=${profiles}/example.yaml" "a profile the call names")
expect_in("${line}" "--canary-artifact-root=${WORK_DIR}/pinned-artifacts" "a root the call names")
unset(ENV{CANARY_PROFILE})
unset(ENV{CANARY_ARTIFACT_ROOT})

# TIMEOUT follows --canary-retries, which the listed tests forward to the runner.
function(timeout_with retries_arg out_var)
  run_checked("${GTEST_RUNNER}" "--canary-emit-ctest=${WORK_DIR}/tests-${out_var}.cmake"
    "--canary-dir=${WORK_DIR}/pinned" "--canary-profile=${profiles}/example.yaml"
    "--canary-artifact-root=${WORK_DIR}/pinned-artifacts" ${retries_arg})
  file(READ "${WORK_DIR}/tests-${out_var}.cmake" script)
  string(REGEX MATCH "canary\\.pinned-healthy\\]=*\\] PROPERTIES [^\n]* TIMEOUT ([0-9]+)" _ "${script}")
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "environment_test: no TIMEOUT for pinned-healthy in:\n${script}")
  endif()
  set(${out_var} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()
timeout_with("" profile_retries)
timeout_with("--canary-retries=6" six_retries)
timeout_with("--canary-retries=0" no_retries)
if(NOT six_retries GREATER profile_retries OR NOT no_retries LESS profile_retries)
  message(FATAL_ERROR "environment_test: TIMEOUT ignores --canary-retries: profile's "
                      "${profile_retries} s, 6 retries ${six_retries} s, none ${no_retries} s")
endif()
message(STATUS "environment_test: TIMEOUT ${no_retries} s / ${profile_retries} s / ${six_retries} s "
               "for 0 / the profile's / 6 retries")
