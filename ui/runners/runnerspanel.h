// RunnersPanel: the Runners view — the runners serving the repository's store (RunnersModel), the run
// queue in one line (queued, driven, waiting for review) and in full below (QueuePanel: priorities and
// the queue's limits). Read on the session's store worker whenever
// the store announces a change to the runners or the queue (StoreNotifier), and every few seconds for the
// heartbeat ages.
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace harness::ui {

class QueuePanel;
class RepositorySession;
class RunnersModel;

class RunnersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunnersPanel(QWidget *parent = nullptr);
    void setSession(RepositorySession *session);
    // Reads the roster and the queue now (results arrive asynchronously).
    void refresh();

    RunnersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *queueLabel() const { return m_queue; }
    QueuePanel *queuePanel() const { return m_queuePanel; }

    static constexpr int kAgeRefreshMs = 5000;

Q_SIGNALS:
    void refreshed(); // a read's result was shown (tests)

private:
    QPointer<RepositorySession> m_session;
    RunnersModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_queue = nullptr;
    QueuePanel *m_queuePanel = nullptr;
    QTimer m_ages;
    QMetaObject::Connection m_changes;
};

} // namespace harness::ui
