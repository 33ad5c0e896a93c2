# Runtime benchmark: sandboxed vs bare command start, and a batch of anchored edits on a large file.
harness_benchmark(bench_runtime SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_runtime.cpp LIBS harness_runtime)
