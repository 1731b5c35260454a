# The nightly canary job: configure, build, run every canary (label `canary`) under the capacity
# limit, write JUnit and the reports, and submit to CDash only when a drop site is configured.
#
#   ctest -S ctest/nightly.cmake [-VV]
#   ctest -D CTEST_BINARY_DIRECTORY=/var/tmp/canary-nightly -S ctest/nightly.cmake
#
# Every setting is a -D for ctest (before -S) or, where named, an environment variable:
#   CTEST_SOURCE_DIRECTORY   the Canary checkout (default: this script's repository)
#   CTEST_BINARY_DIRECTORY   the build dir, reused night after night (env CANARY_NIGHTLY_BUILD_DIR;
#                            default: <source>/build-nightly)
#   CANARY_NIGHTLY_DIR       this night's artifacts and reports (env CANARY_NIGHTLY_DIR; default:
#                            <build>/nights/<UTC date-time>); artifacts in <night>/artifacts,
#                            reports in <night>/reports
#   CANARY_NIGHTLY_HISTORY   how many nights the HTML history strip shows, this one included
#                            (default 7; earlier nights are the sibling dirs of CANARY_NIGHTLY_DIR)
#   CANARY_NIGHTLY_LABEL     the CTest label regex to run (default ^canary$: every canary)
#   CANARY_NIGHTLY_JOBS      ctest's parallel level (default 2; ctest/resources.json still caps
#                            how many canaries deploy at once)
#   CANARY_NIGHTLY_CONFIGURE_OPTIONS  extra cmake options (a ;-list), e.g. -DCANARY_DEFAULT_PROFILE=...
#   CTEST_SITE, CTEST_BUILD_NAME      how CDash names the run (default: host name, canary-nightly)
#   CTEST_DROP_SITE          CDash host (or env CTEST_DROP_SITE); unset: nothing is submitted
#                            and nothing touches the network. With it: CTEST_DROP_METHOD (https),
#                            CTEST_DROP_LOCATION (/submit.php?project=Canary), also from the env.
#
# Exit status: 0 when every canary passed and every report was written; non-zero otherwise (the
# reports are still written when canaries fail, so the job's page shows which and why).
cmake_minimum_required(VERSION 3.25)

macro(canary_setting name default)
  if(NOT DEFINED ${name} OR "${${name}}" STREQUAL "")
    if(DEFINED ENV{${name}} AND NOT "$ENV{${name}}" STREQUAL "")
      set(${name} "$ENV{${name}}")
    else()
      set(${name} "${default}")
    endif()
  endif()
endmacro()

