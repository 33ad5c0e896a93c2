// AcpExecutor: the agent's sandboxed process for each turn, its session across turns, and the checks after
// each turn.
#include "acpexecutor.h"
#include "agentchangecheck.h"
#include "promptlibrary.h"
#include "runjournal.h"
#include "runservices.h"
#include "runtools.h"
#include "securityviolation.h"

#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/hostenvironment.h"
#include "runtime/sandbox.h"
#include "runtime/sandboxlaunch.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUrl>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

AcpClient::Options clientOptions()
{
    AcpClient::Options o;
    o.promptTimeoutMs = 0; // a turn lasts as long as the run's budget allows
    return o;
}

// The model endpoint as the one entry of the agent's network allow-list.
NetworkPolicy endpointOnly(const QString &baseUrl)
{
    const QUrl url(baseUrl);
    if (!url.isValid() || url.host().isEmpty())
        return NetworkPolicy::off();
    const int port = url.port(url.scheme() == k("https") ? 443 : 80);
    auto rule = HostRule::parse(QStringLiteral("%1:%2").arg(url.host()).arg(port));
    return rule ? NetworkPolicy::proxy({*rule}) : NetworkPolicy::off();
}

} // namespace

AcpExecutor::AcpExecutor(const ExecutorEnvironment &environment, ExecutorChoice choice)
    : m_journal(environment.journal), m_tools(environment.tools), m_services(environment.services),
      m_choice(std::move(choice)), m_bridge(environment.journal, environment.tools),
      m_recorder(environment.journal, m_choice.name()), m_mcp(environment.journal, environment.services),
      m_session(&m_bridge, clientOptions())
{
    if (!m_choice.preset.isEmpty())
        if (auto p = AcpAgentProfile::byId(m_choice.profileId()))
            m_profile = *p;
}

AcpExecutor::~AcpExecutor()
{
    (void)endAgent();
}

Result<std::unique_ptr<Executor>> AcpExecutor::make(const ExecutorEnvironment &environment,
                                                    const ExecutorChoice &choice)
{
    using R = Result<std::unique_ptr<Executor>>;
    if (choice.isBuiltin())
        return R::failure(QStringLiteral("the ACP executor needs an external agent"));
    if (!choice.preset.isEmpty()) {
        if (auto p = AcpAgentProfile::byId(choice.profileId()); !p)
            return p.error();
        if (environment.services.agentBaseUrl.isEmpty())
            return R::failure(QStringLiteral("the agent %1 has no model endpoint: set \"provider_config\" "
                                             "(base_url, api_key_env) in .harness/policy.json")
                                      .arg(choice.name()));
    }
    return std::unique_ptr<Executor>(std::make_unique<AcpExecutor>(environment, choice));
}

QString AcpExecutor::name() const
{
    return m_choice.name();
}

QString AcpExecutor::homeFor(const QString &worktree)
{
    // Not in the worktrees' folder itself: the worktree layer reads every folder there as a worktree.
    const QFileInfo info(QDir::cleanPath(worktree));
    return QDir::cleanPath(info.absolutePath() + QStringLiteral("/../harness-agent-homes/") +
                           info.fileName());
}

