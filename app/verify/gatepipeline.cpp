// GatePipeline: one method per gate kind; each returns a GateResult with duration, exit status, log and
// findings. Gate commands go through the CommandRunner (the sandbox), never through a bare QProcess.
#include "gatepipeline.h"
#include "core/events/toolevents.h"

#include "acceptancegate.h"
#include "coveragecheck.h"
#include "heldouttestsgate.h"
#include "outputparser.h"
#include "sandboxcommandrunner.h"
#include "scopegate.h"
#include "testintegritycheck.h"

#include "core/events/verifyevents.h"
#include "core/eventsink.h"
#include "core/worktreereader.h"
#include "rules/ruleengine.h"
#include "rules/secretscanner.h"
#include "rules/sourcetree.h"
#include "runtime/nestedrepositoryscan.h"
#include "runtime/sandbox.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace harness {

namespace {

// A parser report (JUnit, SARIF, ...) larger than this is not read.
constexpr qint64 kMaxGateReportBytes = 64 * 1024 * 1024;

bool hasErrors(const QList<Finding> &findings)
{
    for (const Finding &f : findings)
        if (f.severity == Severity::Error)
            return true;
    return false;
}

GateResult skipped(const Gate &gate, const QString &why)
{
    GateResult r;
    r.gate = gate.id;
    r.status = GateStatus::Skipped;
    r.log = why;
    return r;
}

GateResult errored(const Gate &gate, const QString &why)
{
    GateResult r;
    r.gate = gate.id;
    r.status = GateStatus::Error;
    r.exitCode = -1;
    r.log = why;
    r.reason = why;
    return r;
}

// The last non-empty line a command wrote (stderr first): where shells, compilers and test runners say why.
// The sandbox's shell reads the command from a file and names it in its messages: it reads "sh" here.
QString lastOutputLine(const CommandResult &c)
{
    const QString commandFile = Sandbox::commandFile() + QLatin1Char(':');
    for (const QByteArray &data : {c.stderrData, c.stdoutData}) {
        const QList<QByteArray> lines = data.split('\n');
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            QString line = QString::fromUtf8(*it).trimmed();
            if (line.startsWith(commandFile))
                line.replace(0, commandFile.size() - 1, QStringLiteral("sh"));
            if (!line.isEmpty())
                return line.left(300);
        }
    }
    return {};
}

} // namespace

// Exit code 127 from the shell means it found no such program: one looked up in PATH (dash: "sh: 1:
// python3: not found", bash: "line 1: python3: command not found") is missing from this machine, while a
// missing path ("./run-tests.sh") is the change's to fix. bwrap itself failing to set up says "bwrap: ..."
// and exits 1.
void GatePipeline::explain(const CommandResult &c, GateResult &r)
{
    if (!c.started) {
        r.reason = c.error.isEmpty() ? QStringLiteral("the command could not be started") : c.error;
        r.couldNotRun = true;
        return;
    }
    if (c.timedOut || (c.outputTruncated && !c.error.isEmpty())) {
        r.reason = c.error;
        return;
    }
    if (c.succeeded())
        return;
    const QString err = QString::fromUtf8(c.stderrData);
    if (c.exitCode == 127) {
        static const QRegularExpression notFound(QStringLiteral(
                "(?:^|\\n)(?:[^:\\n]*: )?(?:line )?(?:\\d+: )?([^:\\n/ ]+): (?:command )?not found"));
        const QRegularExpressionMatch m = notFound.match(err);
        if (m.hasMatch()) {
            r.reason = QStringLiteral("%1: not found (exit code 127); install it on this machine")
                               .arg(m.captured(1));
            r.couldNotRun = true;
            return;
        }
    }
    // `python3 -m pytest` without pytest: the interpreter's own "/usr/bin/python3: No module named pytest"
    // (an import failing inside the tests reads "ModuleNotFoundError: No module named 'x'" instead).
    static const QRegularExpression noModule(
            QStringLiteral("(?:^|\\n)(\\S*python[0-9.]*): No module named ([\\w.]+)\\s*$"));
    if (const QRegularExpressionMatch m = noModule.match(err); c.exitCode == 1 && m.hasMatch()) {
        r.reason = QStringLiteral("the Python module %1 is not installed (%2: No module named %1); install "
                                  "it on this machine")
                           .arg(m.captured(2), m.captured(1));
        r.couldNotRun = true;
        return;
    }
    if (c.exitCode == 1 && c.stdoutData.trimmed().isEmpty() && err.startsWith(QLatin1String("bwrap: "))) {
        r.reason =
                QStringLiteral("the sandbox could not start: %1").arg(err.section(QLatin1Char('\n'), 0, 0));
        r.couldNotRun = true;
        return;
    }
    const QString last = lastOutputLine(c);
    r.reason = last.isEmpty() ? QStringLiteral("exit code %1, no output").arg(c.exitCode)
                              : QStringLiteral("exit code %1: %2").arg(c.exitCode).arg(last);
}

