// AcpAgentSession: the asynchronous AcpClient waited on with a local event loop.
#include "acpagentsession.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace harness {

AcpAgentSession::AcpAgentSession(AcpClientHandler *handler, AcpClient::Options options)
    : m_handler(handler), m_options(options)
{ }

AcpAgentSession::~AcpAgentSession()
{
    // The peer's destructor kills what is left of the agent's sandbox and waits for it.
    m_client.reset();
}

Status AcpAgentSession::close(int graceMs)
{
    m_sessionId.clear();
    if (!m_client)
        return success();
    JsonRpcPeer &peer = m_client->peer();
    peer.close(graceMs);
    waitFor([&peer] { return peer.hasEnded(); }, graceMs + JsonRpcPeer::kEndWaitMs);
    const bool ended = peer.hasEnded() || peer.endNow();
    m_client.reset();
    if (!ended)
        return Status::failure(QStringLiteral("a process of the agent's sandbox still runs %1 s after the "
                                              "agent was killed")
                                       .arg((graceMs + 2 * JsonRpcPeer::kEndWaitMs) / 1000));
    return success();
}

bool AcpAgentSession::waitFor(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    tick.start();
    if (!done())
        loop.exec();
    return done();
}

bool AcpAgentSession::isRunning() const
{
    return m_client && m_client->peer().isRunning() && !m_client->peer().hasFailed();
}

const AcpInitializeResult &AcpAgentSession::agent() const
{
    static const AcpInitializeResult none;
    return m_client ? m_client->agent() : none;
}

QString AcpAgentSession::stderrTail() const
{
    return m_client ? m_client->peer().stderrTail() : QString();
}

bool AcpAgentSession::waitUntil(const std::function<bool()> &done, const std::atomic_bool *cancel)
{
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(20);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || (cancel && cancel->load()) || !m_failure.isEmpty())
            loop.quit();
    });
    tick.start();
    if (!done() && !(cancel && cancel->load()) && m_failure.isEmpty())
        loop.exec();
    return done();
}

Status AcpAgentSession::start(const Setup &setup, const std::atomic_bool *cancel)
{
    if (auto s = close(0); !s)
        return s;
    m_setup = setup;
    m_failure.clear();
    m_client = std::make_unique<AcpClient>(m_handler, m_options);
    QObject::connect(m_client.get(), &AcpClient::failed, m_client.get(),
                     [this](const QString &why) { m_failure = why; });
    m_client->start(setup.command);
    std::optional<Result<AcpInitializeResult>> init;
    m_client->initialize([&init](Result<AcpInitializeResult> r) { init = std::move(r); });
    if (!waitUntil([&] { return init.has_value(); }, cancel))
        return Status::failure(m_failure.isEmpty() ? QStringLiteral("cancelled while the agent started")
                                                   : m_failure);
    if (!*init)
        return Status::failure(QStringLiteral("the agent did not initialise: %1").arg(init->errorText()));
    if (!setup.authMethod.isEmpty()) {
        std::optional<Status> auth;
        m_client->authenticate(setup.authMethod, [&auth](Status s) { auth = std::move(s); });
        if (!waitUntil([&] { return auth.has_value(); }, cancel))
            return Status::failure(m_failure.isEmpty() ? QStringLiteral("cancelled") : m_failure);
        if (!*auth)
            return Status::failure(
                    QStringLiteral("the agent refused authentication: %1").arg(auth->errorText()));
    }
    return success();
}

Result<std::pair<QString, bool>> AcpAgentSession::openSession(const QString &sessionId,
                                                              const std::atomic_bool *cancel)
{
    using R = Result<std::pair<QString, bool>>;
    if (!m_client)
        return R::failure(QStringLiteral("the agent is not running"));
    bool loaded = false;
    if (!sessionId.isEmpty() && m_client->agent().loadSession) {
        std::optional<Status> load;
        m_client->loadSession(sessionId, m_setup.cwd, m_setup.mcpServers,
                              [&load](Status s) { load = std::move(s); });
        if (!waitUntil([&] { return load.has_value(); }, cancel))
            return R::failure(m_failure.isEmpty() ? QStringLiteral("cancelled") : m_failure);
        loaded = bool(*load);
        if (loaded)
            m_sessionId = sessionId;
    }
    if (!loaded) {
        std::optional<Result<AcpSessionInfo>> made;
        m_client->newSession(m_setup.cwd, m_setup.mcpServers,
                             [&made](Result<AcpSessionInfo> r) { made = std::move(r); });
        if (!waitUntil([&] { return made.has_value(); }, cancel))
            return R::failure(m_failure.isEmpty() ? QStringLiteral("cancelled") : m_failure);
        if (!*made)
            return R::failure(QStringLiteral("the agent made no session: %1").arg(made->errorText()));
        m_sessionId = made->value().sessionId;
    }
    if (!m_setup.sessionMode.isEmpty()) {
        std::optional<Status> mode;
        m_client->setMode(m_sessionId, m_setup.sessionMode, [&mode](Status s) { mode = std::move(s); });
        if (!waitUntil([&] { return mode.has_value(); }, cancel))
            return R::failure(m_failure.isEmpty() ? QStringLiteral("cancelled") : m_failure);
        if (!*mode)
            return R::failure(QStringLiteral("the agent refused its mode: %1").arg(mode->errorText()));
    }
    return std::make_pair(m_sessionId, loaded);
}

Result<AcpPromptResult> AcpAgentSession::prompt(const QString &text,
                                                const std::function<void(const AcpSessionUpdate &)> &onUpdate,
                                                const std::atomic_bool *cancel)
{
    using R = Result<AcpPromptResult>;
    if (!isRunning() || m_sessionId.isEmpty())
        return R::failure(m_failure.isEmpty() ? QStringLiteral("the agent is not running") : m_failure);
    const QString session = m_sessionId;
    const QMetaObject::Connection updates =
            QObject::connect(m_client.get(), &AcpClient::sessionUpdate, m_client.get(),
                             [&onUpdate, session](const AcpSessionUpdate &u) {
                                 if (u.sessionId == session)
                                     onUpdate(u);
                             });
    std::optional<R> answer;
    m_client->prompt(session, AcpClient::promptText(text), [&answer](R r) { answer = std::move(r); });
    waitUntil([&] { return answer.has_value(); }, cancel);
    if (!answer && cancel && cancel->load() && m_failure.isEmpty()) {
        // Pause or abort: the agent is asked to stop, given a moment to say so, then ended.
        m_client->cancel(session);
        QEventLoop loop;
        QTimer::singleShot(kCancelGraceMs, &loop, &QEventLoop::quit);
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            if (answer || !m_failure.isEmpty())
                loop.quit();
        });
        tick.start(20);
        loop.exec();
    }
    if (m_client)
        QObject::disconnect(updates);
    if (!answer)
        return R::failure(m_failure.isEmpty()
                                  ? QStringLiteral("the agent did not end its turn when cancelled")
                                  : m_failure);
    return std::move(*answer);
}

} // namespace harness
