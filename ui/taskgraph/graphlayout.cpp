// GraphLayout: dot through libgvc (one global mutex around every Graphviz call), or longest-path
// layering with barycentre ordering as a fallback.
#include "graphlayout.h"

#include <QCoreApplication>
#include <QMutex>
#include <QQueue>
#include <algorithm>
#include <cmath>

#ifdef HARNESS_HAVE_GRAPHVIZ
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#endif

namespace harness::ui {

namespace {
constexpr double kPointsPerInch = 72.0;
constexpr double kRankGap = 60.0;
constexpr double kNodeGap = 30.0;

QPainterPath straightEdge(const QRectF &from, const QRectF &to)
{
    QPainterPath p(QPointF(from.center().x(), from.bottom()));
    const QPointF end(to.center().x(), to.top());
    const double dy = (end.y() - p.currentPosition().y()) / 2.0;
    p.cubicTo(p.currentPosition() + QPointF(0, dy), end - QPointF(0, dy), end);
    return p;
}

#ifdef HARNESS_HAVE_GRAPHVIZ
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
#endif
} // namespace

bool GraphLayout::graphvizAvailable()
{
#ifdef HARNESS_HAVE_GRAPHVIZ
    return true;
#else
    return false;
#endif
}

Result<GraphLayout> GraphLayout::compute(const GraphLayoutInput &input)
{
    if (input.nodes.isEmpty())
        return GraphLayout {};
#ifdef HARNESS_HAVE_GRAPHVIZ
    Result<GraphLayout> dot = dotLayout(input);
    if (dot)
        return dot;
    return layered(input);
#else
    return layered(input);
#endif
}

GraphLayout GraphLayout::layered(const GraphLayoutInput &input)
{
    GraphLayout out;
    out.engine = QStringLiteral("layered");
    QHash<QString, int> index;
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
    // Two barycentre sweeps to reduce crossings.
    QList<double> position(n, 0.0);
    for (const QList<int> &layer : layers)
        for (int i = 0; i < layer.size(); ++i)
            position[layer[i]] = i;
    for (int sweep = 0; sweep < 2; ++sweep) {
        for (int r = 1; r < ranks; ++r) {
            auto &layer = layers[r];
            QHash<int, double> bary;
            for (int v : layer) {
                double sum = 0;
                for (int p : pred[v])
                    sum += position[p];
                bary.insert(v, pred[v].isEmpty() ? position[v] : sum / pred[v].size());
            }
            std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) { return bary[a] < bary[b]; });
            for (int i = 0; i < layer.size(); ++i)
                position[layer[i]] = i;
        }
    }
    double y = 0;
    for (const QList<int> &layer : layers) {
        double x = 0, height = 0;
        for (int v : layer) {
            const QSizeF s = input.nodes[v].size;
            out.nodes.insert(input.nodes[v].id, QRectF(QPointF(x, y), s));
            x += s.width() + kNodeGap;
            height = qMax(height, s.height());
        }
        y += height + kRankGap;
    }
    for (const QRectF &r : std::as_const(out.nodes))
        out.bounds |= r;
    // Centre each layer under the widest one.
    for (const QList<int> &layer : layers) {
        if (layer.isEmpty())
            continue;
        const QRectF last = out.nodes.value(input.nodes[layer.last()].id);
        const double shift = (out.bounds.width() - last.right()) / 2.0;
        for (int v : layer)
            out.nodes[input.nodes[v].id].translate(shift, 0);
    }
    for (const GraphLayoutInput::Edge &e : input.edges) {
        if (!out.nodes.contains(e.from) || !out.nodes.contains(e.to))
            continue;
        out.edges.append({e.from, e.to, straightEdge(out.nodes.value(e.from), out.nodes.value(e.to))});
    }
    return out;
}

} // namespace harness::ui
