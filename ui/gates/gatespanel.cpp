// GatesPanel: layout and wiring of the gate list, the log and the findings table.
#include "gatespanel.h"

#include "common/repositorysession.h"
#include "findingsmodel.h"
#include "gatelistmodel.h"

#include "orchestration/findingacceptance.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace harness::ui {

GatesPanel::GatesPanel(QWidget *parent) : QWidget(parent)
{
    m_gates = new GateListModel(this);
    m_findings = new FindingsModel(this);
    m_filter = new FindingsFilterModel(this);
    m_filter->setSourceModel(m_findings);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *head = new QHBoxLayout;
    m_iterationPicker = new QComboBox(this);
    m_iterationPicker->setObjectName(QStringLiteral("gateIterationPicker"));
    m_iterationPicker->setToolTip(tr("The gates of one build/fix iteration of the run"));
    m_iterationPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_iterationPicker->hide();
    m_summary = new QLabel(tr("No verification has run yet."), this);
    m_summary->setObjectName(QStringLiteral("gateSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMinimumWidth(10);
    head->addWidget(m_iterationPicker);
    head->addWidget(m_summary, 1);
    layout->addLayout(head);
    m_reload = new QTimer(this);
    m_reload->setSingleShot(true);
    m_reload->setInterval(1000);
    connect(m_reload, &QTimer::timeout, this, &GatesPanel::load);
    connect(m_iterationPicker, &QComboBox::activated, this, [this](int index) {
        m_followNewest = index == m_iterationPicker->count() - 1;
        showIteration(m_iterationPicker->itemData(index).toInt());
    });

    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *top = new QSplitter(Qt::Horizontal, vertical);
    m_gateTable = new QTableView(top);
    m_gateTable->setObjectName(QStringLiteral("gateTable"));
    m_gateTable->setModel(m_gates);
    m_gateTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_gateTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_gateTable->verticalHeader()->hide();
    m_gateTable->horizontalHeader()->setSectionResizeMode(GateListModel::GateColumn, QHeaderView::Stretch);
    for (int c = GateListModel::StatusColumn; c < GateListModel::ColumnCount; ++c)
        m_gateTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_log = new QPlainTextEdit(top);
    m_log->setObjectName(QStringLiteral("gateLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("Select a gate to see its log."));
    top->addWidget(m_gateTable);
    top->addWidget(m_log);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);

    auto *bottom = new QWidget(vertical);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    m_textFilter = new QLineEdit(bottom);
    m_textFilter->setObjectName(QStringLiteral("findingFilter"));
    m_textFilter->setPlaceholderText(tr("Filter by file, rule or message"));
    m_textFilter->setClearButtonEnabled(true);
    m_textFilter->setMinimumWidth(80);
    m_severityFilter = new QComboBox(bottom);
    m_severityFilter->setObjectName(QStringLiteral("severityFilter"));
    m_severityFilter->addItem(tr("All severities"), int(Severity::Info));
    m_severityFilter->addItem(tr("Warnings and errors"), int(Severity::Warning));
    m_severityFilter->addItem(tr("Errors only"), int(Severity::Error));
    m_gateFilter = new QComboBox(bottom);
    m_gateFilter->setObjectName(QStringLiteral("gateFilter"));
    m_gateFilter->addItem(tr("All gates"), QString());
    m_openButton = new QPushButton(tr("Open in diff"), bottom);
    m_openButton->setObjectName(QStringLiteral("openFindingButton"));
    m_ruleButton = new QPushButton(tr("Make this a rule…"), bottom);
    m_ruleButton->setObjectName(QStringLiteral("makeRuleButton"));
    m_ruleButton->setToolTip(tr("Turn this finding into a constraint so no run makes this mistake again"));
    m_acceptButton = new QPushButton(tr("Accept…"), bottom);
    m_acceptButton->setObjectName(QStringLiteral("acceptFindingButton"));
    m_acceptButton->setToolTip(
            tr("Accept a finding only a human can settle (a change outside the task's scope, "
               "a change to the test configuration); the reason is recorded"));
    m_openButton->setEnabled(false);
    m_ruleButton->setEnabled(false);
    m_acceptButton->setEnabled(false);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_severityFilter);
    filters->addWidget(m_gateFilter);
    filters->addWidget(m_openButton);
    filters->addWidget(m_ruleButton);
    filters->addWidget(m_acceptButton);
    bottomLayout->addLayout(filters);
    m_findingsTable = new QTableView(bottom);
    m_findingsTable->setObjectName(QStringLiteral("findingsTable"));
    m_findingsTable->setModel(m_filter);
    m_findingsTable->setSortingEnabled(true);
    m_findingsTable->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_findingsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findingsTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_findingsTable->setWordWrap(false);
    m_findingsTable->verticalHeader()->hide();
    m_findingsTable->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                              QHeaderView::Stretch);
    for (int c : {int(FindingsModel::SeverityColumn), int(FindingsModel::FileColumn),
                  int(FindingsModel::LineColumn), int(FindingsModel::GateColumn)})
        m_findingsTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // A test's rule id can be a whole test path: it gets a fair width, the message keeps the rest.
    m_findingsTable->horizontalHeader()->setSectionResizeMode(FindingsModel::RuleColumn,
                                                              QHeaderView::Interactive);
    m_findingsTable->horizontalHeader()->resizeSection(FindingsModel::RuleColumn, 160);
    bottomLayout->addWidget(m_findingsTable, 1);
    vertical->addWidget(top);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    layout->addWidget(vertical, 1);
    // A short Gates dock still shows a few rows of each; the splitter gives the rest.
    for (QWidget *w : {static_cast<QWidget *>(m_gateTable), static_cast<QWidget *>(m_log),
                       static_cast<QWidget *>(m_findingsTable)})
        w->setMinimumHeight(48);

    connect(m_gateTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showGateLog(current.row()); });
    connect(m_textFilter, &QLineEdit::textChanged, m_filter, &FindingsFilterModel::setText);
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumSeverity(Severity(m_severityFilter->currentData().toInt())); });
    connect(m_gateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setGate(m_gateFilter->currentData().toString()); });
    connect(m_findingsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &GatesPanel::currentFindingChanged);
    connect(m_findingsTable, &QTableView::activated, this, [this] {
        if (auto f = currentFinding())
            Q_EMIT findingSelected(*f);
    });
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        if (auto f = currentFinding())
            Q_EMIT findingSelected(*f);
    });
    connect(m_ruleButton, &QPushButton::clicked, this, [this] {
        if (auto f = currentFinding())
            Q_EMIT makeRuleRequested(*f, m_runId);
    });
    connect(m_acceptButton, &QPushButton::clicked, this, &GatesPanel::acceptCurrentFinding);
}

