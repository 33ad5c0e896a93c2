// GatesPanel: the Gates view — the selected run's gates per iteration (pick one: the failing first
// iteration stays visible after a fix passed), each gate's status, duration and log, and one table of
// all findings that sorts and filters; selecting a finding asks to open its line, "Make this a rule"
// asks the rule editor, and "Accept…" records a human's acceptance of a finding only a human can settle.
#pragma once

#include "core/gateresult.h"
#include "gateresultevents.h"

#include <QPointer>

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace harness::ui {

class FindingsFilterModel;
class FindingsModel;
class GateListModel;
class RepositorySession;

class GatesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GatesPanel(QWidget *parent = nullptr);

    // Follows the session's selected run: its gate results, read from its events as they are recorded.
    void setSession(RepositorySession *session);
    // The run's gates per iteration; the newest iteration is shown unless the reviewer picked another.
    void setIterations(const QList<GateIteration> &iterations, const QString &runId = {});
    QList<GateIteration> iterations() const { return m_iterations; }
    // Shows the gates of this iteration (its number), if it ran any.
    bool showIteration(int iteration);
    int shownIteration() const;
    QComboBox *iterationPicker() const { return m_iterationPicker; }

    void setResults(const QList<GateResult> &results, const QString &runId = {});
    QList<GateResult> results() const;
    QString runId() const { return m_runId; }

    void selectGate(int row);
    // Selects a finding by its row in the (sorted, filtered) table; emits findingSelected.
    void selectFinding(int row);
    std::optional<Finding> currentFinding() const;
    QHash<QString, int> findingCountsByFile() const;

    QTableView *gateTable() const { return m_gateTable; }
    QTableView *findingsTable() const { return m_findingsTable; }
    FindingsFilterModel *findingsFilter() const { return m_filter; }
    QPlainTextEdit *logView() const { return m_log; }
    QString summaryText() const;
    QPushButton *acceptButton() const { return m_acceptButton; }
    // Asks for the reason and accepts the current finding (it must need a human and not be accepted yet).
    void acceptCurrentFinding();

Q_SIGNALS:
    // The reviewer selected a finding: show its file and line (in the diff, or the file itself).
    void findingSelected(const harness::Finding &finding);
    void makeRuleRequested(const harness::Finding &finding, const QString &runId);
    // Findings per file of the iteration shown, for the diff's file risk.
    void findingCountsChanged(const QHash<QString, int> &countsByFile);

private:
    void load();
    void showGateLog(int row);
    void currentFindingChanged();
    void setAccepted(const QMap<QString, QString> &accepted);

    QString m_runId;
    QPointer<RepositorySession> m_session;
    QTimer *m_reload = nullptr;
    QList<GateIteration> m_iterations;
    bool m_followNewest = true;
    QComboBox *m_iterationPicker = nullptr;
    GateListModel *m_gates = nullptr;
    FindingsModel *m_findings = nullptr;
    FindingsFilterModel *m_filter = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_gateTable = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QComboBox *m_severityFilter = nullptr;
    QComboBox *m_gateFilter = nullptr;
    QTableView *m_findingsTable = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_ruleButton = nullptr;
    QPushButton *m_acceptButton = nullptr;
    QString m_acceptMessage; // the outcome of the last Accept…, shown under the summary
};

} // namespace harness::ui