namespace {

QString rulesPath(const Gate &gate, const GateContext &ctx)
{
    QString p = !gate.rulesFile.isEmpty() ? gate.rulesFile : ctx.rulesFile;
    if (p.isEmpty())
        p = QStringLiteral(".harness/rules.json");
    return QDir::isAbsolutePath(p) ? p : QDir(ctx.worktree).filePath(p);
}

template<typename P>
void record(const GateContext &ctx, const P &payload)
{
    if (ctx.events)
        ctx.events->record(makeEvent(ctx.runId, payload));
}

} // namespace

QString GatePipeline::commandLog(const CommandResult &c)
{
    QString log;
    if (!c.warning.isEmpty())
        log += QStringLiteral("[harness] %1\n").arg(c.warning);
    log += QString::fromUtf8(c.stdoutData);
    if (!c.stderrData.isEmpty()) {
        if (!log.isEmpty() && !log.endsWith(QLatin1Char('\n')))
            log += QLatin1Char('\n');
        log += QString::fromUtf8(c.stderrData);
    }
    if (c.timedOut)
        log += QStringLiteral("\n[harness] the command was stopped at its time limit\n");
    if (c.outputTruncated)
        log += QStringLiteral("\n[harness] the command was stopped at its output limit\n");
    if (!c.error.isEmpty())
        log += QStringLiteral("\n[harness] %1\n").arg(c.error);
    return log;
}

namespace {

CommandSpec specFor(const Gate &gate, const GateContext &ctx, const QString &command)
{
    CommandSpec spec;
    spec.shell = command;
    spec.cwd = gate.workdir;
    spec.timeoutMs = gate.timeoutSeconds * 1000;
    spec.outputCap = ctx.logCap;
    spec.network = gate.network;
    spec.cancel = ctx.cancel;
    return spec;
}

// A gate not run because the tree holds a repository of its own: a security finding per repository and
// a security_violation event.
GateResult refusedTree(const Gate &gate, const GateContext &ctx, const QList<NestedRepository> &found)
{
    const QString message = NestedRepositoryScan::message(ctx.worktree, found);
    GateResult r = errored(gate, message);
    QJsonArray items;
    for (const NestedRepository &n : found) {
        r.findings.append({n.path, 0, 0, Severity::Error, QString(NestedRepositoryScan::kErrorCode),
                           QStringLiteral("a git repository of its own inside the worktree: %1; delete it "
                                          "or register it as a submodule")
                                   .arg(n.describe()),
                           gate.id});
        items.append(n.toJson());
    }
    record(ctx, SecurityViolationPayload {ctx.worktree, items, {}, gate.id, message});
    return r;
}

} // namespace

GatePipeline::GatePipeline(GateConfig config) : m_config(std::move(config)) { }

QString GatePipeline::whyNotRunnable(const QList<GateResult> &results)
{
    for (const GateResult &r : results)
        if (r.couldNotRun)
            return QStringLiteral("gate \"%1\" could not run: %2").arg(r.gate, r.reason);
    return {};
}

const Result<Diff> &GatePipeline::diff(const GateContext &ctx, DiffCache &cache)
{
    if (!cache)
        cache.emplace(SourceTree::diffSince(ctx.worktree, ctx.baseRevision));
    return *cache;
}

