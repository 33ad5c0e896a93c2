// GraphLayout: dot through libgvc (one global mutex around every Graphviz call) for graphs it lays out
// quickly, and longest-path layering with barycentre ordering for big graphs and as dot's fallback.
#include "graphlayout.h"

#include <QCoreApplication>
#include <QMutex>
#include <QQueue>
#include <algorithm>
#include <cmath>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace harness::ui {

namespace {
constexpr double kPointsPerInch = 72.0;
constexpr double kRankGap = 60.0;
constexpr double kNodeGap = 30.0;
// dot's time grows much faster than the graph (measured by bench_graph: 0.12 s for 1,000 tasks, 0.45 s for
// 2,000, 98 s for 10,000); above this many nodes the layered layout, linear in the graph, is used.
constexpr int kDotNodeLimit = 1500;
// A rank wider than this many boxes wraps onto further rows (a graph of thousands of independent tasks
// would otherwise be one row a few hundred thousand points wide).
constexpr int kMaxRowNodes = 40;

QPainterPath straightEdge(const QRectF &from, const QRectF &to)
{
    QPainterPath p(QPointF(from.center().x(), from.bottom()));
    const QPointF end(to.center().x(), to.top());
    const double dy = (end.y() - p.currentPosition().y()) / 2.0;
    p.cubicTo(p.currentPosition() + QPointF(0, dy), end - QPointF(0, dy), end);
    return p;
}

QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

Result<GraphLayout> dotLayout(const GraphLayoutInput &input)
{
    QMutexLocker lock(&graphvizMutex());
    GVC_t *gvc = gvContext();
    if (!gvc)
        return Result<GraphLayout>::failure(QStringLiteral("Graphviz could not create a context"));
    char graphName[] = "tasks";
    Agraph_t *g = agopen(graphName, Agdirected, nullptr);
    char rankdir[] = "rankdir", tb[] = "TB", nodesep[] = "nodesep", ranksep[] = "ranksep";
    char nodesepValue[] = "0.4", ranksepValue[] = "0.6", empty[] = "";
    char shape[] = "shape", box[] = "box", fixedsize[] = "fixedsize", trueValue[] = "true";
    char width[] = "width", height[] = "height", label[] = "label";
    agattr(g, AGRAPH, rankdir, tb);
    agattr(g, AGRAPH, nodesep, nodesepValue);
    agattr(g, AGRAPH, ranksep, ranksepValue);
    agattr(g, AGNODE, shape, box);
    agattr(g, AGNODE, fixedsize, trueValue);
    agattr(g, AGNODE, width, empty);
    agattr(g, AGNODE, height, empty);
    agattr(g, AGNODE, label, empty);

    QHash<QString, Agnode_t *> nodes;
    for (const GraphLayoutInput::Node &n : input.nodes) {
        QByteArray name = n.id.toUtf8();
        Agnode_t *node = agnode(g, name.data(), 1);
        QByteArray w = QByteArray::number(n.size.width() / kPointsPerInch, 'f', 3);
        QByteArray h = QByteArray::number(n.size.height() / kPointsPerInch, 'f', 3);
        agset(node, width, w.data());
        agset(node, height, h.data());
        nodes.insert(n.id, node);
    }
    QList<QPair<QString, QString>> kept;
    for (const GraphLayoutInput::Edge &e : input.edges) {
        Agnode_t *a = nodes.value(e.from);
        Agnode_t *b = nodes.value(e.to);
        if (!a || !b)
            continue;
        agedge(g, a, b, nullptr, 1);
        kept.append({e.from, e.to});
    }
    char engine[] = "dot";
    if (gvLayout(gvc, g, engine) != 0) {
        agclose(g);
        gvFreeContext(gvc);
        return Result<GraphLayout>::failure(QStringLiteral("Graphviz dot failed to lay out the graph"));
    }
    GraphLayout out;
    out.engine = QStringLiteral("dot");
    const double top = GD_bb(g).UR.y; // Graphviz's y grows upwards
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        Agnode_t *n = it.value();
        const double w = ND_width(n) * kPointsPerInch;
        const double h = ND_height(n) * kPointsPerInch;
        const QPointF c(ND_coord(n).x, top - ND_coord(n).y);
        out.nodes.insert(it.key(), QRectF(c.x() - w / 2, c.y() - h / 2, w, h));
    }
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            GraphLayout::Edge edge;
            edge.from = QString::fromUtf8(agnameof(agtail(e)));
            edge.to = QString::fromUtf8(agnameof(aghead(e)));
            const splines *spl = ED_spl(e);
            if (spl && spl->size > 0 && spl->list[0].size >= 4) {
                const bezier &bz = spl->list[0];
                auto pt = [top](pointf p) {
                    return QPointF(p.x, top - p.y);
                };
                QPainterPath path(bz.sflag ? pt(bz.sp) : pt(bz.list[0]));
                if (bz.sflag)
                    path.lineTo(pt(bz.list[0]));
                for (decltype(bz.size) i = 1; i + 2 < bz.size; i += 3)
                    path.cubicTo(pt(bz.list[i]), pt(bz.list[i + 1]), pt(bz.list[i + 2]));
                if (bz.eflag)
                    path.lineTo(pt(bz.ep));
                edge.path = path;
            } else {
                edge.path = straightEdge(out.nodes.value(edge.from), out.nodes.value(edge.to));
            }
            out.edges.append(edge);
        }
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    gvFreeContext(gvc);
    for (const QRectF &r : std::as_const(out.nodes))
        out.bounds |= r;
    return out;
}
} // namespace

