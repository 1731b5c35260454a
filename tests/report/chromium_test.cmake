# The HTML report in real headless Chromium: three nights of real runs on the example harness
# (in the first, wrongly-red still expected the truth), the page loaded from disk, the matrix
# and history cells checked in the DOM Chromium built, and a screenshot kept.
# cmake -DCANARY=... -DCHROMIUM=... -DSOURCE_DIR=... -DBIN_DIR=... -DWORK_DIR=... -DSCREENSHOT=...
cmake_minimum_required(VERSION 3.25)
foreach(var CANARY CHROMIUM SOURCE_DIR BIN_DIR WORK_DIR SCREENSHOT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "" OR "${${var}}" MATCHES "NOTFOUND$")
    message(FATAL_ERROR "chromium_test: -D${var}=... is required (is chromium installed?)")
  endif()
endforeach()
function(fail what text)
  message(FATAL_ERROR "chromium_test: ${what}\n${text}")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(REMOVE "${SCREENSHOT}")
set(canaries "${SOURCE_DIR}/tests/report/canaries")
file(COPY "${canaries}/" DESTINATION "${WORK_DIR}/night1-canaries")
file(READ "${canaries}/example-healthy.yaml" healthy)
string(REPLACE "canary: example-healthy" "canary: wrongly-red" truthful "${healthy}")
file(WRITE "${WORK_DIR}/night1-canaries/wrongly-red.yaml" "${truthful}")

foreach(night 1 2 3)
  set(dir "${canaries}")
  if(night EQUAL 1)
    set(dir "${WORK_DIR}/night1-canaries")
  endif()
  execute_process(COMMAND "${CANARY}" run --canaries "${dir}"
                          --profile "${SOURCE_DIR}/harness/profiles/example.yaml"
                          --artifact-root "${WORK_DIR}/night${night}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  # unknown-commit is a TOOL_ERROR every night (exit 3); from night 2 wrongly-red fails (exit 1).
  set(want 1)
  if(night EQUAL 1)
    set(want 3)
  endif()
  if(NOT result EQUAL want)
    fail("canary run for night ${night} exited ${result}, not ${want}" "${out}${err}")
  endif()
endforeach()

set(html "${WORK_DIR}/report.html")
execute_process(COMMAND "${CANARY}" report --html "${html}"
                        "${WORK_DIR}/night1" "${WORK_DIR}/night2" "${WORK_DIR}/night3"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0 OR NOT EXISTS "${html}")
  fail("canary report --html exited ${result}" "${out}${err}")
endif()

set(browser "${CHROMIUM}" --headless=new --no-sandbox --disable-gpu --no-first-run
            --hide-scrollbars "--user-data-dir=${WORK_DIR}/chromium-profile")
execute_process(COMMAND ${browser} --dump-dom "file://${html}"
                RESULT_VARIABLE result OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
if(NOT result EQUAL 0)
  fail("chromium --dump-dom exited ${result}" "${err}")
endif()
file(WRITE "${WORK_DIR}/dom.html" "${dom}")
foreach(expected
    "<table class=\"matrix\" id=\"matrix\">"
    "<p class=\"summary\" id=\"summary\">7 canaries: 5 passed, 1 failed, 1 tool error</p>"
    "<tr data-canary=\"wrongly-red\"><td class=\"canary\"><a href=\"#canary-wrongly-red\">wrongly-red</a></td><td>RED at backup</td><td class=\"outcome outcome-fail\">MISMATCH</td>"
    "<td class=\"tier status-pass judged mismatch\" title=\"expected fail\">pass<span class=\"want\">want fail</span></td>"
    "<td class=\"tier status-fail judged\" title=\"expected fail\">fail</td>"
    "<td class=\"outcome outcome-error\">TOOL_ERROR</td>"
    "<table class=\"history\" id=\"history\">"
    "<tr data-canary=\"wrongly-red\"><td class=\"canary\">wrongly-red</td><td class=\"night hist-pass\" title=\"PASS\"></td><td class=\"night hist-fail\" title=\"MISMATCH\"></td><td class=\"night hist-fail\" title=\"MISMATCH\"></td><td>night 2 ("
    "<section class=\"detail outcome-fail\" id=\"canary-wrongly-red\">"
    "<li>tier backup: expected fail, got pass</li>")
  string(FIND "${dom}" "${expected}" at)
  if(at EQUAL -1)
    fail("the DOM lacks: ${expected}" "see ${WORK_DIR}/dom.html")
  endif()
endforeach()
string(REGEX MATCHALL "<tr data-canary=" rows "${dom}")
list(LENGTH rows row_count)
if(NOT row_count EQUAL 14)  # 7 canaries in the matrix and 7 in the history
  fail("expected 14 canary rows, got ${row_count}" "see ${WORK_DIR}/dom.html")
endif()

execute_process(COMMAND ${browser} --window-size=1280,1100 "--screenshot=${SCREENSHOT}" "file://${html}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT result EQUAL 0 OR NOT EXISTS "${SCREENSHOT}")
  fail("chromium --screenshot exited ${result}" "${out}${err}")
endif()
file(READ "${SCREENSHOT}" signature LIMIT 8 HEX)
file(SIZE "${SCREENSHOT}" size)
# A blank 1280x1100 page compresses to a few KiB; the coloured matrix and text to far more.
if(NOT signature STREQUAL "89504e470d0a1a0a" OR size LESS 40000)
  fail("${SCREENSHOT} is not a non-trivial PNG (signature ${signature}, ${size} bytes)" "")
endif()
file(REMOVE_RECURSE "${WORK_DIR}/chromium-profile")
message(STATUS "screenshot: ${SCREENSHOT} (${size} bytes)")