void GatesPanel::setSession(RepositorySession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_followNewest = true;
    setIterations({}, {});
    if (!session)
        return;
    connect(session, &RepositorySession::currentRunChanged, this, [this] {
        m_followNewest = true;
        load();
    });
    connect(session, &RepositorySession::logAdvanced, this, [this] {
        if (!m_reload->isActive())
            m_reload->start(); // at most one read of the run's events a second
    });
    load();
}

void GatesPanel::load()
{
    if (!m_session)
        return;
    const QString runId = m_session->currentRunId();
    if (runId.isEmpty()) {
        setIterations({}, {});
        return;
    }
    m_session->worker()->post(
            this, [runId](Store &store) { return store.events(runId); },
            [this, runId](const Result<QList<Event>> &events) {
                if (!events || !m_session || m_session->currentRunId() != runId)
                    return;
                const QList<GateIteration> iterations = GateResultEvents::iterations(events.value());
                if (iterations != m_iterations || runId != m_runId) {
                    m_acceptMessage.clear();
                    setIterations(iterations, runId);
                }
                setAccepted(GateResultEvents::accepted(events.value()));
            });
}

void GatesPanel::setIterations(const QList<GateIteration> &iterations, const QString &runId)
{
    const int shown = runId == m_runId ? shownIteration() : -1;
    m_iterations = iterations;
    m_runId = runId;
    m_iterationPicker->clear();
    for (const GateIteration &it : iterations) {
        const QString verdict = !it.finished ? tr("running") : it.passed ? tr("passed") : tr("failed");
        m_iterationPicker->addItem(tr("Iteration %1 — %2").arg(it.iteration).arg(verdict), it.iteration);
    }
    m_iterationPicker->setVisible(!iterations.isEmpty());
    if (iterations.isEmpty()) {
        setResults({}, runId);
        return;
    }
    if (m_followNewest || shown < 0 || !showIteration(shown))
        showIteration(iterations.last().iteration);
}

bool GatesPanel::showIteration(int iteration)
{
    for (int i = 0; i < m_iterations.size(); ++i) {
        if (m_iterations[i].iteration != iteration)
            continue;
        m_iterationPicker->setCurrentIndex(i);
        setResults(m_iterations[i].results, m_runId);
        return true;
    }
    return false;
}

int GatesPanel::shownIteration() const
{
    return m_iterationPicker->count() > 0 ? m_iterationPicker->currentData().toInt() : -1;
}

void GatesPanel::setResults(const QList<GateResult> &results, const QString &runId)
{
    m_runId = runId;
    m_gates->setResults(results);
    m_findings->setResults(results);
    const QString gate = m_gateFilter->currentData().toString();
    m_gateFilter->blockSignals(true);
    m_gateFilter->clear();
    m_gateFilter->addItem(tr("All gates"), QString());
    for (const GateResult &r : results)
        m_gateFilter->addItem(r.gate, r.gate);
    m_gateFilter->setCurrentIndex(qMax(0, m_gateFilter->findData(gate)));
    m_gateFilter->blockSignals(false);
    m_filter->setGate(m_gateFilter->currentData().toString());
    m_summary->setText(summaryText());
    m_log->clear();
    // Open the first gate that did not pass, where the reviewer will look first.
    int first = 0;
    for (int i = 0; i < results.size(); ++i) {
        if (!results[i].passed()) {
            first = i;
            break;
        }
    }
    if (!results.isEmpty())
        selectGate(first);
    m_openButton->setEnabled(false);
    m_ruleButton->setEnabled(false);
    m_acceptButton->setEnabled(false);
    Q_EMIT findingCountsChanged(m_findings->countsByFile());
}

