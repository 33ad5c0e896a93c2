# Workbench I benchmarks: the timeline over a million events, and the task graph layout.
harness_benchmark(bench_timeline SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_timeline.cpp
  LIBS harness_ui_timeline harness_store Qt6::Sql Qt6::Test)
harness_benchmark(bench_graph SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_graph.cpp
  LIBS harness_ui_taskgraph)
