# Runtime fuzz targets: the edit-operation parser/applier, and apply_patch's reading of a patch (the one
# diff parser, with its writer's round trip) and its applier.
harness_fuzzer(fuzz_editops SOURCES fuzz_editops.cpp LIBS harness_runtime CORPUS corpus/editops)
harness_fuzzer(fuzz_unifieddiff SOURCES fuzz_unifieddiff.cpp LIBS harness_runtime CORPUS corpus/unifieddiff)
