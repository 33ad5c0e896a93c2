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
