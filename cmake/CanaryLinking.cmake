# How this build links its programs, for their start-up time: `canary run` pays the dynamic
# loader once per canary, and every shared library adds objects to map and symbols to bind
# (bench/README.md has the callgrind figures). Where Debian installs a static archive of a
# dependency beside the shared one, the build tree links the archive instead.
# Only the build tree: the installed package's find_dependency() calls find each consumer's own.
# Included after the find_package() and find_library() calls of the top-level CMakeLists.txt.
option(CANARY_STATIC_DEPS
  "Link yaml-cpp, pugixml and nettle from their static archives where installed (faster start)" ON)

if(CANARY_STATIC_DEPS)
  # yaml-cpp's package config has only the shared library: point its target at the archive.
  find_library(CANARY_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
  if(CANARY_YAML_CPP_ARCHIVE)
    get_target_property(canary_yaml_configs yaml-cpp IMPORTED_CONFIGURATIONS)
    foreach(config IN LISTS canary_yaml_configs)
      set_target_properties(yaml-cpp PROPERTIES
        IMPORTED_LOCATION_${config} "${CANARY_YAML_CPP_ARCHIVE}")
    endforeach()
  endif()
  # pugixml's config has both; its pugixml::pugixml picks the shared one.
  if(TARGET pugixml::static)
    set_target_properties(pugixml::pugixml PROPERTIES INTERFACE_LINK_LIBRARIES pugixml::static)
  endif()
  find_library(CANARY_NETTLE_ARCHIVE NAMES libnettle.a)
  if(CANARY_NETTLE_ARCHIVE)
    set(CANARY_NETTLE_LIBRARY "${CANARY_NETTLE_ARCHIVE}")
  endif()
endif()

# The programs every canary starts, `canary` and `canary-gtest`, carry libstdc++ and libgcc
# inside once no C++ library is left shared (yaml-cpp, pugixml static; fmt header-only): the
# loader then maps libc and libm only (a shared C++ library would bring a second libstdc++).
# Not under the sanitizers, whose runtimes expect the shared one.
option(CANARY_STATIC_LIBSTDCXX "Link canary and canary-gtest with -static-libstdc++ (faster start)" ON)
function(canary_static_runtime)
  foreach(target IN ITEMS canary_cli canary_gtest)
    if(TARGET ${target})
      set_property(TARGET ${target} APPEND PROPERTY LINK_OPTIONS -static-libstdc++ -static-libgcc)
    endif()
  endforeach()
endfunction()
if(CANARY_STATIC_LIBSTDCXX AND CANARY_STATIC_DEPS AND CANARY_YAML_CPP_ARCHIVE
   AND TARGET pugixml::static AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL canary_static_runtime)
endif()
