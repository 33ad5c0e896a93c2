// bench_diff: a generated repository with a 100,000-line change across 500 files. Measures the time from
// asking the review panel for the diff to its first paint, resident memory, and repaint time while
// scrolling, against the time `git diff` takes to produce the same diff in the same run.
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace harness::ui;

namespace {

QByteArray git(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        qFatal("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
               p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr int kFiles = 500, kLinesPerFile = 100; // 100 removed + 100 added per file = 100,000 lines
    QTemporaryDir dir;
    const QString repo = dir.path();
    git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Bench")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("bench@example.org")});
    for (int f = 0; f < kFiles; ++f) {
        QByteArray text;
        for (int i = 0; i < kLinesPerFile; ++i)
            text += "    int value_" + QByteArray::number(i) + " = compute(" + QByteArray::number(f * i) +
                    ", \"base\");\n";
        writeFile(QStringLiteral("%1/src/module%2/file%3.cpp").arg(repo).arg(f % 25).arg(f), text);
    }
    git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base")});
    const QString base =
            QString::fromUtf8(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
    for (int f = 0; f < kFiles; ++f) {
        QByteArray text;
        for (int i = 0; i < kLinesPerFile; ++i)
            text += "    int value_" + QByteArray::number(i) + " = compute(" + QByteArray::number(f * i + 1) +
                    ", \"changed\");\n";
        writeFile(QStringLiteral("%1/src/module%2/file%3.cpp").arg(repo).arg(f % 25).arg(f), text);
    }
    git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    git(repo,
        {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("change")});
    const QString head =
            QString::fromUtf8(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();

    DiffReviewPanel panel;
    panel.resize(1400, 900);
    panel.show();
    QCoreApplication::processEvents();
    panel.setTarget({repo, QString(), QString(), QString(), base});
    {
        QSignalSpy ready(&panel, &DiffReviewPanel::loaded);
        ready.wait(120000); // warm-up load (page cache, git's index)
    }

    constexpr int kRuns = 5;
    std::vector<double> gitMs, firstPaintMs, loadOnlyMs;
    DiffRequest request;
    request.repository = repo;
    request.from = base;
    request.to = head;
    qint64 diffBytes = 0;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        QProcess p;
        p.start(QStringLiteral("git"), request.gitArguments());
        p.waitForFinished(-1);
        diffBytes = p.readAllStandardOutput().size();
        gitMs.push_back(double(timer.nsecsElapsed()) / 1e6);

        QSignalSpy loaded(&panel, &DiffReviewPanel::loaded);
        timer.restart();
        panel.showRange(base, head);
        loaded.wait(120000);
        loadOnlyMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        panel.currentView()->viewport()->repaint();
        firstPaintMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const DiffDocumentPtr doc = panel.document();
    const qint64 rss = residentKb();

    // Scroll through the whole diff a page at a time and repaint each page.
    DiffView *view = panel.currentView();
    std::vector<double> paintMs;
    const int page = qMax(1, view->visibleRowCount() - 1);
    QElapsedTimer scrollTimer;
    scrollTimer.start();
    for (int row = 0; row < view->rowCount(); row += page * 7) {
        view->verticalScrollBar()->setValue(row);
        view->viewport()->repaint();
        paintMs.push_back(double(view->lastPaintNanoseconds()) / 1e6);
    }
    const double scrollTotal = double(scrollTimer.nsecsElapsed()) / 1e6;
    const double gitMedian = median(gitMs), paintMedian = median(firstPaintMs);

    std::printf("bench_diff: %d files, +%d -%d lines, %.1f MB of diff, %d rows\n", int(doc->files.size()),
                doc->totalAdded, doc->totalRemoved, double(diffBytes) / 1e6, view->rowCount());
    std::printf("  git diff (same command, median of %d)     %8.1f ms\n", kRuns, gitMedian);
    std::printf("  request -> loaded (git + parse, worker)   %8.1f ms\n", median(loadOnlyMs));
    std::printf("  request -> first paint (median)           %8.1f ms\n", paintMedian);
    std::printf("  ratio first paint / git diff              %8.2f   (target <= 2)\n",
                paintMedian / gitMedian);
    std::printf("  resident memory after load                %8.1f MB (document index %.1f MB)\n",
                double(rss) / 1024.0, double(doc->memoryBytes()) / 1e6);
    std::printf("  repaint while scrolling: %zu pages, median %.2f ms, max %.2f ms, total %.0f ms\n",
                paintMs.size(), median(paintMs), *std::max_element(paintMs.begin(), paintMs.end()),
                scrollTotal);
    return 0;
}
