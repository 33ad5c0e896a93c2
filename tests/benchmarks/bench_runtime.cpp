// bench_runtime: (1) running `true` under bubblewrap vs bare, per command (ms and ratio), with the network
// off and on (the allow-list proxy and its socat bridge);
// (2) a batch of 100 anchored edits on a 100,000-line file through the edit_file tool (ms), against
// the floor of reading and writing the same file once, measured in the same run; (3) the nested-repository
// scan every checkpoint runs, on a 5,000-file worktree, against `git status` on the same tree.
#include "core/gitrunner.h"
#include "runtime/anchorededitor.h"
#include "runtime/nestedrepositoryscan.h"
#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace harness;

namespace {
double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}
double mean(const QList<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.isEmpty() ? 0 : s / v.size();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString tree = dir.path() + QStringLiteral("/tree");
    QDir().mkpath(tree);
    constexpr int kRuns = 50;

    // 1. Command start cost.
    const SandboxStatus status = Sandbox::probe();
    if (!status.available) {
        std::printf("sandbox unavailable: %s\n", qPrintable(status.reason));
        return 1;
    }
    QList<double> bare, boxed;
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        QProcess p;
        p.setWorkingDirectory(tree);
        p.start(QStringLiteral("true"), {});
        p.waitForFinished();
        bare << t.nsecsElapsed() / 1e6;
    }
    SandboxConfig config;
    config.worktreeRoot = tree;
    const Sandbox sandbox(config);
    CommandSpec spec;
    spec.argv = {QStringLiteral("true")};
    for (int i = 0; i < kRuns; ++i) {
        QElapsedTimer t;
        t.start();
        const CommandResult r = sandbox.run(spec);
        boxed << t.nsecsElapsed() / 1e6;
        if (r.exitCode != 0) {
            std::printf("sandboxed true failed: %s\n", qPrintable(r.error));
            return 1;
        }
    }
    // Network on: the proxy thread, the socat bridge inside and its readiness wait.
    QList<double> proxied, mirrored;
    CommandSpec netSpec = spec;
    netSpec.network = NetworkPolicy(true);
    CommandSpec mirrorSpec = spec;
    mirrorSpec.network = NetworkPolicy::proxy({*HostRule::parse(QStringLiteral("api.example.com")),
                                               *HostRule::parse(QStringLiteral("127.0.0.1:8123"))});
    for (auto [target, list] : {std::pair {&netSpec, &proxied}, std::pair {&mirrorSpec, &mirrored}}) {
        for (int i = 0; i < kRuns; ++i) {
            QElapsedTimer t;
            t.start();
            const CommandResult r = sandbox.run(*target);
            *list << t.nsecsElapsed() / 1e6;
            if (r.exitCode != 0) {
                std::printf("sandboxed true with network on failed: %s %s\n", qPrintable(r.error),
                            r.stderrData.constData());
                return 1;
            }
        }
    }
    std::printf("bwrap %s, pid limit via cgroup: %s\n", qPrintable(status.version),
                sandbox.run(spec).pidLimited ? "yes" : "no");
    std::printf("command `true`, %d runs each:\n", kRuns);
    std::printf("  bare (QProcess)                   median %7.2f ms  mean %7.2f ms\n", median(bare),
                mean(bare));
    std::printf("  sandboxed, network off            median %7.2f ms  mean %7.2f ms\n", median(boxed),
                mean(boxed));
    std::printf("  sandboxed, network: proxy         median %7.2f ms  mean %7.2f ms\n", median(proxied),
                mean(proxied));
    std::printf("  sandboxed, proxy + 1 mirror port  median %7.2f ms  mean %7.2f ms\n", median(mirrored),
                mean(mirrored));
    std::printf("  ratio sandboxed/bare   %.2fx off, %.2fx proxy (median)\n", median(boxed) / median(bare),
                median(proxied) / median(bare));

    // 2. 100 anchored edits on a 100,000-line file.
    constexpr int kLines = 100000;
    constexpr int kEdits = 100;
    QString text;
    text.reserve(kLines * 40);
    for (int i = 1; i <= kLines; ++i)
        text += QStringLiteral("    value_%1 = compute(%1, \"payload\");\n").arg(i);
    const QByteArray bytes = text.toUtf8();
    const QString file = tree + QStringLiteral("/big.cpp");
    {
        QFile f(file);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
    }
    const TextSnapshot snapshot = TextSnapshot::fromText(text);
    QJsonArray edits;
    QList<EditOperation> ops;
    for (int k = 0; k < kEdits; ++k) {
        const int line = 1 + k * (kLines / kEdits) + 7;
        const LineAnchor a = LineAnchor::of(line, snapshot.lines.at(line - 1));
        EditOperation op;
        op.kind = k % 3 == 0 ? EditOperation::Kind::InsertAfter : EditOperation::Kind::Replace;
        op.start = a;
        op.end = a;
        op.lines = {QStringLiteral("    edited_%1();").arg(k)};
        ops << op;
        edits << op.toJson();
    }
    QList<double> pure, tool, io;
    for (int rep = 0; rep < 5; ++rep) {
        QElapsedTimer t;
        t.start();
        const EditBatchResult r = AnchoredEditor::apply(snapshot, ops);
        pure << t.nsecsElapsed() / 1e6;
        if (!r.ok) {
            std::printf("edit batch failed: %s\n", qPrintable(r.error));
            return 1;
        }
    }
    ToolExecutor tools(tree, PermissionProfile::defaultFor(tree), nullptr, nullptr, QStringLiteral("bench"));
    tools.setWriteAllowed(true);
    for (int rep = 0; rep < 5; ++rep) {
        {
            QFile f(file);
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
        }
        QElapsedTimer t;
        t.start();
        const ToolResult r = tools.execute(QStringLiteral("edit_file"),
                                           QJsonObject {{QStringLiteral("path"), QStringLiteral("big.cpp")},
                                                        {QStringLiteral("edits"), edits}});
        tool << t.nsecsElapsed() / 1e6;
        if (!r.ok) {
            std::printf("edit_file failed: %s\n", qPrintable(r.error));
            return 1;
        }
        // Reference: read the file, decode, encode and write it back atomically (the I/O floor).
        t.restart();
        QFile in(file);
        in.open(QIODevice::ReadOnly);
        const QString content = QString::fromUtf8(in.readAll());
        in.close();
        QSaveFile out(file);
        out.open(QIODevice::WriteOnly);
        out.write(content.toUtf8());
        out.commit();
        io << t.nsecsElapsed() / 1e6;
    }
    std::printf("%d anchored edits on a %d-line file (%lld bytes), 5 runs:\n", kEdits, kLines,
                qlonglong(bytes.size()));
    std::printf("  AnchoredEditor::apply (in memory)      median %7.2f ms\n", median(pure));
    std::printf("  edit_file tool (read, apply, write)    median %7.2f ms\n", median(tool));
    std::printf("  reference: read+write same file        median %7.2f ms\n", median(io));
    std::printf("  ratio edit_file/reference              %.2fx\n", median(tool) / median(io));

    // 3. The nested-repository scan before each checkpoint: 5,000 files in 250 directories, two levels.
    const QString repo = dir.path() + QStringLiteral("/repo");
    QDir().mkpath(repo);
    const GitRunner git(repo);
    git.exec({QStringLiteral("init"), QStringLiteral("-q")});
    for (int d = 0; d < 250; ++d) {
        const QString sub = repo + QStringLiteral("/src/m%1/p%2").arg(d / 10).arg(d % 10);
        QDir().mkpath(sub);
        for (int f = 0; f < 20; ++f) {
            QFile file(sub + QStringLiteral("/f%1.c").arg(f));
            if (file.open(QIODevice::WriteOnly))
                file.write("int x;\n");
        }
    }
    git.exec({QStringLiteral("add"), QStringLiteral("-A")});
    git.exec({QStringLiteral("-c"), QStringLiteral("user.name=b"), QStringLiteral("-c"),
              QStringLiteral("user.email=b@example.invalid"), QStringLiteral("commit"), QStringLiteral("-qm"),
              QStringLiteral("tree")});
    QList<double> scan, gitStatus;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        if (!NestedRepositoryScan::check(repo)) {
            std::printf("scan refused the benchmark tree\n");
            return 1;
        }
        scan << t.nsecsElapsed() / 1e6;
        t.restart();
        git.exec({QStringLiteral("status"), QStringLiteral("--porcelain")});
        gitStatus << t.nsecsElapsed() / 1e6;
    }
    std::printf("nested-repository scan of a 5,000-file tree (250 directories), 20 runs:\n");
    std::printf("  NestedRepositoryScan::check           median %7.2f ms\n", median(scan));
    std::printf("  reference: git status --porcelain     median %7.2f ms\n", median(gitStatus));
    std::printf("  ratio scan/git status                 %.2fx\n", median(scan) / median(gitStatus));
    return 0;
}
