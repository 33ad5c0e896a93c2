# Fuzz targets of app/rules: the rules.json loader (with the stable writer's round trip) and the
# include/import extractor with its resolver.
harness_fuzzer(fuzz_rulesloader SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_rulesloader.cpp LIBS harness_rules
               CORPUS corpus/rules-loader)
harness_fuzzer(fuzz_includeextractor SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_includeextractor.cpp LIBS harness_rules
               CORPUS corpus/rules-includes)
