# `cmake --install build --prefix P`: the libraries and headers (exported as canary::<name>), the
# programs, the bundled harnesses with their profiles, fixture recipes and canaries, the spec
# schema, and a CMake package so another project can find_package(Canary) and
# canary_add_canaries(). Included once from the top-level CMakeLists.txt, after every target.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CANARY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Canary" CACHE STRING
    "Where the CMake package (CanaryConfig.cmake) is installed, relative to the prefix")
# The programs find their data here, relative to their own directory (see src/workspace/workspace.cpp).
set(CANARY_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/canary")

set(canary_exported_libraries model yaml spec results verdict record runner workspace report teeth faults)
foreach(name IN LISTS canary_exported_libraries)
  set_target_properties(canary_${name} PROPERTIES EXPORT_NAME ${name})
endforeach()
list(TRANSFORM canary_exported_libraries PREPEND canary_)
set_target_properties(canary_core PROPERTIES EXPORT_NAME core)
set_target_properties(canary_cli PROPERTIES EXPORT_NAME cli)
set_target_properties(canary_gtest PROPERTIES EXPORT_NAME gtest)
set_target_properties(canary-localci PROPERTIES EXPORT_NAME localci)

install(TARGETS ${canary_exported_libraries} canary_core canary_cli canary_gtest canary-localci
  EXPORT CanaryTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/canary" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(FILES "${PROJECT_BINARY_DIR}/include/canary/version.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/canary")
install(EXPORT CanaryTargets NAMESPACE canary:: DESTINATION "${CANARY_INSTALL_CMAKEDIR}")

install(PROGRAMS "${PROJECT_SOURCE_DIR}/harness/example/canary-example-harness"
        DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/harness/profiles/"
        DESTINATION "${CANARY_INSTALL_DATADIR}/profiles" FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/canaries/"
        DESTINATION "${CANARY_INSTALL_DATADIR}/canaries" FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/harness/example/canaries/"
        DESTINATION "${CANARY_INSTALL_DATADIR}/example/canaries" FILES_MATCHING PATTERN "*.yaml")
install(FILES "${PROJECT_SOURCE_DIR}/ctest/resources.json" DESTINATION "${CANARY_INSTALL_DATADIR}/ctest")
install(FILES "${PROJECT_SOURCE_DIR}/schema/canary.schema.json"
        DESTINATION "${CANARY_INSTALL_DATADIR}/schema")
# The fixture recipe repositories: harness/localci/CMakeLists.txt installs them beside it.

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/CanaryConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/package/CanaryConfig.cmake"
  INSTALL_DESTINATION "${CANARY_INSTALL_CMAKEDIR}"
  PATH_VARS CANARY_INSTALL_DATADIR)
# 0.x: a minor release may break the API, so only the same minor version is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/package/CanaryConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/package/CanaryConfig.cmake"
  "${PROJECT_BINARY_DIR}/package/CanaryConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/CanaryCanaries.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/CanaryArguments.cmake"
  DESTINATION "${CANARY_INSTALL_CMAKEDIR}")