get_filename_component(canary_repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
canary_setting(CTEST_SOURCE_DIRECTORY "${canary_repo}")
canary_setting(CANARY_NIGHTLY_BUILD_DIR "${CTEST_SOURCE_DIRECTORY}/build-nightly")
canary_setting(CTEST_BINARY_DIRECTORY "${CANARY_NIGHTLY_BUILD_DIR}")
string(TIMESTAMP night "%Y%m%dT%H%M%SZ" UTC)
canary_setting(CANARY_NIGHTLY_DIR "${CTEST_BINARY_DIRECTORY}/nights/${night}")
canary_setting(CANARY_NIGHTLY_HISTORY 7)
canary_setting(CANARY_NIGHTLY_LABEL "^canary$")
canary_setting(CANARY_NIGHTLY_JOBS 2)
canary_setting(CANARY_NIGHTLY_CONFIGURE_OPTIONS "")
cmake_host_system_information(RESULT host QUERY HOSTNAME)
canary_setting(CTEST_SITE "${host}")
canary_setting(CTEST_BUILD_NAME "canary-nightly")
canary_setting(CTEST_DROP_SITE "")
canary_setting(CTEST_DROP_METHOD "https")
canary_setting(CTEST_DROP_LOCATION "/submit.php?project=Canary")
foreach(dir CTEST_SOURCE_DIRECTORY CTEST_BINARY_DIRECTORY CANARY_NIGHTLY_DIR)
  get_filename_component(${dir} "${${dir}}" ABSOLUTE)
endforeach()
if(NOT EXISTS "${CTEST_SOURCE_DIRECTORY}/CMakeLists.txt")
  message(FATAL_ERROR "nightly: CTEST_SOURCE_DIRECTORY '${CTEST_SOURCE_DIRECTORY}' is no source tree")
endif()
if(NOT CANARY_NIGHTLY_HISTORY MATCHES "^[1-9][0-9]*$" OR NOT CANARY_NIGHTLY_JOBS MATCHES "^[1-9][0-9]*$")
  message(FATAL_ERROR "nightly: CANARY_NIGHTLY_HISTORY and CANARY_NIGHTLY_JOBS must be positive integers")
endif()
if(EXISTS "${CANARY_NIGHTLY_DIR}/artifacts")
  message(FATAL_ERROR "nightly: ${CANARY_NIGHTLY_DIR}/artifacts exists: one night, one dir")
endif()

set(artifacts "${CANARY_NIGHTLY_DIR}/artifacts")
set(reports "${CANARY_NIGHTLY_DIR}/reports")
file(MAKE_DIRECTORY "${artifacts}" "${reports}")
set(CTEST_CMAKE_GENERATOR "Ninja")
set(CTEST_CONFIGURATION_TYPE "RelWithDebInfo")
set(CTEST_NIGHTLY_START_TIME "00:00:00 UTC")
set(CTEST_DROP_SITE_CDASH TRUE)
set(failures "")

ctest_start(Nightly)
# Canary's own tests are not part of the nightly: CANARY_BUILD_TESTS=OFF builds only what runs.
set(configure_options -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCANARY_WERROR=ON -DCANARY_BUILD_TESTS=OFF
    "-DCANARY_ARTIFACT_ROOT=${artifacts}" ${CANARY_NIGHTLY_CONFIGURE_OPTIONS})
ctest_configure(OPTIONS "${configure_options}" RETURN_VALUE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "nightly: configure failed (${configured}); see ${CTEST_BINARY_DIRECTORY}/Testing")
endif()
ctest_build(PARALLEL_LEVEL ${CANARY_NIGHTLY_JOBS} RETURN_VALUE built NUMBER_ERRORS build_errors)
if(NOT built EQUAL 0 OR build_errors GREATER 0)
  message(FATAL_ERROR "nightly: build failed (${built}, ${build_errors} errors)")
endif()

ctest_test(INCLUDE_LABEL "${CANARY_NIGHTLY_LABEL}"
           PARALLEL_LEVEL ${CANARY_NIGHTLY_JOBS}
           RESOURCE_SPEC_FILE "${CTEST_SOURCE_DIRECTORY}/ctest/resources.json"
           OUTPUT_JUNIT "${reports}/ctest-junit.xml"
           RETURN_VALUE tested)
if(NOT tested EQUAL 0)
  list(APPEND failures "canaries failed (ctest ${tested})")
endif()

# This night and up to CANARY_NIGHTLY_HISTORY - 1 earlier ones, oldest first, for the history strip.
get_filename_component(nights_root "${CANARY_NIGHTLY_DIR}" DIRECTORY)
file(GLOB nights LIST_DIRECTORIES true "${nights_root}/*/artifacts")
list(SORT nights)
list(REMOVE_ITEM nights "${artifacts}")
list(LENGTH nights earlier)
math(EXPR skip "${earlier} - (${CANARY_NIGHTLY_HISTORY} - 1)")
if(skip GREATER 0)
  list(SUBLIST nights ${skip} -1 nights)
endif()
list(APPEND nights "${artifacts}")
execute_process(
  COMMAND "${CTEST_BINARY_DIRECTORY}/bin/canary" report
          --markdown "${reports}/canary-report.md" --html "${reports}/canary-report.html"
          --junit "${reports}/canary-junit.xml" ${nights}
  RESULT_VARIABLE reported OUTPUT_VARIABLE report_out ERROR_VARIABLE report_out)
if(NOT reported EQUAL 0)
  list(APPEND failures "canary report failed (${reported}): ${report_out}")
endif()

if(CTEST_DROP_SITE)
  ctest_submit(RETURN_VALUE submitted)
  if(NOT submitted EQUAL 0)
    list(APPEND failures "submitting to ${CTEST_DROP_METHOD}://${CTEST_DROP_SITE} failed")
  endif()
else()
  message(STATUS "nightly: no CTEST_DROP_SITE, nothing submitted")
endif()

message(STATUS "nightly: artifacts in ${artifacts}")
message(STATUS "nightly: reports in ${reports}:")
file(GLOB written "${reports}/*")
foreach(file IN LISTS written)
  message(STATUS "  ${file}")
endforeach()
if(failures)
  list(JOIN failures "\n  " failures)
  message(FATAL_ERROR "nightly:\n  ${failures}")
endif()
