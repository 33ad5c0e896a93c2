// LayerCanvas: box and arrow items, automatic placement (dot in a worker, a layered placement meanwhile),
// drag-to-allow, zoom and fit.
#include "layercanvas.h"

#include <QCoreApplication>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>
#include <QtConcurrent>

#include <cmath>

namespace harness::ui {

namespace {
constexpr qreal kBoxWidth = 170, kBoxHeight = 58, kHandleRadius = 8;
// Room around each box in the layout, for the arrows and their counts between boxes.
constexpr qreal kLayoutPadX = 40, kLayoutPadY = 36;
constexpr qreal kMinZoom = 0.2, kMaxZoom = 3.0;
const QColor kAllowedColor(0x57, 0x60, 0x6a);
const QColor kViolationColor(0xcf, 0x22, 0x2e);

// The point where the segment from the centre of rect towards `towards` leaves the rect.
QPointF exitPoint(const QRectF &rect, const QPointF &towards)
{
    const QLineF line(rect.center(), towards);
    const QLineF edges[] = {{rect.topLeft(), rect.topRight()},
                            {rect.topRight(), rect.bottomRight()},
                            {rect.bottomRight(), rect.bottomLeft()},
                            {rect.bottomLeft(), rect.topLeft()}};
    for (const QLineF &edge : edges) {
        QPointF hit;
        if (line.intersects(edge, &hit) == QLineF::BoundedIntersection)
            return hit;
    }
    return rect.center();
}

class ArrowItem : public QGraphicsPathItem
{
public:
    ArrowItem(const LayerCanvas::Arrow &arrow, const QLineF &line) : m_arrow(arrow)
    {
        const bool violation = !arrow.allowed;
        QPainterPath path(line.p1());
        path.lineTo(line.p2());
        const double angle = std::atan2(-line.dy(), line.dx());
        const qreal size = 11;
        const QPointF tip = line.p2();
        const QPointF a = tip - QPointF(std::sin(angle + M_PI / 3) * size, std::cos(angle + M_PI / 3) * size);
        const QPointF b = tip -
                QPointF(std::sin(angle + M_PI - M_PI / 3) * size, std::cos(angle + M_PI - M_PI / 3) * size);
        path.addPolygon(QPolygonF {tip, a, b, tip});
        setPath(path);
        const QColor color = violation ? kViolationColor : kAllowedColor;
        setPen(QPen(color, violation ? 2.5 : 1.6, violation ? Qt::SolidLine : Qt::SolidLine, Qt::RoundCap));
        setBrush(color);
        setFlag(QGraphicsItem::ItemIsSelectable);
        setZValue(violation ? 5 : 4); // above the boxes, so heads and counts stay visible
        setData(0, arrow.from);
        setData(1, arrow.to);
        setToolTip(violation ? QCoreApplication::translate(
                                       "LayerCanvas",
                                       "%1 → %2: %n dependenc(ies) the rules forbid. Double-click "
                                       "to allow this direction.",
                                       nullptr, arrow.count)
                                       .arg(arrow.from, arrow.to)
                             : QCoreApplication::translate(
                                       "LayerCanvas",
                                       "%1 may depend on %2 (%n dependenc(ies) in the tree). "
                                       "Select and press Delete to forbid.",
                                       nullptr, arrow.count)
                                       .arg(arrow.from, arrow.to));
        if (arrow.count > 0) {
            auto *label = new QGraphicsSimpleTextItem(QString::number(arrow.count), this);
            QFont font = label->font();
            font.setBold(violation);
            label->setFont(font);
            label->setBrush(color);
            const QPointF mid = line.pointAt(0.5);
            const QRectF r = label->boundingRect();
            label->setPos(mid - QPointF(r.width() / 2, r.height() + 2));
        }
    }
    const LayerCanvas::Arrow &arrow() const { return m_arrow; }
    QPainterPath shape() const override
    {
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        return stroker.createStroke(path());
    }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override
    {
        if (isSelected()) {
            painter->setPen(QPen(QColor(0x09, 0x69, 0xda, 90), 8, Qt::SolidLine, Qt::RoundCap));
            painter->drawPath(path());
        }
        QStyleOptionGraphicsItem plain(*option);
        plain.state &= ~QStyle::State_Selected;
        QGraphicsPathItem::paint(painter, &plain, widget);
    }

private:
    LayerCanvas::Arrow m_arrow;
};

} // namespace

class LayerBoxItem : public QGraphicsRectItem
{
public:
    LayerBoxItem(LayerCanvas *canvas, const Layer &layer)
        : QGraphicsRectItem(0, 0, kBoxWidth, kBoxHeight), m_canvas(canvas), m_name(layer.name)
    {
        setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
        setBrush(QColor(0xdd, 0xf4, 0xff));
        setPen(QPen(QColor(0x54, 0xae, 0xff), 1.5));
        setZValue(3);
        m_paths = layer.paths.join(QStringLiteral(", "));
        setToolTip(
                QCoreApplication::translate(
                        "LayerCanvas",
                        "Layer %1: %2\nDrag from the round handle to another layer to allow that dependency.")
                        .arg(layer.name, m_paths));
    }
    QString name() const { return m_name; }
    // The drag handle sits in the top-right corner, away from where arrows meet the box.
    QPointF handleCenter() const { return mapToScene(QPointF(kBoxWidth - 14, 14)); }
    bool handleContains(const QPointF &scenePos) const
    {
        return QLineF(scenePos, handleCenter()).length() <= kHandleRadius + 3;
    }
    QRectF sceneBox() const { return mapRectToScene(rect()); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(isSelected() ? QPen(QColor(0x09, 0x69, 0xda), 2.5) : pen());
        painter->setBrush(brush());
        painter->drawRoundedRect(rect(), 6, 6);
        QFont bold = painter->font();
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(QColor(0x1f, 0x23, 0x28));
        painter->drawText(rect().adjusted(10, 6, -14, -kBoxHeight / 2), Qt::AlignLeft | Qt::AlignVCenter,
                          m_name);
        QFont small = painter->font();
        small.setBold(false);
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);
        painter->setPen(QColor(0x57, 0x60, 0x6a));
        const QString paths = painter->fontMetrics().elidedText(m_paths, Qt::ElideRight, int(kBoxWidth - 24));
        painter->drawText(rect().adjusted(10, kBoxHeight / 2, -14, -4), Qt::AlignLeft | Qt::AlignVCenter,
                          paths);
        painter->setBrush(QColor(0x09, 0x69, 0xda));
        painter->setPen(Qt::white);
        const QPointF h(kBoxWidth - 14, 14);
        painter->drawEllipse(h, kHandleRadius, kHandleRadius);
        painter->drawLine(h - QPointF(4, 0), h + QPointF(4, 0));
        painter->drawLine(h - QPointF(0, 4), h + QPointF(0, 4));
    }
    QRectF boundingRect() const override { return rect().adjusted(-2, -2, 2, 2); }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override
    {
        if (change == ItemPositionHasChanged)
            m_canvas->boxMoved(m_name, value.toPointF());
        return QGraphicsRectItem::itemChange(change, value);
    }

private:
    LayerCanvas *m_canvas;
    QString m_name;
    QString m_paths;
};

