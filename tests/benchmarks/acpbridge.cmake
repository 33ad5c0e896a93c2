# The harness's overhead per fs/* and terminal/* request of an external agent (AcpToolBridge on a real run).
harness_benchmark(bench_acpbridge SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_acpbridge.cpp LIBS harness_orchestration)
