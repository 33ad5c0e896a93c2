// AcceptanceGate: the gate's id is "acceptance: <criterion>", its finding names the check and its exit.
#include "acceptancegate.h"

namespace harness {

QList<Gate> AcceptanceGate::fromContract(const Contract &contract)
{
    QList<Gate> out;
    for (const auto &criterion : contract.criteria) {
        if (criterion.checkCommand.isEmpty())
            continue;
        Gate g;
        g.id = QStringLiteral("acceptance: ") + criterion.text;
        g.kind = GateKind::Acceptance;
        g.command = criterion.checkCommand;
        g.criterion = criterion.text;
        g.timeoutSeconds = kTimeoutSeconds;
        g.stopOnFailure = false;
        out << g;
    }
    return out;
}

GateResult AcceptanceGate::run(const Gate &gate, const CommandResult &c)
{
    GateResult r;
    r.status = c.succeeded() ? GateStatus::Passed : GateStatus::Failed;
    r.durationMs = c.durationMs;
    r.exitCode = c.exitCode;
    r.log = QString::fromUtf8(c.stdoutData + c.stderrData);
    if (!c.succeeded())
        r.findings.append({QString(), 0, 0, Severity::Error, QStringLiteral("acceptance"),
                           QStringLiteral("acceptance criterion not met: \"%1\" (check `%2` %3)")
                                   .arg(gate.criterion, gate.command,
                                        c.started ? QStringLiteral("exited %1").arg(c.exitCode) : c.error),
                           QStringLiteral("acceptance")});
    return r;
}

} // namespace harness
