// CommandSpec / CommandResult: one command to run in a run's worktree (an agent's run_command or a gate
// command) and what came of it. Output is capped; a command over its cap or its time is killed.
#pragma once

#include "networkpolicy.h"

#include <atomic>
#include <functional>

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace harness {

struct CommandSpec
{
    QStringList argv; // program and arguments; used when shell is empty
    QString shell; // a shell script run by `/bin/sh` (e.g. "cmake --build b && ctest"), at most 1 MiB
    QString cwd; // relative to the worktree root, or absolute inside it; empty: the root
    int timeoutMs = 10 * 60 * 1000;
    qint64 outputCap = 1024 * 1024; // bytes of stdout + stderr kept
    // What happens past the cap: Kill stops the command (agent commands: an output flood ends at once);
    // KeepHeadAndTail lets it finish and keeps the start and the end of each stream (gate commands: a
    // verbose build still passes or fails on its own, and the errors at the end are kept).
    enum class Overflow { Kill, KeepHeadAndTail };
    Overflow overflow = Overflow::Kill;
    NetworkPolicy network; // off unless set; `true` converts to the proxy to every public host
    QMap<QString, QString> env; // extra variables; names that look like secrets are dropped
    QByteArray stdinData;
    // When it becomes true while the command runs, the command and everything it started are stopped
    // (a pause or abort of the run); the result then says cancelled.
    const std::atomic_bool *cancel = nullptr;
    // Called on the thread running the command after every read of its output (every few milliseconds
    // while it runs), with what arrived (possibly nothing): an external agent's terminal serves its output
    // so far from it, and may set `cancel` there. The result still holds the output as usual.
    std::function<void(const QByteArray &stdoutPiece, const QByteArray &stderrPiece)> onOutput;
};

struct CommandResult
{
    bool started = false; // false: refused or failed to start, see error
    int exitCode = -1; // the command's exit code; -1 when killed or not started
    bool timedOut = false;
    bool cancelled = false; // stopped because CommandSpec::cancel became true
    bool outputTruncated = false; // the output cap was reached (killed, or the middle dropped)
    bool sandboxed = false;
    bool pidLimited = false; // a process-count limit (cgroup pids.max) was in force
    QByteArray stdoutData;
    QByteArray stderrData;
    qint64 droppedBytes = 0; // output dropped from the middle (Overflow::KeepHeadAndTail)
    qint64 durationMs = 0;
    QString error; // why it did not start, or was killed
    QString warning; // e.g. "ran WITHOUT a sandbox (project opt-in)"

    bool succeeded() const { return started && !timedOut && exitCode == 0; }
    // Bounded JSON for tool results and events: each stream cut to maxBytes (tail kept).
    QJsonObject toJson(qint64 maxBytes = 16 * 1024) const;
};

} // namespace harness
