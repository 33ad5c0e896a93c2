// HeldOutTestsGate: scratch copies in a temporary folder, two sandboxed runs, one comparison.
#include "heldouttestsgate.h"

#include "sandboxcommandrunner.h"
#include "scratchtree.h"
#include "testconfigcheck.h"
#include "testintegritycheck.h"

#include "core/gitrunner.h"
#include "core/worktreereader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>

#include <optional>

namespace harness {

namespace {

constexpr qint64 kMaxConfigBytes = 4 * 1024 * 1024;
constexpr qint64 kMaxReportBytes = 64 * 1024 * 1024;

struct TestRun
{
    CommandResult command;
    Result<TestOutcomes> outcomes = TestOutcomes {};
};

TestRun runTests(const Gate &gate, const GateContext &ctx, const QString &root)
{
    std::unique_ptr<CommandRunner> runner;
    if (ctx.runnerFor) {
        runner = ctx.runnerFor(root);
    } else {
        SandboxConfig sc;
        sc.worktreeRoot = root;
        sc.hooksResolvedFor = QDir(root).canonicalPath(); // a scratch copy has no git of its own
        sc.events = ctx.events;
        sc.runId = ctx.runId;
        runner = std::make_unique<SandboxCommandRunner>(sc);
    }
    CommandSpec spec;
    spec.shell = gate.command;
    spec.cwd = gate.workdir;
    spec.timeoutMs = gate.timeoutSeconds * 1000;
    spec.outputCap = ctx.logCap;
    spec.overflow = CommandSpec::Overflow::KeepHeadAndTail;
    spec.network = gate.network;
    spec.cancel = ctx.cancel;
    if (gate.parser.format == QLatin1String("pytest"))
        spec.env.insert(QStringLiteral("PYTEST_ADDOPTS"), QStringLiteral("-rA")); // every test by name
    TestRun run;
    run.command = runner->run(spec);
    QByteArray input = run.command.stdoutData + '\n' + run.command.stderrData;
    if (!gate.parser.report.isEmpty()) {
        const WorktreeRead report = WorktreeReader::readFile(
                root, QDir(gate.workdir).filePath(gate.parser.report), kMaxReportBytes);
        if (!report.ok()) {
            run.outcomes = Result<TestOutcomes>::failure(QStringLiteral("the report %1 was not written (%2)")
                                                                 .arg(gate.parser.report, report.describe()));
            return run;
        }
        input = report.data;
    }
    run.outcomes = TestOutcomes::read(input, gate.parser.format);
    return run;
}

QString testFile(const QString &id)
{
    const QString file = id.section(QStringLiteral("::"), 0, 0);
    return file.endsWith(QLatin1String(".py")) ? file : QString();
}

Finding makeFinding(const QString &file, const QString &rule, const QString &message)
{
    Finding f;
    f.file = file;
    f.severity = Severity::Error;
    f.rule = rule;
    f.message = message;
    return f;
}

// The base commit's results are the same for every verification of runs on that base: they are kept in
// the repository's git directory (read-only inside the sandbox), keyed by the base and how the tests run.
QString baseCacheFile(const GateContext &ctx, const Gate &gate)
{
    const Result<QString> common =
            GitRunner(ctx.worktree)
                    .run({QStringLiteral("rev-parse"), QStringLiteral("--path-format=absolute"),
                          QStringLiteral("--git-common-dir")});
    if (!common || common->isEmpty())
        return {};
    QCryptographicHash key(QCryptographicHash::Sha256);
    for (const QString &part :
         {ctx.baseRevision, gate.command, gate.workdir, gate.parser.format, gate.parser.report,
          gate.testPaths.join(QLatin1Char('\n')),
          QString::fromUtf8(QJsonDocument(QJsonObject {{QStringLiteral("n"), gate.network.toJson()}})
                                    .toJson(QJsonDocument::Compact))}) {
        key.addData(part.toUtf8());
        key.addData(QByteArrayView("\0", 1));
    }
    return QStringLiteral("%1/harness/held-out/%2.json")
            .arg(*common, QString::fromLatin1(key.result().toHex()));
}

std::optional<TestOutcomes> readBaseCache(const QString &file)
{
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly) || f.size() > kMaxReportBytes)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o.isEmpty())
        return std::nullopt;
    TestOutcomes out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString v = it.value().toString();
        out.add(it.key(),
                v == QLatin1String("passed")           ? TestOutcome::Passed
                        : v == QLatin1String("failed") ? TestOutcome::Failed
                                                       : TestOutcome::Skipped);
    }
    return out;
}

