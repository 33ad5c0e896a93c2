// TaskNodeItem: one task in the graph scene — a rounded box in the state's colour with id and title,
// and a progress bar with the current phase while the task runs.
#pragma once

#include "core/task.h"

#include <QGraphicsItem>

namespace harness::ui {

class TaskNodeItem : public QGraphicsItem
{
public:
    static QSizeF preferredSize();

    explicit TaskNodeItem(const Task &task, QGraphicsItem *parent = nullptr);
    QString taskId() const { return m_task.id; }
    const Task &task() const { return m_task; }
    void setTask(const Task &task);
    // progress < 0 hides the bar; phase is shown beside it.
    void setProgress(double progress, const QString &phase);
    QString progressText() const { return m_progress < 0 ? QString() : m_phase; }
    void setRect(const QRectF &rect);
    void setHighlighted(bool on); // drop target while dragging a dependency

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Task m_task;
    QRectF m_rect;
    double m_progress = -1;
    QString m_phase;
    bool m_highlighted = false;
};

} // namespace harness::ui
