include("${CMAKE_CURRENT_LIST_DIR}/CanaryArguments.cmake")

# canary_library(<name> SOURCES ... [DEPENDS ...]): a static library canary_<name> with the
# alias canary::<name>, the public headers in include/ (the private ones in src/ for Canary's
# own targets), C++20 and the project's warnings.
function(canary_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS")
  canary_check_arguments("canary_library(${name})" REQUIRED SOURCES)
  add_library(canary_${name} STATIC ${arg_SOURCES})
  add_library(canary::${name} ALIAS canary_${name})
  target_include_directories(canary_${name}
    PUBLIC
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
      $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
      $<INSTALL_INTERFACE:include>
      # Canary's private headers ("runner/process.hpp"): for Canary's own targets, never installed.
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
    PRIVATE
      ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_features(canary_${name} PUBLIC cxx_std_20)
  set_target_properties(canary_${name} PROPERTIES CXX_EXTENSIONS OFF POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(canary_${name} PUBLIC ${arg_DEPENDS} PRIVATE ${arg_PRIVATE_DEPENDS})
  canary_target_warnings(canary_${name})
endfunction()
