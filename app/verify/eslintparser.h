// EslintParser: ESLint's JSON formatter output (--format json) into findings.
#pragma once

#include "outputparser.h"

namespace harness {

class EslintParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
