# `canary report` masks the secrets of the profile a record names: in the harness log tails of the
# HTML report, in findings and in every output (Markdown, HTML, JUnit), whatever the harness leaked.
# cmake -DCANARY=<canary> -DSOURCE_DIR=<src> -DWORK_DIR=<dir> -P report_secrets_test.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var CANARY SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "report_secrets_test: -D${var}=... is required")
  endif()
endforeach()
set(secret "hunter2-s3cr3t-value")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/night")
file(GLOB source_dir LIST_DIRECTORIES true
     "${SOURCE_DIR}/tests/report/data/night/example-bad-backup-*")
file(COPY "${source_dir}" DESTINATION "${WORK_DIR}/night")
file(GLOB run_dir LIST_DIRECTORIES true "${WORK_DIR}/night/example-bad-backup-*")

file(WRITE "${WORK_DIR}/secret-profile.yaml"
     "harness: secret-example\ncommand: [\"true\"]\nresults: results.json\n"
     "secrets: [CANARY_REPORT_TEST_TOKEN]\n")
file(READ "${run_dir}/canary-run.json" record)
string(REPLACE "\"profile\": \"example\"" "\"profile\": \"${WORK_DIR}/secret-profile.yaml\""
       record "${record}")
string(REPLACE "\"findings\": []"
       "\"findings\": [{\"check\": \"tier backup\", \"expected\": \"fail\", \"actual\": \"pass (token ${secret})\"}]"
       record "${record}")
string(REPLACE "\"outcome\": \"PASS\"" "\"outcome\": \"MISMATCH\"" record "${record}")
file(WRITE "${run_dir}/canary-run.json" "${record}")
# As the runner leaves it: the record named, with its digest, in the root's run index.
string(SHA256 digest "${record}")
get_filename_component(run_name "${run_dir}" NAME)
file(WRITE "${WORK_DIR}/night/.canary/index.jsonl"
     "{\"run_id\":\"r\",\"canary\":\"example-bad-backup\",\"record\":\"${run_name}/canary-run.json\",\"sha256\":\"${digest}\"}\n")
file(APPEND "${run_dir}/harness.stdout.log" "deploying with token=${secret}\n")
file(APPEND "${run_dir}/harness.stderr.log" "auth: ${secret} <&>\n")

execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env "CANARY_REPORT_TEST_TOKEN=${secret}"
          "${CANARY}" report --markdown "${WORK_DIR}/r.md" --html "${WORK_DIR}/r.html"
          --junit "${WORK_DIR}/r.xml" "${WORK_DIR}/night"
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "report_secrets_test: canary report exited ${result}:\n${out}${err}")
endif()
foreach(file r.md r.html r.xml)
  file(READ "${WORK_DIR}/${file}" text)
  string(FIND "${text}" "${secret}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "report_secrets_test: the secret appears in ${file} at offset ${at}")
  endif()
  # Masked before escaping: Markdown shows the mask escaped (\*\*\*), never the secret.
  string(REPLACE "\\*" "*" unescaped "${text}")
  if(NOT unescaped MATCHES "\\*\\*\\*")
    message(FATAL_ERROR "report_secrets_test: ${file} shows no mask where the secret was")
  endif()
endforeach()
file(READ "${WORK_DIR}/r.html" html)
if(NOT html MATCHES "deploying with token=\\*\\*\\*")
  message(FATAL_ERROR "report_secrets_test: the HTML log tail lost its masked line")
endif()
message(STATUS "report_secrets_test: secret masked in Markdown, HTML (log tails) and JUnit")
