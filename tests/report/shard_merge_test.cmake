# CTest-level: CANARY_SHARD=I/3 splits the canaries of tests/report/canaries (run for real on the
# example harness) into three disjoint shards covering each canary once, and
# `canary report --merge` of the three shards equals the report of the unsharded run.
# cmake -DCANARY=<canary> -DGTEST_RUNNER=<canary-gtest> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P ...
cmake_minimum_required(VERSION 3.25)
foreach(var CANARY GTEST_RUNNER SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "shard_merge_test: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Like canary_add_canaries(); the artifact root comes from the environment, one per shard.
file(WRITE "${WORK_DIR}/CTestTestfile.cmake" "
execute_process(COMMAND [==[${GTEST_RUNNER}]==] [==[--canary-emit-ctest=${WORK_DIR}/tests.cmake]==]
  [==[--canary-dir=${SOURCE_DIR}/tests/report/canaries]==] \"--canary-artifact-root=\$ENV{ARTIFACTS}\"
  [==[--canary-profile=${SOURCE_DIR}/harness/profiles/example.yaml]==]
  RESULT_VARIABLE listed ERROR_VARIABLE why)
if(listed EQUAL 0)
  include([==[${WORK_DIR}/tests.cmake]==])
else()
  add_test(canary.LISTING_FAILED sh -c \"echo \\\"\$0\\\" >&2; exit 1\" \"\${why}\")
  set_tests_properties(canary.LISTING_FAILED PROPERTIES LABELS canary)
endif()
")

function(fail what text)
  message(FATAL_ERROR "shard_merge_test: ${what}\n${text}")
endfunction()

# The canary.<id> tests a `ctest -N -L canary` lists under CANARY_SHARD=${shard} ("" = all).
function(listed_canaries shard out_var)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "CANARY_SHARD=${shard}" "ARTIFACTS=${WORK_DIR}/x"
                          "${CMAKE_CTEST_COMMAND}" -N -L "^canary$"
                  WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    fail("ctest -N with CANARY_SHARD='${shard}' failed (${result})" "${out}${err}")
  endif()
  string(REGEX MATCHALL "canary\\.[a-z0-9-]+" names "${out}")
  list(REMOVE_ITEM names canary.session canary.summary)
  set(${out_var} "${names}" PARENT_SCOPE)
endfunction()

listed_canaries("" all)
list(LENGTH all total)
if(NOT total EQUAL 7)
  fail("expected the 7 report canaries unsharded, got ${total}" "${all}")
endif()
set(seen "")
foreach(i 1 2 3)
  listed_canaries("${i}/3" shard)
  list(LENGTH shard size)
  if(size EQUAL 0)
    fail("shard ${i}/3 is empty" "")
  endif()
  foreach(name IN LISTS shard)
    if(name IN_LIST seen)
      fail("${name} is in two shards" "${seen}")
    endif()
    if(NOT name IN_LIST all)
      fail("shard ${i}/3 has ${name}, which the unsharded run does not" "${all}")
    endif()
    list(APPEND seen "${name}")
  endforeach()
endforeach()
list(SORT seen)
list(SORT all)
if(NOT seen STREQUAL all)
  fail("three shards together do not cover every canary" "shards: ${seen}\nall: ${all}")
endif()

# A bad shard is a failing test, never an empty pass.
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "CANARY_SHARD=4/3" "ARTIFACTS=${WORK_DIR}/x"
                        "${CMAKE_CTEST_COMMAND}" -L "^canary$" --output-on-failure
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(result EQUAL 0 OR NOT "${out}${err}" MATCHES "I must be between 1 and N")
  fail("CANARY_SHARD=4/3 did not fail with a clear message (exit ${result})" "${out}${err}")
endif()

# Run the unsharded set and each shard for real, each into its own artifact root.
function(run_canaries shard root)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env "CANARY_SHARD=${shard}" "ARTIFACTS=${root}"
                          "${CMAKE_CTEST_COMMAND}" -L "^canary$" -j2
                  WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  # Two report canaries fail on purpose (MISMATCH and TOOL_ERROR): the whole set must fail;
  # a shard fails exactly when it holds one of them.
  set(should_fail FALSE)
  if(shard STREQUAL "" OR out MATCHES "canary\\.(wrongly-red|unknown-commit) ")
    set(should_fail TRUE)
  endif()
  if(NOT IS_DIRECTORY "${root}" OR (should_fail AND result EQUAL 0) OR
     (NOT should_fail AND NOT result EQUAL 0))
    fail("ctest -L canary with CANARY_SHARD='${shard}' exited ${result}" "${out}${err}")
  endif()
endfunction()
run_canaries("" "${WORK_DIR}/full")
foreach(i 1 2 3)
  run_canaries("${i}/3" "${WORK_DIR}/shard${i}")
endforeach()

function(report out_prefix)
  execute_process(COMMAND "${CANARY}" report --no-timings --markdown "${out_prefix}.md"
                          --junit "${out_prefix}.xml" ${ARGN}
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    fail("canary report ${ARGN} exited ${result}" "${out}${err}")
  endif()
  # Run ids and artifact roots differ between any two runs; everything else must not.
  foreach(ext md xml)
    file(READ "${out_prefix}.${ext}" text)
    string(REGEX REPLACE "[a-z0-9-]+-[0-9]+T[0-9]+Z-[0-9]+-[0-9a-f]+" "RUN_ID" text "${text}")
    string(REGEX REPLACE "/(full|shard[123])/RUN_ID" "/ARTIFACTS/RUN_ID" text "${text}")
    file(WRITE "${out_prefix}.scrubbed.${ext}" "${text}")
  endforeach()
endfunction()
report("${WORK_DIR}/full" "${WORK_DIR}/full")
report("${WORK_DIR}/merged" --merge "${WORK_DIR}/shard1" "${WORK_DIR}/shard2" "${WORK_DIR}/shard3")

foreach(ext md xml)
  file(READ "${WORK_DIR}/full.scrubbed.${ext}" full)
  file(READ "${WORK_DIR}/merged.scrubbed.${ext}" merged)
  if(NOT full STREQUAL merged)
    execute_process(COMMAND diff -u "${WORK_DIR}/full.scrubbed.${ext}" "${WORK_DIR}/merged.scrubbed.${ext}"
                    OUTPUT_VARIABLE diff)
    fail("the merged ${ext} report differs from the unsharded one" "${diff}")
  endif()
endforeach()

# And the report says what happened: every canary, the failures with their findings.
file(READ "${WORK_DIR}/full.md" md)
foreach(name IN LISTS all)
  string(REPLACE "canary." "" id "${name}")
  if(NOT md MATCHES "\n\\| ${id} \\|")
    fail("no matrix row for ${id}" "${md}")
  endif()
endforeach()
foreach(expected "\\*\\*7 canaries: 5 passed, 1 failed, 1 tool error\\*\\*"
                 "\\*\\*wrongly-red\\*\\*: MISMATCH\n- `verdict: expected red, got green"
                 "\\*\\*unknown-commit\\*\\*: TOOL\\\\_ERROR after 2 attempts")
  if(NOT md MATCHES "${expected}")
    fail("the Markdown report lacks '${expected}'" "${md}")
  endif()
endforeach()
execute_process(COMMAND /usr/bin/python3 -c
  "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); \
s = r.find('testsuite'); assert len(s.findall('testcase')) == 7, 'testcases'; \
assert len(s.findall('testcase/failure')) == 1 and len(s.findall('testcase/error')) == 1, 'failures'"
  "${WORK_DIR}/full.xml" RESULT_VARIABLE result ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  fail("the JUnit report is not the expected well-formed XML" "${err}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}/x")