QList<GateResult> GatesPanel::results() const
{
    return m_gates->results();
}

QString GatesPanel::summaryText() const
{
    const QList<GateResult> &results = m_gates->results();
    if (results.isEmpty())
        return tr("No verification has run yet.");
    int passed = 0, failed = 0, skipped = 0;
    qint64 total = 0;
    for (const GateResult &r : results) {
        total += r.durationMs;
        if (r.status == GateStatus::Passed)
            ++passed;
        else if (r.status == GateStatus::Skipped)
            ++skipped;
        else
            ++failed;
    }
    QString text = tr("%n gate(s): %1 passed, %2 failed, %3 skipped in %4 · %5 finding(s)", nullptr,
                      int(results.size()))
                           .arg(passed)
                           .arg(failed)
                           .arg(skipped)
                           .arg(GateListModel::durationText(total))
                           .arg(m_findings->findingCount());
    if (const int waiting = m_findings->awaitingCount(); waiting > 0)
        text += tr(" · waiting for you: %n finding(s); undo the change or accept it", nullptr, waiting);
    if (!m_acceptMessage.isEmpty())
        text += QLatin1Char('\n') + m_acceptMessage;
    return text;
}

void GatesPanel::selectGate(int row)
{
    if (row < 0 || row >= m_gates->rowCount())
        return;
    m_gateTable->setCurrentIndex(m_gates->index(row, 0));
    showGateLog(row);
}

void GatesPanel::showGateLog(int row)
{
    if (row < 0 || row >= m_gates->results().size()) {
        m_log->clear();
        return;
    }
    const GateResult &r = m_gates->results()[row];
    QString text = r.log;
    if (text.isEmpty())
        text = tr("(%1 wrote no output)").arg(r.gate);
    if (!r.reason.isEmpty())
        text = (r.couldNotRun ? tr("This gate could not run here: %1").arg(r.reason)
                              : tr("Why: %1").arg(r.reason)) +
                QStringLiteral("\n\n") + text;
    m_log->setPlainText(text);
}

void GatesPanel::selectFinding(int row)
{
    if (row < 0 || row >= m_filter->rowCount())
        return;
    m_findingsTable->setCurrentIndex(m_filter->index(row, 0));
}

std::optional<Finding> GatesPanel::currentFinding() const
{
    const QModelIndex index = m_findingsTable->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return m_findings->finding(m_filter->mapToSource(index).row());
}

QHash<QString, int> GatesPanel::findingCountsByFile() const
{
    return m_findings->countsByFile();
}

void GatesPanel::currentFindingChanged()
{
    const std::optional<Finding> f = currentFinding();
    m_openButton->setEnabled(f.has_value() && !f->file.isEmpty());
    m_ruleButton->setEnabled(f.has_value());
    m_acceptButton->setEnabled(f.has_value() && f->needsHuman && !m_findings->isAccepted(*f) && m_session &&
                               !m_runId.isEmpty());
    if (f && !f->file.isEmpty())
        Q_EMIT findingSelected(*f);
}

void GatesPanel::setAccepted(const QMap<QString, QString> &accepted)
{
    m_findings->setAccepted(accepted);
    m_summary->setText(summaryText());
    currentFindingChanged();
}

void GatesPanel::acceptCurrentFinding()
{
    const std::optional<Finding> f = currentFinding();
    if (!f || !f->needsHuman || m_findings->isAccepted(*f) || !m_session || m_runId.isEmpty())
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("acceptReasonDialog"));
    dialog.setWindowTitle(tr("Accept finding"));
    dialog.setLabelText(tr("%1\n\nWhy is this acceptable? The reason is recorded in the run's audit log, and "
                           "the finding no longer blocks the merge.")
                                .arg(f->message));
    dialog.setOkButtonText(tr("Accept"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString reason = dialog.textValue().trimmed();
    if (reason.isEmpty()) {
        m_acceptMessage = tr("Not accepted: give a reason.");
        m_summary->setText(summaryText());
        return;
    }
    const QString runId = m_runId, id = f->id(), actor = RepositorySession::userActor();
    m_acceptButton->setEnabled(false);
    m_session->worker()->post(
            this,
            [runId, id, reason, actor](Store &store) {
                return FindingAcceptance(store).accept(runId, id, reason, actor);
            },
            [this](const Result<Finding> &accepted) {
                m_acceptMessage = accepted ? tr("Accepted %1 (%2).").arg(accepted->id(), accepted->rule)
                                           : tr("Not accepted: %1").arg(accepted.errorText());
                m_summary->setText(summaryText());
                if (m_session)
                    m_session->refresh();
                load();
            });
}

} // namespace harness::ui
