// LayerCanvas: the layers of the rules as boxes; allowed dependency directions as grey arrows and the
// dependencies the current tree has against the rules as red arrows with counts. Dragging from a box's
// handle to another box asks to allow that direction; Delete on a selected arrow asks to forbid it.
// Boxes are placed by Graphviz's dot (the task graph's layout helper, in a worker thread); boxes the
// person moved keep their place. Zoom with Ctrl+wheel, fit the whole graph with fit().
#pragma once

#include "rules/dependencygraph.h"
#include "rules/ruleset.h"
#include "taskgraph/graphlayout.h"

#include <QFutureWatcher>
#include <QGraphicsView>
#include <QHash>
#include <QSet>

class QGraphicsLineItem;

namespace harness::ui {

class LayerBoxItem;

class LayerCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    struct Arrow
    {
        QString from, to;
        int count = 0; // dependencies seen in the tree
        bool allowed = false; // the rules allow this direction
        bool operator==(const Arrow &) const = default;
    };

    explicit LayerCanvas(QWidget *parent = nullptr);
    ~LayerCanvas() override;

    void setRules(const RuleSet &rules);
    void setObservedEdges(const QList<LayerEdge> &edges);
    // Where the boxes stand (from the repository's rule document), and which ones the person moved.
    void setPositions(const QHash<QString, QPointF> &positions, const QSet<QString> &moved);
    QHash<QString, QPointF> positions() const { return m_positions; }
    QSet<QString> movedLayers() const { return m_moved; }
    // Scene rectangle of a layer's box (empty when there is no such layer).
    QRectF layerRect(const QString &name) const;
    bool isLayingOut() const { return m_layoutBusy; } // until the layout is applied
    QString layoutEngine() const { return m_engine; }
    QList<Arrow> arrows() const { return m_arrows; }
    QList<Arrow> violations() const; // arrows the rules do not allow but the tree has

    // View coordinates of a layer's centre and of its drag handle (for tests and keyboard users).
    QPoint layerCenter(const QString &name) const;
    QPoint handlePosition(const QString &name) const;
    bool selectArrow(const QString &from, const QString &to);
    QString selectedLayer() const;

public Q_SLOTS:
    // Lays every box out again (forgetting where the person moved them), then fits the view.
    void autoLayout();
    void fit();
    void zoomIn();
    void zoomOut();

Q_SIGNALS:
    void positionsChanged();
    void layoutFinished();
    void allowRequested(const QString &fromLayer, const QString &toLayer);
    void forbidRequested(const QString &fromLayer, const QString &toLayer);
    void layerSelected(const QString &name);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    friend class LayerBoxItem;
    void rebuild();
    void placeNewBoxes();
    void startLayout();
    void applyLayout(const GraphLayout &layout);
    GraphLayoutInput layoutInput() const;
    void updateArrows();
    void updateSceneRect();
    LayerBoxItem *boxAt(const QPoint &viewPos) const;
    void boxMoved(const QString &name, const QPointF &pos);

    RuleSet m_rules;
    QList<LayerEdge> m_observed;
    QList<Arrow> m_arrows;
    QHash<QString, QPointF> m_positions; // editor layout only; never written to rules.json
    QSet<QString> m_moved; // boxes the person dragged
    QFutureWatcher<Result<GraphLayout>> m_layoutWatcher;
    bool m_layoutPending = false;
    bool m_layoutBusy = false;
    bool m_fitAfterLayout = true;
    bool m_userZoomed = false; // until the person zooms, the view keeps the whole graph in sight
    QString m_structureKey; // layers and their directions at the last layout
    QString m_engine;
    QHash<QString, LayerBoxItem *> m_boxes;
    QList<QGraphicsItem *> m_arrowItems;
    QString m_connectFrom;
    QGraphicsLineItem *m_rubber = nullptr;
    bool m_rebuilding = false;
    bool m_dragging = false; // the left button is held on the canvas
};

} // namespace harness::ui
