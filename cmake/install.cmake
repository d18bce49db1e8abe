# install.cmake - what `cmake --install` puts in place (included from the top
# CMakeLists.txt): the header, libjixiao.so.0.2 (soname) and libjixiao.a, the
# CLI and its man page, jixiao.pc, and the CMake package
#
#   find_package(jixiao 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE jixiao::jixiao)         # shared
#   target_link_libraries(app PRIVATE jixiao::jixiao_static)  # static
#
# jixiao::jixiao is the shared library; its dependencies (libfyaml, GSL,
# nettle, libxlsxwriter, libzip, expat, FreeXL) are private, so a consumer needs none of their headers. The static
# target carries them as link dependencies; the package config looks them up
# with pkg-config and defines jixiao::jixiao_static only when they are found.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(JX_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/jixiao)

set_target_properties(jixiao_shared PROPERTIES EXPORT_NAME jixiao)
set_target_properties(jixiao_static PROPERTIES EXPORT_NAME jixiao_static)
# The installed targets find the header under <prefix>/include.
target_include_directories(jixiao_shared INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_include_directories(jixiao_static INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# The same names inside this build tree.
add_library(jixiao::jixiao ALIAS jixiao_shared)
add_library(jixiao::jixiao_static ALIAS jixiao_static)

install(FILES ${PROJECT_SOURCE_DIR}/include/jixiao.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(TARGETS jixiao_shared EXPORT jixiaoTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT lib)
install(TARGETS jixiao_static EXPORT jixiaoStaticTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(TARGETS jixiao RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES ${PROJECT_SOURCE_DIR}/man/jixiao.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)

# pkg-config: prefix relative to the .pc file, so that
# `cmake --install build --prefix DIR` gives a working file for any DIR.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(JX_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH JX_PC_UP "/jx/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/jx")
  string(REGEX REPLACE "/$" "" JX_PC_UP "${JX_PC_UP}")
  set(JX_PC_PREFIX "\${pcfiledir}/${JX_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(JX_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(JX_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/jixiao.pc.in ${PROJECT_BINARY_DIR}/jixiao.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/jixiao.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# CMake package.
install(EXPORT jixiaoTargets NAMESPACE jixiao:: DESTINATION ${JX_CMAKE_DIR} COMPONENT dev)
install(EXPORT jixiaoStaticTargets NAMESPACE jixiao:: DESTINATION ${JX_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/jixiaoConfig.cmake.in
  ${PROJECT_BINARY_DIR}/jixiaoConfig.cmake INSTALL_DESTINATION ${JX_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/jixiaoConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/jixiaoConfig.cmake ${PROJECT_BINARY_DIR}/jixiaoConfigVersion.cmake
  DESTINATION ${JX_CMAKE_DIR} COMPONENT dev)
