// TimelinePanel: the live timeline (lanes per task, bars per phase and iteration) with zoom controls,
// and below it what a selected bar contains: its events (lazily paged) and the selected event in full —
// context, model response, tool calls and results, logs, tokens and cost.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace harness::ui {

class EmptyState;
class EventListModel;
class RepositorySession;
class TimelineLoader;
class TimelineView;

class TimelinePanel : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);
    void setSession(RepositorySession *session);

    TimelineView *timelineView() const { return m_view; }
    TimelineLoader *loader() const { return m_loader; }
    EventListModel *eventModel() const { return m_events; }
    QTableView *eventTable() const { return m_table; }
    QPlainTextEdit *eventDetail() const { return m_detail; }
    // Shows the selected event as its raw JSON instead of readable text.
    QToolButton *rawJsonButton() const { return m_raw; }
    QLabel *barSummary() const { return m_summary; }
    // Selects the run's newest bar and scrolls it into view (its last events are listed).
    void showRun(const QString &runId);

Q_SIGNALS:
    void barSelected(const QString &runId, qint64 fromSeq, qint64 toSeq);

private:
    void onDataChanged();
    void onBarSelected(int lane, int bar);
    void showEventDetail(int row);
    void selectRunBar(const QString &runId);

    QPointer<RepositorySession> m_session;
    TimelineLoader *m_loader = nullptr;
    TimelineView *m_view;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QLabel *m_status;
    QLabel *m_summary;
    EventListModel *m_events;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QToolButton *m_raw;
};

} // namespace harness::ui
