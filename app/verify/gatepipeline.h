// GatePipeline: runs the gates of a GateConfig in order on a worktree — commands in the sandbox, the
// rules engine, the secret scan, coverage of added lines, test integrity — records gate_started and
// gate_result events, and stops at a failing gate that says so. run() BLOCKS: call it on a worker thread;
// a pipeline holds no state between runs, so several threads may run it at once.
#pragma once

#include "commandrunner.h"
#include "gateconfig.h"

#include "core/diff/diff.h"
#include "core/gateresult.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace harness {

class EventSink;

struct GateContext
{
    QString worktree; // root of the tree to verify
    QString baseRevision; // the diff base: test-integrity, coverage and "changed" scope need it
    QString rulesFile; // empty: <worktree>/.harness/rules.json
    EventSink *events = nullptr; // receives gate_started / gate_result; may be null
    QString runId; // stamped on the events
    const std::atomic_bool *cancel = nullptr; // checked before each gate; the rest are skipped when set
    CommandRunner *runner = nullptr; // null: a bubblewrap SandboxCommandRunner over the worktree
    qint64 logCap = 4 * 1024 * 1024; // bytes of command output kept per gate
    // The approved plan's tests and step descriptions: a held-out test they name may change behaviour.
    QStringList plan;
    // Runs commands in another tree (the held-out-tests gate's scratch copies) the way runner does in the
    // worktree; null: a bubblewrap SandboxCommandRunner over that tree.
    std::function<std::unique_ptr<CommandRunner>(const QString &root)> runnerFor;
};

class GatePipeline
{
public:
    explicit GatePipeline(GateConfig config);

    QList<GateResult> run(const GateContext &context) const;
    // One gate on its own (the workbench's "re-run this gate").
    GateResult runGate(const Gate &gate, const GateContext &context) const;

    const GateConfig &config() const { return m_config; }
    // Why a run cannot go on with these results, when one gate could not run here at all (no sandbox,
    // its program not installed): "gate "tests" could not run: python3: not found ..."; else empty.
    static QString whyNotRunnable(const QList<GateResult> &results);
    // Why a gate's command did not succeed, in one line (GateResult::reason), and whether it could not
    // run here at all (couldNotRun).
    static void explain(const CommandResult &command, GateResult &result);
    // A command's output for a gate's log, with the harness's notes on limits and warnings.
    static QString commandLog(const CommandResult &command);

private:
    using DiffCache = std::optional<Result<Diff>>; // the diff, computed once per run
    GateResult runCommandGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner) const;
    GateResult runRulesGate(const Gate &gate, const GateContext &ctx, bool secretsOnly,
                            DiffCache &cache) const;
    GateResult runCoverageGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner,
                               DiffCache &cache) const;
    GateResult runTestIntegrityGate(const Gate &gate, const GateContext &ctx, DiffCache &cache) const;
    GateResult runGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner,
                       DiffCache &cache) const;
    static const Result<Diff> &diff(const GateContext &ctx, DiffCache &cache);

    GateConfig m_config;
};

} // namespace harness