LayerCanvas::LayerCanvas(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::NoDrag);
    setObjectName(QStringLiteral("layerCanvas"));
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMinimumSize(320, 240);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    connect(&m_layoutWatcher, &QFutureWatcher<Result<GraphLayout>>::finished, this, [this] {
        const Result<GraphLayout> layout = m_layoutWatcher.result();
        if (m_layoutPending) {
            m_layoutPending = false;
            m_layoutBusy = false;
            startLayout(); // the layers changed meanwhile
            return;
        }
        if (layout)
            applyLayout(*layout);
        m_layoutBusy = false;
        Q_EMIT layoutFinished();
    });
}

LayerCanvas::~LayerCanvas()
{
    m_layoutWatcher.waitForFinished();
}

void LayerCanvas::setPositions(const QHash<QString, QPointF> &positions, const QSet<QString> &moved)
{
    m_positions = positions;
    m_moved = moved;
    rebuild();
}

QRectF LayerCanvas::layerRect(const QString &name) const
{
    const LayerBoxItem *box = m_boxes.value(name);
    return box ? box->sceneBox() : QRectF();
}

GraphLayoutInput LayerCanvas::layoutInput() const
{
    GraphLayoutInput input;
    for (const Layer &l : m_rules.layers) {
        input.nodes.append({l.name, QSizeF(kBoxWidth + 2 * kLayoutPadX, kBoxHeight + 2 * kLayoutPadY)});
        for (const QString &to : l.allow) {
            if (m_rules.layerByName(to) && to != l.name)
                input.edges.append({l.name, to}); // the using layer above the one it uses
        }
    }
    return input;
}

