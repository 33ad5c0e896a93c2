// GateConfig: the ordered quality gates of .harness/gates.json — each a kind (command, rules, secrets,
// coverage, test-integrity, held-out-tests), its command and working directory where it applies, a timeout,
// an output parser, and whether a failure stops the pipeline. Errors are located at line:column and JSON
// path.
#pragma once

#include "core/result.h"
#include "runtime/networkpolicy.h"

#include <QJsonObject>
#include <QStringList>

namespace harness {

// Acceptance and scope gates come from the task's contract (AcceptanceGate, ScopeGate), not from gates.json.
enum class GateKind { Command, Rules, Secrets, Coverage, TestIntegrity, HeldOutTests, Acceptance, Scope };
QString gateKindName(GateKind kind);

// How a gate's output (or a report file it writes) becomes findings.
struct ParserSpec
{
    QString format; // none, gcc, ctest, junit, pytest, eslint, sarif, regex
    QString report; // a file the command writes (relative to the gate's workdir); empty: the output
    QString pattern; // regex format: named groups file, line, column, severity, rule, message
    QString severity = QStringLiteral("error"); // regex format: severity when the pattern has no group for it
    QString rule; // regex format: rule when the pattern has no group for it
};

struct Gate
{
    QString id;
    GateKind kind = GateKind::Command;
    QString command; // shell command line run in the sandbox (command; optional for coverage)
    QString workdir; // relative to the worktree root; empty: the root
    int timeoutSeconds = 600;
    bool stopOnFailure = true;
    NetworkPolicy network; // like policy.json's "network": false, true or {"mode": "proxy", "allow": [...]}
    ParserSpec parser;
    QString scope; // rules/secrets: "changed" (files of the diff; default) or "tree"
    QString rulesFile; // rules/secrets: overrides the context's rules file
    QString coverageReport; // coverage: lcov .info, a .gcov file or directory, or Cobertura XML
    QString coverageFormat; // coverage: lcov, gcov, cobertura (default: guessed from the file)
    double threshold = 80.0; // coverage: minimum percentage of added executable lines covered
    QStringList testPaths; // test-integrity, held-out-tests: extra globs of test files
    QString testsGate; // held-out-tests without a command: the command gate whose command and parser it uses
    QString criterion; // acceptance: the criterion's text
    QStringList paths; // scope: the contract's scope globs
};

struct GateConfig
{
    QList<Gate> gates;

    static Result<GateConfig> load(const QString &path);
    static Result<GateConfig> fromJsonText(const QByteArray &text,
                                           const QString &fileName = QStringLiteral("gates.json"));
    const Gate *gate(const QString &id) const;
};

} // namespace harness
