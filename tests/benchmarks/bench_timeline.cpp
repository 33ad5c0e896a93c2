// bench_timeline: a store with 1,000,000 events (200 tasks, one run each, 5 iterations of plan / build /
// verify / fix) opened in the real TimelinePanel — time to the first bars and to the whole fold,
// repaint time while scrolling and zooming (median and worst), time to the first page of a bar's
// events, resident memory; reference: a raw SQLite scan of the same events table in the same run.
// Usage: bench_timeline [store.sqlite]  (an existing file from an earlier run is reused)
#include "common/repositorysession.h"
#include "timeline/eventlistmodel.h"
#include "timeline/timelineloader.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace harness;
using namespace harness::ui;

namespace {
constexpr int kTasks = 200;
constexpr int kIterations = 5;
constexpr int kEventsPerBar = 250;
const QStringList kPhases {QStringLiteral("plan"), QStringLiteral("build"), QStringLiteral("verify"),
                           QStringLiteral("fix")};

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

bool fill(Store &store)
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-1);
    QElapsedTimer timer;
    timer.start();
    qint64 total = 0;
    for (int task = 0; task < kTasks; ++task) {
        Task t;
        t.title = QStringLiteral("Task %1").arg(task + 1);
        t.contract.goal = QStringLiteral("benchmark");
        auto added = store.addTask(t);
        Run r;
        r.taskId = added->id;
        auto run = store.addRun(r);
        if (!added || !run)
            return false;
        QList<Event> batch;
        QDateTime when = t0.addSecs(task * 90);
        for (int it = 1; it <= kIterations; ++it)
            for (const QString &phase : kPhases)
                for (int i = 0; i < kEventsPerBar; ++i) {
                    Event e = i == 0
                            ? Event::make(
                                      run->id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                                      {{QStringLiteral("phase"), phase}, {QStringLiteral("iteration"), it}})
                            : (i % 10 == 0
                                       ? Event::make(run->id, QStringLiteral("agent:bench"),
                                                     QStringLiteral("model_call"),
                                                     {{QStringLiteral("input_tokens"), 900},
                                                      {QStringLiteral("output_tokens"), 120},
                                                      {QStringLiteral("cost"), 0.002}})
                                       : Event::make(
                                                 run->id, QStringLiteral("harness"),
                                                 QStringLiteral("tool_result"),
                                                 {{QStringLiteral("output"),
                                                   QStringLiteral("line %1 of the tool's output").arg(i)}}));
                    e.time = when;
                    when = when.addMSecs(150);
                    batch.append(e);
                }
        auto appended = store.append(batch);
        if (!appended) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(appended.errorText()));
            return false;
        }
        total += batch.size();
        if ((task + 1) % 20 == 0)
            std::printf("  filled %lld events (%.0f s)\n", total, timer.elapsed() / 1000.0);
        std::fflush(stdout);
    }
    return true;
}

