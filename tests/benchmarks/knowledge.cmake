# Knowledge benchmark: repo map, AGENTS.md discovery and context assembly against `git ls-files`.
harness_benchmark(bench_knowledge SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_knowledge.cpp LIBS harness_knowledge)
