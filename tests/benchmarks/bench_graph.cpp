// bench_graph: layout time of the task graph for 100 and 1,000 tasks with Graphviz dot (what the
// workbench uses) against the built-in layered layout measured in the same run.
#include "taskgraph/graphlayout.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QRandomGenerator>
#include <cstdio>

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
} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    std::printf("bench_graph: task graph layout (Graphviz available: %s)\n",
                GraphLayout::graphvizAvailable() ? "yes" : "no");
    for (int n : {100, 1000}) {
        const GraphLayoutInput in = randomDag(n, 42);
        const int rounds = n <= 100 ? 10 : 3;
        QList<double> dot, layered;
        QString engine;
        for (int r = 0; r < rounds; ++r) {
            QElapsedTimer t;
            t.start();
            auto layout = GraphLayout::compute(in);
            dot.append(t.nsecsElapsed() / 1e6);
            engine = layout ? layout->engine : QStringLiteral("failed");
            t.restart();
            GraphLayout::layered(in);
            layered.append(t.nsecsElapsed() / 1e6);
        }
        std::printf("  %4d tasks, %4lld edges: %s %8.1f ms (median of %d)   layered reference %7.1f ms   "
                    "ratio %.1fx\n",
                    n, qlonglong(in.edges.size()), qPrintable(engine), median(dot), rounds, median(layered),
                    median(layered) > 0 ? median(dot) / median(layered) : 0.0);
    }
    return 0;
}
