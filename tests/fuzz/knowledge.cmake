# Knowledge fuzz target: symbol patterns, token cuts and the context record parser on arbitrary input.
harness_fuzzer(fuzz_knowledge SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_knowledge.cpp LIBS harness_knowledge
               CORPUS corpus/knowledge)
