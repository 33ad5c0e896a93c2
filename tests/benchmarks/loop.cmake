# Loop benchmark: harness overhead per build/fix iteration, and scheduling a 1,000-task DAG.
harness_benchmark(bench_loop SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_loop.cpp LIBS harness_orchestration)
