# Team benchmark: wake-up latency (LISTEN/NOTIFY against polling), lease claims per second with four
# claimers, appends against raw inserts, on the PostgreSQL server HARNESS_TEST_PG names.
harness_benchmark(bench_team SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_team.cpp LIBS harness_store Qt6::Sql)
