// QueuePanel: renders the queue, asks QueueService on the store worker.
#include "queuepanel.h"
#include "queuemodel.h"

#include "common/messageline.h"
#include "common/repositorysession.h"
#include "orchestration/queueservice.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace harness::ui {

QueuePanel::QueuePanel(QWidget *parent) : QWidget(parent), m_model(new QueueModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    auto *actions = new QHBoxLayout;
    m_raise = new QPushButton(tr("Raise priority"), this);
    m_raise->setObjectName(QStringLiteral("queueRaise"));
    m_raise->setToolTip(tr("Runners claim higher priorities first."));
    m_lower = new QPushButton(tr("Lower priority"), this);
    m_lower->setObjectName(QStringLiteral("queueLower"));
    actions->addWidget(m_raise);
    actions->addWidget(m_lower);
    actions->addSpacing(16);
    actions->addWidget(new QLabel(tr("Runs at once:"), this));
    m_maxRuns = new QSpinBox(this);
    m_maxRuns->setObjectName(QStringLiteral("queueMaxRuns"));
    m_maxRuns->setRange(0, 10000);
    m_maxRuns->setSpecialValueText(tr("no limit"));
    m_maxRuns->setToolTip(tr("How many runs all runners together drive at once for this store."));
    actions->addWidget(m_maxRuns);
    actions->addWidget(new QLabel(tr("Spend cap:"), this));
    m_maxSpend = new QDoubleSpinBox(this);
    m_maxSpend->setObjectName(QStringLiteral("queueMaxSpend"));
    m_maxSpend->setRange(0, 1e7);
    m_maxSpend->setDecimals(2);
    m_maxSpend->setPrefix(QStringLiteral("$"));
    m_maxSpend->setSpecialValueText(tr("no cap"));
    m_maxSpend->setToolTip(tr("No new run is claimed once the queue's runs have spent this much."));
    actions->addWidget(m_maxSpend);
    m_applyLimits = new QPushButton(tr("Apply limits"), this);
    m_applyLimits->setObjectName(QStringLiteral("queueApplyLimits"));
    actions->addWidget(m_applyLimits);
    actions->addStretch(1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("queueMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *heading =
            new QLabel(tr("<b>Run queue</b>, in the order runners claim it (higher priority first):"), this);
    heading->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);

    connect(m_raise, &QPushButton::clicked, this, [this] { changePriority(+1); });
    connect(m_lower, &QPushButton::clicked, this, [this] { changePriority(-1); });
    connect(m_applyLimits, &QPushButton::clicked, this, &QueuePanel::applyLimits);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueuePanel::updateButtons);
    auto edited = [this] {
        m_limitsEdited = true;
        updateButtons();
    };
    connect(m_maxRuns, &QSpinBox::valueChanged, this, edited);
    connect(m_maxSpend, &QDoubleSpinBox::valueChanged, this, edited);
    setSession(nullptr);
}

void QueuePanel::setSession(RepositorySession *session)
{
    m_session = session;
    m_limitsEdited = false;
    m_message->hide();
    display({}, {}, {});
}

void QueuePanel::display(const QList<QueueEntry> &entries, const QueueLimits &limits, const QDateTime &now)
{
    const QString selected = selectedRun();
    m_model->setEntries(entries, now);
    if (const int row = m_model->rowOf(selected); row >= 0)
        m_table->selectRow(row);
    m_limits = limits;
    if (!m_limitsEdited) { // what the person is typing is not overwritten by a refresh
        const QSignalBlocker runs(m_maxRuns), spend(m_maxSpend);
        m_maxRuns->setValue(limits.maxConcurrent);
        m_maxSpend->setValue(limits.maxSpend);
    }
    updateButtons();
}

QString QueuePanel::selectedRun() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QueueEntry *e = rows.isEmpty() ? nullptr : m_model->entryAt(rows.first().row());
    return e ? e->runId : QString();
}

void QueuePanel::updateButtons()
{
    const QueueEntry *e = m_model->entryAt(m_model->rowOf(selectedRun()));
    const bool movable = m_session && e && e->state != QueueEntry::State::Done;
    m_raise->setEnabled(movable);
    m_lower->setEnabled(movable);
    const QString why = !m_session ? tr("Open a repository first.")
            : !e                   ? tr("Select a run in the queue.")
                                   : QString();
    m_raise->setToolTip(why.isEmpty() ? tr("Runners claim higher priorities first.") : why);
    m_lower->setToolTip(why.isEmpty() ? tr("Runners claim higher priorities first.") : why);
    m_maxRuns->setEnabled(m_session);
    m_maxSpend->setEnabled(m_session);
    const bool differs = m_maxRuns->value() != m_limits.maxConcurrent ||
            !qFuzzyCompare(1 + m_maxSpend->value(), 1 + m_limits.maxSpend);
    m_applyLimits->setEnabled(m_session && differs);
}

void QueuePanel::say(const QString &text, bool error)
{
    showMessageLine(m_message, text, error);
}

void QueuePanel::changePriority(int delta)
{
    const QString runId = selectedRun();
    if (!m_session || runId.isEmpty())
        return;
    const QString actor = RepositorySession::userActor();
    m_session->worker()->post(
            this,
            [runId, delta, actor](Store &store) {
                return QueueService(store).shiftPriority(runId, delta, actor);
            },
            [this, runId](const Result<int> &done) {
                if (done)
                    say(tr("%1 now has priority %2.").arg(runId).arg(*done), false);
                else
                    say(tr("Could not change the priority of %1: %2").arg(runId, done.errorText()), true);
                Q_EMIT changed();
            });
}

void QueuePanel::applyLimits()
{
    if (!m_session)
        return;
    QueueLimits limits;
    limits.maxConcurrent = m_maxRuns->value();
    limits.maxSpend = m_maxSpend->value();
    const QString actor = RepositorySession::userActor();
    m_applyLimits->setEnabled(false);
    m_session->worker()->post(
            this, [limits, actor](Store &store) { return QueueService(store).setLimits(limits, actor); },
            [this, limits](const Status &done) {
                if (done) {
                    m_limitsEdited = false;
                    m_limits = limits;
                    say(tr("Limits applied: the runners check them before their next claim."), false);
                } else {
                    say(tr("Could not apply the limits: %1").arg(done.errorText()), true);
                }
                updateButtons();
                Q_EMIT changed();
            });
}

} // namespace harness::ui
