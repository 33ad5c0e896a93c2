// AgentsTab: a table of the four presets filled from the detector's answer; the row policy.json selects
// is marked, and a missing agent says why and how to install it.
#include "agentstab.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace harness::ui {

AgentsTab::AgentsTab(const QString &agentsDir, QWidget *parent)
    : QWidget(parent), m_agentsDir(agentsDir), m_where(new QLabel(this)), m_selection(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_status(new QLabel(this)),
      m_detect(new QPushButton(tr("Detect Again"), this))
{
    m_where->setObjectName(QStringLiteral("agentsWhere"));
    m_where->setWordWrap(true);
    m_where->setText(
            agentsDir.isEmpty()
                    ? tr("External agents are looked for on the PATH. Install them with "
                         "<code>packaging/install-agents.sh PREFIX</code> and set HARNESS_AGENTS_DIR to "
                         "that prefix.")
                    : tr("External agents are looked for in %1 (HARNESS_AGENTS_DIR, installed by "
                         "<code>packaging/install-agents.sh</code>).")
                              .arg(QDir::toNativeSeparators(agentsDir + QStringLiteral("/node_modules/.bin"))
                                           .toHtmlEscaped()));
    m_selection->setObjectName(QStringLiteral("agentsSelection"));
    m_selection->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("agentsTable"));
    m_table->setHorizontalHeaderLabels(
            {tr("Agent"), tr("Installed"), tr("Version"), tr("Path"), tr("Policy")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_status->setObjectName(QStringLiteral("agentsStatus"));
    m_status->setWordWrap(true);
    m_detect->setObjectName(QStringLiteral("detectAgents"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_detect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_where);
    layout->addWidget(m_selection);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_detect, &QPushButton::clicked, this, &AgentsTab::detectAgain);
    connect(&m_detector, &AcpAgentDetector::detected, this, [this](const QList<AcpAgentInstall> &agents) {
        showAgents(agents);
        Q_EMIT detected();
    });
    showSelection();
    detectAgain();
}

void AgentsTab::detectAgain()
{
    if (!m_detector.start(m_agentsDir))
        return;
    m_detect->setEnabled(false);
    m_status->setText(tr("Detecting the installed agents…"));
}

void AgentsTab::setSelection(const ExecutorChoice &choice, bool hasPolicy)
{
    m_choice = choice;
    m_hasPolicy = hasPolicy;
    showSelection();
    showAgents(m_detector.last());
}

void AgentsTab::showSelection()
{
    if (!m_hasPolicy)
        m_selection->setText(tr("Open a repository to see which agent its policy.json selects."));
    else if (m_choice.isBuiltin())
        m_selection->setText(tr("policy.json selects the built-in agent (\"executor\": \"builtin\"); set "
                                "\"executor\": {\"acp\": \"claude-code\"} (or codex, gemini, opencode) to "
                                "use one of these."));
    else if (!m_choice.command.isEmpty())
        m_selection->setText(tr("policy.json selects an ACP agent of its own: %1")
                                     .arg(m_choice.command.join(QLatin1Char(' ')).toHtmlEscaped()));
    else
        m_selection->setText(tr("policy.json selects <b>%1</b>.").arg(m_choice.preset.toHtmlEscaped()));
}

void AgentsTab::showAgents(const QList<AcpAgentInstall> &agents)
{
    if (agents.isEmpty())
        return;
    m_table->setRowCount(int(agents.size()));
    int installed = 0;
    QString selectedMissing;
    for (int row = 0; row < agents.size(); ++row) {
        const AcpAgentInstall &a = agents.at(row);
        const bool selected = m_hasPolicy && m_choice.preset == a.preset;
        installed += a.installed() ? 1 : 0;
        if (selected && !a.installed())
            selectedMissing = a.displayName;
        auto *name = new QTableWidgetItem(a.displayName);
        name->setToolTip(a.package);
        auto *state = new QTableWidgetItem(a.installed() ? tr("installed") : tr("not installed"));
        state->setForeground(a.installed() ? QColor(0x1b, 0x5e, 0x20) : QColor(0x8a, 0x1c, 0x1c));
        state->setToolTip(a.problem);
        auto *version = new QTableWidgetItem(a.version.isEmpty() ? tr("unknown") : a.version);
        version->setToolTip(a.version.isEmpty() ? a.problem : tr("from %1").arg(a.versionSource));
        const QString path = a.installed() ? QDir::toNativeSeparators(a.executable) : a.problem;
        auto *where = new QTableWidgetItem(path);
        where->setToolTip(path);
        auto *policy = new QTableWidgetItem(selected ? tr("selected") : QString());
        if (selected) {
            QFont bold = name->font();
            bold.setBold(true);
            for (QTableWidgetItem *item : {name, policy})
                item->setFont(bold);
        }
        m_table->setItem(row, AgentColumn, name);
        m_table->setItem(row, StateColumn, state);
        m_table->setItem(row, VersionColumn, version);
        m_table->setItem(row, PathColumn, where);
        m_table->setItem(row, PolicyColumn, policy);
    }
    m_detect->setEnabled(true);
    QString text = tr("%1 of %2 agents installed.").arg(installed).arg(agents.size());
    if (!selectedMissing.isEmpty())
        text += QLatin1Char(' ') +
                tr("<b style='color:#8a1c1c'>%1, which policy.json selects, is not installed: runs will "
                   "stop until it is.</b>")
                        .arg(selectedMissing.toHtmlEscaped());
    m_status->setText(text);
}

} // namespace harness::ui
