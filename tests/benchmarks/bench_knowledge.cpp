// bench_knowledge: builds a synthetic repository of N source files (default 5,000; C++ headers and
// sources, Python, TypeScript, Go, plus ignored build output) in a git work tree, then times RepoMap::build,
// AgentsMap::discover and ContextAssembler::assemble, against `git ls-files -co --exclude-standard`
// on the same tree as the reference. Usage: bench_knowledge [files] [scratch-dir]
#include "knowledge/agentsmap.h"
#include "knowledge/contextassembler.h"
#include "knowledge/repomap.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace harness;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
}

QByteArray sourceFor(int i, const QString &ext)
{
    QByteArray body;
    const QByteArray n = QByteArray::number(i);
    if (ext == QLatin1String("h")) {
        body = "#pragma once\n#include <QString>\nnamespace demo {\nclass Widget" + n +
                "\n{\npublic:\n"
                "    int value() const;\n};\nQString describe" +
                n + "(const Widget" + n + " &w);\n}\n";
    } else if (ext == QLatin1String("py")) {
        body = "import os\n\nclass Job" + n + ":\n    def run(self):\n        return 1\n\ndef main" + n +
                "():\n    pass\n";
    } else if (ext == QLatin1String("ts")) {
        body = "import { x } from './x';\nexport class View" + n + " {}\nexport function render" + n +
                "() {}\n";
    } else if (ext == QLatin1String("go")) {
        body = "package demo\n\ntype Server" + n + " struct{}\n\nfunc (s *Server" + n +
                ") Start() error { return nil }\n";
    } else {
        body = "#include \"widget.h\"\nint demo::Widget" + n + "::value() const { return " + n + "; }\n";
    }
    // Pad to a realistic size (~2 KiB) with comment lines.
    while (body.size() < 2048)
        body += "// lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n";
    return body;
}

