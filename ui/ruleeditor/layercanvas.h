// LayerCanvas: the layers of the rules as boxes; allowed dependency directions as grey arrows and the
// dependencies the current tree has against the rules as red arrows with counts. Dragging from a box's
// handle to another box asks to allow that direction; Delete on a selected arrow asks to forbid it.
#pragma once

#include "rules/dependencygraph.h"
#include "rules/ruleset.h"

#include <QGraphicsView>
#include <QHash>

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

    void setRules(const RuleSet &rules);
    void setObservedEdges(const QList<LayerEdge> &edges);
    QList<Arrow> arrows() const { return m_arrows; }
    QList<Arrow> violations() const; // arrows the rules do not allow but the tree has

    // View coordinates of a layer's centre and of its drag handle (for tests and keyboard users).
    QPoint layerCenter(const QString &name) const;
    QPoint handlePosition(const QString &name) const;
    bool selectArrow(const QString &from, const QString &to);
    QString selectedLayer() const;

Q_SIGNALS:
    void allowRequested(const QString &fromLayer, const QString &toLayer);
    void forbidRequested(const QString &fromLayer, const QString &toLayer);
    void layerSelected(const QString &name);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    friend class LayerBoxItem;
    void rebuild();
    void layoutNewBoxes();
    void updateArrows();
    LayerBoxItem *boxAt(const QPoint &viewPos) const;
    void boxMoved(const QString &name, const QPointF &pos);

    RuleSet m_rules;
    QList<LayerEdge> m_observed;
    QList<Arrow> m_arrows;
    QHash<QString, QPointF> m_positions; // editor layout only; never written to rules.json
    QHash<QString, LayerBoxItem *> m_boxes;
    QList<QGraphicsItem *> m_arrowItems;
    QString m_connectFrom;
    QGraphicsLineItem *m_rubber = nullptr;
    bool m_rebuilding = false;
};

} // namespace harness::ui
