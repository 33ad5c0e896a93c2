// GraphLayout: positions for the task DAG, computed by Graphviz's dot for graphs it lays out quickly
// (serialized: Graphviz is not thread-safe), and by a layered layout of our own for big graphs or when
// dot fails. Safe to call from a worker thread.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QPainterPath>
#include <QRectF>
#include <QStringList>

namespace harness::ui {

struct GraphLayoutInput
{
    struct Node
    {
        QString id;
        QSizeF size; // in scene units (points)
    };
    struct Edge
    {
        QString from; // the prerequisite
        QString to; // the task that depends on it
    };
    QList<Node> nodes;
    QList<Edge> edges;
};

struct GraphLayout
{
    struct Edge
    {
        QString from;
        QString to;
        QPainterPath path; // ends at the border of the target node
    };
    QHash<QString, QRectF> nodes; // scene rectangles, y grows downwards
    QList<Edge> edges;
    QRectF bounds;
    QString engine; // "dot" or "layered"

    // Lays out input. Blocking: call from a worker thread for big graphs.
    static Result<GraphLayout> compute(const GraphLayoutInput &input);
    // Graphviz's dot on any graph, however big (compute() picks it only below the limit).
    static Result<GraphLayout> dot(const GraphLayoutInput &input);
    // Whether compute() gives this graph to dot (small enough for dot to finish quickly).
    static bool usesDot(const GraphLayoutInput &input);
    // The layered layout: for graphs too big for dot, and when Graphviz fails.
    static GraphLayout layered(const GraphLayoutInput &input);
};

} // namespace harness::ui
