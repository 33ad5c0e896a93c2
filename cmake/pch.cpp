// The source of the targets that build the shared precompiled headers (cmake/HarnessTargets.cmake).
