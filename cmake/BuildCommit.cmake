# The commit both executables name in --version. A target that runs at every build asks git (a few
# milliseconds) and rewrites generated/buildcommit.h only when the answer changed, so a build after a new
# commit recompiles the two files that include it and nothing else. A source tarball has no git: it
# says so, or names what a packager passes as -DHARNESS_BUILD_COMMIT=<id>.
set(HARNESS_BUILD_COMMIT "" CACHE STRING
    "Commit id --version names when the sources are not a git checkout (a tarball); empty: unknown")
add_custom_target(harness_buildcommit
  BYPRODUCTS ${CMAKE_BINARY_DIR}/generated/buildcommit.h
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${CMAKE_BINARY_DIR}/generated/buildcommit.h
          -DFALLBACK=${HARNESS_BUILD_COMMIT}
          -P ${PROJECT_SOURCE_DIR}/cmake/write-buildcommit.cmake
  COMMENT "Naming the commit in --version" VERBATIM)
