// AgentsTab: the external agents a run can use instead of the built-in agent (Claude Code, Codex, Gemini
// CLI, opencode): for each, whether it is installed where a run would look for it, its version and its
// path, and which one the repository's policy.json selects. Detection runs off the GUI thread
// (AcpAgentDetector) when the tab is made and again on "Detect again".
#pragma once

#include "agents/acp/acpagentdetector.h"
#include "orchestration/executorchoice.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace harness::ui {

class AgentsTab : public QWidget
{
    Q_OBJECT
public:
    enum Column { AgentColumn, StateColumn, VersionColumn, PathColumn, PolicyColumn, ColumnCount };

    // agentsDir: the prefix of packaging/install-agents.sh; empty: the PATH (AcpAgentDetector).
    explicit AgentsTab(const QString &agentsDir = AcpAgentDetector::defaultAgentsDir(),
                       QWidget *parent = nullptr);

    // What policy.json's "executor" chooses; hasPolicy false: no repository is open.
    void setSelection(const harness::ExecutorChoice &choice, bool hasPolicy);

    QTableWidget *table() const { return m_table; }
    QPushButton *detectButton() const { return m_detect; }
    QLabel *selection() const { return m_selection; }
    QLabel *status() const { return m_status; }
    bool isDetecting() const { return m_detector.isRunning(); }

public Q_SLOTS:
    void detectAgain();

Q_SIGNALS:
    void detected();

private:
    void showAgents(const QList<harness::AcpAgentInstall> &agents);
    void showSelection();

    QString m_agentsDir;
    harness::AcpAgentDetector m_detector;
    harness::ExecutorChoice m_choice;
    bool m_hasPolicy = false;
    QLabel *m_where;
    QLabel *m_selection;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_detect;
};

} // namespace harness::ui
