// PytestParser: pytest's terminal output into findings: the short summary's FAILED/ERROR lines, located
// with the "file.py:line: Exception" lines of the tracebacks.
#pragma once

#include "outputparser.h"

namespace harness {

class PytestParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