QList<GateResult> GatePipeline::run(const GateContext &context) const
{
    std::unique_ptr<CommandRunner> own;
    CommandRunner *runner = context.runner;
    if (!runner) {
        SandboxConfig sc;
        sc.worktreeRoot = context.worktree;
        sc.events = context.events;
        sc.runId = context.runId;
        own = std::make_unique<SandboxCommandRunner>(sc);
        runner = own.get();
    }
    DiffCache cache;
    QList<GateResult> results;
    QString stoppedBy;
    for (qsizetype i = 0; i < m_config.gates.size(); ++i) {
        const Gate &gate = m_config.gates.at(i);
        if (context.cancel && context.cancel->load()) {
            results.append(skipped(gate, QStringLiteral("skipped: the verification was cancelled")));
            continue;
        }
        if (!stoppedBy.isEmpty()) {
            results.append(skipped(
                    gate,
                    QStringLiteral("skipped: gate \"%1\" failed and stops the pipeline").arg(stoppedBy)));
            continue;
        }
        record(context, GateStartedPayload {gate.id, gateKindName(gate.kind), int(i)});
        GateResult r = runGate(gate, context, *runner, cache);
        record(context, GateResultPayload::of(r, gateKindName(gate.kind)));
        if (!r.passed() && gate.stopOnFailure)
            stoppedBy = gate.id;
        results.append(r);
    }
    return results;
}

GateResult GatePipeline::runGate(const Gate &gate, const GateContext &context) const
{
    DiffCache cache;
    if (context.runner)
        return runGate(gate, context, *context.runner, cache);
    SandboxConfig sc;
    sc.worktreeRoot = context.worktree;
    sc.events = context.events;
    sc.runId = context.runId;
    SandboxCommandRunner runner(sc);
    return runGate(gate, context, runner, cache);
}

GateResult GatePipeline::runGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner,
                                 DiffCache &cache) const
{
    QElapsedTimer timer;
    timer.start();
    // The gates below run git on the tree (changed files, diffs, listings). A command gate may have made
    // a repository inside it since the checkpoint: git would obey that repository's configuration.
    if (gate.kind != GateKind::Command) {
        const QList<NestedRepository> found = NestedRepositoryScan::violations(ctx.worktree);
        if (!found.isEmpty())
            return refusedTree(gate, ctx, found);
    }
    GateResult r;
    switch (gate.kind) {
    case GateKind::Command:
        r = runCommandGate(gate, ctx, runner);
        break;
    case GateKind::Rules:
        r = runRulesGate(gate, ctx, false, cache);
        break;
    case GateKind::Secrets:
        r = runRulesGate(gate, ctx, true, cache);
        break;
    case GateKind::Coverage:
        r = runCoverageGate(gate, ctx, runner, cache);
        break;
    case GateKind::TestIntegrity:
        r = runTestIntegrityGate(gate, ctx, cache);
        break;
    case GateKind::Scope: {
        if (ctx.baseRevision.isEmpty())
            return skipped(gate,
                           QStringLiteral("skipped: the scope is checked on a change, and no base "
                                          "revision was given"));
        const auto &d = diff(ctx, cache);
        if (!d)
            return errored(gate, d.errorText());
        r.findings = ScopeGate::check(*d, gate.paths);
        r.log = QStringLiteral("Checked %1 changed path(s) since %2 against the scope: %3\n")
                        .arg(d->files.size())
                        .arg(ctx.baseRevision, gate.paths.join(QStringLiteral(", ")));
        for (const Finding &f : std::as_const(r.findings))
            r.log += QStringLiteral("%1: %2 [%3]\n").arg(f.file, f.message, f.rule);
        r.status = r.findings.isEmpty() ? GateStatus::Passed : GateStatus::Failed;
        r.exitCode = r.findings.isEmpty() ? 0 : 1;
        break;
    }
    case GateKind::HeldOutTests: {
        if (ctx.baseRevision.isEmpty())
            return skipped(gate,
                           QStringLiteral("skipped: held-out tests are run on a change, and no base "
                                          "revision was given"));
        const auto &d = diff(ctx, cache);
        if (!d)
            return errored(gate, d.errorText());
        r = HeldOutTestsGate::run(HeldOutTestsGate::effective(gate, m_config), ctx, *d);
        break;
    }
    case GateKind::Acceptance: {
        CommandSpec spec = specFor(gate, ctx, gate.command);
        spec.overflow = CommandSpec::Overflow::KeepHeadAndTail;
        const CommandResult c = runner.run(spec);
        if (c.cancelled)
            return skipped(gate,
                           QStringLiteral("stopped: the verification was cancelled while this gate ran"));
        r = AcceptanceGate::run(gate, c);
        break;
    }
    }
    r.gate = gate.id;
    r.durationUs = timer.nsecsElapsed() / 1000;
    if (r.durationMs == 0)
        r.durationMs = r.durationUs / 1000;
    for (Finding &f : r.findings)
        if (f.source.isEmpty())
            f.source = gate.id;
    return r;
}

