// RegexParser: a configured regular expression with named groups file, line, column, severity, rule
// and message, matched line by line, into findings.
#pragma once

#include "outputparser.h"

namespace harness {

class RegexParser
{
public:
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
