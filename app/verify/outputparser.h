// OutputParser: turns a gate's output or report into findings, by format — GCC/Clang diagnostics, CTest
// output, JUnit XML (CTest --output-junit too), pytest, ESLint JSON, SARIF, or a configured regex.
#pragma once

#include "gateconfig.h"

#include "core/finding.h"

namespace harness {

struct ParseContext
{
    QString root; // worktree root (absolute): finding paths are made relative to it
    QString workdir; // where the command ran (absolute): relative paths in the output start here
    QString source; // the gate id, stored in Finding::source
    ParserSpec spec;

    // "/abs/root/src/a.cpp", "../src/a.cpp" (from workdir) or "src/a.cpp" -> "src/a.cpp".
    QString relativePath(const QString &path) const;
    Finding finding(const QString &file, int line, int column, Severity severity, const QString &rule,
                    const QString &message) const;
};

class OutputParser
{
public:
    // Parses with the format of ctx.spec; "none" yields no findings.
    static Result<QList<Finding>> parse(const QByteArray &output, const ParseContext &ctx);
};

} // namespace harness