Result<GraphLayout> GraphLayout::dot(const GraphLayoutInput &input)
{
    return dotLayout(input);
}

bool GraphLayout::usesDot(const GraphLayoutInput &input)
{
    return input.nodes.size() <= kDotNodeLimit;
}

Result<GraphLayout> GraphLayout::compute(const GraphLayoutInput &input)
{
    if (input.nodes.isEmpty())
        return GraphLayout {};
    if (!usesDot(input))
        return layered(input);
    Result<GraphLayout> byDot = dotLayout(input);
    if (byDot)
        return byDot;
    return layered(input);
}

GraphLayout GraphLayout::layered(const GraphLayoutInput &input)
{
    GraphLayout out;
    out.engine = QStringLiteral("layered");
    QHash<QString, int> index;
    index.reserve(input.nodes.size());
    for (int i = 0; i < input.nodes.size(); ++i)
        index.insert(input.nodes[i].id, i);
    const int n = int(input.nodes.size());
    QList<QList<int>> succ(n), pred(n);
    QList<int> indegree(n, 0);
    for (const GraphLayoutInput::Edge &e : input.edges) {
        const int a = index.value(e.from, -1), b = index.value(e.to, -1);
        if (a < 0 || b < 0 || a == b)
            continue;
        succ[a].append(b);
        pred[b].append(a);
        ++indegree[b];
    }
    // Longest-path ranks by Kahn's order; nodes left on a cycle keep rank 0.
    QList<int> rank(n, 0);
    QQueue<int> queue;
    for (int i = 0; i < n; ++i)
        if (indegree[i] == 0)
            queue.enqueue(i);
    while (!queue.isEmpty()) {
        const int v = queue.dequeue();
        for (int w : succ[v]) {
            rank[w] = qMax(rank[w], rank[v] + 1);
            if (--indegree[w] == 0)
                queue.enqueue(w);
        }
    }
    int ranks = 0;
    for (int r : rank)
        ranks = qMax(ranks, r + 1);
    QList<QList<int>> layers(ranks);
    for (int i = 0; i < n; ++i)
        layers[rank[i]].append(i);
    // Barycentre sweeps, down (by prerequisites) then up (by dependents), to reduce crossings. Each
    // pass is linear in the edges plus a sort per rank.
    QList<double> position(n, 0.0), bary(n, 0.0);
    for (const QList<int> &layer : layers)
        for (int i = 0; i < layer.size(); ++i)
            position[layer[i]] = i;
    const auto orderBy = [&](QList<int> &layer, const QList<QList<int>> &neighbours) {
        for (int v : layer) {
            double sum = 0;
            for (int p : neighbours[v])
                sum += position[p];
            bary[v] = neighbours[v].isEmpty() ? position[v] : sum / neighbours[v].size();
        }
        std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) { return bary[a] < bary[b]; });
        for (int i = 0; i < layer.size(); ++i)
            position[layer[i]] = i;
    };
    for (int sweep = 0; sweep < 2; ++sweep) {
        for (int r = 1; r < ranks; ++r)
            orderBy(layers[r], pred);
        for (int r = ranks - 2; r >= 0; --r)
            orderBy(layers[r], succ);
    }
    // Rows: a rank wider than kMaxRowNodes wraps; every row of a rank lies above the next rank's rows.
    double y = 0, widest = 0;
    QList<QList<int>> rowNodes;
    for (const QList<int> &layer : layers) {
        for (int first = 0; first < layer.size(); first += kMaxRowNodes) {
            const QList<int> row = layer.mid(first, kMaxRowNodes);
            double x = 0, height = 0;
            for (int v : row) {
                const QSizeF s = input.nodes[v].size;
                out.nodes.insert(input.nodes[v].id, QRectF(QPointF(x, y), s));
                x += s.width() + kNodeGap;
                height = qMax(height, s.height());
            }
            widest = qMax(widest, x - kNodeGap);
            rowNodes.append(row);
            y += height + kNodeGap;
        }
        y += kRankGap - kNodeGap;
    }
    // Centre each row under the widest one.
    for (const QList<int> &row : std::as_const(rowNodes)) {
        const double right = out.nodes.value(input.nodes[row.last()].id).right();
        const double shift = (widest - right) / 2.0;
        for (int v : row)
            out.nodes[input.nodes[v].id].translate(shift, 0);
    }
    for (const QRectF &r : std::as_const(out.nodes))
        out.bounds |= r;
    out.edges.reserve(input.edges.size());
    for (const GraphLayoutInput::Edge &e : input.edges) {
        const auto from = out.nodes.constFind(e.from), to = out.nodes.constFind(e.to);
        if (from == out.nodes.cend() || to == out.nodes.cend())
            continue;
        out.edges.append({e.from, e.to, straightEdge(*from, *to)});
    }
    return out;
}

} // namespace harness::ui
