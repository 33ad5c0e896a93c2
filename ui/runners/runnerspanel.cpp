// RunnersPanel: reads on the store worker, shows on the GUI thread.
#include "runnerspanel.h"
#include "queuepanel.h"
#include "runnersmodel.h"

#include "common/repositorysession.h"
#include "store/runqueue.h"
#include "store/storenotifier.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace harness::ui {

namespace {
struct Snapshot
{
    QList<RunnerInfo> runners;
    QList<QueueEntry> entries;
    QueueLimits limits;
    QDateTime now;
    int queued = 0;
    int claimed = 0;
    int parked = 0;
    QString error;
};
} // namespace

RunnersPanel::RunnersPanel(QWidget *parent) : QWidget(parent), m_model(new RunnersModel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_queue = new QLabel(this);
    m_queue->setObjectName(QStringLiteral("runnersQueue"));
    m_queue->setWordWrap(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runnersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_queuePanel = new QueuePanel(this);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_table);
    split->addWidget(m_queuePanel);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(m_queue);
    layout->addWidget(split, 1);
    connect(m_queuePanel, &QueuePanel::changed, this, &RunnersPanel::refresh);
    m_ages.setInterval(kAgeRefreshMs);
    connect(&m_ages, &QTimer::timeout, this, &RunnersPanel::refresh);
    setSession(nullptr);
}

void RunnersPanel::setSession(RepositorySession *session)
{
    disconnect(m_changes);
    m_session = session;
    m_queuePanel->setSession(session);
    if (!session) {
        m_ages.stop();
        m_model->setRunners({}, {});
        m_queue->setText(tr("Open a repository to see the runners of its store."));
        return;
    }
    m_changes = connect(
            &session->store().notifier(), &StoreNotifier::changed, this,
            [this](const QString &key) {
                if (key.isEmpty() || key == StoreNotifier::kRunners || key == StoreNotifier::kQueue)
                    refresh();
            },
            Qt::QueuedConnection);
    m_ages.start();
    refresh();
}

void RunnersPanel::refresh()
{
    if (!m_session)
        return;
    m_session->worker()->post(
            this,
            [](Store &store) {
                Snapshot s;
                auto runners = store.roster().runners();
                auto now = store.roster().now();
                auto entries = store.queue().entries(false);
                auto limits = store.queue().limits();
                if (!runners || !now || !entries || !limits) {
                    s.error = !runners ? runners.errorText()
                            : !now     ? now.errorText()
                            : !entries ? entries.errorText()
                                       : limits.errorText();
                    return s;
                }
                s.runners = *runners;
                s.entries = *entries;
                s.limits = *limits;
                s.now = *now;
                for (const QueueEntry &e : std::as_const(*entries)) {
                    if (e.state == QueueEntry::State::Queued || e.leaseExpired(s.now))
                        ++s.queued;
                    else if (e.state == QueueEntry::State::Claimed)
                        ++s.claimed;
                    else if (e.state == QueueEntry::State::Parked)
                        ++s.parked;
                }
                return s;
            },
            [this](const Snapshot &s) {
                if (!s.error.isEmpty()) {
                    m_queue->setText(tr("Cannot read the runners: %1").arg(s.error));
                } else {
                    m_model->setRunners(s.runners, s.now);
                    m_queuePanel->display(s.entries, s.limits, s.now);
                    m_queue->setText(
                            s.runners.isEmpty() && s.queued + s.claimed + s.parked == 0
                                    ? tr("No runner serves this store. Start one with \"harness runner "
                                         "--name NAME\" (see docs/team.md).")
                                    : tr("Queue: %1 waiting for a runner, %2 being driven, %3 parked "
                                         "(waiting for review or a person).")
                                              .arg(s.queued)
                                              .arg(s.claimed)
                                              .arg(s.parked));
                }
                Q_EMIT refreshed();
            });
}

} // namespace harness::ui