void writeBaseCache(const QString &file, const TestOutcomes &outcomes)
{
    if (file.isEmpty() || outcomes.tests.isEmpty() || !QDir().mkpath(QFileInfo(file).absolutePath()))
        return;
    QJsonObject o;
    for (auto it = outcomes.tests.begin(); it != outcomes.tests.end(); ++it)
        o.insert(it.key(),
                 it.value() == TestOutcome::Passed           ? QStringLiteral("passed")
                         : it.value() == TestOutcome::Failed ? QStringLiteral("failed")
                                                             : QStringLiteral("skipped"));
    QSaveFile out(file);
    if (out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) >= 0)
        (void)out.commit(); // a cache that could not be written is only slower next time
}

QString resultsLine(const TestOutcomes &o)
{
    return QStringLiteral("%1 passed, %2 failed, %3 skipped")
            .arg(o.count(TestOutcome::Passed))
            .arg(o.count(TestOutcome::Failed))
            .arg(o.count(TestOutcome::Skipped));
}

} // namespace

Gate HeldOutTestsGate::effective(const Gate &gate, const GateConfig &config)
{
    if (!gate.command.trimmed().isEmpty())
        return gate;
    Gate out = gate;
    for (const Gate &g : config.gates) {
        const bool named = !gate.testsGate.isEmpty() && g.id == gate.testsGate;
        if (g.kind != GateKind::Command || (!named && !gate.testsGate.isEmpty()) ||
            (!named && !TestOutcomes::supports(g.parser.format)))
            continue;
        out.command = g.command;
        out.workdir = g.workdir;
        out.parser = g.parser;
        out.network = g.network;
        out.timeoutSeconds = g.timeoutSeconds;
        break;
    }
    return out;
}

bool HeldOutTestsGate::namedByPlan(const QString &testId, const QStringList &plan)
{
    QString name = testId.section(QStringLiteral("::"), -1);
    name = name.section(QLatin1Char('['), 0, 0); // a parametrised case: its function's name
    const QRegularExpression word(
            QStringLiteral("(?<![\\w.])%1(?![\\w])").arg(QRegularExpression::escape(name)));
    for (const QString &text : plan)
        if (text.contains(testId) || (!name.isEmpty() && word.match(text).hasMatch()))
            return true;
    return false;
}

