// SarifParser: SARIF 2.1.0 input (clang-tidy, CodeQL, Semgrep, ...) into findings.
#pragma once

#include "outputparser.h"

namespace harness {

class SarifParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
