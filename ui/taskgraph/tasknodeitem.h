// TaskNodeItem: one task in the graph scene — a rounded box in the state's colour with id and title,
// and a progress bar with the current phase while the task runs. A task whose newest run waits in the
// runners' queue is drawn as queued (TaskStateStyle::look), with no bar and a line saying so.
#pragma once

#include "core/task.h"
#include "orchestration/runsummary.h"

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
    // progress < 0 hides the bar; phase is shown beside it (without a bar: across the node).
    void setProgress(double progress, const QString &phase);
    QString progressText() const { return m_phase; }
    // The summary of the task's newest run (the fold's): what the node's state reads with.
    void setNewestRun(const RunSummary &run);
    // The state as the node shows it: "Queued" for a task whose run waits for the runners.
    QString stateText() const;
    void setRect(const QRectF &rect);
    void setHighlighted(bool on); // drop target while dragging a dependency

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Task m_task;
    QRectF m_rect;
    double m_progress = -1;
    QString m_phase;
    RunSummary m_newestRun;
    bool m_highlighted = false;
};

} // namespace harness::ui