Result<JsonRpcCommand> AcpExecutor::launchCommand(bool writable)
{
    const QString worktree = m_journal.state().worktreePath;
    const QString home = homeFor(worktree);
    if (!QDir().mkpath(home))
        return Result<JsonRpcCommand>::failure(QStringLiteral("cannot make the agent's home %1").arg(home));
    JsonRpcCommand agent;
    if (m_profile) {
        agent = m_profile->command(m_services.agentsBinDir,
                                   {m_services.agentBaseUrl, m_services.agentApiKey, m_services.agentModel},
                                   home);
        if (m_services.agentsBinDir.isEmpty())
            agent.program = QStandardPaths::findExecutable(QFileInfo(agent.program).fileName());
    } else {
        agent.program = m_choice.command.first();
        agent.arguments = m_choice.command.mid(1);
        if (!QFileInfo(agent.program).isAbsolute())
            agent.program = QStandardPaths::findExecutable(agent.program);
        agent.environment.clear();
        for (const char *name :
             {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
            agent.environment.insert(k(name), home);
    }
    if (agent.program.isEmpty() || !QFileInfo(agent.program).isExecutable())
        return Result<JsonRpcCommand>::failure(
                QStringLiteral("the agent %1 is not installed (no executable found); run "
                               "`packaging/install-agents.sh` and point HARNESS_AGENTS_DIR at its prefix")
                        .arg(name()));
    SandboxConfig config = m_tools.sandbox().config();
    config.worktreeReadOnly = !writable;
    config.writablePaths = {home};
    // The agent's installation (a node_modules tree) may lie under a hidden folder: shown read-only.
    const QString installed = QFileInfo(agent.program).canonicalFilePath();
    config.readOnlyPaths << QFileInfo(agent.program).absolutePath() << QFileInfo(installed).absolutePath();
    if (const qsizetype at = installed.indexOf(k("/node_modules/")); at > 0)
        config.readOnlyPaths << installed.left(at + 13);
    if (auto s = m_mcp.prepareSandbox(config, home); !s)
        return s.error();
    m_sandbox = m_services.makeSandbox ? m_services.makeSandbox(config) : std::make_unique<Sandbox>(config);
    SandboxLaunch::Options options;
    options.argv = QStringList {agent.program} + agent.arguments;
    for (const QString &key : agent.environment.keys()) {
        if (HostEnvironment::looksSecret(key))
            options.secretEnv.insert(key, agent.environment.value(key));
        else
            options.env.insert(key, agent.environment.value(key));
    }
    options.network = endpointOnly(m_services.agentBaseUrl);
    auto launch = SandboxLaunch::make(*m_sandbox, options);
    if (!launch)
        return launch.error();
    m_launch = std::move(*launch);
    JsonRpcCommand command;
    command.program = m_launch->program();
    command.arguments = m_launch->arguments();
    command.environment = m_launch->environment();
    command.inheritFds = m_launch->inheritableFds();
    command.workingDirectory = worktree;
    return command;
}

QString AcpExecutor::recordedSession() const
{
    auto events = m_journal.store().events(m_journal.runId());
    if (!events)
        return {};
    QString session;
    for (const Event &e : *events)
        if (auto p = payloadIf<ModelCallPayload>(e))
            if (p->provider == name() && p->extra.value(k("acp_session")).isString())
                session = p->extra.value(k("acp_session")).toString();
    return session;
}

Status AcpExecutor::endAgent()
{
    QElapsedTimer clock;
    clock.start();
    const Status ended = m_session.close();
    // Its network proxy and memory files go with it.
    m_launch.reset();
    m_sandbox.reset();
    m_endMs = clock.elapsed();
    return ended;
}

Status AcpExecutor::startAgent(bool writable, const std::atomic_bool *cancel)
{
    QElapsedTimer clock;
    clock.start();
    // A turn's agent is never left running, but an aborted one may be: it goes first.
    if (auto s = endAgent(); !s)
        return s;
    const QString earlier = m_lastSession.isEmpty() ? recordedSession() : m_lastSession;
    auto command = launchCommand(writable);
    if (!command)
        return command.error();
    AcpAgentSession::Setup setup;
    setup.command = *command;
    setup.cwd = m_journal.state().worktreePath;
    setup.mcpServers = m_mcp.servers(homeFor(setup.cwd));
    if (m_profile) {
        setup.authMethod = m_profile->authMethod;
        setup.sessionMode = m_profile->sessionMode;
    }
    if (auto s = m_session.start(setup, cancel); !s) {
        const QString tail = m_session.stderrTail().right(1500);
        (void)endAgent();
        return Status::failure(tail.isEmpty() ? s.errorText()
                                              : s.errorText() + QStringLiteral(" (agent: %1)").arg(tail));
    }
    auto opened = m_session.openSession(earlier, cancel);
    if (!opened) {
        (void)endAgent();
        return opened.error();
    }
    m_lastSession = opened->first;
    m_contextGiven = opened->second;
    m_startMs = clock.elapsed();
    return success();
}

QString AcpExecutor::promptFor(const ExecutorTurn &turn) const
{
    // A session that has not seen the run gets its context first (a resumed run: with what happened).
    QString head;
    if (!m_contextGiven)
        head = (turn.kind == ExecutorTurn::Kind::Plan ? QString()
                                                      : PromptLibrary::externalAgent(k("resume"))) +
                turn.prompt + k("\n\n");
    switch (turn.kind) {
    case ExecutorTurn::Kind::Plan: {
        QString invalid;
        for (const Event &e : m_journal.phaseEvents())
            if (auto p = payloadIf<PlanInvalidPayload>(e))
                invalid = p->error;
            else if (e.kind == kinds::AgentResponse)
                invalid.clear();
        QString text = head + PromptLibrary::externalAgent(k("plan")) + mcpGuide(turn.kind);
        if (!turn.feedback.isEmpty())
            text += QStringLiteral("The human asked for changes to your last plan: %1\n").arg(turn.feedback);
        if (!invalid.isEmpty())
            text += PromptLibrary::planInvalid(invalid);
        return text;
    }
    case ExecutorTurn::Kind::Build:
        return head +
                PromptLibrary::externalAgent(k("build"))
                        .arg(turn.plan ? QString::fromUtf8(QJsonDocument(turn.plan->toJson()).toJson())
                                       : QString()) +
                mcpGuide(turn.kind);
    case ExecutorTurn::Kind::Fix: {
        QStringList lines;
        for (const Finding &f : turn.findings)
            lines << QStringLiteral("- %1:%2: [%3] %4").arg(f.file).arg(f.line).arg(f.rule, f.message);
        return head + PromptLibrary::externalAgent(k("fix")).arg(lines.join(u'\n')) + mcpGuide(turn.kind);
    }
    case ExecutorTurn::Kind::Feedback:
        return head + PromptLibrary::externalAgent(k("feedback")).arg(turn.feedback) + mcpGuide(turn.kind);
    }
    return head;
}

QString AcpExecutor::mcpGuide(ExecutorTurn::Kind kind) const
{
    // Named only when the agent is given the server: a tool it cannot call would only mislead it.
    if (!m_mcp.enabled())
        return {};
    return PromptLibrary::externalAgent(kind == ExecutorTurn::Kind::Plan ? k("mcp-plan") : k("mcp-build"));
}

Result<ExecutorReply> AcpExecutor::runTurn(const ExecutorTurn &turn)
{
    const bool writable = m_journal.state().writeAllowed();
    if (turn.kind != ExecutorTurn::Kind::Plan && !writable)
        return ExecutorReply::failed(k("the build turn started without an approved plan"), k("write_gate"),
                                     k("the plan is not approved"));
    m_bridge.setCancel(turn.cancel);
    if (auto s = startAgent(writable, turn.cancel); !s) {
        if (turn.cancel && turn.cancel->load())
            return ExecutorReply::paused();
        return ExecutorReply::failed(
                s.errorText(), k("agent_unavailable"),
                QStringLiteral("the agent %1 could not start: %2").arg(name(), s.errorText()));
    }
    const QString text = promptFor(turn);
    const QString home = homeFor(m_journal.state().worktreePath);
    if (auto s = m_mcp.writeContext(home); !s) {
        (void)endAgent();
        m_bridge.setCancel(nullptr);
        return s.error();
    }
    m_recorder.begin();
    auto result = m_session.prompt(
            text, [this](const AcpSessionUpdate &u) { m_recorder.onUpdate(u); }, turn.cancel);
    // The agent lives only for its turn, however the turn ended: its whole sandbox is ended, and waited
    // for, before the commands it ran through the harness are stopped and anything of the turn is read.
    const Status ended = endAgent();
    m_bridge.setCancel(nullptr);
    if (!ended)
        return ExecutorReply::failed(
                ended.errorText(), k("agent_failed"),
                QStringLiteral("the agent %1 could not be ended: %2").arg(name(), ended.errorText()));
    // The rules the agent suggested through the MCP server during the turn, whatever became of it.
    if (auto s = m_mcp.recordSuggestions(home, m_recorder.actor()); !s)
        return s.error();
    const bool cancelled = turn.cancel && turn.cancel->load();
    if (!result || result->stopReason == k("cancelled")) {
        if (cancelled)
            return ExecutorReply::paused();
        return ExecutorReply::failed(
                result.errorText(), k("agent_failed"),
                QStringLiteral("the agent %1 failed: %2").arg(name(), result.errorText()));
    }
    m_contextGiven = true;
    const QJsonObject extra {{k("acp_session"), m_lastSession},
                             {k("executor"), name()},
                             {k("agent_start_ms"), m_startMs},
                             {k("agent_end_ms"), m_endMs}};
    if (auto s = m_recorder.finish(turn.phase, turn.number, *result, extra); !s)
        return s.error();
    // Whatever way the agent wrote, its change must be one the built-in agent could have made.
    const RunState &state = m_journal.state();
    const QString reason = AgentChangeCheck(state.worktreePath, m_journal.task().contract.scope)
                                   .violation(state.writeAllowed());
    if (!reason.isEmpty()) {
        if (auto s = m_journal.append(QList<Event> {SecurityViolation::event(
                    m_journal.runId(), state.worktreePath, QStringLiteral("agent_turn"), reason)});
            !s)
            return s.error();
        return ExecutorReply::failed(
                reason, k("security_violation"),
                QStringLiteral("security: %1 The run is stopped; discard it, then run the task "
                               "again.")
                        .arg(reason));
    }
    return ExecutorReply::answered(m_recorder.text(), m_recorder.actor());
}

Result<ExecutorReply> AcpExecutor::plan(const ExecutorTurn &turn)
{
    return runTurn(turn);
}

Result<ExecutorReply> AcpExecutor::build(const ExecutorTurn &turn)
{
    return runTurn(turn);
}

} // namespace harness
