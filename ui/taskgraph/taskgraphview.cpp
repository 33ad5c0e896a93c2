// TaskGraphView: scene building and the mouse gestures.
#include "taskgraphview.h"
#include "tasknodeitem.h"

#include <QApplication>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsPolygonItem>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QtMath>

namespace harness::ui {

TaskGraphView::TaskGraphView(QWidget *parent) : QGraphicsView(parent), m_scene(new QGraphicsScene(this))
{
    setObjectName(QStringLiteral("taskGraphView"));
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setBackgroundBrush(palette().base());
}

void TaskGraphView::setGraph(const QList<Task> &tasks, const GraphLayout &layout)
{
    const QString selected = selectedTask();
    m_pressed = m_hoverTarget = nullptr;
    m_dragLine = nullptr;
    m_scene->clear();
    m_nodes.clear();
    const QPen edgePen(QColor(0x6e, 0x76, 0x81), 1.4);
    for (const GraphLayout::Edge &e : layout.edges) {
        auto *path = m_scene->addPath(e.path, edgePen);
        path->setZValue(-1);
        // Arrow head at the dependent's end.
        const QPainterPath &p = e.path;
        if (p.elementCount() >= 2) {
            const QPointF tip = p.pointAtPercent(1.0);
            const QPointF before = p.pointAtPercent(0.97);
            const qreal angle = qAtan2(tip.y() - before.y(), tip.x() - before.x());
            QPolygonF head;
            head << tip << tip - QPointF(qCos(angle - 0.45) * 9, qSin(angle - 0.45) * 9)
                 << tip - QPointF(qCos(angle + 0.45) * 9, qSin(angle + 0.45) * 9);
            auto *arrow = m_scene->addPolygon(head, Qt::NoPen, QColor(0x6e, 0x76, 0x81));
            arrow->setZValue(-1);
        }
    }
    for (const Task &t : tasks) {
        if (!layout.nodes.contains(t.id))
            continue;
        auto *item = new TaskNodeItem(t);
        item->setRect(layout.nodes.value(t.id));
        m_scene->addItem(item);
        m_nodes.insert(t.id, item);
    }
    m_scene->setSceneRect(layout.bounds.adjusted(-40, -40, 40, 40));
    if (!selected.isEmpty())
        selectTask(selected);
}

void TaskGraphView::updateTasks(const QList<Task> &tasks)
{
    for (const Task &t : tasks)
        if (TaskNodeItem *n = m_nodes.value(t.id))
            n->setTask(t);
}

void TaskGraphView::setProgress(const QString &taskId, double progress, const QString &phase)
{
    if (TaskNodeItem *n = m_nodes.value(taskId))
        n->setProgress(progress, phase);
}

void TaskGraphView::setNewestRun(const QString &taskId, const RunSummary &run)
{
    if (TaskNodeItem *n = m_nodes.value(taskId))
        n->setNewestRun(run);
}

void TaskGraphView::selectTask(const QString &taskId)
{
    TaskNodeItem *n = m_nodes.value(taskId);
    if (!n || n->isSelected())
        return;
    m_scene->clearSelection();
    n->setSelected(true);
    ensureVisible(n, 40, 40);
}

QString TaskGraphView::selectedTask() const
{
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (auto *n = dynamic_cast<TaskNodeItem *>(item))
            return n->taskId();
    return {};
}

QPoint TaskGraphView::nodeCenter(const QString &taskId) const
{
    TaskNodeItem *n = m_nodes.value(taskId);
    return n ? mapFromScene(n->sceneBoundingRect().center()) : QPoint();
}

void TaskGraphView::scaleBy(qreal factor)
{
    const qreal next = zoom() * factor;
    if (next < 0.05 || next > 6.0)
        return;
    scale(factor, factor);
}

void TaskGraphView::zoomIn()
{
    scaleBy(1.25);
}

void TaskGraphView::zoomOut()
{
    scaleBy(1 / 1.25);
}

void TaskGraphView::fit()
{
    if (m_nodes.isEmpty())
        return;
    fitInView(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
}

void TaskGraphView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        scaleBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

TaskNodeItem *TaskGraphView::nodeAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos))
        if (auto *n = dynamic_cast<TaskNodeItem *>(item))
            return n;
    return nullptr;
}

void TaskGraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (TaskNodeItem *n = nodeAt(event->position().toPoint())) {
            m_pressed = n;
            m_pressPos = event->position().toPoint();
            m_dragging = false;
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void TaskGraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        m_dragLine = m_scene->addLine(QLineF(), QPen(QColor(0x1f, 0x2a, 0x37), 2, Qt::DashLine));
        m_dragLine->setZValue(10);
        viewport()->setCursor(Qt::CrossCursor);
    }
    if (!m_dragging)
        return;
    m_dragLine->setLine(QLineF(m_pressed->sceneBoundingRect().center(), mapToScene(pos)));
    TaskNodeItem *target = nodeAt(pos);
    if (target == m_pressed)
        target = nullptr;
    if (target != m_hoverTarget) {
        if (m_hoverTarget)
            m_hoverTarget->setHighlighted(false);
        m_hoverTarget = target;
        if (m_hoverTarget)
            m_hoverTarget->setHighlighted(true);
    }
    event->accept();
}

void TaskGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    TaskNodeItem *from = m_pressed;
    m_pressed = nullptr;
    if (!m_dragging) {
        m_scene->clearSelection();
        from->setSelected(true);
        Q_EMIT taskSelected(from->taskId());
        event->accept();
        return;
    }
    m_dragging = false;
    viewport()->unsetCursor();
    delete m_dragLine;
    m_dragLine = nullptr;
    if (m_hoverTarget)
        m_hoverTarget->setHighlighted(false);
    TaskNodeItem *to = nodeAt(event->position().toPoint());
    m_hoverTarget = nullptr;
    event->accept();
    if (to && to != from)
        Q_EMIT dependencyDropped(from->taskId(), to->taskId());
}

} // namespace harness::ui
