# Fuzz target of app/agents/acp: the strict JSON-RPC reader and the typed ACP parsers.
harness_fuzzer(fuzz_jsonrpc SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_jsonrpc.cpp LIBS harness_agents CORPUS corpus/jsonrpc)
