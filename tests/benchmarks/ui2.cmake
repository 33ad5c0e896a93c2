# Benchmarks of the diff review (WORKBENCH-II).
harness_benchmark(bench_diff SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_diff.cpp LIBS harness_ui_diff Qt6::Test)