void LayerCanvas::startLayout()
{
    if (m_layoutBusy) {
        m_layoutPending = true;
        return;
    }
    m_layoutBusy = true;
    const GraphLayoutInput input = layoutInput();
    m_layoutWatcher.setFuture(QtConcurrent::run([input] { return GraphLayout::compute(input); }));
}

void LayerCanvas::applyLayout(const GraphLayout &layout)
{
    m_engine = layout.engine;
    m_rebuilding = true; // programmatic moves are not the person's
    for (auto it = layout.nodes.cbegin(); it != layout.nodes.cend(); ++it) {
        if (m_moved.contains(it.key()) || !m_boxes.contains(it.key()))
            continue;
        const QPointF pos = it.value().center() - QPointF(kBoxWidth / 2, kBoxHeight / 2);
        m_positions.insert(it.key(), pos);
        m_boxes[it.key()]->setPos(pos);
    }
    m_rebuilding = false;
    updateArrows();
    Q_EMIT positionsChanged();
    // Everything in sight after a layout: fit when a box would be outside the view.
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (m_fitAfterLayout || !m_userZoomed || !visible.contains(scene()->itemsBoundingRect()))
        fit();
    m_fitAfterLayout = false;
}

void LayerCanvas::autoLayout()
{
    m_moved.clear();
    m_userZoomed = false;
    m_fitAfterLayout = true;
    startLayout();
}

void LayerCanvas::fit()
{
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (bounds.isEmpty())
        return;
    resetTransform();
    fitInView(bounds, Qt::KeepAspectRatio);
    if (transform().m11() > 1.0)
        resetTransform(); // fit shrinks a big graph; a small one keeps its natural size
    centerOn(bounds.center());
}

void LayerCanvas::zoomIn()
{
    m_userZoomed = true;
    if (transform().m11() < kMaxZoom)
        scale(1.25, 1.25);
}

void LayerCanvas::zoomOut()
{
    m_userZoomed = true;
    if (transform().m11() > kMinZoom)
        scale(0.8, 0.8);
}

void LayerCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fit();
}

void LayerCanvas::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void LayerCanvas::setRules(const RuleSet &rules)
{
    m_rules = rules;
    rebuild();
}

void LayerCanvas::setObservedEdges(const QList<LayerEdge> &edges)
{
    m_observed = edges;
    updateArrows();
}

QList<LayerCanvas::Arrow> LayerCanvas::violations() const
{
    QList<Arrow> out;
    for (const Arrow &a : m_arrows) {
        if (!a.allowed)
            out.append(a);
    }
    return out;
}