GateResult GatePipeline::runCommandGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner) const
{
    const CommandResult c = runner.run(specFor(gate, ctx, gate.command));
    GateResult r;
    r.durationMs = c.durationMs;
    r.exitCode = c.exitCode;
    r.log = QStringLiteral("$ %1\n").arg(gate.command) + GatePipeline::commandLog(c);
    if (c.cancelled)
        return skipped(gate, QStringLiteral("stopped: the verification was cancelled while this gate ran"));
    GatePipeline::explain(c, r);
    if (!c.started || r.couldNotRun) {
        r.status = GateStatus::Error;
        return r;
    }
    ParseContext pc;
    pc.root = ctx.worktree;
    pc.workdir = QDir(ctx.worktree).filePath(gate.workdir);
    pc.source = gate.id;
    pc.spec = gate.parser;
    QByteArray input = c.stdoutData + '\n' + c.stderrData;
    bool reportMissing = false;
    QString reportProblem;
    if (!gate.parser.report.isEmpty()) {
        // A file the gate's command wrote in the agent's tree: no link followed, no FIFO opened, bounded.
        const WorktreeRead report = WorktreeReader::readFile(
                ctx.worktree, QDir(pc.workdir).filePath(gate.parser.report), kMaxGateReportBytes);
        if (report.ok()) {
            input = report.data;
        } else {
            reportMissing = true;
            reportProblem = report.status == WorktreeRead::Status::Missing ? QStringLiteral("no such file")
                                                                           : report.describe();
        }
    }
    if (reportMissing) {
        r.log += QStringLiteral("\n[harness] the report %1 was not written (%2)\n")
                         .arg(gate.parser.report, reportProblem);
    } else {
        auto findings = OutputParser::parse(input, pc);
        if (findings)
            r.findings = *findings;
        else
            r.log += QStringLiteral("\n[harness] could not read the %1 output: %2\n")
                             .arg(gate.parser.format, findings.errorText());
        if (!findings && c.succeeded()) {
            r.status = GateStatus::Error;
            return r;
        }
    }
    if (c.timedOut || c.outputTruncated)
        r.status = GateStatus::Error;
    else if (!c.succeeded() || hasErrors(r.findings))
        r.status = GateStatus::Failed;
    else if (reportMissing)
        r.status = GateStatus::Error;
    else
        r.status = GateStatus::Passed;
    if (reportMissing && r.reason.isEmpty())
        r.reason = QStringLiteral("the report %1 was not written").arg(gate.parser.report);
    if (r.status == GateStatus::Passed || !r.findings.isEmpty())
        r.reason.clear(); // the findings say why
    return r;
}

GateResult GatePipeline::runRulesGate(const Gate &gate, const GateContext &ctx, bool secretsOnly,
                                      DiffCache &cache) const
{
    RuleSet rules;
    const QString path = rulesPath(gate, ctx);
    if (QFileInfo::exists(path)) {
        auto loaded = RuleSet::load(path);
        if (!loaded)
            return errored(gate, QStringLiteral("the rules file is invalid: %1").arg(loaded.errorText()));
        rules = *loaded;
    } else if (!secretsOnly) {
        return errored(
                gate,
                QStringLiteral(
                        "no rules file at %1; create .harness/rules.json or name one in the gate's \"rules\"")
                        .arg(path));
    }
    GateResult r;
    const bool changedOnly = gate.scope == QLatin1String("changed") && !ctx.baseRevision.isEmpty();
    if (secretsOnly && changedOnly) {
        const auto &d = diff(ctx, cache);
        if (!d)
            return errored(gate, d.errorText());
        r.findings = SecretScanner(rules.secrets).scanDiff(*d);
        r.log = QStringLiteral("Scanned the lines added since %1 in %2 file(s) for secrets.\n")
                        .arg(ctx.baseRevision)
                        .arg(d->files.size());
    } else {
        if (secretsOnly) {
            rules.layers.clear();
            rules.limits.clear();
            rules.forbidden.clear();
        }
        std::optional<QStringList> changed;
        if (changedOnly) {
            auto files = SourceTree::changedFiles(ctx.worktree, ctx.baseRevision);
            if (!files)
                return errored(gate, files.errorText());
            changed = *files;
        }
        auto report = RuleEngine::run(ctx.worktree, rules, changed);
        if (!report)
            return errored(gate, report.errorText());
        r.findings = report->findings;
        r.log = QStringLiteral("Checked %1 of %2 file(s) against %3 in %4 ms%5.\n")
                        .arg(report->filesChecked)
                        .arg(report->filesInTree)
                        .arg(secretsOnly ? QStringLiteral("the secret patterns") : path)
                        .arg(report->elapsedMs)
                        .arg(changedOnly ? QStringLiteral(" (files changed since %1)").arg(ctx.baseRevision)
                                         : QString());
    }
    for (Finding &f : r.findings) {
        f.source = gate.id;
        r.log += QStringLiteral("%1:%2:%3: %4: %5 [%6]\n")
                         .arg(f.file)
                         .arg(f.line)
                         .arg(f.column)
                         .arg(severityName(f.severity), f.message, f.rule);
    }
    r.status = hasErrors(r.findings) ? GateStatus::Failed : GateStatus::Passed;
    r.exitCode = r.status == GateStatus::Failed ? 1 : 0;
    return r;
}

