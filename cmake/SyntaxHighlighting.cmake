# KSyntaxHighlighting: KF6, or a KF5 build made against Qt 6. A Qt 5 build must never be linked into
# this Qt 6 program, so a KF5 package is accepted only when its link interface names Qt6 libraries.
# Optional: feature_summary (top CMakeLists.txt) shows which highlighter the build has.
set(HARNESS_SYNTAX_BACKEND "built-in")
set(HARNESS_SYNTAX_TARGET "")

find_package(KF6SyntaxHighlighting QUIET)
if(KF6SyntaxHighlighting_FOUND)
  set(HARNESS_SYNTAX_BACKEND "KF6SyntaxHighlighting ${KF6SyntaxHighlighting_VERSION}")
  set(HARNESS_SYNTAX_TARGET KF6::SyntaxHighlighting)
else()
  find_package(KF5SyntaxHighlighting QUIET)
  if(KF5SyntaxHighlighting_FOUND)
    get_target_property(_ksh_links KF5::SyntaxHighlighting INTERFACE_LINK_LIBRARIES)
    if("${_ksh_links}" MATCHES "Qt6::" AND NOT "${_ksh_links}" MATCHES "Qt5::")
      set(HARNESS_SYNTAX_BACKEND "KF5SyntaxHighlighting ${KF5SyntaxHighlighting_VERSION} (Qt 6 build)")
      set(HARNESS_SYNTAX_TARGET KF5::SyntaxHighlighting)
    else()
      message(STATUS "KF5SyntaxHighlighting found but built against Qt 5: not used (built-in highlighter instead)")
    endif()
  endif()
endif()
message(STATUS "Syntax highlighting: ${HARNESS_SYNTAX_BACKEND}")
foreach(_ksh KF6SyntaxHighlighting KF5SyntaxHighlighting)
  set_package_properties(${_ksh} PROPERTIES TYPE OPTIONAL URL https://api.kde.org/frameworks/syntax-highlighting/html/
                         PURPOSE "syntax colours in the diff view (without it: the built-in highlighter)")
endforeach()
if(HARNESS_SYNTAX_TARGET)
  set(HARNESS_HAVE_KSYNTAX ON)
else()
  set(HARNESS_HAVE_KSYNTAX OFF)
endif()
add_feature_info(KSyntaxHighlighting HARNESS_HAVE_KSYNTAX
                 "the diff view's highlighter: ${HARNESS_SYNTAX_BACKEND} (optional; the built-in one is the fallback)")