void LayerCanvas::placeNewBoxes()
{
    // Boxes without a place get one from the layered placement at once; dot's layout follows.
    bool missing = false;
    for (const Layer &l : m_rules.layers)
        missing |= !m_positions.contains(l.name);
    if (!missing)
        return;
    const GraphLayout layered = GraphLayout::layered(layoutInput());
    for (const Layer &l : m_rules.layers) {
        if (!m_positions.contains(l.name))
            m_positions.insert(l.name,
                               layered.nodes.value(l.name).center() - QPointF(kBoxWidth / 2, kBoxHeight / 2));
    }
}

void LayerCanvas::rebuild()
{
    m_rebuilding = true;
    const QString selected = selectedLayer();
    scene()->clear();
    m_boxes.clear();
    m_arrowItems.clear();
    m_rubber = nullptr;
    // Places of layers that are gone are forgotten.
    for (auto it = m_positions.begin(); it != m_positions.end();) {
        if (!m_rules.layerByName(it.key())) {
            m_moved.remove(it.key());
            it = m_positions.erase(it);
        } else {
            ++it;
        }
    }
    placeNewBoxes();
    for (const Layer &l : m_rules.layers) {
        auto *box = new LayerBoxItem(this, l);
        box->setPos(m_positions.value(l.name));
        scene()->addItem(box);
        m_boxes.insert(l.name, box);
        if (l.name == selected)
            box->setSelected(true);
    }
    m_rebuilding = false;
    updateArrows();
    // A new layer or a new direction: lay the boxes out again (moved ones stay).
    QStringList structure;
    for (const Layer &l : m_rules.layers)
        structure << l.name + QLatin1Char(':') + l.allow.join(QLatin1Char(','));
    const QString key = structure.join(QLatin1Char(';'));
    if (key != m_structureKey) {
        m_structureKey = key;
        if (!m_rules.layers.isEmpty())
            startLayout();
    }
}

void LayerCanvas::updateArrows()
{
    for (QGraphicsItem *item : std::as_const(m_arrowItems)) {
        scene()->removeItem(item);
        delete item;
    }
    m_arrowItems.clear();
    m_arrows.clear();
    QHash<QString, int> observed;
    for (const LayerEdge &e : m_observed)
        observed.insert(e.from + QLatin1Char('\n') + e.to, e.count);
    QSet<QString> done;
    for (const Layer &l : m_rules.layers) {
        for (const QString &to : l.allow) {
            if (!m_boxes.contains(to))
                continue;
            const QString key = l.name + QLatin1Char('\n') + to;
            m_arrows.append({l.name, to, observed.value(key), true});
            done.insert(key);
        }
    }
    for (const LayerEdge &e : m_observed) {
        const QString key = e.from + QLatin1Char('\n') + e.to;
        if (done.contains(key) || !m_boxes.contains(e.from) || !m_boxes.contains(e.to) || e.count <= 0)
            continue;
        const Layer *from = m_rules.layerByName(e.from);
        m_arrows.append({e.from, e.to, e.count, from && from->allow.contains(e.to)});
        done.insert(key);
    }
    for (const Arrow &a : std::as_const(m_arrows)) {
        const QRectF from = m_boxes[a.from]->sceneBox(), to = m_boxes[a.to]->sceneBox();
        QLineF line(exitPoint(from, to.center()), exitPoint(to, from.center()));
        // Two opposite arrows between the same boxes are drawn side by side.
        if (done.contains(a.to + QLatin1Char('\n') + a.from)) {
            const QLineF normal = line.normalVector().unitVector();
            const QPointF shift = (normal.p2() - normal.p1()) * 7;
            line.translate(shift);
        }
        auto *item = new ArrowItem(a, line);
        scene()->addItem(item);
        m_arrowItems.append(item);
    }
    updateSceneRect();
}

void LayerCanvas::updateSceneRect()
{
    // Not while a box is dragged: a new scene rect moves the scroll bars, QGraphicsView replays the last
    // mouse move on a scroll, which moves the box again, which changes the rect again (a stack overflow
    // when the canvas is smaller than the graph). The rect follows when the button is released.
    if (m_dragging)
        return;
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-20, -20, 40, 40));
}

