// McpToolSet: servers started under SandboxLaunch, their tools checked and named, calls gated and recorded.
#include "mcptoolset.h"
#include "runjournal.h"
#include "runservices.h"
#include "runtools.h"

#include "core/events/mcpevents.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "core/hostenvironment.h"
#include "runtime/sandbox.h"
#include "runtime/sandboxlaunch.h"
#include "runtime/toolarguments.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>

namespace harness {

namespace {

QString k(const char *s)
{
    return QString::fromLatin1(s);
}

QString toolName(const QString &server, const QString &tool)
{
    return QStringLiteral("mcp__%1__%2").arg(server, tool);
}

// The installation a program or script lies in (a node_modules tree) may be under a hidden folder: it is
// shown read-only, and nothing else of where it lies.
void addInstallation(const QString &path, QStringList &readOnly)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    for (const QString &p : {path, canonical})
        if (const qsizetype at = p.indexOf(k("/node_modules/"));
            at > 0 && !readOnly.contains(p.left(at + 13)))
            readOnly << p.left(at + 13);
}

} // namespace

McpToolSet::McpToolSet(RunJournal &journal, RunTools &tools, const RunServices &services)
    : m_journal(journal), m_tools(tools), m_services(services)
{ }

McpToolSet::~McpToolSet()
{
    stop();
}

bool McpToolSet::declared() const
{
    return !m_services.policy.mcpServers.isEmpty();
}

void McpToolSet::stop()
{
    for (auto &s : m_servers)
        if (s->client)
            s->client->close();
    m_servers.clear();
    m_refused.clear();
    m_key.clear();
}

Status McpToolSet::start(const QString &key, const std::atomic_bool *cancel)
{
    if (!declared())
        return success();
    if (key == m_key && running())
        return refreshChanged(cancel);
    stop();
    for (const McpServerConfig &config : m_services.policy.mcpServers) {
        if (auto s = startOne(config, cancel); !s) {
            stop();
            return s;
        }
    }
    m_key = key;
    return success();
}

Status McpToolSet::startOne(const McpServerConfig &config, const std::atomic_bool *cancel)
{
    const RunState &state = m_journal.state();
    QStringList argv = config.argvFor(state.worktreePath);
    if (!QFileInfo(argv.first()).isAbsolute())
        argv.first() = QStandardPaths::findExecutable(argv.first());
    if (argv.first().isEmpty() || !QFileInfo(argv.first()).isExecutable())
        return Status::failure(
                QStringLiteral("the MCP server \"%1\" of policy.json cannot start: %2 is not an "
                               "executable program (name it by its absolute path or install it "
                               "on the PATH)")
                        .arg(config.name, config.command.first()));
    auto server = std::make_unique<Server>();
    server->config = config;
    SandboxConfig sandboxConfig = m_tools.sandbox().config();
    // The agent's own containment: nothing written before the plan is approved.
    sandboxConfig.worktreeReadOnly = !state.writeAllowed();
    sandboxConfig.readOnlyPaths << QFileInfo(argv.first()).absolutePath()
                                << QFileInfo(QFileInfo(argv.first()).canonicalFilePath()).absolutePath();
    for (const QString &a : argv)
        if (QFileInfo(a).isAbsolute())
            addInstallation(a, sandboxConfig.readOnlyPaths);
    server->sandbox = m_services.makeSandbox ? m_services.makeSandbox(sandboxConfig)
                                             : std::make_unique<Sandbox>(sandboxConfig);
    SandboxLaunch::Options options;
    options.argv = argv;
    for (auto it = config.env.cbegin(); it != config.env.cend(); ++it)
        if (!HostEnvironment::looksSecret(it.key()))
            options.env.insert(it.key(), it.value());
    options.network = m_services.policy.network;
    auto launch = SandboxLaunch::make(*server->sandbox, options);
    if (!launch)
        return Status::failure(QStringLiteral("the MCP server \"%1\" cannot start: %2")
                                       .arg(config.name, launch.errorText()));
    server->launch = std::move(*launch);
    JsonRpcCommand command;
    command.program = server->launch->program();
    command.arguments = server->launch->arguments();
    command.environment = server->launch->environment();
    command.inheritFds = server->launch->inheritableFds();
    command.workingDirectory = state.worktreePath;
    McpClient::Limits limits;
    limits.maxToolNameChars = kMaxToolNameChars - int(toolName(config.name, {}).size());
    server->client = std::make_unique<McpClient>(config.name, limits);
    if (auto s = server->client->start(command, cancel); !s)
        return s;
    auto tools = server->client->listTools(cancel);
    if (!tools)
        return tools.error();
    server->tools = *tools;
    server->refusals = server->client->refusedTools();
    McpServerStartedPayload started;
    started.server = config.name;
    started.command = argv;
    started.serverInfo = server->client->serverInfo();
    started.protocolVersion = server->client->protocolVersion();
    for (const McpRemoteTool &t : server->tools)
        started.tools << t.name;
    started.refused = int(server->refusals.size());
    m_journal.sink().record(makeEvent(m_journal.runId(), started));
    recordRefusals(*server, {});
    m_servers.push_back(std::move(server));
    updateRefused();
    return success();
}

void McpToolSet::recordRefusals(const Server &server, const QStringList &alreadyRecorded)
{
    for (const McpRefusedTool &r : server.refusals)
        if (!alreadyRecorded.contains(r.reason))
            m_journal.sink().record(makeEvent(m_journal.runId(),
                                              McpToolRefusedPayload {server.config.name, r.tool, r.reason}));
}

