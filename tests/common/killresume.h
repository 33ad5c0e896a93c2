// What the kill -9 tests share: the real `harness` started on a demo project and killed with SIGKILL at a
// chosen moment, and the checks that a resumed run's log is whole — one answer per tool call, no tool call
// started twice (so no write applied twice), dense sequence numbers, an intact hash chain.
#pragma once

#include "core/event.h"
#include "core/eventkinds.h"
#include "store/store.h"

#include <QHash>
#include <QProcess>
#include <QStringList>
#include <QtDebug>

#include <csignal>

namespace harness::test {

// `harness --repo root --store store <command>`, killed with SIGKILL after killAfterMs (never when < 0).
// Returns the exit code, -1 when it was killed, -2 when it could not be started.
inline int runHarness(const QString &binary, const QString &root, const QString &store,
                      const QStringList &command, int killAfterMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary, QStringList {QStringLiteral("--repo"), root, QStringLiteral("--store"), store} + command);
    if (!p.waitForStarted(10000)) {
        qWarning().noquote() << "harness did not start:" << p.errorString();
        return -2;
    }
    if (killAfterMs >= 0) {
        if (p.waitForFinished(killAfterMs))
            return p.exitCode();
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished(10000);
        return -1;
    }
    p.waitForFinished(180000);
    if (p.exitCode() != 6 && p.exitCode() != 0)
        qWarning().noquote() << p.readAll();
    return p.exitCode();
}

// Empty when the run's log is whole; else what is wrong, in words (the tests compare it to "").
inline QString logProblems(Store &store, const QList<Event> &events)
{
    QStringList problems;
    QHash<QString, int> answers, starts;
    for (const Event &e : events) {
        const QString id = e.payload.value(QStringLiteral("call_id")).toString();
        if (e.kind == kinds::ToolResult || e.kind == kinds::ToolInterrupted)
            answers[id]++;
        if (e.kind == kinds::ToolCallStarted)
            starts[id]++;
    }
    for (auto it = answers.cbegin(); it != answers.cend(); ++it)
        if (it.value() != 1)
            problems << QStringLiteral("tool call %1 answered %2 times").arg(it.key()).arg(it.value());
    for (auto it = starts.cbegin(); it != starts.cend(); ++it)
        if (it.value() != 1)
            problems << QStringLiteral("tool call %1 started %2 times").arg(it.key()).arg(it.value());
    for (qsizetype i = 0; i < events.size(); ++i)
        if (events.at(i).seq != i + 1) {
            problems << QStringLiteral("sequence gap at %1").arg(i + 1);
            break;
        }
    auto chain = store.verifyChain();
    if (!chain || !chain->intact)
        problems << QStringLiteral("audit chain broken");
    return problems.join(QStringLiteral("; "));
}

} // namespace harness::test
