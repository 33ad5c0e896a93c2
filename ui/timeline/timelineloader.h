// TimelineLoader: folds the event log into TimelineData on the store thread, in chunks, from where it
// stopped — so a log of a million events opens at once and fills in, and live runs keep growing.
#pragma once

#include "timeline/timelinedata.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <memory>

namespace harness::ui {

class RepositorySession;

class TimelineLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kChunk = 20000;

    explicit TimelineLoader(RepositorySession *session, QObject *parent = nullptr);
    const TimelineData &data() const { return m_data; }
    bool isCatchingUp() const { return m_busy; }

public Q_SLOTS:
    // Reads whatever the log gained since the last read.
    void update();

Q_SIGNALS:
    void dataChanged();
    void caughtUp(qint64 lastLogId); // no more events to read for now
    void loadError(const QString &message);

private:
    struct State;
    RepositorySession *m_session;
    std::shared_ptr<State> m_state; // touched on the store thread only
    TimelineData m_data;
    bool m_busy = false;
    bool m_again = false;
};

} // namespace harness::ui
