# canary_check_arguments(<caller> [REQUIRED <name>...]): after
# cmake_parse_arguments(... arg ...) in a function, stops with an error naming <caller> when an
# argument was not recognised or a REQUIRED one is missing. Installed with CanaryCanaries.cmake.
function(canary_check_arguments caller)
  cmake_parse_arguments(PARSE_ARGV 1 check "" "" "REQUIRED")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${caller}: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  foreach(name IN LISTS check_REQUIRED)
    if(NOT arg_${name})
      message(FATAL_ERROR "${caller}: ${name} is required")
    endif()
  endforeach()
endfunction()