struct Stats
{
    double median = 0, worst = 0;
};
Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? Stats {} : Stats {v[v.size() / 2], v.last()};
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir scratch;
    const QString dbPath =
            argc > 1 ? QString::fromLocal8Bit(argv[1]) : scratch.path() + QStringLiteral("/bench.sqlite");
    const bool reuse = QFile::exists(dbPath);
    auto opened = Store::open(StoreLocation::sqlite(dbPath));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorText()));
        return 1;
    }
    std::shared_ptr<Store> store(std::move(opened.value()));
    std::printf("bench_timeline: %s %s\n", reuse ? "reusing" : "filling", qPrintable(dbPath));
    if (!reuse && !fill(*store))
        return 1;
    const qint64 events = store->lastLogId().value();
    std::printf("  events in the log: %lld\n", events);
    const qint64 rssBefore = rssKiB();

    // Reference: one raw sequential scan of the events table through Qt Sql.
    double rawMs = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(dbPath);
        db.open();
        QElapsedTimer t;
        t.start();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.exec(QStringLiteral(
                "SELECT log_id, run_id, seq, time, actor, kind, payload FROM events ORDER BY log_id"));
        qint64 rows = 0, bytes = 0;
        while (q.next()) {
            ++rows;
            bytes += q.value(6).toString().size();
        }
        rawMs = t.nsecsElapsed() / 1e6;
        std::printf("  reference raw SQLite scan: %lld rows in %.0f ms\n", rows, rawMs);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));

    TimelinePanel panel;
    panel.resize(1500, 900);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        std::printf("  (window not exposed)\n");
    QElapsedTimer open;
    open.start();
    auto *session = new RepositorySession(QDir::tempPath(), store, &panel);
    session->setPollInterval(0);
    panel.setSession(session);
    QSignalSpy changed(panel.loader(), &TimelineLoader::dataChanged);
    QSignalSpy caught(panel.loader(), &TimelineLoader::caughtUp);
    changed.wait(60000);
    panel.timelineView()->viewport()->repaint();
    const double firstBarsMs = open.nsecsElapsed() / 1e6;
    // The GUI stays responsive while the fold continues: measure the longest event-loop stall.
    double longestStall = 0;
    while (caught.isEmpty()) {
        QElapsedTimer t;
        t.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        longestStall = qMax(longestStall, t.nsecsElapsed() / 1e6);
        QThread::msleep(1);
    }
    const double foldMs = open.nsecsElapsed() / 1e6;
    const TimelineData &data = panel.timelineView()->data();
    qint64 bars = 0;
    for (const TimelineLane &l : data.lanes)
        bars += l.bars.size();
    std::printf("  open: first bars painted after %.0f ms; whole log folded after %.0f ms, %lld lanes, "
                "%lld bars; longest GUI stall while folding %.1f ms\n",
                firstBarsMs, foldMs, qlonglong(data.lanes.size()), bars, longestStall);
    std::printf("  fold of the whole log (%lld events, to log id %lld): %.0f ms; raw SQLite scan of the same "
                "rows: "
                "%.0f ms; fold / raw scan: %.2f (target <= 2)\n",
                data.eventsSeen, data.lastLogId, foldMs, rawMs, foldMs / rawMs);

    TimelineView *view = panel.timelineView();
    QList<double> scroll, zoom;
    QScrollBar *h = view->horizontalScrollBar();
    QScrollBar *v = view->verticalScrollBar();
    view->setPixelsPerSecond(2.0); // a few minutes per screen: many bars visible
    for (int i = 0; i < 300; ++i) {
        h->setValue(int(qint64(h->maximum()) * i / 300));
        v->setValue(int(qint64(v->maximum()) * ((i * 7) % 300) / 300));
        QElapsedTimer t;
        t.start();
        view->viewport()->repaint();
        scroll.append(t.nsecsElapsed() / 1e6);
    }
    int painted = view->lastPaintedBars();
    view->zoomToFit();
    for (int i = 0; i < 200; ++i) {
        view->setPixelsPerSecond(view->pixelsPerSecond() * (i < 100 ? 1.08 : 1 / 1.08), 600);
        QElapsedTimer t;
        t.start();
        view->viewport()->repaint();
        zoom.append(t.nsecsElapsed() / 1e6);
    }
    view->zoomToFit();
    view->viewport()->repaint();
    const Stats s = stats(scroll), z = stats(zoom);
    std::printf(
            "  repaint while scrolling: median %.2f ms, worst %.2f ms (%d bars painted in the last frame)\n",
            s.median, s.worst, painted);
    std::printf(
            "  repaint while zooming:   median %.2f ms, worst %.2f ms (whole day fitted: %d bars painted)\n",
            z.median, z.worst, view->lastPaintedBars());

    // Selecting a bar: time to its first page of events.
    QElapsedTimer sel;
    sel.start();
    QSignalSpy fetched(panel.eventModel(), &EventListModel::fetched);
    view->selectBar(kTasks / 2, 7);
    fetched.wait(10000);
    std::printf("  select a bar: first %d of its events listed after %.1f ms\n",
                panel.eventModel()->rowCount(), sel.nsecsElapsed() / 1e6);
    std::printf("  resident memory: %.1f MiB (%.1f MiB before opening the timeline)\n", rssKiB() / 1024.0,
                rssBefore / 1024.0);
    delete session;
    return 0;
}
