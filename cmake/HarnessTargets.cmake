# Helpers shared by every folder: warnings, one static library per app/ folder, one test per class.

function(harness_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
  if(HARNESS_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Precompiled headers: most of a translation unit's compile time here is QtCore's (and QtWidgets') headers.
# With GCC every library, view, test and benchmark reuses one of two headers built once (harness_pch_core,
# harness_pch_widgets, made by harness_shared_precompiled_headers()); GCC refuses a header built with other
# macros or flags, and -Winvalid-pch with -Werror turns that into a build error rather than a silent slow
# build. Other compilers (the clang fuzz preset) get a header per library and none for tests.
option(HARNESS_PRECOMPILE "Precompile the common Qt headers" ON)
set(HARNESS_PCH_CORE <QtCore/QString> <QtCore/QStringList> <QtCore/QList> <QtCore/QHash> <QtCore/QJsonObject>
  <QtCore/QJsonArray> <QtCore/QJsonDocument> <QtCore/QDateTime> <QtCore/QObject> <QtCore/QDir> <QtCore/QFile>
  <functional> <memory> <optional> <variant>)
set(HARNESS_PCH_WIDGETS <QtWidgets/QWidget> <QtWidgets/QLabel> <QtWidgets/QPushButton> <QtWidgets/QBoxLayout>
  <QtGui/QPainter>)
# Every test includes QTest (about 2.5 s of a test's compile here), so tests get headers of their own with it.
set(HARNESS_PCH_TEST <QtTest/QTest> <QtTest/QSignalSpy>)
# GCC refuses a header built with another definition of a macro the header tests. QtTest tests three that
# differ between tests: QT_TESTCASE_BUILDDIR and QT_TESTCASE_SOURCEDIR (each test's folder, for
# QFINDTESTDATA, which no test uses) and QT_NETWORK_LIB (it only adds QTest::toString for network
# types). Tests and their headers are compiled without them.
# A test program's own code is compiled without optimisation in every build type: it drives the optimised
# libraries, runs once, and optimising it was most of its compile (test sources 39% less CPU at -O0 with
# these headers than at -O2 without them, on a sample of eight).
set(HARNESS_TEST_COMPILE_OPTIONS -UQT_TESTCASE_BUILDDIR -UQT_TESTCASE_SOURCEDIR -UQT_NETWORK_LIB -O0)
if(HARNESS_PRECOMPILE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(HARNESS_SHARED_PCH ON)
else()
  set(HARNESS_SHARED_PCH OFF)
endif()

# Called once from the top directory, after the project-wide compile definitions.
function(harness_shared_precompiled_headers)
  if(NOT HARNESS_SHARED_PCH)
    return()
  endif()
  add_library(harness_pch_core STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
  target_link_libraries(harness_pch_core PRIVATE Qt6::Core)
  target_precompile_headers(harness_pch_core PRIVATE ${HARNESS_PCH_CORE})
  add_library(harness_pch_widgets STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
  target_link_libraries(harness_pch_widgets PRIVATE Qt6::Widgets)
  target_precompile_headers(harness_pch_widgets PRIVATE ${HARNESS_PCH_CORE} ${HARNESS_PCH_WIDGETS})
  set(pchs harness_pch_core harness_pch_widgets)
  if(HARNESS_BUILD_TESTS)
    add_library(harness_pch_test STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
    target_link_libraries(harness_pch_test PRIVATE Qt6::Core Qt6::Test)
    target_precompile_headers(harness_pch_test PRIVATE ${HARNESS_PCH_CORE} ${HARNESS_PCH_TEST})
    add_library(harness_pch_test_widgets STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
    target_link_libraries(harness_pch_test_widgets PRIVATE Qt6::Widgets Qt6::Test)
    target_precompile_headers(harness_pch_test_widgets PRIVATE ${HARNESS_PCH_CORE} ${HARNESS_PCH_WIDGETS}
                              ${HARNESS_PCH_TEST})
    foreach(pch harness_pch_test harness_pch_test_widgets)
      target_compile_options(${pch} PRIVATE ${HARNESS_TEST_COMPILE_OPTIONS})
    endforeach()
    list(APPEND pchs harness_pch_test harness_pch_test_widgets)
  endif()
  foreach(pch ${pchs})
    harness_warnings(${pch})
    set_target_properties(${pch} PROPERTIES AUTOMOC OFF AUTORCC OFF)
  endforeach()
endfunction()

# Whether <target> compiles with QtWidgets' usage requirements (QT_WIDGETS_LIB): Qt6::Widgets reached
# through the public link interfaces of the libraries it links.
function(harness_uses_widgets out)
  set(pending ${ARGN})
  set(seen "")
  set(found OFF)
  while(pending AND NOT found)
    list(POP_FRONT pending lib)
    if(lib STREQUAL "Qt6::Widgets")
      set(found ON)
    elseif(TARGET ${lib} AND NOT lib IN_LIST seen)
      list(APPEND seen ${lib})
      get_target_property(interface ${lib} INTERFACE_LINK_LIBRARIES)
      if(interface)
        foreach(dep ${interface})
          if(NOT dep MATCHES "^\\$<")  # $<LINK_ONLY:...>: linked, but no usage requirements
            list(APPEND pending ${dep})
          endif()
        endforeach()
      endif()
    endif()
  endwhile()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# harness_precompile(<target> [WIDGETS] [TEST]): WIDGETS adds the widget headers; TEST (benchmarks; tests
# have headers of their own, see harness_test) uses a header only where it is shared, since a per-program
# header costs more than it saves.
function(harness_precompile target)
  cmake_parse_arguments(ARG "WIDGETS;TEST" "" "" ${ARGN})
  if(NOT HARNESS_PRECOMPILE)
    return()
  endif()
  if(HARNESS_SHARED_PCH)
    if(ARG_WIDGETS)
      target_precompile_headers(${target} REUSE_FROM harness_pch_widgets)
    else()
      target_precompile_headers(${target} REUSE_FROM harness_pch_core)
    endif()
    if(ARG_TEST)
      # A program that includes its own .moc has an empty mocs_compilation.cpp: loading the header there
      # would cost more than the file (1.4 s against 0.1 s).
      set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/mocs_compilation.cpp
        PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  elseif(NOT ARG_TEST)
    target_precompile_headers(${target} PRIVATE ${HARNESS_PCH_CORE})
    if(ARG_WIDGETS)
      target_precompile_headers(${target} PRIVATE ${HARNESS_PCH_WIDGETS})
    endif()
  endif()
endfunction()

# harness_library(<folder> SOURCES ... DEPENDS <other harness libs or Qt targets>)
# Creates harness_<folder>; only what DEPENDS names is linked, so an upward include fails to build.
function(harness_library folder)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(harness_${folder} STATIC ${ARG_SOURCES})
  target_include_directories(harness_${folder}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/app>
    PRIVATE ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(harness_${folder} PUBLIC ${ARG_DEPENDS})
  harness_warnings(harness_${folder})
  harness_precompile(harness_${folder})
endfunction()

# A test's only QObject is the test class in its .cpp, which includes "<file>.moc". moc runs on that file
# directly instead of through AUTOMOC: AUTOMOC's step took about 1 s a test (it asks the compiler for its
# predefined macros and moc follows every include), moc alone without include paths a few milliseconds,
# with the same output for every test (compared when this was introduced).
function(harness_test_moc target)
  set_target_properties(${target} PROPERTIES AUTOMOC OFF)
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_moc)
  foreach(src ${ARGN})
    get_filename_component(abs ${src} ABSOLUTE)
    get_filename_component(base ${src} NAME_WE)
    if(abs MATCHES "\\.cpp$")
      file(STRINGS ${abs} includes_moc REGEX "^#include \"${base}\\.moc\"")
      if(includes_moc)
        add_custom_command(OUTPUT ${dir}/${base}.moc
          COMMAND Qt6::moc ${abs} -o ${dir}/${base}.moc
          DEPENDS ${abs} Qt6::moc
          COMMENT "moc ${src} (${target})" VERBATIM)
        target_sources(${target} PRIVATE ${dir}/${base}.moc)
      endif()
    endif()
  endforeach()
  target_include_directories(${target} PRIVATE ${dir})
endfunction()

# harness_test(<name> SOURCES ... LIBS ... [LABELS ...] [TIMEOUT s]): a Qt Test program run by CTest.
function(harness_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests ${CMAKE_BINARY_DIR}/generated)
  target_compile_definitions(${name} PRIVATE
    HARNESS_SOURCE_DIR="${PROJECT_SOURCE_DIR}" HARNESS_BINARY_DIR="${CMAKE_BINARY_DIR}")
  harness_warnings(${name})
  target_compile_options(${name} PRIVATE ${HARNESS_TEST_COMPILE_OPTIONS})
  if(HARNESS_SHARED_PCH AND HARNESS_PRECOMPILE)
    harness_uses_widgets(widgets ${ARG_LIBS})
    if(widgets)
      target_precompile_headers(${name} REUSE_FROM harness_pch_test_widgets)
    else()
      target_precompile_headers(${name} REUSE_FROM harness_pch_test)
    endif()
  endif()
  harness_test_moc(${name} ${ARG_SOURCES})
  add_test(NAME ${name} COMMAND ${name})
  set_property(GLOBAL APPEND PROPERTY HARNESS_ALL_TESTS ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;HARNESS_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  if(DEFINED HARNESS_TEST_COST_${name})
    set_tests_properties(${name} PROPERTIES COST ${HARNESS_TEST_COST_${name}})
  endif()
  # A QSKIP fails the test (CTest would count it as a pass) unless HARNESS_SKIP_ALLOWED (tests/CMakeLists.txt,
  # name/reason pairs) lists it. QtTest prints each skip as "SKIP   : Class::function() reason"; the exit code
  # still decides pass or fail otherwise.
  list(FIND HARNESS_SKIP_ALLOWED "${name}" allowed_at)
  math(EXPR allowed_parity "${allowed_at} % 2")
  if(allowed_at EQUAL -1 OR NOT allowed_parity EQUAL 0)
    set_tests_properties(${name} PROPERTIES FAIL_REGULAR_EXPRESSION "(^|\n)SKIP   : ")
  endif()
endfunction()

# harness_benchmark(<name> SOURCES ... LIBS ...): a program that prints its figures; not a test.
function(harness_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests ${CMAKE_BINARY_DIR}/generated)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/benchmarks)
  harness_warnings(${name})
  harness_precompile(${name} TEST)
endfunction()
