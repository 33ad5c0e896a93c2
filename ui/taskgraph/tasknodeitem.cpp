// TaskNodeItem: painting only; selection is QGraphicsItem's.
#include "tasknodeitem.h"
#include "common/taskstatestyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace harness::ui {

QSizeF TaskNodeItem::preferredSize()
{
    return {170.0, 58.0};
}

TaskNodeItem::TaskNodeItem(const Task &task, QGraphicsItem *parent)
    : QGraphicsItem(parent), m_task(task), m_rect(QPointF(0, 0), preferredSize())
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setToolTip(task.contract.goal);
}

void TaskNodeItem::setTask(const Task &task)
{
    m_task = task;
    setToolTip(task.contract.goal);
    update();
}

void TaskNodeItem::setProgress(double progress, const QString &phase)
{
    m_progress = progress;
    m_phase = phase;
    update();
}

void TaskNodeItem::setNewestRun(const RunSummary &run)
{
    m_newestRun = run;
    update();
}

QString TaskNodeItem::stateText() const
{
    return TaskStateStyle::look(m_task.state, m_newestRun).label;
}

void TaskNodeItem::setRect(const QRectF &rect)
{
    prepareGeometryChange();
    setPos(rect.topLeft());
    m_rect = QRectF(QPointF(0, 0), rect.size());
}

void TaskNodeItem::setHighlighted(bool on)
{
    m_highlighted = on;
    update();
}

QRectF TaskNodeItem::boundingRect() const
{
    return m_rect.adjusted(-3, -3, 3, 3);
}

void TaskNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const TaskLook look = TaskStateStyle::look(m_task.state, m_newestRun);
    const QColor color = look.color;
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(selected || m_highlighted ? QColor(0x1f, 0x2a, 0x37) : color.darker(130),
                         selected || m_highlighted ? 2.5 : 1.2,
                         m_highlighted ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(color.lighter(165));
    painter->drawRoundedRect(m_rect, 6, 6);
    // State stripe on the left.
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(QRectF(m_rect.topLeft(), QSizeF(6, m_rect.height())), 3, 3);

    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.35)
        return; // too small to read: colour only
    painter->setPen(QColor(0x1f, 0x2a, 0x37));
    QFont f = painter->font();
    f.setPointSizeF(8.5);
    f.setBold(true);
    painter->setFont(f);
    const QRectF text = m_rect.adjusted(12, 4, -6, -4);
    painter->drawText(text, Qt::AlignLeft | Qt::AlignTop, m_task.id + QStringLiteral("  ·  ") + look.label);
    f.setBold(false);
    f.setPointSizeF(9);
    painter->setFont(f);
    const QString title = painter->fontMetrics().elidedText(m_task.title, Qt::ElideRight, int(text.width()));
    painter->drawText(text.adjusted(0, 16, 0, 0), Qt::AlignLeft | Qt::AlignTop, title);
    if (m_progress >= 0) {
        const QRectF bar(text.left(), m_rect.bottom() - 11, text.width() * 0.55, 6);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 180));
        painter->drawRoundedRect(bar, 3, 3);
        painter->setBrush(color.darker(120));
        painter->drawRoundedRect(
                QRectF(bar.topLeft(), QSizeF(bar.width() * qBound(0.0, m_progress, 1.0), bar.height())), 3,
                3);
        f.setPointSizeF(7.5);
        painter->setFont(f);
        painter->setPen(QColor(0x1f, 0x2a, 0x37));
        // A runner's name (a pod's, say) can be long: elided, never cut mid-letter.
        const QRectF label(bar.right() + 4, bar.top() - 4, text.right() - bar.right() - 4, 14);
        painter->drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                          painter->fontMetrics().elidedText(m_phase, Qt::ElideRight, int(label.width())));
    } else if (!m_phase.isEmpty()) { // a line without a bar: "queued for the runners"
        f.setPointSizeF(7.5);
        f.setItalic(true);
        painter->setFont(f);
        painter->setPen(QColor(0x1f, 0x2a, 0x37));
        const QRectF line(text.left(), m_rect.bottom() - 16, text.width(), 14);
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          painter->fontMetrics().elidedText(m_phase, Qt::ElideRight, int(line.width())));
    }
}

} // namespace harness::ui
