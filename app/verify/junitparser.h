// JunitParser: JUnit XML (CTest --output-junit, pytest --junitxml, Maven/Gradle, jest-junit) into findings:
// one per failed or erroring test case, located by its file/line attributes or the location in its text.
#pragma once

#include "outputparser.h"
#include "testoutcomes.h"

namespace harness {

class JunitParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
    // Every test the run reported and how it ended (the held-out-tests gate compares two runs).
    static Result<TestOutcomes> outcomes(const QByteArray &output);
};

} // namespace harness
