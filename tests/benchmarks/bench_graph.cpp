// bench_graph: the task graph's layout as the workbench computes it (Graphviz dot up to
// GraphLayout's node limit, the layered layout above it) for 100 to 10,000 tasks, with dot on the
// same graphs as the reference measured in the same run (up to 2,000 tasks: dot needs minutes for
// 10,000), and the time the view takes to build its scene from a 10,000-task layout on the GUI thread.
#include "core/task.h"
#include "taskgraph/graphlayout.h"
#include "taskgraph/taskgraphview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <cstdio>

using namespace harness;
using namespace harness::ui;

namespace {
GraphLayoutInput randomDag(int n, quint32 seed)
{
    QRandomGenerator rng(seed);
    GraphLayoutInput in;
    for (int i = 0; i < n; ++i) {
        in.nodes.append({QStringLiteral("T%1").arg(i + 1), QSizeF(170, 58)});
        // Each task waits for 0-2 earlier tasks, mostly recent ones (like plans splitting work).
        const int deps = i == 0 ? 0 : int(rng.bounded(3));
        for (int d = 0; d < deps; ++d) {
            const int back = 1 + int(rng.bounded(qMin(i, 12)));
            in.edges.append({QStringLiteral("T%1").arg(i - back + 1), QStringLiteral("T%1").arg(i + 1)});
        }
    }
    return in;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

template<typename F>
double medianMs(int rounds, F &&f)
{
    QList<double> times;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        f();
        times.append(t.nsecsElapsed() / 1e6);
    }
    return median(times);
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("bench_graph: task graph layout, as the workbench computes it, against Graphviz dot on the "
                "same graph\n");
    for (int n : {100, 1000, 2000, 10000}) {
        const GraphLayoutInput in = randomDag(n, 42);
        const int rounds = n <= 100 ? 10 : 3;
        QString engine;
        const double used = medianMs(rounds, [&] {
            auto layout = GraphLayout::compute(in);
            engine = layout ? layout->engine : QStringLiteral("failed");
        });
        if (n <= 2000) {
            const double dot = medianMs(n <= 100 ? 10 : 1, [&] { (void)GraphLayout::dot(in); });
            std::printf("  %5d tasks, %5lld edges: %-7s %9.1f ms   dot reference %9.1f ms   ratio %.2fx\n", n,
                        qlonglong(in.edges.size()), qPrintable(engine), used, dot,
                        dot > 0 ? used / dot : 0.0);
        } else {
            std::printf("  %5d tasks, %5lld edges: %-7s %9.1f ms   (dot: not run, minutes at this size)\n", n,
                        qlonglong(in.edges.size()), qPrintable(engine), used);
        }
    }
    // The GUI thread's share: building the scene of 10,000 boxes and their edges from a finished layout.
    const GraphLayoutInput in = randomDag(10000, 42);
    const GraphLayout layout = GraphLayout::layered(in);
    QList<Task> tasks;
    for (const GraphLayoutInput::Node &node : in.nodes) {
        Task t;
        t.id = node.id;
        t.title = QStringLiteral("Task ") + node.id;
        tasks.append(t);
    }
    TaskGraphView view;
    view.resize(1600, 1000);
    const double scene = medianMs(3, [&] { view.setGraph(tasks, layout); });
    view.show();
    const double fitAndPaint = medianMs(3, [&] {
        view.fit();
        view.grab();
    });
    std::printf(
            "  10000 tasks on the GUI thread: scene built in %.1f ms (median of 3), fit and paint %.1f ms\n",
            scene, fitAndPaint);
    return 0;
}