QList<Finding> HeldOutTestsGate::compare(const TestOutcomes &base, const TestOutcomes &candidate,
                                         const QStringList &plan, QStringList *excused)
{
    QList<Finding> out;
    int excusedMissing = 0;
    for (auto it = base.tests.constBegin(); it != base.tests.constEnd(); ++it) {
        if (it.value() != TestOutcome::Passed)
            continue;
        const auto now = candidate.tests.constFind(it.key());
        if (now != candidate.tests.constEnd() && *now == TestOutcome::Passed)
            continue;
        const bool missing = now == candidate.tests.constEnd() || *now == TestOutcome::Skipped;
        if (namedByPlan(it.key(), plan)) {
            if (excused)
                *excused << it.key();
            excusedMissing += missing ? 1 : 0;
            continue;
        }
        if (missing)
            out.append(makeFinding(
                    testFile(it.key()), QStringLiteral("held-out-test-not-run"),
                    QStringLiteral(
                            "The test %1 passed at the base commit and no longer runs with this change "
                            "(not collected, skipped or deselected), with the tests as they were at the "
                            "base commit. Make the code work with the test as it was; a change of "
                            "behaviour has to be named in the approved plan.")
                            .arg(it.key())));
        else
            out.append(makeFinding(
                    testFile(it.key()), QStringLiteral("held-out-test-failed"),
                    QStringLiteral(
                            "The test %1 passed at the base commit and fails with this change, run as it "
                            "was at the base commit (the change's edits to tests are set aside). Fix "
                            "the code; a change of behaviour has to be named in the approved plan.")
                            .arg(it.key())));
    }
    const int allowed = base.executed() - excusedMissing;
    if (candidate.executed() < allowed)
        out.append(
                makeFinding(QString(), QStringLiteral("held-out-count-dropped"),
                            QStringLiteral("The base commit's tests executed %1 test(s) at the base commit "
                                           "and only %2 with this change. Keep every test running.")
                                    .arg(base.executed())
                                    .arg(candidate.executed())));
    return out;
}

