# Benchmark of app/agents: SSE parse throughput (50 MB) and per-request overhead over loopback.
harness_benchmark(bench_sse SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_sse.cpp LIBS harness_agents test_modelserver)
