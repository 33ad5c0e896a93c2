// GatesPanel: the Gates view — each gate's status, duration and log, and one table of all findings that
// sorts and filters; selecting a finding asks to open its line, "Make this a rule" asks the rule editor.
#pragma once

#include "core/gateresult.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace harness::ui {

class FindingsFilterModel;
class FindingsModel;
class GateListModel;

class GatesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GatesPanel(QWidget *parent = nullptr);

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

Q_SIGNALS:
    // The reviewer selected a finding: show its file and line (in the diff, or the file itself).
    void findingSelected(const harness::Finding &finding);
    void makeRuleRequested(const harness::Finding &finding, const QString &runId);

private:
    void showGateLog(int row);
    void currentFindingChanged();

    QString m_runId;
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
};

} // namespace harness::ui
