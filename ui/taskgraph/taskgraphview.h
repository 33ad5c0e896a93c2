// TaskGraphView: the laid-out task DAG in a QGraphicsView — zoom (Ctrl+wheel, buttons), pan (drag the
// background), fit; click a node to select it; drag from one node onto another to add a dependency.
#pragma once

#include "core/task.h"
#include "orchestration/runsummary.h"
#include "taskgraph/graphlayout.h"

#include <QGraphicsView>
#include <QHash>

class QGraphicsLineItem;
class QGraphicsPathItem;

namespace harness::ui {

class TaskNodeItem;

class TaskGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit TaskGraphView(QWidget *parent = nullptr);

    // Replaces the scene content with tasks placed by layout.
    void setGraph(const QList<Task> &tasks, const GraphLayout &layout);
    // Updates node contents (state, title) without a new layout.
    void updateTasks(const QList<Task> &tasks);
    void setProgress(const QString &taskId, double progress, const QString &phase);
    void setNewestRun(const QString &taskId, const RunSummary &run);
    void selectTask(const QString &taskId);
    QString selectedTask() const;
    TaskNodeItem *node(const QString &taskId) const { return m_nodes.value(taskId); }
    // The view position of a node's centre (tests drive drags with it).
    QPoint nodeCenter(const QString &taskId) const;
    qreal zoom() const { return transform().m11(); }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fit();

Q_SIGNALS:
    void taskSelected(const QString &taskId);
    // The user dragged from prerequisite onto dependent.
    void dependencyDropped(const QString &prerequisite, const QString &dependent);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    TaskNodeItem *nodeAt(const QPoint &viewPos) const;
    void scaleBy(qreal factor);

    QGraphicsScene *m_scene;
    QHash<QString, TaskNodeItem *> m_nodes;
    TaskNodeItem *m_pressed = nullptr;
    TaskNodeItem *m_hoverTarget = nullptr;
    QPoint m_pressPos;
    bool m_dragging = false;
    QGraphicsLineItem *m_dragLine = nullptr;
};

} // namespace harness::ui
