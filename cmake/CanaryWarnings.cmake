# canary_target_warnings(<target>): the project's warning set, as errors with CANARY_WERROR.
function(canary_target_warnings target)
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "canary_target_warnings: '${target}' is not a target")
  endif()
  target_compile_options("${target}" PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         $<$<BOOL:${CANARY_WERROR}>:-Werror>)
endfunction()
