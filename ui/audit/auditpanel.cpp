// AuditPanel: verification runs on the store thread; exports run in the thread pool on their own
// store connection so a long export does not hold up the other views.
#include "auditpanel.h"
#include "auditmodel.h"
#include "common/emptystate.h"
#include "common/repositorysession.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

AuditPanel::AuditPanel(QWidget *parent)
    : QWidget(parent), m_model(new AuditModel(this)), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(tr("No repository is open"), {}, this)), m_table(new QTableView(this)),
      m_actor(new QComboBox(this)), m_kind(new QLineEdit(this)),
      m_verify(new QPushButton(tr("Verify Chain"), this)), m_verifyResult(new QLabel(this)),
      m_exportJson(new QPushButton(tr("Export JSON Lines…"), this)),
      m_exportCsv(new QPushButton(tr("Export CSV…"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_cancelFlag(std::make_shared<std::atomic<bool>>(false)),
      m_scanned(std::make_shared<std::atomic<qint64>>(0))
{
    setObjectName(QStringLiteral("auditPanel"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_kind->setObjectName(QStringLiteral("auditKindFilter"));
    m_verify->setObjectName(QStringLiteral("verifyChainButton"));
    m_verifyResult->setObjectName(QStringLiteral("verifyChainResult"));
    m_actor->setEditable(true);
    m_actor->addItem(tr("All actors"), QString());
    m_actor->addItem(tr("Humans"), QStringLiteral("human:"));
    m_actor->addItem(tr("Agents"), QStringLiteral("agent:"));
    m_actor->addItem(tr("The harness"), QStringLiteral("harness"));
    m_actor->setToolTip(tr("An actor (human:alice), a prefix (agent:), or pick one"));
    m_actor->setMinimumWidth(160);
    m_kind->setPlaceholderText(tr("Kind, e.g. approval_decided or gate_*"));
    m_kind->setClearButtonEnabled(true);
    m_verifyResult->setWordWrap(true);
    m_progress->hide();
    m_cancel->hide();

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(20);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(AuditModel::TimeColumn, 170);
    m_table->setColumnWidth(AuditModel::ActorColumn, 160);
    m_table->setColumnWidth(AuditModel::KindColumn, 170);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Actor:"), this));
    filters->addWidget(m_actor);
    filters->addWidget(new QLabel(tr("Kind:"), this));
    filters->addWidget(m_kind, 1);
    filters->addWidget(m_verify);
    filters->addWidget(m_exportJson);
    filters->addWidget(m_exportCsv);
    auto *status = new QHBoxLayout;
    status->addWidget(m_verifyResult, 1);
    status->addWidget(m_progress);
    status->addWidget(m_cancel);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addLayout(status);
    layout->addWidget(m_stack, 1);

    connect(m_actor, &QComboBox::activated, this, &AuditPanel::applyFilter);
    connect(m_actor->lineEdit(), &QLineEdit::editingFinished, this, &AuditPanel::applyFilter);
    connect(m_kind, &QLineEdit::editingFinished, this, &AuditPanel::applyFilter);
    connect(m_verify, &QPushButton::clicked, this, &AuditPanel::verifyChain);
    connect(m_exportJson, &QPushButton::clicked, this,
            [this]() { exportTrail(AuditExporter::Format::JsonLines); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this]() { exportTrail(AuditExporter::Format::Csv); });
    connect(m_cancel, &QPushButton::clicked, this, &AuditPanel::cancelExport);
    connect(m_model, &AuditModel::fetched, this, [this]() {
        if (m_model->rowCount() > 0)
            m_stack->setCurrentWidget(m_table);
        // A narrow filter may deliver few rows: keep going until the view is full.
        if (m_table->verticalScrollBar()->maximum() == 0 && m_model->canFetchMore({}))
            m_model->fetchMore({});
        scrollToBroken();
    });
    connect(m_model, &AuditModel::fetchFailed, this,
            [this](const QString &m) { m_verifyResult->setText(m); });
    connect(&m_exportWatcher, &QFutureWatcher<Result<qint64>>::finished, this, [this]() {
        m_progress->hide();
        m_cancel->hide();
        m_exportJson->setEnabled(true);
        m_exportCsv->setEnabled(true);
        const Result<qint64> r = m_exportWatcher.result();
        if (!r) {
            m_verifyResult->setText(r.errorText());
            Q_EMIT exportFailed(r.errorText());
            return;
        }
        m_verifyResult->setText(tr("Exported %Ln event(s) to %1.", nullptr, int(qMin<qint64>(*r, INT_MAX)))
                                        .arg(QDir::toNativeSeparators(m_exportPath)));
        Q_EMIT exported(m_exportPath, *r);
    });
    setSession(nullptr);
}

AuditPanel::~AuditPanel()
{
    // Child line edits emit editingFinished while they are destroyed: not to this half-destroyed panel.
    m_kind->disconnect(this);
    m_actor->lineEdit()->disconnect(this);
    m_actor->disconnect(this);
    m_cancelFlag->store(true);
    m_exportWatcher.waitForFinished();
}

void AuditPanel::setSession(RepositorySession *session)
{
    m_session = session;
    m_model->setSession(session);
    m_verifyResult->clear();
    for (QWidget *w : std::initializer_list<QWidget *> {m_verify, m_exportJson, m_exportCsv, m_actor, m_kind})
        w->setEnabled(session != nullptr);
    if (!session)
        m_empty->setText(tr("No repository is open"), tr("Open a repository to see its audit trail."));
    else
        m_empty->setText(tr("The audit trail is empty"),
                         tr("Every event — plans, approvals, tool calls, gate results — is appended here, "
                            "hash-chained to the one before it."));
    m_stack->setCurrentWidget(m_empty);
}

void AuditPanel::applyFilter()
{
    AuditFilter f;
    const int i = m_actor->currentIndex();
    const QString text = m_actor->currentText();
    f.actor = (i >= 0 && m_actor->itemText(i) == text) ? m_actor->itemData(i).toString() : text.trimmed();
    f.kind = m_kind->text().trimmed();
    if (f == m_model->filter())
        return;
    m_model->setFilter(f);
}

void AuditPanel::verifyChain()
{
    if (!m_session || m_verifying)
        return;
    m_verifying = true;
    m_verify->setEnabled(false);
    m_verifyResult->setStyleSheet(QString());
    m_verifyResult->setText(tr("Verifying the hash chain…"));
    m_session->worker()->post(
            this, [](Store &store) { return store.verifyChain(); },
            [this](const Result<ChainVerification> &r) {
                m_verifying = false;
                m_verify->setEnabled(true);
                if (!r) {
                    m_verifyResult->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
                    m_verifyResult->setText(tr("The chain could not be verified: %1").arg(r.errorText()));
                    return;
                }
                if (r->intact) {
                    m_model->setBrokenLogId(0);
                    m_verifyResult->setStyleSheet(QStringLiteral("color:#1b5e20;"));
                    m_verifyResult->setText(
                            tr("The chain is intact: %L1 events checked.").arg(r->eventsChecked));
                } else {
                    m_verifyResult->setStyleSheet(QStringLiteral("color:#8a1c1c; font-weight:bold;"));
                    m_verifyResult->setText(
                            tr("The chain is broken at event %1: %2. Everything from there on "
                               "cannot be trusted; the row is highlighted.")
                                    .arg(r->firstBrokenLogId)
                                    .arg(r->reason));
                    m_model->setBrokenLogId(r->firstBrokenLogId);
                    if (m_model->rowOfLogId(r->firstBrokenLogId) < 0) {
                        // Show it: restart the listing just before the broken link, without the filter.
                        m_actor->setCurrentIndex(0);
                        m_kind->clear();
                        m_model->setFilter({});
                        m_model->startAt(qMax<qint64>(1, r->firstBrokenLogId - 20));
                    }
                    scrollToBroken();
                }
                Q_EMIT verified(r->intact, r->firstBrokenLogId);
            });
}

void AuditPanel::scrollToBroken()
{
    const qint64 broken = m_model->brokenLogId();
    if (broken == 0)
        return;
    const int row = m_model->rowOfLogId(broken);
    if (row >= 0) {
        m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
        m_table->selectRow(row);
    }
}

void AuditPanel::exportTrail(AuditExporter::Format format, const QString &path)
{
    if (!m_session || m_exportWatcher.isRunning())
        return;
    QString target = path;
    if (target.isEmpty()) {
        const bool csv = format == AuditExporter::Format::Csv;
        target = QFileDialog::getSaveFileName(
                this, tr("Export Audit Trail"),
                m_session->displayName() +
                        (csv ? QStringLiteral("-audit.csv") : QStringLiteral("-audit.jsonl")),
                csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl)"));
        if (target.isEmpty())
            return;
    }
    m_exportPath = target;
    m_cancelFlag->store(false);
    m_scanned->store(0);
    m_progress->setRange(0, int(qMax<qint64>(1, m_session->lastLogId())));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_exportJson->setEnabled(false);
    m_exportCsv->setEnabled(false);
    m_verifyResult->setStyleSheet(QString());
    m_verifyResult->setText(tr("Exporting…"));
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this, timer]() {
        if (!m_exportWatcher.isRunning()) {
            timer->deleteLater();
            return;
        }
        m_progress->setValue(int(qMin<qint64>(m_scanned->load(), m_progress->maximum())));
    });
    timer->start(100);
    std::shared_ptr<Store> store = m_session->worker()->store();
    const AuditFilter filter = m_model->filter();
    auto cancel = m_cancelFlag;
    auto scanned = m_scanned;
    m_exportWatcher.setFuture(QtConcurrent::run([store, target, format, filter, cancel, scanned]() {
        return AuditExporter::exportTo(*store, target, format, filter, cancel.get(),
                                       [scanned](qint64 n) { scanned->store(n); });
    }));
}

void AuditPanel::cancelExport()
{
    m_cancelFlag->store(true);
}

} // namespace harness::ui
