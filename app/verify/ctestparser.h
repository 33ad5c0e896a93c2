// CtestParser: CTest output into findings: Qt Test "FAIL!" with its "Loc:" line, GoogleTest "file:line:
// Failure", and the "The following tests FAILED" summary (one finding per failed test).
#pragma once

#include "outputparser.h"
#include "testoutcomes.h"

namespace harness {

class CtestParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
    // Every test the run reported and how it ended (the held-out-tests gate compares two runs).
    static Result<TestOutcomes> outcomes(const QByteArray &output);
};

} // namespace harness