qint64 medianMs(int runs, const std::function<void()> &work)
{
    QList<qint64> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.append(t.nsecsElapsed() / 1000); // microseconds
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

double ms(qint64 us)
{
    return double(us) / 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    QTemporaryDir scratch(argc > 2 ? QString::fromLocal8Bit(argv[2]) +
                                          QStringLiteral("/bench-knowledge-XXXXXX")
                                   : QDir::tempPath() + QStringLiteral("/bench-knowledge-XXXXXX"));
    const QString root = scratch.path();
    const QStringList exts {QStringLiteral("h"), QStringLiteral("cpp"), QStringLiteral("py"),
                            QStringLiteral("ts"), QStringLiteral("go")};
    for (int i = 0; i < files; ++i) {
        const QString dir =
                QStringLiteral("pkg%1/mod%2/sub%3").arg(i % 8).arg((i / 8) % 12).arg((i / 96) % 6);
        const QString ext = exts.at(i % exts.size());
        writeFile(QStringLiteral("%1/%2/file%3.%4").arg(root, dir).arg(i).arg(ext), sourceFor(i, ext));
    }
    for (int i = 0; i < files / 2; ++i) // ignored build output: must not appear, must not cost much
        writeFile(QStringLiteral("%1/build/obj%2/out%3.o").arg(root).arg(i % 20).arg(i),
                  QByteArray(512, 'x'));
    writeFile(root + QStringLiteral("/.gitignore"), "build/\n");
    writeFile(root + QStringLiteral("/AGENTS.md"), "Root rules.\n");
    writeFile(root + QStringLiteral("/pkg3/AGENTS.md"), "Package rules.\n");
    writeFile(root + QStringLiteral("/pkg3/mod5/AGENTS.override.md"), "Module rules.\n");
    QProcess::execute(QStringLiteral("git"),
                      {QStringLiteral("-C"), root, QStringLiteral("init"), QStringLiteral("-q")});
    QProcess::execute(QStringLiteral("git"),
                      {QStringLiteral("-C"), root, QStringLiteral("add"), QStringLiteral("pkg0"),
                       QStringLiteral("pkg1"), QStringLiteral("pkg2"), QStringLiteral("pkg3")});
    std::printf("tree: %d source files (+%d ignored) in %s\n", files, files / 2, qPrintable(root));

    const int runs = 7;
    const qint64 git = medianMs(runs, [&] {
        QProcess p;
        p.setWorkingDirectory(root);
        p.start(QStringLiteral("git"),
                {QStringLiteral("ls-files"), QStringLiteral("-co"), QStringLiteral("--exclude-standard"),
                 QStringLiteral("-z")});
        p.waitForFinished(-1);
        p.readAllStandardOutput();
    });
    RepoMap last;
    const qint64 map16 = medianMs(runs, [&] { last = RepoMap::build(root); });
    std::printf("reference git ls-files -co --exclude-standard: %8.1f ms\n", ms(git));
    std::printf("RepoMap::build, 16 KiB map:                   %8.1f ms  (%.2fx git ls-files; %d files, %lld "
                "bytes, "
                "%d dirs listed)\n",
                ms(map16), double(map16) / double(std::max<qint64>(git, 1)), last.fileCount,
                qint64(last.text.toUtf8().size()), last.listedDirectories);
    RepoMapOptions big;
    big.maxBytes = 1024 * 1024;
    const qint64 mapAll = medianMs(runs, [&] { last = RepoMap::build(root, big); });
    std::printf("RepoMap::build, 1 MiB map (every symbol):     %8.1f ms  (%.2fx git ls-files; %lld bytes, "
                "truncated=%s)\n",
                ms(mapAll), double(mapAll) / double(std::max<qint64>(git, 1)),
                qint64(last.text.toUtf8().size()), last.truncated ? "yes" : "no");

    AgentsMap agents;
    const qint64 disc = medianMs(runs, [&] {
        agents = AgentsMap::discover(root, {QStringLiteral("pkg3/mod5/**"), QStringLiteral("pkg1/**")});
    });
    std::printf("AgentsMap::discover, 2 scopes:                %8.3f ms  (%lld files)\n", ms(disc),
                qint64(agents.files.size()));

    // A heavy step: 40 files of ~2,000 lines, 400 findings, 100 rules, 10 summaries, 32k-token budget.
    ContextInputs in;
    in.contract.goal = QStringLiteral("Refactor the server");
    in.contract.scope = {QStringLiteral("pkg3/**")};
    in.agentsMap = agents.text;
    in.repoMap = RepoMap::build(root).text;
    for (int i = 0; i < 40; ++i) {
        QString content;
        for (int l = 0; l < 2000; ++l)
            content += QStringLiteral("    int value%1 = compute(%2); // line %1\n").arg(l).arg(i);
        in.files.append({QStringLiteral("pkg3/file%1.cpp").arg(i), content});
    }
    for (int i = 0; i < 400; ++i) {
        Finding f;
        f.file = QStringLiteral("pkg3/file%1.cpp").arg(i % 40);
        f.line = i;
        f.rule = QStringLiteral("rule%1").arg(i % 7);
        f.severity = i % 3 ? Severity::Warning : Severity::Error;
        f.message = QStringLiteral("something is wrong here, number %1").arg(i);
        in.findings.append(f);
    }
    for (int i = 0; i < 100; ++i)
        in.rules.append(
                {QStringLiteral("rule%1").arg(i), QStringLiteral("a rule message written for the agent")});
    for (int i = 0; i < 10; ++i)
        in.olderSummaries.append(
                QStringLiteral("Iteration %1: changed 3 files; tests failed (2 errors).").arg(i + 1));
    AssembledContext ctx;
    const qint64 asmUs = medianMs(runs, [&] { ctx = ContextAssembler(32000).assemble(in); });
    QByteArray record;
    const qint64 jsonUs = medianMs(runs, [&] {
        record = QJsonDocument(ctx.toJson()).toJson(QJsonDocument::Compact);
        const auto back = AssembledContext::fromJson(QJsonDocument::fromJson(record).object());
        Q_ASSERT(back.ok());
    });
    qint64 inputTokens = 0;
    for (const ContextFile &f : std::as_const(in.files))
        inputTokens += f.content.size() / 4;
    std::printf("ContextAssembler::assemble, 32k budget:       %8.1f ms  (input ~%lld tokens of files -> "
                "%lld tokens "
                "assembled)\n",
                ms(asmUs), inputTokens, ctx.totalTokens);
    std::printf("context record toJson+fromJson round trip:    %8.1f ms  (%lld bytes)\n", ms(jsonUs),
                qint64(record.size()));
    return 0;
}
