# Event log benchmark: store appends and reads against raw batched SQLite inserts of the same rows.
harness_benchmark(bench_eventlog SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_eventlog.cpp LIBS harness_store Qt6::Sql)
