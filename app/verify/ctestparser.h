// CtestParser: CTest output into findings: Qt Test "FAIL!" with its "Loc:" line, GoogleTest "file:line:
// Failure", and the "The following tests FAILED" summary (one finding per failed test).
#pragma once

#include "outputparser.h"

namespace harness {

class CtestParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
