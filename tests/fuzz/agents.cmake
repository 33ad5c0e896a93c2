# Fuzz target of app/agents: the SSE parser and tool-call assembler through the OpenAI/Anthropic decoders.
harness_fuzzer(fuzz_sse SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_sse.cpp LIBS harness_agents CORPUS corpus/sse)