GateResult GatePipeline::runCoverageGate(const Gate &gate, const GateContext &ctx, CommandRunner &runner,
                                         DiffCache &cache) const
{
    if (ctx.baseRevision.isEmpty())
        return skipped(gate,
                       QStringLiteral("skipped: coverage is checked on the lines a change adds, and no base "
                                      "revision was given"));
    GateResult r;
    if (!gate.command.isEmpty()) {
        const CommandResult c = runner.run(specFor(gate, ctx, gate.command));
        r.exitCode = c.exitCode;
        r.log = QStringLiteral("$ %1\n").arg(gate.command) + GatePipeline::commandLog(c);
        if (c.cancelled)
            return skipped(gate,
                           QStringLiteral("stopped: the verification was cancelled while this gate ran"));
        if (!c.succeeded()) {
            GatePipeline::explain(c, r);
            r.status = c.started && !c.timedOut && !c.outputTruncated && !r.couldNotRun ? GateStatus::Failed
                                                                                        : GateStatus::Error;
            return r;
        }
    }
    const QString reportPath = QDir(QDir(ctx.worktree).filePath(gate.workdir)).filePath(gate.coverageReport);
    auto report = CoverageReport::load(reportPath, ctx.worktree, gate.coverageFormat);
    if (!report) {
        r.status = GateStatus::Error;
        r.log += QStringLiteral("[harness] %1\n").arg(report.errorText());
        r.reason = report.errorText();
        return r;
    }
    const auto &d = diff(ctx, cache);
    if (!d) {
        r.status = GateStatus::Error;
        r.log += QStringLiteral("[harness] %1\n").arg(d.errorText());
        r.reason = d.errorText();
        return r;
    }
    const CoverageOutcome o = CoverageCheck::check(*report, *d, gate.threshold, gate.id);
    r.findings = o.findings;
    r.log += o.summary + QLatin1Char('\n');
    r.status = o.passed ? GateStatus::Passed : GateStatus::Failed;
    return r;
}

GateResult GatePipeline::runTestIntegrityGate(const Gate &gate, const GateContext &ctx,
                                              DiffCache &cache) const
{
    if (ctx.baseRevision.isEmpty())
        return skipped(
                gate,
                QStringLiteral(
                        "skipped: test integrity is checked on a change, and no base revision was given"));
    const auto &d = diff(ctx, cache);
    if (!d)
        return errored(gate, d.errorText());
    GateResult r;
    r.findings = TestIntegrityCheck(gate.testPaths).check(*d);
    r.log = QStringLiteral("Checked %1 changed file(s) since %2 for weakened tests.\n")
                    .arg(d->files.size())
                    .arg(ctx.baseRevision);
    for (const Finding &f : std::as_const(r.findings))
        r.log += QStringLiteral("%1:%2: %3 [%4]\n").arg(f.file).arg(f.line).arg(f.message, f.rule);
    r.status = r.findings.isEmpty() ? GateStatus::Passed : GateStatus::Failed;
    r.exitCode = r.findings.isEmpty() ? 0 : 1;
    return r;
}

} // namespace harness
