// AcpMcpLink: the MCP server's place in the agent's sandbox, its command line, and the exchange folder.
#include "acpmcplink.h"
#include "mcpexchange.h"
#include "runjournal.h"
#include "runservices.h"

#include "core/worktreereader.h"
#include "runtime/sandbox.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

namespace harness {

AcpMcpLink::AcpMcpLink(RunJournal &journal, const RunServices &services)
    : m_journal(journal), m_services(services)
{ }

QString AcpMcpLink::binary() const
{
    if (m_services.harnessBinary.isEmpty())
        return {};
    const QFileInfo info(m_services.harnessBinary);
    return info.isFile() && info.isExecutable() ? info.canonicalFilePath() : QString();
}

bool AcpMcpLink::enabled() const
{
    return !binary().isEmpty();
}

Status AcpMcpLink::prepareSandbox(SandboxConfig &config, const QString &agentHome) const
{
    if (!enabled())
        return success();
    const QString folder = McpExchange::folderFor(agentHome);
    if (!QDir().mkpath(McpExchange::suggestionsFolder(folder)))
        return Status::failure(QStringLiteral("cannot make the MCP exchange folder %1").arg(folder));
    // Bound in this order by the sandbox: read-only paths first, then the writable ones over them.
    config.readOnlyPaths << binary() << folder;
    config.writablePaths << McpExchange::suggestionsFolder(folder);
    return success();
}

QJsonArray AcpMcpLink::servers(const QString &agentHome) const
{
    if (!enabled())
        return {};
    const QStringList args {QStringLiteral("mcp"),        QStringLiteral("--contained"),
                            QStringLiteral("--run"),      m_journal.runId(),
                            QStringLiteral("--worktree"), m_journal.state().worktreePath,
                            QStringLiteral("--exchange"), McpExchange::folderFor(agentHome)};
    return QJsonArray {QJsonObject {{QStringLiteral("name"), QString::fromLatin1(kServerName)},
                                    {QStringLiteral("command"), binary()},
                                    {QStringLiteral("args"), QJsonArray::fromStringList(args)},
                                    {QStringLiteral("env"), QJsonArray()}}};
}

Status AcpMcpLink::writeContext(const QString &agentHome) const
{
    if (!enabled())
        return success();
    auto events = m_journal.store().events(m_journal.runId());
    if (!events)
        return events.error();
    return McpExchange::writeContext(McpExchange::folderFor(agentHome),
                                     McpExchange::runContext(m_journal.task(), *events));
}

Result<int> AcpMcpLink::recordSuggestions(const QString &agentHome, const QString &actor) const
{
    if (!enabled())
        return 0;
    const QList<Result<RuleSuggestion>> left =
            McpExchange::takeSuggestions(McpExchange::folderFor(agentHome));
    if (left.isEmpty())
        return 0;
    // The worktree's rules (the project's, read-only for the agent), read without following a link.
    const WorktreeRead rules = WorktreeReader::readFile(
            m_journal.state().worktreePath, QStringLiteral(".harness/rules.json"), 4 * 1024 * 1024);
    QList<Event> events;
    for (const Result<RuleSuggestion> &s : left) {
        if (!s || s->run != m_journal.runId())
            continue; // not one the server left for this run: the agent wrote it itself
        auto checked = s->checkAgainst(rules.ok() ? rules.data : QByteArray());
        if (checked)
            events << makeEvent(QString(), s->payload(*checked), actor);
    }
    if (events.isEmpty())
        return 0;
    if (auto appended = m_journal.store().append(events); !appended)
        return appended.error();
    return int(events.size());
}

} // namespace harness