void McpToolSet::updateRefused()
{
    m_refused.clear();
    for (const auto &s : m_servers)
        for (const McpRefusedTool &r : s->refusals)
            m_refused << QStringLiteral("MCP server \"%1\": %2").arg(s->config.name, r.reason);
}

Status McpToolSet::refreshChanged(const std::atomic_bool *cancel)
{
    for (auto &s : m_servers) {
        if (!s->client->toolsChanged() || !s->client->isRunning())
            continue;
        QStringList before, refusedBefore;
        for (const McpRemoteTool &t : s->tools)
            before << t.name;
        for (const McpRefusedTool &r : s->refusals)
            refusedBefore << r.reason;
        auto tools = s->client->listTools(cancel);
        if (!tools)
            return tools.error();
        s->tools = *tools;
        s->refusals = s->client->refusedTools();
        McpToolsChangedPayload changed;
        changed.server = s->config.name;
        for (const McpRemoteTool &t : s->tools) {
            changed.tools << t.name;
            if (!before.contains(t.name))
                changed.added << t.name;
        }
        for (const QString &name : before)
            if (!changed.tools.contains(name))
                changed.removed << name;
        changed.refused = int(s->refusals.size());
        m_journal.sink().record(makeEvent(m_journal.runId(), changed));
        recordRefusals(*s, refusedBefore);
    }
    updateRefused();
    return success();
}

QJsonArray McpToolSet::toolSchemas() const
{
    QJsonArray out;
    for (const auto &s : m_servers)
        for (const McpRemoteTool &t : s->tools)
            out << QJsonObject {{k("name"), toolName(s->config.name, t.name)},
                                {k("description"),
                                 QStringLiteral("[MCP server %1] %2").arg(s->config.name, t.description)},
                                {k("parameters"), t.inputSchema}};
    return out;
}

ToolResult McpToolSet::call(const QString &name, const QJsonObject &arguments, const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    ToolResult result =
            ToolResult::failure(QStringLiteral("unknown tool \"%1\": no MCP server of this run offers it")
                                        .arg(ToolArguments::cut(name, 120)));
    // A server that changed its tools is listed again first: a tool it no longer offers is unknown.
    if (auto s = refreshChanged(cancel); !s) {
        result = ToolResult::failure(s.errorText());
        result.interrupted = cancel && cancel->load();
        if (!result.interrupted)
            record(name, arguments, result, timer.elapsed());
        return result;
    }
    for (auto &s : m_servers)
        for (const McpRemoteTool &t : s->tools)
            if (toolName(s->config.name, t.name) == name)
                result = callChecked(*s, t, name, arguments, cancel);
    if (!result.interrupted)
        record(name, arguments, result, timer.elapsed());
    return result;
}

ToolResult McpToolSet::callChecked(Server &server, const McpRemoteTool &tool, const QString &name,
                                   const QJsonObject &arguments, const std::atomic_bool *cancel)
{
    PermissionController &permissions = m_tools.tools().permissions();
    // A server may write or execute: closed like run_command until the approved plan's hash matches.
    if (!m_journal.state().writeAllowed()) {
        const QString reason = QStringLiteral("%1 is not available until the plan is approved: tools that "
                                              "write or execute are closed in this phase")
                                       .arg(name);
        permissions.recordDenial(name, k("write_gate"), name, reason);
        return ToolResult::failure(reason);
    }
    if (const QString tooBig = ToolArguments::oversized(name, arguments); !tooBig.isEmpty())
        return ToolResult::failure(tooBig);
    const QString subject = name + QLatin1Char(' ') +
            QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact));
    PermissionDecision rule;
    if (!server.config.askPermission) {
        rule.decision = Decision::Allow;
        rule.reason =
                QStringLiteral("policy.json mcp_servers.%1.permission is \"allow\"").arg(server.config.name);
    } else if (!m_services.autoApproveActor.isEmpty()) {
        rule.decision = Decision::Allow;
        rule.reason =
                QStringLiteral("approved by --approve auto (%1); policy.json mcp_servers.%2.permission is "
                               "\"ask\"")
                        .arg(m_services.autoApproveActor, server.config.name);
    } else {
        rule.decision = Decision::Ask;
        rule.reason =
                QStringLiteral("policy.json mcp_servers.%1.permission is \"ask\"").arg(server.config.name);
    }
    const PermissionDecision d =
            permissions.settle({PermissionRequest::Kind::Tool, name, subject.left(2000)}, rule);
    if (!d.allowed())
        return ToolResult::failure(d.reason);
    if (!server.client->isRunning())
        return ToolResult::failure(
                QStringLiteral("the MCP server \"%1\" is no longer running; its tools cannot "
                               "be used in this iteration")
                        .arg(server.config.name));
    auto answer = server.client->callTool(tool.name, arguments, server.config.timeoutS * 1000, cancel);
    if (!answer) {
        ToolResult failed = ToolResult::failure(answer.errorText());
        failed.interrupted = cancel && cancel->load();
        return failed;
    }
    if (answer->isError)
        return ToolResult::failure(answer->text.isEmpty() ? QStringLiteral("the tool reported an error")
                                                          : answer->text);
    QJsonObject content {{k("text"), answer->text}};
    if (answer->truncated)
        content.insert(k("truncated"), true);
    return ToolResult::success(content);
}

void McpToolSet::record(const QString &name, const QJsonObject &arguments, const ToolResult &result,
                        qint64 ms)
{
    m_journal.sink().record(makeEvent(
            m_journal.runId(), ToolArguments::callPayload(name, arguments, result.ok, ms, result.error)));
}

} // namespace harness
