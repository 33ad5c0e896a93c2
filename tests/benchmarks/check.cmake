# `harness check` benchmark: the rule engine on a generated 5,000-file C++ tree, a generated tree shaped
# like a real project and this repository, each against `rg -c '#include' .` over the same tree in the
# same run. The command's source is compiled in (no need for the whole CLI).
harness_benchmark(bench_check SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_check.cpp ${PROJECT_SOURCE_DIR}/app/cli/checkcommand.cpp
  LIBS harness_verify)
target_include_directories(bench_check PRIVATE ${PROJECT_SOURCE_DIR}/app/cli)
target_compile_definitions(bench_check PRIVATE HARNESS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
