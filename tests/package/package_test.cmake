# The package end to end: install this build into a fresh prefix, build tests/consumer against
# it with find_package(Canary), run its ctest, and require its canary to PASS on the installed
# canary-localci with the installed fixtures.
# cmake -DBUILD_DIR=<build> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> [-DCXX_COMPILER=..]
#       [-DCXX_FLAGS=..] [-DBUILD_TYPE=..] -P package_test.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "package_test: -D${var}=... is required")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/consumer-build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Nothing from the environment may point the installed programs back at this build.
set(clean_env "${CMAKE_COMMAND}" -E env --unset=CANARY_PROFILE --unset=CANARY_PROFILE_DIR
    --unset=CANARY_ARTIFACT_ROOT --unset=CANARY_LOCALCI_RECIPES)

function(run_checked what)
  execute_process(COMMAND ${clean_env} ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "package_test: ${what} failed (${result}):\n${out}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "package_test: ${what}: no match for '${regex}' in:\n${text}")
  endif()
endfunction()

run_checked("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(file bin/canary bin/canary-gtest bin/canary-localci bin/canary-example-harness
        include/canary/verdict.hpp include/canary/spec_loader.hpp
        lib/cmake/Canary/CanaryConfig.cmake lib/cmake/Canary/CanaryConfigVersion.cmake
        lib/cmake/Canary/CanaryTargets.cmake lib/cmake/Canary/CanaryCanaries.cmake
        share/canary/profiles/local.yaml share/canary/profiles/example.yaml
        share/canary/canaries/good-simple.yaml share/canary/example/canaries/example-healthy.yaml
        share/canary/schema/canary.schema.json share/canary/ctest/resources.json
        share/canary/fixtures/repos/custom-html-tiny.git/HEAD)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "package_test: the install has no ${file}")
  endif()
endforeach()
file(GLOB libraries RELATIVE "${prefix}/lib" "${prefix}/lib/libcanary_*.a")
list(SORT libraries)
set(want libcanary_faults.a libcanary_model.a libcanary_record.a libcanary_report.a libcanary_results.a libcanary_runner.a
    libcanary_spec.a libcanary_teeth.a libcanary_verdict.a libcanary_workspace.a libcanary_yaml.a)
if(NOT libraries STREQUAL want)
  message(FATAL_ERROR "package_test: installed libraries are '${libraries}', want '${want}'")
endif()

# The installed CLI reads the installed canaries and profiles, not this source tree.
run_checked("installed canary list" "${prefix}/bin/canary" list --json)
string(JSON listed LENGTH "${out}")
if(listed LESS 7)
  message(FATAL_ERROR "package_test: the installed canary lists ${listed} canaries:\n${out}")
endif()
math(EXPR last "${listed} - 1")
foreach(i RANGE ${last})
  string(JSON path GET "${out}" ${i} path)
  string(FIND "${path}" "${prefix}/share/canary/canaries/" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "package_test: the installed canary reads ${path}, not the installed canaries")
  endif()
endforeach()

# The consumer is a project of its own: copied out, so nothing can reach it through this tree.
file(COPY "${SOURCE_DIR}/tests/consumer/" DESTINATION "${WORK_DIR}/consumer-src")
set(configure_args -S "${WORK_DIR}/consumer-src" -B "${consumer_build}" -G Ninja
    "-DCMAKE_PREFIX_PATH=${prefix}")
foreach(pair CXX_COMPILER:CMAKE_CXX_COMPILER CXX_FLAGS:CMAKE_CXX_FLAGS BUILD_TYPE:CMAKE_BUILD_TYPE
        COMPILER_LAUNCHER:CMAKE_CXX_COMPILER_LAUNCHER)
  string(REPLACE ":" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  if(DEFINED ${from} AND NOT "${${from}}" STREQUAL "")
    list(APPEND configure_args "-D${to}=${${from}}")
  endif()
endforeach()
run_checked("configuring the consumer" "${CMAKE_COMMAND}" ${configure_args})
expect_match("${out}" "Build files have been written" "consumer configure")
run_checked("building the consumer" "${CMAKE_COMMAND}" --build "${consumer_build}")

run_checked("the consumer's ctest" "${CMAKE_CTEST_COMMAND}" --test-dir "${consumer_build}"
            --output-on-failure -j2 --resource-spec-file "${prefix}/share/canary/ctest/resources.json")
message(STATUS "consumer ctest:\n${out}")
expect_match("${out}" "canary\\.consumer-simple [.]+ +Passed" "the consumer's canary")
expect_match("${out}" "judge\\.green_run_passes [.]+ +Passed" "the library judging a green run")
expect_match("${out}" "judge\\.failed_upgrade_mismatches [.]+ +Passed" "the library judging a red run")
expect_match("${out}" "100% tests passed, 0 tests failed out of 5" "the consumer's test count")

# Only the installed tree served the consumer: its generated test lists name none of this
# tree's canaries, profiles, programs, fixtures or artifacts.
file(GLOB generated "${consumer_build}/canary_*_tests.cmake")
if(NOT generated)
  message(FATAL_ERROR "package_test: canary_add_canaries() generated no test list")
endif()
foreach(file IN LISTS generated)
  file(READ "${file}" text)
  foreach(forbidden "${SOURCE_DIR}/canaries" "${SOURCE_DIR}/harness" "${SOURCE_DIR}/tests"
          "${BUILD_DIR}/bin" "${BUILD_DIR}/fixtures" "${BUILD_DIR}/artifacts")
    string(FIND "${text}" "${forbidden}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "package_test: ${file} names ${forbidden}:\n${text}")
    endif()
  endforeach()
  expect_match("${text}" "${prefix}/bin/canary-gtest" "the installed runner")
endforeach()

# The canary really ran: its record says PASS with the installed harness.
file(GLOB_RECURSE records "${consumer_build}/artifacts/*/canary-run.json")
set(passed FALSE)
foreach(record IN LISTS records)
  file(READ "${record}" json)
  string(JSON id GET "${json}" canary)
  string(JSON outcome GET "${json}" outcome)
  if(id STREQUAL "consumer-simple" AND outcome STREQUAL "PASS")
    set(passed TRUE)
    file(READ "${record}" record_text)
    expect_match("${record_text}" "${prefix}/bin/canary-localci" "the installed harness ran")
  endif()
endforeach()
if(NOT passed)
  message(FATAL_ERROR "package_test: no canary-run.json with consumer-simple PASS in: ${records}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "package_test: the installed package built the consumer and its canary passed")
