// JunitParser: JUnit XML (CTest --output-junit, pytest --junitxml, Maven/Gradle, jest-junit) into findings:
// one per failed or erroring test case, located by its file/line attributes or the location in its text.
#pragma once

#include "outputparser.h"

namespace harness {

class JunitParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
