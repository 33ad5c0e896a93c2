// bench_diff: generated repositories with a large change, opened in the review panel. Measures the time
// from asking the panel for the diff to its first paint, resident memory (current and peak), and repaint
// time while scrolling through the whole diff, against the time `git diff` takes to produce the same diff
// in the same run. Three cases, each in a process of its own so that its peak memory is its own:
//   100k       +50k/-50k lines across 500 files (every line of each file changed)
//   1m-files   +500k/-500k lines across 1,000 files (every 21st line unchanged: context and folds)
//   1m-single  +500k/-500k lines in one file
// Usage: bench_diff [case ...] [--screenshots DIR]   (DIR gets the review view of each 1M-line case at
// 1600x1000 and 1280x720)
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
#include <ctime>

using namespace harness::ui;

namespace {

struct Case
{
    const char *name;
    int files;
    int linesPerFile;
    int keepEvery; // a line whose number is a multiple of this stays unchanged; 0: every line changes
    int runs;
};

constexpr Case kCases[] = {
        {"100k", 500, 100, 0, 5},
        {"1m-files", 1000, 525, 21, 3},
        {"1m-single", 1, 500000, 0, 3},
};

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

// A field of /proc/self/status in kB: VmRSS (now) or VmHWM (peak).
qint64 statusKb(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString filePath(const QString &repo, const Case &c, int f)
{
    if (c.files == 1)
        return QStringLiteral("%1/src/generated_tables.cpp").arg(repo);
    return QStringLiteral("%1/src/module%2/file%3.cpp").arg(repo).arg(f % 25).arg(f);
}

void writeVersion(const QString &repo, const Case &c, bool changed)
{
    for (int f = 0; f < c.files; ++f) {
        const QString path = filePath(repo, c, f);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        QByteArray text; // written a piece at a time: the bench's own memory stays out of the figures
        for (int i = 0; i < c.linesPerFile; ++i) {
            const bool change = changed && !(c.keepEvery > 0 && i % c.keepEvery == 0);
            text += "    int value_" + QByteArray::number(i) + " = compute(" +
                    QByteArray::number(qint64(f) * i + (change ? 1 : 0)) +
                    (change ? ", \"changed\");\n" : ", \"base\");\n");
            if (text.size() > 64 * 1024 || i + 1 == c.linesPerFile) {
                file.write(text);
                text.clear();
            }
        }
    }
    git(repo, {QStringLiteral("add"), QStringLiteral("-A")});
    git(repo,
        {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
         changed ? QStringLiteral("change") : QStringLiteral("base")});
}

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double monotonicMs()
{
    timespec t {};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// The five stops with the most thread CPU time: where they are (their first row, what it shows) and when
// (CLOCK_MONOTONIC, to find them in `perf record -k mono`), and the same stop painted twice more: once
// after the line cache dropped its lines (the per-line work again, with warm glyph caches and allocator)
// and once with its lines cached (drawing alone). A stop slow only the first time was slow for a reason
// outside its rows.
void printSlowestStops(DiffView &view, const std::vector<int> &rows, const std::vector<double> &cpuMs,
                       const std::vector<double> &wallMs, const std::vector<double> &startMs)
{
    std::vector<size_t> order(cpuMs.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cpuMs[a] > cpuMs[b]; });
    order.resize(std::min<size_t>(5, order.size()));
    std::printf("  slowest stops (thread CPU; again with the lines recomputed / cached):\n");
    for (size_t stop : order) {
        const DiffRow first = view.row(rows[stop]);
        static const char *const kTypes[] = {"file header", "hunk header", "line",
                                             "fold",        "comment",     "message"};
        // A font change drops the line cache; changing it back keeps what is shown.
        const QFont font = view.font();
        QFont other = font;
        other.setPointSizeF(font.pointSizeF() + 1);
        view.setFont(other);
        view.setFont(font);
        view.verticalScrollBar()->setValue(rows[stop]);
        double again = 0, cached = 0;
        {
            const double before = threadCpuMs();
            view.viewport()->repaint();
            again = threadCpuMs() - before;
        }
        {
            const double before = threadCpuMs();
            view.viewport()->repaint();
            cached = threadCpuMs() - before;
        }
        std::printf("    stop %zu row %d (file %d, %s): %.2f ms CPU, %.2f ms wall, at %.3f s mono; "
                    "again %.2f ms, cached %.2f ms\n",
                    stop, rows[stop], first.file, kTypes[int(first.type)], cpuMs[stop], wallMs[stop],
                    startMs[stop] / 1e3, again, cached);
    }
}

void screenshot(DiffReviewPanel &panel, const QString &dir, const Case &c, int width, int height)
{
    panel.resize(width, height);
    QCoreApplication::processEvents();
    QDir().mkpath(dir);
    const QString path =
            QStringLiteral("%1/diff-%2-%3x%4.png").arg(dir, QLatin1String(c.name)).arg(width).arg(height);
    if (!panel.grab().save(path))
        qFatal("cannot save %s", qPrintable(path));
    std::printf("  screenshot %s\n", qPrintable(path));
}

int runCase(const Case &c, const QString &screenshots)
{
    QTemporaryDir dir;
    const QString repo = dir.path();
    git(repo, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Bench")});
    git(repo, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("bench@example.org")});
    writeVersion(repo, c, false);
    const QString base =
            QString::fromUtf8(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
    writeVersion(repo, c, true);
    const QString head =
            QString::fromUtf8(git(repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")})).trimmed();
    const qint64 baselineKb = statusKb("VmRSS");

    DiffReviewPanel panel;
    panel.resize(1400, 900);
    panel.show();
    QCoreApplication::processEvents();
    panel.setTarget({repo, QString(), QString(), QString(), base});
    {
        QSignalSpy ready(&panel, &DiffReviewPanel::loaded);
        ready.wait(600000); // warm-up load (page cache, git's index)
    }
    const qint64 peakAfterFirstLoadKb = statusKb("VmHWM");

    std::vector<double> gitMs, firstPaintMs, loadOnlyMs, workerMs;
    DiffRequest request;
    request.repository = repo;
    request.from = base;
    request.to = head;
    qint64 diffBytes = 0;
    for (int run = 0; run < c.runs; ++run) {
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
        loaded.wait(600000);
        loadOnlyMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        panel.currentView()->viewport()->repaint();
        firstPaintMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        workerMs.push_back(double(panel.lastLoad().gitMs + panel.lastLoad().parseMs));
    }
    const DiffDocumentPtr doc = panel.document();
    const qint64 rssKb = statusKb("VmRSS");
    const qint64 peakAfterReloadsKb = statusKb("VmHWM");

    // Scroll through the whole diff, seven pages at a time, and repaint each stop.
    DiffView *view = panel.currentView();
    std::vector<double> paintMs, paintCpuMs, paintStartMs;
    std::vector<int> stopRows;
    const int page = qMax(1, view->visibleRowCount() - 1);
    QElapsedTimer scrollTimer;
    scrollTimer.start();
    for (int row = 0;; row += page * 7) {
        row = qMin(row, view->verticalScrollBar()->maximum());
        view->verticalScrollBar()->setValue(row);
        stopRows.push_back(row);
        paintStartMs.push_back(monotonicMs());
        const double cpuBefore = threadCpuMs();
        view->viewport()->repaint();
        paintCpuMs.push_back(threadCpuMs() - cpuBefore);
        paintMs.push_back(double(view->lastPaintNanoseconds()) / 1e6);
        if (row >= view->verticalScrollBar()->maximum())
            break;
    }
    const double scrollTotal = double(scrollTimer.nsecsElapsed()) / 1e6;
    const qint64 peakAfterScrollKb = statusKb("VmHWM");
    const double gitMedian = median(gitMs), paintMedian = median(firstPaintMs);
    const double workerMedian = median(workerMs);

    std::printf("bench_diff %s: %d files, +%d -%d lines, %.1f MB of diff, %d rows\n", c.name,
                int(doc->files.size()), doc->totalAdded, doc->totalRemoved, double(diffBytes) / 1e6,
                view->rowCount());
    std::printf("  git diff (same command, median of %d)     %8.1f ms\n", c.runs, gitMedian);
    std::printf("  request -> loaded (git + parse, worker)   %8.1f ms (worker alone %.0f ms)\n",
                median(loadOnlyMs), workerMedian);
    std::printf(
            "  request -> first paint (median)           %8.1f ms (GUI thread after the worker %.0f ms)\n",
            paintMedian, paintMedian - workerMedian);
    std::printf("  ratio first paint / git diff              %8.2f   (target <= 2)\n",
                paintMedian / gitMedian);
    std::printf("  resident memory after load                %8.1f MB (document index %.1f MB, before "
                "the panel %.1f MB)\n",
                double(rssKb) / 1024.0, double(doc->memoryBytes()) / 1e6, double(baselineKb) / 1024.0);
    std::printf("  peak resident memory (VmHWM)              %8.1f MB   (target < 300)\n",
                double(statusKb("VmHWM")) / 1024.0);
    std::printf("  peak resident memory by the end of: the first load %.1f MB, the %d loads of an open diff "
                "%.1f MB, scrolling %.1f MB\n",
                double(peakAfterFirstLoadKb) / 1024.0, c.runs, double(peakAfterReloadsKb) / 1024.0,
                double(peakAfterScrollKb) / 1024.0);
    std::vector<double> sorted = paintMs;
    std::sort(sorted.begin(), sorted.end());
    const size_t worst = size_t(std::max_element(paintMs.begin(), paintMs.end()) - paintMs.begin());
    std::printf(
            "  repaint while scrolling: %zu stops, median %.2f ms, 99th percentile %.2f ms, worst %.2f ms "
            "(stop %zu), total %.0f ms\n",
            paintMs.size(), median(paintMs), sorted[sorted.size() * 99 / 100], paintMs[worst], worst,
            scrollTotal);
    // On a loaded machine a frame's wall time includes time the thread waited for a core; its CPU time
    // does not, so the two together tell slow painting from a busy machine.
    std::vector<double> sortedCpu = paintCpuMs;
    std::sort(sortedCpu.begin(), sortedCpu.end());
    std::printf(
            "  the same repaints in thread CPU time: median %.2f ms, 99th percentile %.2f ms, worst %.2f ms "
            "(target < 16 ms a frame)\n",
            median(paintCpuMs), sortedCpu[sortedCpu.size() * 99 / 100], sortedCpu.back());
    printSlowestStops(*view, stopRows, paintCpuMs, paintMs, paintStartMs);
    std::fflush(stdout);
    if (!screenshots.isEmpty() && doc->totalAdded + doc->totalRemoved >= 1000000) {
        view->verticalScrollBar()->setValue(0);
        view->setCurrentRow(3);
        screenshot(panel, screenshots, c, 1600, 1000);
        screenshot(panel, screenshots, c, 1280, 720);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString screenshots;
    if (const qsizetype at = args.indexOf(QStringLiteral("--screenshots")); at >= 0) {
        screenshots = QDir(args.value(at + 1)).absolutePath();
        args.remove(at, qMin<qsizetype>(2, args.size() - at));
    }
    const bool child = args.size() == 2 && args.first() == QStringLiteral("--case");
    if (child) {
        for (const Case &c : kCases)
            if (args.last() == QLatin1String(c.name))
                return runCase(c, screenshots);
        qFatal("unknown case %s", qPrintable(args.last()));
    }
    // Each case in a child process: peak memory (VmHWM) is then the case's own.
    int failures = 0;
    for (const Case &c : kCases) {
        if (!args.isEmpty() && !args.contains(QLatin1String(c.name)))
            continue;
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        QStringList childArgs {QStringLiteral("--case"), QLatin1String(c.name)};
        if (!screenshots.isEmpty())
            childArgs << QStringLiteral("--screenshots") << screenshots;
        p.start(QCoreApplication::applicationFilePath(), childArgs);
        p.waitForFinished(-1);
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            ++failures;
    }
    return failures == 0 ? 0 : 1;
}