void LayerCanvas::boxMoved(const QString &name, const QPointF &pos)
{
    m_positions.insert(name, pos);
    if (!m_rebuilding) {
        m_moved.insert(name);
        updateArrows();
        Q_EMIT positionsChanged();
    }
}

LayerBoxItem *LayerCanvas::boxAt(const QPoint &viewPos) const
{
    const QPointF scenePos = mapToScene(viewPos);
    for (LayerBoxItem *box : m_boxes) {
        if (box->sceneBox().adjusted(0, 0, kHandleRadius, 0).contains(scenePos) ||
            box->handleContains(scenePos))
            return box;
    }
    return nullptr;
}

QPoint LayerCanvas::layerCenter(const QString &name) const
{
    const LayerBoxItem *box = m_boxes.value(name);
    return box ? mapFromScene(box->sceneBox().center()) : QPoint();
}

QPoint LayerCanvas::handlePosition(const QString &name) const
{
    const LayerBoxItem *box = m_boxes.value(name);
    return box ? mapFromScene(box->handleCenter()) : QPoint();
}

QString LayerCanvas::selectedLayer() const
{
    for (LayerBoxItem *box : m_boxes) {
        if (box->isSelected())
            return box->name();
    }
    return {};
}

bool LayerCanvas::selectArrow(const QString &from, const QString &to)
{
    scene()->clearSelection();
    for (QGraphicsItem *item : std::as_const(m_arrowItems)) {
        if (item->data(0).toString() == from && item->data(1).toString() == to) {
            item->setSelected(true);
            return true;
        }
    }
    return false;
}

void LayerCanvas::mousePressEvent(QMouseEvent *event)
{
    m_dragging = event->button() == Qt::LeftButton;
    if (event->button() == Qt::LeftButton) {
        const QPointF scenePos = mapToScene(event->position().toPoint());
        for (LayerBoxItem *box : std::as_const(m_boxes)) {
            if (box->handleContains(scenePos)) {
                m_connectFrom = box->name();
                m_rubber = scene()->addLine(QLineF(box->handleCenter(), scenePos),
                                            QPen(kAllowedColor, 1.5, Qt::DashLine));
                m_rubber->setZValue(10);
                event->accept();
                return;
            }
        }
    }
    QGraphicsView::mousePressEvent(event);
    const QString layer = selectedLayer();
    if (!layer.isEmpty())
        Q_EMIT layerSelected(layer);
}

void LayerCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_rubber) {
        m_rubber->setLine(QLineF(m_rubber->line().p1(), mapToScene(event->position().toPoint())));
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void LayerCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    m_dragging = false;
    if (!m_connectFrom.isEmpty()) {
        const QString from = m_connectFrom;
        m_connectFrom.clear();
        if (m_rubber) {
            scene()->removeItem(m_rubber);
            delete m_rubber;
            m_rubber = nullptr;
        }
        LayerBoxItem *target = boxAt(event->position().toPoint());
        if (target && target->name() != from)
            Q_EMIT allowRequested(from, target->name());
        updateSceneRect();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    updateSceneRect();
}

void LayerCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        if (auto *arrow = dynamic_cast<ArrowItem *>(item)) {
            if (!arrow->arrow().allowed) {
                const LayerCanvas::Arrow a = arrow->arrow(); // the item is rebuilt by the change
                Q_EMIT allowRequested(a.from, a.to);
                event->accept();
                return;
            }
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void LayerCanvas::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        for (QGraphicsItem *item : scene()->selectedItems()) {
            if (auto *arrow = dynamic_cast<ArrowItem *>(item)) {
                if (arrow->arrow().allowed) {
                    const LayerCanvas::Arrow a = arrow->arrow();
                    Q_EMIT forbidRequested(a.from, a.to);
                    event->accept();
                    return;
                }
            }
        }
    }
    QGraphicsView::keyPressEvent(event);
}

} // namespace harness::ui
