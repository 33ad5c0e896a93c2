// PytestParser: pytest's terminal output into findings: the short summary's FAILED/ERROR lines, located
// with the "file.py:line: Exception" lines of the tracebacks.
#pragma once

#include "outputparser.h"
#include "testoutcomes.h"

namespace harness {

class PytestParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
    // Every test the run reported and how it ended (the held-out-tests gate compares two runs).
    static Result<TestOutcomes> outcomes(const QByteArray &output);
};

} // namespace harness
