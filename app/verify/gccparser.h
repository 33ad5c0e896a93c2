// GccParser: GCC and Clang diagnostics ("file:line:col: error: message [-Wflag]") into findings;
// notes are folded into the diagnostic they belong to.
#pragma once

#include "outputparser.h"

namespace harness {

class GccParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