GateResult HeldOutTestsGate::run(const Gate &gate, const GateContext &ctx, const Diff &diff)
{
    GateResult r;
    const GitRunner git(ctx.worktree);
    const auto oldText = [&](const QString &path) {
        const GitOutput o = git.exec({QStringLiteral("cat-file"), QStringLiteral("blob"),
                                      ctx.baseRevision + QLatin1Char(':') + path});
        return o.ok() ? o.out.left(kMaxConfigBytes) : QByteArray();
    };
    const auto newText = [&](const QString &path) {
        const WorktreeRead read = WorktreeReader::readFile(ctx.worktree, path, kMaxConfigBytes,
                                                           WorktreeReader::OverLimit::Truncate);
        return read.ok() ? read.data : QByteArray();
    };
    r.findings = TestConfigCheck(gate.testPaths).check(diff, oldText, newText);
    r.log = QStringLiteral("Checked %1 changed file(s) since %2 for changes to the test configuration: %3 "
                           "found.\n")
                    .arg(diff.files.size())
                    .arg(ctx.baseRevision)
                    .arg(r.findings.size());
    const auto finish = [&r] {
        for (const Finding &f : std::as_const(r.findings))
            r.log += QStringLiteral("%1:%2: %3 [%4]\n").arg(f.file).arg(f.line).arg(f.message, f.rule);
        if (r.status != GateStatus::Error)
            r.status = r.findings.isEmpty() ? GateStatus::Passed : GateStatus::Failed;
        r.exitCode = r.status == GateStatus::Passed ? 0 : 1;
        return r;
    };
    if (gate.command.trimmed().isEmpty()) {
        r.log += QStringLiteral(
                "No test command to hold out: give this gate a \"command\" and a pytest, junit "
                "or ctest \"parser\", or add a command gate with such a parser.\n");
        return finish();
    }
    if (!TestOutcomes::supports(gate.parser.format)) {
        r.status = GateStatus::Error;
        r.reason =
                QStringLiteral("the held-out-tests gate reads test results with the pytest, junit or ctest "
                               "parser, not \"%1\"")
                        .arg(gate.parser.format);
        r.log += r.reason + QLatin1Char('\n');
        return finish();
    }

    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/harness-held-out-XXXXXX"));
    const QString baseDir = scratch.filePath(QStringLiteral("base"));
    const QString candidateDir = scratch.filePath(QStringLiteral("candidate"));
    if (!scratch.isValid() || !QDir().mkpath(baseDir) || !QDir().mkpath(candidateDir)) {
        r.status = GateStatus::Error;
        r.reason = QStringLiteral("cannot make a scratch folder in %1").arg(QDir::tempPath());
        r.log += r.reason + QLatin1Char('\n');
        return finish();
    }
    const TestIntegrityCheck tests(gate.testPaths);
    const auto heldOut = [&tests](const QString &path) {
        return tests.isTestFile(path) || TestConfigCheck::isTestConfigFile(path);
    };
    auto baseFiles = ScratchTree::fromCommit(ctx.worktree, ctx.baseRevision, baseDir);
    auto candidateFiles = baseFiles ? ScratchTree::fromWorktree(ctx.worktree, candidateDir, heldOut)
                                    : Result<QStringList>(baseFiles.error());
    int restored = 0;
    Status copied = candidateFiles ? success() : Status(candidateFiles.error());
    for (qsizetype i = 0; copied && i < baseFiles->size(); ++i)
        if (heldOut(baseFiles->at(i))) {
            copied = ScratchTree::copy(baseDir, baseFiles->at(i), candidateDir);
            ++restored;
        }
    if (!copied) {
        r.status = GateStatus::Error;
        r.reason = QStringLiteral("the scratch copies could not be made: %1").arg(copied.errorText());
        r.log += r.reason + QLatin1Char('\n');
        return finish();
    }
    r.log +=
            QStringLiteral("Scratch copies: the base commit (%1 files) and the worktree with %2 test file(s) "
                           "as they were at the base commit.\n")
                    .arg(baseFiles->size())
                    .arg(restored);

    TestOutcomes outcomes[2];
    const QString where[2] = {QStringLiteral("the base commit"), QStringLiteral("the candidate code")};
    const QString dirs[2] = {baseDir, candidateDir};
    const QString cacheFile = baseCacheFile(ctx, gate);
    const std::optional<TestOutcomes> cached = readBaseCache(cacheFile);
    if (cached) {
        outcomes[0] = *cached;
        r.log += QStringLiteral(
                         "\nThe base commit's results are those of an earlier run of these tests on %1.\n")
                         .arg(ctx.baseRevision);
    }
    for (int i = cached ? 1 : 0; i < 2; ++i) {
        const TestRun run = runTests(gate, ctx, dirs[i]);
        r.durationMs += run.command.durationMs;
        r.log += QStringLiteral("\n$ %1   (the base commit's tests on %2)\n").arg(gate.command, where[i]) +
                GatePipeline::commandLog(run.command);
        if (run.command.cancelled) {
            r.status = GateStatus::Skipped;
            r.log += QStringLiteral("stopped: the verification was cancelled while this gate ran\n");
            return r;
        }
        GateResult explained;
        GatePipeline::explain(run.command, explained);
        if (explained.couldNotRun || !run.outcomes) {
            r.status = GateStatus::Error;
            r.couldNotRun = explained.couldNotRun;
            r.reason = explained.couldNotRun ? explained.reason
                                             : QStringLiteral("the test results on %1 could not be read: %2")
                                                       .arg(where[i], run.outcomes.errorText());
            r.log += QStringLiteral("[harness] %1\n").arg(r.reason);
            return finish();
        }
        outcomes[i] = *run.outcomes;
        if (i == 0 && run.command.started && !run.command.timedOut && !run.command.outputTruncated)
            writeBaseCache(cacheFile, outcomes[0]);
    }
    QStringList excused;
    const QList<Finding> held = compare(outcomes[0], outcomes[1], ctx.plan, &excused);
    r.findings += held;
    r.log += QStringLiteral(
                     "\nAt the base commit: %1 (%2 executed). On the candidate code: %3 (%4 executed).\n")
                     .arg(resultsLine(outcomes[0]))
                     .arg(outcomes[0].executed())
                     .arg(resultsLine(outcomes[1]))
                     .arg(outcomes[1].executed());
    if (!excused.isEmpty())
        r.log += QStringLiteral("Named by the approved plan as changing behaviour: %1\n")
                         .arg(excused.join(QStringLiteral(", ")));
    return finish();
}

} // namespace harness
