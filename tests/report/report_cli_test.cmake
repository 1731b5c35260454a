# `canary report` fails closed: exit 3 with a clear message for a dir without records or with an
# unreadable one, 2 for usage errors, 0 and an answer for --help; outputs go where they are told.
# cmake -DCANARY=<canary> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P report_cli_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var CANARY SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "report_cli_test: -D${var}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/empty" "${WORK_DIR}/broken/run")
file(WRITE "${WORK_DIR}/broken/run/canary-run.json" "{\"canary\": \"x\", ")
set(night "${SOURCE_DIR}/tests/report/data/night")

function(expect code regex)
  execute_process(COMMAND "${CANARY}" report ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL code OR NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "report_cli_test: canary report ${ARGN}: want exit ${code} and '${regex}', "
                        "got exit ${result}:\n${out}${err}")
  endif()
endfunction()

expect(0 "Usage: canary report \\[OPTIONS\\] DIR" --help)
expect(0 "--merge" --help)
expect(2 "DIR is required")
expect(2 "--log-lines" --log-lines 0 "${night}")
expect(2 "The following argument was not expected: --bogus|--bogus" --bogus "${night}")
expect(3 "canary report: .*/empty: no canary-run.json found" "${WORK_DIR}/empty")
expect(3 "canary report: .*/missing: not a directory" "${WORK_DIR}/missing")
expect(3 "canary report: .*broken/run/canary-run.json: not valid JSON" "${WORK_DIR}/broken")
expect(3 "broken/run/canary-run.json: not valid JSON" --merge "${night}" "${WORK_DIR}/broken")
expect(3 "cannot write" --html "${WORK_DIR}/no/such/dir/r.html" "${night}")
# With no output named, Markdown to stdout; failures in the matrix still exit 0.
expect(0 "## Canary report\n\n\\*\\*7 canaries" "${night}")
expect(0 "<testsuites name=\"canary\" tests=\"7\"" --junit - "${night}")
expect(0 "^$" --markdown "${WORK_DIR}/r.md" --html "${WORK_DIR}/r.html" --junit "${WORK_DIR}/r.xml"
       "${night}" "${night}")
foreach(file r.md r.html r.xml)
  if(NOT EXISTS "${WORK_DIR}/${file}" OR EXISTS "${WORK_DIR}/${file}.tmp")
    message(FATAL_ERROR "report_cli_test: ${file} not written (or its temp file left)")
  endif()
endforeach()
file(READ "${WORK_DIR}/r.md" md)
if(NOT md MATCHES "last of 2 nights")
  message(FATAL_ERROR "report_cli_test: two DIRs without --merge are two nights:\n${md}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
