# Benchmark of app/agents/acp: the strict JSON-RPC reader against a bare newline scan of the same bytes.
harness_benchmark(bench_acp SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_acp.cpp LIBS harness_agents)
