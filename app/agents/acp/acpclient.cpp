// AcpClient implementation: protocol methods as JSON-RPC requests, and the agent's requests dispatched to
// the handler with exactly-once answers.
#include "agents/acp/acpclient.h"

#include "buildinfo.h"

#include <QPointer>
#include <memory>

namespace harness {

namespace {

QString k(const char *name)
{
    return QString::fromLatin1(name);
}

// Calls `f` at most once, whatever the handler does with the copies of the callback.
template<typename F>
auto once(F f)
{
    auto fired = std::make_shared<bool>(false);
    return [f = std::move(f), fired](auto &&...args) {
        if (*fired)
            return;
        *fired = true;
        f(std::forward<decltype(args)>(args)...);
    };
}

} // namespace

AcpClient::AcpClient(AcpClientHandler *handler, Options options, QObject *parent)
    : QObject(parent), m_handler(handler), m_options(options), m_peer(options.limits, this)
{
    connect(&m_peer, &JsonRpcPeer::requestReceived, this, &AcpClient::onRequest);
    connect(&m_peer, &JsonRpcPeer::notificationReceived, this, &AcpClient::onNotification);
    connect(&m_peer, &JsonRpcPeer::failed, this, &AcpClient::failed);
    connect(&m_peer, &JsonRpcPeer::finished, this, &AcpClient::finished);
}

void AcpClient::start(const JsonRpcCommand &command)
{
    m_peer.start(command);
}

void AcpClient::initialize(std::function<void(Result<AcpInitializeResult>)> done)
{
    const QJsonObject params {{k("protocolVersion"), kProtocolVersion},
                              {k("clientCapabilities"),
                               QJsonObject {{k("fs"),
                                             QJsonObject {{k("readTextFile"), m_options.readTextFile},
                                                          {k("writeTextFile"), m_options.writeTextFile}}},
                                            {k("terminal"), m_options.terminal}}},
                              {k("clientInfo"),
                               QJsonObject {{k("name"), k("harness-workbench")},
                                            {k("title"), k("Harness Workbench")},
                                            {k("version"), QStringLiteral(HARNESS_VERSION)}}}};
    QPointer<AcpClient> self(this);
    m_peer.request(
            k("initialize"), params,
            [self, done](const Result<QJsonValue> &answer) {
                if (!answer)
                    return done(answer.error());
                Result<AcpInitializeResult> result = AcpInitializeResult::fromJson(answer->toObject());
                if (result && result->protocolVersion != kProtocolVersion)
                    return done(Result<AcpInitializeResult>::failure(
                            QStringLiteral("the agent speaks ACP protocol version %1; this harness speaks "
                                           "version %2")
                                    .arg(result->protocolVersion)
                                    .arg(kProtocolVersion)));
                if (result && self)
                    self->m_agent = *result;
                done(result);
            },
            m_options.initializeTimeoutMs);
}

void AcpClient::authenticate(const QString &methodId, std::function<void(Status)> done)
{
    m_peer.request(
            k("authenticate"), {{k("methodId"), methodId}},
            [done](const Result<QJsonValue> &answer) { done(answer ? success() : Status(answer.error())); },
            m_options.sessionTimeoutMs);
}

void AcpClient::newSession(const QString &cwd, const QJsonArray &mcpServers,
                           std::function<void(Result<AcpSessionInfo>)> done)
{
    m_peer.request(
            k("session/new"), {{k("cwd"), cwd}, {k("mcpServers"), mcpServers}},
            [done](const Result<QJsonValue> &answer) {
                if (!answer)
                    return done(answer.error());
                done(AcpSessionInfo::fromJson(answer->toObject()));
            },
            m_options.sessionTimeoutMs);
}

void AcpClient::loadSession(const QString &sessionId, const QString &cwd, const QJsonArray &mcpServers,
                            std::function<void(Status)> done)
{
    if (!m_agent.loadSession) {
        done(Status::failure(
                QStringLiteral("the agent %1 does not offer session/load").arg(m_agent.agentName)));
        return;
    }
    m_peer.request(
            k("session/load"), {{k("sessionId"), sessionId}, {k("cwd"), cwd}, {k("mcpServers"), mcpServers}},
            [done](const Result<QJsonValue> &answer) { done(answer ? success() : Status(answer.error())); },
            m_options.sessionTimeoutMs);
}

void AcpClient::setMode(const QString &sessionId, const QString &modeId, std::function<void(Status)> done)
{
    m_peer.request(
            k("session/set_mode"), {{k("sessionId"), sessionId}, {k("modeId"), modeId}},
            [done](const Result<QJsonValue> &answer) { done(answer ? success() : Status(answer.error())); },
            m_options.sessionTimeoutMs);
}

QJsonArray AcpClient::promptText(const QString &text)
{
    return {QJsonObject {{k("type"), k("text")}, {k("text"), text}}};
}

void AcpClient::prompt(const QString &sessionId, const QJsonArray &prompt,
                       std::function<void(Result<AcpPromptResult>)> done)
{
    m_peer.request(
            k("session/prompt"), {{k("sessionId"), sessionId}, {k("prompt"), prompt}},
            [done](const Result<QJsonValue> &answer) {
                if (!answer)
                    return done(answer.error());
                done(AcpPromptResult::fromJson(answer->toObject()));
            },
            m_options.promptTimeoutMs);
}

void AcpClient::cancel(const QString &sessionId)
{
    m_peer.notify(k("session/cancel"), {{k("sessionId"), sessionId}});
    const QList<QJsonValue> open = m_openPermissions.take(sessionId);
    for (const QJsonValue &id : open)
        m_peer.respond(id, AcpPermissionOutcome {true, {}}.toJson());
}

void AcpClient::close()
{
    m_peer.close();
}

template<typename Request>
bool AcpClient::parse(const JsonRpcMessage &message, Result<Request> &out)
{
    out = Request::fromJson(message.params);
    if (out)
        return true;
    m_peer.respondError(message.id, JsonRpcMessage::kInvalidParams,
                        QStringLiteral("invalid params for %1: %2").arg(message.method, out.errorText()));
    return false;
}

void AcpClient::onRequest(const JsonRpcMessage &message)
{
    const QJsonValue id = message.id;
    QPointer<JsonRpcPeer> peer(&m_peer);
    // Answers go back only while the session lives; a second answer to the same id is dropped.
    auto answerStatus = once([peer, id](const Status &status) {
        if (!peer)
            return;
        if (status)
            peer->respond(id, QJsonObject {});
        else
            peer->respondError(id, JsonRpcMessage::kInternalError, status.errorText());
    });
    const QString &method = message.method;
    if (method == k("session/request_permission")) {
        Result<AcpPermissionRequest> request = Result<AcpPermissionRequest>::failure(QString());
        if (!parse(message, request))
            return;
        m_openPermissions[request->sessionId].append(id);
        QPointer<AcpClient> self(this);
        const QString sessionId = request->sessionId;
        m_handler->requestPermission(*request,
                                     once([self, peer, id, sessionId](const AcpPermissionOutcome &outcome) {
                                         if (self)
                                             self->m_openPermissions[sessionId].removeAll(id);
                                         if (peer)
                                             peer->respond(id, outcome.toJson());
                                     }));
    } else if (method == k("fs/read_text_file") && m_options.readTextFile) {
        Result<AcpReadTextFileRequest> request = Result<AcpReadTextFileRequest>::failure(QString());
        if (!parse(message, request))
            return;
        m_handler->readTextFile(*request, once([peer, id](const Result<QString> &content) {
            if (!peer)
                return;
            if (content)
                peer->respond(id, QJsonObject {{k("content"), *content}});
            else if (content.error().field == AcpClientHandler::notFoundField())
                peer->respondError(id, JsonRpcMessage::kResourceNotFound, content.error().message);
            else
                peer->respondError(id, JsonRpcMessage::kInternalError, content.errorText());
        }));
    } else if (method == k("fs/write_text_file") && m_options.writeTextFile) {
        Result<AcpWriteTextFileRequest> request = Result<AcpWriteTextFileRequest>::failure(QString());
        if (parse(message, request))
            m_handler->writeTextFile(*request, answerStatus);
    } else if (method == k("terminal/create") && m_options.terminal) {
        Result<AcpCreateTerminalRequest> request = Result<AcpCreateTerminalRequest>::failure(QString());
        if (!parse(message, request))
            return;
        m_handler->createTerminal(*request, once([peer, id](const Result<QString> &terminalId) {
            if (!peer)
                return;
            if (terminalId)
                peer->respond(id, QJsonObject {{k("terminalId"), *terminalId}});
            else
                peer->respondError(id, JsonRpcMessage::kInternalError, terminalId.errorText());
        }));
    } else if (method.startsWith(k("terminal/")) && m_options.terminal) {
        Result<AcpTerminalRequest> request = Result<AcpTerminalRequest>::failure(QString());
        if (!parse(message, request))
            return;
        if (method == k("terminal/output")) {
            m_handler->terminalOutput(*request, once([peer, id](const Result<AcpTerminalOutput> &output) {
                if (!peer)
                    return;
                if (output)
                    peer->respond(id, output->toJson());
                else
                    peer->respondError(id, JsonRpcMessage::kInternalError, output.errorText());
            }));
        } else if (method == k("terminal/wait_for_exit")) {
            m_handler->waitForTerminalExit(*request, once([peer, id](const Result<AcpTerminalExit> &exit) {
                if (!peer)
                    return;
                if (exit)
                    peer->respond(id, exit->toJson());
                else
                    peer->respondError(id, JsonRpcMessage::kInternalError, exit.errorText());
            }));
        } else if (method == k("terminal/kill")) {
            m_handler->killTerminal(*request, answerStatus);
        } else if (method == k("terminal/release")) {
            m_handler->releaseTerminal(*request, answerStatus);
        } else {
            m_peer.respondError(id, JsonRpcMessage::kMethodNotFound,
                                QStringLiteral("unknown method %1").arg(method));
        }
    } else {
        // Methods we did not advertise, extensions (names starting with "_"), and unknown ones.
        m_peer.respondError(id, JsonRpcMessage::kMethodNotFound,
                            QStringLiteral("the client does not offer %1").arg(method));
    }
}

void AcpClient::onNotification(const JsonRpcMessage &message)
{
    if (message.method != k("session/update")) {
        Q_EMIT ignoredMessage(QStringLiteral("unknown notification %1").arg(message.method));
        return;
    }
    Result<AcpSessionUpdate> update = AcpSessionUpdate::fromParams(message.params);
    if (!update) {
        Q_EMIT ignoredMessage(QStringLiteral("unreadable session update: %1").arg(update.errorText()));
        return;
    }
    Q_EMIT sessionUpdate(*update);
}

} // namespace harness
