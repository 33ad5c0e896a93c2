// GraphLayout: dot places prerequisites above the tasks that wait for them, every node gets a box and
// every dependency an edge, layouts from several threads at once are safe; a graph too big for dot
// (10,000 tasks) is laid out by the layered layout with the same guarantees and wide ranks wrapped.
#include "core/task.h"
#include "taskgraph/graphlayout.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtConcurrent>

using namespace harness;
using namespace harness::ui;

class TestGraphLayout : public QObject
{
    Q_OBJECT
private:
    static GraphLayoutInput chain(int n)
    {
        GraphLayoutInput in;
        for (int i = 0; i < n; ++i) {
            in.nodes.append({QStringLiteral("T%1").arg(i + 1), QSizeF(170, 58)});
            if (i > 0)
                in.edges.append({QStringLiteral("T%1").arg(i), QStringLiteral("T%1").arg(i + 1)});
        }
        return in;
    }

private Q_SLOTS:
    void prerequisitesAreAbove_data()
    {
        QTest::addColumn<bool>("fallback");
        QTest::newRow("graphviz or built-in") << false;
        QTest::newRow("layered fallback") << true;
    }
    void prerequisitesAreAbove()
    {
        QFETCH(bool, fallback);
        GraphLayoutInput in = chain(4);
        in.nodes.append({QStringLiteral("T9"), QSizeF(170, 58)});
        in.edges.append({QStringLiteral("T1"), QStringLiteral("T9")});
        const GraphLayout layout = fallback ? GraphLayout::layered(in) : GraphLayout::compute(in).value();
        QCOMPARE(layout.nodes.size(), 5);
        QCOMPARE(layout.edges.size(), 4);
        for (const GraphLayoutInput::Edge &e : in.edges)
            QVERIFY2(layout.nodes[e.from].bottom() <= layout.nodes[e.to].top(),
                     qPrintable(e.from + QStringLiteral(" should be above ") + e.to));
        // No two boxes overlap.
        const QList<QRectF> boxes = layout.nodes.values();
        for (int i = 0; i < boxes.size(); ++i)
            for (int j = i + 1; j < boxes.size(); ++j)
                QVERIFY(!boxes[i].intersects(boxes[j]));
        QVERIFY(layout.bounds.contains(layout.nodes.value(QStringLiteral("T4"))));
        QCOMPARE(layout.engine, fallback ? QStringLiteral("layered") : QStringLiteral("dot"));
    }

    void tenThousandTasksAreLaidOutByLayers()
    {
        // Like a plan split into many subtasks: each task waits for up to two recent ones; plus 600 tasks
        // that wait for nothing (one rank far wider than a row).
        GraphLayoutInput in;
        QRandomGenerator rng(7);
        for (int i = 0; i < 10000; ++i) {
            in.nodes.append({QStringLiteral("T%1").arg(i), QSizeF(170, 58)});
            if (i < 600)
                continue;
            const int deps = 1 + int(rng.bounded(2));
            for (int d = 0; d < deps; ++d)
                in.edges.append({QStringLiteral("T%1").arg(i - 1 - int(rng.bounded(qMin(i - 600, 12) + 1))),
                                 QStringLiteral("T%1").arg(i)});
        }
        QVERIFY(!GraphLayout::usesDot(in));
        const Result<GraphLayout> r = GraphLayout::compute(in);
        QVERIFY(r.ok());
        QCOMPARE(r->engine, QStringLiteral("layered"));
        QCOMPARE(r->nodes.size(), 10000);
        QCOMPARE(r->edges.size(), in.edges.size());
        for (const GraphLayoutInput::Edge &e : in.edges)
            QVERIFY2(r->nodes[e.from].bottom() < r->nodes[e.to].top(),
                     qPrintable(e.from + QStringLiteral(" should be above ") + e.to));
        // No two boxes overlap: sort by top, compare each box with those starting before it ends.
        QList<QRectF> boxes = r->nodes.values();
        std::sort(boxes.begin(), boxes.end(),
                  [](const QRectF &a, const QRectF &b) { return a.top() < b.top(); });
        for (int i = 0; i < boxes.size(); ++i)
            for (int j = i + 1; j < boxes.size() && boxes[j].top() < boxes[i].bottom(); ++j)
                QVERIFY(!boxes[i].intersects(boxes[j]));
        // The 600 independent tasks wrap onto rows: the graph is at most 40 boxes wide.
        QVERIFY2(r->bounds.width() <= 40 * 200.0, qPrintable(QString::number(r->bounds.width())));
        for (const QRectF &b : std::as_const(boxes))
            QVERIFY(r->bounds.contains(b));
    }

    void parallelLayoutsAreSafe()
    {
        // Graphviz is not thread-safe: GraphLayout serializes it; eight concurrent layouts must all succeed.
        QList<QFuture<Result<GraphLayout>>> futures;
        for (int i = 0; i < 8; ++i)
            futures.append(QtConcurrent::run([i]() { return GraphLayout::compute(chain(10 + i)); }));
        for (int i = 0; i < futures.size(); ++i) {
            const Result<GraphLayout> r = futures[i].result();
            QVERIFY(r.ok());
            QCOMPARE(r->nodes.size(), 10 + i);
        }
    }

    void emptyGraph()
    {
        const Result<GraphLayout> r = GraphLayout::compute({});
        QVERIFY(r.ok());
        QVERIFY(r->nodes.isEmpty());
    }
};

QTEST_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
