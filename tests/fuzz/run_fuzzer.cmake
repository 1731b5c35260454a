# cmake -D FUZZER=... -D SEEDS=dir -D WORK=dir -D SECONDS=n -P run_fuzzer.cmake
# Runs a libFuzzer target for SECONDS over a fresh copy of the seed corpus (the seeds in the
# repository stay untouched), fails on any crash, leak, timeout or sanitizer report, and prints
# how many inputs it executed.
foreach(var FUZZER SEEDS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake: -D ${var}=... is required")
  endif()
endforeach()
if(NOT IS_DIRECTORY "${SEEDS}")
  message(FATAL_ERROR "run_fuzzer.cmake: no seed corpus at ${SEEDS}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/crashes")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
file(GLOB seeds "${WORK}/corpus/*")
list(LENGTH seeds seed_count)
if(seed_count EQUAL 0)
  message(FATAL_ERROR "run_fuzzer.cmake: the seed corpus ${SEEDS} is empty")
endif()
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK}/crashes/ "${WORK}/corpus"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE out
  ERROR_VARIABLE out)
string(REGEX MATCH "stat::number_of_executed_units: *([0-9]+)" _ "${out}")
set(execs "${CMAKE_MATCH_1}")
get_filename_component(name "${FUZZER}" NAME)
if(NOT status EQUAL 0)
  file(GLOB crashes "${WORK}/crashes/*")
  message("${out}")
  message(FATAL_ERROR "${name} failed (exit ${status}) after ${execs} execs; inputs kept in "
                      "${WORK}/crashes: ${crashes}\nAdd each to tests/fuzz/regressions/ once fixed.")
endif()
if(execs STREQUAL "")
  message("${out}")
  message(FATAL_ERROR "${name}: no final stats in the fuzzer's output")
endif()
file(GLOB corpus "${WORK}/corpus/*")
list(LENGTH corpus corpus_count)
message("${name}: ${execs} execs in ${SECONDS} s, corpus ${seed_count} seeds -> ${corpus_count} inputs, no crash")
file(REMOVE_RECURSE "${WORK}")
